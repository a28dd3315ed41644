import * as tf from '@tensorflow/tfjs-core';
import { ALL_BACKENDS, describeWithBackends, expectTensorClose } from '@saddle/testing';
import { expect, it } from 'vitest';
import { lcgValues, nchwToNhwc, torchConv2d, torchConvTranspose2d, type Nchw } from '../test-support/torch-reference.js';
import { conv2d } from './conv2d.js';
import { conv2dTranspose } from './conv2d-transpose.js';
import { dense } from './dense.js';

const FLOAT32_SUMS = { rtol: 1e-4, atol: 1e-5 };

function nchw(shape: [number, number, number, number], seed: number): Nchw {
  return { data: Float64Array.from(lcgValues(shape.reduce((a, b) => a * b, 1), seed)), shape };
}

describeWithBackends('conv layers against PyTorch formulas', ALL_BACKENDS, () => {
  for (const [k, s, p] of [[3, 1, 1], [4, 2, 1], [1, 1, 0]] as const) {
    it(`conv2d k=${k} s=${s} p=${p} equals nn.Conv2d with an OIHW weight permuted to HWIO`, async () => {
      const x = nchw([2, 3, 6, 6], 1);
      const wShape = [4, 3, k, k] as [number, number, number, number];
      const w = lcgValues(4 * 3 * k * k, 2, 0.5);
      const b = lcgValues(4, 3);
      const expected = torchConv2d(x, w, wShape, b, s, p);
      const xt = tf.tensor4d(Float32Array.from(nchwToNhwc(x)), [2, 6, 6, 3]);
      const kernel = tf.tidy(() => tf.transpose(tf.tensor4d(w, wShape), [2, 3, 1, 0]));
      const bias = tf.tensor1d(b);
      const y = conv2d(xt, kernel, bias, { stride: s, padding: p });
      expect(y.shape).toEqual([2, expected.shape[2], expected.shape[3], 4]);
      await expectTensorClose(y, nchwToNhwc(expected), FLOAT32_SUMS);
      tf.dispose([xt, kernel, bias, y]);
    });
  }

  it('conv2dTranspose (k=4, s=2, p=1) doubles the size and equals nn.ConvTranspose2d with IOHW → [h, w, out, in]', async () => {
    const x = nchw([2, 3, 3, 3], 4);
    const wShape = [3, 5, 4, 4] as [number, number, number, number];
    const w = lcgValues(3 * 5 * 16, 5, 0.5);
    const b = lcgValues(5, 6);
    const expected = torchConvTranspose2d(x, w, wShape, b, 2, 1);
    expect(expected.shape).toEqual([2, 5, 6, 6]);
    const xt = tf.tensor4d(Float32Array.from(nchwToNhwc(x)), [2, 3, 3, 3]);
    const kernel = tf.tidy(() => tf.transpose(tf.tensor4d(w, wShape), [2, 3, 1, 0]));
    const bias = tf.tensor1d(b);
    const y = conv2dTranspose(xt, kernel, bias, { stride: 2, padding: 1 });
    expect(y.shape).toEqual([2, 6, 6, 5]);
    await expectTensorClose(y, nchwToNhwc(expected), FLOAT32_SUMS);
    tf.dispose([xt, kernel, bias, y]);
  });

  it('dense computes x K + b, and omits the bias when none is given', async () => {
    const x = tf.tensor2d([[1, 2]]);
    const k = tf.tensor2d([[1, 0, -1], [0.5, 2, 3]]);
    const b = tf.tensor1d([0.1, 0.2, 0.3]);
    const y = dense(x, k, b);
    const y0 = dense(x, k);
    await expectTensorClose(y, [2.1, 4.2, 5.3], FLOAT32_SUMS);
    await expectTensorClose(y0, [2, 4, 5], FLOAT32_SUMS);
    tf.dispose([x, k, b, y, y0]);
  });
});
