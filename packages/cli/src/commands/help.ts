import { DEFAULT_TRAIN_CONFIG } from '../config/schema.js';

/** `saddle --help`. */
export const MAIN_HELP = `saddle: train GANs and other two-player min-max games on TensorFlow.js

Usage: saddle <command> [flags]

Commands:
  train          train a GAN (default: the 8-mode ring); see saddle train --help
  theory         the exactly analysable models; see saddle theory --help
                   solvable   Model M: ODE (and simulation) of P, q over time
                   phase      Model M: predicted and ODE-measured success window in η
                   landscape  JS-GAN / RS-GAN loss landscape g(Y) for 1-D points
                   overparam  overparameterized GAN: GDA residual per width k
  sample         load a trained generator (.pth or .safetensors) and draw samples;
                 see saddle sample --help
  eval           FID, IS, KID and precision/recall of image folders or .npz statistics
                 with the FID Inception network (weights file supplied), on every core
                 (--workers); see saddle eval --help
  reproduce      run an experiment of the papers and write a report (paper vs Saddle);
                 saddle reproduce --list shows them; see saddle reproduce --help
  sweep          run an experiment over a grid of config values × seeds in parallel
                 worker processes, resumable; see saddle sweep --help

Flags:
  -h, --help     show this help
  -v, --version  print the version
`;

/**
 * `saddle train --help`, with the defaults printed from the schema so they never drift (lists
 * of numbers on one line).
 */
export const TRAIN_HELP = `saddle train: train a GAN and write a run directory

Usage: saddle train [--config FILE] [--backend wasm|cpu] [--workers N] [--steps N] [--seed S] [--out DIR]
       saddle train --resume DIR [--steps N]

Flags override the config file, which overrides the defaults:
  --config FILE    JSON config: any subset of the fields below; unknown keys are refused
  --backend NAME   wasm (default: fastest in Node without native bindings) or cpu
  --workers N      data-parallel worker threads, one backend and one batch shard each
                   (default 1: the ring's small MLPs train no faster on more threads; image
                   GANs do, see docs/benchmarks.md); bit-identical runs for a fixed N
  --steps N        training steps, an integer >= 1
  --seed S         integer seed; the same seed and backend give the same run
  --out DIR        run directory (default: runs/<date>-<time>-seed<S>)
  --resume DIR     continue the run in DIR from its newest good checkpoint, with its
                   config.json (only --steps may change); bit-identical on the same backend
  -h, --help       show this help

The run directory gets config.json (the resolved config), run.json (command line, Node,
OS/CPU, backend, tfjs and package versions, git revision, start time; one entry per resume),
metrics.jsonl (one line per logged step, and "event" lines for evaluations, rollbacks and
mode collapse), checkpoints/step-NNNNNN/ (every checkpointEvery steps and at the end, the
newest keepCheckpoints kept: parameters, model and optimizer state, step, RNG key, config),
samples.png (real vs generated) and summary.json (modes covered, high-quality fraction,
timings). Every step checks losses, gradients and parameters for NaN/Inf (and |loss| against
divergence.lossLimit); a diverged step rolls back to the newest checkpoint with the learning
rates × divergence.factor, at most divergence.maxRetries times, then stops naming the step.
Mode coverage is measured every evaluateEvery steps; a drop of 25% of the modes from the
best, or coverage under half the modes three times in a row, prints a mode-collapse warning.

Default config (the 8-Gaussian ring; covers 8/8 modes in ≈ 25 s on wasm, 2 cores):
${JSON.stringify(DEFAULT_TRAIN_CONFIG, null, 2).replace(/\[\s+([^\][{}]*?)\s+\]/g, (_, items: string) => `[${items.split(/,\s+/).join(', ')}]`)}
`;
