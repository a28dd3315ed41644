const GRID = 64;
const INV_PHI = (Math.sqrt(5) - 1) / 2;

/**
 * max of f over [lo, hi]: a grid of 65 points finds the best cell, then golden-section search
 * refines within its two neighbouring cells to |Δt| ≤ 1e-10·(hi − lo). Exact for unimodal f
 * (every concave h of the papers); for multimodal f it finds the best grid basin.
 */
export function maximize1d(f: (t: number) => number, lo: number, hi: number): { t: number; value: number } {
  let best = 0;
  let bestValue = -Infinity;
  const step = (hi - lo) / GRID;
  for (let k = 0; k <= GRID; k++) {
    const value = f(lo + k * step);
    if (value > bestValue) {
      bestValue = value;
      best = k;
    }
  }
  let a = lo + Math.max(0, best - 1) * step;
  let b = lo + Math.min(GRID, best + 1) * step;
  let c = b - INV_PHI * (b - a);
  let d = a + INV_PHI * (b - a);
  let fc = f(c);
  let fd = f(d);
  while (b - a > 1e-10 * (hi - lo)) {
    if (fc >= fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - INV_PHI * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + INV_PHI * (b - a);
      fd = f(d);
    }
  }
  // The grid point itself may beat the refined interior (e.g. a maximum at an end of [lo, hi]).
  const t = (a + b) / 2;
  const value = f(t);
  return value >= bestValue ? { t, value } : { t: lo + best * step, value: bestValue };
}
