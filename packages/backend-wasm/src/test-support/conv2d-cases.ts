import * as tf from '@tensorflow/tfjs-core';

export type Shape4 = [number, number, number, number];
export type Pad = 'same' | 'valid' | number | tf.backend_util.ExplicitPadding;

/** One conv2d geometry, shapes given NHWC whatever the data format. */
export interface Conv2dCase {
  readonly x: Shape4;
  readonly filter: Shape4;
  readonly strides: number | [number, number];
  readonly pad: Pad;
  readonly dataFormat: 'NHWC' | 'NCHW';
  readonly dimRoundingMode?: 'ceil';
}

/** Every shape × stride 1–3 × padding × data format, then the extra cases. */
export function conv2dGrid(
  shapes: ReadonlyArray<{ x: Shape4; filter: Shape4 }>, pads: readonly Pad[], extra: readonly Conv2dCase[],
): Conv2dCase[] {
  return [
    ...shapes.flatMap(({ x, filter }) => [1, 2, 3].flatMap((strides) => pads.flatMap((pad) =>
      (['NHWC', 'NCHW'] as const).map((dataFormat) => ({ x, filter, strides, pad, dataFormat }))))),
    ...extra,
  ];
}

/** The forward conv's geometry (NHWC). */
export function conv2dInfo({ x, filter, strides, pad, dimRoundingMode }: Conv2dCase): tf.backend_util.Conv2DInfo {
  return tf.backend_util.computeConv2DInfo(x, filter, strides, 1, pad, dimRoundingMode, false, 'channelsLast');
}

/** An NHWC-ordered 4-tuple in the case's data format. */
export function inLayout<T>({ dataFormat }: Conv2dCase, [n, h, w, c]: [T, T, T, T]): [T, T, T, T] {
  return dataFormat === 'NHWC' ? [n, h, w, c] : [n, c, h, w];
}

/** A test name for a case, also its seed. */
export function caseName({ x, filter, strides, pad, dataFormat, dimRoundingMode }: Conv2dCase): string {
  const rounding = dimRoundingMode === undefined ? '' : `, rounding ${dimRoundingMode}`;
  return `x ${x.join('×')}, filter ${filter.join('×')}, stride ${JSON.stringify(strides)}, pad ${JSON.stringify(pad)}, ${dataFormat}${rounding}`;
}
