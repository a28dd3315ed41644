import * as tf from '@tensorflow/tfjs-core';
import { createRng, SaddleError } from '@saddle/core';
import { ALL_BACKENDS, describeWithBackends } from '@saddle/testing';
import { describe, expect, it } from 'vitest';
import { arraySet } from './array-set.js';
import type { ExampleSet } from './example-set.js';
import { batched, batchesPerEpoch, hostBatches, type HostBatch, type PipelineOptions } from './pipeline.js';

/** 10 examples of shape [2]: example i is (i, −i), labels i mod 3. */
const SET = arraySet({
  name: 'ten',
  data: Float32Array.from({ length: 20 }, (_, j) => (j % 2 === 0 ? j / 2 : -(j - 1) / 2)),
  exampleShape: [2],
  labels: Int32Array.from({ length: 10 }, (_, i) => i % 3),
});

async function collect(set: ExampleSet, options: PipelineOptions, limit = Infinity): Promise<HostBatch[]> {
  const out: HostBatch[] = [];
  for await (const batch of hostBatches(set, options)) {
    out.push(batch);
    if (out.length >= limit) break;
  }
  return out;
}

/** A set whose reads take `delays[i mod len]` ms and are logged, to watch the prefetcher. */
function slowSet(delays: readonly number[], log: number[], failAt?: number): ExampleSet {
  return {
    ...SET,
    read: async (indices) => {
      const call = log.length;
      log.push(call);
      await new Promise((resolve) => setTimeout(resolve, delays[call % delays.length]));
      if (call === failAt) throw new SaddleError('disk on fire', { code: 'IO_ERROR', field: 'slow.bin' });
      return SET.read(indices);
    },
  };
}

describe('hostBatches', () => {
  it('visits every example once per epoch, in a new seeded order each epoch', async () => {
    const batches = await collect(SET, { batchSize: 4, rng: createRng(0), epochs: 3 });
    expect(batches.map((b) => b.indices.length)).toEqual([4, 4, 2, 4, 4, 2, 4, 4, 2]);
    const epochs = [0, 1, 2].map((e) => batches.filter((b) => b.epoch === e).flatMap((b) => Array.from(b.indices)));
    for (const order of epochs) expect([...order].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(epochs[0]).not.toEqual(epochs[1]);
    const again = await collect(SET, { batchSize: 4, rng: createRng(0), epochs: 3 });
    expect(again.map((b) => Array.from(b.indices))).toEqual(batches.map((b) => Array.from(b.indices)));
    const other = await collect(SET, { batchSize: 4, rng: createRng(1), epochs: 1 });
    expect(other.flatMap((b) => Array.from(b.indices))).not.toEqual(epochs[0]);
  });

  it('carries the examples and labels of its indices', async () => {
    const [batch] = await collect(SET, { batchSize: 5, rng: createRng(3) }, 1);
    batch!.indices.forEach((i, j) => {
      expect([batch!.x[2 * j], batch!.x[2 * j + 1]]).toEqual([i, -i]);
      expect(batch!.labels![j]).toBe(i % 3);
    });
  });

  it('keeps index order without shuffle and drops the short batch with dropLast', async () => {
    const plain = await collect(SET, { batchSize: 4, rng: createRng(0), epochs: 2, shuffle: false, dropLast: true });
    expect(plain.map((b) => Array.from(b.indices))).toEqual([[0, 1, 2, 3], [4, 5, 6, 7], [0, 1, 2, 3], [4, 5, 6, 7]]);
    expect(batchesPerEpoch(10, 4, true)).toBe(2);
    expect(batchesPerEpoch(10, 4, false)).toBe(3);
    expect(batchesPerEpoch(10_000, 128, true)).toBe(78);
  });

  it('resumes at any step with exactly the batches of an uninterrupted pass', async () => {
    const full = await collect(SET, { batchSize: 3, rng: createRng(9), epochs: 4 });
    for (const start of [1, 3, 4, 7, 15]) {
      const resumed = await collect(SET, { batchSize: 3, rng: createRng(9), epochs: 4, startStep: start });
      expect(resumed.map((b) => [b.step, b.epoch, Array.from(b.indices)])).toEqual(full.slice(start).map((b) => [b.step, b.epoch, Array.from(b.indices)]));
    }
    expect(await collect(SET, { batchSize: 3, rng: createRng(9), epochs: 4, startStep: 16 })).toEqual([]);
  });

  it('reads prefetch batches ahead and keeps their order whatever each read takes', async () => {
    const log: number[] = [];
    const iterator = hostBatches(slowSet([30, 1, 15, 1], log), { batchSize: 2, rng: createRng(0), prefetch: 3 })[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.value.step).toBe(0);
    expect(log).toHaveLength(4); // the batch handed out and 3 ahead
    const steps = [first.value.step];
    for (let i = 0; i < 6; i++) steps.push((await iterator.next()).value.step);
    expect(steps).toEqual([0, 1, 2, 3, 4, 5, 6]);
    await iterator.return?.(undefined);
    const onDemand: number[] = [];
    const lazy = hostBatches(slowSet([1], onDemand), { batchSize: 2, rng: createRng(0), prefetch: 0 })[Symbol.asyncIterator]();
    await lazy.next();
    expect(onDemand).toHaveLength(1);
    await lazy.return?.(undefined);
  });

  it('surfaces a failed read at its batch, after the good ones, without an unhandled rejection', async () => {
    const log: number[] = [];
    const seen: number[] = [];
    const run = async () => {
      for await (const batch of hostBatches(slowSet([5, 1], log, 2), { batchSize: 2, rng: createRng(0), prefetch: 4 })) seen.push(batch.step);
    };
    await expect(run()).rejects.toThrowError(/slow.bin: disk on fire/);
    expect(seen).toEqual([0, 1]);
  });

  it('refuses bad options with the field named', async () => {
    const bad = async (options: Partial<PipelineOptions>) => collect(SET, { batchSize: 2, rng: createRng(0), ...options }, 1);
    await expect(bad({ batchSize: 0 })).rejects.toThrowError(/batchSize: must be an integer in \[1, 1048576\] \(got 0\)/);
    await expect(bad({ epochs: 0 })).rejects.toThrowError(/epochs: must be a positive integer/);
    await expect(bad({ prefetch: 65 })).rejects.toThrowError(/prefetch: must be an integer in \[0, 64\]/);
    await expect(bad({ startStep: -1 })).rejects.toThrowError(/startStep: must be a non-negative integer/);
    await expect(bad({ batchSize: 11, dropLast: true })).rejects.toThrowError(/batchSize: exceeds the 10 examples of "ten"/);
    await expect(SET.read(Int32Array.of(10))).rejects.toThrowError(/ten.read: index outside \[0, 10\)/);
  });
});

describe('arraySet', () => {
  it('maps the stored range onto [−1, 1] and checks its shape and labels', async () => {
    const bytes = arraySet({ name: 'px', data: Uint8Array.of(0, 51, 255, 128), exampleShape: [2], range: [0, 255] });
    expect(Array.from(await bytes.read(Int32Array.of(1, 0)))).toEqual(Array.from(Float32Array.of(1, 128 / 127.5 - 1, -1, 51 / 127.5 - 1)));
    const ints = arraySet({ name: 'i16', data: Int16Array.of(-4, 4), exampleShape: [1], range: [-4, 4] });
    expect(Array.from(await ints.read(Int32Array.of(0, 1)))).toEqual([-1, 1]);
    expect(() => arraySet({ name: 'odd', data: new Float32Array(5), exampleShape: [2] })).toThrowError(/odd.data: holds 5 values/);
    expect(() => arraySet({ name: 'lab', data: new Float32Array(4), exampleShape: [2], labels: Int32Array.of(1) })).toThrowError(/lab.labels: has 1 labels for 2 examples/);
    expect(() => arraySet({ name: 'r', data: new Float32Array(4), exampleShape: [2], range: [1, 1] })).toThrowError(/r.range/);
  });
});

describeWithBackends('batched', ALL_BACKENDS, () => {
  it('yields float32 tensors equal to the host batches, the short one last', async () => {
    const data = batched<tf.Tensor2D>(SET);
    const host = await collect(SET, { batchSize: 4, rng: createRng(5), epochs: 2 });
    let i = 0;
    for await (const x of data.batches({ batchSize: 4, rng: createRng(5), epochs: 2 })) {
      expect(x.dtype).toBe('float32');
      expect(x.shape).toEqual([host[i]!.indices.length, 2]);
      expect(Array.from(await x.data())).toEqual(Array.from(host[i]!.x));
      x.dispose();
      i++;
    }
    expect(i).toBe(6);
  });

  it('yields int32 labels with labelledBatches and refuses them for an unlabelled set', async () => {
    for await (const { x, labels } of batched(SET).labelledBatches({ batchSize: 4, rng: createRng(5), startStep: 2 })) {
      expect(labels.dtype).toBe('int32');
      const xs = await x.data();
      expect(Array.from(await labels.data())).toEqual(Array.from({ length: 2 }, (_, j) => (xs[2 * j] as number) % 3));
      tf.dispose([x, labels]);
      break;
    }
    const unlabelled = batched(arraySet({ name: 'plain', data: new Float32Array(4), exampleShape: [2] }));
    const it = unlabelled.labelledBatches({ batchSize: 1, rng: createRng(0) })[Symbol.asyncIterator]();
    await expect(it.next()).rejects.toThrowError(/labelledBatches: "plain" has no labels/);
  });

  it('holds no tensors for batches read ahead when the consumer stops early', async () => {
    for await (const x of batched(SET).batches({ batchSize: 2, rng: createRng(0), prefetch: 8 })) {
      x.dispose();
      break;
    }
  });
});
