/// <reference lib="webworker" />
// The training worker: builds the run from the page's state and drives @saddle/train's `train`
// unchanged; pause, single step and steps per frame are a gate in its per-step hook.
// Explicit: bundling @saddle/core from source drops its index's side-effect-only import of the
// gradient registrations (the index itself is not listed in core's `sideEffects`).
import '@saddle/core/register-gradients';
import * as tf from '@tensorflow/tfjs-core';
import { createRng, disposeTree, SaddleError, useBackend, type Params, type PerPlayer, type Rng } from '@saddle/core';
import { modeCoverage } from '@saddle/metrics';
import { train, type TrainSnapshot } from '@saddle/train';
import { backendSpec } from './backends.js';
import { buildPlaygroundRun, type PlaygroundRun } from './build-run.js';
import { EVALUATION, HEAT_SIZE, TRANSPORT_SIZE, type FromWorker, type ToWorker } from './messages.js';
import type { PlaygroundState } from './state.js';

declare const self: DedicatedWorkerGlobalScope;

/** Real points sent once for the scatter view. */
const REAL_SAMPLES = 1000;

let playing = false;
let permits = 0;
let stepsPerFrame = 1;
let wake: (() => void) | undefined;

const post = (message: FromWorker, transfer: Transferable[] = []): void => self.postMessage(message, transfer);

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === 'start') {
    stepsPerFrame = message.state.stepsPerFrame;
    run(message.state, message.wasmBase).catch((error: unknown) => {
      const details = error instanceof SaddleError ? error : undefined;
      post({ type: 'error', message: error instanceof Error ? error.message : String(error), field: details?.field, fix: details?.fix });
    });
    return;
  }
  if (message.type === 'play') playing = true;
  if (message.type === 'pause') playing = false;
  if (message.type === 'step') permits += 1;
  if (message.type === 'stepsPerFrame') stepsPerFrame = message.value;
  wake?.();
};

/** Resolves when the next step may run: at once while playing, else on a single-step permit. */
async function gate(): Promise<void> {
  while (!playing && permits === 0) await new Promise<void>((resolve) => (wake = resolve));
  if (!playing) permits -= 1;
}

/** Lets queued messages (pause, step) in between frames. */
const yieldToMessages = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

async function run(state: PlaygroundState, wasmBase: string): Promise<void> {
  await useBackend(backendSpec(state.backend, wasmBase));
  const rng = createRng(state.seed);
  const parts = buildPlaygroundRun(state, rng);
  const { data, game } = parts;
  const real = await realSample(parts, rng.fold('view'));
  const views = viewTensors(parts, rng.fold('evaluation'));
  const count = (p: Params) => Object.values(p).reduce((n, t) => n + t.size, 0);
  // The same initial players `train` makes from rng.fold('init'), drawn once for frame 0.
  const initial = game.init(rng.fold('init'));
  post({
    type: 'ready', backend: tf.getBackend(), dimension: data.dimension, centers: data.centers, std: data.std, middle: data.middle, extent: data.extent, real,
    parameterCount: { generator: count(initial.params.generator), discriminator: count(initial.params.discriminator) },
  }, [real.buffer]);
  await postFrame(parts, views, { step: 0, params: initial.params, state: initial.state, optimizerState: [], gradientEvaluations: 0 });
  disposeTree([initial.params, initial.state]);

  let released = 0;
  let firstStepPosted = false;
  await train({
    game, optimizer: parts.optimizer, data: data.source, batchSize: state.batchSize,
    steps: Number.MAX_SAFE_INTEGER, rng, logEvery: 1,
    onEvent: async (event) => {
      if (event.type === 'start') {
        await gate();
        released = performance.now();
      }
      if (event.type === 'step') {
        losses.push(event.step, event.lossD, event.lossG, event.stepsPerSecond);
        if (!firstStepPosted) {
          firstStepPosted = true;
          post({ type: 'first-step', milliseconds: performance.now() - released });
        }
      }
    },
    evaluate: {
      every: 1,
      run: async (snapshot) => {
        if (!playing || snapshot.step % stepsPerFrame === 0) {
          await postFrame(parts, views, snapshot);
          await yieldToMessages();
        }
        await gate();
        return {};
      },
    },
  });
}

/** Losses since the last frame: step, L_D, L_G, steps/s per step. */
const losses: number[] = [];

interface ViewTensors {
  readonly latents: tf.Tensor2D;
  readonly heatGrid: tf.Tensor2D;
  readonly transportLatents: tf.Tensor2D;
}

/** The fixed inputs of the views, made once per run and kept for its whole life. */
function viewTensors(parts: PlaygroundRun, rng: Rng): ViewTensors {
  const { dimension, middle, extent } = parts.data;
  const heat = new Float32Array(HEAT_SIZE * (dimension === 2 ? HEAT_SIZE : 1) * dimension);
  const at = (k: number, size: number, centre: number) => centre - extent + ((2 * extent) * (k + 0.5)) / size;
  if (dimension === 2) {
    for (let i = 0; i < HEAT_SIZE; i++) {
      for (let j = 0; j < HEAT_SIZE; j++) {
        heat[2 * (i * HEAT_SIZE + j)] = at(j, HEAT_SIZE, middle[0]);
        heat[2 * (i * HEAT_SIZE + j) + 1] = at(HEAT_SIZE - 1 - i, HEAT_SIZE, middle[1]);
      }
    }
  } else {
    for (let j = 0; j < HEAT_SIZE; j++) heat[j] = at(j, HEAT_SIZE, middle[0]);
  }
  const latentSize = parts.game.latentSize;
  const grid = new Float32Array(TRANSPORT_SIZE * TRANSPORT_SIZE * latentSize);
  for (let i = 0; i < TRANSPORT_SIZE; i++) {
    for (let j = 0; j < TRANSPORT_SIZE; j++) {
      const row = (i * TRANSPORT_SIZE + j) * latentSize;
      grid[row] = -2 + (4 * j) / (TRANSPORT_SIZE - 1);
      grid[row + 1] = 2 - (4 * i) / (TRANSPORT_SIZE - 1);
    }
  }
  return tf.tidy(() => ({
    latents: tf.keep(parts.game.latents(rng, EVALUATION.samples)),
    heatGrid: tf.keep(tf.tensor2d(heat, [heat.length / dimension, dimension])),
    transportLatents: tf.keep(tf.tensor2d(grid, [TRANSPORT_SIZE * TRANSPORT_SIZE, latentSize])),
  }));
}

async function realSample(parts: PlaygroundRun, rng: Rng): Promise<Float32Array> {
  const iterator = parts.data.source.batches({ batchSize: REAL_SAMPLES, rng })[Symbol.asyncIterator]();
  const batch = (await iterator.next()).value as tf.Tensor2D;
  await iterator.return?.();
  const values = ((await batch.data()) as Float32Array).slice();
  batch.dispose();
  return toPlane(values, parts.data.dimension);
}

/** The generator the views draw: the averaged one for `averaged`, else the iterate. */
function shownGenerator(snapshot: TrainSnapshot): PerPlayer<Params> {
  const average = (snapshot.optimizerState as { average?: { generator?: Params } }).average?.generator;
  return average === undefined ? snapshot.params : { generator: average, discriminator: snapshot.params.discriminator };
}

async function postFrame(parts: PlaygroundRun, views: ViewTensors, snapshot: TrainSnapshot): Promise<void> {
  const params = shownGenerator(snapshot);
  const { generator, discriminator, data } = parts;
  const [generatedT, heatT, transportT] = tf.tidy(() => {
    const g = (z: tf.Tensor2D) => generator.apply(params.generator, snapshot.state.generator, z, { training: false }).output;
    const d = discriminator.apply(params.discriminator, snapshot.state.discriminator, views.heatGrid, { training: false }).output;
    return [g(views.latents), tf.sigmoid(tf.reshape(d, [-1])), g(views.transportLatents)];
  });
  const [generatedRaw, heat, transportRaw] = await Promise.all([generatedT.data(), heatT.data(), transportT.data()]);
  tf.dispose([generatedT, heatT, transportT]);
  // Copies: a backend may hand out its own buffer, and these are transferred to the page.
  const generated = toPlane((generatedRaw as Float32Array).slice(), data.dimension);
  const transport = toPlane((transportRaw as Float32Array).slice(), data.dimension);
  const coverage = modeCoverage(generated, data.centers, { std: data.std, radiusInStd: EVALUATION.radiusInStd, minCount: EVALUATION.minCount });
  const n = losses.length / 4;
  const pick = (k: number) => Float64Array.from({ length: n }, (_, i) => losses[4 * i + k] as number);
  const frame = {
    step: snapshot.step, steps: pick(0), lossD: pick(1), lossG: pick(2), stepsPerSecond: n === 0 ? 0 : (losses[4 * n - 1] as number),
    generated, heat: (heat as Float32Array).slice(), transport, modesCovered: coverage.modesCovered, highQualityFraction: coverage.highQualityFraction,
  };
  losses.length = 0;
  post({ type: 'frame', frame }, [frame.generated.buffer, frame.heat.buffer, frame.transport.buffer, frame.steps.buffer, frame.lossD.buffer, frame.lossG.buffer]);
}

/** 1-D data as points on the x axis (y = 0); 2-D data as is. */
function toPlane(values: Float32Array, dimension: 1 | 2): Float32Array {
  if (dimension === 2) return values;
  const out = new Float32Array(2 * values.length);
  values.forEach((x, i) => (out[2 * i] = x));
  return out;
}
