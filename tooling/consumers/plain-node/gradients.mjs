// Plain Node ESM, as a user writes it: only Saddle packages and tfjs-core, resolved through
// their published `exports` (dist/), with no bundler and no source conditions. Prints the
// gradients of the ops GAN training needs, per backend, as JSON on stdout.
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@saddle/core';
import { cpu } from '@saddle/backend-cpu';
import { wasm } from '@saddle/backend-wasm';

const x = [1, -2, 3, 0.5, 4, -1, 2, 2, -3];
const w = [0.5, -1, 2, 1];

function gradients() {
  return tf.tidy(() => {
    const image = tf.tensor4d(x, [1, 3, 3, 1]);
    const kernel = tf.tensor4d(w, [2, 2, 1, 1]);
    const [dImage, dKernel] = tf.grads((i, k) => tf.sum(tf.conv2d(i, k, 1, 'valid')))([image, kernel]);
    const a = tf.tensor2d(x, [3, 3]);
    const dA = tf.grad((m) => tf.sum(tf.matMul(m, tf.tensor2d([1, 2, 3, 4, 5, 6], [3, 2]))))(a);
    const logits = tf.tensor1d([-3, 0, 2]);
    const dLogits = tf.grad((l) => tf.mean(tf.softplus(tf.neg(l))))(logits);
    const offset = tf.tensor1d([0]);
    const dOffset = tf.grad((o) => tf.sum(tf.batchNorm(image, tf.tensor1d([1]), tf.tensor1d([4]), o, tf.tensor1d([2]), 1e-3)))(offset);
    const dTransposed = tf.grad((k) => tf.sum(tf.conv2dTranspose(tf.ones([1, 2, 2, 1]), k, [1, 3, 3, 1], 1, 'valid')))(kernel);
    const chained = image.square().sum();
    return { dImage, dKernel, dA, dLogits, dOffset, dTransposed, chained };
  });
}

const out = {};
for (const spec of [cpu(), wasm()]) {
  await useBackend(spec);
  const before = tf.memory().numTensors;
  const g = gradients();
  const values = {};
  for (const [name, t] of Object.entries(g)) values[name] = Array.from(await t.data());
  tf.dispose(Object.values(g));
  out[spec.name] = { values, leaked: tf.memory().numTensors - before };
}
process.stdout.write(JSON.stringify(out));
