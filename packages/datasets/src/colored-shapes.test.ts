import { createRng } from '@saddle/core';
import { ALL_BACKENDS, describeWithBackends } from '@saddle/testing';
import { describe, expect, it } from 'vitest';
import { coloredShapes, SHAPE_CLASSES } from './colored-shapes.js';
import { classifyShapeImages, shapeModeCoverage } from './shape-modes.js';

const IMAGE = 32 * 32 * 3;

describe('coloredShapes (host side)', () => {
  it('has 12 balanced modes and pixels in [−1, 1]', async () => {
    const shapes = coloredShapes({ count: 1200 });
    expect(SHAPE_CLASSES).toHaveLength(12);
    expect(shapes.exampleShape).toEqual([32, 32, 3]);
    const counts = new Array<number>(12).fill(0);
    for (const k of shapes.labels!) counts[k]!++;
    expect(counts).toEqual(new Array<number>(12).fill(100));
    const x = await shapes.read(Int32Array.from({ length: 1200 }, (_, i) => i));
    expect(x.every((v) => v >= -1 && v <= 1)).toBe(true);
  });

  it('is a pure function of (seed, index)', async () => {
    const a = await coloredShapes({ seed: 3 }).read(Int32Array.of(7, 9));
    const b = await coloredShapes({ seed: 3, count: 10 }).read(Int32Array.of(7, 9));
    const c = await coloredShapes({ seed: 4 }).read(Int32Array.of(7, 9));
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
  });

  it('draws image 0 (a red square) as its definition says', async () => {
    const [u0, u1, u2, u3, u4] = createRng(0).fold(0).uniform(5) as unknown as number[];
    const s = 12 + Math.floor(9 * u0!);
    const x0 = 1 + Math.floor(u1! * (31 - s));
    const y0 = 1 + Math.floor(u2! * (31 - s));
    const b = 0.8 + 0.2 * u3!;
    const x = await coloredShapes().read(Int32Array.of(0));
    const at = (px: number, py: number, c: number) => x[3 * (32 * py + px) + c]!;
    expect(at(x0, y0, 0)).toBeCloseTo(2 * b * 0.95 - 1, 6);
    expect(at(x0 + s - 1, y0 + s - 1, 1)).toBeCloseTo(2 * b * 0.2 - 1, 6);
    expect(at(x0 - 1, y0, 0)).toBeCloseTo(0.3 * u4! - 1, 6);
    expect(at(x0 + s, y0 + s, 2)).toBeCloseTo(0.3 * u4! - 1, 6);
  });

  it('classifies every image of the set as its own mode', async () => {
    const shapes = coloredShapes({ count: 2400, seed: 11 });
    const x = await shapes.read(Int32Array.from({ length: 2400 }, (_, i) => i));
    expect(Array.from(classifyShapeImages(x))).toEqual(Array.from(shapes.labels!));
    const coverage = shapeModeCoverage(x);
    expect(coverage.modesCovered).toBe(12);
    expect(coverage.recognisedFraction).toBe(1);
  });

  it('counts only the modes present, and rejects noise and blank images', async () => {
    const shapes = coloredShapes({ count: 360 });
    const squares = await shapes.read(Int32Array.from({ length: 30 }, (_, i) => 12 * i)); // label 0 only
    const noise = createRng(5).uniform(10 * IMAGE).map((u) => 2 * u - 1);
    const blank = new Float32Array(10 * IMAGE).fill(-1);
    const red = Float32Array.from({ length: IMAGE }, (_, i) => (i % 3 === 0 ? 0.9 : -0.6));
    const all = new Float32Array([...squares, ...noise, ...blank]);
    expect(Array.from(classifyShapeImages(red))).toEqual([-1]);
    const coverage = shapeModeCoverage(all);
    expect(coverage.modesCovered).toBe(1);
    expect(coverage.countsPerMode[0]).toBe(30);
    expect(coverage.recognisedFraction).toBeCloseTo(30 / 50, 12);
    expect(() => classifyShapeImages(new Float32Array(100))).toThrowError(/images: holds 100 values/);
  });
});

describeWithBackends('coloredShapes batches', ALL_BACKENDS, () => {
  it('yields [batch, 32, 32, 3] tensors equal to the host images, the same after a resume', async () => {
    const shapes = coloredShapes({ count: 100 });
    const seen: Float32Array[] = [];
    for await (const x of shapes.batches({ batchSize: 16, rng: createRng(1), epochs: 1 })) {
      expect(x.shape.slice(1)).toEqual([32, 32, 3]);
      seen.push((await x.data()) as Float32Array);
      x.dispose();
    }
    expect(seen).toHaveLength(7);
    expect(seen[6]!.length).toBe(4 * IMAGE);
    for await (const x of shapes.batches({ batchSize: 16, rng: createRng(1), startStep: 5 })) {
      expect(Array.from((await x.data()) as Float32Array)).toEqual(Array.from(seen[5]!));
      x.dispose();
      break;
    }
  });
});
