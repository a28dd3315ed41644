import { createRng, SaddleError, type Rng } from '@saddle/core';
import type { Features } from './features.js';
import { readFeatures } from './internal/features.js';
import { sampleWithoutReplacement } from './internal/sample.js';

/**
 * Options of `kernelInceptionDistance` (defaults: torch-fidelity's).
 *
 * @example
 * ```ts
 * const options: KernelInceptionDistanceOptions = { subsets: 100, subsetSize: 1000, seed: 0 };
 * ```
 */
export interface KernelInceptionDistanceOptions {
  /** Random subsets averaged over (default 100). */
  readonly subsets?: number;
  /** Samples per subset, drawn without replacement from each set (default 1000; ≤ both n). */
  readonly subsetSize?: number;
  /** Polynomial kernel degree (default 3). */
  readonly degree?: number;
  /** Kernel scale γ (default 1/d). */
  readonly gamma?: number;
  /** Kernel offset c₀ (default 1). */
  readonly coef0?: number;
  /** Seed of the subset draws (default 0). Not NumPy's `RandomState`: subsets differ from torch-fidelity's. */
  readonly seed?: number;
  /** Extractor and weights id the features came from, to record in the protocol. */
  readonly extractor?: string;
}

/**
 * What `kernelInceptionDistance` measured, and under which protocol.
 *
 * @example
 * ```ts
 * const { mean, std }: KernelInceptionDistance = await kernelInceptionDistance(real, fake);
 * ```
 */
export interface KernelInceptionDistance {
  /** Mean of the subset MMD² estimates (unbiased, so it can be slightly negative). */
  readonly mean: number;
  /** Population standard deviation over subsets (`np.std`). */
  readonly std: number;
  readonly protocol: {
    readonly metric: 'kid';
    readonly extractor?: string;
    readonly nReal: number;
    readonly nFake: number;
    readonly subsets: number;
    readonly subsetSize: number;
    readonly degree: number;
    readonly gamma: number;
    readonly coef0: number;
    readonly seed: number;
  };
}

/**
 * The Kernel Inception Distance: the unbiased estimator of the squared MMD between real features
 * X and fake features Y with the polynomial kernel k(x, y) = (γ·xᵀy + c₀)^degree, averaged over
 * random subsets of m samples from each set (as torch-fidelity computes it):
 * MMD²_u = Σ_{i≠j} k(xᵢ, xⱼ)/(m(m−1)) + Σ_{i≠j} k(yᵢ, yⱼ)/(m(m−1)) − 2 Σ_{i,j} k(xᵢ, yⱼ)/m².
 * Reported as mean ± population std over subsets, in float64. O(subsets·m²·d).
 *
 * @example
 * ```ts
 * const { mean, std } = await kernelInceptionDistance(realFeatures, fakeFeatures, { seed: 1 });
 * ```
 * @see Bińkowski et al., "Demystifying MMD GANs", 2018
 */
export async function kernelInceptionDistance(real: Features, fake: Features, options: KernelInceptionDistanceOptions = {}): Promise<KernelInceptionDistance> {
  const { subsets = 100, subsetSize = 1000, degree = 3, coef0 = 1, seed = 0 } = options;
  if (!Number.isInteger(subsets) || subsets < 1) {
    throw new SaddleError('subsets must be a positive integer', { code: 'INVALID_ARGUMENT', field: 'subsets', value: subsets, fix: 'pass 100, the standard' });
  }
  if (!Number.isInteger(subsetSize) || subsetSize < 2) {
    throw new SaddleError('subsetSize must be an integer ≥ 2', { code: 'INVALID_ARGUMENT', field: 'subsetSize', value: subsetSize, fix: 'pass 1000, the standard, or less for small sets' });
  }
  if (!Number.isInteger(degree) || degree < 1) {
    throw new SaddleError('degree must be a positive integer', { code: 'INVALID_ARGUMENT', field: 'degree', value: degree, fix: 'pass 3, the standard' });
  }
  const x = await readFeatures(real, 'real', subsetSize);
  const y = await readFeatures(fake, 'fake', subsetSize, x.d);
  const gamma = options.gamma ?? 1 / x.d;
  if (!Number.isFinite(gamma) || !Number.isFinite(coef0)) {
    throw new SaddleError('gamma and coef0 must be finite', { code: 'INVALID_ARGUMENT', field: 'gamma', value: { gamma, coef0 }, fix: 'omit them for γ = 1/d, c₀ = 1' });
  }
  const kernel = (a: Float64Array, i: number, b: Float64Array, j: number): number => {
    let dot = 0;
    for (let c = 0; c < x.d; c++) dot += (a[i * x.d + c] as number) * (b[j * x.d + c] as number);
    return (gamma * dot + coef0) ** degree;
  };
  const m = subsetSize;
  const rng = createRng(seed);
  const estimates = new Float64Array(subsets);
  for (let s = 0; s < subsets; s++) {
    const [rx, ry] = rng.fold(s).split(2) as [Rng, Rng];
    const xs = gather(x.data, x.d, sampleWithoutReplacement(rx, x.n, m));
    const ys = gather(y.data, x.d, sampleWithoutReplacement(ry, y.n, m));
    let kxx = 0;
    let kyy = 0;
    let kxy = 0;
    for (let i = 0; i < m; i++) {
      for (let j = i + 1; j < m; j++) {
        kxx += kernel(xs, i, xs, j);
        kyy += kernel(ys, i, ys, j);
      }
      for (let j = 0; j < m; j++) kxy += kernel(xs, i, ys, j);
    }
    estimates[s] = (2 * (kxx + kyy)) / (m * (m - 1)) - (2 * kxy) / (m * m);
  }
  const mean = estimates.reduce((a, b) => a + b, 0) / subsets;
  const std = Math.sqrt(estimates.reduce((a, b) => a + (b - mean) ** 2, 0) / subsets);
  return {
    mean,
    std,
    protocol: {
      metric: 'kid', ...(options.extractor === undefined ? {} : { extractor: options.extractor }),
      nReal: x.n, nFake: y.n, subsets, subsetSize, degree, gamma, coef0, seed,
    },
  };
}

function gather(data: Float64Array, d: number, rows: Int32Array): Float64Array {
  const out = new Float64Array(rows.length * d);
  rows.forEach((r, i) => out.set(data.subarray(r * d, (r + 1) * d), i * d));
  return out;
}
