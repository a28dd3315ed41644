import {
  backend_util,
  DepthwiseConv2dNativeBackpropFilter,
  type DepthwiseConv2dNativeBackpropFilterAttrs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { filterGradPadding, withWasmOps } from '../internal/wasm-ops.js';

type Shape4 = [number, number, number, number];

/**
 * The filter gradient of `depthwiseConv2d`, which tfjs-backend-wasm 4.22 does not register. With
 * channel multiplier M, output channel `ci·M + m`, and X zero outside the image:
 *
 *   dW[kh, kw, ci, m] = Σ_{b,y,x} X[b, y·s_h + kh·d_h − pad_top, x·s_w + kw·d_w − pad_left, ci] · dY[b, y, x, ci·M + m]
 *
 * Folding the batch into the channels, X′[1, h, w, b·C + ci] and dY′[y, x, b·C + ci, m], the sum
 * over (y, x) is a forward depthwise conv with dY′ as the filter, stride d and dilation s; its
 * output [1, kh, kw, (b·C + ci)·M + m] is then summed over b. XNNPACK does the products.
 */
function depthwiseConv2dBackpropFilter({ inputs, backend, attrs }: {
  inputs: { x: TensorInfo; dy: TensorInfo };
  backend: BackendWasm;
  attrs: DepthwiseConv2dNativeBackpropFilterAttrs;
}): TensorInfo {
  const { x, dy } = inputs;
  const { strides, dilations, pad, dimRoundingMode, filterShape } = attrs;
  const info = backend_util.computeConv2DInfo(x.shape as Shape4, filterShape, strides, dilations, pad, dimRoundingMode, true);
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: c, filterHeight: fh, filterWidth: fw } = info;
  const m = info.outChannels / c;
  return withWasmOps(backend, (ops) => {
    const xT = ops.reshape(ops.transpose(x, [1, 2, 0, 3]), [1, h, w, n * c]);
    const dyT = ops.reshape(ops.transpose(dy, [1, 2, 0, 3]), [info.outHeight, info.outWidth, n * c, m]);
    const perImage = ops.conv(
      'DepthwiseConv2dNative', xT, dyT,
      [info.dilationHeight, info.dilationWidth], [info.strideHeight, info.strideWidth], filterGradPadding(info),
    );
    const dW = n === 1 ? perImage : ops.sum(ops.reshape(perImage, [fh * fw, n, c * m]), 1);
    return ops.reshape(dW, [fh, fw, c, m]);
  });
}

/** `DepthwiseConv2dNativeBackpropFilter` for the wasm backend. */
export const depthwiseConv2dBackpropFilterConfig: KernelConfig = {
  kernelName: DepthwiseConv2dNativeBackpropFilter,
  backendName: 'wasm',
  kernelFunc: depthwiseConv2dBackpropFilter as unknown as KernelFunc,
};
