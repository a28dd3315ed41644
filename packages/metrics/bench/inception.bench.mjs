// FID Inception feature extraction speed: Saddle's parallelFidInception on the wasm backend with 1 worker thread
// and with one per core (images/s, full width, random weights of the real shapes: speed does not depend on the
// values), next to PyTorch CPU running the same architecture (packages/metrics/bench/inception_torch.py) with 1
// and with 2 threads (OMP_WAIT_POLICY=PASSIVE, OMP_NUM_THREADS and OPENBLAS_NUM_THREADS set to match), on the same machine in the same run. The headline is
// Saddle on every core against PyTorch on 2 threads. CPU seconds per image count every thread of the process.
//   pnpm --filter @saddle/metrics bench      (builds the packages it needs first)
// Environment: BENCH_BATCH (images per forward pass, default 8), BENCH_REPEATS (timed passes, default 3),
// BENCH_WORKERS (the parallel worker count, default os.availableParallelism()), BENCH_ROUNDS (default 1: on a
// shared machine, run the four configurations in turn that many times and keep each one's best round).
import { spawnSync } from 'node:child_process';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { createRng, useBackend } from '@saddle/core';
import { wasm } from '@saddle/backend-wasm';
import { inceptionConvs, INCEPTION_CLASSES } from '../dist/index.js';
import { parallelFidInception } from '../dist/node.js';

const BATCH = Number(process.env.BENCH_BATCH ?? 8);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const CORES = Number(process.env.BENCH_WORKERS ?? availableParallelism());
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1);
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
const weights = randomWeights();
const backend = { module: import.meta.resolve('@saddle/backend-wasm'), export: 'wasm' };

/** images/s and CPU s/image of `workers` worker threads, each pass BATCH images per worker (one forward pass each). */
async function saddle(workers) {
  const extractor = await parallelFidInception(weights, { workers, batchSize: BATCH, backend });
  const images = tf.randomUniform([BATCH * workers, SIDE, SIDE, 3], 0, 256, 'int32');
  (await extractor.extract(images)).dispose(); // warm-up: compiles kernels and allocates in every worker
  const load = loadavg()[0];
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  for (let r = 0; r < REPEATS; r++) {
    const features = await extractor.extract(images);
    await features.data();
    features.dispose();
  }
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  images.dispose();
  extractor.dispose();
  const n = BATCH * workers * REPEATS;
  return { label: `Saddle wasm, ${workers} worker${workers === 1 ? '' : 's'}`, rate: n / seconds, cpu: (cpu.user + cpu.system) / 1e6 / n, load };
}

/** The same for PyTorch with `threads` intra-op threads, BATCH × threads images per pass; undefined without torch. */
function torch(threads) {
  const script = fileURLToPath(new URL('./inception_torch.py', import.meta.url));
  const load = loadavg()[0];
  const py = spawnSync('/usr/bin/python3', [script, String(BATCH * threads), String(REPEATS), String(threads)], {
    // OpenBLAS keeps its own pthread pool (sized to the cores, spinning), which torch.set_num_threads does not
    // bound: without OPENBLAS_NUM_THREADS, "1 thread" kept 1.7 cores busy here.
    encoding: 'utf8', env: { ...process.env, OMP_WAIT_POLICY: 'PASSIVE', OMP_NUM_THREADS: String(threads), OPENBLAS_NUM_THREADS: String(threads) },
  });
  if (py.status !== 0) return undefined;
  const t = JSON.parse(py.stdout.trim().split('\n').pop());
  return { label: `PyTorch ${t.torch} CPU, ${t.threads} thread${t.threads === 1 ? '' : 's'}`, rate: t.imagesPerSecond, cpu: t.cpuSecondsPerImage, load };
}

/** The faster of two measurements of one configuration (the less disturbed by other load). */
const best = (a, b) => (a === undefined || (b !== undefined && b.rate > a.rate) ? b : a);
let rows = [];
for (let round = 0; round < ROUNDS; round++) {
  const measured = [await saddle(1), await saddle(CORES), torch(1), torch(2)];
  rows = measured.map((m, i) => best(rows[i], m));
}
console.log(`FID Inception pool3 extraction, full width (2048-d), ${BATCH} images of ${SIDE}×${SIDE} uint8 → 299×299 per forward pass, ${REPEATS} timed passes, best of ${ROUNDS} round${ROUNDS === 1 ? '' : 's'}; `
  + `${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, tfjs ${tf.version_core}`);
for (const row of rows) {
  if (row === undefined) continue;
  // Cores busy = CPU s per wall s: how much of the machine the configuration got (other load takes the rest).
  console.log(`${row.label.padEnd(34)} ${row.rate.toFixed(2).padStart(7)} images/s ${row.cpu.toFixed(2).padStart(7)} CPU s/image ${(row.rate * row.cpu).toFixed(2).padStart(6)} cores busy   (1-min load average ${row.load.toFixed(1)} at start)`);
}
const [one, many, torchOne, torchTwo] = rows;
if (torchOne === undefined || torchTwo === undefined) {
  console.log('PyTorch CPU: skipped (needs /usr/bin/python3 with torch: apt-get install python3-torch)');
} else {
  // Speed ratio in images/s (higher is better for Saddle); CPU-time ratio in CPU s/image (lower is better), robust to other load.
  const ratio = (a, b) => `${(a.rate / b.rate).toFixed(2)} in images/s, ${(a.cpu / b.cpu).toFixed(2)} in CPU s/image`;
  console.log(`Saddle ${CORES} workers / PyTorch 2 threads (headline): ${ratio(many, torchTwo)}`);
  console.log(`Saddle 1 worker / PyTorch 1 thread:               ${ratio(one, torchOne)}`);
  console.log(`Scaling: Saddle ${CORES} workers / 1 worker ${(many.rate / one.rate).toFixed(2)}×, PyTorch 2 threads / 1 thread ${(torchTwo.rate / torchOne.rate).toFixed(2)}×`);
}
