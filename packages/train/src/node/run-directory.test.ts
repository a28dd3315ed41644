import { appendFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { disposeTree } from '@saddle/core';
import { ALL_BACKENDS, describeWithBackends } from '@saddle/testing';
import pngjs from 'pngjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRunDirectory, resumeRunDirectory } from './run-directory.js';
import { collectRunMetadata } from './run-metadata.js';

describe('createRunDirectory', () => {
  let root = '';
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'saddle-run-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('writes config.json, metrics.jsonl per logged step, summary.json and a 512×512 samples.png', async () => {
    const run = await createRunDirectory(join(root, 'run'), { seed: 1 });
    await run.listener({ type: 'start', steps: 2, startStep: 0, batchSize: 4, parameterCount: { generator: 1, discriminator: 1 } });
    await run.listener({ type: 'step', step: 1, lossD: 1.25, lossG: 0.5, gradientEvaluations: 1, stepsPerSecond: 10 });
    await run.listener({ type: 'step', step: 2, lossD: 1, lossG: 0.75, gradientEvaluations: 2, stepsPerSecond: 12 });
    // Real points on two corners, generated ones at the centre.
    const png = await run.writeSamples({ real: [-1, -1, 1, 1], generated: [0, 0, 0, 0] });
    await run.writeSummary({ modesCovered: 8 });

    expect(JSON.parse(await readFile(join(run.path, 'config.json'), 'utf8'))).toEqual({ seed: 1 });
    const lines = (await readFile(join(run.path, 'metrics.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual([
      { step: 1, lossD: 1.25, lossG: 0.5, gradientEvaluations: 1, stepsPerSecond: 10 },
      { step: 2, lossD: 1, lossG: 0.75, gradientEvaluations: 2, stepsPerSecond: 12 },
    ]);
    expect(JSON.parse(await readFile(join(run.path, 'summary.json'), 'utf8'))).toEqual({ modesCovered: 8 });

    const image = pngjs.PNG.sync.read(await readFile(png));
    expect([image.width, image.height]).toEqual([512, 512]);
    const pixel = (x: number, y: number): number[] => Array.from(image.data.subarray(4 * (y * 512 + x), 4 * (y * 512 + x) + 3));
    expect(pixel(2, 2)).toEqual([255, 255, 255]);
    // The window is [−1.1, 1.1]² over the 440-pixel plot area that starts at (56, 16): the
    // generated point (0, 0) lands at its centre, blended orange over white.
    const [r, g, b] = pixel(56 + 220, 16 + 219);
    expect(r).toBe(255);
    expect(g).toBeLessThan(255);
    expect(b).toBeLessThan(g as number);
    // No temporary files are left behind by the atomic writes.
    expect((await readdir(run.path)).sort()).toEqual(['config.json', 'metrics.jsonl', 'samples.png', 'summary.json']);
  });

  it('appends evaluation, rollback and mode-collapse events to metrics.jsonl under an "event" key, and ignores the others', async () => {
    const run = await createRunDirectory(root, {});
    await run.listener({ type: 'rollback', step: 7, toStep: 4, from: 'checkpoints/step-000004', reason: 'NaN', rollbacks: 1, learningRateScale: 0.5 });
    await run.listener({ type: 'evaluation', step: 8, metrics: { modesCovered: 2 } });
    await run.listener({ type: 'mode-collapse', step: 8, reason: 'dropped', modesCovered: 2, modes: 8, bestModesCovered: 8 });
    await run.listener({ type: 'checkpoint', step: 8, location: 'x' });
    const lines = (await readFile(join(root, 'metrics.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual([
      { event: 'rollback', step: 7, toStep: 4, from: 'checkpoints/step-000004', reason: 'NaN', rollbacks: 1, learningRateScale: 0.5 },
      { event: 'evaluation', step: 8, metrics: { modesCovered: 2 } },
      { event: 'mode-collapse', step: 8, reason: 'dropped', modesCovered: 2, modes: 8, bestModesCovered: 8 },
    ]);
  });

  it('starts a fresh metrics log when a directory is reused', async () => {
    const first = await createRunDirectory(root, {});
    await first.listener({ type: 'step', step: 1, lossD: 1, lossG: 1, gradientEvaluations: 1, stepsPerSecond: 1 });
    const second = await createRunDirectory(root, {});
    expect(await readFile(join(second.path, 'metrics.jsonl'), 'utf8')).toBe('');
  });

  it('names the directory when it cannot be created', async () => {
    const file = join(root, 'a-file');
    await writeFile(file, '');
    await expect(createRunDirectory(join(file, 'run'), {})).rejects.toThrowError(/out: could not create the run directory .*a-file\/run: .*ENOTDIR/);
  });
});

describeWithBackends('resumeRunDirectory', ALL_BACKENDS, () => {
  let root = '';
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'saddle-resume-run-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('resumes from the newest checkpoint, cutting metrics.jsonl back to its step and dropping a torn line', async () => {
    const metadata = await collectRunMetadata({ packages: { '@saddle/train': '0.0.0-test' } });
    const run = await createRunDirectory(root, { seed: 1 }, { keepCheckpoints: 2, metadata });
    const params = { generator: { w: tf.tensor1d([1.5, -2]) }, discriminator: {} };
    await run.saveCheckpoint({ step: 2, gradientEvaluations: 4, params, state: { generator: {}, discriminator: {} }, optimizerState: { count: 2 }, rngKey: [1, 2] });
    disposeTree(params);
    for (const step of [1, 2, 3]) await run.listener({ type: 'step', step, lossD: 1, lossG: 1, gradientEvaluations: 2 * step, stepsPerSecond: 1 });
    await appendFile(join(root, 'metrics.jsonl'), '{"step": 4, "lo'); // killed mid-write
    const { run: again, loaded } = await resumeRunDirectory(root, { seed: 1, steps: 10 }, { metadata });
    expect(again.path).toBe(run.path);
    expect([loaded.checkpoint.step, loaded.checkpoint.optimizerState, loaded.skipped]).toEqual([2, { count: 2 }, []]);
    expect(Array.from(await loaded.checkpoint.params.generator.w!.data())).toEqual([1.5, -2]);
    disposeTree(loaded.checkpoint.params);
    const lines = (await readFile(join(root, 'metrics.jsonl'), 'utf8')).split('\n');
    expect(lines.map((l) => (l === '' ? '' : JSON.parse(l).step))).toEqual([1, 2, '']);
    expect(JSON.parse(await readFile(join(root, 'config.json'), 'utf8'))).toEqual({ seed: 1, steps: 10 });
    // run.json: the first process's metadata, then one entry per resume with the step it resumed from.
    const recorded = JSON.parse(await readFile(join(root, 'run.json'), 'utf8'));
    expect(recorded).toEqual({ ...metadata, resumes: [{ ...metadata, fromStep: 2 }] });
  });
});
