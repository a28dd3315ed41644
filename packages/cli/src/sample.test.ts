// `saddle sample` against the generators released with RS-GAN (Sun, Fang and Schwing, NeurIPS 2020): the legacy
// .pth files, 16 fixed latents and their PyTorch 1.13.1 CPU outputs (NCHW, eval mode) live in @saddle/io's
// fixtures (packages/io/src/__fixtures__/rsgan/README.md); paths resolve from this file so CI needs only the repo.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { createRng, disposeTree } from '@saddle/core';
import { imageGrid, readNpy, readTorchCheckpoint, writeNpy, writeSafetensors, type NamedArray } from '@saddle/io';
import { decodePng } from '@saddle/io/node';
import { cnnGenerator, dcgan, fromTorchStateDict } from '@saddle/models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saddle } from './test-support/run-saddle.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../../io/src/__fixtures__/rsgan/${name}`, import.meta.url));
const LATENTS = fixture('latents-16x128.npy');
const CNN = fixture('RSGAN-CNN-quater-cifar.pth');
const RESNET = fixture('RSGAN-ResNet-quater-cifar.pth');
/** The bar: max |Saddle − PyTorch| over all 16·3·32·32 outputs. */
const MAX_ABS_ERROR = 1e-4;

const maxAbsError = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
};
const readArray = async (path: string): Promise<NamedArray> => readNpy(new Uint8Array(await readFile(path)), { file: path });
/** PNG signature, then IHDR: length 13, type, width and height (big-endian). */
const pngSize = async (path: string): Promise<[number, number]> => {
  const png = await readFile(path);
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
};

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'saddle-sample-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('saddle sample: help', () => {
  it('lists the models, their options and defaults', async () => {
    expect((await saddle('--help')).stdout).toContain('sample         load a trained generator');
    const run = await saddle('sample', '--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: saddle sample --model NAME');
    expect(run.stdout).toMatch(/rsgan-cnn +RS-GAN's CNN generator/);
    expect(run.stdout).toContain('F (default 16, the released "quater" net; 64 regular, 32 channel/2)');
    expect(run.stdout).toContain('--bottleneck');
  });
});

describe('saddle sample: the released RS-GAN generators reproduce their PyTorch outputs', () => {
  const cases = [
    { name: 'RSGAN-CNN-quater-cifar', model: 'rsgan-cnn', weights: CNN, parameters: '436,995', generator: 'DCGenerator32(numFeatures=16)' },
    { name: 'RSGAN-ResNet-quater-cifar', model: 'rsgan-resnet', weights: RESNET, parameters: '367,235', generator: 'ResNetGenerator32' },
  ];
  for (const backend of ['cpu', 'wasm']) {
    for (const c of cases) {
      it(`${c.model}: --save matches ${c.name}.out.npy to ${MAX_ABS_ERROR} [${backend}]`, async () => {
        const save = join(dir, `${c.model}-${backend}.npy`);
        const run = await saddle('sample', '--model', c.model, '--weights', c.weights, '--latents', LATENTS, '--save', save, '--backend', backend);
        expect(run.stderr).toBe('');
        expect(run.code).toBe(0);
        const actual = await readArray(save);
        const expected = await readArray(fixture(`${c.name}.out.npy`));
        expect(actual.dtype).toBe('float32');
        expect(actual.shape).toEqual([16, 3, 32, 32]);
        expect(maxAbsError(actual.data as Float32Array, expected.data as Float32Array)).toBeLessThan(MAX_ABS_ERROR);

        const manifest = JSON.parse(await readFile(fixture('manifest.json'), 'utf8'))[c.name];
        expect(run.stdout).toContain(`model    ${c.model}: ${c.generator}`);
        expect(run.stdout).toContain(`${c.parameters} parameters`);
        expect(run.stdout).toContain(`latents  16 × 128, from ${LATENTS}`);
        expect(run.stdout).toContain(`output   [16, 3, 32, 32] NCHW float32, mean ${manifest.output_mean.toFixed(6).slice(0, -2)}`);
        expect(run.stdout).toContain(`backend  ${backend} (`);
        expect(run.stdout).toContain(`saved    ${save}\n`);
      });
    }
  }
});

describe('saddle sample: latents, grids and safetensors', () => {
  it('--n --seed draws the same latents on every backend; --grid writes a PNG of ceil(sqrt(N)) columns', async () => {
    const outputs: Float32Array[] = [];
    for (const backend of ['cpu', 'wasm']) {
      const save = join(dir, `seeded-${backend}.npy`);
      const grid = join(dir, 'nested', `seeded-${backend}.png`);
      const run = await saddle('sample', '--model', 'rsgan-cnn', '--weights', CNN, '--n', '5', '--seed', '7', '--save', save, '--grid', grid, '--backend', backend);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('latents  5 × 128, z ~ N(0, I), seed 7');
      // 5 images in 3 columns and 2 rows of 32 px with 2 px padding: 3·32 + 4·2 = 104 by 2·32 + 3·2 = 70.
      expect(run.stdout).toContain(`grid     ${grid} (104 × 70 px, 3 columns)`);
      expect(await pngSize(grid)).toEqual([104, 70]);
      const out = await readArray(save);
      expect(out.shape).toEqual([5, 3, 32, 32]);
      outputs.push(out.data as Float32Array);
    }
    expect(maxAbsError(outputs[0]!, outputs[1]!)).toBeLessThan(MAX_ABS_ERROR);
    // A different seed draws different latents.
    const other = join(dir, 'seeded-other.npy');
    expect((await saddle('sample', '--model', 'rsgan-cnn', '--weights', CNN, '--n', '5', '--seed', '8', '--save', other, '--backend', 'cpu')).code).toBe(0);
    expect(maxAbsError((await readArray(other)).data as Float32Array, outputs[0]!)).toBeGreaterThan(0.1);
  });

  it('--grid of the 16 fixture samples is 4 × 4 tiles, 138 × 138 pixels, the imageGrid of the saved samples', async () => {
    const grid = join(dir, 'fixture-grid.png');
    const save = join(dir, 'fixture-grid.npy');
    const run = await saddle('sample', '--model', 'rsgan-cnn', '--weights', CNN, '--latents', LATENTS, '--grid', grid, '--save', save, '--backend', 'wasm');
    expect(run.code).toBe(0);
    expect(await pngSize(grid)).toEqual([138, 138]);
    const decoded = decodePng(new Uint8Array(await readFile(grid)), { file: grid });
    const expected = imageGrid({ data: (await readArray(save)).data as Float32Array, shape: [16, 3, 32, 32], layout: 'NCHW' });
    expect([decoded.width, decoded.height, decoded.channels]).toEqual([138, 138, 4]); // decodePng returns RGBA
    const rgb = decoded.data.filter((_, i) => i % 4 !== 3);
    expect(Buffer.from(rgb).equals(Buffer.from(expected.data))).toBe(true);
  });

  it('--model dcgan with Saddle-named .safetensors (any architecture in the registry loads the same way)', async () => {
    const { generator } = dcgan({ width: 8 });
    const { params, state } = generator.init(createRng(5));
    const tensors: Record<string, NamedArray> = {};
    for (const [name, t] of Object.entries({ ...params, ...state })) tensors[name] = { dtype: 'float32', shape: t.shape, data: (await t.data()) as Float32Array };
    const weights = join(dir, 'dcgan.safetensors');
    await writeFile(weights, writeSafetensors(tensors));
    const z = createRng(2).normal([3, 100]) as tf.Tensor2D;
    const { output } = generator.apply(params, state, z, { training: false });
    const direct = tf.transpose(output, [0, 3, 1, 2]);
    const expected = (await direct.data()) as Float32Array;
    disposeTree([params, state, z, output, direct]);

    const save = join(dir, 'dcgan.npy');
    const run = await saddle('sample', '--model', 'dcgan', '--width', '8', '--weights', weights, '--n', '3', '--seed', '2', '--save', save, '--backend', 'wasm');
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('model    dcgan: DCGAN-G32(width=8)');
    const out = await readArray(save);
    expect(out.shape).toEqual([3, 3, 32, 32]);
    expect(maxAbsError(out.data as Float32Array, expected)).toBeLessThan(1e-6);
  });

  it('.safetensors with PyTorch state_dict names or with Saddle param names load the same generator', async () => {
    const stateDict = readTorchCheckpoint(new Uint8Array(await readFile(CNN)), { file: CNN });
    const torchNamed = join(dir, 'cnn-torch.safetensors');
    await writeFile(torchNamed, writeSafetensors(stateDict));
    // Saddle names and layouts, as fromTorchStateDict converts them.
    const { params, state } = fromTorchStateDict(cnnGenerator({ numFeatures: 16 }), stateDict);
    const saddleTensors: Record<string, NamedArray> = {};
    for (const [name, t] of Object.entries({ ...params, ...state })) saddleTensors[name] = { dtype: 'float32', shape: t.shape, data: (await t.data()) as Float32Array };
    disposeTree([params, state]);
    const saddleNamed = join(dir, 'cnn-saddle.safetensors');
    await writeFile(saddleNamed, writeSafetensors(saddleTensors));
    expect(Object.keys(saddleTensors)).toContain('l1/kernel');

    const expected = (await readArray(fixture('RSGAN-CNN-quater-cifar.out.npy'))).data as Float32Array;
    for (const weights of [torchNamed, saddleNamed]) {
      const save = join(dir, 'from-safetensors.npy');
      const run = await saddle('sample', '--model', 'rsgan-cnn', '--weights', weights, '--latents', LATENTS, '--save', save, '--backend', 'wasm');
      expect(run.stderr).toBe('');
      expect(run.stdout).toContain('(safetensors, ');
      expect(maxAbsError((await readArray(save)).data as Float32Array, expected)).toBeLessThan(MAX_ABS_ERROR);
    }
  });

  it('leaves no tensors behind, over more than one chunk of 64 latents', async () => {
    await saddle('sample', '--model', 'rsgan-cnn', '--weights', CNN, '--n', '2', '--backend', 'wasm');
    const before = tf.memory().numTensors;
    await saddle('sample', '--model', 'rsgan-cnn', '--weights', CNN, '--n', '66', '--backend', 'wasm');
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('saddle sample: bad input fails naming the flag, the value and the fix', () => {
  const usage = async (...argv: string[]): Promise<string> => {
    const run = await saddle('sample', ...argv);
    expect(run.stdout).toBe('');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/\nrun "saddle sample --help" for usage\n$/);
    return run.stderr;
  };
  const failure = async (...argv: string[]): Promise<string> => {
    const run = await saddle('sample', ...argv);
    expect(run.stdout).toBe('');
    expect(run.code).toBe(1);
    return run.stderr;
  };
  const base = ['--model', 'rsgan-cnn', '--weights', CNN];

  it('a missing or unknown --model, and options of another model', async () => {
    expect(await usage('--weights', CNN, '--n', '4')).toContain('saddle: --model: is required; pass --model NAME; allowed: rsgan-cnn, rsgan-resnet, dcgan');
    expect(await usage('--model', 'rsgan', '--weights', CNN, '--n', '4')).toContain('saddle: --model: unknown model (got "rsgan"); allowed: rsgan-cnn, rsgan-resnet, dcgan');
    expect(await usage(...base, '--bottleneck', '--n', '4')).toContain(
      '--bottleneck: is not an option of --model rsgan-cnn (got true); allowed for rsgan-cnn: --image-size, --num-features, --latent-size',
    );
    expect(await usage(...base, '--image-size', '64', '--n', '4')).toContain('--image-size: not one of the choices (got "64"); allowed: "32", "48"');
    expect(await usage(...base, '--num-features', '0', '--n', '4')).toContain('--num-features: too small (got 0); allowed: an integer ≥ 1');
    expect(await usage('--model', 'rsgan-resnet', '--weights', RESNET, '--bottleneck', '--num-features', '63', '--n', '4')).toContain('--num-features: must be even with --bottleneck');
    expect(await usage(...base, '--n', '4', '--stepz', '3')).toContain('--stepz: unknown flag; allowed: --model, --image-size');
  });

  it('a missing, unknown-format, unreadable or corrupt --weights', async () => {
    expect(await usage('--model', 'rsgan-cnn', '--n', '4')).toContain('saddle: --weights: is required; pass --weights FILE (.pth, .pt or .safetensors)');
    expect(await usage('--model', 'rsgan-cnn', '--weights', 'G.ckpt', '--n', '4')).toContain('--weights: unknown weights format (got "G.ckpt"); pass a .pth or .pt');
    const missing = join(dir, 'missing.pth');
    expect(await failure('--model', 'rsgan-cnn', '--weights', missing, '--n', '4')).toBe(`saddle: ${missing}: could not read the file: ENOENT; check the path and its permissions\n`);
    const truncated = join(dir, 'truncated.pth');
    await writeFile(truncated, (await readFile(CNN)).subarray(0, 5000));
    expect(await failure('--model', 'rsgan-cnn', '--weights', truncated, '--n', '4')).toMatch(new RegExp(`^saddle: ${truncated}: .*truncated`));
    const notSafetensors = join(dir, 'not.safetensors');
    await writeFile(notSafetensors, 'hello');
    expect(await failure('--model', 'rsgan-cnn', '--weights', notSafetensors, '--n', '4')).toContain(`${notSafetensors}: truncated`);
  });

  it('weights that do not fit the model as built', async () => {
    const wrongWidth = await failure('--model', 'rsgan-cnn', '--num-features', '32', '--weights', CNN, '--n', '4');
    expect(wrongWidth).toContain(
      `saddle: --weights: ${CNN} does not fit --model rsgan-cnn as built (DCGenerator32(numFeatures=32)): stateDict["l1.weight"]: shape of l1.weight does not match DCGenerator32(numFeatures=32) (got [2048, 128]); expected [4096, 128]`,
    );
    expect(wrongWidth).toContain('pass the --model and model options it was trained with (rsgan-cnn takes --image-size, --num-features, --latent-size)');
    const wrongModel = await failure('--model', 'rsgan-resnet', '--weights', CNN, '--n', '4');
    expect(wrongModel).toContain(`--weights: ${CNN} does not fit --model rsgan-resnet as built (ResNetGenerator32`);
    expect(wrongModel).toContain('missing [');
    expect(wrongModel).toMatch(/; its layer names are those of --model rsgan-cnn\n$/);
  });

  it('latents: neither or both sources, a bad --n, a wrong shape or dtype', async () => {
    expect(await usage(...base)).toContain('saddle sample: needs latents; pass --n N (with --seed S, default 0) or --latents FILE.npy of shape [N, 128]');
    expect(await usage(...base, '--n', '4', '--latents', LATENTS)).toContain('--n: conflicts with --latents (got "4"); pass either --latents FILE or --n N [--seed S], not both');
    expect(await usage(...base, '--seed', '1', '--latents', LATENTS)).toContain('--seed: conflicts with --latents');
    expect(await usage(...base, '--n', '0')).toContain('--n: too small (got 0); allowed: an integer ≥ 1 and ≤ 4096');
    expect(await usage(...base, '--n', '4', '--seed', '1.5')).toContain('--seed: wrong type (got 1.5); allowed: an integer');
    const narrow = join(dir, 'narrow.npy');
    await writeFile(narrow, writeNpy({ dtype: 'float32', shape: [4, 100], data: new Float32Array(400) }));
    expect(await failure(...base, '--latents', narrow)).toBe(
      `saddle: --latents: latents have the wrong shape (got [4, 100]); pass a .npy of shape [N, 128] with 1 ≤ N ≤ 4096 (the model's latent size is 128; set it with --latent-size)\n`,
    );
    const ints = join(dir, 'ints.npy');
    await writeFile(ints, writeNpy({ dtype: 'int32', shape: [2, 128], data: new Int32Array(256) }));
    expect(await usage(...base, '--latents', ints)).toContain('--latents: latents must be floating point (got "int32")');
    expect(await failure(...base, '--latents', CNN)).toContain(`${CNN}: wrong magic: not a .npy file`);
  });

  it('an empty output path or an unknown backend', async () => {
    expect(await usage(...base, '--n', '4', '--save', '')).toContain('--save: needs a file name');
    expect(await usage(...base, '--n', '4', '--backend', 'gpu')).toContain('--backend: not one of the choices (got "gpu"); allowed: "wasm", "cpu"');
  });
});
