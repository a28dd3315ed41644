// pnpm bench: Saddle's training steps (workloads.mjs) with tinybench, the same workloads in PyTorch
// (tooling/reference/bench_torch.py), and a table of medians and ratios to PyTorch.
//   node src/main.mjs [--iterations N] [--workers N] [--compare-node PATH] [--write]
// --workers sets the data-parallel DCGAN row's worker threads (default: the number of cores).
// --compare-node runs the wasm DCGAN step again under another Node binary (e.g. Node 22 from the
// npm package `node`) in the same session; --write puts the table into docs/benchmarks.md.
// Wall time is what users feel; CPU time (all threads) is reported beside it because the machine
// may be shared: contention inflates wall time but barely moves CPU time.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Bench } from 'tinybench';
import { useBackend } from '@saddle/core';
import { cpu } from '@saddle/backend-cpu';
import { wasm } from '@saddle/backend-wasm';
import { dcganStep, mlpStep } from './workloads.mjs';
import { renderReport, writeReport } from './report.mjs';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TORCH_SCRIPT = `${ROOT}tooling/reference/bench_torch.py`;
const PYTHON = '/usr/bin/python3';

// `pnpm bench -- --write` passes the `--` through: drop it.
const argv = process.argv.slice(2);
const { values: args } = parseArgs({
  args: argv[0] === '--' ? argv.slice(1) : argv,
  options: {
    iterations: { type: 'string', default: '5' },
    workers: { type: 'string', default: String(os.availableParallelism()) },
    'compare-node': { type: 'string' },
    write: { type: 'boolean', default: false },
    // Internal: the child run of --compare-node prints its measurements as JSON.
    'child-json': { type: 'boolean', default: false },
  },
});
const iterations = Number(args.iterations);
if (!Number.isInteger(iterations) || iterations < 1) throw new Error(`--iterations must be a positive integer, got ${args.iterations}`);
const WORKERS = Number(args.workers);
if (!Number.isInteger(WORKERS) || WORKERS < 1) throw new Error(`--workers must be a positive integer, got ${args.workers}`);

/** Saddle's rows: workload, backend, how to build it, iterations (the MLP step is ~1000× cheaper). */
const TASKS = [
  { workload: 'dcgan', backend: 'wasm', make: () => dcganStep(), spec: wasm, iterations },
  { workload: 'dcgan', backend: 'wasm', workers: WORKERS, make: () => dcganStep({ workers: WORKERS }), spec: wasm, iterations },
  { workload: 'mlp', backend: 'wasm', make: mlpStep, spec: wasm, iterations: 10 * iterations },
  { workload: 'mlp', backend: 'cpu', make: mlpStep, spec: cpu, iterations: 10 * iterations },
].filter((t) => !args['child-json'] || (t.workload === 'dcgan' && t.backend === 'wasm' && t.workers === undefined));

/** Runs each task with tinybench; per-step CPU ms are sampled around the same calls. */
async function measureSaddle() {
  const rows = [];
  for (const task of TASKS) {
    let run;
    const cpuMs = [];
    const bench = new Bench({ iterations: task.iterations, time: 0, warmupIterations: 1, warmupTime: 0, throws: true });
    bench.add(`${task.workload} ${task.backend}`, () => {
      const t0 = process.cpuUsage();
      run.step();
      const { user, system } = process.cpuUsage(t0);
      cpuMs.push((user + system) / 1000);
    }, {
      async beforeAll(mode) {
        if (run === undefined) {
          await useBackend(task.spec());
          run = await task.make();
        }
        cpuMs.length = 0;
        if (mode === 'warmup') process.stderr.write(`bench: ${task.workload} on ${task.backend}…\n`);
      },
      async afterAll(mode) {
        if (mode === 'run') await run.dispose();
      },
    });
    await bench.run();
    const result = bench.tasks[0]?.result;
    if (result?.state !== 'completed') throw new Error(`bench: ${task.workload} on ${task.backend} did not complete`);
    rows.push({
      workload: task.workload, backend: task.workers === undefined ? task.backend : `${task.backend}, ${task.workers} worker threads`, runtime: `node ${process.version}`,
      medianMs: result.latency.p50, cpuMs: median(cpuMs), samples: result.latency.samplesCount,
    });
  }
  return rows;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** PyTorch's rows, or a note saying why there are none. */
function measureTorch() {
  if (!existsSync(PYTHON)) return { note: `PyTorch skipped: ${PYTHON} not found` };
  process.stderr.write('bench: PyTorch (bench_torch.py)…\n');
  const out = spawnSync(PYTHON, [TORCH_SCRIPT, '--threads', '2', '--iterations', String(iterations), '--mlp-iterations', String(10 * iterations)], {
    encoding: 'utf8', env: { ...process.env, OMP_WAIT_POLICY: 'PASSIVE' },
  });
  if (out.status !== 0) {
    const missing = /No module named 'torch'/.test(out.stderr);
    return { note: missing ? 'PyTorch skipped: python3 has no torch (Debian: apt-get install python3-torch libopenblas0-pthread)' : `PyTorch failed: ${out.stderr.trim().split('\n').at(-1)}` };
  }
  return JSON.parse(out.stdout);
}

/** The wasm DCGAN row under another Node binary, run as a child of this one. */
function measureOtherNode(node) {
  process.stderr.write(`bench: wasm DCGAN step under ${node}…\n`);
  const out = spawnSync(node, [fileURLToPath(import.meta.url), '--child-json', '--iterations', String(iterations)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (out.status !== 0) throw new Error(`bench: ${node} exited with ${out.status}`);
  return JSON.parse(out.stdout);
}

const loadBefore = os.loadavg();
const saddle = await measureSaddle();
if (args['child-json']) {
  console.log(JSON.stringify(saddle));
} else {
  const other = args['compare-node'] === undefined ? [] : measureOtherNode(args['compare-node']);
  const torch = measureTorch();
  const report = renderReport({
    machine: { cpu: os.cpus()[0]?.model ?? '?', cores: os.cpus().length, memoryGiB: os.totalmem() / 2 ** 30, load: [loadBefore, os.loadavg()] },
    iterations, saddle: [...saddle, ...other], torch,
  });
  console.log(report);
  if (args.write) {
    writeReport(`${ROOT}docs/benchmarks.md`, report);
    console.log('bench: wrote docs/benchmarks.md');
  }
}
