import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WASM_FILE_NAMES } from '../wasm-file-names.js';
import { wasmFiles } from './wasm-files.js';

describe('wasmFiles', () => {
  it('locates every binary tfjs-backend-wasm fetches, each a WebAssembly module', () => {
    const files = wasmFiles();
    expect(Object.keys(files).sort()).toEqual([...WASM_FILE_NAMES].sort());
    for (const [name, path] of Object.entries(files)) {
      expect(path.endsWith(`/${name}`), path).toBe(true);
      // Every WebAssembly binary starts with the magic number "\0asm".
      expect([...readFileSync(path).subarray(0, 4)], name).toEqual([0x00, 0x61, 0x73, 0x6d]);
    }
  });
});
