import { describe, expect, it } from 'vitest';
import { modeCoverage } from './mode-coverage.js';

const centers = [[2, 0], [0, 2], [-2, 0], [0, -2]] as const;

describe('modeCoverage', () => {
  it('counts samples within 3σ of the nearest centre', () => {
    // σ = 0.1: radius 0.3. Points: on mode 0, 0.29 from mode 1, 0.31 from mode 2 (out), far away.
    const samples = [2, 0, 0, 2.29, -2.31, 0, 0, 0];
    const r = modeCoverage(samples, centers, { std: 0.1, minCount: 1 });
    expect(r.countsPerMode).toEqual([1, 1, 0, 0]);
    expect(r.modesCovered).toBe(2);
    expect(r.highQualityFraction).toBe(0.5);
  });

  it('needs minCount samples (default 1% of n) for a mode to count', () => {
    const samples = [...Array<number>(198).fill(0).flatMap((_, i) => (i % 2 === 0 ? [2] : [0])), 0, -2];
    // 99 samples on mode 0 and 1 on mode 3: 1% of 100 is 1, so both count; with minCount 2 only mode 0.
    expect(modeCoverage(samples, centers, { std: 0.1 }).modesCovered).toBe(2);
    expect(modeCoverage(samples, centers, { std: 0.1, minCount: 2 }).modesCovered).toBe(1);
  });

  it('refuses odd-length samples and σ ≤ 0', () => {
    expect(() => modeCoverage([1, 2, 3], centers, { std: 0.1 })).toThrowError(/samples: samples must be a non-empty row-major \[n, 2\] array \(got 3\)/);
    expect(() => modeCoverage([1, 2], centers, { std: 0 })).toThrowError(/std: std must be > 0/);
  });
});
