// FID Inception feature extraction speed: Saddle's fidInception on the wasm backend (images/s, full width,
// random weights of the real shapes: speed does not depend on the values), next to PyTorch CPU running the same
// architecture (packages/metrics/bench/inception_torch.py) on the same machine in the same run.
//   pnpm --filter @saddle/metrics bench      (builds the packages it needs first)
// Environment: BENCH_BATCH (images per forward pass, default 8), BENCH_REPEATS (timed passes, default 3).
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { createRng, useBackend } from '@saddle/core';
import { wasm } from '@saddle/backend-wasm';
import { fidInception, inceptionConvs, INCEPTION_CLASSES } from '../dist/index.js';

const BATCH = Number(process.env.BENCH_BATCH ?? 8);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const SIDE = 32; // CIFAR-sized uint8 input, resized to 299×299 inside extract()

/** Full-width weights with He-scaled random kernels (batch norm already folded: kernel and bias). */
function randomWeights() {
  const rng = createRng(0);
  const convs = inceptionConvs(1).map((spec) => {
    const size = spec.kernel[0] * spec.kernel[1] * spec.in * spec.out;
    const scale = Math.sqrt(6 / (spec.kernel[0] * spec.kernel[1] * spec.in));
    return { spec, kernel: Float32Array.from(rng.uniform(size), (u) => (2 * u - 1) * scale), bias: new Float32Array(spec.out) };
  });
  return { id: 'random', sha256: '', channelDivisor: 1, convs, fcKernel: Float32Array.from(rng.uniform(2048 * INCEPTION_CLASSES), (u) => u - 0.5) };
}

await useBackend(wasm());
const extractor = fidInception(randomWeights(), { batchSize: BATCH });
const images = tf.randomUniform([BATCH, SIDE, SIDE, 3], 0, 256, 'int32');
const warm = await extractor.extract(images); // compiles kernels and allocates
warm.dispose();
const start = performance.now();
const cpuStart = process.cpuUsage();
for (let r = 0; r < REPEATS; r++) {
  const features = await extractor.extract(images);
  await features.data();
  features.dispose();
}
const saddleRate = (BATCH * REPEATS) / ((performance.now() - start) / 1000);
const cpu = process.cpuUsage(cpuStart);
// CPU seconds per image count every thread and are robust to other load on the machine, where wall time is not.
const saddleCpu = (cpu.user + cpu.system) / 1e6 / (BATCH * REPEATS);
images.dispose();
extractor.dispose();

const script = fileURLToPath(new URL('./inception_torch.py', import.meta.url));
const py = spawnSync('/usr/bin/python3', [script, String(BATCH), String(REPEATS)], { encoding: 'utf8' });
let reference = 'PyTorch CPU: skipped (needs /usr/bin/python3 with torch: apt-get install python3-torch)';
if (py.status === 0) {
  const t = JSON.parse(py.stdout.trim().split('\n').pop());
  reference = `PyTorch ${t.torch} CPU (${t.threads} threads): ${t.imagesPerSecond.toFixed(2)} images/s, ${t.cpuSecondsPerImage.toFixed(2)} CPU s/image; `
    + `Saddle wasm / PyTorch: ${(saddleRate / t.imagesPerSecond).toFixed(2)} in images/s, ${(saddleCpu / t.cpuSecondsPerImage).toFixed(2)} in CPU time per image`;
}

console.log(`FID Inception pool3 extraction, full width (2048-d), batch ${BATCH} of ${SIDE}×${SIDE} uint8 → 299×299, ${REPEATS} timed passes; `
  + `${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}`);
console.log(`Saddle wasm (tfjs ${tf.version_core}): ${saddleRate.toFixed(2)} images/s, ${saddleCpu.toFixed(2)} CPU s/image (preprocessing included); load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log(reference);
