import { SaddleError } from '@saddle/core';
import type { Features } from './features.js';
import { readFeatures, type HostFeatures } from './internal/features.js';

/**
 * Options of `precisionRecall`.
 *
 * @example
 * ```ts
 * const options: PrecisionRecallOptions = { k: 3 };
 * ```
 */
export interface PrecisionRecallOptions {
  /** Neighbourhood size: each sample's ball reaches its k-th nearest neighbour (default 3). */
  readonly k?: number;
  /** Extractor and weights id the features came from, to record in the protocol. */
  readonly extractor?: string;
}

/**
 * What `precisionRecall` measured, and under which protocol.
 *
 * @example
 * ```ts
 * const { precision, recall }: PrecisionRecall = await precisionRecall(real, fake);
 * ```
 */
export interface PrecisionRecall {
  /** Fraction of fake samples inside the real manifold. */
  readonly precision: number;
  /** Fraction of real samples inside the fake manifold. */
  readonly recall: number;
  readonly protocol: {
    readonly metric: 'precision-recall';
    readonly extractor?: string;
    readonly nReal: number;
    readonly nFake: number;
    readonly k: number;
  };
}

/**
 * Improved precision and recall: each set's manifold is the union of balls around its samples,
 * each reaching that sample's k-th nearest neighbour in its own set (Euclidean, self excluded):
 * precision = |{y ∈ Y : ∃x ∈ X, ‖y − x‖ ≤ NN_k(x; X)}| / |Y|, and recall the same with X and Y
 * swapped (X real, Y fake). Identical sets score 1 and 1. O((n_real + n_fake)²·d), float64.
 *
 * @example
 * ```ts
 * const { precision, recall } = await precisionRecall(realFeatures, fakeFeatures, { k: 3 });
 * ```
 * @see Kynkäänniemi et al., "Improved Precision and Recall Metric for Assessing Generative Models", 2019
 */
export async function precisionRecall(real: Features, fake: Features, options: PrecisionRecallOptions = {}): Promise<PrecisionRecall> {
  const k = options.k ?? 3;
  if (!Number.isInteger(k) || k < 1) {
    throw new SaddleError('k must be a positive integer', { code: 'INVALID_ARGUMENT', field: 'k', value: k, fix: 'pass 3, the standard' });
  }
  const x = await readFeatures(real, 'real', k + 1);
  const y = await readFeatures(fake, 'fake', k + 1, x.d);
  return {
    precision: coveredFraction(x, kthNeighbourSquared(x, k), y),
    recall: coveredFraction(y, kthNeighbourSquared(y, k), x),
    protocol: {
      metric: 'precision-recall', ...(options.extractor === undefined ? {} : { extractor: options.extractor }),
      nReal: x.n, nFake: y.n, k,
    },
  };
}

function squaredDistance(a: HostFeatures, i: number, b: HostFeatures, j: number): number {
  let s = 0;
  for (let c = 0; c < a.d; c++) s += ((a.data[i * a.d + c] as number) - (b.data[j * a.d + c] as number)) ** 2;
  return s;
}

/** Squared distance from each sample to its k-th nearest other sample of the same set. */
function kthNeighbourSquared(set: HostFeatures, k: number): Float64Array {
  const radii = new Float64Array(set.n);
  const nearest = new Float64Array(k);
  for (let i = 0; i < set.n; i++) {
    nearest.fill(Infinity);
    for (let j = 0; j < set.n; j++) {
      if (j === i) continue;
      const dist = squaredDistance(set, i, set, j);
      if (dist >= (nearest[k - 1] as number)) continue;
      // Insert into the sorted list of the k smallest.
      let p = k - 1;
      while (p > 0 && (nearest[p - 1] as number) > dist) {
        nearest[p] = nearest[p - 1] as number;
        p--;
      }
      nearest[p] = dist;
    }
    radii[i] = nearest[k - 1] as number;
  }
  return radii;
}

/** Fraction of `queries` inside some ball of `manifold` (squared radii `radii`). */
function coveredFraction(manifold: HostFeatures, radii: Float64Array, queries: HostFeatures): number {
  let inside = 0;
  for (let q = 0; q < queries.n; q++) {
    for (let i = 0; i < manifold.n; i++) {
      if (squaredDistance(queries, q, manifold, i) <= (radii[i] as number)) {
        inside++;
        break;
      }
    }
  }
  return inside / queries.n;
}
