import * as tf from '@tensorflow/tfjs-core';
import { createRng, disposeTree, SaddleError, type Params, type PerPlayer } from '@saddle/core';
import { gaussianRing } from '@saddle/datasets';
import { adam, alternating } from '@saddle/optimizers';
import { ALL_BACKENDS, backendExport, describeWithBackends, sourceExecArgv } from '@saddle/testing';
import { expect, it } from 'vitest';
import type { GanGame } from '../../gan-game.js';
import { train } from '../../train.js';
import { dataParallelGame, type DataParallelGame } from './data-parallel-game.js';
import { ringGame, tinyDcgan, type TestGameOptions } from './test-support/parallel-parts.js';

const PARTS = new URL('./test-support/parallel-parts.ts', import.meta.url);

async function parallel(backend: string, workers: number, options: TestGameOptions = {}): Promise<DataParallelGame<tf.Tensor2D>> {
  return dataParallelGame<tf.Tensor2D>({
    workers,
    game: { module: PARTS, export: 'ringGame', options },
    backend: backendExport(backend),
    execArgv: sourceExecArgv(),
  });
}

/** 6 alternating Adam steps (a D move then a G move: two gradient evaluations a step). */
async function trainRing(game: GanGame<tf.Tensor2D>, batchSize = 30): Promise<PerPlayer<Params>[]> {
  const player = () => adam({ learningRate: 1e-2, beta1: 0.5 });
  const result = await train({
    game, optimizer: alternating({ generator: player(), discriminator: player() }), data: gaussianRing(),
    batchSize, steps: 6, rng: createRng(3),
  });
  return [result.params, result.state];
}

async function flat(trees: PerPlayer<Params>[]): Promise<Float32Array[]> {
  return Promise.all(trees.flatMap((t) => [t.generator, t.discriminator]).flatMap((p) => Object.values(p).map((x) => x.data() as Promise<Float32Array>)));
}

describeWithBackends('dataParallelGame', ALL_BACKENDS, ({ backend }) => {
  it('with one worker reproduces the single-thread game bit for bit', async () => {
    const game = await parallel(backend.name, 1);
    try {
      const alone = await trainRing(ringGame());
      const split = await trainRing(game);
      const [a, b] = await Promise.all([flat(alone), flat(split)]);
      expect(b).toEqual(a);
      disposeTree([alone, split]);
    } finally {
      await game.dispose();
    }
  }, 60_000);

  it('with one worker draws a penalty\'s randomness as the single-thread game does (WGAN-GP)', async () => {
    const game = await parallel(backend.name, 1, { penalty: true });
    try {
      const alone = await trainRing(ringGame({ penalty: true }));
      const split = await trainRing(game);
      expect(await flat(split)).toEqual(await flat(alone));
      disposeTree([alone, split]);
    } finally {
      await game.dispose();
    }
  }, 60_000);

  it('with three workers is bitwise reproducible and matches the whole-batch gradients to float rounding', async () => {
    const game = await parallel(backend.name, 3);
    try {
      // 31 rows: shards of 11, 10 and 10 weighted by n_s / B.
      const runs = [await trainRing(game, 31), await trainRing(game, 31)];
      const alone = await trainRing(ringGame(), 31);
      const [a, b, c] = await Promise.all([flat(runs[0]!), flat(runs[1]!), flat(alone)]);
      expect(b).toEqual(a);
      const worst = Math.max(...a.map((x, i) => Math.max(...x.map((v, j) => Math.abs(v - c[i]![j]!) / (1e-3 + Math.abs(c[i]![j]!))))));
      expect(worst).toBeGreaterThan(0);
      expect(worst).toBeLessThan(1e-3);
      disposeTree([runs, alone]);
    } finally {
      await game.dispose();
    }
  }, 60_000);

  it('returns the requested player\'s gradients only, with the whole batch\'s mean losses', async () => {
    const game = await parallel(backend.name, 2);
    const alone = ringGame();
    const { params, state } = alone.init(createRng(1));
    const real = createRng(2).normal([8, 2]) as tf.Tensor2D;
    const latents = alone.latents(createRng(4), 8);
    try {
      const split = game.gradients({ real, latents }, state);
      const out = split.gradFn(params, { players: ['discriminator'] });
      const whole = alone.gradients({ real, latents }, state).gradFn(params, { players: ['discriminator'] });
      expect(Object.keys(out.grads.generator)).toEqual([]);
      for (const [name, g] of Object.entries(whole.grads.discriminator)) {
        expect(Array.from(await out.grads.discriminator[name]!.data())).toEqual(Array.from(await g.data()).map((v) => expect.closeTo(v, 6)));
      }
      expect((await out.losses.discriminator.data())[0]).toBeCloseTo((await whole.losses.discriminator.data())[0]!, 5);
      disposeTree([out.grads, out.losses, whole.grads, whole.losses, split.state() === state ? [] : split.state()]);
    } finally {
      disposeTree([params, state, real, latents]);
      await game.dispose();
    }
  }, 60_000);
});

describeWithBackends('dataParallelGame with batch norm', ALL_BACKENDS, ({ backend }) => {
  it('gives the shard-weighted mean of per-shard gradients and batch-norm states (statistics per shard)', async () => {
    const game = await dataParallelGame<tf.Tensor4D>({
      workers: 2, game: { module: PARTS, export: 'tinyDcgan' }, backend: backendExport(backend.name), execArgv: sourceExecArgv(),
    });
    const alone = tinyDcgan();
    const { params, state } = alone.init(createRng(1));
    const real = tf.tidy(() => tf.tanh(createRng(2).normal([6, 32, 32, 3]))) as tf.Tensor4D;
    const latents = alone.latents(createRng(4), 6);
    try {
      const split = game.gradients({ real, latents }, state);
      const out = split.gradFn(params);
      // The rule written out: shards of 3 rows, each through the single-thread game, weights ½.
      const shards = [0, 3].map((start) => {
        const [x, z] = [tf.slice(real, start, 3), tf.slice(latents, start, 3)];
        const g = alone.gradients({ real: x, latents: z }, state);
        const o = g.gradFn(params);
        return { ...o, state: g.state(), inputs: [x, z] };
      });
      const mean = (pick: (s: (typeof shards)[number]) => tf.Tensor): Float32Array => {
        const [a, b] = [pick(shards[0]!).dataSync(), pick(shards[1]!).dataSync()];
        return a.map((v, i) => 0.5 * v + 0.5 * b[i]!) as Float32Array;
      };
      const worst = (got: tf.Tensor, expected: Float32Array): number => {
        const scale = 1 + Math.max(...expected.map(Math.abs));
        return Math.max(...got.dataSync().map((v, i) => Math.abs(v - expected[i]!))) / scale;
      };
      for (const player of ['generator', 'discriminator'] as const) {
        for (const [name, g] of Object.entries(out.grads[player])) expect(worst(g, mean((s) => s.grads[player][name]!)), `${player}/${name}`).toBeLessThan(1e-5);
        for (const [name, s] of Object.entries(split.state()[player])) expect(worst(s, mean((sh) => sh.state[player][name]!)), `${player} state ${name}`).toBeLessThan(1e-6);
      }
      expect(Object.keys(split.state().discriminator).length).toBeGreaterThan(0);
      disposeTree([out, split.state(), shards.map((s) => [s.grads, s.losses, s.state, s.inputs])]);
    } finally {
      disposeTree([params, state, real, latents]);
      await game.dispose();
    }
  }, 60_000);
});

describeWithBackends('dataParallelGame failures', { only: ['cpu'] }, ({ backend }) => {
  it('refuses a bad worker count and a bare module name, naming the field', async () => {
    await expect(parallel(backend.name, 0)).rejects.toThrowError(/^workers: must be an integer in \[1, 256\] \(got 0\)/);
    await expect(dataParallelGame({ game: { module: '@saddle/models' }, backend: backendExport('cpu') }))
      .rejects.toThrowError(/^game\.module: must be a URL or an absolute path.*import\.meta\.resolve\('@saddle\/models'\)/);
  });

  it('names a missing export, and a worker whose game differs from the main thread\'s', async () => {
    const missing = dataParallelGame({ game: { module: PARTS, export: 'noSuchGame' }, backend: backendExport('cpu'), execArgv: sourceExecArgv() });
    await expect(missing).rejects.toThrowError(/^game\.export: .*has no exported function "noSuchGame".*ringGame/);
    const mismatch = parallel(backend.name, 2, { mismatch: true });
    await expect(mismatch).rejects.toSatisfy((e: unknown) => e instanceof SaddleError && e.code === 'STRUCTURE_MISMATCH' && /discriminator params: dense0\/bias \[17\] here, \[16\] there; .*\(in data-parallel worker [12] of 2\)/.test(e.message));
  }, 60_000);

  it('fails the step, not the process, when a worker dies, and leaks nothing', async () => {
    const game = await parallel(backend.name, 2, { exitInWorkers: true });
    const before = tf.memory().numTensors;
    try {
      const error = await trainRing(game).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SaddleError);
      expect((error as Error).message).toMatch(/data-parallel worker [12] of 2 exited with code 7 during a gradient evaluation/);
      expect(tf.memory().numTensors).toBe(before);
    } finally {
      await game.dispose();
    }
  }, 60_000);
});
