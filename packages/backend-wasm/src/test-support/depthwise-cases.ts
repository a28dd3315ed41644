import * as tf from '@tensorflow/tfjs-core';

type Shape4 = [number, number, number, number];
type Pad = 'same' | 'valid' | number | tf.backend_util.ExplicitPadding;

/** One depthwise convolution geometry: input NHWC, filter [fh, fw, C, M]. */
export interface DepthwiseCase {
  readonly x: Shape4;
  readonly filter: Shape4;
  readonly strides: number;
  readonly dilations: number;
  readonly pad: Pad;
  readonly dimRoundingMode?: 'ceil';
}

const SHAPES: ReadonlyArray<{ x: Shape4; filter: Shape4 }> = [
  { x: [1, 7, 9, 1], filter: [3, 3, 1, 1] },
  { x: [3, 8, 5, 4], filter: [2, 4, 4, 2] },
  { x: [2, 9, 11, 3], filter: [5, 3, 3, 3] },
  { x: [4, 6, 7, 5], filter: [1, 1, 5, 1] },
];
// Pad 2 on a 1×1 filter pads past the filter's reach, which the input gradient must crop.
const PADS: readonly Pad[] = ['same', 'valid', 2, [[0, 0], [1, 2], [3, 0], [0, 0]]];
// tfjs's depthwiseConv2d takes a stride or a dilation above 1, not both.
const STRIDES_DILATIONS = [[1, 1], [1, 2], [2, 1], [3, 1]] as const;

const GRID: readonly DepthwiseCase[] = [
  ...SHAPES.flatMap(({ x, filter }) => STRIDES_DILATIONS.flatMap(([strides, dilations]) =>
    PADS.map((pad) => ({ x, filter, strides, dilations, pad })))),
  // Rounding the output size up makes the last window overhang the padded input.
  { x: [2, 8, 9, 3], filter: [3, 3, 3, 2], strides: 2, dilations: 1, pad: 1, dimRoundingMode: 'ceil' },
];

/** Every shape × stride/dilation × padding whose output is not empty, and a rounded-up output size. */
export const DEPTHWISE_CASES: readonly DepthwiseCase[] = GRID.filter(({ x, filter, strides, dilations, pad, dimRoundingMode }) => {
  const { outHeight, outWidth } = tf.backend_util.computeConv2DInfo(x, filter, strides, dilations, pad, dimRoundingMode, true);
  return outHeight > 0 && outWidth > 0;
});

/** A test name for a case, also its seed. */
export function caseName({ x, filter, strides, dilations, pad, dimRoundingMode }: DepthwiseCase): string {
  const rounding = dimRoundingMode === undefined ? '' : `, rounding ${dimRoundingMode}`;
  return `x ${x.join('×')}, filter ${filter.join('×')}, stride ${strides}, dilation ${dilations}, pad ${JSON.stringify(pad)}${rounding}`;
}
