import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { createRng, disposeTree, SaddleError, type Rng, type TensorTree } from '@saddle/core';
import { sha256Hex } from '@saddle/io/node';
import { nonSaturating } from '@saddle/losses';
import { mlp } from '@saddle/models';
import { adam, averaged, simultaneous } from '@saddle/optimizers';
import { ALL_BACKENDS, describeWithBackends } from '@saddle/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ganGame } from '../gan-game.js';
import { CHECKPOINT_MANIFEST, CHECKPOINT_TENSORS, readCheckpoint, type Checkpoint } from './checkpoint.js';
import { checkpointStore } from './checkpoint-store.js';

// Hostile checkpoints: random mutations (bit flips, truncation, inserted garbage, JSON values
// swapped for hostile ones, huge declared shapes and offsets) of a valid checkpoint's two files.
// Each read must load or throw a SaddleError, leak no tensor, and the store must fall back to
// the previous good checkpoint. Cases run until a time budget is spent (CI-bounded); each case
// is replayable from its index under the fixed seed, which a failure message names.

const SEED = 12;
const BUDGET_MS = 2500;
const MAX_CASES = 400;

function validCheckpoint(step: number): Checkpoint {
  const game = ganGame({
    generator: mlp({ inputSize: 2, hiddenSizes: [3], outputSize: 2 }),
    discriminator: mlp({ inputSize: 2, hiddenSizes: [3], outputSize: 1 }),
    loss: nonSaturating,
    latentSize: 2,
  });
  const { params, state } = game.init(createRng(step));
  const optimizer = averaged(simultaneous({ generator: adam({ learningRate: 1e-3 }), discriminator: adam({ learningRate: 1e-3 }) }));
  return { step, gradientEvaluations: step, params, state, optimizerState: optimizer.init(params), rngKey: createRng(1).key, config: { seed: 1 } };
}

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng.uniform(1)[0]! * items.length)] as T;

/** Byte-level damage: flipped bits, a truncation, or inserted random bytes. */
function mutateBytes(rng: Rng, bytes: Uint8Array): Uint8Array {
  const [op, a, b] = rng.uniform(3) as unknown as [number, number, number];
  const at = Math.floor(a * bytes.length);
  if (op < 0.45) {
    const out = bytes.slice();
    const flips = 1 + Math.floor(b * 8);
    const u = rng.fold('flips').uniform(2 * flips);
    for (let i = 0; i < flips; i++) {
      const index = Math.floor(u[2 * i]! * out.length);
      out[index] = out[index]! ^ (1 << Math.floor(u[2 * i + 1]! * 8));
    }
    return out;
  }
  if (op < 0.75) return bytes.slice(0, at);
  const garbage = Uint8Array.from(rng.fold('garbage').uniform(1 + Math.floor(b * 64)), (v) => Math.floor(256 * v));
  return Uint8Array.from([...bytes.subarray(0, at), ...garbage, ...bytes.subarray(at)]);
}

const HOSTILE: readonly unknown[] = [
  null, true, -1, 0, 2.5, 1e308, -1e308, 2 ** 53, 'x', '', [], {}, [1e9, 1e9, 1e9], { $tensor: 't0' }, { $tensor: 't999' },
  { $number: 'NaN' }, { $number: 'bad' }, { dtype: 'F32', shape: [1e9, 1e9], data_offsets: [0, 4] }, [0, 2 ** 62],
];

/** Replaces one value anywhere in a JSON document with a hostile one (or deletes a key). */
function mutateJson(rng: Rng, value: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(value)) as unknown;
  const slots: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach((v, i) => (slots.push({ parent: node, key: i }), walk(v)));
    else if (typeof node === 'object' && node !== null) for (const [k, v] of Object.entries(node)) (slots.push({ parent: node as Record<string, unknown>, key: k }), walk(v));
  };
  walk(copy);
  const { parent, key } = pick(rng.fold('slot'), slots);
  if (rng.fold('delete').uniform(1)[0]! < 0.15 && !Array.isArray(parent)) delete (parent as Record<string, unknown>)[key as string];
  else (parent as Record<string | number, unknown>)[key] = pick(rng.fold('value'), HOSTILE);
  return copy;
}

/** A safetensors file whose JSON header is mutated (offsets, shapes, dtypes), data kept. */
function mutateSafetensorsHeader(rng: Rng, bytes: Uint8Array): Uint8Array {
  const length = Number(new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true));
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + length))) as unknown;
  const text = new TextEncoder().encode(JSON.stringify(mutateJson(rng, header)));
  const out = new Uint8Array(8 + text.length + bytes.length - 8 - length);
  new DataView(out.buffer).setBigUint64(0, BigInt(text.length), true);
  out.set(text, 8);
  out.set(bytes.subarray(8 + length), 8 + text.length);
  return out;
}

describeWithBackends('checkpoint fuzzing', ALL_BACKENDS, () => {
  let root = '';
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'saddle-checkpoint-fuzz-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('damaged checkpoint files load or raise a SaddleError, leak nothing, and the store falls back', async () => {
    const store = checkpointStore(join(root, tf.getBackend()), { keep: 5 });
    for (const step of [5, 10]) {
      const checkpoint = validCheckpoint(step);
      await store.save(checkpoint);
      disposeTree(checkpoint as unknown as TensorTree);
    }
    const newest = join(store.path, 'step-000010');
    const goodTensors = new Uint8Array(await readFile(join(newest, CHECKPOINT_TENSORS)));
    const goodManifest = await readFile(join(newest, CHECKPOINT_MANIFEST), 'utf8');
    const rng = createRng(SEED);
    const started = performance.now();
    let cases = 0;
    let refused = 0;
    for (; cases < MAX_CASES && performance.now() - started < BUDGET_MS; cases++) {
      const caseRng = rng.fold(cases);
      const kind = Math.floor(caseRng.uniform(1)[0]! * 4);
      let tensors: Uint8Array = goodTensors;
      let manifest = goodManifest;
      if (kind === 0) tensors = mutateBytes(caseRng.fold('bytes'), goodTensors);
      else if (kind === 1) manifest = new TextDecoder().decode(mutateBytes(caseRng.fold('bytes'), new TextEncoder().encode(goodManifest)));
      else if (kind === 2) manifest = JSON.stringify(mutateJson(caseRng.fold('json'), JSON.parse(goodManifest)));
      else {
        // Hostile tensors with a manifest that vouches for them, so the safetensors parser and
        // the tree decoder (not the hash check) must refuse them.
        tensors = mutateSafetensorsHeader(caseRng.fold('header'), goodTensors);
        const parsed = JSON.parse(goodManifest) as { tensors: { byteLength: number; sha256: string } };
        parsed.tensors = { ...parsed.tensors, byteLength: tensors.length, sha256: sha256Hex(tensors) };
        manifest = JSON.stringify(parsed);
      }
      await writeFile(join(newest, CHECKPOINT_TENSORS), tensors);
      await writeFile(join(newest, CHECKPOINT_MANIFEST), manifest);
      const context = `seed ${SEED}, case ${cases} (kind ${kind})`;
      const before = tf.memory().numTensors;
      try {
        const read = await readCheckpoint(newest);
        disposeTree(read as unknown as TensorTree);
      } catch (error) {
        expect(error, `${context}: ${String(error)}`).toBeInstanceOf(SaddleError);
        expect(['CORRUPT_FILE', 'IO_ERROR'], context).toContain((error as SaddleError).code);
        refused++;
        // A refused newest checkpoint is skipped, with its reason, for the previous one.
        if (refused % 25 === 1) {
          const loaded = await store.latest();
          expect(loaded.checkpoint.step, context).toBe(5);
          expect(loaded.skipped.map((s) => s.reason), context).toEqual([(error as SaddleError).message]);
          disposeTree(loaded.checkpoint as unknown as TensorTree);
        }
      }
      expect(tf.memory().numTensors, `${context}: leaked tensors`).toBe(before);
    }
    console.info(`checkpoint fuzzing: ${cases} cases (${refused} refused) in ${Math.round(performance.now() - started)} ms`);
    expect(cases).toBeGreaterThan(10);
    expect(refused).toBeGreaterThan(cases / 2);
  });
});
