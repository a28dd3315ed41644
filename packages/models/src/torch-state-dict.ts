import * as tf from '@tensorflow/tfjs-core';
import { SaddleError, type Params } from '@saddle/core';
import type { Architecture } from './architecture.js';
import { kernelShape } from './internal/layer-list.js';
import type { LayerSpec } from './layer-spec.js';

/**
 * One tensor of a PyTorch `state_dict` in C order, as `readTorchCheckpoint` of `@saddle/io` returns it.
 * Weights and statistics must be float32 (`Float32Array`); `num_batches_tracked` may be any type.
 *
 * @example
 * ```ts
 * const stateDict: Record<string, TorchTensor> = { 'l1.weight': { shape: [8, 2], data: new Float32Array(16) }, 'l1.bias': { shape: [8], data: new Float32Array(8) } };
 * const { params } = fromTorchStateDict(architecture, stateDict);
 * ```
 */
export interface TorchTensor {
  readonly shape: readonly number[];
  readonly data: Float32Array | Float64Array | Int32Array | BigInt64Array | Int16Array | Int8Array | Uint8Array;
}

interface Target {
  readonly name: string;
  readonly store: 'params' | 'state';
  readonly torchShape: readonly number[];
  /** Converts PyTorch's layout into Saddle's; the caller owns the result. */
  readonly convert: (t: tf.Tensor) => tf.Tensor;
}

const same = (t: tf.Tensor): tf.Tensor => tf.clone(t);
/** OIHW → HWIO (Conv2d) and IOHW → [h, w, out, in] (ConvTranspose2d) are the same permutation. */
const fromTorchConv = (t: tf.Tensor): tf.Tensor => tf.transpose(t, [2, 3, 1, 0]);

function targets(layer: LayerSpec): Record<string, Target> {
  const t: Record<string, Target> = {};
  const p = layer.torch;
  const n = layer.name;
  if (layer.kind === 'batchNorm') {
    const c = [layer.channels];
    t[`${p}.weight`] = { name: `${n}/gamma`, store: 'params', torchShape: c, convert: same };
    t[`${p}.bias`] = { name: `${n}/beta`, store: 'params', torchShape: c, convert: same };
    t[`${p}.running_mean`] = { name: `${n}/runningMean`, store: 'state', torchShape: c, convert: same };
    t[`${p}.running_var`] = { name: `${n}/runningVar`, store: 'state', torchShape: c, convert: same };
    return t;
  }
  const shape = kernelShape(layer);
  const torchShape = layer.kind === 'linear' ? [layer.out, layer.in]
    : layer.kind === 'conv' ? [layer.out, layer.in, layer.k, layer.k] : [layer.in, layer.out, layer.k, layer.k];
  const convert = layer.kind === 'linear' ? (x: tf.Tensor) => tf.transpose(x) : fromTorchConv;
  const sn = layer.kind !== 'convTranspose' && layer.spectralNorm;
  t[`${p}.${sn ? 'weight_orig' : 'weight'}`] = { name: `${n}/kernel`, store: 'params', torchShape, convert };
  if (layer.bias) t[`${p}.bias`] = { name: `${n}/bias`, store: 'params', torchShape: [layer.out], convert: same };
  if (sn) {
    const rest = shape.slice(0, -1).reduce((a, b) => a * b, 1);
    t[`${p}.weight_u`] = { name: `${n}/u`, store: 'state', torchShape: [layer.out], convert: same };
    // PyTorch flattens v over (in, kh, kw); Saddle's kernel rows run over (kh, kw, in).
    const toSaddleV = layer.kind === 'linear' ? same
      : (x: tf.Tensor) => tf.reshape(tf.transpose(tf.reshape(x, [layer.in, layer.k, layer.k]), [1, 2, 0]), [rest]);
    t[`${p}.weight_v`] = { name: `${n}/v`, store: 'state', torchShape: [rest], convert: toSaddleV };
  }
  return t;
}

/**
 * Converts a PyTorch `state_dict` of one of this package's architectures into Saddle's `{ params, state }`,
 * checking every key and shape: Linear [out, in] → [in, out]; Conv2d OIHW → HWIO; ConvTranspose2d IOHW →
 * [kh, kw, out, in]; BatchNorm weight/bias → γ/β and running_mean/var → state; spectral norm's
 * weight_orig → kernel, weight_u → u, weight_v → v (reordered to Saddle's (kh, kw, in) flattening).
 * BatchNorm's `num_batches_tracked` is accepted and dropped (it matters only with momentum=None).
 * Any missing or extra key, or a wrong shape or size, is refused with a `SaddleError` listing them.
 * The caller owns the returned tensors; the input is not modified.
 *
 * @example
 * ```ts
 * const tensors = readTorchCheckpoint(bytes); // @saddle/io
 * const g = cnnGenerator({ numFeatures: 16 });
 * const { params, state } = fromTorchStateDict(g, tensors);
 * const { output } = g.apply(params, state, z, { training: false });
 * ```
 */
export function fromTorchStateDict(architecture: Pick<Architecture, 'name' | 'layers'>, stateDict: Readonly<Record<string, TorchTensor>>): { params: Params; state: Params } {
  const expected: Record<string, Target> = {};
  const ignored = new Set<string>();
  for (const layer of architecture.layers) {
    Object.assign(expected, targets(layer));
    if (layer.kind === 'batchNorm') ignored.add(`${layer.torch}.num_batches_tracked`);
  }
  const keys = Object.keys(stateDict);
  const missing = Object.keys(expected).filter((k) => !(k in stateDict));
  const extra = keys.filter((k) => expected[k] === undefined && !ignored.has(k));
  if (missing.length > 0 || extra.length > 0) {
    throw new SaddleError(`state_dict keys do not match ${architecture.name}: missing [${missing.join(', ')}], extra [${extra.join(', ')}]`, {
      code: 'STRUCTURE_MISMATCH', field: 'stateDict', value: keys,
      fix: 'build the architecture with the options the checkpoint was trained with (numFeatures, imageSize, bottleneck)',
    });
  }
  for (const [key, target] of Object.entries(expected)) {
    const entry = stateDict[key] as TorchTensor;
    const size = target.torchShape.reduce((a, b) => a * b, 1);
    if (!(entry.data instanceof Float32Array)) {
      throw new SaddleError(`${key} is not float32`, {
        code: 'INVALID_ARGUMENT', field: `stateDict["${key}"]`, value: entry.data.constructor.name,
        fix: 'convert the checkpoint to float32 (model.float()) before saving',
      });
    }
    if (entry.shape.join(',') !== target.torchShape.join(',') || entry.data.length !== size) {
      throw new SaddleError(`shape of ${key} does not match ${architecture.name}`, {
        code: 'SHAPE_MISMATCH', field: `stateDict["${key}"]`, value: [...entry.shape],
        fix: `expected [${target.torchShape.join(', ')}] with ${size} values; check numFeatures, imageSize and bottleneck`,
      });
    }
  }
  const params: Record<string, tf.Tensor> = {};
  const state: Record<string, tf.Tensor> = {};
  for (const [key, target] of Object.entries(expected)) {
    const entry = stateDict[key] as TorchTensor;
    const tensor = tf.tidy(() => target.convert(tf.tensor(entry.data as Float32Array, [...entry.shape], 'float32')));
    (target.store === 'params' ? params : state)[target.name] = tensor;
  }
  return { params, state };
}
