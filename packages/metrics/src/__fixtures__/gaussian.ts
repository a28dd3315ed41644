import { createRng } from '@saddle/core';

/** n seeded standard normals in float64 (Box–Muller on `Rng.uniform`), for tests. */
export function gaussian(seed: number, n: number): Float64Array {
  const u = createRng(seed).uniform(2 * n);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = Math.sqrt(-2 * Math.log(1 - (u[2 * i] as number))) * Math.cos(2 * Math.PI * (u[2 * i + 1] as number));
  }
  return out;
}

/** A random SPD d×d matrix G·Gᵀ/d + ridge·I, row-major. */
export function randomSpd(seed: number, d: number, ridge = 0.1): Float64Array {
  const g = gaussian(seed, d * d);
  const a = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += (g[i * d + k] as number) * (g[j * d + k] as number);
      a[i * d + j] = s / d + (i === j ? ridge : 0);
    }
  }
  return a;
}
