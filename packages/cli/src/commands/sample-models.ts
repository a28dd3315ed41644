import type * as tf from '@tensorflow/tfjs-core';
import { SaddleError } from '@saddle/core';
import { cnnGenerator, dcgan, resNetGenerator, type Architecture } from '@saddle/models';
import { choiceOption, numberOption, type FlagValues } from './args.js';

/** The model options `saddle sample` knows; each model takes a subset. */
export const MODEL_OPTION_FLAGS = {
  'image-size': { type: 'string' },
  'num-features': { type: 'string' },
  width: { type: 'string' },
  bottleneck: { type: 'boolean' },
  'latent-size': { type: 'string' },
} as const;

export type ModelOption = keyof typeof MODEL_OPTION_FLAGS;

/** A generator `saddle sample` can build from a name and flags. */
export interface SampleModel {
  /** One line for the help. */
  readonly summary: string;
  /** The model options it takes, with their help text (defaults included). */
  readonly options: Readonly<Partial<Record<ModelOption, string>>>;
  /** Builds the generator from parsed flags (only the options above are present). */
  build(values: FlagValues): { generator: Architecture<tf.Tensor2D, tf.Tensor4D>; latentSize: number };
}

const WIDTH = { integer: true, min: 1, max: 65_536 } as const;
const LATENT = { integer: true, min: 1, max: 65_536 } as const;

/**
 * Model names to generators: the only place `saddle sample` turns a `--model` string into an
 * architecture. Defaults are the nets released with RS-GAN (AilsaF/RS-GAN `pretrained-model/`,
 * the "quater" = channel/4 CIFAR-10 generators: CNN F = 16, ResNet F = 64, image 32, latent 128).
 *
 * @example
 * ```ts
 * const { generator, latentSize } = SAMPLE_MODELS['rsgan-cnn'].build({ 'num-features': '32' });
 * ```
 */
export const SAMPLE_MODELS: Readonly<Record<string, SampleModel>> = {
  'rsgan-cnn': {
    summary: "RS-GAN's CNN generator (DCGenerator32/48, cnnGenerator)",
    options: {
      'image-size': '32 or 48 (default 32)',
      'num-features': 'F (default 16, the released "quater" net; 64 regular, 32 channel/2)',
      'latent-size': 'latent size d (default 128)',
    },
    build(values) {
      const imageSize = imageSizeOption(values);
      const latentSize = numberOption(values, 'latent-size', 128, LATENT);
      const numFeatures = numberOption(values, 'num-features', 16, WIDTH);
      return { generator: cnnGenerator({ numFeatures, imageSize, latentSize }), latentSize };
    },
  },
  'rsgan-resnet': {
    summary: "RS-GAN's SNGAN-style ResNet generator (ResNetGenerator32/48, resNetGenerator)",
    options: {
      'image-size': '32 or 48 (default 32)',
      'num-features': 'F (default 64, the released "quater" net; 256 regular at 32, 64 at 48)',
      bottleneck: 'hidden channels of each block are out/2 (default off)',
      'latent-size': 'latent size d (default 128)',
    },
    build(values) {
      const imageSize = imageSizeOption(values);
      const latentSize = numberOption(values, 'latent-size', 128, LATENT);
      const bottleneck = values.bottleneck === true;
      const numFeatures = numberOption(values, 'num-features', 64, WIDTH);
      if (bottleneck && numFeatures % 2 !== 0) {
        throw new SaddleError('must be even with --bottleneck', { code: 'INVALID_CONFIG', field: '--num-features', value: numFeatures, fix: 'pass an even F, or drop --bottleneck' });
      }
      return { generator: resNetGenerator({ numFeatures, imageSize, bottleneck, latentSize }), latentSize };
    },
  },
  dcgan: {
    summary: 'DCGAN generator with width k (PyTorch examples/dcgan, bias-free; dcgan)',
    options: {
      width: 'k, channels of the last hidden map (default 64, the standard DCGAN)',
      'image-size': '32 or 64 (default 32)',
      'latent-size': 'latent size d (default 100)',
    },
    build(values) {
      const imageSize = Number(choiceOption(values, 'image-size', '32', ['32', '64'] as const)) as 32 | 64;
      const latentSize = numberOption(values, 'latent-size', 100, LATENT);
      const width = numberOption(values, 'width', 64, WIDTH);
      return { generator: dcgan({ width, imageSize, latentSize }).generator, latentSize };
    },
  },
};

/** The names of `SAMPLE_MODELS`, for help and errors. */
export const SAMPLE_MODEL_NAMES = Object.keys(SAMPLE_MODELS);

/**
 * The registered model for `--model`, with every model option given on the command line checked
 * to belong to it; a `SaddleError` (`INVALID_CONFIG`) names the flag and lists what is allowed.
 */
export function sampleModel(values: FlagValues): SampleModel {
  const name = values.model;
  if (typeof name !== 'string') {
    throw new SaddleError('is required', { code: 'INVALID_CONFIG', field: '--model', fix: `pass --model NAME; allowed: ${SAMPLE_MODEL_NAMES.join(', ')}` });
  }
  const model = Object.hasOwn(SAMPLE_MODELS, name) ? SAMPLE_MODELS[name] : undefined;
  if (model === undefined) {
    throw new SaddleError('unknown model', {
      code: 'INVALID_CONFIG', field: '--model', value: name, fix: `allowed: ${SAMPLE_MODEL_NAMES.join(', ')}`,
    });
  }
  for (const option of Object.keys(MODEL_OPTION_FLAGS) as ModelOption[]) {
    if (values[option] !== undefined && model.options[option] === undefined) {
      throw new SaddleError(`is not an option of --model ${name}`, {
        code: 'INVALID_CONFIG', field: `--${option}`, value: values[option],
        fix: `allowed for ${name}: ${Object.keys(model.options).map((o) => `--${o}`).join(', ')}`,
      });
    }
  }
  return model;
}

function imageSizeOption(values: FlagValues): 32 | 48 {
  return Number(choiceOption(values, 'image-size', '32', ['32', '48'] as const)) as 32 | 48;
}
