import { createRng, SaddleError } from '@saddle/core';
import type { Features } from './features.js';
import { readFeatures } from './internal/features.js';
import { sampleWithoutReplacement } from './internal/sample.js';

/**
 * Options of `inceptionScoreFromLogits`.
 *
 * @example
 * ```ts
 * const options: InceptionScoreOptions = { splits: 10, shuffleSeed: 2020 };
 * ```
 */
export interface InceptionScoreOptions {
  /** Contiguous splits (default 10, as OpenAI's code and torch-fidelity). */
  readonly splits?: number;
  /**
   * Shuffle the samples with this seed before splitting, as torch-fidelity does
   * (`samples_shuffle=True`, seed 2020). Saddle's generator is not NumPy's `RandomState`, so the
   * permutation, and hence the split scores, are not bit-identical to torch-fidelity's; the mean
   * agrees to sampling error. Default: no shuffle (OpenAI's protocol).
   */
  readonly shuffleSeed?: number;
  /** Extractor and weights id that produced the logits, to record in the protocol. */
  readonly extractor?: string;
}

/**
 * What `inceptionScoreFromLogits` measured, and under which protocol.
 *
 * @example
 * ```ts
 * const { mean, std }: InceptionScore = await inceptionScoreFromLogits(logits);
 * ```
 */
export interface InceptionScore {
  /** Mean of the split scores. */
  readonly mean: number;
  /** Population standard deviation of the split scores (`np.std`). */
  readonly std: number;
  readonly splitScores: readonly number[];
  readonly protocol: {
    readonly metric: 'is';
    readonly extractor?: string;
    readonly n: number;
    readonly classes: number;
    readonly splits: number;
    /** The shuffle seed, or `null` for contiguous splits in input order. */
    readonly shuffleSeed: number | null;
  };
}

/**
 * The Inception Score from `[n, K]` logits (for the FID Inception network: pool3 · W without the
 * bias, K = 1008), in float64 with log-softmax over all K classes. Splitting the samples into
 * contiguous splits s = [⌊i·n/S⌋, ⌊(i+1)·n/S⌋),
 * IS_s = exp( mean_{i∈s} Σ_y p(y|xᵢ) [log p(y|xᵢ) − log p_s(y)] ),  p_s(y) = mean_{i∈s} p(y|xᵢ),
 * and the result is the mean ± population std of IS_s. IS = 1 when every prediction is the
 * same, and at most K.
 *
 * @example
 * ```ts
 * const { mean, std } = await inceptionScoreFromLogits(logits, { splits: 10 }); // logits stays yours
 * ```
 * @see Salimans et al., "Improved Techniques for Training GANs", 2016
 * @see Barratt and Sharma, "A Note on the Inception Score", 2018
 */
export async function inceptionScoreFromLogits(logits: Features, options: InceptionScoreOptions = {}): Promise<InceptionScore> {
  const splits = options.splits ?? 10;
  if (!Number.isInteger(splits) || splits < 1) {
    throw new SaddleError('splits must be a positive integer', { code: 'INVALID_ARGUMENT', field: 'splits', value: splits, fix: 'pass 10, the standard' });
  }
  const { data, n, d: k } = await readFeatures(logits, 'logits', splits);
  const order = options.shuffleSeed === undefined ? undefined : sampleWithoutReplacement(createRng(options.shuffleSeed), n, n);
  const logP = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    const src = (order === undefined ? i : (order[i] as number)) * k;
    let max = -Infinity;
    for (let c = 0; c < k; c++) max = Math.max(max, data[src + c] as number);
    let sum = 0;
    for (let c = 0; c < k; c++) sum += Math.exp((data[src + c] as number) - max);
    const logZ = max + Math.log(sum);
    for (let c = 0; c < k; c++) logP[i * k + c] = (data[src + c] as number) - logZ;
  }
  const splitScores: number[] = [];
  for (let s = 0; s < splits; s++) {
    const start = Math.floor((s * n) / splits);
    const end = Math.floor(((s + 1) * n) / splits);
    const m = end - start;
    const pMean = new Float64Array(k);
    for (let i = start; i < end; i++) for (let c = 0; c < k; c++) pMean[c] = (pMean[c] as number) + Math.exp(logP[i * k + c] as number) / m;
    let kl = 0;
    for (let i = start; i < end; i++) {
      for (let c = 0; c < k; c++) {
        const lp = logP[i * k + c] as number;
        const p = Math.exp(lp);
        // p·log p → 0 as p → 0; an underflowed p contributes nothing.
        if (p > 0) kl += p * (lp - Math.log(pMean[c] as number));
      }
    }
    splitScores.push(Math.exp(kl / m));
  }
  const mean = splitScores.reduce((a, b) => a + b, 0) / splits;
  const std = Math.sqrt(splitScores.reduce((a, b) => a + (b - mean) ** 2, 0) / splits);
  return {
    mean,
    std,
    splitScores,
    protocol: {
      metric: 'is', ...(options.extractor === undefined ? {} : { extractor: options.extractor }),
      n, classes: k, splits, shuffleSeed: options.shuffleSeed ?? null,
    },
  };
}
