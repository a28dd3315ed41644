import { SaddleError } from '@saddle/core';
import { SHAPE_CLASSES, SHAPE_IMAGE_SIZE } from './colored-shapes.js';

const PIXELS = SHAPE_IMAGE_SIZE * SHAPE_IMAGE_SIZE;
/** A pixel is foreground when its largest channel, in [0, 1], exceeds this (background ≤ 0.15, shapes ≥ 0.68). */
const FOREGROUND = 0.45;
/** Fewest foreground pixels a recognised shape has (the smallest triangle has about 72). */
const MIN_PIXELS = 40;
/** Largest side of a recognised shape's bounding box (shapes are 12–20 px). */
const MAX_SIDE = 24;
/** Mean largest channel the background may have. */
const MAX_BACKGROUND = 0.3;
/** Largest distance between a shape's brightness-normalised mean colour and its palette colour. */
const MAX_COLOR_DISTANCE = 0.3;
/** Fill of the bounding box: square 1, disc ≈ π/4, triangle ≈ ½. */
const SQUARE_FILL = 0.89;
const DISC_FILL = 0.64;
const MIN_FILL = 0.35;

/**
 * The mode (label in `SHAPE_CLASSES`) of each 32×32 RGB image in [−1, 1], NHWC, or −1 when the
 * image is not a recognisable coloured shape. Rule, with v = (x + 1)/2: foreground = pixels whose
 * largest channel exceeds 0.45; the image is recognised when it has ≥ 40 foreground pixels, a
 * background whose mean largest channel is < 0.3, a nearly square bounding box (aspect in
 * [0.75, 1.34], sides ≤ 24 px) and a foreground mean colour, divided by its largest channel, within 0.3 of a
 * palette colour so divided. The shape follows from the fill of the bounding box: ≥ 0.89 square,
 * ≥ 0.64 disc, ≥ 0.35 triangle. Every image of `coloredShapes` is classified as its label.
 *
 * @example
 * ```ts
 * const modes = classifyShapeImages(await fake.data()); // Int32Array, one label or −1 per image
 * ```
 */
export function classifyShapeImages(images: ArrayLike<number>): Int32Array {
  const count = images.length / (3 * PIXELS);
  if (!Number.isInteger(count)) {
    throw new SaddleError(`holds ${images.length} values, not a whole number of 32×32×3 images`, {
      code: 'SHAPE_MISMATCH', field: 'images', value: images.length, fix: 'pass NHWC images of shape [n, 32, 32, 3]',
    });
  }
  const modes = new Int32Array(count);
  for (let i = 0; i < count; i++) modes[i] = classifyOne(images, i * 3 * PIXELS);
  return modes;
}

function classifyOne(images: ArrayLike<number>, base: number): number {
  let n = 0;
  let background = 0;
  let [sumR, sumG, sumB] = [0, 0, 0];
  let [minX, minY, maxX, maxY] = [SHAPE_IMAGE_SIZE, SHAPE_IMAGE_SIZE, -1, -1];
  for (let p = 0; p < PIXELS; p++) {
    const r = ((images[base + 3 * p] as number) + 1) / 2;
    const g = ((images[base + 3 * p + 1] as number) + 1) / 2;
    const b = ((images[base + 3 * p + 2] as number) + 1) / 2;
    const top = Math.max(r, g, b);
    if (!(top > FOREGROUND)) {
      background += Number.isFinite(top) ? top : 1;
      continue;
    }
    n++;
    [sumR, sumG, sumB] = [sumR + r, sumG + g, sumB + b];
    const x = p % SHAPE_IMAGE_SIZE;
    const y = (p - x) / SHAPE_IMAGE_SIZE;
    [minX, minY, maxX, maxY] = [Math.min(minX, x), Math.min(minY, y), Math.max(maxX, x), Math.max(maxY, y)];
  }
  if (n < MIN_PIXELS || background / (PIXELS - n) >= MAX_BACKGROUND) return -1;
  const width = maxX - minX + 1;
  const height = maxY - minY + 1;
  if (width > MAX_SIDE || height > MAX_SIDE || width / height < 0.75 || width / height > 1.34) return -1;
  const fill = n / (width * height);
  const shape = fill >= SQUARE_FILL ? 0 : fill >= DISC_FILL ? 1 : fill >= MIN_FILL ? 2 : -1;
  const top = Math.max(sumR, sumG, sumB);
  const color = nearestColor([sumR / top, sumG / top, sumB / top]);
  return shape < 0 || color < 0 ? -1 : 4 * shape + color;
}

function nearestColor(rgb: readonly number[]): number {
  let best = -1;
  let bestDistance = MAX_COLOR_DISTANCE;
  for (let k = 0; k < 4; k++) {
    const palette = (SHAPE_CLASSES[k] as (typeof SHAPE_CLASSES)[number]).rgb;
    const top = Math.max(...palette);
    const distance = Math.hypot(...palette.map((v, c) => v / top - (rgb[c] as number)));
    if (distance < bestDistance) [best, bestDistance] = [k, distance];
  }
  return best;
}

/**
 * What `shapeModeCoverage` measures.
 *
 * @example
 * ```ts
 * const { modesCovered, countsPerMode } = shapeModeCoverage(samples); // modesCovered ≤ 12
 * ```
 */
export interface ShapeModeCoverage {
  /** Modes with at least `minCount` images. */
  readonly modesCovered: number;
  /** Images classified into each of the 12 modes. */
  readonly countsPerMode: readonly number[];
  /** Fraction of images recognised as some mode (the "high-quality" fraction). */
  readonly recognisedFraction: number;
}

/**
 * Mode coverage of generated 32×32 RGB images against the 12 modes of `coloredShapes`, by
 * `classifyShapeImages`: a mode is covered when at least `minCount` images (default 1% of them,
 * at least 1) are classified into it.
 *
 * @example
 * ```ts
 * const { modesCovered, recognisedFraction } = shapeModeCoverage(await generator(z).data());
 * ```
 */
export function shapeModeCoverage(images: ArrayLike<number>, options: { readonly minCount?: number } = {}): ShapeModeCoverage {
  const modes = classifyShapeImages(images);
  const minCount = options.minCount ?? Math.max(1, Math.ceil(0.01 * modes.length));
  const countsPerMode = new Array<number>(SHAPE_CLASSES.length).fill(0);
  let recognised = 0;
  for (const k of modes) {
    if (k < 0) continue;
    countsPerMode[k] = (countsPerMode[k] as number) + 1;
    recognised++;
  }
  return {
    modesCovered: countsPerMode.filter((c) => c >= minCount).length,
    countsPerMode,
    recognisedFraction: modes.length === 0 ? 0 : recognised / modes.length,
  };
}
