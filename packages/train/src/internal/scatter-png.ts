import pngjs from 'pngjs';
import { forEachInkedPixel, GLYPH_HEIGHT, GLYPH_WIDTH } from './tiny-font.js';

// pngjs is CommonJS; its default import is the only form Node's ESM loader guarantees.
const { PNG } = pngjs;

type Rgb = readonly [number, number, number];

/** One labelled set of 2-D points, row-major x0, y0, x1, y1, .... */
export interface ScatterSeries {
  readonly label: string;
  readonly points: ArrayLike<number>;
  readonly color: Rgb;
}

const SIZE = 512;
/** Plot area: a square with room for tick labels on the left and below. */
const LEFT = 56;
const TOP = 16;
const SIDE = SIZE - LEFT - 16;
const TEXT_SCALE = 2;
const INK: Rgb = [0, 0, 0];
/** Points are blended at this opacity so dense regions read darker. */
const POINT_ALPHA = 0.45;

/**
 * Renders a 512×512 PNG scatter plot: white background, an axes box with ticks and labels on
 * a square window around all finite points (equal scales on both axes), the series drawn in
 * order, and a legend in the top-right corner.
 */
export function renderScatterPng(series: readonly ScatterSeries[]): Buffer {
  const png = new PNG({ width: SIZE, height: SIZE });
  png.data.fill(255);
  const blend = (x: number, y: number, [r, g, b]: Rgb, alpha: number): void => {
    if (x < 0 || y < 0 || x >= SIZE || y >= SIZE) return;
    const i = 4 * (y * SIZE + x);
    const data = png.data;
    data[i] = Math.round((data[i] as number) * (1 - alpha) + r * alpha);
    data[i + 1] = Math.round((data[i + 1] as number) * (1 - alpha) + g * alpha);
    data[i + 2] = Math.round((data[i + 2] as number) * (1 - alpha) + b * alpha);
  };
  const fillRect = (x: number, y: number, w: number, h: number, color: Rgb): void => {
    for (let dy = 0; dy < h; dy++) for (let dx = 0; dx < w; dx++) blend(x + dx, y + dy, color, 1);
  };
  const text = (s: string, x: number, y: number): void =>
    forEachInkedPixel(s, (px, py) => fillRect(x + px * TEXT_SCALE, y + py * TEXT_SCALE, TEXT_SCALE, TEXT_SCALE, INK));

  const { low, high } = window(series);
  const toPixel = (v: number): number => ((v - low) / (high - low)) * (SIDE - 1);
  for (const s of series) {
    for (let i = 0; i + 1 < s.points.length; i += 2) {
      const x = s.points[i] as number;
      const y = s.points[i + 1] as number;
      if (!Number.isFinite(x) || !Number.isFinite(y) || x < low || x > high || y < low || y > high) continue;
      const px = LEFT + Math.round(toPixel(x));
      const py = TOP + SIDE - 1 - Math.round(toPixel(y));
      for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) blend(px + dx, py + dy, s.color, POINT_ALPHA);
    }
  }

  // Axes box, then ticks and their labels.
  fillRect(LEFT - 1, TOP - 1, SIDE + 2, 1, INK);
  fillRect(LEFT - 1, TOP + SIDE, SIDE + 2, 1, INK);
  fillRect(LEFT - 1, TOP - 1, 1, SIDE + 2, INK);
  fillRect(LEFT + SIDE, TOP - 1, 1, SIDE + 2, INK);
  for (const tick of niceTicks(low, high)) {
    const label = formatTick(tick);
    const width = label.length * GLYPH_WIDTH * TEXT_SCALE;
    const along = Math.round(toPixel(tick));
    fillRect(LEFT + along, TOP + SIDE + 1, 1, 5, INK);
    text(label, LEFT + along - width / 2, TOP + SIDE + 9);
    fillRect(LEFT - 6, TOP + SIDE - 1 - along, 5, 1, INK);
    text(label, LEFT - 9 - width, TOP + SIDE - 1 - along - GLYPH_HEIGHT);
  }

  // Legend: a swatch and a label per series, on a boxed white panel.
  const rowHeight = GLYPH_HEIGHT * TEXT_SCALE + 8;
  const labelWidth = Math.max(...series.map((s) => s.label.length)) * GLYPH_WIDTH * TEXT_SCALE;
  const panelWidth = 12 + 12 + 8 + labelWidth;
  const panelX = LEFT + SIDE - panelWidth - 8;
  const panelY = TOP + 8;
  fillRect(panelX, panelY, panelWidth, rowHeight * series.length + 8, INK);
  fillRect(panelX + 1, panelY + 1, panelWidth - 2, rowHeight * series.length + 6, [255, 255, 255]);
  series.forEach((s, i) => {
    const y = panelY + 8 + i * rowHeight;
    fillRect(panelX + 8, y + 1, 12, 12, s.color);
    text(s.label, panelX + 28, y);
  });
  return PNG.sync.write(png);
}

/** A square window [low, high] on both axes holding every finite point, with a 10% margin. */
function window(series: readonly ScatterSeries[]): { low: number; high: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const s of series) {
    for (let i = 0; i < s.points.length; i++) {
      const v = s.points[i] as number;
      if (Number.isFinite(v)) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
  }
  if (min > max) return { low: -1, high: 1 };
  const centre = (min + max) / 2;
  const half = Math.max(((max - min) / 2) * 1.1, 1e-3);
  return { low: centre - half, high: centre + half };
}

/** About five ticks at 1, 2 or 5 × 10^k spacing (the usual "nice numbers"). */
function niceTicks(low: number, high: number): number[] {
  const rough = (high - low) / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 5, 10].find((m) => m * power >= rough) ?? 10) * power;
  const ticks: number[] = [];
  for (let t = Math.ceil(low / step) * step; t <= high; t += step) ticks.push(t);
  return ticks;
}

/** Short labels without float noise: 0.30000000000000004 → "0.3". */
function formatTick(value: number): string {
  return String(Number(value.toPrecision(6)) + 0);
}
