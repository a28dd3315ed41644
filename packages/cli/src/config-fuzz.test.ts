import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRng, SaddleError, type Rng } from '@saddle/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRun } from './build-run.js';
import { resolveTrainConfig } from './config/resolve.js';
import type { TrainConfig } from './config/schema.js';
import { saddle } from './test-support/run-saddle.js';

// Random mutations of valid `saddle train` configs: every case must either resolve and build
// (and the first few small ones train through the whole command) or be refused with a
// SaddleError whose lines name the bad fields; never an unexpected error. Cases run until a
// time budget is spent (bounded for CI); each is replayable from its index under the fixed
// seed, which a failure message names.

const SEED = 7;
const BUDGET_MS = 3000;
const MAX_CASES = 1000;
/** The first few valid configs with small nets are trained for a couple of steps. */
const RUNS = 3;
const RUN_STEPS = 2;
const RUN_MAX_PARAMETERS = 20_000;

const VALID: readonly Record<string, unknown>[] = [
  { steps: 20, batchSize: 16, generator: { hiddenSizes: [8] }, discriminator: { hiddenSizes: [8] } },
  {
    seed: 3, batchSize: 8, loss: 'hinge', data: { modes: 3, radius: 1, std: 0.1 }, logEvery: 1, checkpointEvery: 1, keepCheckpoints: 1,
    generator: { hiddenSizes: [4, 4], activation: 'relu', latentSize: 2 }, discriminator: { hiddenSizes: [4], activation: 'leakyRelu' },
    optimizer: { method: 'simultaneous', generator: { name: 'sgd', learningRate: 0.01 }, discriminator: { learningRate: 0.002, beta1: 0.9 } },
    divergence: { maxRetries: 1, factor: 0.25, lossLimit: 1000 }, evaluateEvery: 1,
  },
  { batchSize: 4, optimizer: { method: 'alternating', discriminatorSteps: 2 }, generator: { hiddenSizes: [] }, discriminator: { hiddenSizes: [2] } },
];

const HOSTILE: readonly unknown[] = [
  null, true, false, 0, -1, 1, 2.5, 1e9, -1e9, 1e308, 2 ** 53, 'x', '', 'wasm', 'cpu', 'tanh', 'adam', 'sgd', [], [1e9], [0], [-3],
  [64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64], {}, { hiddenSizes: [1e6, 1e6] }, { name: 'adam', learningRate: 1e9 },
  JSON.parse('{"__proto__": {"steps": 1}}'), { constructor: 1 },
];
const KEYS = ['steps', 'seed', 'batchSize', 'backend', 'data', 'modes', 'hiddenSizes', 'learningRate', 'beta1', 'method', 'out', 'unknownKey', '__proto__', 'divergence', 'maxRetries'];

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng.uniform(1)[0]! * items.length)] as T;

/** One to three edits: set a value anywhere to a hostile one, delete a key, or add a key. */
function mutate(rng: Rng, config: Record<string, unknown>): unknown {
  const copy = JSON.parse(JSON.stringify(config)) as Record<string, unknown>;
  const edits = 1 + Math.floor(rng.uniform(1)[0]! * 3);
  for (let e = 0; e < edits; e++) {
    const editRng = rng.fold(e);
    const objects: Record<string, unknown>[] = [];
    const walk = (node: unknown): void => {
      if (typeof node !== 'object' || node === null) return;
      if (!Array.isArray(node)) objects.push(node as Record<string, unknown>);
      Object.values(node).forEach(walk);
    };
    walk(copy);
    const target = pick(editRng.fold('object'), objects);
    const keys = Object.keys(target);
    const op = editRng.fold('op').uniform(1)[0]!;
    if (op < 0.2 && keys.length > 0) delete target[pick(editRng.fold('key'), keys)];
    else {
      const key = op < 0.7 && keys.length > 0 ? pick(editRng.fold('key'), keys) : pick(editRng.fold('new-key'), KEYS);
      // A fresh copy, set as JSON.parse would: an own property even for "__proto__".
      Object.defineProperty(target, key, { value: JSON.parse(JSON.stringify(pick(editRng.fold('value'), HOSTILE))), enumerable: true, writable: true, configurable: true });
    }
  }
  return copy;
}

/** Parameters of a resolved config's two MLPs. */
function parameters(config: TrainConfig): number {
  const count = (layers: number[]) => layers.slice(1).reduce((n, out, i) => n + ((layers[i] as number) + 1) * out, 0);
  return count([config.generator.latentSize, ...config.generator.hiddenSizes, 2]) + count([2, ...config.discriminator.hiddenSizes, 1]);
}

describe('saddle train config fuzzing', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'saddle-config-fuzz-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('mutated configs build (and a few train) or are refused naming the field, never an unexpected error', async () => {
    const rng = createRng(SEED);
    const started = performance.now();
    let cases = 0;
    let refused = 0;
    const toTrain: { input: unknown; context: string }[] = [];
    for (; cases < MAX_CASES && performance.now() - started < BUDGET_MS; cases++) {
      const caseRng = rng.fold(cases);
      const input = mutate(caseRng.fold('mutate'), pick(caseRng.fold('base'), VALID));
      const context = `seed ${SEED}, case ${cases}: ${JSON.stringify(input)}`;
      let config: TrainConfig;
      try {
        config = resolveTrainConfig(input, 'fuzz');
        buildRun(config);
      } catch (error) {
        expect(error, `${context}: ${String(error)}`).toBeInstanceOf(SaddleError);
        // One line per issue, each naming a config path:
        //   generator.hiddenSizes[0]: too large (got 1000000000); allowed: an integer ≤ 65536
        expect((error as SaddleError).message, context).toMatch(/^invalid config \(fuzz\):(\n {2}(config|[\w$]+(\.[\w$]+|\[\d+\])*): .+)+$/);
        refused++;
        continue;
      }
      if (toTrain.length < RUNS && parameters(config) <= RUN_MAX_PARAMETERS && config.batchSize <= 256) toTrain.push({ input, context });
    }
    const validated = performance.now() - started;
    // The whole command on a few valid configs: it trains, or stops with a SaddleError (a
    // learning rate of 10 may diverge past its rollbacks), never an unexpected error.
    for (const [i, { input, context }] of toTrain.entries()) {
      const path = join(dir, `case-${i}.json`);
      await writeFile(path, JSON.stringify(input));
      const { code, stderr } = await saddle('train', '--config', path, '--steps', String(RUN_STEPS), '--out', join(dir, `run-${i}`));
      expect(stderr, context).not.toContain('unexpected error');
      if (code !== 0) expect(stderr, context).toMatch(/^saddle: [\w$./[\]-]+: .+/);
    }
    console.info(`config fuzzing: ${cases} cases in ${Math.round(validated)} ms, ${refused} refused, ${cases - refused} built, ${toTrain.length} of those trained`);
    expect(cases).toBeGreaterThan(50);
    expect(refused).toBeGreaterThan(0);
    expect(toTrain.length).toBeGreaterThan(0);
  }, 60_000);
});
