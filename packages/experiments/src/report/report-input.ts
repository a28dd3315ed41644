import type { Experiment, ExperimentResult } from '../experiment.js';
import type { ReportMeta } from './report-meta.js';

/**
 * Everything a report shows: which experiment, its config, its result and the run's meta.
 *
 * @example
 * ```ts
 * const input: ReportInput = { experiment, config, result, meta };
 * const html = renderReportHtml(input);
 * ```
 */
export interface ReportInput {
  experiment: Pick<Experiment, 'id' | 'title' | 'paper'>;
  config: unknown;
  result: ExperimentResult;
  meta: ReportMeta;
}

/** The columns of the comparison table, in order. */
export const COMPARISON_COLUMNS = ['quantity', 'the paper says', 'Saddle measured', 'agreement', 'tolerance and why'] as const;

/** Rows of the "run" table: label and value, as plain text. */
export function runFacts(meta: ReportMeta): [string, string][] {
  return [
    ['command', meta.command],
    ['seeds', String(meta.seeds)],
    ['mode', meta.quick ? 'quick' : 'full (default settings)'],
    ['backend', meta.backend],
    ['wall time', `${meta.wallSeconds.toFixed(1)} s`],
    ['started', meta.startedAt],
    ['Node', meta.node],
    ['machine', `${meta.machine.cpu}, ${meta.machine.cores} cores, ${meta.machine.memoryGiB.toFixed(1)} GiB, ${meta.machine.platform}`],
    ['versions', Object.entries(meta.versions).map(([name, v]) => `${name} ${v}`).join(', ')],
  ];
}

/** A table cell as text: numbers with up to 6 significant digits. */
export function formatCell(cell: string | number): string {
  if (typeof cell === 'string') return cell;
  if (!Number.isFinite(cell)) return String(cell);
  if (Number.isInteger(cell)) return String(cell);
  const a = Math.abs(cell);
  return a !== 0 && (a >= 1e6 || a < 1e-4) ? cell.toExponential(4) : String(Number(cell.toPrecision(6)));
}
