import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { PLAYERS, SaddleError, type Params, type PerPlayer, type Player } from '@saddle/core';
import { z } from 'zod';
import { writeFileAtomic } from '../internal/atomic-write.js';

/**
 * Both players' parameters and model state at a step: what a checkpoint holds. A
 * `TrainSnapshot` is one.
 *
 * @example
 * ```ts
 * const checkpoint: Checkpoint = { step: 3000, params: result.params, state: result.state };
 * ```
 */
export interface Checkpoint {
  readonly step: number;
  readonly params: PerPlayer<Params>;
  readonly state: PerPlayer<Params>;
}

/**
 * The manifest's file name inside a checkpoint directory.
 *
 * @example
 * ```ts
 * const manifest = JSON.parse(await readFile(join(dir, CHECKPOINT_MANIFEST), 'utf8'));
 * ```
 */
export const CHECKPOINT_MANIFEST = 'params.json';

/**
 * The tensor data's file name inside a checkpoint directory.
 *
 * @example
 * ```ts
 * const bytes = await readFile(join(dir, CHECKPOINT_DATA)); // float32/int32, little-endian
 * ```
 */
export const CHECKPOINT_DATA = 'params.bin';

const GROUPS = ['params', 'state'] as const;
type Group = (typeof GROUPS)[number];
const BYTES_PER_ELEMENT = 4;

const manifestSchema = z.strictObject({
  format: z.literal('saddle-checkpoint'),
  version: z.literal(1),
  step: z.int().nonnegative(),
  data: z.strictObject({ file: z.literal(CHECKPOINT_DATA), byteLength: z.int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  tensors: z.array(
    z.strictObject({
      player: z.enum(['generator', 'discriminator']),
      group: z.enum(GROUPS),
      name: z.string().min(1),
      dtype: z.enum(['float32', 'int32']),
      shape: z.array(z.int().nonnegative()),
      offset: z.int().nonnegative(),
    }),
  ),
});

type Manifest = z.infer<typeof manifestSchema>;

/**
 * Writes a checkpoint directory: `params.bin` holds every tensor's values back to back,
 * little-endian (float32, or int32 for integer state), and `params.json` lists each tensor's
 * player, group (`params` or `state`), name, dtype, shape and byte offset, with the data's
 * length and SHA-256. Each file is written atomically and the manifest last, so a crash leaves
 * the previous checkpoint or a pair whose mismatch `readCheckpoint` reports.
 *
 * @example
 * ```ts
 * await writeCheckpoint('runs/ring/checkpoint', { step: 3000, params, state });
 * ```
 */
export async function writeCheckpoint(dir: string, checkpoint: Checkpoint): Promise<void> {
  const entries = PLAYERS.flatMap((player) =>
    GROUPS.flatMap((group) => Object.entries(checkpoint[group][player]).map(([name, tensor]) => ({ player, group, name, tensor }))),
  );
  const chunks: Uint8Array[] = [];
  const tensors: Manifest['tensors'] = [];
  let offset = 0;
  for (const { player, group, name, tensor } of entries) {
    if (tensor.dtype !== 'float32' && tensor.dtype !== 'int32') {
      throw new SaddleError(`cannot checkpoint a ${tensor.dtype} tensor`, {
        code: 'INVALID_ARGUMENT', field: `${player}/${group}/${name}`, value: tensor.dtype, fix: 'keep parameters and state in float32 or int32',
      });
    }
    const values = await tensor.data<'float32' | 'int32'>();
    chunks.push(littleEndianBytes(values));
    tensors.push({ player, group, name, dtype: tensor.dtype, shape: [...tensor.shape], offset });
    offset += values.length * BYTES_PER_ELEMENT;
  }
  const data = Buffer.concat(chunks);
  const manifest: Manifest = {
    format: 'saddle-checkpoint',
    version: 1,
    step: checkpoint.step,
    data: { file: CHECKPOINT_DATA, byteLength: data.length, sha256: sha256(data) },
    tensors,
  };
  await mkdir(dir, { recursive: true });
  await writeFileAtomic(join(dir, CHECKPOINT_DATA), data);
  await writeFileAtomic(join(dir, CHECKPOINT_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
}

/**
 * Reads a checkpoint written by `writeCheckpoint`, verifying the manifest, the data's length
 * and hash, and every tensor's extent. The caller owns the returned tensors.
 *
 * @example
 * ```ts
 * const { params, state } = await readCheckpoint('runs/ring/checkpoint');
 * const samples = game.generate(params, state, z);
 * ```
 */
export async function readCheckpoint(dir: string): Promise<Checkpoint> {
  const manifestPath = join(dir, CHECKPOINT_MANIFEST);
  const dataPath = join(dir, CHECKPOINT_DATA);
  const manifest = parseManifest(manifestPath, await readOrFail(manifestPath, 'utf8'));
  const data = await readOrFail(dataPath);
  if (data.length !== manifest.data.byteLength || sha256(data) !== manifest.data.sha256) {
    throw corrupt(dataPath, 'its length or SHA-256 does not match the manifest (truncated, or from another write)');
  }
  const seen = new Set<string>();
  for (const entry of manifest.tensors) {
    const where = `${entry.player}/${entry.group}/${entry.name}`;
    const end = entry.offset + elements(entry.shape) * BYTES_PER_ELEMENT;
    if (entry.offset % BYTES_PER_ELEMENT !== 0 || end > data.length) {
      throw corrupt(manifestPath, `tensor ${where} lies outside ${CHECKPOINT_DATA} (bytes ${entry.offset}..${end} of ${data.length})`);
    }
    if (seen.has(where)) throw corrupt(manifestPath, `tensor ${where} is listed twice`);
    seen.add(where);
  }
  // Tensors are made only after every check passed, so a corrupt file leaks none.
  const load = (player: Player, group: Group): Params =>
    Object.fromEntries(
      manifest.tensors
        .filter((e) => e.player === player && e.group === group)
        .map((e) => {
          const bytes = data.subarray(e.offset, e.offset + elements(e.shape) * BYTES_PER_ELEMENT);
          return [e.name, tf.tensor(fromLittleEndian(bytes, e.dtype), e.shape, e.dtype)];
        }),
    );
  return {
    step: manifest.step,
    params: { generator: load('generator', 'params'), discriminator: load('discriminator', 'params') },
    state: { generator: load('generator', 'state'), discriminator: load('discriminator', 'state') },
  };
}

function elements(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
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

async function readOrFail(path: string): Promise<Buffer>;
async function readOrFail(path: string, encoding: 'utf8'): Promise<string>;
async function readOrFail(path: string, encoding?: 'utf8'): Promise<Buffer | string> {
  try {
    return await readFile(path, encoding);
  } catch (cause) {
    throw new SaddleError(`could not read ${path}: ${String(cause)}`, {
      code: 'IO_ERROR', field: 'path', value: path, cause, fix: 'pass the checkpoint directory written by writeCheckpoint',
    });
  }
}

function corrupt(path: string, problem: string): SaddleError {
  return new SaddleError(`${path}: ${problem}`, { code: 'CORRUPT_FILE', fix: 'write the checkpoint again' });
}

function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Values as little-endian bytes whatever the host's byte order. */
function littleEndianBytes(values: Float32Array | Int32Array): Uint8Array {
  const bytes = new Uint8Array(values.length * BYTES_PER_ELEMENT);
  const view = new DataView(bytes.buffer);
  values.forEach((v, i) => (values instanceof Float32Array ? view.setFloat32(i * 4, v, true) : view.setInt32(i * 4, v, true)));
  return bytes;
}

function fromLittleEndian(bytes: Uint8Array, dtype: 'float32' | 'int32'): Float32Array | Int32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = bytes.byteLength / BYTES_PER_ELEMENT;
  const out = dtype === 'float32' ? new Float32Array(n) : new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = dtype === 'float32' ? view.getFloat32(i * 4, true) : view.getInt32(i * 4, true);
  return out;
}
