import { SaddleError } from '@saddle/core';
import type { ModeCollapseEvent, TrainMonitor } from './events.js';

/**
 * When `modeCollapseMonitor` raises a `mode-collapse` event. With M modes and m modes covered at
 * an evaluation, and m* the most covered at any earlier evaluation of the run:
 * - dropped: m* − m ≥ max(1, ⌈dropFraction · M⌉);
 * - low: m < lowFraction · M at `patience` evaluations in a row.
 *
 * @example
 * ```ts
 * const options: ModeCollapseOptions = { dropFraction: 0.25, lowFraction: 0.5, patience: 3 };
 * ```
 */
export interface ModeCollapseOptions {
  /** Fraction of M lost from the best that counts as a drop (default 0.25: 2 of 8 ring modes). */
  readonly dropFraction?: number;
  /** Coverage below this fraction of M is low (default 0.5). */
  readonly lowFraction?: number;
  /** Consecutive low evaluations before `low` is raised (default 3; early training is low too). */
  readonly patience?: number;
  /** Evaluation metric with the modes covered (default `modesCovered`). */
  readonly coveredKey?: string;
  /** Evaluation metric with the number of modes M (default `modes`). */
  readonly modesKey?: string;
}

/**
 * A `TrainMonitor` for toy sets with known modes (rings, grids): it reads the modes covered
 * from each evaluation (e.g. `@saddle/metrics`' `modeCoverage` in the evaluate hook) and raises
 * a `mode-collapse` event once when coverage drops or stays low; when coverage is back above
 * both marks it re-arms. Evaluations without the two metrics are ignored.
 *
 * @example
 * ```ts
 * await train({ ...options, evaluate: modeCoverageEvery500, monitors: [modeCollapseMonitor()],
 *   onEvent: (e) => { if (e.type === 'mode-collapse') console.warn(`${e.modesCovered}/${e.modes} modes at step ${e.step}`); } });
 * ```
 * @see Metz et al., "Unrolled Generative Adversarial Networks", 2017 (the 8-mode ring and its mode count)
 */
export function modeCollapseMonitor(options: ModeCollapseOptions = {}): TrainMonitor {
  const { dropFraction = 0.25, lowFraction = 0.5, patience = 3, coveredKey = 'modesCovered', modesKey = 'modes' } = options;
  fraction('dropFraction', dropFraction);
  fraction('lowFraction', lowFraction);
  if (!Number.isSafeInteger(patience) || patience < 1) {
    throw new SaddleError('must be a positive integer', { code: 'INVALID_ARGUMENT', field: 'patience', value: patience, fix: 'pass patience ≥ 1' });
  }
  let best = 0;
  let lowRun = 0;
  let collapsed = false;
  return ({ step, metrics }) => {
    const covered = metrics[coveredKey];
    const modes = metrics[modesKey];
    if (covered === undefined || modes === undefined) return undefined;
    const dropped = best - covered >= Math.max(1, Math.ceil(dropFraction * modes));
    lowRun = covered < lowFraction * modes ? lowRun + 1 : 0;
    const reason = dropped ? 'dropped' : lowRun >= patience ? 'low' : undefined;
    best = Math.max(best, covered);
    const raise = reason !== undefined && !collapsed;
    collapsed = reason !== undefined || (collapsed && lowRun > 0);
    if (!raise) return undefined;
    const event: ModeCollapseEvent = { type: 'mode-collapse', step, reason, modesCovered: covered, modes, bestModesCovered: best };
    return event;
  };
}

function fraction(field: string, value: number): void {
  if (!(value > 0 && value <= 1)) {
    throw new SaddleError('must be a fraction in (0, 1]', { code: 'INVALID_ARGUMENT', field, value, fix: `pass ${field} such as 0.25` });
  }
}
