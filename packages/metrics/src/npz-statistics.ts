import { SaddleError } from '@saddle/core';
import type { NamedArray } from '@saddle/io';
import type { FeatureStatistics } from './statistics.js';

/**
 * Statistics from the arrays of a pytorch-fid / TTUR `.npz` file (`mu` [d], `sigma` [d, d], any float
 * dtype; read them with `readNpz` of `@saddle/io`). Files written by `statisticsToNpz` also hold `n`
 * and the extractor id (the extra entries `n` and `extractor`, which pytorch-fid ignores); for other
 * files `n` is 0 (unknown) and `extractor` is `options.extractor` when the caller knows it.
 *
 * @example
 * ```ts
 * const real = statisticsFromNpz(readNpz(await readFileBytes('fid_stats_cifar10_train.npz'), { inflateRaw }));
 * const fid = frechetDistance(real, fake);
 * ```
 */
export function statisticsFromNpz(arrays: Readonly<Record<string, NamedArray>>, options: { readonly file?: string; readonly extractor?: string } = {}): FeatureStatistics {
  const file = options.file ?? 'npz';
  const { mu, sigma } = arrays;
  const d = mu?.shape[0] ?? 0;
  const float = (a: NamedArray | undefined): a is NamedArray => a !== undefined && (a.data instanceof Float64Array || a.data instanceof Float32Array);
  if (!float(mu) || !float(sigma) || mu.shape.length !== 1 || d < 1 || sigma.shape.join(',') !== `${d},${d}`) {
    throw new SaddleError(`needs float arrays mu [d] and sigma [d, d], got ${Object.entries(arrays).map(([k, a]) => `${k} ${a.dtype} [${a.shape.join(', ')}]`).join(', ') || 'nothing'}`, {
      code: 'STRUCTURE_MISMATCH', field: file, fix: 'pass a statistics file written by pytorch-fid (--save-stats) or np.savez(path, mu=mu, sigma=sigma)',
    });
  }
  const mean = Float64Array.from(mu.data as Float64Array | Float32Array);
  const covariance = Float64Array.from(sigma.data as Float64Array | Float32Array);
  if (!mean.every(Number.isFinite) || !covariance.every(Number.isFinite)) {
    throw new SaddleError('mu or sigma holds NaN or ±Infinity', { code: 'NON_FINITE', field: file, fix: 'recompute the statistics' });
  }
  const recorded = arrays.extractor?.dtype === 'uint8' ? new TextDecoder().decode(arrays.extractor.data as Uint8Array) : undefined;
  const extractor = recorded ?? options.extractor;
  const n = arrays.n?.dtype === 'float64' && arrays.n.data.length === 1 ? (arrays.n.data[0] as number) : 0;
  return { mean, covariance, featureSize: d, n, ...(extractor === undefined ? {} : { extractor }) };
}

/**
 * The `{ mu, sigma }` float64 arrays of pytorch-fid's `.npz` statistics files, for `writeNpz` of
 * `@saddle/io` (`np.load(path)['mu']` reads them back), plus `n` (float64 scalar) and, when known,
 * `extractor` (its id as UTF-8 bytes), so `statisticsFromNpz` restores the protocol.
 *
 * @example
 * ```ts
 * await writeFileAtomic('cifar10-train.npz', writeNpz(statisticsToNpz(acc.statistics())));
 * ```
 */
export function statisticsToNpz(statistics: FeatureStatistics): Record<string, NamedArray> {
  const d = statistics.featureSize;
  const id = statistics.extractor === undefined ? undefined : new TextEncoder().encode(statistics.extractor);
  return {
    mu: { dtype: 'float64', shape: [d], data: Float64Array.from(statistics.mean) },
    sigma: { dtype: 'float64', shape: [d, d], data: Float64Array.from(statistics.covariance) },
    n: { dtype: 'float64', shape: [], data: Float64Array.of(statistics.n) },
    ...(id === undefined ? {} : { extractor: { dtype: 'uint8' as const, shape: [id.length], data: id } }),
  };
}
