import * as tf from '@tensorflow/tfjs-core';
import { SaddleError, type GradientTransformation } from '@saddle/core';

/**
 * The projection RS-GAN's code applies after every discriminator step (`F.normalize(dim=1)` on
 * the last layer's weight row): the kernel `name` ([k, 1]) lands on the unit sphere,
 *   u' = (θ + u)/‖θ + u‖₂ − θ  for that leaf,  u' = u  for every other leaf,
 * so `applyUpdates(θ, u')` is the normalised kernel. The last link of a chain, after the learning rate.
 */
export function unitNormRow(name: string): GradientTransformation<Record<string, never>> {
  return {
    init: () => ({}),
    update(updates, state, params) {
      const theta = params?.[name];
      const u = updates[name];
      if (theta === undefined || u === undefined) {
        throw new SaddleError(`unitNormRow needs the parameter "${name}" and its update`, {
          code: 'INVALID_ARGUMENT', field: 'params', value: name, fix: 'pass the current parameters (game optimizers do) of a model with that leaf',
        });
      }
      const projected = tf.tidy(() => {
        const next = tf.add(theta, u);
        return tf.sub(tf.div(next, tf.norm(next)), theta);
      });
      return { updates: { ...updates, [name]: projected }, state };
    },
  };
}
