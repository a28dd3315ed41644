// Soak test: does a long run of the default ring GAN leak tensors or memory? Trains
// `saddle train`'s default config (2×64 tanh MLPs, batch 256, alternating Adam) for --steps steps
// with the CLI's run directory (metrics.jsonl, a checkpoint every --checkpoint-every steps), and
// every --every steps appends tf.memory().numTensors, numBytes and the process's RSS, V8 heap and
// external memory to soak.csv (appended as it goes, so a killed soak keeps its samples). At the end,
// or with --summarize DIR on a partial soak's folder, it writes soak-summary.json (least-squares
// slopes after the first 10% of steps, of every sample and of each tenth's minimum) and two
// plots, soak-memory.svg and soak-tensors.svg.
//   pnpm --filter @saddle/cli soak                  (builds first; 100k steps on wasm)
//   node packages/cli/bench/soak.mjs --steps 20000 --every 500 --out runs/soak-quick
//   node packages/cli/bench/soak.mjs --summarize runs/soak-quick
// Without a build, from the sources (the hooks the SIGKILL test uses):
//   node --conditions=@saddle/source --import ./packages/testing/source/register.mjs packages/cli/bench/soak.mjs
// Not part of `pnpm test`; its result is in docs/reliability.md.
import { appendFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { arch, cpus, platform, release, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import { createRng, disposeTree, useBackend } from '@saddle/core';
import { svgLinePlot } from '@saddle/theory';
import { train } from '@saddle/train';
import { createRunDirectory } from '@saddle/train/node';
import { buildRun, DEFAULT_TRAIN_CONFIG } from '@saddle/cli';

const { values } = parseArgs({
  options: {
    steps: { type: 'string', default: '100000' },
    every: { type: 'string', default: '1000' },
    'checkpoint-every': { type: 'string', default: '10000' },
    backend: { type: 'string', default: 'wasm' },
    out: { type: 'string' },
    summarize: { type: 'string' },
  },
});

const COLUMNS = ['step', 'seconds', 'numTensors', 'tensorMB', 'rssMB', 'heapUsedMB', 'externalMB'];
const MB = 1024 * 1024;

if (values.summarize !== undefined) {
  console.log(JSON.stringify(await summarize(resolve(values.summarize)), null, 2));
} else {
  await soak();
}

async function soak() {
  const steps = positive('steps');
  const every = positive('every');
  const dir = resolve(values.out ?? `runs/soak-${new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)}`);
  await mkdir(dir, { recursive: true });
  const csv = join(dir, 'soak.csv');
  await writeFile(csv, `${COLUMNS.join(',')}\n`);
  const config = { ...DEFAULT_TRAIN_CONFIG, backend: values.backend, steps, logEvery: every, checkpointEvery: positive('checkpoint-every'), keepCheckpoints: 2, out: join(dir, 'run') };
  await rm(config.out, { recursive: true, force: true });
  const { backend, data, game, optimizer } = buildRun(config);
  await useBackend(backend);
  const rng = createRng(config.seed);
  const run = await createRunDirectory(config.out, config, { keepCheckpoints: config.keepCheckpoints });
  await writeFile(join(dir, 'machine.json'), `${JSON.stringify({
    node: process.version, platform: platform(), release: release(), arch: arch(), cpu: cpus()[0]?.model, cores: cpus().length,
    totalMemMB: Math.round(totalmem() / MB), backend: tf.getBackend(), tfjs: tf.version_core, steps, every, started: new Date().toISOString(),
  }, null, 2)}\n`);
  const started = performance.now();
  const sample = async (step) => {
    const memory = tf.memory();
    const usage = process.memoryUsage();
    const row = [step, (performance.now() - started) / 1000, memory.numTensors, memory.numBytes / MB, usage.rss / MB, usage.heapUsed / MB, usage.external / MB];
    await appendFile(csv, `${row.map((v, i) => (i < 1 || i === 2 ? String(v) : v.toFixed(3))).join(',')}\n`);
    process.stderr.write(`soak: step ${step}/${steps}, ${memory.numTensors} tensors, RSS ${row[4].toFixed(1)} MB, heap ${row[5].toFixed(1)} MB, ${row[1].toFixed(0)} s\n`);
  };
  await sample(0);
  const result = await train({
    game, optimizer, data, rng,
    batchSize: config.batchSize,
    steps,
    logEvery: every,
    checkpoint: { every: config.checkpointEvery, run: (snapshot) => run.saveCheckpoint({ ...snapshot, rngKey: rng.key, config }) },
    onEvent: [run.listener, async (event) => { if (event.type === 'step') await sample(event.step); }],
  });
  disposeTree([result.params, result.state]);
  console.log(JSON.stringify(await summarize(dir), null, 2));
}

/** Reads soak.csv and writes soak-summary.json and the two plots. */
async function summarize(dir) {
  const rows = (await readFile(join(dir, 'soak.csv'), 'utf8')).trim().split('\n').slice(1)
    .map((line) => line.split(',').map(Number))
    .filter((row) => row.length === COLUMNS.length && row.every(Number.isFinite));
  if (rows.length < 2) throw new Error(`${dir}/soak.csv has fewer than two complete samples`);
  const column = (name) => rows.map((row) => row[COLUMNS.indexOf(name)]);
  const step = column('step');
  const last = step.at(-1);
  // Warm-up (wasm heap growth, JIT, the first checkpoints) is excluded from the slopes.
  const from = step.findIndex((s) => s >= 0.1 * last);
  const slopePer10k = (name) => 1e4 * slope(step.slice(from), column(name).slice(from));
  // The heap is a GC sawtooth; the slope of each tenth's minimum (the post-GC floor) says more.
  const floorSlopePer10k = (name) => {
    const v = column(name).slice(from);
    const s = step.slice(from);
    const size = Math.max(1, Math.floor(v.length / 10));
    const floors = [];
    for (let i = 0; i + size <= v.length; i += size) {
      const window = v.slice(i, i + size);
      const k = window.indexOf(Math.min(...window));
      floors.push([s[i + k], window[k]]);
    }
    return 1e4 * slope(floors.map(([x]) => x), floors.map(([, y]) => y));
  };
  const stats = (name) => {
    const v = column(name);
    return {
      start: v[0], afterWarmup: v[from], end: v.at(-1), min: Math.min(...v), max: Math.max(...v),
      slopePer10kSteps: slopePer10k(name), floorSlopePer10kSteps: floorSlopePer10k(name),
    };
  };
  const summary = {
    steps: last,
    samples: rows.length,
    seconds: column('seconds').at(-1),
    slopesFromStep: step[from],
    numTensors: stats('numTensors'),
    tensorMB: stats('tensorMB'),
    rssMB: stats('rssMB'),
    heapUsedMB: stats('heapUsedMB'),
    externalMB: stats('externalMB'),
  };
  await writeFile(join(dir, 'soak-summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  await writeFile(join(dir, 'soak-memory.svg'), svgLinePlot({
    title: `Soak: process memory over ${last.toLocaleString('en-US')} steps`, xLabel: 'step', yLabel: 'MB',
    series: ['rssMB', 'heapUsedMB', 'externalMB', 'tensorMB'].map((name) => ({ name, x: step, y: column(name) })),
  }));
  await writeFile(join(dir, 'soak-tensors.svg'), svgLinePlot({
    title: 'Soak: live tensors (tf.memory().numTensors)', xLabel: 'step', yLabel: 'tensors',
    series: [{ name: 'numTensors', x: step, y: column('numTensors') }],
  }));
  return summary;
}

/** Least-squares slope of y on x. */
function slope(x, y) {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
  }
  return sxx === 0 ? 0 : sxy / sxx;
}

function positive(name) {
  const value = Number(values[name]);
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer (got ${values[name]})`);
  return value;
}
