export { wasm, setWasmPaths } from './wasm.js';
export type { WasmOptions } from './wasm.js';
export { WASM_FILE_NAMES } from './wasm-file-names.js';
export type { WasmFileName } from './wasm-file-names.js';
