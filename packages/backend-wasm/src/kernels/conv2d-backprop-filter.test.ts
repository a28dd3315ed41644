import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@saddle/core';
import { describeWithBackends, expectTensorClose } from '@saddle/testing';
import { it } from 'vitest';
import { valuesOn } from '../test-support/values-on.js';

type Shape4 = [number, number, number, number];
type Pad = 'same' | 'valid' | number | tf.backend_util.ExplicitPadding;

/** Inputs (NHWC) and filters: odd sizes, 1×1 and non-square filters, several batches and channels. */
const SHAPES: ReadonlyArray<{ x: Shape4; filter: Shape4 }> = [
  { x: [1, 7, 9, 1], filter: [3, 3, 1, 1] },
  { x: [3, 8, 5, 4], filter: [2, 4, 4, 3] },
  { x: [2, 9, 11, 5], filter: [5, 3, 5, 2] },
  { x: [4, 6, 7, 3], filter: [1, 1, 3, 6] },
];
const PADS: readonly Pad[] = ['same', 'valid', 2, [[0, 0], [1, 2], [3, 0], [0, 0]]];

interface Case {
  readonly x: Shape4;
  readonly filter: Shape4;
  readonly strides: number;
  readonly pad: Pad;
  readonly dataFormat: 'NHWC' | 'NCHW';
  readonly dimRoundingMode?: 'ceil';
}

const CASES: readonly Case[] = [
  ...SHAPES.flatMap(({ x, filter }) => [1, 2, 3].flatMap((strides) => PADS.flatMap((pad) =>
    (['NHWC', 'NCHW'] as const).map((dataFormat) => ({ x, filter, strides, pad, dataFormat }))))),
  // Rounding the output size up makes the last window overhang the padded input.
  { x: [2, 8, 9, 3], filter: [3, 3, 3, 2], strides: 2, pad: 1, dataFormat: 'NHWC', dimRoundingMode: 'ceil' },
];

// Float32 sums of up to ~200 products of N(0, 1) numbers (the cpu kernel sums in float64) can be
// off by ε₃₂·Σ|products| ≈ 1.5e-5; the largest error seen beyond rtol is 4.9e-6.
const TOL = { rtol: 1e-5, atol: 1e-5 };

function caseName({ x, filter, strides, pad, dataFormat, dimRoundingMode }: Case): string {
  const rounding = dimRoundingMode === undefined ? '' : `, rounding ${dimRoundingMode}`;
  return `x ${x.join('×')}, filter ${filter.join('×')}, stride ${strides}, pad ${JSON.stringify(pad)}, ${dataFormat}${rounding}`;
}

/** dW of a conv2d for a seeded input and a seeded upstream gradient dY (shapes given NHWC). */
function filterGrad(testCase: Case): tf.Tensor {
  const { x, filter, strides, pad, dataFormat, dimRoundingMode } = testCase;
  const rng = createRng(7).fold(caseName(testCase));
  const info = tf.backend_util.computeConv2DInfo(x, filter, strides, 1, pad, dimRoundingMode, false, 'channelsLast');
  const layout = <T>([n, h, w, c]: [T, T, T, T]): [T, T, T, T] => (dataFormat === 'NHWC' ? [n, h, w, c] : [n, c, h, w]);
  const inputs = { x: rng.fold('x').normal(layout(x)), dy: rng.fold('dy').normal(layout(info.outShape)) };
  const attrs: tf.Conv2DBackpropFilterAttrs = { strides, pad: Array.isArray(pad) ? layout(pad) : pad, dataFormat, dimRoundingMode, filterShape: filter };
  return tf.engine().runKernel(tf.Conv2DBackpropFilter, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor;
}

describeWithBackends('Conv2DBackpropFilter', { only: ['wasm'] }, () => {
  for (const testCase of CASES) {
    it(`matches cpu: ${caseName(testCase)}`, async () => {
      const [actual] = await valuesOn('wasm', () => [filterGrad(testCase)]);
      const [expected] = await valuesOn('cpu', () => [filterGrad(testCase)]);
      await expectTensorClose(actual!, expected!, TOL);
    });
  }

  it('trains through tf.grad: the filter gradient of a strided conv2d matches cpu', async () => {
    const grad = () => {
      const rng = createRng(11);
      const x = rng.fold('x').normal([2, 9, 9, 3]) as tf.Tensor4D;
      const w = rng.fold('w').normal([3, 3, 3, 4]) as tf.Tensor4D;
      const r = rng.fold('r').normal([2, 5, 5, 4]);
      return [tf.grad((v: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(x, v as tf.Tensor4D, 2, 'same'), r)))(w)];
    };
    const [actual] = await valuesOn('wasm', grad);
    const [expected] = await valuesOn('cpu', grad);
    await expectTensorClose(actual!, expected!, TOL);
  });
});
