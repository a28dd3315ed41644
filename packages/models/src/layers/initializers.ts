import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '@saddle/core';

/**
 * PyTorch's default weight and bias initialisation for `nn.Linear` and `nn.Conv2d`
 * (`kaiming_uniform_(a=√5)` on the weight, U(±1/√fanIn) on the bias): both reduce to
 * U(−1/√fanIn, 1/√fanIn), with fanIn = inChannels·kh·kw (or `in` for a linear layer).
 * The caller owns the returned tensor.
 *
 * @example
 * ```ts
 * const kernel = torchDefaultUniform(rng, [3, 3, 16, 32], 16 * 9); // conv HWIO
 * ```
 */
export function torchDefaultUniform(rng: Rng, shape: readonly number[], fanIn: number): tf.Tensor {
  const bound = 1 / Math.sqrt(fanIn);
  return tf.randomUniform([...shape], -bound, bound, 'float32', rng.seed());
}

/**
 * Glorot/Xavier uniform: U(−a, a) with a = √(6 / (fanIn + fanOut)) (`torch.nn.init.xavier_uniform_`,
 * gain 1). For a conv kernel fanIn = in·kh·kw and fanOut = out·kh·kw.
 *
 * @example
 * ```ts
 * const kernel = xavierUniform(rng, [128, 2048], 128, 2048);
 * ```
 * @see Glorot and Bengio, "Understanding the difficulty of training deep feedforward neural networks", 2010
 */
export function xavierUniform(rng: Rng, shape: readonly number[], fanIn: number, fanOut: number): tf.Tensor {
  const bound = Math.sqrt(6 / (fanIn + fanOut));
  return tf.randomUniform([...shape], -bound, bound, 'float32', rng.seed());
}

/**
 * Normal initialisation N(mean, std²) (`torch.nn.init.normal_`).
 *
 * @example
 * ```ts
 * const kernel = normalInit(rng, [4, 4, 3, 64], 0, 0.02); // the DCGAN recipe
 * ```
 */
export function normalInit(rng: Rng, shape: readonly number[], mean = 0, std = 1): tf.Tensor {
  return tf.randomNormal([...shape], mean, std, 'float32', rng.seed());
}

/**
 * Orthogonal initialisation (`torch.nn.init.orthogonal_`, gain 1) of a kernel whose last axis is the
 * output axis: the matrix M = reshape(kernel, [rest, out]) has orthonormal columns when rest ≥ out and
 * orthonormal rows otherwise. It is the Q of a QR factorisation of a Gaussian matrix, with the signs of
 * diag(R) folded in so the distribution is uniform (Haar).
 *
 * @example
 * ```ts
 * const kernel = orthogonal(rng, [3, 3, 64, 128]); // reshape to [576, 128]: QᵀQ = I
 * ```
 * @see Saxe et al., "Exact solutions to the nonlinear dynamics of learning in deep linear neural networks", 2014
 */
export function orthogonal(rng: Rng, shape: readonly number[]): tf.Tensor {
  const out = shape[shape.length - 1] ?? 1;
  const rest = shape.reduce((a, b) => a * b, 1) / out;
  return tf.tidy(() => {
    const tall = rest >= out;
    const g = tf.randomNormal(tall ? [rest, out] : [out, rest], 0, 1, 'float32', rng.seed()) as tf.Tensor2D;
    const [q, r] = tf.linalg.qr(g);
    const signs = tf.sign(tf.sum(tf.mul(r, tf.eye(r.shape[0], r.shape[1])), 0));
    const qs = tf.mul(q, signs);
    return tf.reshape(tall ? qs : tf.transpose(qs), [...shape]);
  });
}
