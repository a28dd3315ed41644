import { Worker } from 'node:worker_threads';
import { SaddleError, type SaddleErrorCode } from '@saddle/core';
import type { ExtractJob, WireError, WorkerInit, WorkerReply } from './worker-protocol.js';

interface Pending {
  readonly job: ExtractJob;
  readonly resolve: (result: { features: Float32Array; logits: Float32Array }) => void;
  readonly reject: (error: SaddleError) => void;
}

/**
 * Flags for the workers: the caller's, else this process's. When this module runs from its
 * TypeScript sources (the repository's tests, which resolve `@saddle/source`; never from `dist/`)
 * the workers also get `@saddle/testing`'s loader, found by its path in the repository, since
 * Node 20 cannot run TypeScript by itself (the same flags as `sourceExecArgv()`).
 */
function workerExecArgv(execArgv: readonly string[] | undefined): string[] {
  if (execArgv !== undefined) return [...execArgv];
  if (!import.meta.url.endsWith('.ts')) return process.execArgv;
  return [...process.execArgv, '--conditions=@saddle/source', '--import', new URL('../../../testing/source/register.mjs', import.meta.url).href];
}

/** A worker's error as a SaddleError: its own when it threw one, else one that points at the workers. */
function revive(error: WireError, worker: number): SaddleError {
  if (error.code === undefined) {
    return new SaddleError(`feature worker ${worker} failed: ${error.message}`, {
      code: 'BACKEND_UNAVAILABLE', field: 'workers', fix: 'see the message; pass workers: 1 (--workers 1) to extract in this thread',
    });
  }
  const revived = new SaddleError(error.message, { code: error.code as SaddleErrorCode, ...(error.field === undefined ? {} : { field: error.field }), ...(error.fix === undefined ? {} : { fix: error.fix }) });
  revived.message = error.message; // already formatted with field and fix by the worker's SaddleError
  return revived;
}

/**
 * Worker threads that each extract one chunk at a time, fed from one queue. The first failure of
 * any worker terminates them all and rejects every pending and later chunk with it. A worker holds
 * the process open only while it has a chunk.
 */
export class WorkerPool {
  private readonly idle: Worker[];
  private readonly queue: Pending[] = [];
  private readonly running = new Map<Worker, Pending>();
  private failure: SaddleError | undefined;
  private nextId = 0;

  private readonly ready: Promise<void>;
  private started = 0;
  private onStarted = (): void => undefined;
  private onStartFailed = (_error: SaddleError): void => undefined;

  private constructor(private readonly workers: readonly Worker[]) {
    this.idle = [...workers];
    this.ready = new Promise((resolve, reject) => {
      this.onStarted = resolve;
      this.onStartFailed = reject;
    });
    for (const [i, worker] of workers.entries()) {
      worker.on('message', (reply: WorkerReply) => this.onReply(worker, i, reply));
      worker.on('error', (error) => this.fail(revive({ message: error.message }, i)));
      worker.on('exit', (code) => this.fail(revive({ message: `exited with code ${code}` }, i)));
    }
  }

  /** Starts `count` workers and resolves once each has built its network (or rejects with the first failure). */
  static async start(count: number, init: WorkerInit, execArgv?: readonly string[]): Promise<WorkerPool> {
    // dist/fid-inception-worker.js beside dist/node.js once built; from sources, the loader maps it to the .ts file.
    const url = new URL('./fid-inception-worker.js', import.meta.url);
    const options = { workerData: init, execArgv: workerExecArgv(execArgv) };
    const pool = new WorkerPool(Array.from({ length: count }, () => new Worker(url, options)));
    await pool.ready;
    return pool;
  }

  /** Extracts one chunk of NHWC images (copied buffer, transferred to the worker). */
  extract(images: Int32Array | Float32Array, shape: [number, number, number, number]): Promise<{ features: Float32Array; logits: Float32Array }> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.queue.push({ job: { id: this.nextId++, images, shape }, resolve, reject });
      this.pump();
    });
  }

  /** Terminates every worker; later calls are refused. */
  terminate(): void {
    this.fail(new SaddleError('the extractor was disposed', { code: 'INVALID_ARGUMENT', field: 'extractor', fix: 'build a new one with parallelFidInception(weights, options)' }));
  }

  private pump(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop() as Worker;
      const pending = this.queue.shift() as Pending;
      this.running.set(worker, pending);
      worker.ref();
      worker.postMessage(pending.job, [pending.job.images.buffer as ArrayBuffer]);
    }
  }

  private onReply(worker: Worker, index: number, reply: WorkerReply): void {
    if (this.failure !== undefined) return;
    if (reply.type === 'ready') {
      worker.unref();
      if (++this.started === this.workers.length) this.onStarted();
      return;
    }
    const pending = this.running.get(worker);
    if (reply.type === 'failed' || pending === undefined || reply.id !== pending.job.id) {
      this.fail(revive(reply.type === 'failed' ? reply.error : { message: `reply to chunk ${reply.id} out of turn` }, index));
      return;
    }
    this.running.delete(worker);
    worker.unref();
    this.idle.push(worker);
    pending.resolve({ features: reply.features, logits: reply.logits });
    this.pump();
  }

  private fail(error: SaddleError): void {
    if (this.failure !== undefined) return;
    this.failure = error; // the first failure is the one reported; later errors and exits are ignored
    this.onStartFailed(error);
    for (const worker of this.workers) void worker.terminate();
    for (const pending of [...this.running.values(), ...this.queue]) pending.reject(error);
    this.running.clear();
    this.queue.length = 0;
  }
}
