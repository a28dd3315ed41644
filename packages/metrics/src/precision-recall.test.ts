import { describe, expect, it } from 'vitest';
import fixture from './__fixtures__/metrics.json' with { type: 'json' };
import { gaussian } from './__fixtures__/gaussian.js';
import { precisionRecall } from './precision-recall.js';

const line = (values: readonly number[]) => ({ values, shape: [values.length, 1] as const });

describe('precisionRecall (k-NN manifolds)', () => {
  it('is 1 and 1 for identical sets', async () => {
    const x = { values: gaussian(51, 60 * 3), shape: [60, 3] as const };
    const r = await precisionRecall(x, x);
    expect([r.precision, r.recall]).toEqual([1, 1]);
  });

  it('matches hand-counted balls on a line', async () => {
    // Real 0..9; fake {0, 0.5, 20, 21}.
    const real = line([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const fake = line([0, 0.5, 20, 21]);
    // k = 1: real radii 1; fake radii 0.5, 0.5, 1, 1. Fake 0 and 0.5 lie in real balls, 20 and 21 do not;
    // real 0 and 1 lie within 0.5 of fake 0 or 0.5, the rest in no fake ball.
    expect(await precisionRecall(real, fake, { k: 1 })).toMatchObject({ precision: 0.5, recall: 0.2 });
    // k = 3: real radii 2 or 3 (3 at the ends); fake 20 is 11 from 9. Fake radii reach the 3rd
    // neighbour: 0 → 21, so every real point is covered.
    expect(await precisionRecall(real, fake, { k: 3 })).toMatchObject({ precision: 0.5, recall: 1 });
  });

  it('matches the NumPy reference (tooling/reference/fid.py)', async () => {
    const { d, real, fake, nReal, nFake } = fixture.features;
    const r = await precisionRecall({ values: real, shape: [nReal, d] }, { values: fake, shape: [nFake, d] }, { k: fixture.precisionRecall.k, extractor: 'toy' });
    expect([r.precision, r.recall]).toEqual([fixture.precisionRecall.precision, fixture.precisionRecall.recall]);
    expect(r.protocol).toEqual({ metric: 'precision-recall', extractor: 'toy', nReal, nFake, k: 3 });
  });

  it('refuses k ≥ n, bad k and mismatched widths', async () => {
    await expect(precisionRecall(line([0, 1, 2]), line([0, 1, 2, 3]))).rejects.toThrowError(/real: at least 4 rows are needed \(got 3\)/);
    await expect(precisionRecall(line([0, 1]), line([0, 1]), { k: 0 })).rejects.toThrowError(/k: k must be a positive integer/);
    await expect(precisionRecall(line([0, 1, 2, 3]), { values: new Float64Array(8), shape: [4, 2] }, { k: 1 })).rejects.toThrowError(/fake: features must have 1 columns/);
  });
});
