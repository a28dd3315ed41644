import { SaddleError } from '@saddle/core';
import { requireInteger } from './internal/validate.js';

/**
 * One curve (or point cloud) of a plot.
 *
 * @example
 * ```ts
 * const ode: PlotSeries = { name: 'ODE', x: run.t, y: run.P.map((P) => P[0]?.[0] ?? NaN) };
 * const simulated: PlotSeries = { name: 'simulation, n = 1000', x: sim.t, y: sim.P.map((P) => P[0]?.[0] ?? NaN), style: 'points' };
 * ```
 */
export interface PlotSeries {
  /** Legend text. */
  readonly name: string;
  readonly x: readonly number[];
  readonly y: readonly number[];
  /** Any SVG colour (default: the Tableau 10 palette in order). */
  readonly color?: string;
  /** A polyline (default; gaps at non-finite values) or dots, e.g. simulation against an ODE curve. */
  readonly style?: 'line' | 'points';
  /** Whether the series gets a legend entry (default true): many runs of one kind can share one named entry. */
  readonly legend?: boolean;
}

/**
 * What to draw and how large.
 *
 * @example
 * ```ts
 * const options: LinePlotOptions = { series: [ode, simulated], title: 'P₁₁(t)', xLabel: 't', yLabel: 'cos(u₁, v₁)', yScale: 'linear' };
 * writeFileSync('p11.svg', svgLinePlot(options));
 * ```
 */
export interface LinePlotOptions {
  readonly series: readonly PlotSeries[];
  readonly title?: string;
  readonly xLabel?: string;
  readonly yLabel?: string;
  /** Pixels (default 640 × 400). */
  readonly width?: number;
  readonly height?: number;
  /** A log y axis drops values ≤ 0 (default linear). */
  readonly yScale?: 'linear' | 'log';
}

const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];
const MARGIN = { left: 72, right: 16, top: 36, bottom: 48 };

/**
 * A self-contained SVG line plot as a string: axes with round ticks, optional log y axis,
 * one polyline or set of dots per series, a legend, a title and axis labels. Pure (no DOM, no
 * files), so a CLI can write it next to its JSON and a browser can inline it.
 *
 * @example
 * ```ts
 * const ode = integrateSolvableGanOde(solvableGanFigure1Setting(2), { T: 150 });
 * const svg = svgLinePlot({
 *   title: 'Model M, η = 2', xLabel: 't', yLabel: 'cosine',
 *   series: [
 *     { name: 'P11', x: ode.t, y: ode.P.map((P) => P[0][0]) },
 *     { name: 'P22', x: ode.t, y: ode.P.map((P) => P[1][1]) },
 *   ],
 * });
 * ```
 * @see Wang, Hu and Lu, "A Solvable High-Dimensional Model of GAN", 2019 (Fig. 1 draws this way)
 */
export function svgLinePlot(options: LinePlotOptions): string {
  const { series, title = '', xLabel = '', yLabel = '', width = 640, height = 400, yScale = 'linear' } = options;
  requireInteger(width, 'width', MARGIN.left + MARGIN.right + 40);
  requireInteger(height, 'height', MARGIN.top + MARGIN.bottom + 40);
  if (!(series?.length > 0)) {
    throw new SaddleError('a plot needs at least one series', { code: 'INVALID_ARGUMENT', field: 'series', value: series, fix: 'pass [{ name, x, y }]' });
  }
  series.forEach((s, i) => {
    if (s.x.length !== s.y.length) {
      throw new SaddleError('x and y must have equal lengths', {
        code: 'SHAPE_MISMATCH', field: `series[${i}].y`, value: s.y.length, fix: `pass ${s.x.length} y values, one per x`,
      });
    }
  });
  const log = yScale === 'log';
  const usable = (x: number, y: number) => Number.isFinite(x) && Number.isFinite(y) && (!log || y > 0);
  const xs: number[] = [];
  const ys: number[] = [];
  for (const s of series) {
    s.x.forEach((x, j) => {
      const y = s.y[j] as number;
      if (usable(x, y)) {
        xs.push(x);
        ys.push(log ? Math.log10(y) : y);
      }
    });
  }
  const [x0, x1] = padRange(Math.min(...xs), Math.max(...xs));
  const [y0, y1] = padRange(Math.min(...ys), Math.max(...ys));
  const plotW = width - MARGIN.left - MARGIN.right;
  const plotH = height - MARGIN.top - MARGIN.bottom;
  const px = (x: number) => MARGIN.left + ((x - x0) / (x1 - x0)) * plotW;
  const py = (v: number) => MARGIN.top + plotH - ((v - y0) / (y1 - y0)) * plotH;
  const fmt = (v: number) => v.toFixed(1);

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#333"/>`,
  ];
  for (const t of niceTicks(x0, x1)) {
    parts.push(`<line x1="${fmt(px(t))}" y1="${MARGIN.top + plotH}" x2="${fmt(px(t))}" y2="${MARGIN.top + plotH + 5}" stroke="#333"/>`);
    parts.push(`<text x="${fmt(px(t))}" y="${MARGIN.top + plotH + 18}" text-anchor="middle">${formatTick(t)}</text>`);
  }
  // On a log axis prefer whole decades; a range under two decades keeps the finer ticks.
  const allYTicks = niceTicks(y0, y1);
  const decades = allYTicks.filter(Number.isInteger);
  for (const t of log && decades.length >= 2 ? decades : allYTicks) {
    parts.push(`<line x1="${MARGIN.left - 5}" y1="${fmt(py(t))}" x2="${MARGIN.left}" y2="${fmt(py(t))}" stroke="#333"/>`);
    parts.push(`<line x1="${MARGIN.left}" y1="${fmt(py(t))}" x2="${MARGIN.left + plotW}" y2="${fmt(py(t))}" stroke="#ddd"/>`);
    parts.push(`<text x="${MARGIN.left - 8}" y="${fmt(py(t) + 4)}" text-anchor="end">${formatTick(log ? 10 ** t : t)}</text>`);
  }
  let legendRow = 0;
  series.forEach((s, i) => {
    const color = escapeXml(s.color ?? (PALETTE[i % PALETTE.length] as string));
    const points = s.x.map((x, j): [number, number] | undefined => {
      const y = s.y[j] as number;
      return usable(x, y) ? [px(x), py(log ? Math.log10(y) : y)] : undefined;
    });
    if (s.style === 'points') {
      const dots = points.filter((p): p is [number, number] => p !== undefined).map(([x, y]) => `<circle cx="${fmt(x)}" cy="${fmt(y)}" r="2"/>`);
      parts.push(`<g fill="${color}">${dots.join('')}</g>`);
    } else {
      let d = '';
      let pen = 'M';
      for (const p of points) {
        if (p === undefined) {
          pen = 'M';
          continue;
        }
        d += `${pen}${fmt(p[0])},${fmt(p[1])}`;
        pen = 'L';
      }
      parts.push(`<path d="${d}" fill="none" stroke="${color}" stroke-width="1.5"/>`);
    }
    if (s.legend === false) return;
    const ly = MARGIN.top + 14 + 16 * legendRow++;
    const lx = MARGIN.left + plotW - 150;
    parts.push(`<line x1="${lx}" y1="${ly - 4}" x2="${lx + 20}" y2="${ly - 4}" stroke="${color}" stroke-width="3"/>`);
    parts.push(`<text x="${lx + 26}" y="${ly}">${escapeXml(s.name)}</text>`);
  });
  parts.push(`<text x="${width / 2}" y="22" text-anchor="middle" font-size="14">${escapeXml(title)}</text>`);
  parts.push(`<text x="${MARGIN.left + plotW / 2}" y="${height - 10}" text-anchor="middle">${escapeXml(xLabel)}</text>`);
  parts.push(`<text transform="translate(16 ${MARGIN.top + plotH / 2}) rotate(-90)" text-anchor="middle">${escapeXml(yLabel)}</text>`);
  parts.push('</svg>');
  return parts.join('\n');
}

/** The data range widened by 4% (or to ±0.5 when flat; [0, 1] when empty). */
function padRange(lo: number, hi: number): [number, number] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [0, 1];
  if (hi === lo) return [lo - 0.5, hi + 0.5];
  const pad = 0.04 * (hi - lo);
  return [lo - pad, hi + pad];
}

/** About five ticks inside [lo, hi], at multiples of the 1, 2 or 5 × 10^k nearest to a fifth of the range. */
function niceTicks(lo: number, hi: number): number[] {
  const raw = (hi - lo) / 5;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const distance = (m: number) => Math.abs(Math.log((m * magnitude) / raw));
  const step = [1, 2, 5, 10].reduce((best, m) => (distance(m) < distance(best) ? m : best)) * magnitude;
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + 1e-9 * step; t += step) ticks.push(Math.abs(t) < 1e-12 * step ? 0 : Number(t.toPrecision(12)));
  return ticks;
}

function formatTick(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  return a >= 1e5 || a < 1e-3 ? v.toExponential(1) : String(Number(v.toPrecision(6)));
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
