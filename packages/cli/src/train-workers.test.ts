import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sourceExecArgv } from '@saddle/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saddle } from './test-support/run-saddle.js';

// Data-parallel runs start worker threads, which run the sources only in a process started with
// the source flags: these runs are child processes.
const CLI = join(dirname(fileURLToPath(import.meta.url)), 'cli.ts');

const CONFIG = { seed: 3, batchSize: 30, steps: 6, logEvery: 2, checkpointEvery: 6, generator: { hiddenSizes: [16] }, discriminator: { hiddenSizes: [16] } };

let dir = '';
let config = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'saddle-workers-'));
  config = join(dir, 'config.json');
  await writeFile(config, JSON.stringify(CONFIG));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function child(argv: string[]): Promise<{ code: number | null; stderr: string }> {
  const proc = spawn(process.execPath, [...sourceExecArgv(), CLI, ...argv], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => proc.on('exit', (code) => resolve({ code, stderr })));
}

const tensors = (run: string): Promise<Buffer> => readFile(join(run, 'checkpoints', 'step-000006', 'tensors.safetensors'));
const losses = async (run: string): Promise<unknown[]> =>
  (await readFile(join(run, 'metrics.jsonl'), 'utf8')).trim().split('\n').map((l) => {
    const { stepsPerSecond: _, ...rest } = JSON.parse(l) as Record<string, unknown>;
    return rest;
  });

describe('saddle train --workers', () => {
  it('trains data-parallel on two worker threads, bit-identically run to run, and records the count', async () => {
    const [a, b, one] = [join(dir, 'a'), join(dir, 'b'), join(dir, 'one')];
    for (const [out, workers] of [[a, '2'], [b, '2'], [one, '1']] as const) {
      const run = await child(['train', '--config', config, '--backend', 'cpu', '--workers', workers, '--out', out]);
      expect(run.code, run.stderr).toBe(0);
    }
    expect((await tensors(b)).equals(await tensors(a))).toBe(true);
    expect(await losses(b)).toEqual(await losses(a));
    // Two shards' mean gradients are the whole batch's up to float rounding: close, not equal.
    expect((await tensors(one)).equals(await tensors(a))).toBe(false);
    const [la, l1] = [await losses(a), await losses(one)] as [Array<{ lossD?: number }>, Array<{ lossD?: number }>];
    expect(la[0]!.lossD).toBeCloseTo(l1[0]!.lossD!, 4);
    expect(JSON.parse(await readFile(join(a, 'config.json'), 'utf8'))).toMatchObject({ workers: 2 });
    // Stopped at step 3 and resumed (on two workers, from config.json) to the 6-step run, bit for bit.
    const parts = join(dir, 'parts');
    expect((await child(['train', '--config', config, '--backend', 'cpu', '--workers', '2', '--steps', '3', '--out', parts])).code).toBe(0);
    const resumed = await child(['train', '--resume', parts, '--steps', '6']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect((await tensors(parts)).equals(await tensors(a))).toBe(true);
  }, 180_000);

  it('refuses a bad count, and a changed count on resume', async () => {
    const bad = await saddle('train', '--workers', '0', '--steps', '1', '--out', join(dir, 'bad'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--workers: too small \(got 0\); allowed: an integer ≥ 1/);
    const resumed = await saddle('train', '--resume', join(dir, 'a'), '--workers', '1', '--steps', '8');
    expect(resumed.stderr).toMatch(/^saddle: --workers: a resumed run keeps its config; only --steps may change/);
  });
});
