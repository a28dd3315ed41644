// Gradients that make tfjs 4.22 twice differentiable where GAN penalties need it (WGAN-GP, R1,
// R2 differentiate a critic's input-gradient). Registered by `register-gradients.ts` after
// tfjs's own gradients, replacing theirs for the same kernels. See docs/decisions/0008.
//
// 1. Comparison and logical kernels get zero gradients. Their outputs are piecewise constant, but
//    tfjs registers no gradient for them, and gradients such as LeakyRelu's (`where(x > 0, ...)`)
//    put them on the tape of an outer gradient, which then throws "gradient function not found".
// 2. Gradients that tfjs computes from the saved OUTPUT y (Tanh, Sigmoid, Exp, Elu, Softmax,
//    Pow's exponent side) recompute y from the saved input when the backward pass is itself being
//    recorded. The engine saves a clone of y made before the kernel's own tape node is recorded,
//    so an outer gradient never reaches x through it: the second-order term is dropped, or the
//    outer gradient throws when it was the only path. Recomputing y from x puts it on the tape
//    after x. A plain first-order pass still uses the saved y with tfjs's formulas, so training
//    values and cost are tfjs's (one more saved tensor per op: the input).
import {
  cast,
  Elu,
  EluGrad,
  engine,
  Equal,
  exp,
  Exp,
  getGradient,
  greater,
  Greater,
  Less,
  LessEqual,
  log,
  LogicalAnd,
  LogicalNot,
  LogicalOr,
  mul,
  NotEqual,
  pow,
  Pow,
  registerGradient,
  reshape,
  scalar,
  sigmoid,
  Sigmoid,
  softmax,
  Softmax,
  square,
  sub,
  sum,
  tanh,
  Tanh,
  unregisterGradient,
  where,
  zeros,
  zerosLike,
  backend_util,
  type GradConfig,
  type NamedAttrMap,
  type Tensor,
} from '@tensorflow/tfjs-core';

/** Kernels whose outputs are piecewise constant in their inputs (booleans): zero gradients. */
export const PIECEWISE_CONSTANT_KERNELS: readonly string[] = [
  Equal, NotEqual, Greater, Less, LessEqual, LogicalAnd, LogicalOr, LogicalNot,
];

/** Zero float32 gradients (the tape requires float32) of the kernel's inputs' shapes. */
function zeroGradient(kernelName: string, inputs: readonly string[]): GradConfig {
  return {
    kernelName,
    inputsToSave: [...inputs],
    gradFunc: (_dy, saved) => Object.fromEntries(inputs.map((name, i) => [name, () => zeros(saved[i]!.shape, 'float32')])),
  };
}

const zeroGradients: GradConfig[] = PIECEWISE_CONSTANT_KERNELS.map((k) =>
  zeroGradient(k, k === LogicalNot ? ['x'] : ['a', 'b']),
);

/**
 * Whether the ops a gradient function runs are themselves being recorded for an outer gradient
 * (a gradient taken inside `tf.grad`). Only then must y be recomputed from x; a plain first-order
 * backward pass uses the saved y, exactly as tfjs does, at tfjs's cost.
 */
const recording = (): boolean => engine().isTapeOn();

/** d tanh(x)/dx = 1 − tanh(x)². */
const tanhGrad: GradConfig = {
  kernelName: Tanh,
  inputsToSave: ['x'],
  outputsToSave: [true],
  gradFunc: (dy, [x, y]) => ({
    x: () => mul(sub(scalar(1), square(recording() ? tanh(x!) : y!)), dy as Tensor),
  }),
};

/** dσ(x)/dx = σ(x)(1 − σ(x)). */
const sigmoidGrad: GradConfig = {
  kernelName: Sigmoid,
  inputsToSave: ['x'],
  outputsToSave: [true],
  gradFunc: (dy, [x, saved]) => ({
    x: () => {
      const y = recording() ? sigmoid(x!) : saved!;
      return mul(dy as Tensor, mul(y, sub(scalar(1), y)));
    },
  }),
};

/** d eˣ/dx = eˣ. */
const expGrad: GradConfig = {
  kernelName: Exp,
  inputsToSave: ['x'],
  outputsToSave: [true],
  gradFunc: (dy, [x, y]) => ({ x: () => mul(dy as Tensor, recording() ? exp(x!) : y!) }),
};

/**
 * d elu(x)/dx = 1 for x > 0, eˣ otherwise (elu(x) = eˣ − 1 there). Not recording, tfjs's
 * EluGrad kernel on the saved output (it has no gradient of its own).
 */
const eluGrad: GradConfig = {
  kernelName: Elu,
  inputsToSave: ['x'],
  outputsToSave: [true],
  gradFunc: (dy, [x, y]) => ({
    x: () => recording()
      ? where(greater(x!, 0), dy as Tensor, mul(dy as Tensor, exp(x!)))
      : engine().runKernel(EluGrad, { dy: dy as Tensor, y: y! }) as Tensor,
  }),
};

/** softmax: dL/dz = y ⊙ dy − y · Σ(y ⊙ dy) along `dim`, y = softmax(z). */
const softmaxGrad: GradConfig = {
  kernelName: Softmax,
  inputsToSave: ['logits'],
  outputsToSave: [true],
  gradFunc: (dy, [logits, saved], attrs: NamedAttrMap) => ({
    logits: () => {
      const dim = attrs.dim as number;
      const y = recording() ? softmax(logits!, dim) : saved!;
      const dyTimesY = mul(dy as Tensor, y);
      return sub(dyTimesY, mul(sum(dyTimesY, [dim], true), y));
    },
  }),
};

/** aᵇ: ∂/∂a = b·aᵇ⁻¹, ∂/∂b = aᵇ·ln a (0 where a ≤ 0), each summed over broadcast axes. */
const powGrad: GradConfig = {
  kernelName: Pow,
  inputsToSave: ['a', 'b'],
  outputsToSave: [true],
  gradFunc: (dy, [base, exponent, saved]) => {
    const a = base!;
    const b = exponent!;
    const outShape = backend_util.assertAndGetBroadcastShape(a.shape, b.shape);
    const reduceTo = (res: Tensor, shape: number[]): Tensor => {
      const axes = backend_util.getReductionAxes(shape, outShape);
      return reshape(axes.length > 0 ? sum(res, axes) : res, shape);
    };
    return {
      a: () => {
        const bFloat = cast(b, 'float32');
        return reduceTo(mul(dy as Tensor, mul(bFloat, pow(a, sub(bFloat, scalar(1))))), a.shape);
      },
      b: () => {
        const logBase = where(greater(a, 0), log(a), zerosLike(a));
        return reduceTo(mul(dy as Tensor, mul(recording() ? pow(a, b) : saved!, logBase)), b.shape);
      },
    };
  },
};

/** Everything this file registers, in order. */
export const SECOND_ORDER_GRADIENTS: readonly GradConfig[] = [
  ...zeroGradients, tanhGrad, sigmoidGrad, expGrad, eluGrad, softmaxGrad, powGrad,
];

/**
 * Registers the gradients above, replacing tfjs's for the same kernels. Idempotent and quiet:
 * an existing entry is removed first, so tfjs's "Overriding the gradient" debug warning never
 * fires.
 */
export function registerSecondOrderGradients(): void {
  for (const config of SECOND_ORDER_GRADIENTS) {
    const current: GradConfig | undefined = getGradient(config.kernelName);
    if (current === config) continue;
    if (current != null) unregisterGradient(config.kernelName);
    registerGradient(config);
  }
}

registerSecondOrderGradients();
