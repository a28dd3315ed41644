import { SaddleError } from '@saddle/core';
import type { RgbImage } from './png.js';

/**
 * A batch of images as host floats in [−1, 1]: N×C×H×W (PyTorch) or N×H×W×C (TF.js), C = 1 or 3.
 *
 * @example
 * ```ts
 * const batch: ImageBatch = { data: await samples.data() as Float32Array, shape: [16, 32, 32, 3], layout: 'NHWC' };
 * const png = encodePng(imageGrid(batch));
 * ```
 */
export interface ImageBatch {
  readonly data: Float32Array | Float64Array;
  readonly shape: readonly [number, number, number, number];
  readonly layout: 'NCHW' | 'NHWC';
}

/**
 * How `imageGrid` lays images out.
 *
 * @example
 * ```ts
 * const options: ImageGridOptions = { columns: 8, padding: 1, background: 0 }; // black 1-pixel gutters
 * const grid = imageGrid({ data, shape: [64, 3, 32, 32], layout: 'NCHW' }, options);
 * ```
 */
export interface ImageGridOptions {
  /** Images per row; default ⌈√N⌉. */
  readonly columns?: number;
  /** Pixels between images (filled with `background`); default 2. */
  readonly padding?: number;
  /** Padding grey level, 0–255; default 255 (white). */
  readonly background?: number;
}

/**
 * Tiles a batch of images into one RGB image, row-major (image i at row ⌊i / columns⌋, column
 * i mod columns), ready for `encodePng`. Values map from [−1, 1] to bytes by
 * round((x + 1) / 2 · 255), clipped to 0–255 (NaN → 0); grayscale images are repeated on R, G, B.
 *
 * @example
 * ```ts
 * const out = readNpy(await readFileBytes('G.out.npy')); // float32 [16, 3, 32, 32]
 * const grid = imageGrid({ data: out.data as Float32Array, shape: [16, 3, 32, 32], layout: 'NCHW' }, { columns: 4 });
 * await writeFileAtomic('grid.png', encodePng(grid)); // 4×4 tiles, 138×138 pixels
 * ```
 */
export function imageGrid(batch: ImageBatch, options: ImageGridOptions = {}): RgbImage {
  const { data, shape, layout } = batch;
  const [n, a, b, c] = shape;
  const [channels, height, width] = layout === 'NCHW' ? [a, b, c] : [c, a, b];
  const bad = (field: string, value: unknown, fix: string): never => {
    throw new SaddleError('bad input for imageGrid', { code: 'INVALID_ARGUMENT', field, value, fix });
  };
  if (layout !== 'NCHW' && layout !== 'NHWC') bad('layout', layout, 'pass "NCHW" or "NHWC"');
  if (!shape.every((d) => Number.isSafeInteger(d) && d > 0)) bad('shape', shape, 'pass four positive integers');
  if (channels !== 1 && channels !== 3) bad('shape', shape, `pass 1 or 3 channels in the ${layout} channel axis`);
  if (data.length !== n * channels * height * width) bad('data', data.length, `pass ${n * channels * height * width} values for shape [${shape.join(', ')}]`);
  const { columns = Math.ceil(Math.sqrt(n)), padding = 2, background = 255 } = options;
  if (!Number.isSafeInteger(columns) || columns < 1) bad('columns', columns, 'pass a positive integer');
  if (!Number.isSafeInteger(padding) || padding < 0) bad('padding', padding, 'pass an integer ≥ 0');
  const rows = Math.ceil(n / columns);
  const gridWidth = columns * width + (columns + 1) * padding;
  const gridHeight = rows * height + (rows + 1) * padding;
  const out = new Uint8Array(gridWidth * gridHeight * 3).fill(background);
  for (let i = 0; i < n; i++) {
    const left = padding + (i % columns) * (width + padding);
    const top = padding + Math.floor(i / columns) * (height + padding);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        for (let k = 0; k < 3; k++) {
          const ch = channels === 1 ? 0 : k;
          const at = layout === 'NCHW' ? ((i * channels + ch) * height + y) * width + x : ((i * height + y) * width + x) * channels + ch;
          const v = Math.round(((data[at]! + 1) / 2) * 255);
          out[((top + y) * gridWidth + left + x) * 3 + k] = v > 255 ? 255 : v > 0 ? v : 0;
        }
      }
    }
  }
  return { width: gridWidth, height: gridHeight, channels: 3, data: out };
}
