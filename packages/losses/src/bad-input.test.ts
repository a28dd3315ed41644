import * as tf from '@tensorflow/tfjs-core';
import { createRng, disposeTree, SaddleError } from '@saddle/core';
import { ALL_BACKENDS, describeWithBackends } from '@saddle/testing';
import { expect, it } from 'vitest';
import { gradientPenalty } from './gradient-penalty.js';
import { logSigmoid } from './h-functions.js';
import type { ReductionOptions } from './reduction.js';
import { lossFromName, lossRegistry } from './registry.js';
import { relativisticPaired } from './relativistic-paired.js';
import { rsGan } from './relativistic-losses.js';
import { separable } from './separable.js';
import { jsGan } from './separable-losses.js';
import { r1Penalty } from './zero-centered-penalties.js';

/** Runs `f`, expecting a SaddleError with `code` whose message matches `message`. */
function expectSaddleError(f: () => unknown, code: SaddleError['code'], message: RegExp): void {
  let error: unknown;
  try {
    f();
  } catch (e) {
    error = e;
  }
  expect(error, 'a SaddleError is thrown').toBeInstanceOf(SaddleError);
  expect((error as SaddleError).code).toBe(code);
  expect((error as SaddleError).message).toMatch(message);
}

describeWithBackends('bad input gets a SaddleError naming the problem', ALL_BACKENDS, () => {
  const every = Object.values(lossRegistry);
  const players = ['discriminator', 'generator'] as const;

  it('logits that would broadcast ([n, 2])', () => {
    const realLogits = tf.zeros([4, 2]);
    const fakeLogits = tf.zeros([4]);
    for (const loss of every) {
      for (const player of players) {
        expectSaddleError(() => loss[player]({ realLogits, fakeLogits }), 'SHAPE_MISMATCH',
          /^realLogits: logits must be a non-empty \[n\] or \[n, 1\] tensor \(got \[4, 2\]\); pass one logit per sample$/);
      }
    }
    disposeTree([realLogits, fakeLogits]);
  });

  it('NaN and infinite logits, with the element', () => {
    const realLogits = tf.tensor1d([0.5, 1, -2]);
    const withNaN = tf.tensor1d([0, NaN, 1]);
    const withInf = tf.tensor2d([0, 1, -Infinity], [3, 1]);
    for (const loss of every) {
      for (const player of players) {
        expectSaddleError(() => loss[player]({ realLogits, fakeLogits: withNaN }), 'NON_FINITE',
          /^fakeLogits: logits must be finite, but element 1 of 3 is NaN \(got NaN\); check the discriminator/);
        expectSaddleError(() => loss[player]({ realLogits: withInf, fakeLogits: realLogits }), 'NON_FINITE',
          /^realLogits: logits must be finite, but element 2 of 3 is -Infinity/);
      }
    }
    disposeTree([realLogits, withNaN, withInf]);
  });

  it('an empty batch', () => {
    const empty = tf.zeros([0]);
    const some = tf.zeros([3]);
    for (const loss of every) {
      expectSaddleError(() => loss.discriminator({ realLogits: empty, fakeLogits: some }), 'INVALID_ARGUMENT',
        /^realLogits: the batch is empty \(0 logits\) \(got \[0\]\); pass at least one sample per batch$/);
    }
    disposeTree([empty, some]);
  });

  it('mismatched batch sizes where samples are paired, with the pairing rule and the fix', () => {
    const realLogits = tf.zeros([4]);
    const fakeLogits = tf.zeros([3]);
    for (const player of players) {
      expectSaddleError(() => rsGan[player]({ realLogits, fakeLogits }), 'SHAPE_MISMATCH',
        /^fakeLogits: rs-gan pairs real sample i with generated sample i \(each term is h\(f\(x_i\) − f\(y_i\)\)\), so both batches need the same size; realLogits has 4 \(got 3\); pass 4 generated samples/);
    }
    const none: ReductionOptions = { reduction: 'none' };
    for (const name of ['js-gan', 'relativistic-average']) {
      expectSaddleError(() => lossRegistry[name]!.discriminator({ realLogits, fakeLogits }, none), 'SHAPE_MISMATCH',
        new RegExp(`^fakeLogits: ${name} pairs real sample i with generated sample i`));
    }
    disposeTree([realLogits, fakeLogits]);
  });

  it('an unknown reduction', () => {
    const logits = tf.zeros([2]);
    const bad = { reduction: 'sum' } as unknown as ReductionOptions;
    expectSaddleError(() => jsGan.discriminator({ realLogits: logits, fakeLogits: logits }, bad), 'INVALID_ARGUMENT',
      /^reduction: unknown reduction \(got "sum"\); pass 'mean' \(the default\) or 'none' \(per sample\)$/);
    logits.dispose();
  });

  it('a family built from bad parts', () => {
    const notH = 3 as unknown as typeof logSigmoid;
    expectSaddleError(() => separable({ name: '', h1: logSigmoid, h2: logSigmoid, generatorObjective: 'minimax' }), 'INVALID_ARGUMENT', /^name: a loss needs a name/);
    expectSaddleError(() => separable({ name: 'x', h1: notH, h2: logSigmoid, generatorObjective: 'minimax' }), 'INVALID_ARGUMENT', /^h1: must be an h function \(got "number"\)/);
    expectSaddleError(
      () => relativisticPaired({ name: 'x', h: logSigmoid, generatorObjective: 'saturating' as 'minimax' }),
      'INVALID_ARGUMENT', /^generatorObjective: unknown generator objective \(got "saturating"\)/,
    );
  });

  it('an unknown loss name lists the known ones', () => {
    expectSaddleError(() => lossFromName('rsgan'), 'INVALID_CONFIG',
      /^loss: unknown loss name \(got "rsgan"\); use one of js-gan, non-saturating, least-squares, wasserstein, hinge, rs-gan, rs-hinge, relativistic-average$/);
    expectSaddleError(() => lossFromName('toString'), 'INVALID_CONFIG', /unknown loss name/);
  });

  it('penalties: shapes, empty and non-finite samples, a critic with the wrong output, a negative weight', () => {
    const critic = (x: tf.Tensor) => tf.sum(x, 1);
    const real = tf.ones([4, 2]);
    const fake = tf.ones([3, 2]);
    const vector = tf.ones([4]);
    const empty = tf.zeros([0, 2]);
    const nan = tf.tensor2d([[0, 1], [NaN, 2]]);
    const rng = createRng(0);
    expectSaddleError(() => gradientPenalty({ critic, real, fake, rng }), 'SHAPE_MISMATCH',
      /^fake: real and generated batches must have the same shape \(sample i of each is mixed\) \(got \[3, 2\]\); pass generated samples shaped \[4, 2\]$/);
    expectSaddleError(() => r1Penalty({ critic, real: vector }), 'SHAPE_MISMATCH', /^real: samples must be a batch tensor \[n, \.\.\.features\] of rank ≥ 2 \(got \[4\]\)/);
    expectSaddleError(() => r1Penalty({ critic, real: empty }), 'INVALID_ARGUMENT', /^real: the batch is empty \(got \[0, 2\]\)/);
    expectSaddleError(() => r1Penalty({ critic, real: nan }), 'NON_FINITE', /^real: samples must be finite, but element 2 of 4 is NaN/);
    expectSaddleError(() => r1Penalty({ critic: (x) => tf.sum(x), real }), 'SHAPE_MISMATCH',
      /^critic: the critic must map a batch of 4 samples to 4 logits, \[n\] or \[n, 1\] \(got \[\]\)/);
    expectSaddleError(() => r1Penalty({ critic, real, weight: -1 }), 'INVALID_ARGUMENT', /^weight: must be a finite number ≥ 0 \(got -1\)/);
    disposeTree([real, fake, vector, empty, nan]);
  });
});
