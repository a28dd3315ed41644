import { readFile } from 'node:fs/promises';
import * as tf from '@tensorflow/tfjs-core';
import { writeSafetensors, readTorchCheckpoint } from '@saddle/io';
import { ALL_BACKENDS, describeWithBackends } from '@saddle/testing';
import { beforeAll, expect, it } from 'vitest';
import fixture from '../__fixtures__/inception/inception.json' with { type: 'json' };
import { frechetDistance } from '../frechet-distance.js';
import { featuresToStatistics } from '../statistics.js';
import { fidInception } from './fid-inception.js';
import { loadFidInceptionWeights, type FidInceptionWeights } from './weights.js';

// Reference: tooling/reference/fid_inception.py (PyTorch 1.13, the pytorch-fid structure with every channel
// count / 16 and random weights, seed 20151205), features of 3 random 24×20 uint8 images.
const WEIGHTS = new URL('../__fixtures__/inception/weights-div16.pth', import.meta.url);

/** max |a − e| / max |e|: error relative to the features' scale (ReLU features have many exact zeros). */
function relativeError(actual: ArrayLike<number>, expected: readonly number[]): number {
  let err = 0;
  let scale = 0;
  for (let i = 0; i < expected.length; i++) {
    err = Math.max(err, Math.abs((actual[i] as number) - (expected[i] as number)));
    scale = Math.max(scale, Math.abs(expected[i] as number));
  }
  return err / scale;
}

let bytes: Uint8Array;
let weights: FidInceptionWeights;
beforeAll(async () => {
  bytes = new Uint8Array(await readFile(WEIGHTS));
  weights = await loadFidInceptionWeights(bytes, { file: 'weights-div16.pth' });
});

const images = (): tf.Tensor4D => tf.tensor4d(fixture.images.data, fixture.images.shape as [number, number, number, number], 'int32');

describeWithBackends('fidInception (random weights, channels / 16) vs PyTorch', ALL_BACKENDS, ({ backend }) => {
  it('pool3 features and unbiased logits match PyTorch to 1e-4 relative (tf1 protocol)', async () => {
    const extractor = fidInception(weights);
    const x = images();
    const { features, logits } = await extractor.extractWithLogits(x);
    expect(features.shape).toEqual([3, fixture.features.featureSize]);
    expect(logits.shape).toEqual([3, 1008]);
    const featureError = relativeError(await features.data(), fixture.features.tf1.pool3);
    const logitError = relativeError(await logits.data(), fixture.features.tf1.logits);
    console.log(`[${backend.name}] tf1 pool3 relative error ${featureError.toExponential(2)}, logits ${logitError.toExponential(2)}`);
    expect(featureError).toBeLessThan(1e-4);
    expect(logitError).toBeLessThan(1e-4);
    expect(extractor.name).toBe(`fid-inception-v3/inception-sha256:${fixture.header.weightsSha256.slice(0, 16)}/tf1`);
    tf.dispose([x, features, logits]);
    extractor.dispose();
  });

  it('matches PyTorch under the pytorch-fid protocol (x/255, F.interpolate, 2x − 1)', async () => {
    const extractor = fidInception(weights, { protocol: 'torch' });
    const x = images();
    const features = await extractor.extract(x);
    const error = relativeError(await features.data(), fixture.features.torch.pool3);
    console.log(`[${backend.name}] torch-protocol pool3 relative error ${error.toExponential(2)}`);
    expect(error).toBeLessThan(1e-4);
    // The two protocols differ (different resize and scaling), so the check above can tell them apart.
    expect(relativeError(await features.data(), fixture.features.tf1.pool3)).toBeGreaterThan(1e-3);
    tf.dispose([x, features]);
    extractor.dispose();
  });

  it('features and FID do not depend on the extraction batch size (1e-5 relative)', async () => {
    const x = tf.tidy(() => tf.concat([images(), tf.slice(tf.reverse(images(), 2), 0, 2)]));
    const byBatch: Float32Array[] = [];
    for (const batchSize of [1, 2, 5]) {
      const extractor = fidInception(weights, { batchSize });
      const f = await extractor.extract(x);
      byBatch.push(await f.data() as Float32Array);
      f.dispose();
      extractor.dispose();
    }
    const [one, two, all] = byBatch as [Float32Array, Float32Array, Float32Array];
    const reference = Array.from(all);
    expect(relativeError(one, reference)).toBeLessThan(1e-5);
    expect(relativeError(two, reference)).toBeLessThan(1e-5);
    const d = fixture.features.featureSize;
    const other = { values: fixture.features.torch.pool3.concat(fixture.features.tf1.pool3), shape: [6, d] as [number, number] };
    const fids = await Promise.all(byBatch.map(async (values) => frechetDistance(
      await featuresToStatistics({ values, shape: [5, d] }), await featuresToStatistics(other)).value));
    const [f1, f2, f5] = fids as [number, number, number];
    expect(Math.abs(f1 - f5) / f5).toBeLessThan(1e-5);
    expect(Math.abs(f2 - f5) / f5).toBeLessThan(1e-5);
    x.dispose();
  });

  it('grayscale input equals the same image repeated to 3 channels', async () => {
    const extractor = fidInception(weights);
    const gray = tf.tidy(() => tf.slice(images(), [0, 0, 0, 1], [2, -1, -1, 1]));
    const rgb = tf.tile(gray, [1, 1, 1, 3]);
    const a = await extractor.extract(gray);
    const b = await extractor.extract(rgb);
    expect(Array.from(await a.data())).toEqual(Array.from(await b.data()));
    tf.dispose([gray, rgb, a, b]);
    extractor.dispose();
  });
});

describeWithBackends('loadFidInceptionWeights', { only: ['cpu'] }, () => {
  it('reads the same network from safetensors as from .pth', async () => {
    const fromSafetensors = await loadFidInceptionWeights(writeSafetensors(readTorchCheckpoint(bytes)), { file: 'w.safetensors' });
    expect(fromSafetensors.channelDivisor).toBe(16);
    expect(Array.from(fromSafetensors.fcKernel)).toEqual(Array.from(weights.fcKernel));
    expect(fromSafetensors.convs.map((c) => Array.from(c.kernel))).toEqual(weights.convs.map((c) => Array.from(c.kernel)));
  });

  it('records the sha256 of the file and checks an expected one', async () => {
    expect(weights.sha256).toBe(fixture.header.weightsSha256);
    await expect(loadFidInceptionWeights(bytes, { sha256: fixture.header.weightsSha256.slice(0, 8) })).resolves.toMatchObject({ channelDivisor: 16 });
    await expect(loadFidInceptionWeights(bytes, { file: 'w.pth', sha256: '6726825d' })).rejects.toThrowError(
      /w\.pth: sha256 [0-9a-f]{64} does not start with the expected 6726825d .*pass sha256: '[0-9a-f]{8}' to accept this file on purpose/);
  });

  it('refuses other networks, damaged files and missing keys, naming the file', async () => {
    const dict = readTorchCheckpoint(bytes);
    const { ['Mixed_6b.branch1x1.conv.weight']: _dropped, ...rest } = dict;
    await expect(loadFidInceptionWeights(writeSafetensors(rest), { file: 'cut.safetensors' })).rejects.toThrowError(
      /cut\.safetensors: keys do not match the FID Inception network \(channel divisor 16\): missing \[Mixed_6b\.branch1x1\.conv\.weight\], extra \[\]/);
    const other = { 'Conv2d_1a_3x3.conv.weight': { dtype: 'float32' as const, shape: [5, 3, 3, 3], data: new Float32Array(135) } };
    await expect(loadFidInceptionWeights(writeSafetensors(other), { file: 'g.safetensors' })).rejects.toThrowError(/g\.safetensors: not FID Inception weights/);
    await expect(loadFidInceptionWeights(bytes.subarray(0, 4000), { file: 'short.pth' })).rejects.toThrowError(/short\.pth/);
  });
});
