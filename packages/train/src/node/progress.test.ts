import { describe, expect, it } from 'vitest';
import type { TrainEvent } from '../events.js';
import { progressListener } from './progress.js';

const events: TrainEvent[] = [
  { type: 'start', steps: 100, startStep: 0, batchSize: 8, parameterCount: { generator: 10, discriminator: 20 } },
  { type: 'step', step: 50, lossD: 1.2, lossG: 0.7, gradientEvaluations: 50, stepsPerSecond: 25 },
  { type: 'step', step: 100, lossD: 1.1, lossG: 0.8, gradientEvaluations: 100, stepsPerSecond: 25 },
  { type: 'evaluation', step: 100, metrics: { modesCovered: 8, highQualityFraction: 0.75 } },
  { type: 'rollback', step: 100, toStep: 50, from: 'c/step-000050', reason: 'L_D is NaN', rollbacks: 1, learningRateScale: 0.5 },
  { type: 'mode-collapse', step: 100, reason: 'dropped', modesCovered: 5, modes: 8, bestModesCovered: 8 },
  { type: 'end', steps: 100, seconds: 4 },
];

function capture(isTTY: boolean): string {
  let out = '';
  const listener = progressListener({ isTTY, write: (s: string) => (out += s) });
  for (const e of events) void listener(e);
  return out;
}

describe('progressListener', () => {
  it('prints a plain line per logged step when not on a terminal', () => {
    expect(capture(false).split('\n')).toEqual([
      'training 100 steps, batch 8; parameters: G 10, D 20',
      'step 50/100 (50%)  L_D 1.2000  L_G 0.7000  25.0 steps/s  ETA 2s',
      'step 100/100 (100%)  L_D 1.1000  L_G 0.8000  25.0 steps/s  ETA 0s',
      'evaluation at step 100: modesCovered 8, highQualityFraction 0.7500',
      'warning: diverged at step 100: L_D is NaN; rolled back to step 50 (c/step-000050), learning rates ×0.5 (rollback 1)',
      'warning: mode collapse at step 100: 5/8 modes covered (down from 8)',
      'done: 100 steps in 4s',
      '',
    ]);
  });

  it('redraws one line with a bar on a terminal, clearing it before other lines', () => {
    const out = capture(true);
    expect(out).toContain('\r\x1b[K[############------------] 50/100  L_D 1.2000');
    expect(out).toContain('\r\x1b[K[########################] 100/100');
    expect(out).toContain('ETA 0s\r\x1b[Kevaluation at step 100');
    expect(out.split('\n')).toHaveLength(6);
  });
});
