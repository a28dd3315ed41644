import type { GanLoss } from '@saddle/core';
import { logSigmoid } from './h-functions.js';
import { separable } from './separable.js';

/**
 * JS-GAN, the original minimax GAN (Goodfellow et al. 2014): h1 = h2 = log σ.
 *   L_D = mean softplus(−f(x)) + mean softplus(f(y)),  L_G = −mean softplus(f(y)).
 * The saturating generator; at the optimal D, L_D = 2 log 2 − 2·JS(P‖Q).
 *
 * @example
 * ```ts
 * const lossD = jsGan.discriminator({ realLogits, fakeLogits });
 * ```
 * @see Goodfellow et al., "Generative Adversarial Nets", 2014
 */
export const jsGan: GanLoss = separable({ name: 'js-gan', h1: logSigmoid, h2: logSigmoid, generatorObjective: 'minimax' });

/**
 * JS-GAN with the non-saturating generator loss: L_G = mean softplus(−f(y)) (the discriminator
 * loss is JS-GAN's). This is the "JS-GAN" of most codebases, RS-GAN's `vanillaGAN.py` included.
 *
 * @example
 * ```ts
 * const lossG = nonSaturating.generator({ realLogits, fakeLogits });
 * ```
 * @see Goodfellow et al., "Generative Adversarial Nets", 2014
 */
export const nonSaturating: GanLoss = separable({
  name: 'non-saturating', h1: logSigmoid, h2: logSigmoid, generatorObjective: 'non-saturating',
});

/**
 * Losses by config name; strings appear only at the edge (configs, CLI).
 *
 * @example
 * ```ts
 * const loss = lossRegistry['non-saturating'];
 * ```
 */
export const lossRegistry: Readonly<Record<string, GanLoss>> = {
  [jsGan.name]: jsGan,
  [nonSaturating.name]: nonSaturating,
};
