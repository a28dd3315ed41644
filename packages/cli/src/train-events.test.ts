import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saddle } from './test-support/run-saddle.js';

const SMALL = { seed: 2, batchSize: 16, backend: 'cpu', generator: { hiddenSizes: [8] }, discriminator: { hiddenSizes: [8] } };

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'saddle-train-events-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(name: string, config: object): Promise<{ code: number; stderr: string; events: Record<string, unknown>[] }> {
  const path = join(dir, `${name}.json`);
  await writeFile(path, JSON.stringify({ ...SMALL, ...config }));
  const out = join(dir, name);
  const { code, stderr } = await saddle('train', '--config', path, '--out', out);
  const lines = (await readFile(join(out, 'metrics.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  return { code, stderr, events: lines.filter((l) => 'event' in l) };
}

describe('saddle train: training events', () => {
  it('warns of mode collapse when coverage stays under half the modes for three evaluations', async () => {
    // A net trained for 4 steps covers at most a mode or two of 8 at every evaluation.
    const { code, stderr, events } = await run('collapse', { steps: 4, evaluateEvery: 1 });
    expect(code).toBe(0);
    expect(stderr).toMatch(/\nwarning: mode collapse at step 3: [0-3]\/8 modes covered \(still low\)\n/);
    expect(events.map((e) => e.event)).toEqual(['evaluation', 'evaluation', 'evaluation', 'mode-collapse', 'evaluation']);
    expect(events[3]).toMatchObject({ event: 'mode-collapse', step: 3, reason: 'low', modes: 8 });
  });

  it('continues the monitor across a resume: the same events as the uninterrupted run', async () => {
    const whole = await run('monitor-whole', { steps: 4, evaluateEvery: 1 });
    await run('monitor-parts', { steps: 2, evaluateEvery: 1, checkpointEvery: 1 });
    // Two low evaluations before the resume, replayed from metrics.jsonl: the third raises the event.
    const resumed = await saddle('train', '--resume', join(dir, 'monitor-parts'), '--steps', '4');
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toMatch(/\nwarning: mode collapse at step 3: /);
    const lines = (await readFile(join(dir, 'monitor-parts', 'metrics.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.filter((l) => 'event' in l)).toEqual(whole.events);
  });

  it('rolls back on divergence at most divergence.maxRetries times, then stops naming the step and what to try', async () => {
    // Every loss is above a limit of 1e-9: each attempt diverges at step 1, before any checkpoint.
    const { code, stderr, events } = await run('diverge', { steps: 4, divergence: { maxRetries: 2, factor: 0.1, lossLimit: 1e-9 } });
    expect(code).toBe(1);
    expect(stderr).toMatch(/warning: diverged at step 1: the generator's loss L_G exploded to [\d.]+ \(\|L\| > 1e-9\) \(gradient evaluation 1 of the step\); rolled back to step 0 \(init\), learning rates ×0.1 \(rollback 1\)/);
    expect(stderr).toMatch(/rolled back to step 0 \(init\), learning rates ×0.01 \(rollback 2\)/);
    expect(stderr).toMatch(
      /\nsaddle: generator\/L_G: training diverged at step 1 after 2 rollbacks with lower learning rates: .*; last good checkpoint: none \(got 1\); lower the learning rates, allow more rollbacks \(divergence.maxRetries\) or a smaller divergence.factor, or change the loss\n$/,
    );
    expect(events.map((e) => [e.event, e.rollbacks])).toEqual([['rollback', 1], ['rollback', 2]]);
  });
});
