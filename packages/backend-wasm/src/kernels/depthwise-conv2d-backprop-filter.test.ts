import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@saddle/core';
import { describeWithBackends, expectTensorClose } from '@saddle/testing';
import { it } from 'vitest';
import { valuesOn } from '../test-support/values-on.js';
import { DEPTHWISE_CASES, caseName, type DepthwiseCase } from '../test-support/depthwise-cases.js';

// Float32 sums of up to ~200 products of N(0, 1) numbers (the cpu kernel sums in float64) can be
// off by ε₃₂·Σ|products| ≈ 1.5e-5; the largest error seen beyond rtol is 1.4e-6.
const TOL = { rtol: 1e-5, atol: 1e-5 };

/**
 * dW of a depthwise conv for a seeded input and upstream gradient. tfjs-backend-cpu ignores
 * dilation in this kernel, so the cpu side computes the undilated gradient of the dilated
 * filter's footprint, whose every d-th tap is the dilated gradient.
 */
function filterGrad(testCase: DepthwiseCase, onCpu: boolean): tf.Tensor {
  const { x, filter, strides, dilations, pad, dimRoundingMode } = testCase;
  const rng = createRng(5).fold(caseName(testCase));
  const [fh, fw, c, m] = filter;
  const footprint: [number, number, number, number] = [(fh - 1) * dilations + 1, (fw - 1) * dilations + 1, c, m];
  const info = tf.backend_util.computeConv2DInfo(x, filter, strides, dilations, pad, dimRoundingMode, true);
  const inputs = { x: rng.fold('x').normal(x), dy: rng.fold('dy').normal(info.outShape) };
  const run = (attrs: tf.DepthwiseConv2dNativeBackpropFilterAttrs) =>
    tf.engine().runKernel(tf.DepthwiseConv2dNativeBackpropFilter, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor;
  if (!onCpu) {
    return run({ strides, dilations, pad, dimRoundingMode, filterShape: filter });
  }
  const full = run({ strides, dilations: 1, pad, dimRoundingMode, filterShape: footprint });
  return tf.stridedSlice(full, [0, 0, 0, 0], footprint, [dilations, dilations, 1, 1]);
}

describeWithBackends('DepthwiseConv2dNativeBackpropFilter', { only: ['wasm'] }, () => {
  for (const testCase of DEPTHWISE_CASES) {
    it(`matches cpu: ${caseName(testCase)}`, async () => {
      const [actual] = await valuesOn('wasm', () => [filterGrad(testCase, false)]);
      const [expected] = await valuesOn('cpu', () => [filterGrad(testCase, true)]);
      await expectTensorClose(actual!, expected!, TOL);
    });
  }

  it('trains through tf.grad: the filter gradient of a strided depthwiseConv2d matches cpu', async () => {
    const grad = () => {
      const rng = createRng(12);
      const x = rng.fold('x').normal([3, 9, 8, 4]) as tf.Tensor4D;
      const w = rng.fold('w').normal([3, 3, 4, 2]) as tf.Tensor4D;
      const r = rng.fold('r').normal([3, 5, 4, 8]);
      return [tf.grad((v: tf.Tensor) => tf.sum(tf.mul(tf.depthwiseConv2d(x, v as tf.Tensor4D, 2, 'same'), r)))(w)];
    };
    const [actual] = await valuesOn('wasm', grad);
    const [expected] = await valuesOn('cpu', grad);
    await expectTensorClose(actual!, expected!, TOL);
  });
});
