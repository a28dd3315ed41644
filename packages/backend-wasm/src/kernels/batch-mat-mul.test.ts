import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@saddle/core';
import { describeWithBackends, expectTensorClose } from '@saddle/testing';
import { expect, it } from 'vitest';
import { valuesOn } from '../test-support/values-on.js';

/** Batch axes of A and B: equal, broadcast 1 against n either way, rank 2 against rank 3, rank 4. */
const BATCHES: ReadonlyArray<readonly [number[], number[]]> = [
  [[], []], [[3], [3]], [[1], [4]], [[4], [1]], [[], [5]], [[2, 3], [2, 3]],
];
/** [m, k, n]: C is m × n with inner size k; odd and degenerate sizes. */
const SIZES: ReadonlyArray<readonly [number, number, number]> = [[1, 1, 1], [5, 7, 3], [13, 1, 9], [33, 17, 65]];
const FLAGS: ReadonlyArray<readonly [boolean, boolean]> = [[false, false], [true, false], [false, true], [true, true]];

/**
 * Float32 sums of k products of standard normals, in different orders: rtol 1e-5, with an atol of
 * 1e-5·√k (the size of a typical entry) for entries that nearly cancel.
 */
const tolFor = (k: number) => ({ rtol: 1e-5, atol: 1e-5 * Math.sqrt(k) });

function product(batchA: number[], batchB: number[], [m, k, n]: readonly [number, number, number], transposeA: boolean, transposeB: boolean): tf.Tensor[] {
  const rng = createRng(17).fold(`${batchA.join()}|${batchB.join()}|${m},${k},${n}|${transposeA}${transposeB}`);
  const a = rng.fold('a').normal([...batchA, ...(transposeA ? [k, m] : [m, k])]);
  const b = rng.fold('b').normal([...batchB, ...(transposeB ? [n, k] : [k, n])]);
  return [tf.matMul(a, b, transposeA, transposeB)];
}

describeWithBackends('BatchMatMul', { only: ['wasm'] }, () => {
  for (const [batchA, batchB] of BATCHES) {
    for (const size of SIZES) {
      for (const [transposeA, transposeB] of FLAGS) {
        const name = `[${batchA.join(',')}] vs [${batchB.join(',')}], m,k,n = ${size.join(',')}, transposeA ${transposeA}, transposeB ${transposeB}`;
        it(`matches cpu: ${name}`, async () => {
          const f = () => product(batchA, batchB, size, transposeA, transposeB);
          const [actual] = await valuesOn('wasm', f);
          const [expected] = await valuesOn('cpu', f);
          await expectTensorClose(actual!, expected!, tolFor(size[1]));
        });
      }
    }
  }

  it('gives a dense layer’s gradients (transposed products) as cpu does', async () => {
    const f = () => {
      const rng = createRng(3);
      const x = rng.fold('x').normal([31, 9]);
      const w = rng.fold('w').normal([9, 12]);
      const r = rng.fold('r').normal([31, 12]);
      const [dx, dw] = tf.grads((xv: tf.Tensor, wv: tf.Tensor) => tf.sum(tf.mul(tf.tanh(tf.matMul(xv, wv)), r)))([x, w]);
      return [dx!, dw!];
    };
    const actual = await valuesOn('wasm', f);
    const expected = await valuesOn('cpu', f);
    await expectTensorClose(actual[0]!, expected[0]!, tolFor(12));
    await expectTensorClose(actual[1]!, expected[1]!, tolFor(31));
  });

  it('gives the same shapes as tfjs’s own kernel, transposed or not', () => {
    const a = tf.ones([2, 1, 4, 3]);
    const b = tf.ones([1, 5, 4, 6]);
    const c = tf.matMul(a, b, true, false);
    const d = tf.matMul(b, a, true, false);
    expect(c.shape).toEqual([2, 5, 3, 6]);
    expect(d.shape).toEqual([2, 5, 6, 3]);
    tf.dispose([a, b, c, d]);
  });
});
