import { BACKEND_SPEC_VERSION, type BackendSpec } from '@saddle/core';
import { registerTrainingKernels } from './kernels/register.js';

/**
 * Options of the wasm backend.
 *
 * @example
 * ```ts
 * const options: WasmOptions = { wasmPaths: new URL('./tfjs-wasm/', location.href).href };
 * ```
 */
export interface WasmOptions {
  /**
   * Where the `.wasm` binaries are served from, for bundled browser apps (a directory URL
   * ending in `/`, or a map from file name to URL). Node finds them on its own.
   */
  readonly wasmPaths?: string | Readonly<Record<string, string>>;
}

/**
 * tfjs's WebAssembly backend (XNNPACK, SIMD where the runtime has it), plus the training
 * kernels tfjs-backend-wasm 4.22 lacks, gets wrong or runs slowly (`Conv2DBackpropFilter`, the
 * depthwise backprop kernels, `MaxPoolGrad` on ties, `BatchMatMul` with transposed operands,
 * `Conv2DBackpropInput`, `Sum` and `Mean` over leading axes),
 * so conv GANs train on it.
 *
 * @example
 * ```ts
 * import { useBackend } from '@saddle/core';
 * import { wasm } from '@saddle/backend-wasm';
 * await useBackend(wasm({ wasmPaths: '/assets/tfjs-wasm/' })); // in Node: wasm()
 * ```
 */
export function wasm(options: WasmOptions = {}): BackendSpec {
  return {
    specVersion: BACKEND_SPEC_VERSION,
    name: 'wasm',
    tfBackendName: 'wasm',
    floatPrecision: 32,
    async load() {
      const tfWasm = await import('@tensorflow/tfjs-backend-wasm');
      if (options.wasmPaths !== undefined) await setWasmPaths(options.wasmPaths, tfWasm);
      registerTrainingKernels();
    },
  };
}

/**
 * Tells the wasm backend where its `.wasm` files are served (call before `useBackend`).
 * Bundlers copy `node_modules/@tensorflow/tfjs-backend-wasm/dist/*.wasm` to a public folder.
 *
 * @example
 * ```ts
 * await setWasmPaths('/assets/tfjs-wasm/');
 * ```
 */
export async function setWasmPaths(
  paths: string | Readonly<Record<string, string>>,
  module?: typeof import('@tensorflow/tfjs-backend-wasm'),
): Promise<void> {
  const tfWasm = module ?? (await import('@tensorflow/tfjs-backend-wasm'));
  tfWasm.setWasmPaths(paths as Parameters<typeof tfWasm.setWasmPaths>[0]);
}
