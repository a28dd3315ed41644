// Test support: every optimizer of the package as a game optimizer, with settings that solve the
// small games of `games.ts` in 300 steps: SGD-like methods at η = 0.1, adaptive ones with a rate
// that decays to 0 (counted in updates; extragradient makes two per step).
import type * as tf from '@tensorflow/tfjs-core';
import { createRng, type GameOptimizer, type GradientTransformation, type PerPlayer } from '@saddle/core';
import { adam, momentum, ogda, optimisticAdam, rmsprop, sgd } from '../aliases.js';
import { alternating } from '../alternating.js';
import { averaged } from '../averaged.js';
import { chain } from '../chain.js';
import { clipByGlobalNorm } from '../clip-by-global-norm.js';
import { clipWeights } from '../clip-weights.js';
import { extragradient } from '../extragradient.js';
import { extrapolationFromThePast } from '../extrapolation-from-the-past.js';
import { fictitiousPlay } from '../fictitious-play.js';
import { scaleByLearningRate } from '../learning-rate.js';
import { linearDecaySchedule } from '../schedule.js';
import { simultaneous } from '../simultaneous.js';

/** One catalogue entry: a name for the test table and a fresh optimizer. */
export interface CatalogEntry {
  readonly name: string;
  readonly make: () => GameOptimizer<tf.TensorContainer>;
}

const both = (t: () => GradientTransformation): PerPlayer<GradientTransformation> => ({ generator: t(), discriminator: t() });
const ETA = 0.1;
/** η₀ for 100 updates, then linearly to 0 at 300 (adaptive steps do not shrink by themselves). */
const decaying = (initial: number, updatesPerStep = 1) =>
  linearDecaySchedule({ initial, decayStart: 100 * updatesPerStep, decayEnd: 300 * updatesPerStep });

/** Every transformation alias and every game optimizer, each in at least one entry. */
export const CATALOG: readonly CatalogEntry[] = [
  { name: 'simultaneous(sgd)', make: () => simultaneous(both(() => sgd({ learningRate: ETA }))) },
  { name: 'alternating(sgd), D first', make: () => alternating(both(() => sgd({ learningRate: ETA }))) },
  { name: 'alternating(sgd), G first, n_dis 2, n_gen 2', make: () => alternating(both(() => sgd({ learningRate: ETA })), { first: 'generator', discriminatorSteps: 2, generatorSteps: 2 }) },
  { name: 'extragradient(sgd)', make: () => extragradient(both(() => sgd({ learningRate: ETA }))) },
  { name: 'extrapolationFromThePast(sgd)', make: () => extrapolationFromThePast(both(() => sgd({ learningRate: ETA }))) },
  { name: 'simultaneous(ogda)', make: () => simultaneous(both(() => ogda({ learningRate: ETA }))) },
  { name: 'simultaneous(momentum 0.5)', make: () => simultaneous(both(() => momentum({ learningRate: ETA / 2, momentum: 0.5 }))) },
  { name: 'alternating(momentum 0.5, Nesterov)', make: () => alternating(both(() => momentum({ learningRate: ETA / 2, momentum: 0.5, nesterov: true }))) },
  { name: 'simultaneous(adam, decaying)', make: () => simultaneous(both(() => adam({ learningRate: decaying(0.1), beta1: 0.5 }))) },
  { name: 'extragradient(adam) = ExtraAdam', make: () => extragradient(both(() => adam({ learningRate: decaying(0.1, 2), beta1: 0.5 }))) },
  { name: 'simultaneous(optimisticAdam)', make: () => simultaneous(both(() => optimisticAdam({ learningRate: decaying(0.1), beta1: 0.5 }))) },
  { name: 'simultaneous(rmsprop, decaying)', make: () => simultaneous(both(() => rmsprop({ learningRate: decaying(0.02), decay: 0.9 }))) },
  { name: 'simultaneous(clipByGlobalNorm 1, sgd, clipWeights 10)', make: () => simultaneous(both(() => chain(clipByGlobalNorm(1), scaleByLearningRate(ETA), clipWeights(10)))) },
  { name: 'fictitiousPlay(alternating(sgd), window 3)', make: () => fictitiousPlay(alternating(both(() => sgd({ learningRate: ETA }))), { window: 3, rng: createRng(7) }) },
  { name: 'averaged(simultaneous(sgd)), uniform', make: () => averaged(simultaneous(both(() => sgd({ learningRate: ETA })))) },
  { name: 'averaged(extragradient(sgd)), EMA 0.9, both players', make: () => averaged(extragradient(both(() => sgd({ learningRate: ETA }))), { average: { ema: 0.9 }, players: ['generator', 'discriminator'] }) },
];
