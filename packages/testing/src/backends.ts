import { SaddleError, type BackendSpec } from '@saddle/core';
import { cpu } from '@saddle/backend-cpu';
import { wasm } from '@saddle/backend-wasm';

/** The environment variable that picks which backends the suites run on: `cpu,wasm` by default. */
export const BACKENDS_ENV = 'SADDLE_BACKENDS';

const KNOWN: Readonly<Record<string, () => BackendSpec>> = { cpu, wasm };

/** The backends a test run covers when `SADDLE_BACKENDS` is unset. */
export const DEFAULT_TEST_BACKENDS: readonly string[] = ['cpu', 'wasm'];

/**
 * The backends of this test run, from `SADDLE_BACKENDS` (comma-separated), in order.
 *
 * @example
 * ```ts
 * // SADDLE_BACKENDS=wasm pnpm test
 * activeBackends().map((b) => b.name); // ['wasm']
 * ```
 */
export function activeBackends(env: Readonly<Record<string, string | undefined>> = readEnv()): BackendSpec[] {
  const raw = env[BACKENDS_ENV];
  const names = raw === undefined || raw.trim() === '' ? DEFAULT_TEST_BACKENDS : raw.split(',').map((s) => s.trim());
  return names.map((name) => {
    const make = KNOWN[name];
    if (make === undefined) {
      throw new SaddleError(`unknown backend "${name}"`, {
        code: 'INVALID_CONFIG', field: BACKENDS_ENV, value: raw,
        fix: `use a comma-separated list of ${Object.keys(KNOWN).join(', ')}`,
      });
    }
    return make();
  });
}

function readEnv(): Readonly<Record<string, string | undefined>> {
  return typeof process === 'undefined' ? {} : process.env;
}
