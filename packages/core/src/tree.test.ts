import * as tf from '@tensorflow/tfjs-core';
import { ALL_BACKENDS, describeWithBackends, expectTensorClose } from '@saddle/testing';
import { expect, it } from 'vitest';
import { disposeReplaced, disposeTree, treeTensors } from './memory.js';
import { treeAdd, treeMap, treeScale, treeSquaredNorm, treeSub, treeZerosLike, treeZip } from './tree.js';

describeWithBackends('tree helpers', ALL_BACKENDS, ({ tol }) => {
  it('adds, subtracts, scales and zips leafwise by name', async () => {
    const a = { w: tf.tensor1d([1, 2]), b: tf.scalar(3) };
    const b = { b: tf.scalar(-1), w: tf.tensor1d([10, 20]) };
    const sum = treeAdd(a, b);
    const diff = treeSub(a, b);
    const scaled = treeScale(a, -2);
    const zeros = treeZerosLike(a);
    const mean = treeZip([a, b], ([x, y]) => tf.div(tf.add(x as tf.Tensor, y as tf.Tensor), 2));
    await expectTensorClose(sum.w as tf.Tensor, [11, 22], tol);
    await expectTensorClose(diff.b as tf.Tensor, [4], tol);
    await expectTensorClose(scaled.w as tf.Tensor, [-2, -4], tol);
    await expectTensorClose(zeros.w as tf.Tensor, [0, 0], tol);
    await expectTensorClose(mean.w as tf.Tensor, [5.5, 11], tol);
    const cloned = treeMap(a, (x) => tf.clone(x));
    expect(Object.keys(cloned)).toEqual(['w', 'b']);
    disposeTree([a, b, sum, diff, scaled, zeros, mean, cloned]);
  });

  it('computes the squared norm over all leaves (1+4+9 = 14)', async () => {
    const a = { w: tf.tensor1d([1, 2]), b: tf.scalar(3) };
    const n = treeSquaredNorm(a);
    await expectTensorClose(n, 14, tol);
    disposeTree([a, n]);
  });

  it('refuses trees with different names, naming the first difference', () => {
    const a = { w: tf.scalar(1) };
    const b = { v: tf.scalar(1) };
    expect(() => treeAdd(a, b)).toThrowError(/w: treeZip: parameter trees differ.*missing: \[w\], extra: \[v\]/);
    disposeTree([a, b]);
  });

  it('disposeReplaced frees exactly the tensors the new tree dropped', () => {
    const kept = tf.scalar(1);
    const dropped = tf.scalar(2);
    const fresh = tf.scalar(3);
    disposeReplaced({ params: { kept, dropped } }, { params: { kept, fresh } });
    expect([kept.isDisposed, dropped.isDisposed, fresh.isDisposed]).toEqual([false, true, false]);
    expect(treeTensors([kept, { a: kept, b: [fresh] }]).size).toBe(2);
    disposeTree([kept, fresh]);
  });
});
