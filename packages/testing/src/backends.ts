import { SaddleError, type BackendSpec } from '@saddle/core';
import { cpu } from '@saddle/backend-cpu';
import { wasm } from '@saddle/backend-wasm';
import { node } from '@saddle/backend-node';

/**
 * The environment variable that picks which backends the suites run on: `cpu,wasm` by default.
 *
 * @example
 * ```ts
 * // SADDLE_BACKENDS=wasm pnpm test runs every suite on wasm only
 * const requested = process.env[BACKENDS_ENV] ?? DEFAULT_TEST_BACKENDS.join(',');
 * ```
 */
export const BACKENDS_ENV = 'SADDLE_BACKENDS';

// node and node-gpu need @tensorflow/tfjs-node(-gpu) installed by hand (never in CI).
const KNOWN: Readonly<Record<string, () => BackendSpec>> = { cpu, wasm, node: () => node(), 'node-gpu': () => node({ gpu: true }) };

/**
 * The backends a test run covers when `SADDLE_BACKENDS` is unset.
 *
 * @example
 * ```ts
 * const names = activeBackends().map((b) => b.name); // ['cpu', 'wasm'] when SADDLE_BACKENDS is unset
 * console.log(DEFAULT_TEST_BACKENDS.every((n) => names.includes(n)));
 * ```
 */
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

/**
 * The backend Saddle's tests call `name` (`cpu`, `wasm`, `node`, `node-gpu`).
 *
 * @example
 * ```ts
 * await useBackend(backendByName('wasm'));
 * ```
 */
export function backendByName(name: string): BackendSpec {
  const make = KNOWN[name];
  if (make === undefined) {
    throw new SaddleError(`unknown backend "${name}"`, { code: 'INVALID_ARGUMENT', field: 'name', value: name, fix: `use one of ${Object.keys(KNOWN).join(', ')}` });
  }
  return make();
}

/**
 * `backendByName(name)` as a module export, for the worker threads of a data-parallel game.
 *
 * @example
 * ```ts
 * const game = await dataParallelGame({ workers: 2, game, backend: backendExport(backend.name), execArgv: sourceExecArgv() });
 * ```
 */
export function backendExport(name: string): { readonly module: string; readonly export: string; readonly options: string } {
  return { module: import.meta.url, export: 'backendByName', options: name };
}

function readEnv(): Readonly<Record<string, string | undefined>> {
  return typeof process === 'undefined' ? {} : process.env;
}
