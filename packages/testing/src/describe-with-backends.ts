import * as tf from '@tensorflow/tfjs-core';
import { useBackend, type BackendSpec } from '@saddle/core';
import { afterEach, beforeEach, describe, expect } from 'vitest';
import { activeBackends } from './backends.js';
import { toleranceFor, type Tolerance } from './tolerance.js';

/**
 * Which backends a suite claims. `skip` maps a backend name to the reason it cannot run there,
 * so every gap is written down beside the test.
 *
 * @example
 * ```ts
 * const constraint: BackendConstraint = { skip: { wasm: 'no Conv3D kernel in tfjs-backend-wasm 4.22' } };
 * describeWithBackends('conv3d', constraint, () => { it('runs off wasm', () => undefined); });
 * ```
 */
export interface BackendConstraint {
  /** Run only on these backends (default: all active ones). */
  readonly only?: readonly string[];
  /** Backends excluded, each with its reason. */
  readonly skip?: Readonly<Record<string, string>>;
}

/**
 * Every active backend.
 *
 * @example
 * ```ts
 * describeWithBackends('softplus', ALL_BACKENDS, ({ tol }) => {
 *   it('is log(1 + eˣ)', async () => expectTensorClose(softplus(tf.scalar(0)), tf.scalar(Math.LN2), tol));
 * });
 * ```
 */
export const ALL_BACKENDS: BackendConstraint = {};

/**
 * What a suite body receives.
 *
 * @example
 * ```ts
 * describeWithBackends('matmul', ALL_BACKENDS, ({ backend, tol }: BackendContext) => {
 *   it(`agrees on ${backend.name}`, async () => expectTensorClose(tf.matMul(a, b), expected, tol));
 * });
 * ```
 */
export interface BackendContext {
  readonly backend: BackendSpec;
  readonly tol: Tolerance;
}

/**
 * Writes a suite once and runs it under every active backend (`SADDLE_BACKENDS`, default
 * `cpu,wasm`) that the constraint admits. Each test is wrapped in a leak check: the number of
 * live tensors after the test must equal the number before it.
 *
 * @example
 * ```ts
 * describeWithBackends('sigmoid', ALL_BACKENDS, ({ tol }) => {
 *   it('is 1/2 at 0', async () => {
 *     const y = tf.sigmoid(tf.scalar(0));
 *     await expectTensorClose(y, 0.5, tol);
 *     y.dispose();
 *   });
 * });
 * ```
 */
export function describeWithBackends(
  name: string,
  constraint: BackendConstraint,
  body: (context: BackendContext) => void,
): void {
  for (const backend of activeBackends()) {
    const reason = skipReason(constraint, backend.name);
    if (reason !== undefined) {
      describe.skip(`${name} [${backend.name}] (skipped: ${reason})`, () => undefined);
      continue;
    }
    describe(`${name} [${backend.name}]`, () => {
      let before = 0;
      beforeEach(async () => {
        await useBackend(backend);
        before = tf.memory().numTensors;
      });
      afterEach(() => {
        expect(tf.memory().numTensors, 'tensors leaked by this test').toBe(before);
      });
      body({ backend, tol: toleranceFor(backend) });
    });
  }
}

function skipReason(constraint: BackendConstraint, backend: string): string | undefined {
  if (constraint.only !== undefined && !constraint.only.includes(backend)) {
    return `suite runs only on ${constraint.only.join(', ')}`;
  }
  return constraint.skip?.[backend];
}
