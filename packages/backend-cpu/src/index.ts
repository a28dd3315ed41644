import * as tf from '@tensorflow/tfjs-core';
import { BACKEND_SPEC_VERSION, type BackendSpec } from '@saddle/core';

/**
 * tfjs's plain-JavaScript `cpu` backend: runs everywhere, float32, slow; the reference that
 * other backends are tested against.
 *
 * @example
 * ```ts
 * import { useBackend } from '@saddle/core';
 * import { cpu } from '@saddle/backend-cpu';
 * await useBackend(cpu());
 * ```
 */
export function cpu(): BackendSpec {
  return {
    specVersion: BACKEND_SPEC_VERSION,
    name: 'cpu',
    tfBackendName: 'cpu',
    floatPrecision: 32,
    async load() {
      await import('@tensorflow/tfjs-backend-cpu');
      silenceNodeAdvice();
    },
  };
}

/**
 * The cpu backend prints "install tfjs-node" on its first write in Node; Saddle's backend choice
 * is explicit, so the advice is noise. Marking that first use done silences only this message.
 */
function silenceNodeAdvice(): void {
  const backend = tf.findBackend('cpu') as { firstUse?: boolean } | null;
  if (backend !== null) backend.firstUse = false;
}
