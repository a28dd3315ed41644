import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRng } from '@saddle/core';
import { sourceExecArgv } from '@saddle/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saddle } from './test-support/run-saddle.js';

// The child processes run the sources, like the in-process runs they are compared with.
const CLI = join(dirname(fileURLToPath(import.meta.url)), 'cli.ts');

/** A small ring GAN so a run takes a few milliseconds a step. */
const CONFIG = {
  seed: 5, batchSize: 32, logEvery: 2, checkpointEvery: 4, keepCheckpoints: 2,
  generator: { hiddenSizes: [16] }, discriminator: { hiddenSizes: [16] },
};

let dir = '';
let config = '';
let killConfig = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'saddle-resume-'));
  config = join(dir, 'config.json');
  await writeFile(config, JSON.stringify(CONFIG));
  // Every step logged, so a kill can be aimed at one; checkpoints off the log grid.
  killConfig = join(dir, 'kill-config.json');
  await writeFile(killConfig, JSON.stringify({ ...CONFIG, logEvery: 1, checkpointEvery: 7 }));
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

/** The last step logged to a run's metrics.jsonl (0 if none yet). */
async function loggedStep(run: string): Promise<number> {
  const text = await readFile(join(run, 'metrics.jsonl'), 'utf8').catch(() => '');
  const lines = text.split('\n').slice(0, -1).filter((l) => l.startsWith('{"step":'));
  return lines.length === 0 ? 0 : (JSON.parse(lines.at(-1)!) as { step: number }).step;
}

/**
 * Runs `saddle ...argv` from the TypeScript sources in a child process and SIGKILLs it
 * `delayMs` after it has logged step `target` (mid-step, mid-checkpoint or mid-log write,
 * whatever it is doing then); resolves to the last step it logged.
 */
async function killAt(argv: string[], run: string, target: number, delayMs: number): Promise<number> {
  const child = spawn(process.execPath, [...sourceExecArgv(), CLI, ...argv], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let running = true;
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_, signal) => ((running = false), resolve(signal))));
  while ((await loggedStep(run)) < target) {
    if (!running) throw new Error(`the child exited before step ${target}: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  await new Promise((resolve) => setTimeout(resolve, delayMs));
  child.kill('SIGKILL');
  expect(await exited, stderr).toBe('SIGKILL');
  return loggedStep(run);
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

  // Kill steps and delays are drawn from a fixed seed (printed on failure), so a failure replays.
  const KILL_SEED = 2026;
  const STEPS = 200;
  for (const backend of ['wasm', 'cpu']) {
    it(`resumes a process SIGKILLed three times at random steps to the uninterrupted run's parameters, bit for bit [${backend}]`, async () => {
      const killed = join(dir, `killed-${backend}`);
      const args = ['--config', killConfig, '--backend', backend, '--steps', String(STEPS)];
      const u = createRng(KILL_SEED).fold(backend).uniform(6);
      const kills: number[] = [];
      for (let i = 0; i < 3; i++) {
        // Targets in [8, 150], increasing, each past the previous kill.
        const target = Math.max(8 + Math.floor(u[i]! * 143), (kills.at(-1) ?? 0) + 5);
        const argv = i === 0 ? ['train', ...args, '--out', killed] : ['train', '--resume', killed];
        kills.push(await killAt(argv, killed, target, Math.floor(u[3 + i]! * 10)));
      }
      const context = `seed ${KILL_SEED}, killed after logged steps ${kills.join(', ')}`;
      expect(kills.every((k, i) => k < STEPS && (i === 0 || k > kills[i - 1]!)), context).toBe(true);
      const resumed = await saddle('train', '--resume', killed);
      expect(resumed.stderr, context).toContain('resuming from');
      expect(resumed.code, context).toBe(0);
      const whole = join(dir, `unkilled-${backend}`);
      expect((await saddle('train', ...args, '--out', whole)).code).toBe(0);
      expect((await tensorsAt(killed, STEPS)).equals(await tensorsAt(whole, STEPS)), context).toBe(true);
      expect(await losses(killed), context).toEqual(await losses(whole));
    }, 180_000);
  }
});
