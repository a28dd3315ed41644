import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@saddle/core';
import { describeWithBackends, expectTensorClose } from '@saddle/testing';
import { it } from 'vitest';
import { caseName, conv2dGrid, conv2dInfo, inLayout, type Conv2dCase, type Pad, type Shape4 } from '../test-support/conv2d-cases.js';
import { valuesOn } from '../test-support/values-on.js';
import { MAX_COLUMN_FLOATS } from './conv2d-backprop-input.js';

/**
 * Inputs dX (NHWC) and filters: kernel sizes 1 to 5, non-square and larger than the stride or
 * not a multiple of it (zero taps in some phases), odd sizes, batches 1 to 4, 1 to 6 channels.
 */
const SHAPES: ReadonlyArray<{ x: Shape4; filter: Shape4 }> = [
  { x: [1, 7, 9, 1], filter: [3, 3, 1, 1] },
  { x: [3, 8, 5, 4], filter: [4, 4, 4, 3] },
  { x: [2, 9, 11, 5], filter: [5, 3, 5, 2] },
  { x: [4, 6, 7, 3], filter: [1, 1, 3, 6] },
  { x: [2, 8, 8, 6], filter: [4, 4, 6, 5] },
  { x: [1, 10, 6, 2], filter: [5, 5, 2, 3] },
];
const PADS: readonly Pad[] = ['same', 'valid', 1, [[0, 0], [1, 2], [3, 0], [0, 0]]];

const GRID = conv2dGrid(SHAPES, PADS, [
  // Different strides per axis, and an output size rounded up (the last window overhangs).
  { x: [2, 9, 8, 3], filter: [4, 3, 3, 4], strides: [2, 1], pad: 'same', dataFormat: 'NHWC' },
  { x: [2, 7, 9, 3], filter: [3, 5, 3, 4], strides: [1, 3], pad: 'valid', dataFormat: 'NHWC' },
  { x: [2, 8, 9, 3], filter: [3, 3, 3, 2], strides: 2, pad: 1, dataFormat: 'NHWC', dimRoundingMode: 'ceil' },
]);

/** Every grid case whose forward output is not empty. */
const CASES = GRID.filter((testCase) => {
  const { outHeight, outWidth } = conv2dInfo(testCase);
  return outHeight > 0 && outWidth > 0;
});

// Float32 sums of up to ~75 products of N(0, 1) numbers can be off by ε₃₂·Σ|products| ≈ 5e-6.
const TOL = { rtol: 1e-5, atol: 1e-5 };

/** dX of a conv2d for a seeded filter and a seeded upstream gradient dY (shapes given NHWC). */
function inputGrad(testCase: Conv2dCase): tf.Tensor {
  const { x, filter, strides, pad, dataFormat, dimRoundingMode } = testCase;
  const rng = createRng(5).fold(caseName(testCase));
  const inputs = { dy: rng.fold('dy').normal(inLayout(testCase, conv2dInfo(testCase).outShape)), filter: rng.fold('w').normal(filter) };
  const attrs: tf.Conv2DBackpropInputAttrs = {
    strides, pad: Array.isArray(pad) ? inLayout(testCase, pad) : pad, dataFormat, dimRoundingMode, inputShape: inLayout(testCase, x),
  };
  return tf.engine().runKernel(tf.Conv2DBackpropInput, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor;
}

describeWithBackends('Conv2DBackpropInput', { only: ['wasm'] }, () => {
  for (const testCase of CASES) {
    it(`matches cpu: ${caseName(testCase)}`, async () => {
      const [actual] = await valuesOn('wasm', () => [inputGrad(testCase)]);
      const [expected] = await valuesOn('cpu', () => [inputGrad(testCase)]);
      await expectTensorClose(actual!, expected!, TOL);
    });
  }

  it('runs conv2dTranspose as DCGAN does (4×4, stride 2, pad 1) and its gradients through tf.grads, matching cpu', async () => {
    const grads = () => {
      const rng = createRng(17);
      const h = rng.fold('h').normal([3, 4, 4, 8]) as tf.Tensor4D;
      const w = rng.fold('w').normal([4, 4, 5, 8]) as tf.Tensor4D;
      const r = rng.fold('r').normal([3, 8, 8, 5]);
      const f = (a: tf.Tensor, b: tf.Tensor) =>
        tf.sum(tf.mul(tf.conv2dTranspose(a as tf.Tensor4D, b as tf.Tensor4D, [3, 8, 8, 5], 2, [[0, 0], [1, 1], [1, 1], [0, 0]]), r));
      const forward = tf.conv2dTranspose(h, w, [3, 8, 8, 5], 2, [[0, 0], [1, 1], [1, 1], [0, 0]]);
      return [forward, ...tf.grads(f)([h, w])];
    };
    const actual = await valuesOn('wasm', grads);
    const expected = await valuesOn('cpu', grads);
    for (const [i, a] of actual.entries()) await expectTensorClose(a, expected[i]!, TOL);
  });

  it(`runs a batch whose columns exceed ${MAX_COLUMN_FLOATS} floats in chunks of images, matching cpu`, async () => {
    // 32·32 pixels × 8·8 taps × 128 channels = 2²³ floats per image: chunks of 2 images, then 1.
    const testCase: Conv2dCase = { x: [3, 32, 32, 128], filter: [8, 8, 128, 2], strides: 1, pad: 'same', dataFormat: 'NHWC' };
    const [actual] = await valuesOn('wasm', () => [inputGrad(testCase)]);
    const [expected] = await valuesOn('cpu', () => [inputGrad(testCase)]);
    await expectTensorClose(actual!, expected!, TOL);
  });

  it('trains through tf.grad: the input gradient of a strided conv2d matches cpu', async () => {
    const grad = () => {
      const rng = createRng(19);
      const x = rng.fold('x').normal([2, 9, 9, 3]) as tf.Tensor4D;
      const w = rng.fold('w').normal([3, 3, 3, 4]) as tf.Tensor4D;
      const r = rng.fold('r').normal([2, 5, 5, 4]);
      return [tf.grad((v: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(v as tf.Tensor4D, w, 2, 'same'), r)))(x)];
    };
    const [actual] = await valuesOn('wasm', grad);
    const [expected] = await valuesOn('cpu', grad);
    await expectTensorClose(actual!, expected!, TOL);
  });
});
