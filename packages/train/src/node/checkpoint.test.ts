import { mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { createRng, disposeReplaced, disposeTree, SaddleError, type TensorTree } from '@saddle/core';
import { nonSaturating } from '@saddle/losses';
import { mlp } from '@saddle/models';
import { adam, averaged, simultaneous } from '@saddle/optimizers';
import { ALL_BACKENDS, describeWithBackends } from '@saddle/testing';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { ganGame } from '../gan-game.js';
import { CHECKPOINT_MANIFEST, CHECKPOINT_TENSORS, readCheckpoint, writeCheckpoint, type Checkpoint } from './checkpoint.js';
import { checkpointStore } from './checkpoint-store.js';

/** A tree with every tensor replaced by its dtype, shape and values (numbers and structure kept). */
async function plain(tree: unknown): Promise<unknown> {
  if (tree instanceof tf.Tensor) return { dtype: tree.dtype, shape: tree.shape, values: Array.from(await tree.data()) };
  if (Array.isArray(tree)) return Promise.all(tree.map(plain));
  if (typeof tree === 'object' && tree !== null) {
    return Object.fromEntries(await Promise.all(Object.entries(tree).map(async ([k, v]) => [k, await plain(v)])));
  }
  return tree;
}

describeWithBackends('checkpoint files', ALL_BACKENDS, () => {
  let root = '';
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'saddle-checkpoint-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  /** Players after init, BN-like int32 and bool state, and an averaged Adam's state (numbers, nesting, aliasing). */
  function trainingState(step = 42): Checkpoint {
    const game = ganGame({
      generator: mlp({ inputSize: 3, hiddenSizes: [5], outputSize: 2 }),
      discriminator: mlp({ inputSize: 2, hiddenSizes: [5], outputSize: 1 }),
      loss: nonSaturating,
      latentSize: 3,
    });
    const init = game.init(createRng(4));
    disposeTree(init.state);
    const state = { generator: { steps: tf.tensor1d([7, -3], 'int32'), mask: tf.tensor1d([true, false], 'bool') }, discriminator: {} };
    const optimizer = averaged(simultaneous({ generator: adam({ learningRate: 1e-3 }), discriminator: adam({ learningRate: 1e-3 }) }));
    return { step, gradientEvaluations: 2 * step, params: init.params, state, optimizerState: optimizer.init(init.params), rngKey: createRng(9).key, config: { seed: 9, note: 'x' } };
  }

  it('round-trips players, optimizer state, step, key and config bitwise, sharing what was shared', async () => {
    const written = trainingState();
    const dir = join(root, 'step-000042');
    await writeCheckpoint(dir, written);
    const read = await readCheckpoint(dir);
    expect([read.step, read.gradientEvaluations]).toEqual([42, 84]);
    expect(read.rngKey).toEqual(createRng(9).key);
    expect(read.config).toEqual({ seed: 9, note: 'x' });
    for (const key of ['params', 'state', 'optimizerState'] as const) expect(await plain(read[key])).toEqual(await plain(written[key]));
    // The average starts as the generator's own tensors: stored once, shared again on load.
    const average = (read.optimizerState as { average: { generator: Record<string, tf.Tensor> } }).average.generator;
    expect(average['dense0/kernel']).toBe(read.params.generator['dense0/kernel']);
    expect((await readdir(root)).sort()).toEqual(['step-000042']);
    expect((await readdir(dir)).sort()).toEqual([CHECKPOINT_MANIFEST, CHECKPOINT_TENSORS]);
    disposeTree([written as unknown as TensorTree, read as unknown as TensorTree]);
  });

  it('refuses a truncated tensors file and a manifest that is not JSON, not a manifest, or names a missing tensor', async () => {
    const written = trainingState();
    const dir = join(root, 'ckpt');
    await writeCheckpoint(dir, written);
    disposeTree(written as unknown as TensorTree);
    const before = tf.memory().numTensors;
    const manifestPath = join(dir, CHECKPOINT_MANIFEST);
    const good = await readFile(manifestPath, 'utf8');
    const manifest = JSON.parse(good);
    await writeFile(manifestPath, '{"format": ');
    await expect(readCheckpoint(dir)).rejects.toThrowError(/checkpoint.json: it is not JSON/);
    await writeFile(manifestPath, JSON.stringify({ ...manifest, version: 1 }));
    await expect(readCheckpoint(dir)).rejects.toThrowError(/it is not a checkpoint manifest: version/);
    manifest.tree.params.generator['dense0/kernel'] = { $tensor: 't999' };
    await writeFile(manifestPath, JSON.stringify(manifest));
    await expect(readCheckpoint(dir)).rejects.toThrowError(/refers to a missing or unsupported tensor "t999"/);
    await writeFile(manifestPath, good);
    await truncate(join(dir, CHECKPOINT_TENSORS), 10);
    const error = await readCheckpoint(dir).catch((e: unknown) => e);
    expect((error as SaddleError).code).toBe('CORRUPT_FILE');
    expect((error as SaddleError).message).toMatch(/tensors.safetensors: its length or SHA-256 does not match the manifest/);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('keeps the newest N and falls back past a corrupt or partial latest checkpoint, saying why', async () => {
    const store = checkpointStore(join(root, 'checkpoints'), { keep: 2 });
    for (const step of [5, 10, 15]) {
      const checkpoint = trainingState(step);
      await store.save(checkpoint);
      disposeTree(checkpoint as unknown as TensorTree);
    }
    expect((await readdir(store.path)).sort()).toEqual(['step-000010', 'step-000015']);
    // A crash between the two files of a hand-copied checkpoint: the manifest is missing.
    await rm(join(store.path, 'step-000015', CHECKPOINT_MANIFEST));
    const loaded = await store.latest();
    expect(loaded.checkpoint.step).toBe(10);
    expect(loaded.location).toMatch(/step-000010$/);
    expect(loaded.skipped).toHaveLength(1);
    expect(loaded.skipped[0]!.reason).toMatch(/could not read .*step-000015\/checkpoint.json/);
    disposeTree(loaded.checkpoint as unknown as TensorTree);
    await truncate(join(store.path, 'step-000010', CHECKPOINT_TENSORS), 100);
    const none = await store.latest().catch((e: unknown) => e);
    expect((none as SaddleError).code).toBe('IO_ERROR');
    expect((none as SaddleError).message).toMatch(/no checkpoint in .*checkpoints could be loaded \(2 corrupt\)/);
  });

  it('refuses state it cannot store, naming where it is', async () => {
    const dir = join(root, 'bad');
    const base = trainingState();
    disposeReplaced(base.optimizerState, [base.params, base.state]);
    const checkpoint = { ...base, optimizerState: { $weird: 1 } };
    await expect(writeCheckpoint(dir, checkpoint)).rejects.toThrowError(/checkpoint.optimizerState.\$weird: a key of the training state starts with "\$"/);
    const complex = { ...checkpoint, optimizerState: { buffer: new Float32Array(2) } as unknown as tf.TensorContainer };
    await expect(writeCheckpoint(dir, complex)).rejects.toThrowError(/checkpoint.optimizerState.buffer: cannot checkpoint this value/);
    expect(() => checkpointStore(root, { keep: 0 })).toThrowError(/keepCheckpoints: must be a positive integer \(got 0\)/);
    disposeTree(checkpoint as unknown as TensorTree);
    expect(await readdir(root)).toEqual([]);
  });
});
