// A user's own two-player game, composed from the published pieces alone (no @saddle/train):
// @saddle/core (backend selection, memory helpers), @saddle/losses (the Wasserstein loss),
// @saddle/optimizers (extragradient over SGD players) and @saddle/backend-wasm. Written without
// imports so that game.mjs (ESM `import`) and game.cjs (CommonJS `require`) hand it the modules.
//
// The game: a 1-D "Dirac" GAN. Real samples x_i have mean 2; the generator shifts centred noise,
// G(z) = z + θ; the critic is linear, f(x) = w·x. With the Wasserstein loss,
//   L_D = −mean f(x) + mean f(G(z)) = w(θ − 2),    L_G = −mean f(G(z)) = −wθ,
// so (u, w) = (θ − 2, w) follows the bilinear field (w, −u): simultaneous GDA spirals out and
// extragradient contracts by exactly √(1 − η² + η⁴) per step (eigenvalues 1 ∓ iη − η²).
// Returns the trajectory's distances to (θ, w) = (2, 0), the final θ and w, and tensors leaked.
// `wasmOptions` go to the backend (a page passes `wasmPaths`, where its app serves the binaries).
async function playGame({ tf, core, losses, optimizers, backend }, { steps = 100, eta = 0.2, wasmOptions = {} } = {}) {
  const { disposeReplaced, disposeTree, useBackend } = core;
  const { wasserstein } = losses;
  const { extragradient, sgd } = optimizers;
  await useBackend(backend.wasm(wasmOptions));
  const before = tf.memory().numTensors;
  const real = tf.tensor1d([1, 1.5, 2, 2.5, 3]); // mean 2
  const noise = tf.tensor1d([-0.5, -0.25, 0, 0.25, 0.5]); // mean 0
  const lossesAt = (theta, w) => {
    const realLogits = tf.mul(real, w);
    const fakeLogits = tf.mul(tf.add(noise, theta), w);
    return {
      generator: wasserstein.generator({ realLogits, fakeLogits }),
      discriminator: wasserstein.discriminator({ realLogits, fakeLogits }),
    };
  };
  // Each player's gradient of its own loss (core's GameGradientFn contract).
  const gradFn = (p) =>
    tf.tidy(() => {
      const theta = p.generator.theta;
      const w = p.discriminator.w;
      const dTheta = tf.grad((t) => lossesAt(t, w).generator)(theta);
      const dW = tf.grad((v) => lossesAt(theta, v).discriminator)(w);
      return { grads: { generator: { theta: dTheta }, discriminator: { w: dW } }, losses: lossesAt(theta, w) };
    });

  const game = extragradient({ generator: sgd({ learningRate: eta }), discriminator: sgd({ learningRate: eta }) });
  let params = { generator: { theta: tf.scalar(0) }, discriminator: { w: tf.scalar(1) } };
  let state = game.init(params);
  const first = gradFn(params);
  const initial = {
    lossG: first.losses.generator.dataSync()[0],
    lossD: first.losses.discriminator.dataSync()[0],
    gradTheta: first.grads.generator.theta.dataSync()[0],
    gradW: first.grads.discriminator.w.dataSync()[0],
  };
  disposeTree(first);
  const norms = [];
  for (let t = 0; t < steps; t++) {
    const out = game.step(gradFn, params, state);
    disposeTree(out.losses);
    disposeReplaced({ params, state }, { params: out.params, state: out.state });
    params = out.params;
    state = out.state;
    norms.push(Math.hypot(params.generator.theta.dataSync()[0] - 2, params.discriminator.w.dataSync()[0]));
  }
  const result = {
    backend: tf.getBackend(),
    optimizer: game.name,
    eta,
    initial,
    norms,
    theta: params.generator.theta.dataSync()[0],
    w: params.discriminator.w.dataSync()[0],
  };
  disposeTree({ params, state });
  tf.dispose([real, noise]);
  result.leaked = tf.memory().numTensors - before;
  return result;
}

module.exports = { playGame };
