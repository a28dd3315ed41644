// Two builds of @saddle/backend-wasm's kernels on the DCGAN step, in one process, alternating step
// by step so both see the same machine load: the kernels named by --kernels come from the build at
// --before ("before") or from the current build ("after"); every other kernel is the current one.
// Each kernel call's process CPU time is summed per kernel, as in profile.mjs.
//   1. before changing a kernel: mkdir -p tooling/bench/.ab && cp -r packages/backend-wasm/dist tooling/bench/.ab/
//      (a folder named dist is git-ignored; inside the repo so its imports resolve)
//   2. change it, rebuild: flock /tmp/saddle-build.lock pnpm turbo run build --filter=@saddle/backend-wasm
//   3. pnpm --filter @saddle/bench bench:builds -- --before .ab/dist/index.js [--batch 64] [--rounds 5]
//      [--kernels Conv2DBackpropFilter,Conv2DBackpropInput]   (--before is relative to tooling/bench)
// Prints per-kernel CPU ms per step (median over rounds) for both builds, and the step's.
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@saddle/core';
import { wasm } from '@saddle/backend-wasm';
import { dcganStep } from './workloads.mjs';

const argv = process.argv.slice(2);
const { values: args } = parseArgs({
  args: argv[0] === '--' ? argv.slice(1) : argv,
  options: {
    before: { type: 'string' },
    batch: { type: 'string', default: '64' },
    rounds: { type: 'string', default: '5' },
    kernels: { type: 'string', default: 'Conv2DBackpropFilter,Conv2DBackpropInput' },
  },
});
if (args.before === undefined) throw new Error('--before: the path of a saved build\'s dist/index.js is required (see the header)');
const batch = Number(args.batch);
const rounds = Number(args.rounds);
const names = args.kernels.split(',');

// tfjs's own kernels, so that each build registers its kernels over tfjs's, not over the other's.
await import('@tensorflow/tfjs-backend-wasm');
const registered = () => Object.fromEntries(tf.getKernelsForBackend('wasm').map((k) => [k.kernelName, k]));
const tfjs = registered();
const { wasm: wasmBefore } = await import(pathToFileURL(path.resolve(args.before)).href);
await useBackend(wasmBefore());
const before = registered();
for (const config of tf.getKernelsForBackend('wasm')) {
  if (tfjs[config.kernelName] === config) continue;
  tf.unregisterKernel(config.kernelName, 'wasm');
  if (tfjs[config.kernelName] !== undefined) tf.registerKernel(tfjs[config.kernelName]);
}
await useBackend(wasm());
const after = registered();
for (const name of names) {
  if (before[name] === undefined || after[name] === undefined) throw new Error(`${name}: not registered by both builds`);
  if (before[name].kernelFunc === after[name].kernelFunc) throw new Error(`${name}: the same kernel in both builds`);
}

let calls = [];
let depth = 0;
/** The kernel, timed: a kernel called inside another counts towards the outer one. */
function timed(config) {
  const inner = config.kernelFunc;
  return {
    ...config,
    kernelFunc(a) {
      if (depth > 0) return inner(a);
      depth++;
      const t0 = process.cpuUsage();
      try {
        return inner(a);
      } finally {
        const { user, system } = process.cpuUsage(t0);
        depth--;
        calls.push({ name: config.kernelName, ms: (user + system) / 1000 });
      }
    },
  };
}
const timedBuilds = { before: {}, after: {} };
for (const config of tf.getKernelsForBackend('wasm')) {
  const wrapped = timed(config);
  tf.unregisterKernel(config.kernelName, 'wasm');
  tf.registerKernel(wrapped);
  if (names.includes(config.kernelName)) {
    timedBuilds.after[config.kernelName] = wrapped;
    timedBuilds.before[config.kernelName] = timed(before[config.kernelName]);
  }
}
function use(build) {
  for (const name of names) {
    tf.unregisterKernel(name, 'wasm');
    tf.registerKernel(timedBuilds[build][name]);
    timedBuilds[build][name].setupFunc?.(tf.backend());
  }
}

const run = await dcganStep({ batch });
for (const build of ['before', 'after']) {
  use(build);
  run.step(); // warm-up: kernel setup, JIT, first allocations
}
const samples = { before: [], after: [] };
for (let r = 0; r < rounds; r++) {
  for (const build of ['before', 'after']) {
    use(build);
    calls = [];
    const c0 = process.cpuUsage();
    run.step();
    const { user, system } = process.cpuUsage(c0);
    const perKernel = {};
    for (const c of calls) perKernel[c.name] = (perKernel[c.name] ?? 0) + c.ms;
    samples[build].push({ step: (user + system) / 1000, kernels: calls.reduce((s, c) => s + c.ms, 0), perKernel });
    process.stderr.write(`round ${r + 1} ${build}: ${samples[build].at(-1).step.toFixed(0)} ms CPU (${names.map((n) => `${n} ${(perKernel[n] ?? 0).toFixed(0)}`).join(', ')})\n`);
  }
}
await run.dispose();

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const of = (build, pick) => median(samples[build].map(pick));
const rows = [
  ...new Set([...names, ...Object.keys(samples.after[0].perKernel).sort((a, b) => of('after', (s) => s.perKernel[b] ?? 0) - of('after', (s) => s.perKernel[a] ?? 0))]),
].slice(0, 12).map((name) => [name, (s) => s.perKernel[name] ?? 0]);
rows.push(['outside kernels (tape, JS)', (s) => s.step - s.kernels], ['step', (s) => s.step]);
console.log(`DCGAN step, batch ${batch}, wasm, node ${process.version}, ${os.cpus()[0]?.model ?? '?'} × ${os.cpus().length}, load ${os.loadavg()[0].toFixed(1)}`);
console.log(`before: ${args.before} (${names.join(', ')}); median of ${rounds} alternating steps, CPU ms per step\n`);
console.log('| kernel | before | after | after / before |\n|---|---:|---:|---:|');
for (const [name, pick] of rows) {
  const [b, a] = [of('before', pick), of('after', pick)];
  console.log(`| ${name} | ${b.toFixed(1)} | ${a.toFixed(1)} | ${(a / b).toFixed(2)} |`);
}
