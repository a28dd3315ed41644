import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type * as tf from '@tensorflow/tfjs-core';
import { disposeTree, PLAYERS, SaddleError, type Params, type PerPlayer } from '@saddle/core';
import { readSafetensors, writeSafetensors } from '@saddle/io';
import { readFileBytes, sha256Hex, writeFileAtomic } from '@saddle/io/node';
import { z } from 'zod';
import { decodeTree, encodeTree } from '../internal/tensor-tree.js';
import type { TrainSnapshot } from '../events.js';

/**
 * Everything an exact resume needs: both players' parameters and model state, the game
 * optimizer's state, the number of completed steps, gradient evaluations and divergence
 * rollbacks, the run's root RNG key (data order and
 * latents derive from it and the step, ADR 0002/0010) and the run's config.
 *
 * @example
 * ```ts
 * const checkpoint: Checkpoint = { ...snapshot, rngKey: rng.key, config };
 * ```
 */
export interface Checkpoint extends TrainSnapshot {
  /** `rng.key` of the run's root key. */
  readonly rngKey: readonly [number, number];
  /** The run's resolved config (any JSON). */
  readonly config?: unknown;
}

/**
 * The manifest's file name inside a checkpoint directory; it is written last.
 *
 * @example
 * ```ts
 * const manifest = JSON.parse(await readFile(join(dir, CHECKPOINT_MANIFEST), 'utf8'));
 * ```
 */
export const CHECKPOINT_MANIFEST = 'checkpoint.json';

/**
 * The tensors' file name inside a checkpoint directory (safetensors, readable by PyTorch tools).
 *
 * @example
 * ```ts
 * const { tensors } = readSafetensors(await readFile(join(dir, CHECKPOINT_TENSORS)));
 * ```
 */
export const CHECKPOINT_TENSORS = 'tensors.safetensors';

const uint32 = z.int().min(0).max(0xffffffff);
const manifestSchema = z.strictObject({
  format: z.literal('saddle-checkpoint'),
  version: z.literal(2),
  step: z.int().nonnegative(),
  gradientEvaluations: z.int().nonnegative(),
  rollbacks: z.int().nonnegative().optional(),
  rngKey: z.tuple([uint32, uint32]),
  config: z.unknown().optional(),
  tensors: z.strictObject({ file: z.literal(CHECKPOINT_TENSORS), byteLength: z.int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  tree: z.strictObject({ params: z.unknown(), state: z.unknown(), optimizerState: z.unknown() }),
});
type Manifest = z.infer<typeof manifestSchema>;

/**
 * Writes a checkpoint directory `dir`: `tensors.safetensors` holds every tensor once (a tensor
 * the optimizer state shares with the parameters is stored once), and `checkpoint.json` holds
 * the step, RNG key, config, the SHA-256 of the tensors file and the trees' structure with each
 * tensor referenced by name (numbers such as Adam's step count stay exact JSON numbers). Both
 * files go into a temporary sibling directory that is renamed to `dir` at the end, so a crash
 * leaves no `dir` or a complete one, never a half-written one.
 *
 * @example
 * ```ts
 * await writeCheckpoint('runs/ring/checkpoints/step-000500', { ...snapshot, rngKey: rng.key, config });
 * ```
 */
export async function writeCheckpoint(dir: string, checkpoint: Checkpoint): Promise<void> {
  const { skeleton, tensors } = await encodeTree({ params: checkpoint.params, state: checkpoint.state, optimizerState: checkpoint.optimizerState });
  const bytes = writeSafetensors(tensors, { format: 'saddle-checkpoint' });
  const manifest: Manifest = {
    format: 'saddle-checkpoint',
    version: 2,
    step: checkpoint.step,
    gradientEvaluations: checkpoint.gradientEvaluations,
    rollbacks: checkpoint.rollbacks ?? 0,
    rngKey: [checkpoint.rngKey[0], checkpoint.rngKey[1]],
    config: checkpoint.config,
    tensors: { file: CHECKPOINT_TENSORS, byteLength: bytes.length, sha256: sha256Hex(bytes) },
    tree: skeleton as Manifest['tree'],
  };
  const temp = join(dirname(dir), `.${basename(dir)}.${process.pid}-${randomBytes(4).toString('hex')}.partial`);
  try {
    await mkdir(temp, { recursive: true });
    await writeFileAtomic(join(temp, CHECKPOINT_TENSORS), bytes);
    await writeFileAtomic(join(temp, CHECKPOINT_MANIFEST), `${JSON.stringify(manifest)}\n`);
    await rm(dir, { recursive: true, force: true });
    await rename(temp, dir);
  } catch (cause) {
    await rm(temp, { recursive: true, force: true });
    if (cause instanceof SaddleError) throw cause;
    throw new SaddleError(`could not write the checkpoint: ${String(cause)}`, {
      code: 'IO_ERROR', field: 'dir', value: dir, cause, fix: 'check that the parent directory is writable and the disk has room',
    });
  }
}

/**
 * Reads a checkpoint written by `writeCheckpoint`, verifying the manifest, the tensors file's
 * length and SHA-256, the safetensors layout and every tensor reference before any tensor is
 * made (a corrupt checkpoint throws `CORRUPT_FILE` and leaks nothing). The caller owns the
 * returned tensors; tensors shared when written are shared again.
 *
 * @example
 * ```ts
 * const { step, params, state, optimizerState } = await readCheckpoint('runs/ring/checkpoints/step-000500');
 * ```
 */
export async function readCheckpoint(dir: string): Promise<Checkpoint> {
  const manifestPath = join(dir, CHECKPOINT_MANIFEST);
  const tensorsPath = join(dir, CHECKPOINT_TENSORS);
  const manifest = parseManifest(manifestPath, await readManifest(manifestPath));
  // A plain Uint8Array (not a pooled Buffer, whose slice() shares memory) for readSafetensors.
  const bytes = await readFileBytes(tensorsPath);
  if (bytes.length !== manifest.tensors.byteLength || sha256Hex(bytes) !== manifest.tensors.sha256) {
    throw corrupt(tensorsPath, 'its length or SHA-256 does not match the manifest (truncated, or from another write)');
  }
  const { tensors } = readSafetensors(bytes, { file: tensorsPath });
  const tree = decodeTree(manifest.tree, tensors, (problem) => corrupt(manifestPath, problem)) as Record<string, unknown>;
  try {
    return {
      step: manifest.step,
      gradientEvaluations: manifest.gradientEvaluations,
      rollbacks: manifest.rollbacks ?? 0,
      params: players(tree.params, 'params', manifestPath),
      state: players(tree.state, 'state', manifestPath),
      optimizerState: tree.optimizerState as tf.TensorContainer,
      rngKey: manifest.rngKey,
      config: manifest.config,
    };
  } catch (error) {
    disposeTree(tree as tf.TensorContainer);
    throw error;
  }
}

/** Checks that a decoded tree is a map of tensors per player. */
function players(tree: unknown, group: string, path: string): PerPlayer<Params> {
  const record = (tree ?? {}) as Record<string, unknown>;
  for (const player of PLAYERS) {
    const params = record[player];
    const ok = typeof params === 'object' && params !== null && !Array.isArray(params) && Object.values(params).every((t) => typeof t === 'object' && t !== null && 'dataId' in t);
    if (!ok) throw corrupt(path, `${group}.${player} is not a map of tensors`);
  }
  return record as PerPlayer<Params>;
}

function parseManifest(path: string, text: string): Manifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw corrupt(path, `it is not JSON (${String(cause)})`);
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw corrupt(path, `it is not a checkpoint manifest: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`);
  }
  return parsed.data;
}

async function readManifest(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (cause) {
    throw new SaddleError(`could not read ${path}: ${String(cause)}`, {
      code: 'IO_ERROR', field: 'path', value: path, cause, fix: 'pass a checkpoint directory written by writeCheckpoint',
    });
  }
}

function corrupt(path: string, problem: string): SaddleError {
  return new SaddleError(`${path}: ${problem}`, { code: 'CORRUPT_FILE', fix: 'resume from an earlier checkpoint' });
}
