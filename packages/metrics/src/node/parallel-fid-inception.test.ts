import { readFile } from 'node:fs/promises';
import * as tf from '@tensorflow/tfjs-core';
import { SaddleError } from '@saddle/core';
import { ALL_BACKENDS, backendExport, describeWithBackends, sourceExecArgv } from '@saddle/testing';
import { beforeAll, expect, it } from 'vitest';
import fixture from '../__fixtures__/inception/inception.json' with { type: 'json' };
import { fidInception } from '../inception/fid-inception.js';
import { loadFidInceptionWeights, type FidInceptionWeights } from '../inception/weights.js';
import { parallelFidInception } from './parallel-fid-inception.js';

// The channels / 16 test network of fid-inception.test.ts (random weights, tooling/reference/fid_inception.py).
const WEIGHTS = new URL('../__fixtures__/inception/weights-div16.pth', import.meta.url);

let weights: FidInceptionWeights;
beforeAll(async () => {
  weights = await loadFidInceptionWeights(new Uint8Array(await readFile(WEIGHTS)), { file: 'weights-div16.pth' });
});

/** The fixture's 3 images and 2 mirrored copies: 5 distinct 24×20 RGB images. */
const fiveImages = (): tf.Tensor4D => tf.tidy(() => {
  const x = tf.tensor4d(fixture.images.data, fixture.images.shape as [number, number, number, number], 'int32');
  return tf.concat([x, tf.slice(tf.reverse(x, 2), 0, 2)]);
});

async function values(t: tf.Tensor): Promise<number[]> {
  const v = Array.from(await t.data());
  t.dispose();
  return v;
}

describeWithBackends('parallelFidInception (channels / 16)', ALL_BACKENDS, ({ backend }) => {
  // The suite's backend in every worker: @saddle/testing's backendByName(name), as a module export.
  const workerBackend = backendExport(backend.name);

  it('equals the single-thread extractor bit for bit, rows in input order (2 workers, chunks of 2, 2 and 1)', async () => {
    const x = fiveImages();
    const single = fidInception(weights, { batchSize: 2 });
    // Explicit flags here (the testing package's loader); the other tests use the default for sources.
    const parallel = await parallelFidInception(weights, { workers: 2, batchSize: 2, backend: workerBackend, execArgv: sourceExecArgv() });
    expect(parallel.name).toBe(single.name);
    expect(parallel.featureSize).toBe(128);
    const expected = await single.extractWithLogits(x);
    const actual = await parallel.extractWithLogits(x);
    expect(actual.features.shape).toEqual([5, 128]);
    expect(actual.logits.shape).toEqual([5, 1008]);
    expect(await values(actual.features)).toEqual(await values(expected.features));
    expect(await values(actual.logits)).toEqual(await values(expected.logits));
    // The rows differ between images, so a permutation of the chunks could not pass the check above.
    const rows = await values(await single.extract(x));
    expect(rows.slice(0, 128)).not.toEqual(rows.slice(128, 256));
    tf.dispose(x);
    single.dispose();
    parallel.dispose();
  });

  it('does not depend on the batch size or the number of workers (1e-5 relative)', async () => {
    const x = fiveImages();
    const reference = fidInception(weights, { batchSize: 5 });
    const expected = await values(await reference.extract(x));
    reference.dispose();
    const scale = Math.max(...expected.map(Math.abs));
    for (const [workers, batchSize] of [[2, 1], [1, 3]] as const) {
      const net = await parallelFidInception(weights, { workers, batchSize, protocol: 'tf1', backend: workerBackend });
      const actual = await values(await net.extract(x));
      net.dispose();
      const error = Math.max(...actual.map((a, i) => Math.abs(a - (expected[i] as number))));
      expect(error / scale, `${workers} workers, batch ${batchSize}`).toBeLessThan(1e-5);
    }
    x.dispose();
  });

  it('refuses a bad worker count, a bare backend module name and unclonable backend options, naming the field and the fix', async () => {
    for (const workers of [0, 1.5, -2]) {
      await expect(parallelFidInception(weights, { workers, backend: workerBackend })).rejects.toThrowError(
        /^workers: workers must be an integer from 1 to 256 \(got .*\); pass e\.g\. \d+ \(this machine's cores, the default\)$/);
    }
    await expect(parallelFidInception(weights, { workers: 1, backend: { module: '@saddle/backend-wasm', export: 'wasm' } })).rejects.toThrowError(
      /^backend\.module: must be a URL or an absolute path.*; pass import\.meta\.resolve\('@saddle\/backend-wasm'\)$/);
    await expect(parallelFidInception(weights, { workers: 1, backend: { ...workerBackend, options: () => 'wasm' } })).rejects.toThrowError(
      /^backend\.options: cannot be sent to a worker thread/);
  });

  it('a backend the workers cannot load rejects the start, with the field', async () => {
    const start = parallelFidInception(weights, { workers: 2, backend: { module: import.meta.resolve('@saddle/backend-wasm'), export: 'noSuchBackend' } });
    await expect(start).rejects.toBeInstanceOf(SaddleError);
    await expect(start).rejects.toMatchObject({ code: 'BACKEND_UNAVAILABLE', field: 'backend.export' });
  });

  it("a worker's error rejects the call with its SaddleError, terminates the workers and refuses later calls", async () => {
    const net = await parallelFidInception(weights, { workers: 2, batchSize: 1, backend: workerBackend });
    const twoChannels = tf.zeros([2, 8, 8, 2], 'int32') as tf.Tensor4D;
    await expect(net.extract(twoChannels)).rejects.toMatchObject({ code: 'SHAPE_MISMATCH', field: 'images', message: expect.stringMatching(/^images: images must be \[n, height, width, 3 or 1\]/) });
    const x = fiveImages();
    await expect(net.extract(x)).rejects.toMatchObject({ field: 'images' });
    tf.dispose([twoChannels, x]);
    net.dispose();
  });

  it('refuses calls after dispose', async () => {
    const net = await parallelFidInception(weights, { workers: 1, backend: workerBackend });
    net.dispose();
    const x = fiveImages();
    await expect(net.extract(x)).rejects.toThrowError(/^extractor: the extractor was disposed; build a new one/);
    x.dispose();
  });
});
