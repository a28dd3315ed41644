import type { OverparamParams } from '../overparam-game.js';

/** W − μ ∇_W h and d + η ∇_d h from gradients already taken at (W, d). */
export function applyGdaStep(
  params: OverparamParams,
  grads: OverparamParams,
  { generatorStepSize: mu, discriminatorStepSize: eta }: { readonly generatorStepSize: number; readonly discriminatorStepSize: number },
): OverparamParams {
  return {
    W: params.W.map((w, i) => w - mu * (grads.W[i] as number)),
    d: params.d.map((v, i) => v + eta * (grads.d[i] as number)),
  };
}
