import * as tf from '@tensorflow/tfjs-core';
import { SaddleError } from './errors.js';

/**
 * Version of the `BackendSpec` contract; bumped on breaking changes to it.
 *
 * @example
 * ```ts
 * if (spec.specVersion !== BACKEND_SPEC_VERSION) throw new Error(`${spec.name} targets BackendSpec v${spec.specVersion}`);
 * ```
 */
export const BACKEND_SPEC_VERSION = 1;

/**
 * A runtime that tfjs can compute on, described so the training core never names one.
 * Backend packages (`@saddle/backend-cpu`, `@saddle/backend-wasm`, ...) export one each.
 *
 * @example
 * ```ts
 * import { wasm } from '@saddle/backend-wasm';
 * await useBackend(wasm());
 * ```
 */
export interface BackendSpec {
  readonly specVersion: typeof BACKEND_SPEC_VERSION;
  /** Saddle's name for the backend, used in configs and the CLI (`"cpu"`, `"wasm"`). */
  readonly name: string;
  /** The name tfjs registers it under (`tf.setBackend(tfBackendName)`). */
  readonly tfBackendName: string;
  /** Bits of float precision of its float32 kernels (16 for WebGL on some GPUs). */
  readonly floatPrecision: 16 | 32;
  /** Registers the backend (and any extra kernels) with tfjs; idempotent. */
  load(): Promise<void>;
}

/**
 * Loads `spec` and makes it the active tfjs backend.
 *
 * @example
 * ```ts
 * await useBackend(cpu());
 * tf.getBackend(); // 'cpu'
 * ```
 */
export async function useBackend(spec: BackendSpec): Promise<void> {
  if (spec.specVersion !== BACKEND_SPEC_VERSION) {
    throw new SaddleError(`backend "${spec.name}" implements BackendSpec v${String(spec.specVersion)}`, {
      code: 'BACKEND_UNAVAILABLE', field: 'backend.specVersion', value: spec.specVersion,
      fix: `install versions of @saddle/core and the backend package that share spec v${BACKEND_SPEC_VERSION}`,
    });
  }
  try {
    await spec.load();
  } catch (cause) {
    if (cause instanceof SaddleError) throw cause;
    throw new SaddleError(`backend "${spec.name}" failed to load: ${String(cause)}`, {
      code: 'BACKEND_UNAVAILABLE', field: 'backend', value: spec.name, cause,
      fix: 'check that the backend package and its tfjs peer are installed, or pick another backend',
    });
  }
  const ok = await tf.setBackend(spec.tfBackendName);
  if (!ok) {
    throw new SaddleError(`tfjs could not initialise backend "${spec.tfBackendName}"`, {
      code: 'BACKEND_UNAVAILABLE', field: 'backend', value: spec.name, fix: 'pick another backend',
    });
  }
  await tf.ready();
}
