// Data-pipeline throughput against the time of one DCGAN training step, measured in the same run
// on the wasm backend, so the ratios show whether data can ever dominate a step.
//   pnpm --filter @saddle/datasets bench      (builds the packages it needs first)
// Environment: BENCH_DCGAN_F (DCGAN width F, default 32), BENCH_STEPS (timed DCGAN steps, default 3).
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { createRng, useBackend } from '@saddle/core';
import { wasm } from '@saddle/backend-wasm';
import jpeg from 'jpeg-js';
import { coloredShapes, loadCifar10 } from '../dist/index.js';
import { celebA, fileSource } from '../dist/node.js';

const BATCH = 64;
const F = Number(process.env.BENCH_DCGAN_F ?? 32);
const STEPS = Number(process.env.BENCH_STEPS ?? 3);
const LATENT = 128;

/** Batches per second of a source through the full pipeline (shuffle, prefetch, tensor made and freed). */
async function throughput(source, batches) {
  const iterator = source.batches({ batchSize: BATCH, rng: createRng(0), dropLast: true })[Symbol.asyncIterator]();
  (await iterator.next()).value.dispose(); // warm-up: the first epoch order and the first reads
  const start = performance.now();
  for (let i = 0; i < batches; i++) (await iterator.next()).value.dispose();
  const ms = (performance.now() - start) / batches;
  await iterator.return();
  return ms;
}

// --- The §2.5 CNN DCGAN pair (papers.md), written with tf ops: G = Linear(128 → 8F·4·4), three
// [ConvT 4×4 s2, BN, ReLU] blocks 8F→4F→2F→F, Conv 3×3 F→3, tanh; D = seven convs (3×3 s1 and
// 4×4 s2 alternating, 3→F→F→2F→2F→4F→4F→8F) with LeakyReLU(0.1), then Linear(8F·4·4 → 1).
// Spectral normalisation is left out; one step = one D step and one G step (SGD, non-saturating).
function initParams(rng) {
  const w = (name, shape) => tf.mul(rng.fold(name).normal(shape), 0.02);
  const g = { dense: w('g/dense', [LATENT, 8 * F * 16]) };
  [[8, 4], [4, 2], [2, 1]].forEach(([cin, cout], i) => {
    g[`up${i}`] = w(`g/up${i}`, [4, 4, cout * F, cin * F]);
    g[`gamma${i}`] = tf.ones([cout * F]);
    g[`beta${i}`] = tf.zeros([cout * F]);
  });
  g.out = w('g/out', [3, 3, F, 3]);
  const d = {};
  const widths = [3, 1, 1, 2, 2, 4, 4, 8].map((m, i) => (i === 0 ? 3 : m * F));
  for (let i = 0; i < 7; i++) d[`conv${i}`] = w(`d/conv${i}`, [i % 2 === 0 ? 3 : 4, i % 2 === 0 ? 3 : 4, widths[i], widths[i + 1]]);
  d.dense = w('d/dense', [8 * F * 16, 1]);
  return { g, d };
}

function generate(g, z) {
  let h = tf.reshape(tf.matMul(z, g.dense), [BATCH, 4, 4, 8 * F]);
  [[8, 4], [4, 2], [2, 1]].forEach(([, cout], i) => {
    const side = 8 * 2 ** i;
    h = tf.conv2dTranspose(h, g[`up${i}`], [BATCH, side, side, cout * F], 2, 'same');
    const { mean, variance } = tf.moments(h, [0, 1, 2]);
    h = tf.relu(tf.batchNorm(h, mean, variance, g[`beta${i}`], g[`gamma${i}`], 1e-5));
  });
  return tf.tanh(tf.conv2d(h, g.out, 1, 'same'));
}

function discriminate(d, x) {
  let h = x;
  for (let i = 0; i < 7; i++) h = tf.leakyRelu(tf.conv2d(h, d[`conv${i}`], i % 2 === 0 ? 1 : 2, 'same'), 0.1);
  return tf.matMul(tf.reshape(h, [BATCH, 8 * F * 16]), d.dense);
}

function sgdStep(params, loss) {
  const names = Object.keys(params);
  return tf.tidy(() => {
    const grads = tf.grads((...values) => loss(Object.fromEntries(names.map((n, i) => [n, values[i]]))))(names.map((n) => params[n]));
    return Object.fromEntries(names.map((n, i) => [n, tf.sub(params[n], tf.mul(grads[i], 0.01))]));
  });
}

/** One alternating step on a real batch; returns the new players (the old are freed). */
function trainStep({ g, d }, real, z) {
  const nextD = sgdStep(d, (p) => tf.add(tf.mean(tf.softplus(tf.neg(discriminate(p, real)))), tf.mean(tf.softplus(discriminate(p, generate(g, z))))));
  tf.dispose(Object.values(d));
  const nextG = sgdStep(g, (p) => tf.mean(tf.softplus(tf.neg(discriminate(nextD, generate(p, z))))));
  tf.dispose(Object.values(g));
  return { g: nextG, d: nextD };
}

async function main() {
  await useBackend(wasm());
  const dir = await mkdtemp(join(tmpdir(), 'saddle-bench-'));
  try {
    // A CIFAR-10 batch file of 10,000 random records in the published layout (30.7 MB).
    const records = 10_000;
    const bytes = new Uint8Array(records * 3073);
    const noise = createRng(1).uniform(bytes.length);
    for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(noise[i] * 256);
    for (let r = 0; r < records; r++) bytes[r * 3073] = r % 10;
    await writeFile(join(dir, 'data_batch_1.bin'), bytes);
    const loadStart = performance.now();
    const cifar = await loadCifar10([await fileSource(join(dir, 'data_batch_1.bin'))]);
    const cifarLoadS = (performance.now() - loadStart) / 1000;
    const cifarMs = await throughput(cifar, 100);

    const shapesMs = await throughput(coloredShapes(), 50);

    // A CelebA-like folder: 256 JPEGs of 178×218, centre-cropped to 108 and resized to 64.
    const faces = join(dir, 'faces');
    await mkdir(faces);
    const pixels = Buffer.from(createRng(2).uniform(178 * 218 * 4).map((u) => Math.floor(u * 256)));
    const jpg = jpeg.encode({ width: 178, height: 218, data: pixels }, 90).data;
    for (let i = 0; i < 256; i++) await writeFile(join(faces, `${String(i).padStart(6, '0')}.jpg`), jpg);
    const celebaMs = await throughput(await celebA(faces), 3);

    // The DCGAN step, and a short training run fed by the CIFAR pipeline to measure stalls.
    let players = initParams(createRng(3));
    const z = createRng(4).normal([BATCH, LATENT]);
    const warm = tf.randomUniform([BATCH, 32, 32, 3], -1, 1);
    players = trainStep(players, warm, z);
    await players.d.dense.data();
    const stepStart = performance.now();
    for (let s = 0; s < STEPS; s++) players = trainStep(players, warm, z);
    await players.d.dense.data();
    const stepMs = (performance.now() - stepStart) / STEPS;
    warm.dispose();

    let waitedMs = 0;
    const fed = cifar.batches({ batchSize: BATCH, rng: createRng(5), prefetch: 2 })[Symbol.asyncIterator]();
    const runStart = performance.now();
    for (let s = 0; s < STEPS; s++) {
      const t = performance.now();
      const { value: real } = await fed.next();
      waitedMs += performance.now() - t;
      players = trainStep(players, real, z);
      await players.d.dense.data();
      real.dispose();
    }
    const runMs = performance.now() - runStart;
    await fed.return();
    tf.dispose([z, Object.values(players.g), Object.values(players.d)]);

    const row = (name, ms) => `| ${name} | ${(1000 / ms).toFixed(1)} | ${ms.toFixed(2)} | ${((100 * ms) / stepMs).toFixed(2)}% |`;
    console.log(`\n@saddle/datasets benchmark — ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, tfjs ${tf.version_core}, backend ${tf.getBackend()}`);
    console.log(`DCGAN (papers §2.5 CNN layout, F = ${F}, no SN), batch ${BATCH}, 32×32×3: ${stepMs.toFixed(0)} ms per step (D step + G step, mean of ${STEPS})`);
    console.log(`CIFAR-10 batch file (10,000 records, 30.7 MB) parsed in ${cifarLoadS.toFixed(2)} s\n`);
    console.log('| source (batch 64, shuffled, prefetch 2, tensor made and freed) | batches/s | ms/batch | of one DCGAN step |');
    console.log('|---|---|---|---|');
    console.log(row('CIFAR-10 binary (in memory after load)', cifarMs));
    console.log(row('coloredShapes (rendered on demand)', shapesMs));
    console.log(row('CelebA-style JPEG folder (decode + crop 108 + resize 64)', celebaMs));
    console.log(`\nTraining ${STEPS} steps fed by the CIFAR-10 pipeline: waited ${waitedMs.toFixed(1)} ms for data in ${runMs.toFixed(0)} ms (${((100 * waitedMs) / runMs).toFixed(2)}%).`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
