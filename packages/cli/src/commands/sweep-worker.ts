import { appendFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { SaddleError, useBackend } from '@saddle/core';
import { experimentById } from '@saddle/experiments';
import { writeReport } from '@saddle/experiments/node';
import { backendRegistry } from '../registries.js';
import { reportEnvironment } from './experiment-run.js';

/** A run the sweep hands a worker. */
export interface WorkerTask {
  readonly type: 'run';
  readonly key: string;
  readonly experiment: string;
  readonly config: Readonly<Record<string, unknown>>;
  readonly quick: boolean;
  /** The command that reruns the whole sweep, for the run's report. */
  readonly command: string;
}

/** What a worker tells the sweep. */
export type WorkerMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'progress'; readonly key: string; readonly stage: string; readonly done: number; readonly total: number }
  | { readonly type: 'done'; readonly key: string; readonly seconds: number }
  | { readonly type: 'failed'; readonly key: string; readonly message: string };

/** Seconds between two progress messages of one run. */
const PROGRESS_EVERY_S = 10;

/** The file each worker appends a run's key to when it starts the run (one line per start). */
export const RUN_STARTS = 'run-starts.log';

/**
 * A sweep worker process (`saddle sweep --worker`, forked by the sweep with an IPC channel):
 * selects the backend once, then runs each task it is sent with `seeds: 1`, appending the key to
 * `<out>/run-starts.log` first and writing the run's report to `<out>/runs/<key>/` (results.json
 * atomically, so a run counts as finished only once its results are whole). Exits when the
 * sweep says so or its channel closes (the sweep died), so no orphan keeps running.
 */
export async function sweepWorker(out: string, backend: keyof typeof backendRegistry): Promise<number> {
  const send = process.send?.bind(process);
  if (send === undefined) {
    throw new SaddleError('--worker is internal to saddle sweep', { code: 'INVALID_CONFIG', field: '--worker', fix: 'run saddle sweep without --worker' });
  }
  await useBackend(backendRegistry[backend]());
  process.on('disconnect', () => process.exit(0));
  return new Promise<number>((resolve) => {
    let queue = Promise.resolve();
    process.on('message', (message: WorkerTask | { type: 'exit' }) => {
      if (message.type === 'exit') {
        void queue.then(() => {
          process.disconnect();
          resolve(0);
        });
        return;
      }
      queue = queue.then(async () => {
        send(await runTask(out, backend, message, send));
      });
    });
    send({ type: 'ready' } satisfies WorkerMessage);
  });
}

async function runTask(out: string, backend: string, task: WorkerTask, send: (m: WorkerMessage) => void): Promise<WorkerMessage> {
  try {
    const experiment = experimentById(task.experiment);
    await mkdir(out, { recursive: true });
    await appendFile(join(out, RUN_STARTS), `${task.key}\n`);
    const startedAt = new Date();
    const started = performance.now();
    let lastAt = performance.now();
    const progress = (stage: string, done: number, total: number): void => {
      if (performance.now() - lastAt < 1000 * PROGRESS_EVERY_S) return;
      lastAt = performance.now();
      send({ type: 'progress', key: task.key, stage, done, total });
    };
    const result = await experiment.run(task.config, { seeds: 1, quick: task.quick, backendName: tf.getBackend(), progress });
    const wallSeconds = (performance.now() - started) / 1000;
    await writeReport(join(out, 'runs', task.key), experiment, task.config, result, {
      command: task.command, seeds: 1, quick: task.quick, backend, wallSeconds, startedAt: startedAt.toISOString(),
      ...reportEnvironment(),
    });
    return { type: 'done', key: task.key, seconds: wallSeconds };
  } catch (error) {
    return { type: 'failed', key: task.key, message: error instanceof Error ? error.message : String(error) };
  }
}
