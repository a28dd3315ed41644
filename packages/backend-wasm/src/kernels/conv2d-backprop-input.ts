import {
  backend_util,
  Conv2DBackpropInput,
  type Conv2DBackpropInputAttrs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { withWasmOps } from '../internal/wasm-ops.js';

type Shape4 = [number, number, number, number];

/** At most this many floats (64 MiB) of columns at a time: larger batches run in chunks of images. */
export const MAX_COLUMN_FLOATS = 2 ** 24;

/**
 * The input gradient of `conv2d`, which is also `conv2dTranspose`'s forward pass. tfjs-backend-wasm
 * 4.22 runs it as a scalar C++ loop (about 1 GFLOP/s); this one is one matrix product on
 * XNNPACK and a scatter-add (col2im). With i = y·s_h + kh − pad_top, j = x·s_w + kw − pad_left
 * (NHWC shown; W is [fh, fw, C_in, C_out]):
 *
 *   cols[(b, y, x), (kh, kw, ci)] = Σ_co dY[b, y, x, co] · W[kh, kw, ci, co]      (dY·Wᵀ)
 *   dX[b, i, j, ci] = Σ_{(y, kh) → i, (x, kw) → j} cols[(b, y, x), (kh, kw, ci)]  (col2im)
 *
 * Every product is made once (a transposed conv as a padded forward conv wastes the products
 * with inserted zeros), and the product is the shape XNNPACK's GEMM runs fastest. The scatter
 * adds fh·fw·C_in values per dY pixel; it runs as tfjs's `ScatterNd` (C++, which sums rows sent
 * to the same index), ≈ 3× faster than the same loop in JS. tfjs gives this kernel no dilation.
 */
function conv2dBackpropInput({ inputs, backend, attrs }: {
  inputs: { dy: TensorInfo; filter: TensorInfo };
  backend: BackendWasm;
  attrs: Conv2DBackpropInputAttrs;
}): TensorInfo {
  const { dy, filter } = inputs;
  const { strides, pad, dataFormat, dimRoundingMode, inputShape } = attrs;
  const info = backend_util.computeConv2DInfo(
    inputShape, filter.shape as Shape4, strides, 1, pad, dimRoundingMode, false,
    backend_util.convertConv2DDataFormat(dataFormat),
  );
  const channelsLast = info.dataFormat === 'channelsLast';
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: ci, outChannels: co, outHeight: oh, outWidth: ow } = info;
  const { filterHeight: fh, filterWidth: fw } = info;
  const pixels = oh * ow;
  const taps = fh * fw;
  const chunk = Math.max(1, Math.floor(MAX_COLUMN_FLOATS / (pixels * taps * ci)));
  return withWasmOps(backend, (ops) => {
    const rows = ops.reshape(channelsLast ? dy : ops.transpose(dy, [0, 2, 3, 1]), [1, n * pixels, co]);
    const weights = ops.reshape(filter, [1, taps * ci, co]);
    const dX = chunk >= n ? undefined : ops.output([n, h, w, ci]);
    let whole: TensorInfo | undefined;
    for (let b0 = 0; b0 < n; b0 += chunk) {
      const images = Math.min(chunk, n - b0);
      const part = images === n ? rows : ops.slice(rows, [0, b0 * pixels, 0], [1, images * pixels, co]);
      const product = ops.matMul(part, weights, false, true);
      const cols = ops.reshape(product, [images * pixels * taps, ci]);
      const indices = ops.output([images * pixels * taps, 1], 'int32');
      col2imIndices(ops.indexView(indices), ops.view(cols), images, info);
      const sum = ops.scatterAddRows(indices, cols, images * h * w);
      if (dX === undefined) {
        whole = sum;
      } else {
        ops.view(dX).set(ops.view(sum), b0 * h * w * ci);
        for (const t of [product, cols, indices, sum]) ops.free(t);
      }
      if (part !== rows) ops.free(part);
    }
    const out = dX ?? ops.reshape(whole!, [n, h, w, ci]);
    return channelsLast ? out : ops.transpose(out, [0, 3, 1, 2]);
  });
}

/**
 * col2im as a scatter of the rows of cols ([(b, y, x, kh, kw), C_in]): indices[(b, y, x, kh, kw)]
 * is the pixel (b, i, j) of dX the tap lands on. A tap outside the image has no pixel: its row of
 * cols is zeroed and sent to pixel 0, where adding it changes nothing.
 */
function col2imIndices(indices: Int32Array, cols: Float32Array, images: number, info: backend_util.Conv2DInfo): void {
  const { inHeight: h, inWidth: w, inChannels: c, outHeight: oh, outWidth: ow, filterHeight: fh, filterWidth: fw } = info;
  const { strideHeight: sh, strideWidth: sw } = info;
  const { top, left } = info.padInfo;
  let u = 0;
  for (let b = 0; b < images; b++) {
    for (let y = 0; y < oh; y++) {
      for (let x = 0; x < ow; x++) {
        for (let kh = 0; kh < fh; kh++) {
          const i = y * sh + kh - top;
          for (let kw = 0; kw < fw; kw++, u++) {
            const j = x * sw + kw - left;
            if (i < 0 || i >= h || j < 0 || j >= w) {
              indices[u] = 0;
              cols.fill(0, u * c, (u + 1) * c);
            } else {
              indices[u] = (b * h + i) * w + j;
            }
          }
        }
      }
    }
  }
}

/** `Conv2DBackpropInput` for the wasm backend, replacing tfjs's scalar loop. */
export const conv2dBackpropInputConfig: KernelConfig = {
  kernelName: Conv2DBackpropInput,
  backendName: 'wasm',
  kernelFunc: conv2dBackpropInput as unknown as KernelFunc,
};
