import { SaddleError } from '@saddle/core';
import { indexPoints } from './internal/point-index.js';
import { requireInteger, requireNonNegative } from './internal/validate.js';
import type { LandscapePoint } from './landscape-separable.js';

/**
 * Input of `checkStrictLocalMinimum`.
 *
 * @example
 * ```ts
 * const input: LocalMinimumInput = {
 *   x: [0, 1, 2], assignment: [0, 0, 1], // y = (x1, x1, x2): a mode-collapsed configuration
 *   objective: (x, y) => separableLandscape({ x, y, h1: logSigmoid, h2: logSigmoid }),
 * };
 * checkStrictLocalMinimum(input).strict; // true: JS-GAN's collapse is a strict local minimum
 * ```
 */
export interface LocalMinimumInput {
  /** The n distinct real points. */
  readonly x: readonly LandscapePoint[];
  /** y_i = x[assignment[i]] for each of the n generated points. */
  readonly assignment: readonly number[];
  /** g(Y) for the real points x, e.g. `(x, y) => separableLandscape({ x, y, h1, h2 })`. */
  readonly objective: (x: readonly LandscapePoint[], y: readonly LandscapePoint[]) => number;
  /** A neighbour must exceed g(Y) by more than this for strictness (default 1e-9). */
  readonly tolerance?: number;
}

/**
 * The verdict, with the evidence.
 *
 * @example
 * ```ts
 * const report: LocalMinimumReport = checkStrictLocalMinimum(input);
 * console.log(report.value, report.margin, report.neighbours, report.lowestNeighbour);
 * ```
 */
export interface LocalMinimumReport {
  /** g(Y) at the configuration. */
  readonly value: number;
  /** Every neighbour is higher by more than the tolerance. */
  readonly strict: boolean;
  /** min over neighbours of g(Y') − g(Y) (≤ 0 means a neighbour is as low or lower). */
  readonly margin: number;
  /** How many neighbour coincidence patterns were checked. */
  readonly neighbours: number;
  /** The lowest neighbour's generated points. */
  readonly lowestNeighbour: LandscapePoint[];
}

/**
 * Checks whether an on-data configuration Y (y_i = x_{c_i}) is a strict local minimum of a
 * function-space objective g(Y) = sup_f φ(Y, f) (papers §2.2). Such a g depends only on which
 * points coincide, so within a small ball around Y (radius below half the smallest data
 * distance) there are finitely many different neighbours: each y_i either stays on its data
 * point or moves off it, and points moved off the same data point may share a new location.
 * All of these coincidence patterns are enumerated (Bell-number many per data point) and
 * realised by shifting the first coordinate by multiples of δ = min_{j≠k}‖x_j − x_k‖ / (4(n + 1)).
 * Y is a strict local minimum iff each of them is higher.
 *
 * @example
 * ```ts
 * const js = (x, y) => separableLandscape({ x, y, h1: logSigmoid, h2: logSigmoid });
 * checkStrictLocalMinimum({ x: [0, 1], assignment: [0, 0], objective: js }).strict; // true
 * ```
 * @see Sun, Fang and Schwing, "Towards a Better Global Loss Landscape of GANs", 2020
 */
export function checkStrictLocalMinimum(input: LocalMinimumInput): LocalMinimumReport {
  const { x, assignment, objective, tolerance = 1e-9 } = input;
  requireNonNegative(tolerance, 'tolerance');
  const n = x.length;
  if (!Array.isArray(assignment) || assignment.length !== n) {
    throw new SaddleError(`assignment must hold one data index per generated point (${n})`, {
      code: 'SHAPE_MISMATCH', field: 'assignment', value: assignment, fix: `pass ${n} indices in 0..${n - 1}`,
    });
  }
  assignment.forEach((c, i) => requireInteger(c, `assignment[${i}]`, 0, `pass an index in 0..${n - 1}`));
  assignment.forEach((c, i) => {
    if (c >= n) throw new SaddleError('index out of range', { code: 'INVALID_ARGUMENT', field: `assignment[${i}]`, value: c, fix: `pass an index in 0..${n - 1}` });
  });
  if (indexPoints(x, x).locations !== n) {
    throw new SaddleError('the real points must be distinct', { code: 'INVALID_ARGUMENT', field: 'x', value: x, fix: 'pass n distinct points' });
  }
  const delta = (n > 1 ? minDistance(x) : 1) / (4 * (n + 1));
  const shifted = (p: LandscapePoint, k: number): LandscapePoint =>
    typeof p === 'number' ? p + k * delta : [(p[0] as number) + k * delta, ...p.slice(1)];
  const base = assignment.map((c) => x[c] as LandscapePoint);
  const value = objective(x, base);

  let margin = Infinity;
  let lowestNeighbour = base;
  let neighbours = 0;
  // labels[i] = 0: y_i stays; k ≥ 1: y_i moves to block k of its data point (restricted growth,
  // so each pattern of moved subsets and shared locations appears once).
  const labels = new Array<number>(n).fill(0);
  const blocks = new Array<number>(n).fill(0);
  const visit = (i: number): void => {
    if (i === n) {
      if (labels.every((l) => l === 0)) return;
      const y = assignment.map((c, j) => shifted(x[c] as LandscapePoint, labels[j] as number));
      const gap = objective(x, y) - value;
      neighbours++;
      if (gap < margin) {
        margin = gap;
        lowestNeighbour = y;
      }
      return;
    }
    const origin = assignment[i] as number;
    const used = blocks[origin] as number;
    for (let label = 0; label <= used + 1; label++) {
      labels[i] = label;
      blocks[origin] = Math.max(used, label);
      visit(i + 1);
    }
    blocks[origin] = used;
  };
  visit(0);
  return { value, strict: margin > tolerance, margin, neighbours, lowestNeighbour };
}

function minDistance(points: readonly LandscapePoint[]): number {
  let best = Infinity;
  points.forEach((p, i) => {
    for (let j = i + 1; j < points.length; j++) {
      const q = points[j] as LandscapePoint;
      const a = typeof p === 'number' ? [p] : p;
      const b = typeof q === 'number' ? [q] : q;
      best = Math.min(best, Math.sqrt(a.reduce((acc, v, k) => acc + (v - (b[k] as number)) ** 2, 0)));
    }
  });
  return best;
}
