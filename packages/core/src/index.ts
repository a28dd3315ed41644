import '@saddle/core/register-gradients';

export { SaddleError, describeValue } from './errors.js';
export type { SaddleErrorCode, SaddleErrorDetails } from './errors.js';
export { createRng, rngFromKey } from './rng.js';
export type { Rng } from './rng.js';
export { PLAYERS } from './params.js';
export type { ApplyOptions, Module, Params, PerPlayer, Player } from './params.js';
export type { GradientTransformation } from './transformation.js';
export type { GameGradientFn, GameOptimizer, GameStepResult, GradientRequest } from './game.js';
export type { GanLoss, LogitPair } from './loss.js';
export type { BatchOptions, BatchSource } from './data.js';
export type { FeatureExtractor, Preprocessing } from './metrics.js';
export { BACKEND_SPEC_VERSION, useBackend } from './backend.js';
export type { BackendSpec } from './backend.js';
export { treeAdd, treeMap, treeScale, treeSquaredNorm, treeSub, treeZerosLike, treeZip } from './tree.js';
export { disposeReplaced, disposeTree, treeTensors } from './memory.js';
export type { TensorTree } from './memory.js';
