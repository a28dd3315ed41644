import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { SaddleError } from '@saddle/core';
import { readCheckpoint, writeCheckpoint, type Checkpoint } from './checkpoint.js';

/**
 * A checkpoint that could not be loaded, and why (its `SaddleError` message).
 *
 * @example
 * ```ts
 * for (const s of loaded.skipped) console.warn(`skipped ${s.location}: ${s.reason}`);
 * ```
 */
export interface SkippedCheckpoint {
  readonly location: string;
  readonly reason: string;
}

/**
 * The newest checkpoint that loaded, where it was, and the newer ones passed over.
 *
 * @example
 * ```ts
 * const { checkpoint, location, skipped }: LoadedCheckpoint = await store.latest();
 * ```
 */
export interface LoadedCheckpoint {
  readonly checkpoint: Checkpoint;
  readonly location: string;
  readonly skipped: readonly SkippedCheckpoint[];
}

/**
 * A folder of checkpoints `step-000500/`, `step-001000/`, ..., keeping the newest `keep`.
 *
 * @example
 * ```ts
 * const store: CheckpointStore = checkpointStore('runs/ring/checkpoints', { keep: 3 });
 * ```
 */
export interface CheckpointStore {
  readonly path: string;
  /** Writes `step-NNNNNN/` (atomically), then deletes all but the newest `keep`; resolves to its path. */
  save(checkpoint: Checkpoint): Promise<string>;
  /** Checkpoint folders, newest first. */
  list(): Promise<string[]>;
  /**
   * Loads the newest checkpoint that verifies, skipping (and reporting) corrupt or partial newer
   * ones; throws `IO_ERROR` when none loads. The caller owns the tensors.
   */
  latest(): Promise<LoadedCheckpoint>;
}

const PATTERN = /^step-(\d{6,})$/;

/**
 * Opens (without creating) a checkpoint folder. `keep` must be a positive integer.
 *
 * @example
 * ```ts
 * const store = checkpointStore(join(run.path, 'checkpoints'), { keep: 3 });
 * await store.save({ ...snapshot, rngKey: rng.key });
 * const { checkpoint, skipped } = await store.latest();
 * ```
 */
export function checkpointStore(path: string, options: { readonly keep: number }): CheckpointStore {
  const { keep } = options;
  if (!Number.isSafeInteger(keep) || keep < 1) {
    throw new SaddleError('must be a positive integer', { code: 'INVALID_ARGUMENT', field: 'keepCheckpoints', value: keep, fix: 'pass keepCheckpoints ≥ 1' });
  }
  const list = async (): Promise<string[]> => {
    const names = await readdir(path).catch((cause: NodeJS.ErrnoException) => {
      if (cause.code === 'ENOENT') return [] as string[];
      throw new SaddleError(`could not list the checkpoints: ${String(cause)}`, { code: 'IO_ERROR', field: 'path', value: path, cause, fix: 'check the run directory' });
    });
    return names
      .filter((n) => PATTERN.test(n))
      .sort((a, b) => Number(PATTERN.exec(b)![1]) - Number(PATTERN.exec(a)![1]))
      .map((n) => join(path, n));
  };
  return {
    path,
    list,
    async save(checkpoint) {
      const target = join(path, `step-${String(checkpoint.step).padStart(6, '0')}`);
      await writeCheckpoint(target, checkpoint);
      for (const old of (await list()).slice(keep)) await rm(old, { recursive: true, force: true });
      return target;
    },
    async latest() {
      const skipped: SkippedCheckpoint[] = [];
      for (const location of await list()) {
        try {
          return { checkpoint: await readCheckpoint(location), location, skipped };
        } catch (error) {
          if (!(error instanceof SaddleError)) throw error;
          skipped.push({ location, reason: error.message });
        }
      }
      throw new SaddleError(`no checkpoint in ${path} could be loaded${skipped.length > 0 ? ` (${skipped.length} corrupt)` : ''}`, {
        code: 'IO_ERROR', field: 'checkpoints', value: path, fix: 'start a new run; a run writes its first checkpoint after checkpointEvery steps',
      });
    },
  };
}
