import { describe, expect, it } from 'vitest';
import { readNpz, writeNpz } from '@saddle/io';
import { frechetDistance } from './frechet-distance.js';
import { featuresToStatistics } from './statistics.js';
import { statisticsFromNpz, statisticsToNpz } from './npz-statistics.js';

describe('statisticsFromNpz / statisticsToNpz', () => {
  it('round-trips statistics through pytorch-fid\'s { mu, sigma } layout exactly', async () => {
    const s = await featuresToStatistics({ values: [1, 2, 0, 5, 3, 3, 4, -1, 0], shape: [3, 3] }, { extractor: 'x' });
    const back = statisticsFromNpz(readNpz(writeNpz(statisticsToNpz(s))));
    expect(Array.from(back.mean)).toEqual(Array.from(s.mean));
    expect(Array.from(back.covariance)).toEqual(Array.from(s.covariance));
    expect(back).toMatchObject({ featureSize: 3, n: 3, extractor: 'x' });
    const { mu, sigma } = statisticsToNpz(s);
    expect(statisticsFromNpz({ mu: mu!, sigma: sigma! }, { extractor: 'y' })).toMatchObject({ n: 0, extractor: 'y' });
    expect(frechetDistance(s, back).value).toBeLessThan(1e-12);
  });

  it('refuses files without mu [d] and sigma [d, d], naming the file', () => {
    const mu = { dtype: 'float64' as const, shape: [2], data: new Float64Array(2) };
    expect(() => statisticsFromNpz({ mu }, { file: 'a.npz' })).toThrowError(/a\.npz: needs float arrays mu \[d\] and sigma \[d, d\], got mu float64 \[2\]/);
    const sigma = { dtype: 'float64' as const, shape: [2, 3], data: new Float64Array(6) };
    expect(() => statisticsFromNpz({ mu, sigma })).toThrowError(/sigma float64 \[2, 3\]/);
    const nan = { dtype: 'float64' as const, shape: [2, 2], data: new Float64Array([1, NaN, 0, 1]) };
    expect(() => statisticsFromNpz({ mu, sigma: nan })).toThrowError(/NaN/);
  });
});
