import * as tf from '@tensorflow/tfjs-core';
import { ALL_BACKENDS, describeWithBackends } from '@saddle/testing';
import { describe, expect, it } from 'vitest';
import { SaddleError } from './errors.js';
import { createRng, rngFromKey } from './rng.js';

describe('Rng (host side)', () => {
  it('is a pure function of the seed', () => {
    expect(createRng(7).key).toEqual(createRng(7).key);
    expect(createRng(7).key).not.toEqual(createRng(8).key);
    expect(Array.from(createRng(7).uniform(5))).toEqual(Array.from(createRng(7).uniform(5)));
  });

  it('split and fold give distinct, reproducible children and leave the parent unchanged', () => {
    const rng = createRng(1);
    const before = rng.key;
    const [a, b] = rng.split(2);
    expect(rng.key).toEqual(before);
    expect(a?.key).not.toEqual(b?.key);
    expect(a?.key).toEqual(rng.split(2)[0]?.key);
    expect(rng.fold('generator').key).toEqual(rng.fold('generator').key);
    expect(rng.fold('generator').key).not.toEqual(rng.fold('discriminator').key);
    expect(rng.fold(0).key).not.toEqual(rng.split(1)[0]?.key);
    const seeds = new Set(rng.split(1000).map((r) => r.seed()));
    expect(seeds.size).toBe(1000);
  });

  it('draws uniforms in [0, 1) with mean 1/2 and variance 1/12', () => {
    const u = createRng(3).uniform(100_000);
    let sum = 0;
    let sq = 0;
    for (const v of u) {
      expect(v >= 0 && v < 1).toBe(true);
      sum += v;
      sq += v * v;
    }
    const mean = sum / u.length;
    // Standard error of the mean is sqrt(1/12 / 1e5) ≈ 9.1e-4; 5 s.e. bounds.
    expect(Math.abs(mean - 0.5)).toBeLessThan(4.6e-3);
    expect(Math.abs(sq / u.length - mean * mean - 1 / 12)).toBeLessThan(2e-3);
  });

  it('restores from a saved key', () => {
    const rng = createRng(99).fold('data');
    expect(Array.from(rngFromKey(rng.key).uniform(4))).toEqual(Array.from(rng.uniform(4)));
  });

  it('refuses bad seeds, split counts and keys with the field named', () => {
    expect(() => createRng(1.5)).toThrowError(/seed: seed must be an integer \(got 1.5\)/);
    expect(() => createRng(0).split(0)).toThrowError(SaddleError);
    expect(() => rngFromKey([1, -2])).toThrowError(/key: an RNG key is two uint32 words/);
  });
});

describeWithBackends('Rng tensors', ALL_BACKENDS, () => {
  it('gives bitwise-identical normals for the same key', async () => {
    const a = createRng(5).normal([1000]);
    const b = createRng(5).normal([1000]);
    const c = createRng(6).normal([1000]);
    const [va, vb, vc] = await Promise.all([a.data(), b.data(), c.data()]);
    expect(Array.from(va)).toEqual(Array.from(vb));
    expect(Array.from(va)).not.toEqual(Array.from(vc));
    const mean = tf.mean(a);
    // 1000 standard normals: s.e. of the mean is 0.0316; 5 s.e. bound.
    expect(Math.abs((await mean.data())[0] as number)).toBeLessThan(0.16);
    tf.dispose([a, b, c, mean]);
  });
});
