// The benchmark table (Markdown) and its section of docs/benchmarks.md, between markers so the
// rest of that file (other sections) is left as it is.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const START = '<!-- bench:training:start -->';
const END = '<!-- bench:training:end -->';
const LABELS = { dcgan: 'DCGAN step (batch 64, 32×32×3)', mlp: 'MLP toy step (batch 256)' };

const ms = (x) => (x === undefined ? '—' : x >= 100 ? x.toFixed(0) : x.toFixed(1));
const ratio = (a, b) => (a === undefined || b === undefined ? '—' : `${(a / b).toFixed(1)}×`);

/** The report: machine, runtimes, and one row per Saddle measurement with its ratio to PyTorch. */
export function renderReport({ machine, iterations, saddle, torch }) {
  const t = torch.results ?? {};
  const rows = saddle.map((r) => {
    const ref = t[r.workload];
    return `| ${LABELS[r.workload]} | ${r.backend} | ${r.runtime} | ${ms(r.medianMs)} | ${ms(r.cpuMs)} | ${ms(ref?.median_ms)} | ${ms(ref?.cpu_median_ms)} | ${ratio(r.medianMs, ref?.median_ms)} | ${ratio(r.cpuMs, ref?.cpu_median_ms)} |`;
  });
  const torchLine = torch.note ?? `PyTorch ${torch.torch}, ${torch.threads} threads, OMP_WAIT_POLICY=${torch.omp_wait_policy}, libblas.so.3 → ${torch.libblas}`;
  const load = machine.load.map((l) => l.map((x) => x.toFixed(1)).join(' ')).join(' → ');
  return [
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine.cpu} × ${machine.cores} cores, ${machine.memoryGiB.toFixed(0)} GiB; load average ${load}.`,
    `Saddle: tfjs 4.22 (wasm: SIMD, one thread; cpu: plain JS), median of ${iterations} steps (MLP: ${10 * iterations}) after one warm-up, tinybench. ${torchLine}.`,
    '',
    '| workload | backend | runtime | median ms | CPU ms | PyTorch ms | PyTorch CPU ms | ratio to PyTorch | CPU-time ratio |',
    '|---|---|---|---:|---:|---:|---:|---:|---:|',
    ...rows,
    '',
    'Ratios are Saddle ÷ PyTorch (lower is better). CPU ms counts every thread (PyTorch uses 2), so it is robust to other load on the machine where wall time is not.',
  ].join('\n');
}

/** Replaces the training section of docs/benchmarks.md (creating the file or section if absent). */
export function writeReport(path, report) {
  const block = `${START}\n${report}\n${END}`;
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n';
  const [before, after] = [text.indexOf(START), text.indexOf(END)];
  const next = before >= 0 && after > before
    ? text.slice(0, before) + block + text.slice(after + END.length)
    : `${text.trimEnd()}\n\n## Training steps against PyTorch\n\n\`pnpm bench\` (tooling/bench) runs these; \`pnpm --filter @saddle/bench bench -- --write\` rewrites this section.\n\n${block}\n`;
  writeFileSync(path, next);
}
