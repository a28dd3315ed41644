import * as tf from '@tensorflow/tfjs-core';
import { ALL_BACKENDS, describeWithBackends, expectTensorClose } from '@saddle/testing';
import { expect, it } from 'vitest';
import { upsampleBilinear2x } from './upsample.js';

/** PyTorch's upsample_bilinear2d, align_corners=False, on one axis: src = max((dst + ½)·(in/out) − ½, 0). */
function torchLinearAxis(src: readonly number[], outSize: number): number[] {
  const n = src.length;
  return Array.from({ length: outSize }, (_, j) => {
    const s = Math.max((j + 0.5) * (n / outSize) - 0.5, 0);
    const i0 = Math.floor(s);
    const i1 = Math.min(i0 + 1, n - 1);
    const t = s - i0;
    return (1 - t) * (src[i0] as number) + t * (src[i1] as number);
  });
}

describeWithBackends('upsampleBilinear2x', ALL_BACKENDS, ({ tol }) => {
  it('matches PyTorch align_corners=False on a separable ramp x[i, j] = i² + 10j', async () => {
    const h = 4;
    const w = 3;
    const rows = Array.from({ length: h }, (_, i) => i * i);
    const cols = Array.from({ length: w }, (_, j) => 10 * j);
    const x = tf.tensor4d(rows.flatMap((r) => cols.map((c) => r + c)), [1, h, w, 1]);
    const y = upsampleBilinear2x(x);
    expect(y.shape).toEqual([1, 8, 6, 1]);
    // Bilinear interpolation of a sum of a row term and a column term is the sum of the 1-D interpolations.
    const ur = torchLinearAxis(rows, 2 * h);
    const uc = torchLinearAxis(cols, 2 * w);
    // e.g. row 0 stays 0 (clamped), row 1 = ¾·0 + ¼·1 = 0.25, row 7 = 9 (edge).
    expect(ur.slice(0, 2)).toEqual([0, 0.25]);
    await expectTensorClose(y, ur.flatMap((r) => uc.map((c) => r + c)), tol);
    tf.dispose([x, y]);
  });
});
