import type * as tf from '@tensorflow/tfjs-core';
import { SaddleError, type BatchSource, type GameOptimizer, type GradientTransformation, type Module, type Rng } from '@saddle/core';
import { fiveGaussians, gaussianGrid, gaussianMixture, gaussianRing, twoCluster } from '@saddle/datasets';
import { lossFromName, penaltyFromName } from '@saddle/losses';
import { mlp } from '@saddle/models';
import {
  adam,
  alternating,
  averaged,
  extragradient,
  fictitiousPlay,
  ogda,
  optimisticAdam,
  sgd,
  simultaneous,
} from '@saddle/optimizers';
import { ganGame, type GanGame } from '@saddle/train';
import type { PlaygroundState } from './state.js';

/** A 2-D point. */
export type Point2 = readonly [number, number];

/** The data of a run, with what the views and the mode count need. */
export interface PlaygroundData {
  readonly source: BatchSource<tf.Tensor2D>;
  /** 2, or 1 for two-cluster (drawn on the x axis). */
  readonly dimension: 1 | 2;
  /** Mode centres for `modeCoverage` (1-D data at y = 0). */
  readonly centers: readonly Point2[];
  /** σ of the modes, for the 3σ coverage radius. */
  readonly std: number;
  /** The square shown by the views: [−extent, extent]² around `middle`. */
  readonly middle: Point2;
  readonly extent: number;
}

/** The objects one run is made of: the playground's counterpart of the CLI's `buildRun`. */
export interface PlaygroundRun {
  readonly data: PlaygroundData;
  readonly generator: Module<tf.Tensor2D, tf.Tensor2D>;
  readonly discriminator: Module<tf.Tensor2D, tf.Tensor>;
  readonly game: GanGame<tf.Tensor2D>;
  readonly optimizer: GameOptimizer<tf.TensorContainer>;
}

/** Maps the page's state to objects, once, at the edge (design §1.3), as the CLI's `buildRun` does. */
export function buildPlaygroundRun(state: PlaygroundState, rng: Rng): PlaygroundRun {
  const data = playgroundData(state);
  const { dimension } = data;
  const activation = state.activation;
  const generator = mlp({ inputSize: state.latentSize, hiddenSizes: state.generatorWidths, outputSize: dimension, activation }) as Module<tf.Tensor2D, tf.Tensor2D>;
  const discriminator = mlp({ inputSize: dimension, hiddenSizes: state.discriminatorWidths, outputSize: 1, activation }) as Module<tf.Tensor2D, tf.Tensor>;
  const penalty = state.penalty === 'none' ? undefined : penaltyFromName(state.penalty, state.penaltyWeight);
  const game = ganGame({ generator, discriminator, loss: lossFromName(state.loss), latentSize: state.latentSize, penalty });
  return { data, generator, discriminator, game, optimizer: gameOptimizer(state, rng) };
}

function playgroundData(state: PlaygroundState): PlaygroundData {
  switch (state.data) {
    case 'ring': {
      const source = gaussianRing({ std: state.std });
      return { source, dimension: 2, centers: source.centers, std: source.std, middle: [0, 0], extent: 2.6 };
    }
    case 'grid': {
      const source = gaussianGrid({ std: state.std });
      return { source, dimension: 2, centers: source.centers, std: source.std, middle: [0, 0], extent: 5.2 };
    }
    case 'five-gaussians': {
      const source = fiveGaussians();
      return { source, dimension: 2, centers: source.centers, std: source.std, middle: [0, 0], extent: 1.4 };
    }
    case 'two-cluster': {
      // Each cluster is uniform on [c, c + w): its centre is c + w/2 and its σ is w/√12.
      const source = twoCluster();
      const centers = source.centers.map((c) => [c + source.width / 2, 0] as const);
      return { source, dimension: 1, centers, std: source.width / Math.sqrt(12), middle: [2.15, 0], extent: 3.5 };
    }
    case 'drawn': {
      if (state.points.length < 2) {
        throw new SaddleError('no points drawn', { code: 'INVALID_CONFIG', field: 'points', value: state.points, fix: 'click on the data canvas to add points, or pick another data set' });
      }
      const centers = Array.from({ length: state.points.length / 2 }, (_, i) => [state.points[2 * i] as number, state.points[2 * i + 1] as number] as const);
      return { source: gaussianMixture({ centers, std: state.std, name: 'drawn' }), dimension: 2, centers, std: state.std, ...DRAWN_PLANE };
    }
  }
}

function gameOptimizer(state: PlaygroundState, rng: Rng): GameOptimizer<tf.TensorContainer> {
  const adamLike = state.playerOptimizer === 'adam';
  // β1 = 0.5 is the GAN default, as in the CLI.
  const base = (learningRate: number): GradientTransformation =>
    adamLike ? adam({ learningRate, beta1: 0.5, beta2: 0.999 }) : sgd({ learningRate });
  const players = { generator: base(state.learningRateG), discriminator: base(state.learningRateD) };
  const optimistic = (learningRate: number): GradientTransformation =>
    adamLike ? optimisticAdam({ learningRate, beta1: 0.5, beta2: 0.999 }) : ogda({ learningRate });
  const optimizer = {
    alternating: () => alternating(players),
    simultaneous: () => simultaneous(players),
    ogda: () => simultaneous({ generator: optimistic(state.learningRateG), discriminator: optimistic(state.learningRateD) }),
    extragradient: () => extragradient(players),
    'fictitious-play': () => fictitiousPlay(simultaneous(players), { window: FICTITIOUS_PLAY_WINDOW, rng: rng.fold('fictitious-play') }),
    averaged: () => averaged(alternating(players), { average: { ema: AVERAGE_EMA } }),
  }[state.method]();
  return optimizer as GameOptimizer<tf.TensorContainer>;
}

/** Past players fictitious play averages over (the current one included). */
export const FICTITIOUS_PLAY_WINDOW = 8;
/** EMA weight of the averaged generator θ̄ ← βθ̄ + (1 − β)θ; the views draw θ̄. */
export const AVERAGE_EMA = 0.99;
/** The view of drawn data, where clicks add points: [−4.2, 4.2]² (the hash keeps |x|, |y| ≤ 4). */
export const DRAWN_PLANE = { middle: [0, 0] as Point2, extent: 4.2 };
