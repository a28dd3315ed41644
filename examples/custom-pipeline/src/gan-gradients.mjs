// The GAN as a two-player game: a GameGradientFn that gives each player the gradient of its own loss
// (every player minimizes), built from two functional modules, a GanLoss and one batch of real points
// and latents. The same batch serves every evaluation within a step, so extragradient's extrapolation
// and update see the same sampled game.
import * as tf from '@tensorflow/tfjs-core';

/** f(θ) and ∇_θ f over a named parameter map (tf.valueAndGrads takes positional arrays). */
function valueAndGradsOf(params, f) {
  const names = Object.keys(params);
  const named = (xs) => Object.fromEntries(names.map((n, i) => [n, xs[i]]));
  const { value, grads } = tf.valueAndGrads((...xs) => f(named(xs)))(names.map((n) => params[n]));
  return { value, grads: named(grads) };
}

/**
 * @param {{ generator: import('@saddle/core').Module, discriminator: import('@saddle/core').Module,
 *   loss: import('@saddle/core').GanLoss, real: tf.Tensor2D, latents: tf.Tensor2D }} game
 * @returns {import('@saddle/core').GameGradientFn}
 */
export function ganGradients({ generator, discriminator, loss, real, latents }) {
  const logits = (g, d) => {
    const fake = generator.apply(g, {}, latents, { training: true }).output;
    return {
      realLogits: discriminator.apply(d, {}, real, { training: true }).output,
      fakeLogits: discriminator.apply(d, {}, fake, { training: true }).output,
    };
  };
  return (params) => {
    const g = valueAndGradsOf(params.generator, (theta) => loss.generator(logits(theta, params.discriminator)));
    const d = valueAndGradsOf(params.discriminator, (psi) => loss.discriminator(logits(params.generator, psi)));
    return { grads: { generator: g.grads, discriminator: d.grads }, losses: { generator: g.value, discriminator: d.value } };
  };
}
