// BatchMatMul on wasm: Saddle's kernel (explicit Transpose, then tfjs's kernel untransposed) against
// tfjs-backend-wasm 4.22's own kernel, measured in the same process, interleaved round by round.
// Runs on the built package: `pnpm build`, then `pnpm --filter @saddle/backend-wasm bench`.
// Reports median ms per product and the ratio original / Saddle (> 1: Saddle is faster).
import os from 'node:os';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@saddle/core';
import { wasm } from '@saddle/backend-wasm';

// Importing tfjs-backend-wasm registers its kernels; keep its BatchMatMul before ours replaces it.
await import('@tensorflow/tfjs-backend-wasm');
const original = tf.getKernel('BatchMatMul', 'wasm');
await useBackend(wasm());
const ours = tf.getKernel('BatchMatMul', 'wasm');
if (original === undefined || ours === original) throw new Error('Saddle’s BatchMatMul did not replace tfjs’s');
const { getKernel, unregisterKernel, registerKernel } = tf;

function use(config) {
  if (getKernel('BatchMatMul', 'wasm') === config) return;
  unregisterKernel('BatchMatMul', 'wasm');
  registerKernel(config);
}

const CASES = [
  // [label, aShape, bShape, transposeA, transposeB]
  ['[256,128]ᵀ·[256,128]  (dW, k=256)', [256, 128], [256, 128], true, false],
  ['[256,128]·[256,128]ᵀ  (dX, k=128)', [256, 128], [256, 128], false, true],
  ['[128,256]ᵀ·[256,128]ᵀ (both)', [128, 256], [256, 128], true, true],
  ['[256,128]·[128,256]   (plain, control)', [256, 128], [128, 256], false, false],
  ['[256,64]ᵀ·[256,64]    (ring GAN dW)', [256, 64], [256, 64], true, false],
  ['[256,64]·[64,64]ᵀ     (ring GAN dX)', [256, 64], [64, 64], false, true],
  ['[8,64,64]ᵀ·[8,64,64]  (batched)', [8, 64, 64], [8, 64, 64], true, false],
];

function timeOnce(a, b, ta, tb, reps) {
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) tf.matMul(a, b, ta, tb).dispose();
  return (performance.now() - t0) / reps;
}

const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
const ROUNDS = 15;
console.log(`node ${process.version}, ${os.cpus().length} cpus (${os.cpus()[0]?.model ?? '?'}), load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.log(`${'case'.padEnd(40)} ${'tfjs ms'.padStart(9)} ${'saddle ms'.padStart(10)} ${'ratio'.padStart(7)}`);
for (const [label, aShape, bShape, ta, tb] of CASES) {
  const a = tf.randomNormal(aShape, 0, 1, 'float32', 1);
  const b = tf.randomNormal(bShape, 0, 1, 'float32', 2);
  // Aim for ~20 ms per measurement with the slower kernel.
  use(original);
  timeOnce(a, b, ta, tb, 3);
  const reps = Math.max(3, Math.ceil(20 / Math.max(timeOnce(a, b, ta, tb, 3), 0.01)));
  const tfjs = [];
  const saddle = [];
  for (let r = 0; r < ROUNDS; r++) {
    use(original);
    tfjs.push(timeOnce(a, b, ta, tb, reps));
    use(ours);
    saddle.push(timeOnce(a, b, ta, tb, reps));
  }
  const [mt, ms] = [median(tfjs), median(saddle)];
  console.log(`${label.padEnd(40)} ${mt.toFixed(3).padStart(9)} ${ms.toFixed(3).padStart(10)} ${(mt / ms).toFixed(2).padStart(6)}×`);
  tf.dispose([a, b]);
}
use(ours);
console.log(`load average after: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
