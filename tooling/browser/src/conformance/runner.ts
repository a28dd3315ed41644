import * as tf from '@tensorflow/tfjs-core';
import { useBackend, type BackendSpec } from '@saddle/core';
import type { Tolerance } from '@saddle/testing';
import { compare } from './compare.js';
import type { ConformanceCase } from './conformance-case.js';

/** The outcome of one case on one backend, as the page reports it to Node. */
export interface CaseResult {
  readonly backend: string;
  readonly name: string;
  /** `undefined` when the case passed, else why it failed. */
  readonly error: string | undefined;
  /** The largest relative error over the case's outputs (see `compare`); NaN when none were compared. */
  readonly maxRelError: number;
  /** Wall time on the backend under test and the reference together, ms. */
  readonly ms: number;
}

/** Runs `f` on `backend` and returns its outputs' values; fails if any other tensor is left alive. */
async function valuesOn(backend: BackendSpec, f: () => tf.Tensor[] | Promise<tf.Tensor[]>): Promise<Float32Array[]> {
  await useBackend(backend);
  const before = tf.memory().numTensors;
  const outputs = await f();
  try {
    return await Promise.all(outputs.map(async (t) => Float32Array.from(await t.data())));
  } finally {
    tf.dispose(outputs);
    const after = tf.memory().numTensors;
    if (after !== before) throw new Error(`tensors leaked: ${after - before} more live tensors after the case than before`);
  }
}

/** Runs one case on `backend` and compares it with its closed form or the `reference` backend. */
export async function runCase(testCase: ConformanceCase, backend: BackendSpec, reference: BackendSpec, tol: Tolerance): Promise<CaseResult> {
  const start = performance.now();
  const report = (error: string | undefined, maxRelError: number): CaseResult =>
    ({ backend: backend.name, name: testCase.name, error, maxRelError, ms: performance.now() - start });
  try {
    const actual = await valuesOn(backend, () => testCase.compute());
    const expected = testCase.closedForm?.() ?? (await valuesOn(reference, () => testCase.compute()));
    if (actual.length !== expected.length) return report(`${actual.length} outputs, expected ${expected.length}`, Number.NaN);
    const errors: string[] = [];
    let maxRelError = 0;
    for (const [i, values] of actual.entries()) {
      const { error, maxRelError: rel } = await compare(values, expected[i]!, tol);
      if (error !== undefined) errors.push(`output ${i}: ${error}`);
      maxRelError = Math.max(maxRelError, rel);
    }
    return report(errors.length === 0 ? undefined : errors.join('; '), maxRelError);
  } catch (e) {
    return report(e instanceof Error ? e.message : String(e), Number.NaN);
  }
}

/**
 * Runs every case on every backend in turn, except those a case skips (one failing case does not
 * stop the others), calling `onResult` after each.
 *
 * @example
 * ```ts
 * const results = await runConformance(CONFORMANCE_CASES, [wasm(), webgl()], cpu(), (b) => CONFORMANCE_TOLERANCE[b]!);
 * ```
 */
export async function runConformance(
  cases: readonly ConformanceCase[],
  backends: readonly BackendSpec[],
  reference: BackendSpec,
  toleranceOf: (backend: string) => Tolerance,
  onResult: (result: CaseResult) => void = () => undefined,
): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (const backend of backends) {
    for (const testCase of cases) {
      if (testCase.skip?.[backend.name] !== undefined) continue;
      const result = await runCase(testCase, backend, reference, toleranceOf(backend.name));
      results.push(result);
      onResult(result);
    }
  }
  return results;
}
