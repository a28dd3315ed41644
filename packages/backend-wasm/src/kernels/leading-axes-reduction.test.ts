import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@saddle/core';
import { describeWithBackends, expectTensorClose } from '@saddle/testing';
import { expect, it } from 'vitest';
import { valuesOn } from '../test-support/values-on.js';

/** Leading axes (Saddle's kernel, also as negative indices and out of order), then others (tfjs's). */
const CASES: ReadonlyArray<{ shape: number[]; axis: number | number[] }> = [
  { shape: [64, 4, 4, 8], axis: [0, 1, 2] },
  { shape: [5, 3, 7, 2], axis: [1, 0] },
  { shape: [6, 9], axis: 0 },
  { shape: [3, 4, 5], axis: [-3, -2] },
  { shape: [7], axis: 0 },
  { shape: [2, 3, 4], axis: [0, 1, 2] },
  { shape: [1, 1, 5], axis: [0, 1] },
  { shape: [4, 5, 6], axis: [1, 2] },
  { shape: [4, 5, 6], axis: [0, 2] },
  { shape: [4, 5, 6], axis: -1 },
];

// Saddle sums in float64 and rounds once; tfjs's cpu kernel sums in float32: ε₃₂ · Σ|x| at most.
const TOL = { rtol: 1e-5, atol: 1e-5 };

describeWithBackends('Sum and Mean', { only: ['wasm'] }, () => {
  for (const { shape, axis } of CASES) {
    for (const keepDims of [false, true]) {
      it(`match cpu: shape [${shape}], axis ${JSON.stringify(axis)}, keepDims ${keepDims}`, async () => {
        const run = () => {
          const x = createRng(23).fold(shape.join('x')).normal(shape);
          return [tf.sum(x, axis, keepDims), tf.mean(x, axis, keepDims)];
        };
        const actual = await valuesOn('wasm', () => run());
        const expected = await valuesOn('cpu', () => run());
        const axes = (Array.isArray(axis) ? axis : [axis]).map((a) => (a + shape.length) % shape.length);
        const expectedShape = shape.flatMap((d, i) => (axes.includes(i) ? (keepDims ? [1] : []) : [d]));
        expect(tf.tidy(() => run().map((t) => t.shape))).toEqual([expectedShape, expectedShape]);
        for (const [i, a] of actual.entries()) await expectTensorClose(a, expected[i]!, TOL);
      });
    }
  }

  it('keeps output shapes and dtypes of tfjs: int32 and bool inputs go to tfjs’s kernel', async () => {
    const x = tf.tensor2d([[1, 2, 3], [4, 5, 6]], [2, 3], 'int32');
    const b = tf.tensor1d([true, false, true], 'bool');
    const outs = tf.tidy(() => [tf.sum(x, 0), tf.mean(x, 0), tf.sum(b), tf.sum(tf.ones([2, 3]), [0, 1], true)]);
    expect(outs.map((t) => [t.dtype, t.shape])).toEqual([['int32', [3]], ['float32', [3]], ['int32', []], ['float32', [1, 1]]]);
    expect(await Promise.all(outs.map((t) => t.data()))).toEqual([
      Int32Array.from([5, 7, 9]), Float32Array.from([2.5, 3.5, 4.5]), Int32Array.from([2]), Float32Array.from([6]),
    ]);
    tf.dispose([x, b, ...outs]);
  });
});
