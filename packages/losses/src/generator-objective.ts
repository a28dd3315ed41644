import type { HFunction } from './h-functions.js';

/**
 * How the generator of a family loss is trained, with u_i the discriminator's view of sample
 * i: u_i = f(y_i) in the separable family, u_i = f(y_i) − f(x_i) in the relativistic-paired one.
 * - `'minimax'`: G minimizes φ, the objective D maximizes, without the terms that do not depend
 *   on G: L_G = mean_i h2(−f(y_i)) (separable) or mean_i h(f(x_i) − f(y_i)) (paired).
 * - `'non-saturating'`: G maximizes what D maximizes on real data, with the roles of real and
 *   generated swapped: L_G = −mean_i h1(f(y_i)) (separable) or −mean_i h(f(y_i) − f(x_i))
 *   (paired). This is what Sun et al.'s code and most GAN code train.
 * - a function g: L_G = −mean_i g(u_i), e.g. g(t) = t for the hinge loss's L_G = −mean f(y).
 *
 * @example
 * ```ts
 * const hinge = separable({ name: 'hinge', h1: negativeHinge, h2: negativeHinge, generatorObjective: identity });
 * ```
 * @see Goodfellow et al., "Generative Adversarial Nets", 2014 (the non-saturating generator)
 */
export type GeneratorObjective = 'minimax' | 'non-saturating' | HFunction;
