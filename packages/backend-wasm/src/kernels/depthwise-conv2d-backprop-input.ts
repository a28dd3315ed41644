import {
  backend_util,
  DepthwiseConv2dNativeBackpropInput,
  type DepthwiseConv2dNativeBackpropInputAttrs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { withWasmOps } from '../internal/wasm-ops.js';

/**
 * The input gradient of `depthwiseConv2d`, which tfjs-backend-wasm 4.22 does not register. With
 * channel multiplier M, summing over the taps (kh, kw) and outputs (y, x) where
 * i = y·s_h + kh·d_h − pad_top and j = x·s_w + kw·d_w − pad_left:
 *
 *   dX[b, i, j, ci] = Σ_{kh,kw,m} dY[b, y, x, ci·M + m] · W[kh, kw, ci, m]
 *
 * That is a forward depthwise conv (dilation d, stride 1) of dY spread out by the stride (zeros
 * between rows and columns) with the spatially flipped filter, one output channel per (ci, m),
 * then a sum over m. XNNPACK does the products.
 */
function depthwiseConv2dBackpropInput({ inputs, backend, attrs }: {
  inputs: { dy: TensorInfo; filter: TensorInfo };
  backend: BackendWasm;
  attrs: DepthwiseConv2dNativeBackpropInputAttrs;
}): TensorInfo {
  const { dy, filter } = inputs;
  const { strides, dilations, pad, dimRoundingMode, inputShape } = attrs;
  const info = backend_util.computeConv2DInfo(
    inputShape, filter.shape as [number, number, number, number], strides, dilations, pad, dimRoundingMode, true,
  );
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: c, outHeight: oh, outWidth: ow } = info;
  const { strideHeight: sh, strideWidth: sw, effectiveFilterHeight: eh, effectiveFilterWidth: ew } = info;
  const cm = info.outChannels;
  return withWasmOps(backend, (ops) => {
    // dY[b, y, x] moves to [b, y·s_h, x·s_w]: pad a unit axis after each spatial axis, then merge.
    const spread = sh === 1 && sw === 1 ? dy : ops.reshape(
      ops.pad(ops.reshape(dy, [n, oh, 1, ow, 1, cm]), [[0, 0], [0, 0], [0, sh - 1], [0, 0], [0, sw - 1], [0, 0]]),
      [n, oh * sh, ow * sw, cm],
    );
    const flipped = ops.reshape(ops.reverse(filter, [0, 1]), [info.filterHeight, info.filterWidth, cm, 1]);
    // Tap k of the flipped filter at output i reads spread row i + k·d − top; top = eh − 1 − pad_top
    // lines it up with the forward pass, bottom makes the output h rows (negative values crop).
    const top = eh - 1 - info.padInfo.top;
    const left = ew - 1 - info.padInfo.left;
    const dX = ops.conv(
      'DepthwiseConv2dNative', spread, flipped, [1, 1], [info.dilationHeight, info.dilationWidth],
      [top, h + eh - 1 - oh * sh - top, left, w + ew - 1 - ow * sw - left],
    );
    return cm === c ? dX : ops.sum(ops.reshape(dX, [n, h, w, c, cm / c]), 4);
  });
}

/** `DepthwiseConv2dNativeBackpropInput` for the wasm backend. */
export const depthwiseConv2dBackpropInputConfig: KernelConfig = {
  kernelName: DepthwiseConv2dNativeBackpropInput,
  backendName: 'wasm',
  kernelFunc: depthwiseConv2dBackpropInput as unknown as KernelFunc,
};
