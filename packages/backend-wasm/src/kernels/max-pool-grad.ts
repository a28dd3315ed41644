import {
  backend_util,
  MaxPoolGrad,
  type KernelConfig,
  type KernelFunc,
  type MaxPoolGradAttrs,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/**
 * The input gradient of `maxPool` with tfjs-backend-cpu's tie rule: each output passes its
 * gradient to the first maximum of its window in row-major order (a later value must be strictly
 * greater to win; a window of NaN or −∞ passes none):
 *
 *   dX[b, i, j, c] = Σ_{y,x : first argmax of X[b, window(y, x), c] is (i, j)} dY[b, y, x, c]
 *
 * It replaces tfjs-backend-wasm 4.22's MaxPoolGrad, which loses gradient on ties (a 2×2/2 pool
 * of integer-valued inputs gets a gradient sum below the number of outputs). Sums accumulate in
 * float64 in dY order, as the cpu kernel's do, so the two agree exactly.
 */
function maxPoolGrad({ inputs, backend, attrs }: {
  inputs: { dy: TensorInfo; input: TensorInfo };
  backend: BackendWasm;
  attrs: MaxPoolGradAttrs;
}): TensorInfo {
  const { dy, input } = inputs;
  const { filterSize, strides, pad, dimRoundingMode } = attrs;
  const info = backend_util.computePool2DInfo(
    input.shape as [number, number, number, number], filterSize, strides, 1, pad, dimRoundingMode,
  );
  const { batchSize, inHeight, inWidth, inChannels: channels, outHeight, outWidth } = info;
  const xs = backend.typedArrayFromHeap(input);
  const dys = backend.typedArrayFromHeap(dy);
  const dx = new Float64Array(xs.length);
  let o = 0;
  for (let b = 0; b < batchSize; b++) {
    for (let y = 0; y < outHeight; y++) {
      const top = y * info.strideHeight - info.padInfo.top;
      const rowEnd = Math.min(inHeight, top + info.effectiveFilterHeight);
      for (let x = 0; x < outWidth; x++) {
        const left = x * info.strideWidth - info.padInfo.left;
        const colEnd = Math.min(inWidth, left + info.effectiveFilterWidth);
        for (let c = 0; c < channels; c++, o++) {
          let max = -Infinity;
          let at = -1;
          for (let i = Math.max(0, top); i < rowEnd; i++) {
            for (let j = Math.max(0, left); j < colEnd; j++) {
              const k = ((b * inHeight + i) * inWidth + j) * channels + c;
              const v = xs[k] as number;
              if (v > max) {
                max = v;
                at = k;
              }
            }
          }
          if (at >= 0) dx[at]! += dys[o]!;
        }
      }
    }
  }
  // Allocate only after reading: growing the wasm heap detaches the views above.
  return backend.makeOutput(input.shape, 'float32', undefined, Float32Array.from(dx));
}

/** `MaxPoolGrad` for the wasm backend, replacing tfjs's. */
export const maxPoolGradConfig: KernelConfig = {
  kernelName: MaxPoolGrad,
  backendName: 'wasm',
  kernelFunc: maxPoolGrad as unknown as KernelFunc,
};
