import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '@saddle/core';

/**
 * ε of `F.normalize` in `torch.nn.utils.spectral_norm`: x / max(‖x‖, ε).
 *
 * @example
 * ```ts
 * // one half-step of the power iteration, normalised as F.normalize(x) = x / max(‖x‖, ε)
 * const v = tf.div(wtu, tf.maximum(tf.norm(wtu), SPECTRAL_NORM_EPS));
 * ```
 */
export const SPECTRAL_NORM_EPS = 1e-12;

/**
 * The power-iteration vectors of one spectrally normalised kernel (module state).
 *
 * @example
 * ```ts
 * const vectors: SpectralNormVectors = spectralNormInit(createRng(0), [3, 3, 64, 128]); // u [128], v [576]
 * const { kernel: normalised, sigma, u, v } = spectralNorm(kernel, vectors, true);
 * ```
 */
export interface SpectralNormVectors {
  /** Left singular vector estimate, one entry per output unit: [out]. */
  readonly u: tf.Tensor;
  /** Right singular vector estimate over the kernel's other axes, in Saddle's row-major order: [rest]. */
  readonly v: tf.Tensor;
}

const stopGradient = tf.customGrad((x) => {
  const input = x as tf.Tensor;
  return { value: tf.clone(input), gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy) };
});

function normalize(x: tf.Tensor): tf.Tensor {
  return tf.div(x, tf.maximum(tf.norm(x), SPECTRAL_NORM_EPS));
}

/**
 * Starting vectors as `torch.nn.utils.spectral_norm`: u = normalize(N(0, I_out)), v = normalize(N(0, I_rest))
 * for a kernel whose last axis is the output axis (rest = product of the other axes). The caller owns them.
 *
 * @example
 * ```ts
 * const { u, v } = spectralNormInit(rng, [3, 3, 64, 128]); // u [128], v [576]
 * ```
 */
export function spectralNormInit(rng: Rng, kernelShape: readonly number[]): SpectralNormVectors {
  const out = kernelShape[kernelShape.length - 1] ?? 1;
  const rest = kernelShape.reduce((a, b) => a * b, 1) / out;
  const [ru, rv] = rng.split(2) as [Rng, Rng];
  return tf.tidy(() => ({ u: normalize(ru.normal([out])), v: normalize(rv.normal([rest])) }));
}

/**
 * Spectral normalisation W/σ(W) of a kernel, as `torch.nn.utils.spectral_norm` with one power iteration.
 * With M = reshape(kernel, [rest, out]) (PyTorch's weight matrix is Mᵀ, [out, rest]):
 * - training: v ← normalize(M u), then u ← normalize(Mᵀ v) (PyTorch's order: v from u first), both
 *   treated as constants for gradients; σ = vᵀ M u; the updated u, v are returned;
 * - eval: σ = vᵀ M u with the stored u, v, which are returned unchanged (the same tensors).
 * σ converges to the largest singular value as training calls repeat. Returns the normalised kernel
 * (new), σ (new) and the vectors; the inputs are not disposed.
 *
 * @example
 * ```ts
 * const { kernel, u, v } = spectralNorm(params['conv1/kernel'], { u: state['conv1/u'], v: state['conv1/v'] }, true);
 * ```
 * @see Miyato et al., "Spectral Normalization for Generative Adversarial Networks", 2018
 */
export function spectralNorm(kernel: tf.Tensor, vectors: SpectralNormVectors, training: boolean): SpectralNormVectors & { kernel: tf.Tensor; sigma: tf.Scalar } {
  const out = kernel.shape[kernel.rank - 1] as number;
  return tf.tidy(() => {
    const m = tf.reshape(kernel, [-1, out]) as tf.Tensor2D;
    let { u, v } = vectors;
    if (training) {
      const constM = stopGradient(m) as tf.Tensor2D;
      v = normalize(tf.reshape(tf.matMul(constM, tf.reshape(u, [out, 1])), [-1]));
      u = normalize(tf.reshape(tf.matMul(tf.reshape(v, [1, -1]), constM), [-1]));
    }
    const sigma = tf.reshape(tf.matMul(tf.matMul(tf.reshape(v, [1, -1]), m), tf.reshape(u, [out, 1])), []) as tf.Scalar;
    return { kernel: tf.div(kernel, sigma), sigma, u, v };
  });
}
