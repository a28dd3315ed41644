// min_x max_y x·y, written as a two-player game in which each player minimizes its own loss:
// L_G = x·y for the generator x, L_D = −x·y for the discriminator y. No trainer: the game, the
// optimizers and the loop are composed by hand, as a researcher studying dynamics would.
import * as tf from '@tensorflow/tfjs-core';
import { disposeReplaced, disposeTree, useBackend } from '@saddle/core';
import { wasm } from '@saddle/backend-wasm';
import { alternating, sgd, simultaneous } from '@saddle/optimizers';

await useBackend(wasm());

/** @type {import('@saddle/core').GameGradientFn} */
const bilinear = (p) => {
  const x = p.generator.x;
  const y = p.discriminator.y;
  return {
    grads: { generator: { x: tf.clone(y) }, discriminator: { y: tf.neg(x) } },
    losses: { generator: tf.mul(x, y), discriminator: tf.neg(tf.mul(x, y)) },
  };
};

const eta = 0.1;
const steps = 1000;
const players = { generator: sgd({ learningRate: eta }), discriminator: sgd({ learningRate: eta }) };

async function distanceToEquilibrium(game) {
  let params = { generator: { x: tf.scalar(1) }, discriminator: { y: tf.scalar(1) } };
  let state = game.init(params);
  for (let t = 0; t < steps; t++) {
    const out = game.step(bilinear, params, state);
    disposeTree(out.losses);
    disposeReplaced({ params, state }, { params: out.params, state: out.state });
    ({ params, state } = out);
  }
  const [x] = await params.generator.x.data();
  const [y] = await params.discriminator.y.data();
  disposeTree({ params, state });
  return Math.hypot(x, y);
}

console.log(`min_x max_y x·y from (1, 1), η = ${eta}, ${steps} steps (backend ${tf.getBackend()})`);
console.log(`  simultaneous GDA: ‖z‖ = ${(await distanceToEquilibrium(simultaneous(players))).toPrecision(5)}  (closed form √2·(1+η²)^{T/2} = ${(Math.SQRT2 * (1 + eta * eta) ** (steps / 2)).toPrecision(5)})`);
console.log(`  alternating GDA:  ‖z‖ = ${(await distanceToEquilibrium(alternating(players))).toPrecision(5)}  (bounded: it cycles on x² + y² + ηxy = 2.1)`);
console.log(`  live tensors at the end: ${tf.memory().numTensors}`);
