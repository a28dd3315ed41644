// Per-kernel profile of the DCGAN training step: where the step's time goes, grouped by kernel
// and by kernel and shapes. `pnpm --filter @saddle/bench profile [wasm|cpu] [--tfjs-kernels]
// [--batch N] [--steps N]`; --tfjs-kernels profiles wasm with tfjs 4.22's own kernels where Saddle
// replaces them for speed; --batch overrides the workload's 64; --steps N averages N measured steps
// (default 1) after one warm-up step, so every number below is per step.
// Each registered kernel of the backend is wrapped to measure the process CPU time it takes
// (process.cpuUsage), not wall time: the machine may be shared, and CPU time barely moves with
// other load. Kernels that Saddle's kernels call inside themselves count towards the caller.
import os from 'node:os';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@saddle/core';
import { wasm } from '@saddle/backend-wasm';
import { cpu } from '@saddle/backend-cpu';
import { dcganStep } from './workloads.mjs';
import { useKernels, wasmWithBothKernelSets } from './tfjs-kernels.mjs';

const args = process.argv.slice(2).filter((a) => a !== '--');
const option = (name, fallback) => {
  const i = args.indexOf(name);
  const value = i < 0 ? fallback : Number(args[i + 1]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got ${args[i + 1]}`);
  return value;
};
const batch = option('--batch', 64);
const steps = option('--steps', 1);
const backendName = args.includes('cpu') ? 'cpu' : 'wasm';
const tfjsKernels = args.includes('--tfjs-kernels');
if (backendName === 'cpu') await useBackend(cpu());
else if (tfjsKernels) useKernels((await wasmWithBothKernelSets()).tfjs);
else await useBackend(wasm());

const calls = [];
let depth = 0;
for (const config of tf.getKernelsForBackend(backendName)) {
  const inner = config.kernelFunc;
  tf.unregisterKernel(config.kernelName, backendName);
  tf.registerKernel({
    ...config,
    kernelFunc(args) {
      if (depth > 0) return inner(args);
      depth++;
      const t0 = process.cpuUsage();
      try {
        return inner(args);
      } finally {
        const { user, system } = process.cpuUsage(t0);
        depth--;
        const shapes = Object.values(args.inputs).map((t) => `[${t.shape}]`).join(' ');
        calls.push({ name: config.kernelName, shapes, ms: (user + system) / 1000 });
      }
    },
  });
}

const run = await dcganStep({ batch });
run.step(); // warm-up: kernel setup, JIT, first allocations
calls.length = 0;
const c0 = process.cpuUsage();
const t0 = performance.now();
for (let i = 0; i < steps; i++) run.step();
const wallMs = (performance.now() - t0) / steps;
const { user, system } = process.cpuUsage(c0);
await run.dispose();

const group = (key) => {
  const map = new Map();
  for (const c of calls) {
    const row = map.get(key(c)) ?? { ms: 0, calls: 0 };
    row.ms += c.ms / steps;
    row.calls += 1 / steps;
    map.set(key(c), row);
  }
  return map;
};
const stepCpuMs = (user + system) / 1000 / steps;
const kernelMs = calls.reduce((s, c) => s + c.ms, 0) / steps;
const table = (map, top) => [...map.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, top)
  .map(([name, { ms, calls: n }]) => `| ${name} | ${+n.toFixed(1)} | ${ms.toFixed(1)} | ${((100 * ms) / stepCpuMs).toFixed(1)}% |`).join('\n');
console.log(`DCGAN step (batch ${batch}, mean of ${steps}) on ${backendName}${tfjsKernels ? ' (tfjs 4.22 kernels)' : ''}: node ${process.version}, ${os.cpus()[0]?.model ?? '?'} × ${os.cpus().length}, load ${os.loadavg()[0].toFixed(1)}`);
console.log(`one step: ${stepCpuMs.toFixed(0)} ms CPU (${wallMs.toFixed(0)} ms wall), ${kernelMs.toFixed(0)} ms CPU in ${(calls.length / steps).toFixed(0)} kernel calls, ${(stepCpuMs - kernelMs).toFixed(0)} ms outside kernels\n`);
const isConv = (c) => c.name.startsWith('Conv2D');
const convMs = calls.filter(isConv).reduce((s, c) => s + c.ms, 0) / steps;
const otherCalls = calls.filter((c) => !isConv(c)).length / steps;
console.log(`convolutions ${convMs.toFixed(0)} ms CPU; everything else ${(kernelMs - convMs).toFixed(0)} ms CPU in ${otherCalls.toFixed(0)} kernel calls + ${(stepCpuMs - kernelMs).toFixed(0)} ms outside kernels\n`);
console.log(`| kernel | calls | CPU ms | share of step |\n|---|---:|---:|---:|\n${table(group((c) => c.name), Infinity)}\n`);
console.log(`| kernel and input shapes | calls | CPU ms | share of step |\n|---|---:|---:|---:|\n${table(group((c) => `${c.name} ${c.shapes}`), 80)}`);
