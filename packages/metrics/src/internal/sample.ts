import type { Rng } from '@saddle/core';

/**
 * `m` distinct indices drawn uniformly from 0..n−1 in random order (a partial Fisher–Yates
 * shuffle driven by `rng.uniform`); m = n gives a random permutation. Deterministic per key.
 */
export function sampleWithoutReplacement(rng: Rng, n: number, m: number): Int32Array {
  const index = new Int32Array(n);
  for (let i = 0; i < n; i++) index[i] = i;
  const u = rng.uniform(m);
  for (let i = 0; i < m; i++) {
    const j = i + Math.floor((u[i] as number) * (n - i));
    const t = index[i] as number;
    index[i] = index[j] as number;
    index[j] = t;
  }
  return index.subarray(0, m);
}
