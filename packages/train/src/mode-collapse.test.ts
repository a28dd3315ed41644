import { describe, expect, it } from 'vitest';
import { modeCollapseMonitor, type ModeCollapseOptions } from './mode-collapse.js';

/** The events a monitor raises over a sequence of evaluations (modes covered of 8), one per 100 steps. */
function raised(covered: readonly number[], options?: ModeCollapseOptions): string[] {
  const monitor = modeCollapseMonitor(options);
  return covered.flatMap((modesCovered, i) => {
    const event = monitor({ type: 'evaluation', step: 100 * (i + 1), metrics: { modesCovered, modes: 8 } });
    return event === undefined ? [] : [`${event.step}:${event.reason}:${event.modesCovered}/${event.modes} best ${event.bestModesCovered}`];
  });
}

describe('modeCollapseMonitor', () => {
  it('raises "dropped" once when coverage falls ⌈0.25·8⌉ = 2 modes below its best, and re-arms after recovery', () => {
    expect(raised([1, 4, 8, 7, 6, 5, 8, 8, 6])).toEqual(['500:dropped:6/8 best 8', '900:dropped:6/8 best 8']);
  });

  it('raises "low" after `patience` evaluations under half the modes, not before', () => {
    expect(raised([1, 2, 3])).toEqual(['300:low:3/8 best 3']);
    expect(raised([1, 2, 5, 1, 1])).toEqual(['400:dropped:1/8 best 5']);
    expect(raised([1, 2, 3, 3, 3], { patience: 5 })).toEqual(['500:low:3/8 best 3']);
    expect(raised([8, 8, 8, 8])).toEqual([]);
  });

  it('ignores evaluations without the metrics and refuses bad options', () => {
    const monitor = modeCollapseMonitor();
    expect(monitor({ type: 'evaluation', step: 1, metrics: { fid: 3 } })).toBeUndefined();
    expect(() => modeCollapseMonitor({ dropFraction: 0 })).toThrowError(/dropFraction: must be a fraction in \(0, 1\] \(got 0\)/);
    expect(() => modeCollapseMonitor({ patience: 0 })).toThrowError(/patience: must be a positive integer \(got 0\)/);
  });
});
