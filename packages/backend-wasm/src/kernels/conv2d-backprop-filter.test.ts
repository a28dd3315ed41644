import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@saddle/core';
import { describeWithBackends, expectTensorClose } from '@saddle/testing';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { expect, it } from 'vitest';
import { caseName, conv2dGrid, conv2dInfo, inLayout, type Conv2dCase, type Pad, type Shape4 } from '../test-support/conv2d-cases.js';
import { valuesOn } from '../test-support/values-on.js';
import { conv2dBackpropFilterVia, filterGradRoute, JS_TRANSPOSE_MIN_FLOATS, type FilterGradRoute } from './conv2d-backprop-filter.js';
import { MAX_COLUMN_FLOATS } from './conv2d-backprop-input.js';

/**
 * Inputs (NHWC) and filters: odd sizes, 1×1 and non-square filters, batches 1 to 4, 1 to 12
 * channels (both sides of the routes' channel threshold).
 */
const SHAPES: ReadonlyArray<{ x: Shape4; filter: Shape4 }> = [
  { x: [1, 7, 9, 1], filter: [3, 3, 1, 1] },
  { x: [3, 8, 5, 4], filter: [2, 4, 4, 3] },
  { x: [2, 9, 11, 5], filter: [5, 3, 5, 2] },
  { x: [4, 6, 7, 3], filter: [1, 1, 3, 6] },
  { x: [1, 6, 5, 12], filter: [3, 2, 12, 5] },
];
const PADS: readonly Pad[] = ['same', 'valid', 2, [[0, 0], [1, 2], [3, 0], [0, 0]]];

const CASES = conv2dGrid(SHAPES, PADS, [
  // Different strides per axis, and an output size rounded up (the last window overhangs).
  { x: [2, 9, 8, 3], filter: [4, 3, 3, 4], strides: [2, 1], pad: 'same', dataFormat: 'NHWC' },
  { x: [2, 7, 9, 10], filter: [3, 5, 10, 4], strides: [1, 3], pad: 'valid', dataFormat: 'NCHW' },
  { x: [2, 8, 9, 3], filter: [3, 3, 3, 2], strides: 2, pad: 1, dataFormat: 'NHWC', dimRoundingMode: 'ceil' },
]);
const ROUTES: readonly FilterGradRoute[] = ['columns', 'conv'];

// Float32 sums of up to ~200 products of N(0, 1) numbers (the cpu kernel sums in float64) can be
// off by ε₃₂·Σ|products| ≈ 1.5e-5; the largest error seen beyond rtol is 4.9e-6.
const TOL = { rtol: 1e-5, atol: 1e-5 };
// Two float32 sums of 3·64·64 ≈ 12k products each (|dW| up to ≈ 400): rounding errors random-walk
// to ≈ √12k · 6e-8 · 100 ≈ 7e-4 where the partial sums are largest.
const CHUNKED_TOL = { rtol: 1e-5, atol: 1e-3 };

/**
 * dW of a conv2d for a seeded input and a seeded upstream gradient dY (shapes given NHWC), by the
 * registered kernel or, on wasm, by one route of Saddle's.
 */
function filterGrad(testCase: Conv2dCase, route?: FilterGradRoute): tf.Tensor {
  const { x, filter, strides, pad, dataFormat, dimRoundingMode } = testCase;
  const rng = createRng(7).fold(caseName(testCase));
  const inputs = { x: rng.fold('x').normal(inLayout(testCase, x)), dy: rng.fold('dy').normal(inLayout(testCase, conv2dInfo(testCase).outShape)) };
  const attrs: tf.Conv2DBackpropFilterAttrs = { strides, pad: Array.isArray(pad) ? inLayout(testCase, pad) : pad, dataFormat, dimRoundingMode, filterShape: filter };
  if (route === undefined) return tf.engine().runKernel(tf.Conv2DBackpropFilter, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor;
  const backend = tf.backend() as BackendWasm;
  const out = conv2dBackpropFilterVia(route)({ inputs, backend, attrs: attrs as unknown as tf.NamedAttrMap }) as tf.TensorInfo;
  return tf.engine().makeTensorFromTensorInfo(out, backend);
}

describeWithBackends('Conv2DBackpropFilter', { only: ['wasm'] }, () => {
  for (const testCase of CASES) {
    it(`matches cpu by both routes: ${caseName(testCase)}`, async () => {
      const [expected] = await valuesOn('cpu', () => [filterGrad(testCase)]);
      for (const route of ROUTES) {
        const [actual] = await valuesOn('wasm', () => [filterGrad(testCase, route)]);
        await expectTensorClose(actual!, expected!, TOL);
      }
    });
  }

  it('takes the columns route for inputs of up to 8 channels and the conv route above', () => {
    const route = (channels: number) =>
      filterGradRoute(tf.backend_util.computeConv2DInfo([64, 32, 32, channels], [4, 4, channels, 64], 2, 1, 1));
    expect([1, 3, 8, 9, 64].map(route)).toEqual(['columns', 'columns', 'columns', 'conv', 'conv']);
  });

  it(`sums the columns route over chunks of images when its columns exceed ${MAX_COLUMN_FLOATS} floats, matching the conv route`, async () => {
    // 64·64 pixels × 16·16 taps × 8 channels = 2²³ floats per image: chunks of 2 images, then 1.
    // The reference is the conv route (checked against cpu above): cpu takes ~6 s for these 50M products.
    const testCase: Conv2dCase = { x: [3, 64, 64, 8], filter: [16, 16, 8, 2], strides: 1, pad: 'same', dataFormat: 'NHWC' };
    const [expected] = await valuesOn('wasm', () => [filterGrad(testCase, 'conv')]);
    const [actual] = await valuesOn('wasm', () => [filterGrad(testCase, 'columns')]);
    await expectTensorClose(actual!, expected!, CHUNKED_TOL);
  });

  for (const dataFormat of ['NHWC', 'NCHW'] as const) {
    it(`swaps the input's axes in JS on the conv route from ${JS_TRANSPOSE_MIN_FLOATS} floats, matching cpu (${dataFormat})`, async () => {
      const testCase: Conv2dCase = { x: [8, 16, 16, 256], filter: [2, 2, 256, 2], strides: 4, pad: 'valid', dataFormat };
      expect(testCase.x.reduce((a, b) => a * b)).toBeGreaterThanOrEqual(JS_TRANSPOSE_MIN_FLOATS);
      const [expected] = await valuesOn('cpu', () => [filterGrad(testCase)]);
      const [actual] = await valuesOn('wasm', () => [filterGrad(testCase, 'conv')]);
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

  it('trains through tf.grad: the filter gradient of a conv2d on 3-channel images (columns route) matches cpu', async () => {
    const grad = () => {
      const rng = createRng(13);
      const x = rng.fold('x').normal([4, 12, 12, 3]) as tf.Tensor4D;
      const w = rng.fold('w').normal([4, 4, 3, 8]) as tf.Tensor4D;
      const r = rng.fold('r').normal([4, 6, 6, 8]);
      return [tf.grad((v: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(x, v as tf.Tensor4D, 2, [[0, 0], [1, 1], [1, 1], [0, 0]]), r)))(w)];
    };
    const [actual] = await valuesOn('wasm', grad);
    const [expected] = await valuesOn('cpu', grad);
    await expectTensorClose(actual!, expected!, TOL);
  });
});
