// Parity with the generators released with RS-GAN (Sun, Fang and Schwing, NeurIPS 2020): the legacy
// .pth files and their PyTorch 1.13.1 CPU outputs for 16 fixed latents live in @saddle/io's fixtures
// (see packages/io/src/__fixtures__/rsgan/README.md). Eval mode: batch norm uses running statistics.
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { disposeTree } from '@saddle/core';
import { readNpy, readTorchCheckpoint } from '@saddle/io';
import { ALL_BACKENDS, describeWithBackends } from '@saddle/testing';
import { expect, it } from 'vitest';
import type { Architecture } from './architecture.js';
import { cnnGenerator } from './cnn-generator.js';
import { resNetGenerator } from './resnet-generator.js';
import { fromTorchStateDict } from './torch-state-dict.js';

const FIXTURES = new URL('../../io/src/__fixtures__/rsgan/', import.meta.url);
const read = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(name, FIXTURES)));
/** The bar: max |Saddle − PyTorch| over all 16·3·32·32 outputs. */
const MAX_ABS_ERROR = 1e-4;

const CASES: readonly [string, Architecture<tf.Tensor2D, tf.Tensor4D>][] = [
  ['RSGAN-CNN-quater-cifar', cnnGenerator({ numFeatures: 16 })],
  ['RSGAN-ResNet-quater-cifar', resNetGenerator({ numFeatures: 64 })],
];

describeWithBackends('RS-GAN released generators reproduce PyTorch outputs', ALL_BACKENDS, () => {
  for (const [name, generator] of CASES) {
    it(`${name}: eval-mode outputs match ${name}.out.npy (NCHW) to ${MAX_ABS_ERROR}`, async () => {
      const { params, state } = fromTorchStateDict(generator, readTorchCheckpoint(read(`${name}.pth`), { file: `${name}.pth` }));
      const latents = readNpy(read('latents-16x128.npy'));
      const expected = readNpy(read(`${name}.out.npy`));
      expect(expected.shape).toEqual([16, 3, 32, 32]);
      const z = tf.tensor2d(latents.data as Float32Array, [16, 128]);
      const { output, state: after } = generator.apply(params, state, z, { training: false });
      const nchw = tf.transpose(output, [0, 3, 1, 2]);
      const actual = await nchw.data();
      let worst = 0;
      actual.forEach((v, i) => { worst = Math.max(worst, Math.abs(v - (expected.data[i] as number))); });
      expect(worst).toBeLessThan(MAX_ABS_ERROR);
      expect(Object.entries(after).every(([k, t]) => t === state[k])).toBe(true);
      disposeTree([params, state, z, output, nchw]);
    });
  }
});
