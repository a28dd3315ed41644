import * as tf from '@tensorflow/tfjs-core';
import { createRng, disposeTree, type BatchSource, type GameOptimizer, type Params, type PerPlayer } from '@saddle/core';
import { gaussianRing } from '@saddle/datasets';
import { nonSaturating } from '@saddle/losses';
import { dcgan, mlp } from '@saddle/models';
import { sgd, simultaneous } from '@saddle/optimizers';
import { ganGame, train, type GanGame } from '@saddle/train';
import type { ConformanceCase } from './conformance-case.js';

const SEED = 5;

/** Every parameter tensor of both players, in a fixed order. */
const flatten = (params: PerPlayer<Params>): tf.Tensor[] =>
  (['generator', 'discriminator'] as const).flatMap((player) => Object.keys(params[player]).sort().map((k) => params[player][k]!));

interface GanRun<R extends tf.Tensor> {
  readonly name: string;
  readonly skip?: Readonly<Record<string, string>>;
  readonly game: GanGame<R>;
  readonly data: BatchSource<R>;
  readonly batchSize: number;
  /** At least 3, so that the tensor counts after steps 2 and 3 can be compared. */
  readonly steps: number;
}

/**
 * `steps` simultaneous SGD steps (η = 0.05) of `@saddle/train`'s loop. The outputs are the
 * parameter moves θ_T − θ_0 (moves, not parameters, so that an error in the update is not hidden
 * under the shared initial values) and the last losses L_D, L_G. The live tensor count must be
 * the same after every step from the second on.
 */
function ganTrainingCase<R extends tf.Tensor>({ name, skip, game, data, batchSize, steps }: GanRun<R>): ConformanceCase {
  return {
    ...(skip === undefined ? {} : { skip }),
    name: `${name}: ${steps} simultaneous SGD steps of @saddle/train (non-saturating loss): parameter moves and losses vs cpu, tensor count flat`,
    async compute() {
      const counts: number[] = [];
      const result = await train({
        game,
        optimizer: simultaneous({ generator: sgd({ learningRate: 0.05 }), discriminator: sgd({ learningRate: 0.05 }) }) as GameOptimizer<unknown>,
        data,
        batchSize,
        steps,
        rng: createRng(SEED),
        logEvery: 1,
        onEvent: (event) => void (event.type === 'step' && counts.push(tf.memory().numTensors)),
      });
      const initial = game.init(createRng(SEED).fold('init'));
      const moves = tf.tidy(() => {
        const before = flatten(initial.params);
        return flatten(result.params).map((after, i) => tf.sub(after, before[i]!));
      });
      const losses = [tf.scalar(result.last.lossD), tf.scalar(result.last.lossG)];
      disposeTree([initial.params, initial.state, result.params, result.state]);
      if (counts.length !== steps || new Set(counts.slice(1)).size !== 1) {
        tf.dispose([...moves, ...losses]);
        throw new Error(`live tensor count per step should be flat from step 2 on, got ${counts.join(', ')}`);
      }
      return [...moves, ...losses];
    },
  };
}

/** A small ring GAN: G 4 → 16 → 16 → 2 and D 2 → 16 → 16 → 1, tanh, on the 8-mode ring. */
export const MLP_GAN_CASE = ganTrainingCase({
  name: 'MLP GAN on the ring',
  game: ganGame({
    generator: mlp({ inputSize: 4, hiddenSizes: [16, 16], outputSize: 2, activation: 'tanh' }),
    discriminator: mlp({ inputSize: 2, hiddenSizes: [16, 16], outputSize: 1, activation: 'tanh' }),
    loss: nonSaturating,
    latentSize: 4,
  }),
  data: gaussianRing(),
  batchSize: 32,
  steps: 4,
});

/** Seeded "images" tanh(N(0, 1)) of shape [n, 32, 32, 3], a fresh batch per step. */
const noiseImages: BatchSource<tf.Tensor4D> = {
  name: 'tanh-noise-32',
  async *batches({ batchSize, rng, startStep = 0 }) {
    for (let step = startStep; ; step++) yield tf.tidy(() => tf.tanh(rng.fold(step).normal([batchSize, 32, 32, 3]))) as tf.Tensor4D;
  },
};

/** DCGAN at width 4 on 32×32 (conv, conv-transpose, batch norm with state, leaky ReLU, tanh). */
export const DCGAN_CASE = ganTrainingCase({
  name: 'DCGAN (width 4, 32×32) of @saddle/models',
  // Its layers' gradients run on webgl in the op cases; the whole net compiles ~100 shaders,
  // which software rendering (SwiftShader) takes about 10 s for.
  skip: { webgl: 'software-rendered WebGL compiles its ~100 shaders in ~10 s; its layers are covered by the op cases' },
  game: ganGame({ ...dcgan({ width: 4, latentSize: 8 }), loss: nonSaturating, latentSize: 8 }),
  data: noiseImages,
  batchSize: 4,
  steps: 3,
});
