import type * as tf from '@tensorflow/tfjs-core';
import type { GameOptimizer, GradientTransformation, PerPlayer } from '@saddle/core';
import { ALL_BACKENDS, describeWithBackends } from '@saddle/testing';
import { expect, it } from 'vitest';
import { ogda, sgd } from './aliases.js';
import { alternating } from './alternating.js';
import { extragradient } from './extragradient.js';
import { extrapolationFromThePast } from './extrapolation-from-the-past.js';
import { simultaneous } from './simultaneous.js';
import { alternatingFactor, extragradientFactor, gdaFactor, measuredFactor, ogdaDoubleRoot, ogdaFactor } from '@saddle/theory';
import { CATALOG } from './test-support/catalog.js';
import { bilinear, drive, norm, quadratic, QUADRATIC_OPTIMUM, scsc, startAt } from './test-support/games.js';

const both = (t: () => GradientTransformation): PerPlayer<GradientTransformation> => ({ generator: t(), discriminator: t() });

describeWithBackends('conformance: every optimizer on a convex quadratic and an SC-SC game', ALL_BACKENDS, () => {
  const optimum = [...QUADRATIC_OPTIMUM.x, ...QUADRATIC_OPTIMUM.y];
  const distance = (z: readonly number[]) => norm(z.map((v, i) => v - (optimum[i] as number)));

  it.each(CATALOG)('$name minimizes two decoupled convex quadratics (‖z_300 − z*‖ ≤ 1e-3·‖z_0 − z*‖)', async ({ make }) => {
    const { points } = await drive(make(), quadratic, startAt([0, 0], [0, 0]), 300, [0, 300]);
    expect(distance(points[1] as number[])).toBeLessThanOrEqual(1e-3 * distance(points[0] as number[]));
  });

  it.each(CATALOG)('$name converges on ½‖x‖² + 2x·y − ½‖y‖², with a constant tensor count over 1,000 steps', async ({ make }) => {
    const { points, tensors } = await drive(make(), scsc, startAt([1, -1], [1, 1]), 1000, [0, 20, 300, 1000]);
    expect(norm(points[2] as number[])).toBeLessThanOrEqual(1e-3 * norm(points[0] as number[]));
    expect(points[3]?.every(Number.isFinite)).toBe(true);
    // After warm-up (fictitious play fills its window in 2 steps), the live tensor count is flat.
    expect(tensors[2]).toBe(tensors[1]);
    expect(tensors[3]).toBe(tensors[1]);
  });
});

/** A per-step factor measured on the trajectory, the closed form it must match, and the method's cost. */
interface RateCase {
  readonly method: string;
  readonly make: (eta: number) => GameOptimizer<tf.TensorContainer>;
  readonly factor: (eta: number) => number;
  readonly evaluationsPerStep: number;
  /** The norm the map contracts in (the Euclidean one unless said otherwise). */
  readonly measure?: (z: readonly number[], eta: number) => number;
}

const RATE_CASES: readonly RateCase[] = [
  { method: 'simultaneous GDA', make: (eta) => simultaneous(both(() => sgd({ learningRate: eta }))), factor: gdaFactor, evaluationsPerStep: 1 },
  // G moves first: x' = x − ηy, y' = y + ηx'. It is an isometry of √(x² + y² − ηxy) (papers §5.2).
  {
    method: 'alternating GDA (G first)', make: (eta) => alternating(both(() => sgd({ learningRate: eta })), { first: 'generator' }),
    factor: alternatingFactor, evaluationsPerStep: 2, measure: ([x = 0, y = 0], eta) => Math.sqrt(x * x + y * y - eta * x * y),
  },
  { method: 'extragradient', make: (eta) => extragradient(both(() => sgd({ learningRate: eta }))), factor: extragradientFactor, evaluationsPerStep: 2 },
  { method: 'OGDA, simultaneous(ogda)', make: (eta) => simultaneous(both(() => ogda({ learningRate: eta }))), factor: ogdaFactor, evaluationsPerStep: 1 },
  { method: 'extrapolation from the past', make: (eta) => extrapolationFromThePast(both(() => sgd({ learningRate: eta }))), factor: ogdaFactor, evaluationsPerStep: 1 },
];

/** The factor measured on z_100 and z_200 (with the Jordan correction at OGDA's double root, η = 1/2). */
function factorOf(points: readonly (readonly number[])[], eta: number, c: RateCase): number {
  const size = (i: number) => (c.measure ?? ((z: readonly number[]) => norm(z)))(points[i] as number[], eta);
  return measuredFactor(size(0), size(1), 100, 200, c.factor === ogdaFactor && ogdaDoubleRoot(eta));
}

describeWithBackends('conformance: contraction factors on min_x max_y x·y (papers §5.2)', ALL_BACKENDS, () => {
  const cases = RATE_CASES.flatMap((c) => [0.1, 0.2, 0.5].map((eta) => ({ ...c, eta })));
  it.each(cases)('$method at η = $eta contracts ‖z‖ at the closed-form rate (1e-4, float32)', async (c) => {
    const { points, evaluations } = await drive(c.make(c.eta), bilinear, startAt(1, 1), 200, [100, 200]);
    expect(Math.abs(factorOf(points, c.eta, c) - c.factor(c.eta))).toBeLessThanOrEqual(1e-4);
    expect(evaluations).toBe(200 * c.evaluationsPerStep);
  });
});
