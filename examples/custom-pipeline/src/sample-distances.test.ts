// The user's feature extractor (randomProjection) and FID/KID in its features, against closed forms
// computed on the host in float64 from the extractor's matrix W:
//   φ(x) = Wᵀ vec(x);  identical sets: FID = 0;  Y = X + δ: FID = ‖Wᵀδ‖² (equal covariances), and with the
//   linear kernel k(x, y) = xᵀy + c₀ on all n samples the unbiased MMD² is ‖Wᵀδ‖² − 2·Tr Σ_φ / n
//   (Σ_φ the unbiased covariance of φ(X); c₀ cancels).
import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@saddle/core';
import { describeWithBackends } from '@saddle/testing';
import { expect, it } from 'vitest';
import { randomProjection } from './custom-pieces.mjs';
import { sampleDistances } from './sample-distances.mjs';

const N = 200;
const SHAPE = [2, 2, 1] as const; // D = 4 "pixels"
const D = 4;
const K = 3; // features
const DELTA = [0.5, -1, 0.25, 2];
const KID_LINEAR = { degree: 1, gamma: 1, coef0: 1, subsets: 1, subsetSize: N };

/** Host features X·W in float64 (X row-major n×D, W row-major D×K). */
function hostFeatures(x: ArrayLike<number>, w: ArrayLike<number>): Float64Array {
  const out = new Float64Array(N * K);
  for (let i = 0; i < N; i++) for (let k = 0; k < K; k++) for (let j = 0; j < D; j++) out[i * K + k]! += x[i * D + j]! * w[j * K + k]!;
  return out;
}

/** Tr of the unbiased covariance of the rows of f (n×K). */
function traceCovariance(f: Float64Array): number {
  let trace = 0;
  for (let k = 0; k < K; k++) {
    let mean = 0;
    for (let i = 0; i < N; i++) mean += f[i * K + k]! / N;
    for (let i = 0; i < N; i++) trace += (f[i * K + k]! - mean) ** 2 / (N - 1);
  }
  return trace;
}

/** ‖Wᵀδ‖². */
function shiftedMeanTerm(w: ArrayLike<number>): number {
  let sum = 0;
  for (let k = 0; k < K; k++) {
    let s = 0;
    for (let j = 0; j < D; j++) s += w[j * K + k]! * DELTA[j]!;
    sum += s * s;
  }
  return sum;
}

describeWithBackends('custom feature extractor: FID and KID in a random projection', {}, () => {
  it('extracts φ(x) = Wᵀ vec(x) and refuses images of another shape', async () => {
    const extractor = randomProjection({ inputShape: SHAPE, featureSize: K, seed: 3 });
    const x = createRng(1).normal([N, ...SHAPE]) as tf.Tensor4D;
    const features = await extractor.extract(x);
    expect(features.shape).toEqual([N, K]);
    const expected = hostFeatures(await x.data(), extractor.projection);
    const got = await features.data();
    for (let i = 0; i < N * K; i++) expect(Math.abs(got[i]! - expected[i]!)).toBeLessThan(1e-5);
    const wrong = tf.zeros([2, 2, 2, 2]) as tf.Tensor4D;
    await expect(extractor.extract(wrong)).rejects.toMatchObject({ code: 'SHAPE_MISMATCH', field: 'images' });
    tf.dispose([x, features, wrong]);
    extractor.dispose();
  });

  it('identical sets: FID = 0 and linear-kernel KID = −2·Tr Σ_φ / n', async () => {
    const extractor = randomProjection({ inputShape: SHAPE, featureSize: K, seed: 3 });
    const x = createRng(1).normal([N, ...SHAPE]) as tf.Tensor4D;
    const { fid, kid } = await sampleDistances(extractor, x, x, KID_LINEAR);
    expect(Math.abs(fid.value)).toBeLessThan(1e-6);
    expect(fid.protocol.extractor).toBe(extractor.name);
    const traceSigma = traceCovariance(hostFeatures(await x.data(), extractor.projection));
    expect(kid.mean).toBeCloseTo((-2 * traceSigma) / N, 5);
    x.dispose();
    extractor.dispose();
  });

  it('a mean shift δ: FID = ‖Wᵀδ‖² (covariances equal) and linear-kernel KID = ‖Wᵀδ‖² − 2·Tr Σ_φ / n', async () => {
    const extractor = randomProjection({ inputShape: SHAPE, featureSize: K, seed: 3 });
    const x = createRng(1).normal([N, ...SHAPE]) as tf.Tensor4D;
    const y = tf.tidy(() => tf.add(x, tf.tensor(DELTA, [1, ...SHAPE]))) as tf.Tensor4D;
    const { fid, kid } = await sampleDistances(extractor, x, y, KID_LINEAR);
    const shift = shiftedMeanTerm(extractor.projection);
    expect(shift).toBeGreaterThan(0.5); // the shift is visible in these features
    expect(fid.meanTerm).toBeCloseTo(shift, 4);
    expect(Math.abs(fid.covarianceTerm)).toBeLessThan(1e-4);
    expect(fid.value).toBeCloseTo(shift, 4);
    const traceSigma = traceCovariance(hostFeatures(await x.data(), extractor.projection));
    expect(kid.mean).toBeCloseTo(shift - (2 * traceSigma) / N, 4);
    tf.dispose([x, y]);
    extractor.dispose();
  });
});
