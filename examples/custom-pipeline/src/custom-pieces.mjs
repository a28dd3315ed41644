// Four pieces a user writes for their own pipeline, each a few lines on top of Saddle's contracts.
import * as tf from '@tensorflow/tfjs-core';
import { createRng, SaddleError } from '@saddle/core';
import { relativisticPaired } from '@saddle/losses';
import { chain, clipByGlobalNorm, scaleByAdam, scaleByLearningRate } from '@saddle/optimizers';

/**
 * A loss of the RpGAN family in one line: relativistic paired least squares, h(t) = −(t − 1)²,
 *   L_D = mean_i (f(x_i) − f(y_i) − 1)²,   L_G = mean_i (f(y_i) − f(x_i) − 1)²  (non-saturating).
 */
export const rpLeastSquares = relativisticPaired({ name: 'rp-least-squares', h: (t) => tf.neg(tf.square(tf.sub(t, 1))), generatorObjective: 'non-saturating' });

/** A player's optimizer composed from transformations: clip the gradient to norm 1, Adam's direction, −η. */
export const clippedAdam = (learningRate) => chain(clipByGlobalNorm(1), scaleByAdam({ beta1: 0.5, beta2: 0.9 }), scaleByLearningRate(learningRate));

/**
 * A data source: a BatchSource (core's contract) of points drawn uniformly on the circle of radius r,
 * x = r·(cos 2πu, sin 2πu) with u ~ U[0, 1). Batch s comes from `rng.fold(s)`, so a pass is seeded and
 * `startStep` resumes it exactly; it has no end.
 */
export function uniformCircle({ radius = 1 } = {}) {
  return {
    name: `uniform-circle-${radius}`,
    async *batches({ batchSize, rng, startStep = 0 }) {
      for (let s = startStep; ; s++) {
        const u = rng.fold(s).uniform(batchSize);
        const xy = new Float32Array(2 * batchSize);
        u.forEach((v, i) => {
          xy[2 * i] = radius * Math.cos(2 * Math.PI * v);
          xy[2 * i + 1] = radius * Math.sin(2 * Math.PI * v);
        });
        yield tf.tensor2d(xy, [batchSize, 2]);
      }
    },
  };
}

/**
 * A feature extractor (core's FeatureExtractor) for FID and KID without network weights: a fixed random
 * linear projection of the flattened image, φ(x) = Wᵀ vec(x), W ∈ ℝ^{D×d} with W_ij ~ N(0, 1/d) drawn from
 * `seed` (D = h·w·c, d = `featureSize`), so E‖φ(x) − φ(y)‖² = ‖x − y‖² (Johnson–Lindenstrauss). Being
 * linear, it compares the first two moments of the inputs only. 2-D points are images of shape [1, 1, 2].
 * `projection` is W, row-major D×d (float32), for checks; `dispose()` frees it.
 */
export function randomProjection({ inputShape, featureSize, seed = 0, range = [-1, 1] }) {
  const inputSize = inputShape.reduce((a, b) => a * b, 1);
  const weights = tf.tidy(() => tf.mul(createRng(seed).fold('random-projection').normal([inputSize, featureSize]), 1 / Math.sqrt(featureSize)));
  return {
    name: `random-projection-${inputShape.join('x')}-to-${featureSize}-seed-${seed}`,
    featureSize,
    preprocessing: { size: inputShape[0], resize: 'none', range },
    projection: weights.dataSync(),
    async extract(images) {
      if (images.rank !== 4 || images.shape.slice(1).some((s, i) => s !== inputShape[i])) {
        throw new SaddleError('images must have shape [n, ...inputShape]', {
          code: 'SHAPE_MISMATCH', field: 'images', value: images.shape, fix: `pass images of shape [n, ${inputShape.join(', ')}]`,
        });
      }
      return tf.tidy(() => tf.matMul(tf.reshape(images, [images.shape[0], inputSize]), weights));
    },
    dispose: () => weights.dispose(),
  };
}
