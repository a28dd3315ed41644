import * as tf from '@tensorflow/tfjs-core';
import type { BasicConvSpec } from './architecture.js';

/** A `BasicConv2d` with its eval-mode batch norm folded in: relu(conv(x, kernel) + bias), kernel HWIO. */
export interface FoldedConv {
  readonly spec: BasicConvSpec;
  readonly kernel: tf.Tensor4D;
  readonly bias: tf.Tensor1D;
}

/** The network's tensors: folded convolutions by PyTorch prefix, and the head W as [d, 1008]. */
export interface InceptionTensors {
  readonly convs: ReadonlyMap<string, FoldedConv>;
  readonly fcKernel: tf.Tensor2D;
}

type Pad = [[number, number], [number, number], [number, number], [number, number]];

/**
 * pool3 (global average of Mixed_7c, [n, d]) and unbiased logits pool3·W ([n, 1008]) of the FID
 * Inception network for preprocessed NHWC input (299×299, values in [−1, 1]). Block by block as
 * pytorch-fid's `fid_inception_v3`: average pools in the A, C and E_1 blocks exclude the zero
 * padding from their count (TF's SAME average pool = PyTorch `count_include_pad=False`), and
 * E_2's (Mixed_7c) pool branch is a 3×3 stride-1 max pool. Concatenation is along channels in
 * PyTorch's branch order. Returns new tensors; the input is not disposed.
 */
export function inceptionForward(net: InceptionTensors, input: tf.Tensor4D): { pool3: tf.Tensor2D; logits: tf.Tensor2D } {
  return tf.tidy(() => {
    const conv = (name: string, x: tf.Tensor4D): tf.Tensor4D => {
      const layer = net.convs.get(name);
      if (layer === undefined) throw new Error(`internal: no convolution ${name}`);
      const { stride, padding: [ph, pw] } = layer.spec;
      const pad: Pad = [[0, 0], [ph, ph], [pw, pw], [0, 0]];
      return tf.fused.conv2d({ x, filter: layer.kernel, strides: stride, pad, bias: layer.bias, activation: 'relu' });
    };
    const chain = (x: tf.Tensor4D, ...names: string[]): tf.Tensor4D => names.reduce((y, name) => conv(name, y), x);
    const cat = (parts: tf.Tensor4D[]): tf.Tensor4D => tf.concat4d(parts, 3);
    const avgPoolNoPad = (x: tf.Tensor4D): tf.Tensor4D => tf.avgPool(x, 3, 1, 'same');
    const maxPoolValid = (x: tf.Tensor4D): tf.Tensor4D => tf.maxPool(x, 3, 2, 'valid');

    const blockA = (p: string, x: tf.Tensor4D): tf.Tensor4D => cat([
      conv(`${p}.branch1x1`, x),
      chain(x, `${p}.branch5x5_1`, `${p}.branch5x5_2`),
      chain(x, `${p}.branch3x3dbl_1`, `${p}.branch3x3dbl_2`, `${p}.branch3x3dbl_3`),
      conv(`${p}.branch_pool`, avgPoolNoPad(x)),
    ]);
    const blockB = (p: string, x: tf.Tensor4D): tf.Tensor4D => cat([
      conv(`${p}.branch3x3`, x),
      chain(x, `${p}.branch3x3dbl_1`, `${p}.branch3x3dbl_2`, `${p}.branch3x3dbl_3`),
      maxPoolValid(x),
    ]);
    const blockC = (p: string, x: tf.Tensor4D): tf.Tensor4D => cat([
      conv(`${p}.branch1x1`, x),
      chain(x, `${p}.branch7x7_1`, `${p}.branch7x7_2`, `${p}.branch7x7_3`),
      chain(x, `${p}.branch7x7dbl_1`, `${p}.branch7x7dbl_2`, `${p}.branch7x7dbl_3`, `${p}.branch7x7dbl_4`, `${p}.branch7x7dbl_5`),
      conv(`${p}.branch_pool`, avgPoolNoPad(x)),
    ]);
    const blockD = (p: string, x: tf.Tensor4D): tf.Tensor4D => cat([
      chain(x, `${p}.branch3x3_1`, `${p}.branch3x3_2`),
      chain(x, `${p}.branch7x7x3_1`, `${p}.branch7x7x3_2`, `${p}.branch7x7x3_3`, `${p}.branch7x7x3_4`),
      maxPoolValid(x),
    ]);
    const blockE = (p: string, x: tf.Tensor4D, pool: 'avg' | 'max'): tf.Tensor4D => {
      const b3 = conv(`${p}.branch3x3_1`, x);
      const bd = chain(x, `${p}.branch3x3dbl_1`, `${p}.branch3x3dbl_2`);
      const pooled = pool === 'max' ? tf.maxPool(x, 3, 1, 'same') : avgPoolNoPad(x);
      return cat([
        conv(`${p}.branch1x1`, x),
        conv(`${p}.branch3x3_2a`, b3), conv(`${p}.branch3x3_2b`, b3),
        conv(`${p}.branch3x3dbl_3a`, bd), conv(`${p}.branch3x3dbl_3b`, bd),
        conv(`${p}.branch_pool`, pooled),
      ]);
    };

    // Each stage in its own tidy, so a block's intermediates are freed before the next block runs
    // (peak memory: about two blocks' activations instead of the whole network's).
    const stages: ((x: tf.Tensor4D) => tf.Tensor4D)[] = [
      (x) => maxPoolValid(chain(x, 'Conv2d_1a_3x3', 'Conv2d_2a_3x3', 'Conv2d_2b_3x3')),
      (x) => maxPoolValid(chain(x, 'Conv2d_3b_1x1', 'Conv2d_4a_3x3')),
      (x) => blockA('Mixed_5b', x), (x) => blockA('Mixed_5c', x), (x) => blockA('Mixed_5d', x),
      (x) => blockB('Mixed_6a', x),
      (x) => blockC('Mixed_6b', x), (x) => blockC('Mixed_6c', x), (x) => blockC('Mixed_6d', x), (x) => blockC('Mixed_6e', x),
      (x) => blockD('Mixed_7a', x), (x) => blockE('Mixed_7b', x, 'avg'), (x) => blockE('Mixed_7c', x, 'max'),
    ];
    let x = input;
    for (const stage of stages) {
      const previous = x;
      x = tf.tidy(() => stage(previous));
      if (previous !== input) previous.dispose();
    }
    const pool3 = tf.mean(x, [1, 2]) as tf.Tensor2D;
    return { pool3, logits: tf.matMul(pool3, net.fcKernel) };
  });
}
