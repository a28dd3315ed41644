import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@saddle/core';
import { describeWithBackends, expectTensorClose } from '@saddle/testing';
import { expect, it } from 'vitest';
import { valuesOn } from '../test-support/values-on.js';

type Shape4 = [number, number, number, number];
type Pad = 'same' | 'valid' | number;

const SHAPES: readonly Shape4[] = [[1, 7, 9, 1], [3, 8, 5, 4], [2, 9, 11, 3]];
const FILTERS: ReadonlyArray<number | [number, number]> = [1, 2, 3, [2, 3]];
const PADS: readonly Pad[] = ['same', 'valid', 1];
// Both kernels pick the same maxima and sum the same float32 values in float64, in the same order.
const EXACT = { rtol: 0, atol: 0 };

/**
 * dX of Σ maxPool(X) ⊙ R for seeded X and R. With `ties`, X is rounded to integers in about
 * [−3, 3], so most windows hold several maxima.
 */
function poolGrad(x: Shape4, filterSize: number | [number, number], strides: number, pad: Pad, ties: boolean): tf.Tensor {
  const rng = createRng(9).fold(`${x.join()} ${String(filterSize)} ${strides} ${pad} ${ties}`);
  const raw = rng.fold('x').normal(x);
  const input = (ties ? tf.round(raw) : raw) as tf.Tensor4D;
  const outShape = tf.maxPool(input, filterSize, strides, pad).shape;
  const r = rng.fold('r').normal(outShape);
  return tf.grad((v: tf.Tensor) => tf.sum(tf.mul(tf.maxPool(v as tf.Tensor4D, filterSize, strides, pad), r)))(input);
}

describeWithBackends('MaxPoolGrad', { only: ['wasm'] }, () => {
  for (const x of SHAPES) {
    for (const filterSize of FILTERS) {
      for (const strides of [1, 2, 3]) {
        for (const pad of PADS) {
          for (const ties of [false, true]) {
            const name = `x ${x.join('×')}, filter ${String(filterSize)}, stride ${strides}, pad ${pad}${ties ? ', with ties' : ''}`;
            it(`matches cpu exactly: ${name}`, async () => {
              const [actual] = await valuesOn('wasm', () => [poolGrad(x, filterSize, strides, pad, ties)]);
              const [expected] = await valuesOn('cpu', () => [poolGrad(x, filterSize, strides, pad, ties)]);
              await expectTensorClose(actual!, expected!, EXACT);
            });
          }
        }
      }
    }
  }

  it('sends each output its whole gradient on ties: 2×2/2 pool of 8×8×4×2 integers sums to 128', async () => {
    // tfjs-backend-wasm 4.22's own MaxPoolGrad gives less than 128 here.
    const grad = () => {
      const x = tf.round(createRng(1).normal([8, 8, 4, 2]));
      return [tf.grad((v: tf.Tensor) => tf.sum(tf.maxPool(v as tf.Tensor4D, 2, 2, 'valid')))(x)];
    };
    const [actual] = await valuesOn('wasm', grad);
    const [expected] = await valuesOn('cpu', grad);
    expect(actual!.reduce((a, v) => a + v, 0)).toBe(8 * 4 * 2 * 2);
    await expectTensorClose(actual!, expected!, EXACT);
  });
});
