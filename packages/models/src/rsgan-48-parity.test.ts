// 48×48 (STL-10) parity with PyTorch: small random-weight CNN and ResNet generators and discriminators written
// from RS-GAN's networks.py by tooling/reference/rsgan-48.py (torch 1.13, CPU; see the header there). Each
// state_dict is read through @saddle/io, mapped by fromTorchStateDict, and run in eval and training mode.
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { disposeTree } from '@saddle/core';
import { readNpy, readTorchCheckpoint } from '@saddle/io';
import { ALL_BACKENDS, describeWithBackends } from '@saddle/testing';
import { expect, it } from 'vitest';
import type { Architecture } from './architecture.js';
import { cnnGenerator } from './cnn-generator.js';
import { resNetGenerator } from './resnet-generator.js';
import { snCnnDiscriminator } from './sn-cnn-discriminator.js';
import { snResNetDiscriminator } from './sn-resnet-discriminator.js';
import { fromTorchStateDict } from './torch-state-dict.js';

const FIXTURES = new URL('./__fixtures__/rsgan-48/', import.meta.url);
const read = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(name, FIXTURES)));
/** The bar: max |Saddle − PyTorch| over every output value. */
const MAX_ABS_ERROR = 1e-4;

type AnyArchitecture = Architecture<tf.Tensor, tf.Tensor>;
const CASES: readonly [string, AnyArchitecture, 'latents' | 'images'][] = [
  ['cnn-g48', cnnGenerator({ numFeatures: 2, imageSize: 48, latentSize: 16 }) as AnyArchitecture, 'latents'],
  ['cnn-d48', snCnnDiscriminator({ numFeatures: 2, imageSize: 48 }) as AnyArchitecture, 'images'],
  ['resnet-g48', resNetGenerator({ numFeatures: 2, imageSize: 48, latentSize: 16 }) as AnyArchitecture, 'latents'],
  ['resnet-d48', snResNetDiscriminator({ numFeatures: 2, imageSize: 48 }) as AnyArchitecture, 'images'],
];

/** The fixture input in Saddle's layout: latents as they are, images NCHW → NHWC. */
function input(kind: 'latents' | 'images'): tf.Tensor {
  const array = readNpy(read(`${kind}.npy`));
  const t = tf.tensor(array.data as Float32Array, [...array.shape]);
  if (kind === 'latents') return t;
  const nhwc = tf.transpose(t, [0, 2, 3, 1]);
  t.dispose();
  return nhwc;
}

/** Max |a − b| with the output brought to PyTorch's layout (NHWC images → NCHW). */
async function maxAbsError(output: tf.Tensor, expectedFile: string): Promise<number> {
  const expected = readNpy(read(expectedFile));
  const torchLayout = output.rank === 4 ? tf.transpose(output, [0, 3, 1, 2]) : tf.clone(output);
  expect(torchLayout.shape).toEqual(expected.shape);
  const actual = await torchLayout.data();
  torchLayout.dispose();
  let worst = 0;
  actual.forEach((v, i) => { worst = Math.max(worst, Math.abs(v - (expected.data[i] as number))); });
  return worst;
}

describeWithBackends('RS-GAN 48×48 networks reproduce PyTorch outputs', ALL_BACKENDS, () => {
  for (const [name, architecture, kind] of CASES) {
    it(`${name}: eval and training outputs match ${name}.{eval,train}.npy to ${MAX_ABS_ERROR}`, async () => {
      const { params, state } = fromTorchStateDict(architecture, readTorchCheckpoint(read(`${name}.pth`), { file: `${name}.pth` }));
      const x = input(kind);
      const evaluated = architecture.apply(params, state, x, { training: false });
      expect(await maxAbsError(evaluated.output, `${name}.eval.npy`)).toBeLessThan(MAX_ABS_ERROR);
      const trained = architecture.apply(params, state, x, { training: true });
      expect(await maxAbsError(trained.output, `${name}.train.npy`)).toBeLessThan(MAX_ABS_ERROR);
      const fresh = Object.values(trained.state).filter((t) => !Object.values(state).includes(t));
      expect(fresh.length).toBeGreaterThan(0);
      disposeTree([params, state, x, evaluated.output, trained.output, fresh]);
    });
  }
});
