import { mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { createRng, disposeTree, SaddleError, type Params, type PerPlayer } from '@saddle/core';
import { nonSaturating } from '@saddle/losses';
import { mlp } from '@saddle/models';
import { ALL_BACKENDS, describeWithBackends } from '@saddle/testing';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { ganGame } from '../gan-game.js';
import { CHECKPOINT_DATA, CHECKPOINT_MANIFEST, readCheckpoint, writeCheckpoint } from './checkpoint.js';

async function flat(tree: PerPlayer<Params>): Promise<Record<string, { shape: number[]; dtype: string; values: number[] }>> {
  const out: Record<string, { shape: number[]; dtype: string; values: number[] }> = {};
  for (const [player, params] of Object.entries(tree)) {
    for (const [name, t] of Object.entries(params)) {
      out[`${player}/${name}`] = { shape: t.shape, dtype: t.dtype, values: Array.from(await t.data()) };
    }
  }
  return out;
}

describeWithBackends('checkpoint files', ALL_BACKENDS, () => {
  let dir = '';
  beforeEach(async () => {
    dir = join(await mkdtemp(join(tmpdir(), 'saddle-checkpoint-')), 'checkpoint');
  });
  afterEach(async () => {
    await rm(join(dir, '..'), { recursive: true, force: true });
  });

  async function writeGame(): Promise<{ params: PerPlayer<Params>; state: PerPlayer<Params> }> {
    const game = ganGame({
      generator: mlp({ inputSize: 3, hiddenSizes: [5], outputSize: 2 }),
      discriminator: mlp({ inputSize: 2, hiddenSizes: [5], outputSize: 1 }),
      loss: nonSaturating,
      latentSize: 3,
    });
    const init = game.init(createRng(4));
    // Integer state (a step counter) next to float parameters.
    const state = { generator: { steps: tf.tensor1d([7, -3], 'int32') }, discriminator: {} };
    disposeTree(init.state);
    await writeCheckpoint(dir, { step: 42, params: init.params, state });
    return { params: init.params, state };
  }

  it('round-trips both players bitwise, names, shapes and dtypes included', async () => {
    const written = await writeGame();
    const read = await readCheckpoint(dir);
    expect(read.step).toBe(42);
    expect(await flat(read.params)).toEqual(await flat(written.params));
    expect(await flat(read.state)).toEqual(await flat(written.state));
    const manifest = JSON.parse(await readFile(join(dir, CHECKPOINT_MANIFEST), 'utf8'));
    expect(manifest.tensors[0]).toEqual({ player: 'generator', group: 'params', name: 'dense0/kernel', dtype: 'float32', shape: [3, 5], offset: 0 });
    disposeTree([written, read.params, read.state]);
  });

  it('refuses a truncated data file', async () => {
    disposeTree(await writeGame());
    await truncate(join(dir, CHECKPOINT_DATA), 10);
    await expect(readCheckpoint(dir)).rejects.toThrowError(/params.bin: its length or SHA-256 does not match the manifest/);
  });

  it('refuses a manifest that is not JSON, or not a manifest, or points outside the data', async () => {
    disposeTree(await writeGame());
    const path = join(dir, CHECKPOINT_MANIFEST);
    const good = JSON.parse(await readFile(path, 'utf8'));
    await writeFile(path, '{"format": ');
    await expect(readCheckpoint(dir)).rejects.toThrowError(/params.json: it is not JSON/);
    await writeFile(path, JSON.stringify({ ...good, version: 2 }));
    await expect(readCheckpoint(dir)).rejects.toThrowError(/it is not a checkpoint manifest: version/);
    good.tensors[0].offset = 1 << 20;
    await writeFile(path, JSON.stringify(good));
    const error = await readCheckpoint(dir).catch((e: unknown) => e);
    expect((error as SaddleError).code).toBe('CORRUPT_FILE');
    expect((error as SaddleError).message).toMatch(/tensor generator\/params\/dense0\/kernel lies outside params.bin/);
  });

  it('reports a missing checkpoint as an IO error naming the path', async () => {
    const error = await readCheckpoint(join(dir, 'nowhere')).catch((e: unknown) => e);
    expect((error as SaddleError).code).toBe('IO_ERROR');
    expect((error as SaddleError).message).toMatch(/could not read .*nowhere\/params.json/);
  });
});
