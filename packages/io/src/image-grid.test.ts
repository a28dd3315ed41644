import { SaddleError } from '@saddle/core';
import { describe, expect, it } from 'vitest';
import { imageGrid } from './image-grid.js';
import { readNpy } from './npy.js';
import { fixture } from './test-support/fixtures.js';

describe('imageGrid', () => {
  it('maps [−1, 1] to bytes with round((x + 1) / 2 · 255), clipped, NaN → 0', () => {
    const data = new Float32Array([-1, 0, 1, 2, -3, NaN, 0.5, -0.5]);
    const grid = imageGrid({ data, shape: [8, 1, 1, 1], layout: 'NCHW' }, { columns: 8, padding: 0 });
    expect([grid.width, grid.height]).toEqual([8, 1]);
    expect(Array.from(grid.data.filter((_, i) => i % 3 === 0))).toEqual([0, 128, 255, 255, 0, 0, 191, 64]);
  });

  it('places image i at row ⌊i / columns⌋, column i mod columns, the same for NCHW and NHWC', () => {
    // 3 images of 2×2 RGB, image i filled with value v_i on channel c: (i − 1) / 2 + c / 10.
    const [n, h, w] = [3, 2, 2];
    const nchw = Float32Array.from({ length: n * 3 * h * w }, (_, k) => (Math.floor(k / 12) - 1) / 2 + (Math.floor(k / 4) % 3) / 10);
    const nhwc = Float32Array.from({ length: n * h * w * 3 }, (_, k) => (Math.floor(k / 12) - 1) / 2 + (k % 3) / 10);
    const a = imageGrid({ data: nchw, shape: [n, 3, h, w], layout: 'NCHW' }, { columns: 2, padding: 1, background: 7 });
    const b = imageGrid({ data: nhwc, shape: [n, h, w, 3], layout: 'NHWC' }, { columns: 2, padding: 1, background: 7 });
    expect(a).toEqual(b);
    expect([a.width, a.height]).toEqual([2 * 2 + 3, 2 * 2 + 3]);
    const pixel = (x: number, y: number) => Array.from(a.data.subarray((y * a.width + x) * 3, (y * a.width + x) * 3 + 3));
    expect(pixel(0, 0)).toEqual([7, 7, 7]);
    expect(pixel(4, 1)).toEqual([128, 140, 153]); // image 1 (v = 0) at row 0, column 1
    expect(pixel(1, 4)).toEqual([191, 204, 217]); // image 2 (v = 0.5 + c/10) at row 1, column 0
    expect(pixel(4, 4)).toEqual([7, 7, 7]); // the empty fourth cell
  });

  it('tiles the RS-GAN CNN outputs (16 × 3 × 32 × 32) into a 4 × 4 grid of 138 × 138 pixels', () => {
    const out = readNpy(fixture('rsgan/RSGAN-CNN-quater-cifar.out.npy'));
    const grid = imageGrid({ data: out.data as Float32Array, shape: out.shape as [number, number, number, number], layout: 'NCHW' }, { columns: 4 });
    expect([grid.width, grid.height, grid.data.length]).toEqual([138, 138, 138 * 138 * 3]);
  });

  it('refuses shapes that disagree with the data or the layout', () => {
    expect(() => imageGrid({ data: new Float32Array(5), shape: [1, 3, 2, 1], layout: 'NCHW' })).toThrow(SaddleError);
    expect(() => imageGrid({ data: new Float32Array(8), shape: [1, 2, 2, 2], layout: 'NCHW' })).toThrow(/1 or 3 channels/);
    expect(() => imageGrid({ data: new Float32Array(3), shape: [1, 1, 1, 3], layout: 'NHWC' }, { columns: 0 })).toThrow(/columns/);
  });
});
