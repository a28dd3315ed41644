import * as tf from '@tensorflow/tfjs-core';
import { ALL_BACKENDS, describeWithBackends } from '@saddle/testing';
import { describe, expect, it } from 'vitest';
import fixture from './__fixtures__/metrics.json' with { type: 'json' };
import { inceptionScoreFromLogits } from './inception-score.js';

/** Logits whose softmax is exactly one-hot in float64 (exp(−1e4) underflows to 0). */
function oneHot(classes: readonly number[], k: number): { values: Float64Array; shape: [number, number] } {
  const values = new Float64Array(classes.length * k).fill(-1e4);
  classes.forEach((c, i) => (values[i * k + c] = 0));
  return { values, shape: [classes.length, k] };
}

describe('inceptionScoreFromLogits closed forms (papers §6.6 item 2)', () => {
  it('is 1 when every prediction is uniform', async () => {
    const r = await inceptionScoreFromLogits({ values: new Float64Array(100 * 7), shape: [100, 7] });
    expect(r.mean).toBeCloseTo(1, 14);
    expect(r.std).toBeLessThan(1e-14);
  });

  it('is K with std 0 for one-hot predictions cycling through K classes, each split balanced', async () => {
    const k = 8;
    const r = await inceptionScoreFromLogits(oneHot(Array.from({ length: 10 * 4 * k }, (_, i) => i % k), k));
    expect(r.splitScores).toHaveLength(10);
    expect(r.mean).toBeCloseTo(k, 13);
    expect(r.std).toBeLessThan(1e-13);
  });

  it('is 1 when every sample predicts the same class', async () => {
    const r = await inceptionScoreFromLogits(oneHot(new Array<number>(50).fill(3), 5), { splits: 5 });
    expect(r.mean).toBeCloseTo(1, 14);
  });
});

describe('inceptionScoreFromLogits against torch-fidelity\'s formula (tooling/reference/fid.py)', () => {
  it('matches split scores, mean and population std to 1e-12', async () => {
    const { logits, shape, splits } = fixture.inceptionScore;
    const r = await inceptionScoreFromLogits({ values: logits, shape: shape as [number, number] }, { splits });
    r.splitScores.forEach((s, i) => expect(s).toBeCloseTo(fixture.inceptionScore.splitScores[i] as number, 12));
    expect(r.mean).toBeCloseTo(fixture.inceptionScore.mean, 12);
    expect(r.std).toBeCloseTo(fixture.inceptionScore.std, 12);
    expect(r.protocol).toEqual({ metric: 'is', n: 50, classes: 10, splits: 5, shuffleSeed: null });
  });

  it('uses torch-fidelity\'s split bounds ⌊i·n/S⌋ when S does not divide n', async () => {
    // n = 7, S = 3: splits [0, 2), [2, 4), [4, 7). Classes 0,1 | 0,0 | 0,1,2 score 2, 1 and 3.
    const r = await inceptionScoreFromLogits(oneHot([0, 1, 0, 0, 0, 1, 2], 3), { splits: 3 });
    expect(r.splitScores.map((s) => Number(s.toFixed(12)))).toEqual([2, 1, 3]);
  });

  it('shuffles deterministically with a seed, and records it', async () => {
    const k = 4;
    const logits = oneHot(Array.from({ length: 40 }, (_, i) => i % k), k);
    const a = await inceptionScoreFromLogits(logits, { splits: 4, shuffleSeed: 2020, extractor: 'toy' });
    const b = await inceptionScoreFromLogits(logits, { splits: 4, shuffleSeed: 2020 });
    expect(a.splitScores).toEqual(b.splitScores);
    expect(a.protocol).toMatchObject({ shuffleSeed: 2020, extractor: 'toy' });
    // Shuffled splits are no longer exactly balanced.
    expect(a.mean).toBeLessThan(k);
    expect(a.mean).toBeGreaterThan(2);
  });

  it('refuses fewer samples than splits, bad splits and NaN', async () => {
    await expect(inceptionScoreFromLogits({ values: new Float64Array(9 * 2), shape: [9, 2] })).rejects.toThrowError(/logits: at least 10 rows are needed/);
    await expect(inceptionScoreFromLogits({ values: new Float64Array(4), shape: [2, 2] }, { splits: 0 })).rejects.toThrowError(/splits: splits must be a positive integer/);
    await expect(inceptionScoreFromLogits({ values: [0, NaN, 0, 0], shape: [2, 2] }, { splits: 1 })).rejects.toThrowError(/logits: features must be finite/);
  });
});

describeWithBackends('inceptionScoreFromLogits from a tensor', ALL_BACKENDS, () => {
  it('reads [n, K] logits and leaves them to the caller', async () => {
    const logits = tf.tensor2d([[0, 0], [0, 0]]);
    expect((await inceptionScoreFromLogits(logits, { splits: 1 })).mean).toBeCloseTo(1, 14);
    const rank3 = tf.zeros([2, 2, 1]);
    await expect(inceptionScoreFromLogits(rank3 as tf.Tensor2D, { splits: 1 })).rejects.toThrowError(/logits: features must be a rank-2/);
    logits.dispose();
    rank3.dispose();
  });
});
