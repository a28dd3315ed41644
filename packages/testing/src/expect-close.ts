import type * as tf from '@tensorflow/tfjs-core';
import type { Tolerance } from './tolerance.js';

type Numeric = number | readonly number[] | Float32Array | Float64Array | Int32Array | tf.Tensor;

async function values(x: Numeric): Promise<{ data: ArrayLike<number>; shape: readonly number[] }> {
  if (typeof x === 'number') return { data: [x], shape: [] };
  if ('dataId' in x) return { data: (await x.data()) as ArrayLike<number>, shape: x.shape };
  return { data: x, shape: [x.length] };
}

/**
 * Asserts, two-sided and elementwise, |actual − expected| ≤ atol + rtol·|expected| with equal
 * shapes (a tensor against a number array compares sizes only). NaN matches only NaN. On
 * failure it names the worst element, both values and the bound.
 *
 * @example
 * ```ts
 * await expectTensorClose(tf.sigmoid(tf.scalar(0)), 0.5, { rtol: 1e-6, atol: 0 });
 * ```
 */
export async function expectTensorClose(actual: Numeric, expected: Numeric, tol: Tolerance): Promise<void> {
  const a = await values(actual);
  const e = await values(expected);
  const shapeMatters = typeof actual === 'object' && 'dataId' in actual && typeof expected === 'object' && 'dataId' in expected;
  if (shapeMatters && a.shape.join(',') !== e.shape.join(',')) {
    throw new Error(`shape mismatch: actual [${a.shape.join(', ')}] vs expected [${e.shape.join(', ')}]`);
  }
  if (a.data.length !== e.data.length) {
    throw new Error(`size mismatch: actual has ${a.data.length} elements, expected ${e.data.length}`);
  }
  let worst = -1;
  let worstExcess = 0;
  for (let i = 0; i < a.data.length; i++) {
    const av = a.data[i] as number;
    const ev = e.data[i] as number;
    if (Number.isNaN(ev) || Number.isNaN(av)) {
      if (Number.isNaN(ev) !== Number.isNaN(av)) return fail(i, av, ev, tol);
      continue;
    }
    if (av === ev) continue;
    const excess = Math.abs(av - ev) / (tol.atol + tol.rtol * Math.abs(ev));
    if (!(excess <= 1) && (worst < 0 || excess > worstExcess)) {
      worst = i;
      worstExcess = excess;
    }
  }
  if (worst >= 0) fail(worst, a.data[worst] as number, e.data[worst] as number, tol);
}

function fail(index: number, actual: number, expected: number, tol: Tolerance): never {
  const bound = tol.atol + tol.rtol * Math.abs(expected);
  throw new Error(
    `element ${index}: actual ${actual} vs expected ${expected}, |diff| ${Math.abs(actual - expected)} > ${bound} ` +
      `(atol ${tol.atol} + rtol ${tol.rtol}·|expected|)`,
  );
}
