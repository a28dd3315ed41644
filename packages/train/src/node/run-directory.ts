import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { SaddleError } from '@saddle/core';
import type { TrainListener } from '../events.js';
import { writeFileAtomic } from '../internal/atomic-write.js';
import { renderScatterPng } from '../internal/scatter-png.js';
import { writeCheckpoint, type Checkpoint } from './checkpoint.js';

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
 * One run's folder: `config.json` (written at creation), `metrics.jsonl` (one JSON object per
 * logged step, appended by `listener`), `checkpoint/`, `samples.png` and `summary.json`.
 * Every file but the append-only log is replaced atomically.
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
  /** Subscribe it to `train` so each logged step is appended to `metrics.jsonl`. */
  readonly listener: TrainListener;
  /** Writes both players to `checkpoint/` and resolves to that folder's path. */
  saveCheckpoint(checkpoint: Checkpoint): Promise<string>;
  /** Writes `samples.png`: real points in blue, generated in orange; resolves to its path. */
  writeSamples(points: SamplePoints): Promise<string>;
  /** Writes `summary.json`; resolves to its path. */
  writeSummary(summary: Readonly<Record<string, unknown>>): Promise<string>;
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
 * const result = await train({ ...options, onEvent: run.listener, checkpoint: { run: (s) => run.saveCheckpoint(s) } });
 * await run.writeSummary({ steps: result.last.step, ...result.evaluation });
 * ```
 */
export async function createRunDirectory(path: string, config: unknown): Promise<RunDirectory> {
  const dir = resolve(path);
  const metricsPath = join(dir, 'metrics.jsonl');
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(metricsPath, '');
  } catch (cause) {
    throw new SaddleError(`could not create the run directory ${dir}: ${String(cause)}`, {
      code: 'IO_ERROR', field: 'out', value: path, cause, fix: 'pass a writable directory',
    });
  }
  await writeJson(join(dir, 'config.json'), config);
  return {
    path: dir,
    async listener(event) {
      if (event.type !== 'step') return;
      const { type: _, ...metrics } = event;
      await appendFile(metricsPath, `${JSON.stringify(metrics)}\n`);
    },
    async saveCheckpoint(checkpoint) {
      const target = join(dir, 'checkpoint');
      await writeCheckpoint(target, checkpoint);
      return target;
    },
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
