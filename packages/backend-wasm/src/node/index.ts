export { wasmFiles } from './wasm-files.js';
