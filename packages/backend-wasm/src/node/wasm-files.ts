import { createRequire } from 'node:module';
import { WASM_FILE_NAMES, type WasmFileName } from '../wasm-file-names.js';

const require = createRequire(import.meta.url);

/**
 * Where the installed tfjs-backend-wasm keeps its `.wasm` binaries: file name → absolute path.
 * Build scripts copy them next to a bundled app, which then calls `setWasmPaths` with the URL
 * prefix they are served under (Node itself needs neither).
 *
 * @example
 * ```ts
 * import { copyFile } from 'node:fs/promises';
 * import { wasmFiles } from '@saddle/backend-wasm/node';
 * for (const [name, path] of Object.entries(wasmFiles())) await copyFile(path, `dist/tfjs-wasm/${name}`);
 * ```
 */
export function wasmFiles(): Record<WasmFileName, string> {
  return Object.fromEntries(
    WASM_FILE_NAMES.map((name) => [name, require.resolve(`@tensorflow/tfjs-backend-wasm/dist/${name}`)]),
  ) as Record<WasmFileName, string>;
}
