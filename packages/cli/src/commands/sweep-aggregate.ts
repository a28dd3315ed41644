import type { Comparison, ExperimentResult, Table } from '@saddle/experiments';
import type { GridAxis, SweepRun } from './sweep-plan.js';

/** What a finished run left in `runs/<key>/results.json` that the aggregate reads. */
export interface RunResults {
  readonly comparisons: readonly Comparison[];
  readonly data: unknown;
}

/** Numeric metrics with more paths than this are summarised in the first this-many columns. */
const MAX_METRICS = 16;
const AGREEMENTS: readonly Comparison['agreement'][] = ['agrees', 'partly', 'disagrees', 'not comparable'];

/**
 * The sweep's aggregate as an experiment result: one table of every numeric scalar leaf of the
 * runs' `data` (objects are walked, arrays skipped; a leaf counts for a cell when every seed has
 * it) as mean ± sample std over the cell's seeds, and for each cell and comparison quantity the
 * count of seeds per agreement, judged by the most frequent one.
 *
 * @example
 * ```ts
 * const result = aggregateSweep('sun2020-five-gaussian', axes, runs, (run) => results.get(run.key));
 * ```
 */
export function aggregateSweep(
  experimentId: string,
  axes: readonly GridAxis[],
  runs: readonly SweepRun[],
  resultsOf: (run: SweepRun) => RunResults,
): ExperimentResult {
  const cells = [...new Map(runs.map((r) => [r.cellKey, runs.filter((x) => x.cellKey === r.cellKey)])).values()];
  const perCell = cells.map((cellRuns) => {
    const leaves = cellRuns.map((run) => numericLeaves(resultsOf(run).data));
    const paths = [...(leaves[0]?.keys() ?? [])].filter((p) => leaves.every((l) => l.has(p)));
    const stats = new Map(paths.map((p) => [p, meanStd(leaves.map((l) => l.get(p) as number))]));
    return { cellRuns, stats };
  });
  const metricPaths = [...new Set(perCell.flatMap((c) => [...c.stats.keys()]))];
  const shown = metricPaths.slice(0, MAX_METRICS);
  const table: Table = {
    title: `Mean ± std over seeds per grid cell${metricPaths.length > shown.length ? ` (first ${shown.length} of ${metricPaths.length} metrics; all in results.json)` : ''}`,
    columns: [...axes.map((a) => a.key), 'seeds', ...shown],
    rows: perCell.map(({ cellRuns, stats }) => {
      const first = cellRuns[0] as SweepRun;
      return [
        ...axes.map((a) => String(first.cell[a.key])),
        cellRuns.length,
        ...shown.map((p) => {
          const s = stats.get(p);
          return s === undefined ? '—' : `${format(s.mean)} ± ${format(s.std)}`;
        }),
      ];
    }),
  };

  const comparisons: Comparison[] = perCell.flatMap(({ cellRuns }) => {
    const first = cellRuns[0] as SweepRun;
    const label = first.cellKey === '' ? 'all runs' : first.cellKey;
    const rows = cellRuns.map((run) => resultsOf(run).comparisons);
    const quantities = [...new Set(rows.flat().map((c) => c.quantity))];
    return quantities.map((quantity) => {
      const matches = rows.flatMap((cs) => cs.filter((c) => c.quantity === quantity));
      const counts = AGREEMENTS.map((a) => [a, matches.filter((c) => c.agreement === a).length] as const);
      const [top] = [...counts].sort((x, y) => y[1] - x[1]);
      const sample = matches[0] as Comparison;
      return {
        quantity: `${label}: ${quantity}`,
        paperSays: sample.paperSays,
        measured: counts.filter(([, n]) => n > 0).map(([a, n]) => `${a} in ${n}/${matches.length} seeds`).join(', '),
        agreement: (top as (typeof counts)[number])[0],
        tolerance: `the most frequent per-seed verdict; each seed judged by: ${sample.tolerance}`,
      };
    });
  });

  return {
    summary: `Sweep of ${experimentId}: ${cells.length} grid cell(s) × ${runs.length / Math.max(1, cells.length)} seed(s) = ${runs.length} runs.`,
    comparisons,
    figures: [],
    tables: [table],
    data: {
      cells: perCell.map(({ cellRuns, stats }) => ({
        cell: (cellRuns[0] as SweepRun).cell,
        seeds: cellRuns.map((r) => r.seed),
        metrics: Object.fromEntries(stats),
      })),
    },
  };
}

/**
 * Every finite number (booleans as 0/1) reachable through object properties, not arrays, by dotted path.
 *
 * @example
 * ```ts
 * numericLeaves({ final: { modes: 5 }, trace: [1, 2] }); // Map { 'final.modes' => 5 }
 * ```
 */
export function numericLeaves(value: unknown, prefix = '', out = new Map<string, number>()): Map<string, number> {
  if (typeof value === 'number' && Number.isFinite(value)) out.set(prefix, value);
  else if (typeof value === 'boolean') out.set(prefix, value ? 1 : 0);
  else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) numericLeaves(v, prefix === '' ? k : `${prefix}.${k}`, out);
  }
  return out;
}

/** Mean and sample standard deviation (divisor n − 1; 0 for one value). */
function meanStd(values: readonly number[]): { mean: number; std: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const std = values.length < 2 ? 0 : Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1));
  return { mean, std };
}

function format(x: number): string {
  return Math.abs(x) >= 1e4 || (x !== 0 && Math.abs(x) < 1e-3) ? x.toExponential(2) : Number(x.toPrecision(4)).toString();
}
