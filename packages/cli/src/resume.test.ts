import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saddle } from './test-support/run-saddle.js';

const CLI = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli.js');


/** A small ring GAN so a run takes a few milliseconds a step. */
const CONFIG = {
  seed: 5, batchSize: 32, logEvery: 2, checkpointEvery: 4, keepCheckpoints: 2,
  generator: { hiddenSizes: [16] }, discriminator: { hiddenSizes: [16] },
};

let dir = '';
let config = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'saddle-resume-'));
  config = join(dir, 'config.json');
  await writeFile(config, JSON.stringify(CONFIG));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The bytes of a run's checkpoint tensors at `step` (the same bytes iff the same values in the same layout). */
const tensorsAt = (run: string, step: number): Promise<Buffer> =>
  readFile(join(run, 'checkpoints', `step-${String(step).padStart(6, '0')}`, 'tensors.safetensors'));

/** The logged losses per step, without the timings. */
async function losses(run: string): Promise<unknown[]> {
  const lines = (await readFile(join(run, 'metrics.jsonl'), 'utf8')).trim().split('\n');
  return lines.map((l) => {
    const { stepsPerSecond: _, ...rest } = JSON.parse(l) as Record<string, unknown>;
    return rest;
  });
}

/** The newest checkpoint's step in a run directory (0 if none). */
async function newestStep(run: string): Promise<number> {
  const names = await readdir(join(run, 'checkpoints')).catch(() => [] as string[]);
  return Math.max(0, ...names.filter((n) => /^step-\d+$/.test(n)).map((n) => Number(n.slice(5))));
}

/** Runs the CLI in a child process and SIGKILLs it 0–20 ms after a checkpoint newer than `after` appears; resolves to that step. */
async function killAfterCheckpoint(argv: string[], run: string, after: number): Promise<number> {
  const child = spawn(process.execPath, [CLI, ...argv], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let running = true;
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_, signal) => ((running = false), resolve(signal))));
  let step = 0;
  while ((step = await newestStep(run)) <= after) {
    if (!running) throw new Error(`the child exited before a checkpoint after step ${after}: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  await new Promise((resolve) => setTimeout(resolve, Math.random() * 20));
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
  expect(await newestStep(run)).toBeLessThan(300);
  return step;
}

describe('saddle train --resume', () => {
  for (const backend of ['cpu', 'wasm']) {
    it(`continues bit-identically, past a corrupt newest checkpoint [${backend}]`, async () => {
      const whole = join(dir, `whole-${backend}`);
      const parts = join(dir, `parts-${backend}`);
      expect((await saddle('train', '--config', config, '--backend', backend, '--steps', '12', '--out', whole)).code).toBe(0);
      expect((await saddle('train', '--config', config, '--backend', backend, '--steps', '8', '--out', parts)).code).toBe(0);
      // The newest checkpoint (step 8) is damaged: resume falls back to step 4, with a warning.
      await truncate(join(parts, 'checkpoints', 'step-000008', 'tensors.safetensors'), 100);
      const resumed = await saddle('train', '--resume', parts, '--steps', '12');
      expect(resumed.code).toBe(0);
      expect(resumed.stderr).toMatch(/saddle: warning: skipped checkpoint .*step-000008: .*tensors.safetensors: its length or SHA-256 does not match/);
      expect(resumed.stderr).toMatch(/resuming from .*step-000004\ntraining steps 5–12/);
      expect((await tensorsAt(parts, 12)).equals(await tensorsAt(whole, 12))).toBe(true);
      expect(await losses(parts)).toEqual(await losses(whole));
      expect(await readdir(join(parts, 'checkpoints'))).toEqual(['step-000008', 'step-000012']);
    });
  }

  it('refuses flags other than --steps, a complete run, and a directory without a run', async () => {
    const run = join(dir, 'whole-cpu');
    expect((await saddle('train', '--resume', run, '--seed', '1')).stderr).toMatch(/^saddle: --seed: a resumed run keeps its config; only --steps may change; remove --seed/);
    const complete = await saddle('train', '--resume', run);
    expect(complete.code).toBe(2);
    expect(complete.stderr).toMatch(/^saddle: --steps: the run is complete at step 12 \(got 12\); pass --steps greater than 12 to train further/);
    const missing = await saddle('train', '--resume', join(dir, 'nowhere'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^saddle: --resume: cannot resume: --config: cannot read config file: ENOENT/);
  });

  // Needs the built CLI (`pnpm --filter @saddle/cli... build`).
  for (const backend of ['wasm', 'cpu']) {
    it.skipIf(!existsSync(CLI))(`resumes a process killed twice with SIGKILL to an uninterrupted run's parameters [${backend}]`, async () => {
      const killed = join(dir, `killed-${backend}`);
      const args = ['--config', config, '--backend', backend, '--steps', '300'];
      const first = await killAfterCheckpoint(['train', ...args, '--out', killed], killed, 0);
      // The second process resumes and is killed too, after it has written a newer checkpoint.
      await killAfterCheckpoint(['train', '--resume', killed], killed, first);
      const resumed = await saddle('train', '--resume', killed);
      expect(resumed.stderr).toContain('resuming from');
      expect(resumed.code).toBe(0);
      const whole = join(dir, `unkilled-${backend}`);
      expect((await saddle('train', ...args, '--out', whole)).code).toBe(0);
      expect((await tensorsAt(killed, 300)).equals(await tensorsAt(whole, 300))).toBe(true);
      expect(await losses(killed)).toEqual(await losses(whole));
    }, 60_000);
  }
});
