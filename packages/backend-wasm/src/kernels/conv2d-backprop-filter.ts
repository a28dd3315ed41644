import {
  backend_util,
  Conv2DBackpropFilter,
  type Conv2DBackpropFilterAttrs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { im2colTransposed, stridesOf, swapOuterAxes } from '../internal/heap-layout.js';
import { filterGradPadding, withWasmOps, type WasmOps } from '../internal/wasm-ops.js';
import { MAX_COLUMN_FLOATS } from './conv2d-backprop-input.js';

type Shape4 = [number, number, number, number];

/**
 * How dW is computed: `'columns'`, one matrix product of the transposed columns of X with dY;
 * `'conv'`, a forward conv2d of X with dY as the filter.
 */
export type FilterGradRoute = 'columns' | 'conv';

/**
 * Inputs with at most this many channels (images: 1 or 3) take the `'columns'` route. There the
 * conv route's product has only fh·fw·C_in output rows against dY's N·OH·OW·C_out weights, and
 * costs about 3× a forward conv with the same products (DCGAN's first layer); the columns route
 * takes 1.3–1.8× less (batch 32 and 64, 1 and 3 channels; ≈ 1.1× at 8). From 16 channels the
 * columns (gathered in JS, ≈ 5 ns per float) cost more than the conv route's layout changes.
 */
export const COLUMNS_MAX_CHANNELS = 8;

/** The route a filter gradient takes: columns for inputs with few channels, else conv. */
export function filterGradRoute(info: backend_util.Conv2DInfo): FilterGradRoute {
  return info.inChannels <= COLUMNS_MAX_CHANNELS ? 'columns' : 'conv';
}

/**
 * dW by columns: with cols the im2col of X, [N·OH·OW, fh·fw·C_in], and dY as [N·OH·OW, C_out],
 *
 *   dW[(kh, kw, ci), co] = Σ_{(b, y, x)} colsT[(kh, kw, ci), (b, y, x)] · dY[(b, y, x), co]
 *
 * colsT is written transposed in JS so the product is a plain one on XNNPACK's fully connected
 * path (dY its weights), whose [fh·fw·C_in, C_out] result is already dW's layout. Batches whose
 * columns exceed MAX_COLUMN_FLOATS run in chunks of images whose products are summed.
 */
function byColumns(ops: WasmOps, x: TensorInfo, dy: TensorInfo, info: backend_util.Conv2DInfo): TensorInfo {
  const { batchSize: n, inChannels: ci, outChannels: co, outHeight: oh, outWidth: ow, filterHeight: fh, filterWidth: fw } = info;
  const pixels = oh * ow;
  const taps = fh * fw * ci;
  const chunk = Math.max(1, Math.floor(MAX_COLUMN_FLOATS / (pixels * taps)));
  const rows = ops.reshape(info.dataFormat === 'channelsLast' ? dy : ops.transpose(dy, [0, 2, 3, 1]), [1, n * pixels, co]);
  const strides = stridesOf(info);
  if (chunk >= n) return ops.reshape(ops.matMul(columns(ops, x, strides, 0, n, info), rows, false, false), [fh, fw, ci, co]);
  const dW = ops.output([fh, fw, ci, co]);
  ops.view(dW).fill(0);
  for (let b0 = 0; b0 < n; b0 += chunk) {
    const images = Math.min(chunk, n - b0);
    const cols = columns(ops, x, strides, b0, images, info);
    const part = ops.slice(rows, [0, b0 * pixels, 0], [1, images * pixels, co]);
    const product = ops.matMul(cols, part, false, false);
    const [sum, add] = [ops.view(dW), ops.view(product)];
    for (let i = 0; i < sum.length; i++) sum[i]! += add[i]!;
    for (const t of [cols, part, product]) ops.free(t);
  }
  return dW;
}

/** The transposed columns of `images` images from `b0`, [1, fh·fw·C_in, images·OH·OW]. */
function columns(ops: WasmOps, x: TensorInfo, strides: ReturnType<typeof stridesOf>, b0: number, images: number, info: backend_util.Conv2DInfo): TensorInfo {
  const cols = ops.output([1, info.filterHeight * info.filterWidth * info.inChannels, images * info.outHeight * info.outWidth]);
  im2colTransposed(ops.view(cols), ops.view(x), strides, b0, images, info);
  return cols;
}

/**
 * Inputs of at least this many floats have their axes swapped in JS for the conv route:
 * tfjs-backend-wasm's `Transpose` costs ≈ 7 ns per float on DCGAN's [64, 16, 16, 64] (JS: ≈ 2.4)
 * and ≈ 3 ns on its [32, 16, 16, 64] (JS: ≈ 2.2), but ≈ 1 ns on inputs of 2¹⁸ floats (JS: ≈ 2).
 */
export const JS_TRANSPOSE_MIN_FLOATS = 2 ** 19;

/**
 * dW by conv: read with `ci` as the batch and `b` as the channel, the sum defining dW is a
 * forward conv2d of X′[ci, h, w, b] with dY′[y, x, b, co] as the filter, stride 1 and dilation s
 * (stride and dilation swap roles), giving dW′[ci, kh, kw, co]. X′ is X with its outer axes
 * swapped (NHWC as [N, H·W, C_in]; NCHW as [N, 1, C_in·H·W]).
 */
function byConv(ops: WasmOps, x: TensorInfo, dy: TensorInfo, info: backend_util.Conv2DInfo): TensorInfo {
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: ci } = info;
  const channelsLast = info.dataFormat === 'channelsLast';
  let xT: TensorInfo;
  if (n * h * w * ci >= JS_TRANSPOSE_MIN_FLOATS) {
    xT = ops.output([ci, h, w, n]);
    swapOuterAxes(ops.view(xT), ops.view(x), n, channelsLast ? h * w : 1, channelsLast ? ci : ci * h * w);
  } else {
    xT = ops.transpose(x, channelsLast ? [3, 1, 2, 0] : [1, 2, 3, 0]);
  }
  const dyT = ops.transpose(dy, channelsLast ? [1, 2, 0, 3] : [2, 3, 0, 1]);
  const dW = ops.conv('Conv2D', xT, dyT, [1, 1], [info.strideHeight, info.strideWidth], filterGradPadding(info));
  return ops.transpose(dW, [1, 2, 0, 3]);
}

/**
 * The filter gradient of `conv2d`, which tfjs-backend-wasm 4.22 does not register (so no conv
 * net could train on wasm). With X zero outside the image (NHWC shown; NCHW likewise):
 *
 *   dW[kh, kw, ci, co] = Σ_{b,y,x} X[b, y·s_h + kh − pad_top, x·s_w + kw − pad_left, ci] · dY[b, y, x, co]
 *
 * computed on XNNPACK by one of two routes (`filterGradRoute`), not in a JS loop. tfjs gives
 * this kernel no dilation (its conv2d gradient refuses dilated convolutions).
 */
function conv2dBackpropFilter(
  { inputs, backend, attrs }: { inputs: { x: TensorInfo; dy: TensorInfo }; backend: BackendWasm; attrs: Conv2DBackpropFilterAttrs },
  route?: FilterGradRoute,
): TensorInfo {
  const { x, dy } = inputs;
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs;
  const info = backend_util.computeConv2DInfo(
    x.shape as Shape4, filterShape, strides, 1, pad, dimRoundingMode, false,
    backend_util.convertConv2DDataFormat(dataFormat),
  );
  const via = route ?? filterGradRoute(info);
  return withWasmOps(backend, (ops) => (via === 'columns' ? byColumns : byConv)(ops, x, dy, info));
}

/**
 * Test and benchmark support: `Conv2DBackpropFilter`'s kernel function forced onto one route.
 *
 * @example
 * ```ts
 * const dW = conv2dBackpropFilterVia('columns')({ inputs: { x, dy }, backend, attrs });
 * ```
 */
export function conv2dBackpropFilterVia(route: FilterGradRoute): KernelFunc {
  return ((args: Parameters<typeof conv2dBackpropFilter>[0]) => conv2dBackpropFilter(args, route)) as unknown as KernelFunc;
}

/** `Conv2DBackpropFilter` for the wasm backend. */
export const conv2dBackpropFilterConfig: KernelConfig = {
  kernelName: Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: ((args: Parameters<typeof conv2dBackpropFilter>[0]) => conv2dBackpropFilter(args)) as unknown as KernelFunc,
};
