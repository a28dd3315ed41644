import { maximize1d } from './internal/maximize-1d.js';
import { indexPoints } from './internal/point-index.js';
import { strongComponents } from './internal/strong-components.js';
import { requireInteger, requirePositive } from './internal/validate.js';
import type { LandscapePoint } from './landscape-separable.js';

/**
 * Input of `relativisticLandscape`: the paired points, h and the range of f.
 *
 * @example
 * ```ts
 * const input: RelativisticLandscapeInput = { x: [0, 1], y: [0, 0], h: logSigmoid };
 * relativisticLandscape(input); // RS-GAN at the two-point collapse
 * ```
 */
export interface RelativisticLandscapeInput {
  /** The real points x_1..x_n. */
  readonly x: readonly LandscapePoint[];
  /** The generated points y_1..y_n; y_i is paired with x_i. */
  readonly y: readonly LandscapePoint[];
  /** h in φ_R, applied to f(x_i) − f(y_i) (log σ for RS-GAN). */
  readonly h: (t: number) => number;
  /**
   * The sup over f is taken over values |f(·)| ≤ bound, and sup h over |t| ≤ bound
   * (default 40; for log σ the error is about e^{−40}).
   */
  readonly bound?: number;
  /** Most sweeps of coordinate ascent per component (default 10 000). */
  readonly maxSweeps?: number;
}

/**
 * The function-space objective of a relativistic pairing GAN (papers §2.1–2.2):
 * g_R(Y) = sup_f φ_R(Y, f), φ_R(Y, f) = (1/n) Σ_i h(f(x_i) − f(y_i)), sample i paired with
 * sample i. A pair with x_i = y_i adds h(0) whatever f is. The other pairs couple the values of f
 * at their two locations: read pair i as an edge x_i → y_i between locations.
 *
 * For non-decreasing h (RS-GAN's log σ, and the RpGAN h of the paper) the sup splits over the
 * strongly connected components of that graph: edges between components all reach sup h at once
 * (place the components far apart in topological order), and inside a component, where every
 * edge lies on a directed cycle, the sup is finite and found by coordinate ascent over the
 * locations (a 1-D maximiser over |f(z)| ≤ bound per location, sweeps until the gain is below
 * 1e-15). For other h (checked on a grid) coordinate ascent runs over the whole graph. Exact
 * for concave h, for which φ_R is concave in f.
 *
 * @example
 * ```ts
 * // Both generated points on x_1: h(0)/2 + sup h/2 = −(log 2)/2 = −0.346574.
 * relativisticLandscape({ x: [0, 1], y: [0, 0], h: logSigmoid });
 * ```
 * @see Sun, Fang and Schwing, "Towards a Better Global Loss Landscape of GANs", 2020
 */
export function relativisticLandscape(input: RelativisticLandscapeInput): number {
  const { x, y, h, bound = 40, maxSweeps = 10_000 } = input;
  requirePositive(bound, 'bound');
  requireInteger(maxSweeps, 'maxSweeps', 1);
  const index = indexPoints(x, y);
  const edges: [number, number][] = [];
  let total = 0;
  index.x.forEach((zx, i) => {
    const zy = index.y[i] as number;
    if (zx === zy) total += h(0);
    else edges.push([zx, zy]);
  });
  if (isNonDecreasing(h, bound)) {
    const component = strongComponents(index.locations, edges);
    const supH = maximize1d(h, -bound, bound).value;
    const inside = new Map<number, [number, number][]>();
    for (const edge of edges) {
      const c = component[edge[0]] as number;
      if (c !== component[edge[1]]) total += supH;
      else inside.set(c, [...(inside.get(c) ?? []), edge]);
    }
    for (const group of inside.values()) total += coordinateAscent(group, index.locations, h, bound, maxSweeps);
  } else {
    total += coordinateAscent(edges, index.locations, h, bound, maxSweeps);
  }
  return total / x.length;
}

/** sup over f of Σ_edges h(f(from) − f(to)) by cyclic coordinate ascent from f = 0. */
function coordinateAscent(edges: readonly (readonly [number, number])[], locations: number, h: (t: number) => number, bound: number, maxSweeps: number): number {
  if (edges.length === 0) return 0;
  const f = new Array<number>(locations).fill(0);
  const touching = Array.from({ length: locations }, () => [] as (readonly [number, number])[]);
  for (const edge of edges) {
    (touching[edge[0]] as (readonly [number, number])[]).push(edge);
    (touching[edge[1]] as (readonly [number, number])[]).push(edge);
  }
  const objective = () => edges.reduce((acc, [a, b]) => acc + h((f[a] as number) - (f[b] as number)), 0);
  let value = objective();
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    touching.forEach((local, z) => {
      if (local.length === 0) return;
      const at = (t: number) => local.reduce((acc, [a, b]) => acc + h((a === z ? t : (f[a] as number)) - (b === z ? t : (f[b] as number))), 0);
      const best = maximize1d(at, -bound, bound);
      if (best.value > at(f[z] as number)) f[z] = best.t;
    });
    const next = objective();
    const gain = next - value;
    value = next;
    if (gain < 1e-15) break;
  }
  return value;
}

/** h(t) non-decreasing on a 257-point grid over [−bound, bound]. */
function isNonDecreasing(h: (t: number) => number, bound: number): boolean {
  let previous = h(-bound);
  for (let k = 1; k <= 256; k++) {
    const value = h(-bound + (2 * bound * k) / 256);
    if (value < previous) return false;
    previous = value;
  }
  return true;
}
