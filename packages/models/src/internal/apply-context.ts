import * as tf from '@tensorflow/tfjs-core';
import { SaddleError, type Params } from '@saddle/core';
import { batchNorm } from '../layers/batch-norm.js';
import { conv2d, type ConvGeometry } from '../layers/conv2d.js';
import { conv2dTranspose } from '../layers/conv2d-transpose.js';
import { dense } from '../layers/dense.js';
import { spectralNorm } from '../layers/spectral-norm.js';

/**
 * Reads named params/state for one `apply` call and collects the new state (running statistics,
 * power-iteration vectors). Call inside `tf.tidy`; return `newState` alongside the output.
 */
export class ApplyContext {
  readonly newState: Record<string, tf.Tensor>;

  constructor(
    private readonly params: Params,
    private readonly state: Params,
    private readonly training: boolean,
  ) {
    this.newState = { ...state };
  }

  private get(map: Params, name: string, where: 'params' | 'state'): tf.Tensor {
    const t = map[name];
    if (t === undefined) {
      throw new SaddleError(`missing ${where} entry`, {
        code: 'STRUCTURE_MISMATCH', field: name, fix: `pass the ${where} returned by this module's init (or fromTorchStateDict)`,
      });
    }
    return t;
  }

  /** The kernel of `name`, spectrally normalised when the layer has `u`/`v` state. */
  private kernel(name: string): tf.Tensor {
    const kernel = this.get(this.params, `${name}/kernel`, 'params');
    if (this.state[`${name}/u`] === undefined) return kernel;
    const sn = spectralNorm(kernel, { u: this.get(this.state, `${name}/u`, 'state'), v: this.get(this.state, `${name}/v`, 'state') }, this.training);
    this.newState[`${name}/u`] = sn.u;
    this.newState[`${name}/v`] = sn.v;
    return sn.kernel;
  }

  linear(name: string, x: tf.Tensor): tf.Tensor2D {
    return dense(x, this.kernel(name), this.params[`${name}/bias`]);
  }

  conv(name: string, x: tf.Tensor4D, geometry: ConvGeometry): tf.Tensor4D {
    return conv2d(x, this.kernel(name), this.params[`${name}/bias`], geometry);
  }

  convTranspose(name: string, x: tf.Tensor4D, geometry: ConvGeometry): tf.Tensor4D {
    return conv2dTranspose(x, this.kernel(name), this.params[`${name}/bias`], geometry);
  }

  batchNorm<T extends tf.Tensor>(name: string, x: T): T {
    const out = batchNorm(x, {
      gamma: this.get(this.params, `${name}/gamma`, 'params'),
      beta: this.get(this.params, `${name}/beta`, 'params'),
      runningMean: this.get(this.state, `${name}/runningMean`, 'state'),
      runningVar: this.get(this.state, `${name}/runningVar`, 'state'),
    }, this.training);
    this.newState[`${name}/runningMean`] = out.runningMean;
    this.newState[`${name}/runningVar`] = out.runningVar;
    return out.output as T;
  }
}

/** Refuses an image batch that is not [n, size, size, channels]. */
export function checkImages(x: tf.Tensor, size: number, channels: number, field = 'input'): tf.Tensor4D {
  if (x.rank !== 4 || x.shape[1] !== size || x.shape[2] !== size || x.shape[3] !== channels) {
    throw new SaddleError('images must be NHWC [n, size, size, channels]', {
      code: 'SHAPE_MISMATCH', field, value: x.shape, fix: `pass a [n, ${size}, ${size}, ${channels}] tensor`,
    });
  }
  return x as tf.Tensor4D;
}

/** Refuses a latent batch that is not [n, size]. */
export function checkLatents(z: tf.Tensor, size: number): tf.Tensor2D {
  if (z.rank !== 2 || z.shape[1] !== size) {
    throw new SaddleError('latents must be [n, latentSize]', {
      code: 'SHAPE_MISMATCH', field: 'input', value: z.shape, fix: `pass a [n, ${size}] tensor`,
    });
  }
  return z as tf.Tensor2D;
}

/** Refuses a width that is not a positive integer (optionally a multiple of `multiple`). */
export function checkWidth(field: string, value: unknown, multiple = 1): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < multiple || value % multiple !== 0 || value > 65_536) {
    throw new SaddleError(`width must be a positive integer multiple of ${multiple}, at most 65536`, {
      code: 'INVALID_ARGUMENT', field, value, fix: `pass an integer such as ${64 * multiple}`,
    });
  }
  return value;
}
