import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { disposeTree, SaddleError } from '@saddle/core';
import type { TrainListener } from '../events.js';
import { writeFileAtomic } from '@saddle/io/node';
import { renderScatterPng } from '../internal/scatter-png.js';
import type { Checkpoint } from './checkpoint.js';
import { checkpointStore, type CheckpointStore, type LoadedCheckpoint } from './checkpoint-store.js';
import type { RunMetadata } from './run-metadata.js';

/**
 * 2-D points to plot, row-major x0, y0, x1, y1, ....
 *
 * @example
 * ```ts
 * await run.writeSamples({ real: await realBatch.data(), generated: await fake.data() });
 * ```
 */
export interface SamplePoints {
  readonly real: ArrayLike<number>;
  readonly generated: ArrayLike<number>;
}

/**
 * One run's folder: `config.json` (written at creation), `run.json` (who ran it, how and where:
 * `RunMetadata`, with one entry per resume), `metrics.jsonl` (one JSON object per logged step,
 * and one with an `event` key per `evaluation`, `rollback` or `mode-collapse` event, appended
 * by `listener`),
 * `checkpoints/step-NNNNNN/` (the newest few), `samples.png` and `summary.json`. Every file but
 * the append-only log is replaced atomically.
 *
 * @example
 * ```ts
 * const run: RunDirectory = await createRunDirectory('runs/ring-0', config);
 * console.log(run.path);
 * ```
 */
export interface RunDirectory {
  /** Absolute path of the folder. */
  readonly path: string;
  /** Subscribe it to `train` so each logged step, evaluation, rollback and mode-collapse event is appended to `metrics.jsonl`. */
  readonly listener: TrainListener;
  /** The run's `checkpoints/` folder. */
  readonly checkpoints: CheckpointStore;
  /** Writes `checkpoints/step-NNNNNN/`, drops all but the newest few, and resolves to its path. */
  saveCheckpoint(checkpoint: Checkpoint): Promise<string>;
  /** Writes `samples.png`: real points in blue, generated in orange; resolves to its path. */
  writeSamples(points: SamplePoints): Promise<string>;
  /** Writes `summary.json`; resolves to its path. */
  writeSummary(summary: Readonly<Record<string, unknown>>): Promise<string>;
}

/**
 * Options of `createRunDirectory` and `resumeRunDirectory`.
 *
 * @example
 * ```ts
 * const options: RunDirectoryOptions = { keepCheckpoints: 3 };
 * ```
 */
export interface RunDirectoryOptions {
  /** Checkpoints kept, newest first (default 3). */
  readonly keepCheckpoints?: number;
  /**
   * Written to `run.json` (from `collectRunMetadata`): by `createRunDirectory` as the run's
   * metadata, by `resumeRunDirectory` appended to its `resumes` list.
   */
  readonly metadata?: RunMetadata;
}

const REAL_COLOR = [31, 119, 180] as const;
const GENERATED_COLOR = [255, 127, 14] as const;

/**
 * Creates (or reuses) a run folder, writes the resolved `config` to `config.json` and starts an
 * empty `metrics.jsonl`.
 *
 * @example
 * ```ts
 * const run = await createRunDirectory('runs/ring-0', config);
 * const result = await train({ ...options, onEvent: run.listener, checkpoint: { every: 500, run: (s) => run.saveCheckpoint({ ...s, rngKey: rng.key }) } });
 * await run.writeSummary({ steps: result.last.step, ...result.evaluation });
 * ```
 */
export async function createRunDirectory(path: string, config: unknown, options: RunDirectoryOptions = {}): Promise<RunDirectory> {
  const dir = resolve(path);
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, METRICS), '');
  } catch (cause) {
    throw new SaddleError(`could not create the run directory ${dir}: ${String(cause)}`, {
      code: 'IO_ERROR', field: 'out', value: path, cause, fix: 'pass a writable directory',
    });
  }
  await writeJson(join(dir, 'config.json'), config);
  if (options.metadata !== undefined) await writeJson(join(dir, RUN), { ...options.metadata, resumes: [] });
  return openRunDirectory(dir, options);
}

/**
 * Reopens a run folder to continue it: loads the newest checkpoint that verifies (newer corrupt
 * or partial ones are skipped and listed in `loaded.skipped`), rewrites `config.json` with
 * `config` (a resume may extend `steps`), and cuts `metrics.jsonl` back to the complete lines
 * of steps up to the checkpoint's (a torn last line from a crash, and lines the resumed run will
 * write again, are dropped). The caller owns the loaded tensors.
 *
 * @example
 * ```ts
 * const { run, loaded } = await resumeRunDirectory('runs/ring', config);
 * for (const s of loaded.skipped) console.warn(`skipped ${s.location}: ${s.reason}`);
 * await train({ ...options, resume: loaded.checkpoint, onEvent: run.listener });
 * ```
 */
export async function resumeRunDirectory(
  path: string,
  config: unknown,
  options: RunDirectoryOptions = {},
): Promise<{ run: RunDirectory; loaded: LoadedCheckpoint }> {
  const dir = resolve(path);
  const run = openRunDirectory(dir, options);
  const loaded = await run.checkpoints.latest();
  try {
    const metricsPath = join(dir, METRICS);
    const text = await readFile(metricsPath, 'utf8').catch(() => '');
    const kept = text
      .split('\n')
      .slice(0, -1) // the part after the last newline is empty or torn
      .filter((line) => {
        try {
          const step = (JSON.parse(line) as { step?: unknown }).step;
          return typeof step === 'number' && step <= loaded.checkpoint.step;
        } catch {
          return false;
        }
      });
    await writeFileAtomic(metricsPath, kept.map((l) => `${l}\n`).join(''));
    await writeJson(join(dir, 'config.json'), config);
    if (options.metadata !== undefined) await appendResume(join(dir, RUN), options.metadata, loaded.checkpoint.step);
  } catch (error) {
    const { params, state, optimizerState } = loaded.checkpoint;
    disposeTree([params, state, optimizerState]);
    throw error;
  }
  return { run, loaded };
}

const METRICS = 'metrics.jsonl';
const RUN = 'run.json';

/** Adds a resume to `run.json`'s `resumes` (starting the file if the run predates it). */
async function appendResume(path: string, metadata: RunMetadata, fromStep: number): Promise<void> {
  const text = await readFile(path, 'utf8').catch(() => undefined);
  let run: { resumes?: unknown } = {};
  try {
    if (text !== undefined) run = JSON.parse(text) as { resumes?: unknown };
  } catch {
    // A hand-damaged run.json is replaced, not fatal: the resume's own metadata is still recorded.
  }
  const resumes = Array.isArray(run.resumes) ? run.resumes : [];
  await writeJson(path, { ...run, resumes: [...resumes, { ...metadata, fromStep }] });
}

function openRunDirectory(dir: string, options: RunDirectoryOptions): RunDirectory {
  const metricsPath = join(dir, METRICS);
  const checkpoints = checkpointStore(join(dir, 'checkpoints'), { keep: options.keepCheckpoints ?? 3 });
  return {
    path: dir,
    checkpoints,
    async listener(event) {
      if (event.type === 'step') {
        const { type: _, ...metrics } = event;
        await appendFile(metricsPath, `${JSON.stringify(metrics)}\n`);
      } else if (event.type === 'evaluation' || event.type === 'rollback' || event.type === 'mode-collapse') {
        const { type, ...fields } = event;
        await appendFile(metricsPath, `${JSON.stringify({ event: type, ...fields })}\n`);
      }
    },
    saveCheckpoint: (checkpoint) => checkpoints.save(checkpoint),
    async writeSamples({ real, generated }) {
      const target = join(dir, 'samples.png');
      const png = renderScatterPng([
        { label: 'real', points: real, color: REAL_COLOR },
        { label: 'generated', points: generated, color: GENERATED_COLOR },
      ]);
      await writeFileAtomic(target, png);
      return target;
    },
    async writeSummary(summary) {
      const target = join(dir, 'summary.json');
      await writeJson(target, summary);
      return target;
    },
  };
}

async function writeJson(path: string, value: unknown): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`);
}
