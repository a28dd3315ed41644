import type { Rng } from '@saddle/core';

/**
 * `count` standard normals on the host by Box–Muller (float64), so synthetic data are
 * bitwise identical on every backend.
 *
 * @example
 * ```ts
 * const noise = hostNormal(rng, 512);
 * ```
 */
export function hostNormal(rng: Rng, count: number): Float64Array {
  const u = rng.uniform(2 * Math.ceil(count / 2));
  const out = new Float64Array(count);
  for (let i = 0; i < count; i += 2) {
    // 1 − u ∈ (0, 1] keeps the log finite.
    const radius = Math.sqrt(-2 * Math.log(1 - (u[i] as number)));
    const angle = 2 * Math.PI * (u[i + 1] as number);
    out[i] = radius * Math.cos(angle);
    if (i + 1 < count) out[i + 1] = radius * Math.sin(angle);
  }
  return out;
}
