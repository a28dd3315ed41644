import { cpu } from '@saddle/backend-cpu';
import { wasm } from '@saddle/backend-wasm';
import { webgl } from '@saddle/backend-webgl';
import type { BackendSpec } from '@saddle/core';
import type { BackendName } from './state.js';

/**
 * The page's backend names to specs: the same `BackendSpec`s as in Node. `wasmBase` is the URL
 * of the folder the build copies tfjs-backend-wasm's `.wasm` files to.
 */
export function backendSpec(name: BackendName, wasmBase: string): BackendSpec {
  if (name === 'wasm') return wasm({ wasmPaths: wasmBase });
  if (name === 'webgl') return webgl();
  return cpu();
}
