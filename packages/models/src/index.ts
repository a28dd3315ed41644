export { activation, LEAKY_RELU_SLOPE } from './activations.js';
export type { ActivationName } from './activations.js';
export { torchLinearInit } from './initializers.js';
export { MAX_LAYER_WIDTH, mlp } from './mlp.js';
export type { MlpOptions } from './mlp.js';
