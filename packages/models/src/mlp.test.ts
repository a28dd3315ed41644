import * as tf from '@tensorflow/tfjs-core';
import { createRng, disposeTree } from '@saddle/core';
import { ALL_BACKENDS, describeWithBackends, expectTensorClose } from '@saddle/testing';
import { expect, it } from 'vitest';
import { mlp } from './mlp.js';

describeWithBackends('mlp', ALL_BACKENDS, ({ tol }) => {
  it('computes tanh(relu(x W0 + b0) W1 + b1) for hand-set weights', async () => {
    const net = mlp({ inputSize: 2, hiddenSizes: [2], outputSize: 1, activation: 'relu', outputActivation: 'tanh' });
    const params = {
      'dense0/kernel': tf.tensor2d([[1, -1], [2, 0.5]]),
      'dense0/bias': tf.tensor1d([0.1, -0.2]),
      'dense1/kernel': tf.tensor2d([[0.3], [-0.4]]),
      'dense1/bias': tf.tensor1d([0.05]),
    };
    const x = tf.tensor2d([[1, 2], [-1, 0.5]]);
    const { output } = net.apply(params, {}, x, { training: false });
    // Row 1: h = relu([1+4+0.1, −1+1−0.2]) = [5.1, 0]; y = tanh(1.53 + 0.05).
    // Row 2: h = relu([−1+1+0.1, 1+0.25−0.2]) = [0.1, 1.05]; y = tanh(0.03 − 0.42 + 0.05).
    await expectTensorClose(output, [Math.tanh(1.58), Math.tanh(-0.34)], tol);
    expect(output.shape).toEqual([2, 1]);
    disposeTree([params, x, output]);
  });

  it('initialises like PyTorch nn.Linear, U(±1/√fanIn), reproducibly', async () => {
    const net = mlp({ inputSize: 16, hiddenSizes: [64], outputSize: 4 });
    const a = net.init(createRng(3));
    const b = net.init(createRng(3));
    expect(Object.keys(a.params)).toEqual(['dense0/kernel', 'dense0/bias', 'dense1/kernel', 'dense1/bias']);
    const k0 = await (a.params['dense0/kernel'] as tf.Tensor).data();
    expect(Math.max(...k0.map(Math.abs))).toBeLessThanOrEqual(0.25);
    expect(Math.max(...k0.map(Math.abs))).toBeGreaterThan(0.24);
    expect(Array.from(k0)).toEqual(Array.from(await (b.params['dense0/kernel'] as tf.Tensor).data()));
    disposeTree([a, b]);
  });

  it('refuses wrong input widths and absurd layer sizes', () => {
    expect(() => mlp({ inputSize: 2, hiddenSizes: [1e9], outputSize: 1 })).toThrowError(/hiddenSizes\[0\]: layer width must be an integer in \[1, 65536\] \(got 1000000000\)/);
    const net = mlp({ inputSize: 2, hiddenSizes: [], outputSize: 1 });
    const { params } = net.init(createRng(0));
    const x = tf.zeros([3, 5]) as tf.Tensor2D;
    expect(() => net.apply(params, {}, x, { training: false })).toThrowError(/input: MLP input must be \[batch, inputSize\] \(got \[3, 5\]\)/);
    disposeTree([params, x]);
  });
});
