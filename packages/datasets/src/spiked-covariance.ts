import * as tf from '@tensorflow/tfjs-core';
import { SaddleError, type Rng } from '@saddle/core';
import { hostNormal } from './host-normal.js';
import { check, isIntegerIn } from './internal/check.js';
import { endlessBatches } from './internal/endless-batches.js';
import type { ResumableSource } from './pipeline.js';

/**
 * The real-data law of the copy model.
 *
 * @example
 * ```ts
 * const options: SpikedCovarianceOptions = { dimension: 1000, lambdas: [4, 2], noise: 1 }; // d = 2 features, η_T = 1
 * const real = spikedCovariance(options);
 * ```
 */
export interface SpikedCovarianceOptions {
  /** Dimension n of a sample. */
  readonly dimension: number;
  /** Feature strengths λ_1..λ_d > 0: E c cᵀ = Λ = diag(λ). */
  readonly lambdas: readonly number[];
  /** Noise level η_T ≥ 0. */
  readonly noise: number;
  /**
   * The features U ∈ R^{n×d}, row-major (U[i·d + ℓ] = u_ℓ[i]), with orthonormal columns
   * (UᵀU = I_d to 1e-6). Default: the first d standard basis vectors, U = [e_1, ..., e_d].
   */
  readonly features?: Float64Array;
}

/**
 * Samples of the copy model's real data.
 *
 * @example
 * ```ts
 * const y = real.sample(rng.fold(step), 1); // one real sample per online step
 * ```
 */
export interface SpikedCovarianceSource extends ResumableSource<tf.Tensor2D> {
  readonly dimension: number;
  readonly lambdas: readonly number[];
  readonly noise: number;
  /** U, n×d row-major. */
  readonly features: Float64Array;
  /** `count` samples y on the host in float64, row-major [count, n] (for simulators). */
  sample(rng: Rng, count: number): Float64Array;
}

/**
 * The spiked-covariance law of the copy model M (papers §3.2, Wang, Hu, Lu 2019):
 * y = U c + √η_T · a with c ~ N(0, Λ), Λ = diag(λ_1..λ_d), and a ~ N(0, I_n) independent, so
 * E y = 0 and E y yᵀ = U Λ Uᵀ + η_T I_n; for a unit w, E ½(wᵀy)² = ½(qᵀΛq + η_T) with q = Uᵀw.
 * `sample(rng, m)` draws m·(d + n) host normals from `rng` (per sample: d for c, then n for a).
 * `batches` draws batch s as `sample(rng.fold(s), batchSize)` in float32, shape [batch, n].
 *
 * @example
 * ```ts
 * const real = spikedCovariance({ dimension: 1000, lambdas: [5, 3], noise: 2 });
 * const y = real.sample(rng, 1); // Float64Array(1000), one sample per training step
 * ```
 * @see Wang, Hu, Lu, "A Solvable High-Dimensional Model of GAN", 2019
 */
export function spikedCovariance(options: SpikedCovarianceOptions): SpikedCovarianceSource {
  const { dimension: n, lambdas, noise } = options;
  const d = lambdas.length;
  check('dimension', n, isIntegerIn(n, 1, 1 << 20), 'an integer in [1, 1048576]');
  check('lambdas', lambdas, d >= 1 && d <= n && lambdas.every((l) => Number.isFinite(l) && l > 0), `1 to ${n} finite numbers > 0`);
  check('noise', noise, Number.isFinite(noise) && noise >= 0, 'a finite number ≥ 0');
  const features = options.features ?? standardBasis(n, d);
  if (features.length !== n * d) {
    throw new SaddleError(`holds ${features.length} values, not n·d = ${n * d}`, {
      code: 'SHAPE_MISMATCH', field: 'features', value: features.length, fix: 'pass U as an n×d row-major Float64Array',
    });
  }
  checkOrthonormal(features, n, d);
  const scales = lambdas.map(Math.sqrt);
  const noiseScale = Math.sqrt(noise);
  const sample = (rng: Rng, count: number): Float64Array => {
    const z = hostNormal(rng, count * (d + n));
    const out = new Float64Array(count * n);
    for (let s = 0; s < count; s++) {
      const base = s * (d + n);
      for (let i = 0; i < n; i++) {
        let v = noiseScale * (z[base + d + i] as number);
        for (let l = 0; l < d; l++) v += (features[i * d + l] as number) * (scales[l] as number) * (z[base + l] as number);
        out[s * n + i] = v;
      }
    }
    return out;
  };
  return {
    name: `spiked-covariance-${n}x${d}`,
    dimension: n,
    lambdas: [...lambdas],
    noise,
    features,
    sample,
    batches: (batchOptions) =>
      endlessBatches(batchOptions, (batchRng, batchSize) => tf.tensor2d(Float32Array.from(sample(batchRng, batchSize)), [batchSize, n])),
  };
}

function standardBasis(n: number, d: number): Float64Array {
  const u = new Float64Array(n * d);
  for (let l = 0; l < d; l++) u[l * d + l] = 1;
  return u;
}

function checkOrthonormal(u: Float64Array, n: number, d: number): void {
  for (let a = 0; a < d; a++) {
    for (let b = a; b < d; b++) {
      let dot = 0;
      for (let i = 0; i < n; i++) dot += (u[i * d + a] as number) * (u[i * d + b] as number);
      if (!(Math.abs(dot - (a === b ? 1 : 0)) <= 1e-6)) {
        throw new SaddleError(`columns are not orthonormal: u_${a + 1}·u_${b + 1} = ${dot}`, {
          code: 'INVALID_ARGUMENT', field: 'features', value: dot, fix: 'orthonormalise U (e.g. Gram–Schmidt or a QR factorisation) so that UᵀU = I',
        });
      }
    }
  }
}
