import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@saddle/core';
import { activeBackends, BACKENDS_ENV } from '@saddle/testing';

/**
 * Test support: runs `f` on the named backend, returns its outputs' values on the host and
 * switches back to the backend that was active. `f`'s tensors are all disposed, so a test can
 * compute the same function on wasm and on the cpu reference and keep its tensor count flat.
 */
export async function valuesOn(backend: 'cpu' | 'wasm', f: () => tf.Tensor[]): Promise<Float32Array[]> {
  const previous = tf.getBackend();
  const [spec] = activeBackends({ [BACKENDS_ENV]: backend });
  if (spec === undefined) throw new Error(`no backend spec for ${backend}`);
  await useBackend(spec);
  try {
    const outputs = tf.tidy(f);
    try {
      return await Promise.all(outputs.map(async (t) => Float32Array.from(await t.data())));
    } finally {
      tf.dispose(outputs);
    }
  } finally {
    await tf.setBackend(previous);
  }
}
