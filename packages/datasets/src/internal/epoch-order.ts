import type { Rng } from '@saddle/core';

/**
 * The order in which epoch `epoch` visits a set of `size` examples: a Fisher–Yates shuffle driven
 * by `rng.fold('order').fold(epoch).uniform(size)` (swap i with ⌊u_i·(i+1)⌋ for i = size−1..1),
 * or 0..size−1 when `shuffle` is false. A pure function of (rng, epoch), so any epoch can be
 * rebuilt for an exact resume.
 */
export function epochOrder(rng: Rng, epoch: number, size: number, shuffle: boolean): Int32Array {
  const order = new Int32Array(size);
  for (let i = 0; i < size; i++) order[i] = i;
  if (!shuffle) return order;
  const u = rng.fold('order').fold(epoch).uniform(size);
  for (let i = size - 1; i > 0; i--) {
    const j = Math.floor((u[i] as number) * (i + 1));
    const t = order[i] as number;
    order[i] = order[j] as number;
    order[j] = t;
  }
  return order;
}
