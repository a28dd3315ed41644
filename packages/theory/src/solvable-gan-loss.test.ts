import { createRng } from '@saddle/core';
import { describe, expect, it } from 'vitest';
import { createRandomStream } from './internal/random-stream.js';
import { solvableGanLoss } from './solvable-gan-loss.js';

describe('solvableGanLoss', () => {
  it('equals the Monte-Carlo mean of ½(wᵀy)² − ½(wᵀỹ)² over 10⁶ samples within 3 standard errors (papers §3.9 item 1)', () => {
    const n = 8;
    const lambda = [5, 3];
    const lambdaTilde = [2, 4];
    const etaT = 2;
    const etaG = 1.5;
    const s = createRandomStream(createRng(11));
    const gaussian = () => Array.from({ length: n }, () => s.normal());
    const dot = (a: number[], b: number[]) => a.reduce((acc, v, i) => acc + v * (b[i] as number), 0);
    const unit = (v: number[]) => v.map((x) => x / Math.sqrt(dot(v, v)));
    // U: orthonormal columns by Gram–Schmidt; V: unit columns at a random angle; w: a unit vector.
    const u1 = unit(gaussian());
    const g2 = gaussian();
    const u2 = unit(g2.map((x, i) => x - dot(g2, u1) * (u1[i] as number)));
    const U = [u1, u2];
    const V = [unit(gaussian()), unit(gaussian())];
    const w = unit(gaussian());

    const N = 1_000_000;
    let sum = 0;
    let sumSq = 0;
    for (let k = 0; k < N; k++) {
      const c = lambda.map((l) => Math.sqrt(l) * s.normal());
      const cTilde = lambdaTilde.map((l) => Math.sqrt(l) * s.normal());
      let alpha = 0;
      let beta = 0;
      for (let j = 0; j < n; j++) {
        const y = (U[0]?.[j] as number) * (c[0] as number) + (U[1]?.[j] as number) * (c[1] as number) + Math.sqrt(etaT) * s.normal();
        const yTilde = (V[0]?.[j] as number) * (cTilde[0] as number) + (V[1]?.[j] as number) * (cTilde[1] as number) + Math.sqrt(etaG) * s.normal();
        alpha += (w[j] as number) * y;
        beta += (w[j] as number) * yTilde;
      }
      const sample = 0.5 * alpha * alpha - 0.5 * beta * beta;
      sum += sample;
      sumSq += sample * sample;
    }
    const mean = sum / N;
    const standardError = Math.sqrt((sumSq / N - mean * mean) / N);
    const closed = solvableGanLoss({ lambda, lambdaTilde, etaT, etaG }, { q: U.map((u) => dot(u, w)), r: V.map((v) => dot(v, w)) });
    expect(Math.abs(mean - closed)).toBeLessThan(3 * standardError);
    expect(standardError).toBeLessThan(0.01);
  });

  it('matches a hand computation: ½(qᵀΛq + η_T − rᵀΛ̃r − η_G)', () => {
    // ½(5·0.01 + 3·0.01 + 2 − 5·1e-4 − 3·1e-4 − 2) = 0.0396.
    expect(solvableGanLoss({ lambda: [5, 3], etaT: 2, etaG: 2 }, { q: [0.1, 0.1], r: [0.01, 0.01] })).toBeCloseTo(0.0396, 14);
    // Λ̃ and unequal noise: ½(4·0.25 + 1 − 1·0.36 − 0.5) = 0.57.
    expect(solvableGanLoss({ lambda: [4], lambdaTilde: [1], etaT: 1, etaG: 0.5 }, { q: [0.5], r: [0.6] })).toBeCloseTo(0.57, 14);
  });

  it('refuses mismatched lengths and negative noise', () => {
    expect(() => solvableGanLoss({ lambda: [5, 3], etaT: 2, etaG: 2 }, { q: [0.1], r: [0.1, 0.1] })).toThrowError(/q: must be an array of 2 numbers/);
    expect(() => solvableGanLoss({ lambda: [5], etaT: -1, etaG: 2 }, { q: [0.1], r: [0.1] })).toThrowError(/etaT: must be a finite number >= 0 \(got -1\)/);
  });
});
