/**
 * The binaries tfjs-backend-wasm 4.22 fetches at load time: plain, SIMD, and SIMD with threads
 * (used only on cross-origin-isolated pages). Serve all three from the `setWasmPaths` prefix.
 *
 * @example
 * ```ts
 * WASM_FILE_NAMES.map((name) => `/assets/tfjs-wasm/${name}`);
 * ```
 */
export const WASM_FILE_NAMES = [
  'tfjs-backend-wasm.wasm',
  'tfjs-backend-wasm-simd.wasm',
  'tfjs-backend-wasm-threaded-simd.wasm',
] as const;

/**
 * One of `WASM_FILE_NAMES`.
 *
 * @example
 * ```ts
 * const simd: WasmFileName = 'tfjs-backend-wasm-simd.wasm';
 * ```
 */
export type WasmFileName = (typeof WASM_FILE_NAMES)[number];
