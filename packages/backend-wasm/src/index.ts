export { wasm, setWasmPaths } from './wasm.js';
export type { WasmOptions } from './wasm.js';
