// A data-parallel compute worker: its own tfjs backend instance and its own copy of the game.
// Each job is one gradient evaluation on one shard of the batch, at the parameters and model
// state the main thread sends; the reply carries the shard's gradients, losses and new state.
import * as tf from '@tensorflow/tfjs-core';
import { workerData, type MessagePort } from 'node:worker_threads';
import {
  createRng,
  disposeTree,
  PLAYERS,
  rngFromKey,
  SaddleError,
  useBackend,
  type BackendSpec,
  type Params,
  type PerPlayer,
} from '@saddle/core';
import type { GanGame } from '../../gan-game.js';
import { callExport, type ModuleExportWire } from './module-export.js';
import { mapPlayers } from './player-maps.js';
import { DONE, type GradientJob, type Layout, type PlayerArrays, type StartupData, type WireError, type WorkerReply } from './protocol.js';

interface WorkerData {
  readonly port: MessagePort;
  readonly index: number;
  readonly control: SharedArrayBuffer;
  readonly shared: StartupData & { readonly game: ModuleExportWire; readonly backend: ModuleExportWire };
}

const { port, control, shared } = workerData as WorkerData;
const words = new Int32Array(control);

const reply = (message: WorkerReply, transfer: ArrayBuffer[] = []): void => {
  port.postMessage(message, transfer);
  Atomics.add(words, DONE, 1);
  Atomics.notify(words, DONE);
};

try {
  await useBackend(await callExport<BackendSpec>(shared.backend, 'backend'));
  const game = await callExport<GanGame>(shared.game, 'game');
  checkLayout(game);
  port.on('message', (job: GradientJob) => {
    evaluate(game, job).then(({ message, transfer }) => reply(message, transfer), (error: unknown) => reply({ type: 'error', error: toWire(error) }));
  });
  reply({ type: 'ready' });
} catch (error) {
  reply({ type: 'error', error: toWire(error) });
}

/** One shard's gradient evaluation; frees every tensor it made. The main thread sends one job at a time. */
async function evaluate(game: GanGame, job: GradientJob): Promise<{ message: WorkerReply; transfer: ArrayBuffer[] }> {
  const params = toTensors(job.params, shared.params);
  const state = toTensors(job.state, shared.state);
  const real = tf.tensor(job.real.data, [...job.real.shape]);
  const latents = tf.tensor2d(job.latents.data, job.latents.shape as [number, number]);
  const gradients = game.gradients({ real, latents, ...(job.rngKey === undefined ? {} : { rng: rngFromKey(job.rngKey) }) }, state);
  try {
    const out = gradients.gradFn(params, { players: job.players });
    const nextState = gradients.state();
    try {
      const transfer: ArrayBuffer[] = [];
      const [grads, lossG, lossD, newState] = await Promise.all([
        fromTensors(out.grads, transfer), out.losses.generator.data(), out.losses.discriminator.data(), fromTensors(nextState, transfer),
      ]);
      const message: WorkerReply = { type: 'gradients', grads, losses: { generator: lossG[0]!, discriminator: lossD[0]! }, state: newState };
      return { message, transfer };
    } finally {
      disposeTree([out.grads, out.losses, nextState === state ? [] : nextState]);
    }
  } finally {
    disposeTree([params, state, real, latents]);
  }
}

function toTensors(arrays: PlayerArrays, layout: Layout): PerPlayer<Params> {
  return mapPlayers(layout, (shape, name, player) => tf.tensor(arrays[player][name]!, [...shape]));
}

/** Copies (a transferable buffer each; the cpu backend's data is the tensor's own array). */
async function fromTensors(tree: PerPlayer<Params>, transfer: ArrayBuffer[]): Promise<PlayerArrays> {
  const arrays = async (params: Params): Promise<Record<string, Float32Array>> =>
    Object.fromEntries(await Promise.all(Object.entries(params).map(async ([name, t]) => {
      const copy = new Float32Array(await t.data());
      transfer.push(copy.buffer);
      return [name, copy] as const;
    })));
  const [generator, discriminator] = await Promise.all([arrays(tree.generator), arrays(tree.discriminator)]);
  return { generator, discriminator };
}

/** The worker's game must have the main thread's parameter and state layout. */
function checkLayout(game: GanGame): void {
  const init = game.init(createRng(0));
  try {
    for (const [kind, tree] of [['params', init.params], ['state', init.state]] as const) {
      for (const player of PLAYERS) {
        const mine: Record<string, readonly number[]> = Object.fromEntries(Object.entries(tree[player]).map(([name, t]) => [name, t.shape]));
        const theirs = shared[kind][player];
        const names = [...new Set([...Object.keys(mine), ...Object.keys(theirs)])].sort();
        const differ = names.filter((name) => JSON.stringify(mine[name]) !== JSON.stringify(theirs[name]));
        if (differ.length > 0) {
          const shape = (s: readonly number[] | undefined) => (s === undefined ? 'none' : `[${s.join(',')}]`);
          throw new SaddleError(`the worker's game differs from the main thread's in ${player} ${kind}: ${differ.map((n) => `${n} ${shape(mine[n])} here, ${shape(theirs[n])} there`).join('; ')}`, {
            code: 'STRUCTURE_MISMATCH', field: 'game', fix: 'make the game module build the same architecture in every thread (the same options)',
          });
        }
      }
    }
  } finally {
    disposeTree([init.params, init.state]);
  }
}

function toWire(error: unknown): WireError {
  if (error instanceof SaddleError) {
    let value: unknown;
    try {
      value = structuredClone(error.value);
    } catch {
      value = undefined;
    }
    return { problem: error.problem, code: error.code, ...(error.field === undefined ? {} : { field: error.field }), value, ...(error.fix === undefined ? {} : { fix: error.fix }) };
  }
  return { problem: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
}
