import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { createRng, disposeTree, SaddleError, useBackend, type Params } from '@saddle/core';
import { encodePng, imageGrid, readNpy, readSafetensors, readTorchCheckpoint, writeNpy, type NamedArray } from '@saddle/io';
import { readFileBytes, writeFileAtomic } from '@saddle/io/node';
import { fromTorchStateDict, parameterCount, type Architecture } from '@saddle/models';
import { backendRegistry } from '../registries.js';
import { choiceOption, numberOption, parseFlags, type FlagValues } from './args.js';
import { MODEL_OPTION_FLAGS, SAMPLE_MODELS, sampleModel } from './sample-models.js';
import type { CliIo } from './train.js';

/** The most samples one `saddle sample` call draws (a 64×64 batch of 4096 is 200 MB of floats). */
export const MAX_SAMPLES = 4096;
/** Latents per generator call; eval-mode batch norm makes samples independent, so chunking changes nothing. */
const CHUNK = 64;

const FLAGS = {
  model: { type: 'string' },
  ...MODEL_OPTION_FLAGS,
  weights: { type: 'string' },
  n: { type: 'string' },
  seed: { type: 'string' },
  latents: { type: 'string' },
  grid: { type: 'string' },
  save: { type: 'string' },
  backend: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const BACKENDS = ['wasm', 'cpu'] as const;

/** `saddle sample --help`, with the models and their options printed from the registry. */
export const SAMPLE_HELP = `saddle sample: load a trained generator and draw samples

Usage: saddle sample --model NAME [model options] --weights FILE
                     (--n N [--seed S] | --latents FILE.npy) [--save OUT.npy] [--grid OUT.png]
                     [--backend wasm|cpu]

Models and their options:
${Object.entries(SAMPLE_MODELS)
  .map(([name, m]) => `  ${name.padEnd(14)} ${m.summary}\n${Object.entries(m.options).map(([o, text]) => `      --${o.padEnd(14)} ${text}`).join('\n')}`)
  .join('\n')}

Flags:
  --weights FILE     .pth/.pt (a PyTorch state_dict, zip or legacy format, read safely: no pickle
                     code runs) or .safetensors (PyTorch state_dict names and layouts, e.g. from
                     safetensors.torch.save_file(G.state_dict()), or Saddle param names such as
                     l1/kernel and deconv1_bn/runningMean in Saddle layouts)
  --n N              draw N latents z ~ N(0, I), an integer 1..${MAX_SAMPLES}, with
  --seed S           integer seed (default 0): z = createRng(S).normal([N, d]), the same on every backend
  --latents FILE     or read the latents from a .npy of shape [N, d] (float32; float64/float16 are converted)
  --save FILE        write the samples as .npy: float32 [N, 3, H, W] (NCHW), the generator's tanh range,
                     directly comparable with a PyTorch generator's output
  --grid FILE        write a PNG grid of the samples (ceil(sqrt(N)) columns, 2 px white padding)
  --backend NAME     wasm (default) or cpu
  -h, --help         show this help

The generator runs in eval mode (batch norm uses its running statistics). Files are written
atomically (temp file + rename); parent directories are created.
`;

/**
 * `saddle sample`: builds the `--model` generator, loads `--weights`, runs it in eval mode on
 * `--latents` (or N seeded standard normals), writes the NCHW samples (`--save`) and a PNG grid
 * (`--grid`), and prints a summary. Resolves to the exit code.
 *
 * @example
 * ```ts
 * const code = await sampleCommand(['--model', 'rsgan-cnn', '--weights', 'G.pth', '--n', '64', '--grid', 'g.png'], { stdout: process.stdout, stderr: process.stderr });
 * ```
 */
export async function sampleCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const values = parseFlags(argv, FLAGS, 'saddle sample');
  if (values.help === true) {
    io.stdout.write(SAMPLE_HELP);
    return 0;
  }
  // Everything the command line alone can refuse is refused before a file is read.
  const model = sampleModel(values);
  const modelName = values.model as string;
  const { generator, latentSize } = model.build(values);
  const weights = values.weights;
  if (typeof weights !== 'string' || weights === '') {
    throw new SaddleError('is required', { code: 'INVALID_CONFIG', field: '--weights', fix: 'pass --weights FILE (.pth, .pt or .safetensors)' });
  }
  const format = weightsFormat(weights);
  const latentSource = latentPlan(values, latentSize);
  for (const flag of ['save', 'grid'] as const) {
    if (values[flag] === '') throw new SaddleError('needs a file name', { code: 'INVALID_CONFIG', field: `--${flag}`, value: '', fix: `write --${flag} FILE` });
  }
  const backend = choiceOption(values, 'backend', 'wasm', BACKENDS);

  const latents = latentSource.kind === 'file' ? await readLatents(latentSource.path, latentSize) : undefined;
  const tensors = await readWeights(weights, format);
  await useBackend(backendRegistry[backend]());
  const started = performance.now();
  const { params, state } = loadWeights(generator, tensors, format, weights, modelName);
  let z: tf.Tensor2D | undefined;
  let nchw: Float32Array;
  let shape: [number, number, number, number];
  try {
    z = latentSource.kind === 'seeded'
      ? (createRng(latentSource.seed).normal([latentSource.n, latentSize]) as tf.Tensor2D)
      : tf.tensor2d(latents!.data, [latents!.n, latentSize]);
    ({ data: nchw, shape } = await generate(generator, params, state, z));
  } finally {
    disposeTree([params, state]);
    z?.dispose();
  }
  const seconds = (performance.now() - started) / 1000;

  const lines = [
    `model    ${modelName}: ${generator.name}, ${parameterCount(generator).toLocaleString('en-US')} parameters`,
    `weights  ${weights} (${format === 'torch' ? 'PyTorch state_dict' : 'safetensors'}, ${Object.keys(tensors).length} tensors)`,
    `latents  ${shape[0]} × ${latentSize}, ${latentSource.kind === 'file' ? `from ${latentSource.path}` : `z ~ N(0, I), seed ${latentSource.seed}`}`,
    `output   [${shape.join(', ')}] NCHW float32, ${describeStats(nchw)}`,
    `backend  ${backend} (${seconds.toFixed(2)} s)`,
  ];
  if (typeof values.save === 'string') {
    await writeOutput('--save', values.save, writeNpy({ dtype: 'float32', shape, data: nchw }));
    lines.push(`saved    ${values.save}`);
  }
  if (typeof values.grid === 'string') {
    const grid = imageGrid({ data: nchw, shape, layout: 'NCHW' });
    await writeOutput('--grid', values.grid, encodePng(grid));
    lines.push(`grid     ${values.grid} (${grid.width} × ${grid.height} px, ${Math.ceil(Math.sqrt(shape[0]))} columns)`);
  }
  io.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

type LatentPlan = { kind: 'file'; path: string } | { kind: 'seeded'; n: number; seed: number };

/** Exactly one of `--latents FILE` and `--n N [--seed S]`. */
function latentPlan(values: FlagValues, latentSize: number): LatentPlan {
  const file = values.latents;
  if (typeof file === 'string') {
    for (const flag of ['n', 'seed'] as const) {
      if (values[flag] !== undefined) {
        throw new SaddleError('conflicts with --latents', {
          code: 'INVALID_CONFIG', field: `--${flag}`, value: values[flag], fix: `pass either --latents FILE or --n N [--seed S], not both`,
        });
      }
    }
    if (file === '') throw new SaddleError('needs a file name', { code: 'INVALID_CONFIG', field: '--latents', value: '', fix: `write --latents FILE.npy ([N, ${latentSize}] float32)` });
    return { kind: 'file', path: file };
  }
  if (values.n === undefined) {
    throw new SaddleError('needs latents', {
      code: 'INVALID_CONFIG', field: 'saddle sample', fix: `pass --n N (with --seed S, default 0) or --latents FILE.npy of shape [N, ${latentSize}]`,
    });
  }
  const n = numberOption(values, 'n', 0, { integer: true, min: 1, max: MAX_SAMPLES });
  const seed = numberOption(values, 'seed', 0, { integer: true });
  return { kind: 'seeded', n, seed };
}

function weightsFormat(path: string): 'torch' | 'safetensors' {
  const lower = path.toLowerCase();
  if (lower.endsWith('.pth') || lower.endsWith('.pt')) return 'torch';
  if (lower.endsWith('.safetensors')) return 'safetensors';
  throw new SaddleError('unknown weights format', {
    code: 'INVALID_CONFIG', field: '--weights', value: path, fix: 'pass a .pth or .pt (PyTorch state_dict) or a .safetensors file',
  });
}

async function readWeights(path: string, format: 'torch' | 'safetensors'): Promise<Record<string, NamedArray>> {
  const bytes = await readFileBytes(path);
  return format === 'torch' ? readTorchCheckpoint(bytes, { file: path }) : readSafetensors(bytes, { file: path }).tensors;
}

/** `[N, d]` float32 latents from a .npy file, checked against the model's latent size. */
async function readLatents(path: string, latentSize: number): Promise<{ data: Float32Array; n: number }> {
  const array = readNpy(await readFileBytes(path), { file: path });
  const fix = `pass a .npy of shape [N, ${latentSize}] with 1 ≤ N ≤ ${MAX_SAMPLES} (the model's latent size is ${latentSize}; set it with --latent-size)`;
  const [n, d] = array.shape;
  if (array.shape.length !== 2 || d !== latentSize || n === undefined || n < 1 || n > MAX_SAMPLES) {
    throw new SaddleError('latents have the wrong shape', { code: 'SHAPE_MISMATCH', field: '--latents', value: [...array.shape], fix });
  }
  if (array.dtype !== 'float32' && array.dtype !== 'float16' && array.dtype !== 'float64') {
    throw new SaddleError('latents must be floating point', { code: 'INVALID_CONFIG', field: '--latents', value: array.dtype, fix: 'save them with .astype(np.float32)' });
  }
  const data = array.data instanceof Float32Array ? array.data : Float32Array.from(array.data as Float64Array);
  if (!data.every(Number.isFinite)) {
    throw new SaddleError('latents contain NaN or infinity', { code: 'NON_FINITE', field: '--latents', value: path, fix: 'pass finite latents' });
  }
  return { data, n };
}

/**
 * Params and state of `generator` from the file's tensors: PyTorch state_dict names through
 * `fromTorchStateDict`; Saddle names (they contain "/") checked against the architecture's own.
 * A mismatch names the model and its options.
 */
function loadWeights(generator: Architecture, tensors: Record<string, NamedArray>, format: 'torch' | 'safetensors', path: string, modelName: string): { params: Params; state: Params } {
  try {
    const saddleNames = format === 'safetensors' && Object.keys(tensors).some((k) => k.includes('/'));
    return saddleNames ? fromSaddleTensors(generator, tensors) : fromTorchStateDict(generator, tensors);
  } catch (error) {
    if (!(error instanceof SaddleError) || (error.code !== 'STRUCTURE_MISMATCH' && error.code !== 'SHAPE_MISMATCH')) throw error;
    const options = Object.keys(SAMPLE_MODELS[modelName]!.options).map((o) => `--${o}`).join(', ');
    const likely = error.code === 'STRUCTURE_MISMATCH' ? likelyModels(Object.keys(tensors), modelName) : [];
    const guess = likely.length === 0 ? '' : `; its layer names are those of --model ${likely.join(' or --model ')}`;
    throw new SaddleError(`${path} does not fit --model ${modelName} as built (${generator.name}): ${error.message}`, {
      code: error.code, field: '--weights', cause: error,
      fix: `pass the --model and model options it was trained with (${modelName} takes ${options})${guess}`,
    });
  }
}

/**
 * The other registered models (at their default options) whose layer names, PyTorch or Saddle, are
 * exactly the file's: `block2.c1.weight` and `block2/c1/kernel` both name layer `block2.c1`.
 */
function likelyModels(keys: readonly string[], modelName: string): string[] {
  const layersOf = (names: readonly string[], separator: string): string =>
    [...new Set(names.map((k) => k.slice(0, Math.max(0, k.lastIndexOf(separator)))))].sort().join(' ');
  const saddleNames = keys.some((k) => k.includes('/'));
  const fileLayers = layersOf(keys, saddleNames ? '/' : '.');
  return Object.entries(SAMPLE_MODELS)
    .filter(([name, model]) => {
      if (name === modelName) return false;
      const { generator } = model.build({});
      return layersOf(generator.layers.map((l) => `${saddleNames ? l.name : l.torch}.x`), '.') === fileLayers;
    })
    .map(([name]) => name);
}

/** Tensors named and laid out as Saddle's params and state (e.g. `l1/kernel` [d, out]). */
function fromSaddleTensors(generator: Architecture, tensors: Record<string, NamedArray>): { params: Params; state: Params } {
  const template = generator.init(createRng(0));
  try {
    const expected = new Map<string, { store: 'params' | 'state'; shape: number[] }>();
    for (const store of ['params', 'state'] as const) {
      for (const [name, t] of Object.entries(template[store])) expected.set(name, { store, shape: t.shape });
    }
    const missing = [...expected.keys()].filter((k) => !Object.hasOwn(tensors, k));
    const extra = Object.keys(tensors).filter((k) => !expected.has(k));
    if (missing.length > 0 || extra.length > 0) {
      throw new SaddleError(`tensor names do not match ${generator.name}: missing [${missing.join(', ')}], extra [${extra.join(', ')}]`, {
        code: 'STRUCTURE_MISMATCH', field: 'tensors', value: Object.keys(tensors),
      });
    }
    for (const [name, { shape }] of expected) {
      const t = tensors[name]!;
      if (!(t.data instanceof Float32Array)) {
        throw new SaddleError(`${name} is not float32`, { code: 'INVALID_ARGUMENT', field: `tensors["${name}"]`, value: t.dtype, fix: 'save float32 tensors' });
      }
      if (t.shape.join(',') !== shape.join(',')) {
        throw new SaddleError(`shape of ${name} does not match ${generator.name}`, {
          code: 'SHAPE_MISMATCH', field: `tensors["${name}"]`, value: [...t.shape], fix: `expected [${shape.join(', ')}]`,
        });
      }
    }
    const params: Record<string, tf.Tensor> = {};
    const state: Record<string, tf.Tensor> = {};
    for (const [name, { store, shape }] of expected) {
      (store === 'params' ? params : state)[name] = tf.tensor(tensors[name]!.data as Float32Array, shape, 'float32');
    }
    return { params, state };
  } finally {
    disposeTree([template.params, template.state]);
  }
}

/** Runs the generator in eval mode, CHUNK latents at a time, and returns the samples as NCHW host floats. */
async function generate(generator: Architecture<tf.Tensor2D, tf.Tensor4D>, params: Params, state: Params, z: tf.Tensor2D): Promise<{ data: Float32Array; shape: [number, number, number, number] }> {
  const n = z.shape[0];
  let out: Float32Array | undefined;
  let shape: [number, number, number, number] = [n, 0, 0, 0];
  for (let start = 0; start < n; start += CHUNK) {
    const size = Math.min(CHUNK, n - start);
    const nchw = tf.tidy(() => {
      const { output } = generator.apply(params, state, tf.slice(z, [start, 0], [size, -1]), { training: false });
      return tf.transpose(output, [0, 3, 1, 2]);
    });
    try {
      const [, c, h, w] = nchw.shape as [number, number, number, number];
      shape = [n, c, h, w];
      out ??= new Float32Array(n * c * h * w);
      out.set((await nchw.data()) as Float32Array, start * c * h * w);
    } finally {
      nchw.dispose();
    }
  }
  return { data: out ?? new Float32Array(0), shape };
}

/** `mean -0.226285, std 0.478053, min -1.000000, max 0.999000` (float64, population std). */
function describeStats(data: Float32Array): string {
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const v of data) {
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const mean = sum / data.length;
  let squares = 0;
  for (const v of data) squares += (v - mean) ** 2;
  const std = Math.sqrt(squares / data.length);
  return `mean ${mean.toFixed(6)}, std ${std.toFixed(6)}, min ${min.toFixed(6)}, max ${max.toFixed(6)}`;
}

async function writeOutput(flag: string, path: string, bytes: Uint8Array): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true });
  } catch (cause) {
    throw new SaddleError(`cannot create the directory: ${(cause as NodeJS.ErrnoException).code ?? String(cause)}`, {
      code: 'IO_ERROR', field: flag, value: path, fix: 'pass a writable path', cause,
    });
  }
  await writeFileAtomic(path, bytes);
}
