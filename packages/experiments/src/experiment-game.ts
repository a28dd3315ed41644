import type * as tf from '@tensorflow/tfjs-core';
import { SaddleError } from '@saddle/core';
import { nonSaturating, rsGan } from '@saddle/losses';
import { dcgan, rsganCnn, rsganResNet } from '@saddle/models';
import { ganGame, type GanGame } from '@saddle/train';

/**
 * The image GANs the experiments train, as plain data, so another thread can build the same game:
 * RS-GAN's SN-CNN/SN-ResNet pair with the JS (non-saturating) or RS loss (sun2020-narrow-nets), or
 * a DCGAN pair with the non-saturating loss (balaji2021-overparam's DCGAN part).
 *
 * @example
 * ```ts
 * const spec: ExperimentGameSpec = { kind: 'rsgan', architecture: 'cnn', numFeatures: 32, imageSize: 32, bottleneck: false, loss: 'rs' };
 * ```
 */
export type ExperimentGameSpec =
  | {
      readonly kind: 'rsgan';
      readonly architecture: 'cnn' | 'resnet';
      readonly numFeatures: number;
      readonly imageSize: 32 | 48;
      readonly bottleneck: boolean;
      readonly loss: 'js' | 'rs';
    }
  | { readonly kind: 'dcgan'; readonly width: number; readonly latentSize: number };

/**
 * A game with an optional `dispose` (data-parallel games stop their workers there).
 *
 * @example
 * ```ts
 * const game: DisposableGame = experimentGame(spec);
 * await game.dispose?.();
 * ```
 */
export type DisposableGame = GanGame<tf.Tensor4D> & { dispose?(): Promise<void> };

/**
 * How an experiment gets the game of one training run from its spec; `ExperimentContext.buildGame`
 * (the CLI's `--workers` passes a data-parallel builder), else `experimentGame` on this thread.
 *
 * @example
 * ```ts
 * const onThisThread: GameBuilder = async (spec) => experimentGame(spec);
 * ```
 */
export type GameBuilder = (spec: ExperimentGameSpec) => Promise<DisposableGame>;

/**
 * Builds the game a spec describes (RS-GAN SN latent size 128; DCGAN as given).
 *
 * @example
 * ```ts
 * const game = experimentGame({ kind: 'dcgan', width: 64, latentSize: 100 });
 * const { params, state } = game.init(createRng(0));
 * ```
 */
export function experimentGame(spec: ExperimentGameSpec): GanGame<tf.Tensor4D> {
  if (spec.kind === 'dcgan') {
    const nets = dcgan({ width: spec.width, latentSize: spec.latentSize });
    return ganGame<tf.Tensor4D>({ generator: nets.generator, discriminator: nets.discriminator, loss: nonSaturating, latentSize: spec.latentSize });
  }
  if (spec.kind !== 'rsgan') {
    throw new SaddleError('unknown experiment game', { code: 'INVALID_ARGUMENT', field: 'spec.kind', value: (spec as { kind: unknown }).kind, fix: 'use "rsgan" or "dcgan"' });
  }
  const nets = spec.architecture === 'cnn'
    ? rsganCnn({ numFeatures: spec.numFeatures, imageSize: spec.imageSize })
    : rsganResNet({ numFeatures: spec.numFeatures, imageSize: spec.imageSize, bottleneck: spec.bottleneck });
  return ganGame<tf.Tensor4D>({ generator: nets.generator, discriminator: nets.discriminator, loss: spec.loss === 'rs' ? rsGan : nonSaturating, latentSize: 128 });
}

/**
 * The default `GameBuilder`: `experimentGame` on this thread.
 *
 * @example
 * ```ts
 * const game = await (ctx.buildGame ?? onThisThread)(spec);
 * ```
 */
export const onThisThread: GameBuilder = async (spec) => experimentGame(spec);
