import * as tf from '@tensorflow/tfjs-core';
import { BACKEND_SPEC_VERSION, SaddleError, type BackendSpec } from '@saddle/core';

/**
 * tfjs's WebGL backend: kernels run as fragment shaders on the GPU, in the browser (a page or a
 * Web Worker with `OffscreenCanvas`). Float precision is the GPU's: 32 bits where it renders to
 * float32 textures, 16 on some mobile GPUs — `floatPrecision` reads it once the backend is loaded,
 * so `toleranceFor(spec)` widens tests' tolerances there.
 *
 * @example
 * ```ts
 * import { useBackend } from '@saddle/core';
 * import { webgl } from '@saddle/backend-webgl';
 * await useBackend(webgl());
 * ```
 */
export function webgl(): BackendSpec {
  let loaded = false;
  return {
    specVersion: BACKEND_SPEC_VERSION,
    name: 'webgl',
    tfBackendName: 'webgl',
    get floatPrecision(): 16 | 32 {
      if (!loaded) return 32;
      return tf.env().getBool('WEBGL_RENDER_FLOAT32_ENABLED') ? 32 : 16;
    },
    async load() {
      if (!hasWebGL()) {
        throw new SaddleError('WebGL is not available in this runtime', {
          code: 'BACKEND_UNAVAILABLE', field: 'backend', value: 'webgl',
          fix: 'run in a browser with WebGL (or a Web Worker with OffscreenCanvas); in Node use the wasm or cpu backend',
        });
      }
      await import('@tensorflow/tfjs-backend-webgl');
      loaded = true;
    },
  };
}

/** Whether this runtime can create a WebGL context: a DOM canvas or an `OffscreenCanvas`. */
function hasWebGL(): boolean {
  const canvas = typeof OffscreenCanvas !== 'undefined'
    ? new OffscreenCanvas(1, 1)
    : typeof document !== 'undefined' ? document.createElement('canvas') : undefined;
  if (canvas === undefined) return false;
  return canvas.getContext('webgl2') !== null || canvas.getContext('webgl') !== null;
}
