import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@saddle/core';
import { ALL_BACKENDS, describeWithBackends, expectTensorClose } from '@saddle/testing';
import { expect, it } from 'vitest';
import { normalInit, orthogonal, torchDefaultUniform, xavierUniform } from './initializers.js';

async function maxAbs(t: tf.Tensor): Promise<number> {
  return Math.max(...Array.from(await t.data(), Math.abs));
}

describeWithBackends('initializers', ALL_BACKENDS, () => {
  it('orthogonal kernels have orthonormal columns (tall) or rows (wide)', async () => {
    for (const shape of [[3, 3, 8, 16], [4, 32]]) {
      const k = orthogonal(createRng(1), shape);
      const out = shape[shape.length - 1] as number;
      const gram = tf.tidy(() => {
        const m = tf.reshape(k, [-1, out]) as tf.Tensor2D;
        return m.shape[0] >= out ? tf.matMul(m, m, true, false) : tf.matMul(m, m, false, true);
      });
      const n = gram.shape[0] as number;
      await expectTensorClose(gram, Array.from({ length: n * n }, (_, i) => (i % (n + 1) === 0 ? 1 : 0)), { rtol: 0, atol: 1e-5 });
      tf.dispose([k, gram]);
    }
  });

  it('uniform bounds: PyTorch default 1/√fanIn, xavier √(6/(fanIn+fanOut)); normal has the asked std', async () => {
    const a = torchDefaultUniform(createRng(2), [3, 3, 16, 8], 144);
    const b = xavierUniform(createRng(3), [64, 64], 64, 64);
    const c = normalInit(createRng(4), [4000], 0, 0.02);
    expect(await maxAbs(a)).toBeLessThanOrEqual(1 / 12);
    expect(await maxAbs(a)).toBeGreaterThan(0.95 / 12);
    expect(await maxAbs(b)).toBeLessThanOrEqual(Math.sqrt(6 / 128));
    expect(await maxAbs(b)).toBeGreaterThan(0.95 * Math.sqrt(6 / 128));
    const m = tf.moments(c);
    expect(Math.sqrt((await m.variance.data())[0] as number)).toBeCloseTo(0.02, 3);
    tf.dispose([a, b, c, m.mean, m.variance]);
  });
});
