import { MAX_LAYER_WIDTH } from '@saddle/models';
import { lossRegistry, PENALTY_NAMES } from '@saddle/losses';
import { z } from 'zod';

/**
 * Largest network the CLI will build: 50 M parameters is 200 MB of float32, 600 MB with Adam's moments.
 *
 * @example
 * ```ts
 * trainConfigSchema.safeParse({ generator: { hiddenSizes: [60_000, 60_000] } }).success; // false
 * ```
 */
export const MAX_PARAMETERS = 50_000_000;
/**
 * Largest activation it will allocate, batch × widest layer: 2^26 float32 values are 256 MB.
 *
 * @example
 * ```ts
 * trainConfigSchema.safeParse({ batchSize: 65_536, discriminator: { hiddenSizes: [4096] } }).success; // false
 * ```
 */
export const MAX_ACTIVATION_VALUES = 2 ** 26;

const width = z.int().min(1).max(MAX_LAYER_WIDTH);
const hiddenSizes = z.array(width).max(16);
const activation = z.enum(['relu', 'leakyRelu', 'tanh']);
const probability = z.number().min(0).lt(1);

/** A player's optimizer; Adam's betas are filled in (β1 0.5, the GAN default; β2 0.999), SGD has none. */
const playerOptimizer = z
  .strictObject({
    name: z.enum(['adam', 'sgd']).default('adam'),
    learningRate: z.number().positive().max(10).default(1e-3),
    beta1: probability.optional(),
    beta2: probability.optional(),
  })
  .superRefine((o, ctx) => {
    if (o.name !== 'sgd') return;
    for (const key of ['beta1', 'beta2'] as const) {
      if (o[key] !== undefined) ctx.addIssue({ code: 'custom', path: [key], message: 'only adam has betas', params: { allowed: 'remove it, or use name "adam"' } });
    }
  })
  .transform((o) =>
    o.name === 'adam'
      ? { name: 'adam' as const, learningRate: o.learningRate, beta1: o.beta1 ?? 0.5, beta2: o.beta2 ?? 0.999 }
      : { name: 'sgd' as const, learningRate: o.learningRate },
  );

const stepCount = z.int().min(1).max(1000);

/** The game optimizer; move counts belong to alternating updates and default to 1 there. */
const gameOptimizer = z
  .strictObject({
    method: z.enum(['simultaneous', 'alternating']).default('alternating'),
    generator: playerOptimizer.prefault({}),
    discriminator: playerOptimizer.prefault({}),
    discriminatorSteps: stepCount.optional(),
    generatorSteps: stepCount.optional(),
  })
  .superRefine((o, ctx) => {
    if (o.method !== 'simultaneous') return;
    for (const key of ['discriminatorSteps', 'generatorSteps'] as const) {
      if (o[key] !== undefined) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'only alternating updates take move counts', params: { allowed: 'remove it, or use method "alternating"' } });
      }
    }
  })
  .transform((o) =>
    o.method === 'alternating'
      ? { ...o, method: 'alternating' as const, discriminatorSteps: o.discriminatorSteps ?? 1, generatorSteps: o.generatorSteps ?? 1 }
      : { method: 'simultaneous' as const, generator: o.generator, discriminator: o.discriminator },
  );

/**
 * The `saddle train` config. Every field has a default, so `{}` is the built-in 8-mode ring
 * GAN; unknown keys are refused. Defaults (measured to cover 8/8 modes in ≈ 25 s on
 * wasm, on two cores): G and D are MLPs with two tanh hidden layers of 64 (tanh covered all
 * modes on every seed tried where ReLU dropped modes), latent size 8, non-saturating loss,
 * alternating Adam (lr 1e-3, β1 0.5), batch 256, 3000 steps.
 *
 * @example
 * ```ts
 * const config = trainConfigSchema.parse({ steps: 500, generator: { hiddenSizes: [128, 128] } });
 * config.optimizer.generator; // { name: 'adam', learningRate: 0.001, beta1: 0.5, beta2: 0.999 }
 * ```
 */
export const trainConfigSchema = z
  .strictObject({
    seed: z.int().default(0),
    steps: z.int().min(1).default(3000),
    batchSize: z.int().min(1).max(65_536).default(256),
    backend: z.enum(['wasm', 'cpu']).default('wasm'),
    /**
     * Data-parallel worker threads, one backend instance and one batch shard each (1: train on
     * this thread). A run is bitwise reproducible for a fixed count; counts differ by float
     * rounding and per-shard batch statistics.
     */
    workers: z.int().min(1).max(256).default(1),
    data: z
      .strictObject({
        kind: z.literal('ring').default('ring'),
        modes: z.int().min(1).max(10_000).default(8),
        radius: z.number().positive().max(1e6).default(2),
        std: z.number().positive().max(1e6).default(0.02),
      })
      .prefault({}),
    generator: z
      .strictObject({
        hiddenSizes: hiddenSizes.default([64, 64]),
        activation: activation.default('tanh'),
        latentSize: width.default(8),
      })
      .prefault({}),
    discriminator: z
      .strictObject({
        hiddenSizes: hiddenSizes.default([64, 64]),
        activation: activation.default('tanh'),
      })
      .prefault({}),
    /** A name registered in `@saddle/losses` (the registry is the one list of names). */
    loss: z.enum(Object.keys(lossRegistry) as [string, ...string[]]).default('non-saturating'),
    optimizer: gameOptimizer.prefault({}),
    /**
     * A penalty added to D's loss only (default none): `wgan-gp` is λ·mean (‖∇_x f(x̂)‖₂ − 1)² on
     * real/generated interpolates x̂, `r1`/`r2` are (γ/2)·mean ‖∇_x f‖₂² on real/generated samples;
     * `weight` is λ or γ (default 10). WGAN-GP is `"loss": "wasserstein"` with `{ "kind": "wgan-gp" }`.
     */
    penalty: z
      .strictObject({
        kind: z.enum(PENALTY_NAMES),
        weight: z.number().min(0).max(1e6).default(10),
      })
      .optional(),
    logEvery: z.int().min(1).default(100),
    /** Write a checkpoint (everything an exact `--resume` needs) every this many steps, and after the last. */
    checkpointEvery: z.int().min(1).default(500),
    /** Checkpoints kept in `checkpoints/`, newest first. */
    keepCheckpoints: z.int().min(1).max(1000).default(3),
    /** Measure mode coverage every this many steps (and after the last), feeding the mode-collapse monitor. */
    evaluateEvery: z.int().min(1).default(500),
    /**
     * On NaN/Inf in a loss, gradient, parameter or model state, or a loss with |L| > lossLimit:
     * roll back to the newest checkpoint and multiply the learning rates by `factor`, at most
     * `maxRetries` times per run (0: stop at once).
     */
    divergence: z
      .strictObject({
        maxRetries: z.int().min(0).max(100).default(3),
        factor: z.number().gt(0).lt(1).default(0.5),
        lossLimit: z.number().positive().default(1e6),
      })
      .prefault({}),
    /** Run directory; the CLI picks `runs/<date>-<time>-seed<seed>` when absent. */
    out: z.string().min(1).optional(),
  })
  .superRefine((c, ctx) => {
    if (c.workers > c.batchSize) {
      ctx.addIssue({ code: 'custom', path: ['workers'], message: `${c.workers} workers cannot split a batch of ${c.batchSize}`, params: { allowed: `at most batchSize (${c.batchSize}) workers` } });
    }
    const networks = [
      { key: 'generator', sizes: [c.generator.latentSize, ...c.generator.hiddenSizes, 2] },
      { key: 'discriminator', sizes: [2, ...c.discriminator.hiddenSizes, 1] },
    ] as const;
    for (const { key, sizes } of networks) {
      const parameters = sizes.slice(1).reduce((n, out, i) => n + ((sizes[i] as number) + 1) * out, 0);
      if (parameters > MAX_PARAMETERS) {
        ctx.addIssue({
          code: 'custom', path: [key, 'hiddenSizes'], message: `the network would have ${parameters.toLocaleString('en-US')} parameters`,
          params: { allowed: `at most ${MAX_PARAMETERS.toLocaleString('en-US')} parameters per network` },
        });
      }
      const activations = c.batchSize * Math.max(...sizes);
      if (activations > MAX_ACTIVATION_VALUES) {
        ctx.addIssue({
          code: 'custom', path: ['batchSize'], message: `batchSize × the widest ${key} layer is ${activations.toLocaleString('en-US')} values`,
          params: { allowed: `at most ${MAX_ACTIVATION_VALUES.toLocaleString('en-US')}` },
        });
      }
    }
  });

/**
 * A validated, fully resolved `saddle train` config.
 *
 * @example
 * ```ts
 * const config: TrainConfig = resolveTrainConfig(JSON.parse(text), 'ring.json');
 * ```
 */
export type TrainConfig = z.output<typeof trainConfigSchema>;

/**
 * What a config file may contain: any subset of `TrainConfig`, defaults filling the rest.
 *
 * @example
 * ```ts
 * const input: TrainConfigInput = { steps: 500, optimizer: { method: 'simultaneous' } };
 * ```
 */
export type TrainConfigInput = z.input<typeof trainConfigSchema>;

/**
 * The built-in 8-mode ring GAN (the config of `saddle train` with no file and no flags).
 *
 * @example
 * ```ts
 * DEFAULT_TRAIN_CONFIG.data; // { kind: 'ring', modes: 8, radius: 2, std: 0.02 }
 * ```
 */
export const DEFAULT_TRAIN_CONFIG: TrainConfig = trainConfigSchema.parse({});
