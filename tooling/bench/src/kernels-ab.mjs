// The DCGAN step on wasm with Saddle's Conv2DBackpropInput, Sum and Mean against tfjs-backend-wasm
// 4.22's own, in one process, alternating round by round so both see the same machine load.
// `pnpm --filter @saddle/bench bench:kernels`. Reports CPU and wall ms per step and the ratios.
import { dcganStep } from './workloads.mjs';
import { useKernels, wasmWithBothKernelSets } from './tfjs-kernels.mjs';

const ROUNDS = 3;
const { tfjs, saddle } = await wasmWithBothKernelSets();

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const run = await dcganStep();
run.step();
const samples = { tfjs: [], saddle: [] };
for (let r = 0; r < ROUNDS; r++) {
  for (const [label, kernels] of [['tfjs', tfjs], ['saddle', saddle]]) {
    useKernels(kernels);
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    run.step();
    const { user, system } = process.cpuUsage(c0);
    samples[label].push({ cpu: (user + system) / 1000, wall: performance.now() - t0 });
    process.stderr.write(`round ${r + 1}: ${label} kernels ${samples[label].at(-1).cpu.toFixed(0)} ms CPU\n`);
  }
}
await run.dispose();
const [tc, sc] = [median(samples.tfjs.map((s) => s.cpu)), median(samples.saddle.map((s) => s.cpu))];
const [tw, sw] = [median(samples.tfjs.map((s) => s.wall)), median(samples.saddle.map((s) => s.wall))];
console.log(`DCGAN step on wasm, node ${process.version}, median of ${ROUNDS}:`);
console.log(`  tfjs 4.22 kernels: ${tc.toFixed(0)} ms CPU, ${tw.toFixed(0)} ms wall`);
console.log(`  Saddle's kernels:  ${sc.toFixed(0)} ms CPU, ${sw.toFixed(0)} ms wall`);
console.log(`  speed-up: ${(tc / sc).toFixed(2)}× CPU, ${(tw / sw).toFixed(2)}× wall`);
