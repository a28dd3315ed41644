import { experiments } from '@saddle/experiments';

/** A duration as people say it: `8 s`, `3 min`, `1.5 h`. */
export function formatDuration(seconds: number): string {
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

/** `saddle reproduce --list`: id, title and expected wall time per experiment. */
export function reproduceList(): string {
  const rows = experiments.map((e) => [e.id, e.title, `${formatDuration(e.expectedSeconds.quick)} / ${formatDuration(e.expectedSeconds.full)}`]);
  const header = ['id', 'title', 'quick / full'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] as number))).join('  ');
  return `${[line(header), ...rows.map(line)].join('\n')}\n\nExpected wall times are for the wasm backend on a 2-core machine; cpu is similar for these sizes.\n`;
}

/** `saddle reproduce --help`. */
export const REPRODUCE_HELP = `saddle reproduce: run one experiment of the papers and write a report

Usage: saddle reproduce --list
       saddle reproduce <id> [--seeds N] [--backend wasm|cpu] [--workers N] [--out DIR] [--quick]

Runs the experiment and writes DIR/report.html (self-contained: figures inline, tables, the
config, seeds, versions, machine, wall time, the command to rerun), DIR/report.md with
figure-N.svg beside it, and DIR/results.json. Each report has a table "the paper says /
Saddle measured / agreement" with the tolerance used and why. Progress goes to stderr.

Flags:
  --list           list the experiments with their expected wall time (quick / full)
  --seeds N        seeds 0..N-1, an integer 1..1000 (default: the experiment's, e.g. 10 for
                   sun2020-two-cluster)
  --backend NAME   wasm (default) or cpu
  --workers N      train the image GANs (sun2020-narrow-nets, balaji2021-overparam's DCGAN
                   part) data-parallel on N worker threads (default 1); each run starts its
                   own threads, so this pays off on full runs, not on --quick ones
  --out DIR        report directory (default: runs/reproduce-<id>)
  --quick          the quick settings: same pipeline, fewer steps and seeds (seconds)
  -h, --help       show this help
`;
