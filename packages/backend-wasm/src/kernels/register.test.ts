import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@saddle/core';
import { describeWithBackends } from '@saddle/testing';
import { expect, it, vi } from 'vitest';
import { registerTrainingKernels, TRAINING_KERNELS } from './register.js';

describeWithBackends('registerTrainingKernels', { only: ['wasm'] }, () => {
  it('leaves Saddle’s kernels registered for wasm, replacing tfjs’s Conv2DBackpropInput, MaxPoolGrad, BatchMatMul, Sum and Mean, and is idempotent', () => {
    const warn = vi.spyOn(console, 'warn');
    registerTrainingKernels();
    registerTrainingKernels();
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
    expect(TRAINING_KERNELS.map((k) => k.kernelName)).toEqual([
      'Conv2DBackpropFilter', 'Conv2DBackpropInput', 'DepthwiseConv2dNativeBackpropFilter', 'DepthwiseConv2dNativeBackpropInput', 'MaxPoolGrad', 'BatchMatMul', 'Sum', 'Mean',
    ]);
    for (const config of TRAINING_KERNELS) expect(tf.getKernel(config.kernelName, 'wasm')).toBe(config);
  });

  it('frees every intermediate on the wasm heap (engine tensor counts cannot see them)', () => {
    const rng = createRng(4);
    const x = rng.fold('x').normal([2, 8, 8, 3]);
    // Stride 2 over 8 rows leaves the last row unused (a crop); 2 images and M = 2 need sums.
    const dy = rng.fold('dy').normal([2, 3, 3, 6]);
    const w = rng.fold('w').normal([3, 3, 3, 2]);
    const ones = tf.ones([1, 1, 3, 1]);
    const w6 = rng.fold('w6').normal([3, 3, 3, 6]);
    const dyNchw = tf.transpose(dy, [0, 3, 1, 2]);
    const a = rng.fold('a').normal([2, 5, 7]);
    const b = rng.fold('b').normal([1, 5, 7]);
    const c = rng.fold('c').normal([1, 3, 5]);
    const d = rng.fold('d').normal([1, 7, 4]);
    const run = (name: string, inputs: tf.NamedTensorMap, attrs: object) =>
      tf.engine().runKernel(name, inputs, { strides: 2, dilations: 1, pad: 'valid', dataFormat: 'NHWC', ...attrs }) as tf.Tensor;
    const count = () => tf.backend().numDataIds();
    const before = count();
    tf.dispose([
      run(tf.Conv2DBackpropFilter, { x, dy }, { filterShape: [3, 3, 3, 6] }),
      run(tf.DepthwiseConv2dNativeBackpropFilter, { x, dy }, { filterShape: [3, 3, 3, 2] }),
      // Conv2DBackpropInput: phases, shuffle and crop (stride 2, 8 rows), and NCHW's transposes.
      run(tf.Conv2DBackpropInput, { dy, filter: w6 }, { inputShape: x.shape }),
      run(tf.Conv2DBackpropInput, { dy: dyNchw, filter: w6 }, { inputShape: [2, 3, 8, 8], dataFormat: 'NCHW' }),
      run(tf.DepthwiseConv2dNativeBackpropInput, { dy, filter: w }, { inputShape: x.shape }),
      // Padding past a 1×1 filter's reach: the input gradient crops.
      run(tf.DepthwiseConv2dNativeBackpropInput, { dy: x, filter: ones }, { strides: 1, pad: 1, inputShape: [2, 6, 6, 3] }),
      tf.grad((v: tf.Tensor) => tf.sum(tf.maxPool(v as tf.Tensor4D, 3, 2, 'same')))(x),
      // BatchMatMul with each operand transposed, both, and neither (batch axes broadcast 2 vs 1).
      tf.matMul(a, b, true, false),
      tf.matMul(a, b, false, true),
      tf.matMul(a, c, true, true),
      tf.matMul(a, d),
      // Sum and Mean over leading axes (Saddle's) and over others (tfjs's, called by Saddle's).
      tf.sum(x, [0, 1, 2]),
      tf.mean(x, [0, 1], true),
      tf.sum(x, [1, 3]),
      tf.mean(x, -1),
    ]);
    const after = count();
    tf.dispose([x, dy, w, ones, w6, dyNchw, a, b, c, d]);
    expect(after).toBe(before);
  });
});
