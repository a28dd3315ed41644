// FID math on the host: streaming statistics (rows/s) and frechetDistance for d-dimensional
// statistics, next to pytorch-fid's scipy.linalg.sqrtm route on the same covariances in the same
// run (when /usr/bin/python3 has NumPy and SciPy), as a ratio.
//   pnpm --filter @saddle/metrics bench      (builds the packages it needs first)
// Environment: BENCH_D (feature size, default 2048), BENCH_N (samples per set, default 2 × d).
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRng } from '@saddle/core';
import { createStatisticsAccumulator, frechetDistance } from '../dist/index.js';

const D = Number(process.env.BENCH_D ?? 2048);
const N = Number(process.env.BENCH_N ?? 2 * D);
const BATCH = 500;

/** Features with per-dimension scales, `scale` apart between the two sets (Box–Muller normals). */
function features(seed, scale) {
  const u = createRng(seed).uniform(2 * N * D);
  const x = new Float32Array(N * D);
  for (let i = 0; i < N * D; i++) {
    const z = Math.sqrt(-2 * Math.log(1 - u[2 * i])) * Math.cos(2 * Math.PI * u[2 * i + 1]);
    x[i] = scale * (1 + (i % D) / D) * z + (i % 7) * 0.01;
  }
  return x;
}

async function statistics(x) {
  const acc = createStatisticsAccumulator(D);
  for (let r = 0; r < N; r += BATCH) {
    const end = Math.min(N, r + BATCH);
    await acc.add({ values: x.subarray(r * D, end * D), shape: [end - r, D] });
  }
  return acc.statistics();
}

let start = performance.now();
const real = await statistics(features(1, 1));
const accumulateMs = performance.now() - start;
const fake = await statistics(features(2, 1.1));
start = performance.now();
const cpuStart = process.cpuUsage();
const fid = frechetDistance(real, fake);
const fidMs = performance.now() - start;
// CPU time counts every thread and is robust to other load on the machine, where wall time is not.
const fidCpu = process.cpuUsage(cpuStart);
const fidCpuMs = (fidCpu.user + fidCpu.system) / 1000;

let reference = 'scipy: not available (/usr/bin/python3 with numpy and scipy)';
const dir = await mkdtemp(join(tmpdir(), 'saddle-fid-bench-'));
try {
  await writeFile(join(dir, 's1.f64'), real.covariance);
  await writeFile(join(dir, 's2.f64'), fake.covariance);
  const script = `
import sys, time, numpy as np, scipy.linalg
d = ${D}
s1 = np.fromfile(sys.argv[1] + '/s1.f64').reshape(d, d); s2 = np.fromfile(sys.argv[1] + '/s2.f64').reshape(d, d)
t, c = time.perf_counter(), time.process_time()
covmean, _ = scipy.linalg.sqrtm(s1.dot(s2), disp=False)
tr = np.trace(covmean).real
print(time.perf_counter() - t, np.trace(s1) + np.trace(s2) - 2 * tr, np.__version__, scipy.__version__, time.process_time() - c)`;
  const py = spawnSync('/usr/bin/python3', ['-c', script, dir], { encoding: 'utf8' });
  if (py.status === 0) {
    const [seconds, covTerm, npVersion, scipyVersion, cpuSeconds] = py.stdout.trim().split(/\s+/);
    const ms = 1000 * Number(seconds);
    const cpuMs = 1000 * Number(cpuSeconds);
    reference = `scipy.linalg.sqrtm route (NumPy ${npVersion}, SciPy ${scipyVersion}): ${ms.toFixed(0)} ms (CPU ${cpuMs.toFixed(0)} ms); `
      + `Saddle / scipy time ${(fidMs / ms).toFixed(2)}, CPU time ${(fidCpuMs / cpuMs).toFixed(2)}; `
      + `covariance-term difference ${Math.abs(Number(covTerm) - fid.covarianceTerm).toExponential(2)}`;
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}

console.log(`FID math, d = ${D}, n = ${N} per set, ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}`);
console.log(`statistics: ${(N / (accumulateMs / 1000)).toFixed(0)} rows/s (batches of ${BATCH})`);
console.log(`frechetDistance (eigh): ${fidMs.toFixed(0)} ms (CPU ${fidCpuMs.toFixed(0)} ms), FID ${fid.value.toFixed(6)}; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log(reference);
