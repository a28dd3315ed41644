import * as tf from '@tensorflow/tfjs-core';
import { availableParallelism } from 'node:os';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import {
  createRng,
  disposeReplaced,
  disposeTree,
  PLAYERS,
  SaddleError,
  type GameGradientFn,
  type Params,
  type PerPlayer,
  type Player,
  type SaddleErrorCode,
} from '@saddle/core';
import type { GanGame } from '../../gan-game.js';
import { callExport, toWire, type ModuleExport } from './module-export.js';
import { CONTROL_WORDS, DONE, FAILED, type GradientJob, type PlayerArrays, type StartupData, type WireError, type WireTensor, type WorkerReply } from './protocol.js';
import { mapPlayers } from './player-maps.js';
import { shardBounds, weightedSum } from './shards.js';

/**
 * How to train data-parallel: the game and backend each worker thread builds, and how many.
 *
 * @example
 * ```ts
 * const options: DataParallelOptions = {
 *   workers: 2,
 *   game: { module: new URL('./dcgan-game.js', import.meta.url), export: 'dcganGame', options: { width: 64 } },
 *   backend: { module: import.meta.resolve('@saddle/backend-wasm'), export: 'wasm' },
 * };
 * ```
 */
export interface DataParallelOptions {
  /** Worker threads, one backend instance and one batch shard each (default: the number of cores). */
  readonly workers?: number;
  /** A function `(options) => GanGame | Promise<GanGame>`; this thread builds its game with it too. */
  readonly game: ModuleExport;
  /** A function `(options) => BackendSpec` each worker computes on, e.g. `@saddle/backend-wasm`'s `wasm`. */
  readonly backend: ModuleExport;
  /** Node flags for the worker threads (default: this process's `execArgv`). */
  readonly execArgv?: readonly string[];
}

/**
 * A `GanGame` whose gradients are computed by worker threads; `dispose()` stops them.
 *
 * @example
 * ```ts
 * const game: DataParallelGame = await dataParallelGame(options);
 * try { await train({ ...trainOptions, game }); } finally { await game.dispose(); }
 * ```
 */
export interface DataParallelGame<R extends tf.Tensor = tf.Tensor> extends GanGame<R> {
  /** Number of worker threads (= shards per batch). */
  readonly workers: number;
  /** Stops the workers; the game cannot compute gradients afterwards. */
  dispose(): Promise<void>;
}

/**
 * Data-parallel training on every core: the batch (x, z) is cut into `workers` contiguous shards
 * of near-equal size n_s, worker s computes its shard's gradients g_s, losses L_s and model state
 * on its own backend instance, and this thread combines them with weights w_s = n_s / B:
 *   g = Σ_s w_s g_s,   L = Σ_s w_s L_s,   state = Σ_s w_s state_s,
 * which for batch-mean losses is the full batch's gradient, up to float rounding. The sum runs in
 * float64 in shard order, so a run is bit-for-bit reproducible for a fixed worker count, and one
 * worker reproduces the single-thread game exactly. Statistics over the batch are per shard, as
 * in PyTorch's DistributedDataParallel: batch norm normalises each shard by its own mean and
 * variance, and the running statistics are the shards' average; relativistic-average losses
 * average over the shard. With more than one worker, shard s draws a penalty's randomness from
 * `batch.rng.fold(s)`. Parameters and optimizer state stay on this thread, so every game
 * optimizer works unchanged: each of its gradient evaluations is one round trip to the workers.
 *
 * This thread must have its backend set (`useBackend`) and builds its own game from the same
 * module for `init`, `latents` and `generate`. Node only: the main thread waits with
 * `Atomics.wait`, which browsers forbid on theirs. A worker that throws or dies fails the step
 * with a `SaddleError` naming it (`NON_FINITE` errors keep their code, so divergence recovery works).
 *
 * @example
 * ```ts
 * await useBackend(wasm());
 * const game = await dataParallelGame({
 *   workers: 2,
 *   game: { module: new URL('./dcgan-game.js', import.meta.url), export: 'dcganGame' },
 *   backend: { module: import.meta.resolve('@saddle/backend-wasm'), export: 'wasm' },
 * });
 * try {
 *   await train({ game, optimizer, data, batchSize: 64, steps: 1000, rng: createRng(0) });
 * } finally {
 *   await game.dispose();
 * }
 * ```
 */
export async function dataParallelGame<R extends tf.Tensor = tf.Tensor>(options: DataParallelOptions): Promise<DataParallelGame<R>> {
  const workers = options.workers ?? availableParallelism();
  if (!Number.isSafeInteger(workers) || workers < 1 || workers > 256) {
    throw new SaddleError('must be an integer in [1, 256]', {
      code: 'INVALID_ARGUMENT', field: 'workers', value: workers, fix: `pass the number of cores (${availableParallelism()}) or fewer`,
    });
  }
  const gameRef = toWire(options.game, 'game');
  const backendRef = toWire(options.backend, 'backend');
  const local = await callExport<GanGame<R>>(gameRef, 'game');
  const control = new Int32Array(new SharedArrayBuffer(CONTROL_WORDS * Int32Array.BYTES_PER_ELEMENT));
  const channels = Array.from({ length: workers }, () => new MessageChannel());
  const failure = new MessageChannel();
  const shared: StartupData & { game: typeof gameRef; backend: typeof backendRef } = { ...layoutsOf(local), game: gameRef, backend: backendRef };
  const supervisor = new Worker(new URL('./data-parallel-supervisor.js', import.meta.url), {
    workerData: {
      entry: new URL('./data-parallel-worker.js', import.meta.url).href,
      ports: channels.map((c) => c.port2),
      failurePort: failure.port2,
      control: control.buffer,
      execArgv: options.execArgv,
      shared,
    },
    transferList: [...channels.map((c) => c.port2), failure.port2],
    ...(options.execArgv === undefined ? {} : { execArgv: [...options.execArgv] }),
  });
  supervisor.unref();
  const ports = channels.map((c) => c.port1);
  let closed = false;
  const dispose = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    // Stopping the supervisor thread stops the compute workers it started.
    await supervisor.terminate();
    for (const port of [...ports, failure.port1]) port.close();
  };

  /** Throws if a worker died (the supervisor's word); `during` says what was going on. */
  const checkAlive = (during: string): void => {
    if (Atomics.load(control, FAILED) === 0) return;
    const report = receiveMessageOnPort(failure.port1)?.message as { index: number; reason: string } | undefined;
    // A worker that reported an error and then ended: its own report says more than its exit.
    const last = report === undefined ? undefined : (receiveMessageOnPort(ports[report.index]!)?.message as WorkerReply | undefined);
    if (last?.type === 'error') throw fromWire(last.error, report!.index, workers);
    const which = report === undefined ? `worker ${Atomics.load(control, FAILED)}` : `worker ${report.index + 1} of ${workers}`;
    throw new SaddleError(`data-parallel ${which} ${report?.reason ?? 'stopped'} ${during}`, {
      code: 'BACKEND_UNAVAILABLE', field: 'workers', value: workers,
      fix: 'fix what the worker threw; one that ran out of memory needs fewer workers or a smaller batch',
    });
  };

  /** The reply every worker posted, in worker order (a reply is in its port's queue before DONE counts it). */
  const collect = (): WorkerReply[] => ports.map((port, index) => {
    const received = receiveMessageOnPort(port);
    if (received === undefined) throw new SaddleError(`data-parallel worker ${index + 1} of ${workers} counted a reply it never posted`, { code: 'BACKEND_UNAVAILABLE', field: 'workers' });
    return received.message as WorkerReply;
  });

  const throwIfError = (replies: readonly WorkerReply[]): void => {
    replies.forEach((r, index) => {
      if (r.type === 'error') throw fromWire(r.error, index, workers);
    });
  };

  try {
    // Start-up: each worker imports its backend and game, then replies once.
    while (Atomics.load(control, DONE) < workers) {
      checkAlive('while starting');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    throwIfError(collect());
  } catch (error) {
    await dispose();
    throw error;
  }

  return {
    workers,
    latentSize: local.latentSize,
    init: (rng) => local.init(rng),
    latents: (rng, count) => local.latents(rng, count),
    generate: (params, state, latents) => local.generate(params, state, latents),
    dispose,
    gradients(batch, initial) {
      if (closed) throw new SaddleError('the data-parallel game was disposed', { code: 'INVALID_ARGUMENT', field: 'game', fix: 'create a new one with dataParallelGame' });
      const batchSize = batch.real.shape[0]!;
      if (batch.latents.shape[0] !== batchSize) {
        throw new SaddleError(`the latent batch has ${batch.latents.shape[0]} rows and the real batch ${batchSize}`, { code: 'SHAPE_MISMATCH', field: 'latents', fix: 'draw one latent per real sample' });
      }
      const bounds = shardBounds(batchSize, workers);
      const weights = bounds.map(([start, end]) => (end - start) / batchSize);
      const real = shardsOf(batch.real, bounds, 'real');
      const latents = shardsOf(batch.latents, bounds, 'latents');
      const rngKeys = bounds.map((_, s) => (batch.rng === undefined ? undefined : workers === 1 ? batch.rng.key : batch.rng.fold(s).key));
      let current = initial;
      const gradFn: GameGradientFn = (params, request) => {
        const players = request?.players ?? PLAYERS;
        const hostParams = toArrays(params);
        const hostState = toArrays(current);
        Atomics.store(control, DONE, 0);
        ports.forEach((port, s) => {
          const job: GradientJob = { type: 'gradients', players, params: hostParams, state: hostState, real: real[s]!, latents: latents[s]!, rngKey: rngKeys[s] };
          port.postMessage(job);
        });
        for (let done = Atomics.load(control, DONE); done < workers; done = Atomics.load(control, DONE)) {
          checkAlive('during a gradient evaluation');
          Atomics.wait(control, DONE, done, 1000);
        }
        checkAlive('during a gradient evaluation');
        const replies = collect();
        throwIfError(replies);
        const results = replies as Array<Extract<WorkerReply, { type: 'gradients' }>>;
        const combine = (pick: (r: (typeof results)[number]) => Float32Array, shape: readonly number[]): tf.Tensor =>
          tf.tensor(weightedSum(results.map(pick), weights), [...shape]);
        const grads = mapPlayers(params, (t, name, player) => combine((r) => r.grads[player][name]!, t.shape), players);
        const losses = { generator: combineLoss(results, 'generator', weights), discriminator: combineLoss(results, 'discriminator', weights) };
        // The state outlives the optimizer's tidy scope, as the single-thread game's does.
        const next = mapPlayers(current, (t, name, player) => tf.keep(combine((r) => r.state[player][name]!, t.shape)));
        disposeReplaced(current, [next, initial]);
        current = next;
        return { grads, losses };
      };
      return { gradFn, state: () => current };
    },
  };
}

function layoutsOf(game: GanGame): StartupData {
  const { params, state } = game.init(createRng(0));
  const out = { params: mapPlayers(params, (t) => t.shape), state: mapPlayers(state, (t) => t.shape) };
  disposeTree([params, state]);
  return out;
}

/**
 * The shards of a batch tensor's rows, as copies (a view would post the whole buffer). Reads here
 * and in `toArrays` are synchronous because `GameGradientFn` is: the optimizers call it and use the
 * result at once (Node only; the worker side reads asynchronously).
 */
function shardsOf(batch: tf.Tensor, bounds: ReadonlyArray<readonly [number, number]>, field: string): WireTensor[] {
  if (batch.dtype !== 'float32') {
    throw new SaddleError(`data-parallel batches must be float32, got ${batch.dtype}`, { code: 'INVALID_ARGUMENT', field, value: batch.dtype, fix: 'cast the batch with tf.cast(x, "float32")' });
  }
  const data = batch.dataSync() as Float32Array;
  const row = batch.size / batch.shape[0]!;
  return bounds.map(([start, end]) => ({ shape: [end - start, ...batch.shape.slice(1)], data: data.slice(start * row, end * row) }));
}

/** Both players' tensors read back to host arrays (posting clones them once per worker). */
function toArrays(tree: PerPlayer<Params>): PlayerArrays {
  return mapPlayers(tree, (t) => t.dataSync() as Float32Array);
}

/** A player's loss, L = Σ_s w_s L_s, as a scalar. */
function combineLoss(results: ReadonlyArray<{ readonly losses: Readonly<Record<Player, number>> }>, player: Player, weights: readonly number[]): tf.Scalar {
  return tf.scalar(weightedSum(results.map((r) => Float32Array.of(r.losses[player])), weights)[0]!);
}

/** A worker's error as a `SaddleError` on this thread, keeping its code and field. */
function fromWire(error: WireError, index: number, workers: number): SaddleError {
  return new SaddleError(`${error.problem} (in data-parallel worker ${index + 1} of ${workers})`, {
    code: (error.code ?? 'BACKEND_UNAVAILABLE') as SaddleErrorCode,
    ...(error.field === undefined ? {} : { field: error.field }),
    ...(error.value === undefined ? {} : { value: error.value }),
    ...(error.fix === undefined ? {} : { fix: error.fix }),
  });
}
