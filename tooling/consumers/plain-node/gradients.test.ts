import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('./gradients.mjs', import.meta.url));
const x = [1, -2, 3, 0.5, 4, -1, 2, 2, -3];
const w = [0.5, -1, 2, 1];

/** ∂/∂X Σ conv2d(X, W) (valid, stride 1): each pixel collects the kernel taps that touch it. */
function expectedImageGrad(): number[] {
  const g = new Array<number>(9).fill(0);
  for (let oy = 0; oy < 2; oy++) for (let ox = 0; ox < 2; ox++) for (let ky = 0; ky < 2; ky++) for (let kx = 0; kx < 2; kx++) {
    g[(oy + ky) * 3 + ox + kx]! += w[ky * 2 + kx]!;
  }
  return g;
}

/** ∂/∂W Σ conv2d(X, W): each tap sums the 2×2 block of pixels it meets. */
function expectedKernelGrad(): number[] {
  return [0, 1, 2, 3].map((k) => {
    const ky = Math.floor(k / 2);
    const kx = k % 2;
    let s = 0;
    for (let oy = 0; oy < 2; oy++) for (let ox = 0; ox < 2; ox++) s += x[(oy + ky) * 3 + ox + kx]!;
    return s;
  });
}

describe('plain Node ESM consumer (built packages, no source conditions)', () => {
  const result = JSON.parse(execFileSync(process.execPath, [script], { encoding: 'utf8' })) as Record<
    string,
    { values: Record<string, number[]>; leaked: number }
  >;

  for (const backend of ['cpu', 'wasm']) {
    it(`has gradients and chained ops registered on ${backend}`, () => {
      const r = result[backend]!;
      const close = (actual: number[] | undefined, expected: number[]): void => {
        expect(actual).toHaveLength(expected.length);
        actual!.forEach((a, i) => expect(Math.abs(a - expected[i]!)).toBeLessThanOrEqual(1e-5 * (1 + Math.abs(expected[i]!))));
      };
      close(r.values.dImage, expectedImageGrad());
      close(r.values.dKernel, expectedKernelGrad());
      // ∂/∂A Σ A·B = 1·Bᵀ: every row is B's row sums [3, 7, 11].
      close(r.values.dA, [3, 7, 11, 3, 7, 11, 3, 7, 11]);
      // ∂/∂l mean softplus(−l) = −σ(−l)/n.
      close(r.values.dLogits, [-3, 0, 2].map((l) => -1 / (1 + Math.exp(l)) / 3));
      // ∂/∂offset Σ batchNorm(...) = number of elements in the channel.
      close(r.values.dOffset, [9]);
      // conv2dTranspose of ones(2×2) with valid padding reaches each tap 4 times.
      close(r.values.dTransposed, [4, 4, 4, 4]);
      close(r.values.chained, [x.reduce((s, v) => s + v * v, 0)]);
      expect(r.leaked).toBe(0);
    });
  }
});
