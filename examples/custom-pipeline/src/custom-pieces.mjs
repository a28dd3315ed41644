// Three pieces a user writes for their own pipeline, each a few lines on top of Saddle's contracts.
import * as tf from '@tensorflow/tfjs-core';
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
