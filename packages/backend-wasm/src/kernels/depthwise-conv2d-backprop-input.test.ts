import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@saddle/core';
import { describeWithBackends, expectTensorClose } from '@saddle/testing';
import { it } from 'vitest';
import { DEPTHWISE_CASES, caseName, type DepthwiseCase } from '../test-support/depthwise-cases.js';
import { valuesOn } from '../test-support/values-on.js';

// Float32 sums of up to 45 products of N(0, 1) numbers (the cpu kernel sums in float64) can be
// off by ε₃₂·Σ|products| ≈ 3.5e-6; the largest error seen beyond rtol is 1.4e-6.
const TOL = { rtol: 1e-5, atol: 5e-6 };

/** The filter with d − 1 zero taps between its taps: a dilated conv is an undilated one with it. */
function dilateFilter(w: tf.Tensor, d: number): tf.Tensor {
  const [fh, fw, c, m] = w.shape as [number, number, number, number];
  const spread = tf.pad(tf.reshape(w, [fh, 1, fw, 1, c, m]), [[0, 0], [0, d - 1], [0, 0], [0, d - 1], [0, 0], [0, 0]]);
  return tf.slice(tf.reshape(spread, [fh * d, fw * d, c, m]), 0, [(fh - 1) * d + 1, (fw - 1) * d + 1, c, m]);
}

/**
 * dX of a depthwise conv for a seeded filter and upstream gradient. tfjs-backend-cpu ignores
 * dilation in this kernel, so the cpu side uses the undilated kernel with the dilated filter.
 */
function inputGrad(testCase: DepthwiseCase, onCpu: boolean): tf.Tensor {
  const { x, filter, strides, dilations, pad, dimRoundingMode } = testCase;
  const rng = createRng(3).fold(caseName(testCase));
  const info = tf.backend_util.computeConv2DInfo(x, filter, strides, dilations, pad, dimRoundingMode, true);
  const w = rng.fold('w').normal(filter);
  const dy = rng.fold('dy').normal(info.outShape);
  const [kernelFilter, kernelDilations] = onCpu ? [dilateFilter(w, dilations), 1] : [w, dilations];
  const attrs: tf.DepthwiseConv2dNativeBackpropInputAttrs = { strides, dilations: kernelDilations, pad, dimRoundingMode, inputShape: x };
  return tf.engine().runKernel(tf.DepthwiseConv2dNativeBackpropInput, { dy, filter: kernelFilter }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor;
}

describeWithBackends('DepthwiseConv2dNativeBackpropInput', { only: ['wasm'] }, () => {
  for (const testCase of DEPTHWISE_CASES) {
    it(`matches cpu: ${caseName(testCase)}`, async () => {
      const [actual] = await valuesOn('wasm', () => [inputGrad(testCase, false)]);
      const [expected] = await valuesOn('cpu', () => [inputGrad(testCase, true)]);
      await expectTensorClose(actual!, expected!, TOL);
    });
  }

  it('trains through tf.grad: the input gradient of a strided depthwiseConv2d matches cpu', async () => {
    const grad = () => {
      const rng = createRng(13);
      const x = rng.fold('x').normal([3, 9, 8, 4]) as tf.Tensor4D;
      const w = rng.fold('w').normal([3, 3, 4, 2]) as tf.Tensor4D;
      const r = rng.fold('r').normal([3, 5, 4, 8]);
      return [tf.grad((v: tf.Tensor) => tf.sum(tf.mul(tf.depthwiseConv2d(v as tf.Tensor4D, w, 2, 'same'), r)))(x)];
    };
    const [actual] = await valuesOn('wasm', grad);
    const [expected] = await valuesOn('cpu', grad);
    await expectTensorClose(actual!, expected!, TOL);
  });
});
