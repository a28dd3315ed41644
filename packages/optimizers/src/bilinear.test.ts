import * as tf from '@tensorflow/tfjs-core';
import type { GameOptimizer } from '@saddle/core';
import { ALL_BACKENDS, describeWithBackends } from '@saddle/testing';
import { expect, it } from 'vitest';
import { sgd } from './aliases.js';
import { alternating } from './alternating.js';
import { simultaneous } from './simultaneous.js';
import { bilinear, drive, startAt } from './test-support/games.js';

/** Steps from z_0 = (1, 1), reading x, y after every step (the shared driver's memory rules). */
async function run(game: GameOptimizer<tf.TensorContainer>, steps: number): Promise<{ norms: number[]; xs: number[]; ys: number[]; evaluations: number }> {
  const every = Array.from({ length: steps }, (_, t) => t + 1);
  const { points, evaluations } = await drive(game, bilinear, startAt(1, 1), steps, every);
  const xs = points.map((p) => p[0] as number);
  const ys = points.map((p) => p[1] as number);
  return { norms: xs.map((x, t) => Math.hypot(x, ys[t] as number)), xs, ys, evaluations };
}

describeWithBackends('GDA on the bilinear game x·y', ALL_BACKENDS, () => {
  const eta = 0.1;
  const players = { generator: sgd({ learningRate: eta }), discriminator: sgd({ learningRate: eta }) };

  it('simultaneous GDA spirals out by exactly √(1+η²) per step', async () => {
    // z_{t+1} = [[1, −η], [η, 1]] z_t, whose eigenvalues 1 ± iη have modulus √(1+η²).
    const { norms, evaluations } = await run(simultaneous(players), 200);
    const factor = ((norms[199] as number) / (norms[99] as number)) ** (1 / 100);
    expect(Math.abs(factor - Math.sqrt(1 + eta * eta)) / Math.sqrt(1 + eta * eta)).toBeLessThan(1e-4);
    expect(evaluations).toBe(200);
  });

  it.each([
    // D first: y' = y + ηx, x' = x − ηy'; the map has determinant 1 and conserves x² + y² + ηxy.
    { first: 'discriminator' as const, sign: 1 },
    // G first: x' = x − ηy, y' = y + ηx'; it conserves x² + y² − ηxy (papers §5.2).
    { first: 'generator' as const, sign: -1 },
  ])('alternating GDA ($first first) stays bounded and conserves x² + y² ± η·x·y', async ({ first, sign }) => {
    const { xs, ys, evaluations } = await run(alternating(players, { first }), 200);
    const q0 = 2 + sign * eta; // Q(1, 1)
    for (let t = 0; t < 200; t++) {
      const x = xs[t] as number;
      const y = ys[t] as number;
      expect(Math.abs(x * x + y * y + sign * eta * x * y - q0)).toBeLessThan(1e-4);
    }
    expect(evaluations).toBe(400);
  });

  it('alternating GDA with n_dis = 3 takes 3 discriminator moves, then 1 generator move', async () => {
    const { xs, ys } = await run(alternating(players, { discriminatorSteps: 3 }), 1);
    // y: 1 → 1.1 → 1.2 → 1.3 (x = 1 fixed), then x = 1 − 0.1·1.3 = 0.87.
    expect(Math.abs((ys[0] as number) - 1.3)).toBeLessThan(1e-6);
    expect(Math.abs((xs[0] as number) - 0.87)).toBeLessThan(1e-6);
  });
});
