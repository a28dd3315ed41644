import { median } from './agreement.js';
import type { TwoClusterLog } from './two-cluster-trainer.js';

/** How runs are read: success, collapse and the plateau window. */
export interface TwoClusterCriteria {
  /** Success: both cluster windows hold at least this many generated points (papers §2.7: 40 of 100). */
  readonly successCount: number;
  /** Collapse: one cluster window holds at least this many generated points. */
  readonly collapsedCount: number;
  /** Collapse samples before this epoch are skipped: D has not yet reached its optimum. */
  readonly burnIn: number;
}

/** One run read off its log. */
export interface TwoClusterRunSummary {
  /** First logged epoch after which both clusters always hold ≥ successCount points; null when the run never settles there. */
  readonly successEpoch: number | null;
  readonly finalCounts: [number, number];
  /** The last logged D loss. */
  readonly finalLossD: number;
  /** Logged epochs (after burn-in) spent in total collapse onto one cluster. */
  readonly collapsedSamples: number;
  /** Median D loss over those samples (NaN when there are none). */
  readonly plateauLossD: number;
  /** Median D(c₀) and D(c₁) over the samples collapsed onto cluster 0 (NaN when none). */
  readonly dAtCentersCollapsed0: [number, number];
}

/** Reads a run's success epoch, final state and collapse plateau. */
export function summariseTwoClusterRun(log: TwoClusterLog, criteria: TwoClusterCriteria, finalCounts: [number, number]): TwoClusterRunSummary {
  const ok = (c: readonly [number, number]) => c[0] >= criteria.successCount && c[1] >= criteria.successCount;
  let successEpoch: number | null = null;
  if (ok(finalCounts)) {
    for (let j = log.epoch.length - 1; j >= 0 && ok(log.counts[j] as [number, number]); j--) successEpoch = log.epoch[j] as number;
    successEpoch ??= log.epoch.at(-1) ?? 0;
  }
  const plateau: number[] = [];
  const d0: number[] = [];
  const d1: number[] = [];
  log.epoch.forEach((epoch, j) => {
    const [a, b] = log.counts[j] as [number, number];
    if (epoch < criteria.burnIn || Math.max(a, b) < criteria.collapsedCount) return;
    plateau.push(log.lossD[j] as number);
    if (a >= criteria.collapsedCount) {
      const [p0, p1] = log.dAtCenters[j] as [number, number];
      d0.push(p0);
      d1.push(p1);
    }
  });
  return {
    successEpoch,
    finalCounts,
    finalLossD: log.lossD.at(-1) ?? Number.NaN,
    collapsedSamples: plateau.length,
    plateauLossD: median(plateau),
    dAtCentersCollapsed0: [median(d0), median(d1)],
  };
}
