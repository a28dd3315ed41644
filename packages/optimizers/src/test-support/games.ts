// Test support: small games with known solutions and a driver loop that follows the memory rules.
import * as tf from '@tensorflow/tfjs-core';
import { disposeReplaced, disposeTree, type GameGradientFn, type GameOptimizer, type Params, type PerPlayer } from '@saddle/core';

/**
 * min_x max_y x·y as two minimizers: L_G = x·y, L_D = −x·y, so ∇_x L_G = y and ∇_y L_D = −x
 * (papers §5.2, F(x, y) = (y, −x)). Scalars `generator.x`, `discriminator.y`.
 */
export const bilinear: GameGradientFn = (p) => {
  const x = p.generator.x as tf.Scalar;
  const y = p.discriminator.y as tf.Scalar;
  return {
    grads: { generator: { x: tf.clone(y) }, discriminator: { y: tf.neg(x) } },
    losses: { generator: tf.mul(x, y) as tf.Scalar, discriminator: tf.neg(tf.mul(x, y)) as tf.Scalar },
  };
};

/** Minimizers of the decoupled quadratics: x* = [1, −2] and y* = [−0.5, 3]. */
export const QUADRATIC_OPTIMUM = { x: [1, -2], y: [-0.5, 3] } as const;
const CURVATURE = [1, 2];

/**
 * Two independent convex quadratics (a game with no interaction, so every optimizer must behave
 * as a minimizer): L_G = ½Σ h_i (x_i − x*_i)², L_D = ½Σ h_i (y_i − y*_i)², h = [1, 2].
 */
export const quadratic: GameGradientFn = (p) =>
  tf.tidy(() => {
    const h = tf.tensor1d(CURVATURE);
    const dx = tf.sub(p.generator.x as tf.Tensor, tf.tensor1d([...QUADRATIC_OPTIMUM.x]));
    const dy = tf.sub(p.discriminator.y as tf.Tensor, tf.tensor1d([...QUADRATIC_OPTIMUM.y]));
    return {
      grads: { generator: { x: tf.mul(h, dx) }, discriminator: { y: tf.mul(h, dy) } },
      losses: {
        generator: tf.mul(0.5, tf.sum(tf.mul(h, tf.square(dx)))) as tf.Scalar,
        discriminator: tf.mul(0.5, tf.sum(tf.mul(h, tf.square(dy)))) as tf.Scalar,
      },
    };
  });

/** Coefficients of the strongly-convex–strongly-concave game below. */
export const SCSC = { a: 1, b: 2, c: 1 } as const;

/**
 * f(x, y) = ½a‖x‖² + b·x·y − ½c‖y‖² with a = c = 1, b = 2 (x, y ∈ R²): L_G = f, L_D = −f,
 * ∇_x L_G = a·x + b·y, ∇_y L_D = c·y − b·x. The unique saddle point is (0, 0); the coupling b > a
 * makes the rotation dominate, as in a GAN.
 */
export const scsc: GameGradientFn = (p) =>
  tf.tidy(() => {
    const x = p.generator.x as tf.Tensor;
    const y = p.discriminator.y as tf.Tensor;
    const f = tf.sum(tf.add(tf.sub(tf.mul(0.5 * SCSC.a, tf.square(x)), tf.mul(0.5 * SCSC.c, tf.square(y))), tf.mul(SCSC.b, tf.mul(x, y))));
    return {
      grads: {
        generator: { x: tf.add(tf.mul(SCSC.a, x), tf.mul(SCSC.b, y)) },
        discriminator: { y: tf.sub(tf.mul(SCSC.c, y), tf.mul(SCSC.b, x)) },
      },
      losses: { generator: f as tf.Scalar, discriminator: tf.neg(f) as tf.Scalar },
    };
  });

/** Both players' parameters, scalars for `bilinear`, R² vectors for the other games. */
export function startAt(x: number | readonly number[], y: number | readonly number[]): PerPlayer<Params> {
  const make = (v: number | readonly number[]) => (typeof v === 'number' ? tf.scalar(v) : tf.tensor1d([...v]));
  return { generator: { x: make(x) }, discriminator: { y: make(y) } };
}

/** What `drive` observed: the joint parameters (x then y, flattened) after the requested steps. */
export interface Trajectory {
  /** points[i] is z after step `at[i]` (step 0 is the start). */
  readonly points: number[][];
  readonly evaluations: number;
  /** Live tensors after each of the requested steps (to check the memory rule). */
  readonly tensors: number[];
}

/**
 * Runs `steps` steps the way a trainer does: each step's losses are disposed, replaced params
 * and state are freed with `disposeReplaced`, and everything is freed at the end. Reads values
 * back only at the steps listed in `at`.
 */
export async function drive(
  game: GameOptimizer<tf.TensorContainer>,
  gradFn: GameGradientFn,
  start: PerPlayer<Params>,
  steps: number,
  at: readonly number[] = [steps],
): Promise<Trajectory> {
  const wanted = new Set(at);
  let params = start;
  let state = game.init(params);
  const points: number[][] = [];
  const tensors: number[] = [];
  let evaluations = 0;
  const observe = async (t: number) => {
    if (!wanted.has(t)) return;
    const x = await (params.generator.x as tf.Tensor).data();
    const y = await (params.discriminator.y as tf.Tensor).data();
    points.push([...x, ...y]);
    tensors.push(tf.memory().numTensors);
  };
  await observe(0);
  for (let t = 1; t <= steps; t++) {
    const out = game.step(gradFn, params, state);
    evaluations += out.gradientEvaluations;
    disposeTree(out.losses);
    disposeReplaced({ params, state }, { params: out.params, state: out.state });
    params = out.params;
    state = out.state;
    await observe(t);
  }
  disposeTree({ params, state });
  return { points, evaluations, tensors };
}

/** Euclidean norm of a host vector. */
export function norm(z: readonly number[]): number {
  return Math.hypot(...z);
}
