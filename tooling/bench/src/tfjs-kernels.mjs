// tfjs-backend-wasm 4.22's own kernels for the names Saddle's @saddle/backend-wasm replaces for
// speed, kept so a benchmark can put them back: the "before" of the kernel work.
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@saddle/core';
import { wasm } from '@saddle/backend-wasm';

/** Kernels Saddle replaces for speed (its correctness and missing-kernel replacements stay). */
export const REPLACED_FOR_SPEED = ['Conv2DBackpropInput', 'Sum', 'Mean'];

/** Starts the wasm backend and returns both kernel sets: { tfjs, saddle }, by kernel name. */
export async function wasmWithBothKernelSets() {
  // Importing tfjs-backend-wasm registers its kernels; keep them before Saddle's replace them.
  await import('@tensorflow/tfjs-backend-wasm');
  const tfjs = Object.fromEntries(REPLACED_FOR_SPEED.map((n) => [n, tf.getKernel(n, 'wasm')]));
  await useBackend(wasm());
  const saddle = Object.fromEntries(REPLACED_FOR_SPEED.map((n) => [n, tf.getKernel(n, 'wasm')]));
  if (REPLACED_FOR_SPEED.some((n) => tfjs[n] === undefined || tfjs[n] === saddle[n])) throw new Error('Saddle’s kernels did not replace tfjs’s');
  return { tfjs, saddle };
}

/** Registers one kernel set; a kernel's setup binds its C++ function, so it is run again. */
export function useKernels(kernels) {
  for (const name of REPLACED_FOR_SPEED) {
    tf.unregisterKernel(name, 'wasm');
    tf.registerKernel(kernels[name]);
    kernels[name].setupFunc?.(tf.backend());
  }
}
