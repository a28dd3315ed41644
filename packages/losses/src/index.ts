export { logSigmoid } from './h-functions.js';
export type { HFunction } from './h-functions.js';
export { flatLogits, separable } from './separable.js';
export type { GeneratorObjective, SeparableOptions } from './separable.js';
export { jsGan, lossRegistry, nonSaturating } from './named.js';
