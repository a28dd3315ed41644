import type * as tf from '@tensorflow/tfjs-core';
import { createRng, SaddleError, type Rng } from '@saddle/core';
import type { ExampleSet } from './example-set.js';
import { check, isIntegerIn } from './internal/check.js';
import { batched, type DatasetSource } from './pipeline.js';

/**
 * Side of the procedural images in pixels.
 *
 * @example
 * ```ts
 * const z = rng.normal([64, 128]); // a generator maps z to [64, SHAPE_IMAGE_SIZE, SHAPE_IMAGE_SIZE, 3]
 * ```
 */
export const SHAPE_IMAGE_SIZE = 32;

/**
 * The shapes drawn.
 *
 * @example
 * ```ts
 * const discs = SHAPE_CLASSES.filter((c) => c.shape === ('disc' satisfies ShapeKind)); // 4 modes, one per colour
 * ```
 */
export type ShapeKind = 'square' | 'disc' | 'triangle';

/**
 * One mode of the procedural set: a shape in a colour.
 *
 * @example
 * ```ts
 * const mode: ShapeClass = SHAPE_CLASSES[5] as ShapeClass; // { shape: 'disc', color: 'green', rgb: [0.2, 0.85, 0.25] }
 * console.log(`${mode.color} ${mode.shape}`);
 * ```
 */
export interface ShapeClass {
  readonly shape: ShapeKind;
  readonly color: string;
  /** The colour at full brightness, RGB in [0, 1]. */
  readonly rgb: readonly [number, number, number];
}

const SHAPES: readonly ShapeKind[] = ['square', 'disc', 'triangle'];
const PALETTE: readonly (readonly [string, readonly [number, number, number]])[] = [
  ['red', [0.95, 0.2, 0.2]],
  ['green', [0.2, 0.85, 0.25]],
  ['blue', [0.25, 0.4, 1]],
  ['yellow', [0.95, 0.85, 0.2]],
];

/**
 * The 12 modes, indexed by label k = 4·shape + colour (shapes square, disc, triangle; colours red, green, blue, yellow).
 *
 * @example
 * ```ts
 * SHAPE_CLASSES[5]; // { shape: 'disc', color: 'green', rgb: [0.2, 0.85, 0.25] }
 * ```
 */
export const SHAPE_CLASSES: readonly ShapeClass[] = SHAPES.flatMap((shape) => PALETTE.map(([color, rgb]) => ({ shape, color, rgb })));

/**
 * The procedural set's size and seed.
 *
 * @example
 * ```ts
 * const options: ColoredShapesOptions = { count: 1200, seed: 7 }; // 100 images per mode
 * const shapes = coloredShapes(options);
 * ```
 */
export interface ColoredShapesOptions {
  /** Number of images N (default 50,000, as CIFAR-10's training split). */
  readonly count?: number;
  /** Seed of the images (default 0). */
  readonly seed?: number;
}

/**
 * A built-in image set that needs no download: N seeded 32×32 RGB images (NHWC, channels R, G, B,
 * values in [−1, 1]) of one coloured shape on a dark grey background, in 12 known modes
 * (`SHAPE_CLASSES`: square, disc or upward triangle × red, green, blue or yellow), so a
 * generator's mode coverage can be measured exactly with `shapeModeCoverage`.
 *
 * Image i has label k = i mod 12 (classes exactly balanced) and is rendered on demand from
 * u = createRng(seed).fold(i).uniform(5): extent s = 12 + ⌊9u₀⌋ px, box corner
 * (1 + ⌊u₁(31 − s)⌋, 1 + ⌊u₂(31 − s)⌋), brightness b = 0.8 + 0.2u₃, background grey g = 0.15u₄.
 * A pixel whose centre p lies in the shape (square: the s×s box; disc: ‖p − centre‖ ≤ s/2;
 * triangle: apex at the top middle, width t at depth t) has value b·rgb_k, any other g; x = 2v − 1.
 *
 * @example
 * ```ts
 * const shapes = coloredShapes();
 * for await (const x of shapes.batches({ batchSize: 64, rng })) { ...; x.dispose(); } // [64, 32, 32, 3]
 * ```
 */
export function coloredShapes(options: ColoredShapesOptions = {}): DatasetSource<tf.Tensor4D> {
  const { count = 50_000, seed = 0 } = options;
  check('count', count, isIntegerIn(count, 1, 1 << 24), 'an integer in [1, 16777216]');
  const root = createRng(seed);
  const exampleSize = SHAPE_IMAGE_SIZE * SHAPE_IMAGE_SIZE * 3;
  const set: ExampleSet = {
    name: 'colored-shapes',
    size: count,
    exampleShape: [SHAPE_IMAGE_SIZE, SHAPE_IMAGE_SIZE, 3],
    labels: Int32Array.from({ length: count }, (_, i) => i % SHAPE_CLASSES.length),
    classNames: SHAPE_CLASSES.map((c) => `${c.color} ${c.shape}`),
    read: async (indices) => {
      const out = new Float32Array(indices.length * exampleSize);
      indices.forEach((index, j) => {
        if (!(index >= 0 && index < count)) {
          throw new SaddleError(`index outside [0, ${count})`, { code: 'INVALID_ARGUMENT', field: 'colored-shapes.read', value: index, fix: 'pass example indices of this set' });
        }
        renderShape(SHAPE_CLASSES[index % SHAPE_CLASSES.length] as ShapeClass, root.fold(index), out.subarray(j * exampleSize, (j + 1) * exampleSize));
      });
      return out;
    },
  };
  return batched<tf.Tensor4D>(set, { shuffle: true, dropLast: false });
}

/** Draws one image of class `mode` from its key into `out` (HWC, [−1, 1]). */
function renderShape(mode: ShapeClass, rng: Rng, out: Float32Array): void {
  const n = SHAPE_IMAGE_SIZE;
  const [u0, u1, u2, u3, u4] = rng.uniform(5) as unknown as [number, number, number, number, number];
  const s = 12 + Math.floor(9 * u0);
  const x0 = 1 + Math.floor(u1 * (n - 1 - s));
  const y0 = 1 + Math.floor(u2 * (n - 1 - s));
  const brightness = 0.8 + 0.2 * u3;
  const background = 2 * (0.15 * u4) - 1;
  const cx = x0 + s / 2;
  const cy = y0 + s / 2;
  const fill = mode.rgb.map((c) => 2 * brightness * c - 1);
  for (let py = 0; py < n; py++) {
    for (let px = 0; px < n; px++) {
      const x = px + 0.5;
      const y = py + 0.5;
      const inBox = x > x0 && x < x0 + s && y > y0 && y < y0 + s;
      const inside =
        mode.shape === 'square' ? inBox
        : mode.shape === 'disc' ? (x - cx) ** 2 + (y - cy) ** 2 <= (s / 2) ** 2
        : inBox && Math.abs(x - cx) <= (y - y0) / 2;
      const o = 3 * (py * n + px);
      for (let c = 0; c < 3; c++) out[o + c] = inside ? (fill[c] as number) : background;
    }
  }
}
