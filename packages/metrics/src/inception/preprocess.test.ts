import * as tf from '@tensorflow/tfjs-core';
import { ALL_BACKENDS, describeWithBackends } from '@saddle/testing';
import { expect, it } from 'vitest';
import fixture from '../__fixtures__/inception/inception.json' with { type: 'json' };
import { preprocessForInception, quantizeToUint8, resizeBilinearTf1, resizeBilinearTorch } from './preprocess.js';

/** TF1 ResizeBilinear (align_corners=False, no half-pixel centres) written out in float64, one channel [h][w]. */
function tf1Formula(image: (y: number, x: number) => number, h: number, w: number, outH: number, outW: number): Float64Array {
  const out = new Float64Array(outH * outW);
  for (let r = 0; r < outH; r++) {
    const y = (r * h) / outH;
    const y0 = Math.floor(y);
    const y1 = Math.min(y0 + 1, h - 1);
    for (let c = 0; c < outW; c++) {
      const x = (c * w) / outW;
      const x0 = Math.floor(x);
      const x1 = Math.min(x0 + 1, w - 1);
      const top = image(y0, x0) + (image(y0, x1) - image(y0, x0)) * (x - x0);
      const bottom = image(y1, x0) + (image(y1, x1) - image(y1, x0)) * (x - x0);
      out[r * outW + c] = top + (bottom - top) * (y - y0);
    }
  }
  return out;
}

function maxAbs(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs((a[i] as number) - (b[i] as number)));
  return m;
}

describeWithBackends('Inception preprocessing', ALL_BACKENDS, ({ backend }) => {
  it('resizeBilinearTf1 of a 32×32 ramp to 299×299 matches the TF1 formula pixel by pixel', async () => {
    // A ramp with a kink, so both the interpolation weights and the clamped last row/column show.
    const ramp = (y: number, x: number): number => Math.min(255, 3 * x + 5 * y + (x > 20 ? 40 : 0));
    const input = tf.tensor4d(Array.from({ length: 32 * 32 }, (_, i) => ramp(Math.floor(i / 32), i % 32)), [1, 32, 32, 1]);
    const resized = resizeBilinearTf1(input, [299, 299]);
    const expected = tf1Formula(ramp, 32, 32, 299, 299);
    const error = maxAbs(await resized.data(), expected);
    console.log(`[${backend.name}] TF1 resize 32→299 max |error| ${error.toExponential(2)} (values 0–255)`);
    expect(error).toBeLessThan(1e-4); // float32 rounding of values up to 255
    // Pixel (298, 298) reads source (31.89…, 31.89…): both taps clamp to the last pixel.
    expect((await resized.data())[299 * 299 - 1]).toBeCloseTo(ramp(31, 31), 4);
    tf.dispose([input, resized]);
  });

  it('both resizes match NumPy (TF1 formula) and torch F.interpolate, up- and down-sampling', async () => {
    const image = tf.tensor4d(fixture.resize.image.data, fixture.resize.image.shape as [number, number, number, number]);
    const scaled = tf.div<tf.Tensor4D>(image, 255);
    for (const c of fixture.resize.cases) {
      const tf1 = resizeBilinearTf1(image, [c.outHeight, c.outWidth]);
      const torch = resizeBilinearTorch(scaled, [c.outHeight, c.outWidth]);
      // float32 source coordinates (wasm's XNNPACK computes them its own way) are off by up to ~ε₃₂·17 ≈ 2e-6
      // pixels, times neighbour differences up to 255: 5e-4. A wrong formula (half-pixel centres) is off by tens.
      expect(maxAbs(await tf1.data(), c.tf1)).toBeLessThan(5e-4);
      expect(maxAbs(await torch.data(), c.torch)).toBeLessThan(1e-6);
      tf.dispose([tf1, torch]);
    }
    tf.dispose([image, scaled]);
  });

  it('scales tf1 input by (x − 128)/128 and torch input by 2·x/255 − 1', async () => {
    const flat = tf.fill([1, 4, 4, 3], 200, 'int32') as tf.Tensor4D;
    const a = preprocessForInception(flat, 'tf1', 8);
    const b = preprocessForInception(flat, 'torch', 8);
    expect(a.shape).toEqual([1, 8, 8, 3]);
    expect(maxAbs(await a.data(), new Float64Array(192).fill((200 - 128) / 128))).toBeLessThan(1e-6);
    expect(maxAbs(await b.data(), new Float64Array(192).fill((2 * 200) / 255 - 1))).toBeLessThan(1e-6);
    tf.dispose([flat, a, b]);
  });

  it('refuses images that are not [n, h, w, 1 or 3], naming the field', () => {
    const wrong = tf.zeros([1, 4, 4, 2]) as tf.Tensor4D;
    expect(() => preprocessForInception(wrong)).toThrowError(/images: images must be \[n, height, width, 3 or 1\], got \[1, 4, 4, 2\]/);
    wrong.dispose();
  });

  it('quantizeToUint8 maps [−1, 1] to clip(round((x + 1)/2·255)), half to even', async () => {
    const x = tf.tensor1d([-1.5, -1, 0, 1, 2, 1 / 255, 0.5]);
    const q = quantizeToUint8(x);
    // (x + 1)·127.5: −63.75 → 0; 0; 127.5 → 128 (even); 255; 382.5 → 255; 128; 191.25 → 191.
    expect(Array.from(await q.data())).toEqual([0, 0, 128, 255, 255, 128, 191]);
    expect(q.dtype).toBe('int32');
    tf.dispose([x, q]);
  });
});
