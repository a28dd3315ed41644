import {
  backend_util,
  Conv2DBackpropFilter,
  type Conv2DBackpropFilterAttrs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { filterGradPadding, withWasmOps } from '../internal/wasm-ops.js';

type Shape4 = [number, number, number, number];

/**
 * The filter gradient of `conv2d`, which tfjs-backend-wasm 4.22 does not register (so no conv
 * net could train on wasm). With X zero outside the image (NHWC shown; NCHW likewise):
 *
 *   dW[kh, kw, ci, co] = Σ_{b,y,x} X[b, y·s_h + kh − pad_top, x·s_w + kw − pad_left, ci] · dY[b, y, x, co]
 *
 * Read with `ci` as the batch and `b` as the channel, the right side is itself a forward conv2d
 * of X′[ci, h, w, b] with dY′[y, x, b, co] as the filter, stride 1 and dilation s (stride and
 * dilation swap roles), giving dW′[ci, kh, kw, co]. So it runs on XNNPACK, not in a JS loop.
 * tfjs gives this kernel no dilation (its conv2d gradient refuses dilated convolutions).
 */
function conv2dBackpropFilter({ inputs, backend, attrs }: {
  inputs: { x: TensorInfo; dy: TensorInfo };
  backend: BackendWasm;
  attrs: Conv2DBackpropFilterAttrs;
}): TensorInfo {
  const { x, dy } = inputs;
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs;
  const info = backend_util.computeConv2DInfo(
    x.shape as Shape4, filterShape, strides, 1, pad, dimRoundingMode, false,
    backend_util.convertConv2DDataFormat(dataFormat),
  );
  const channelsLast = info.dataFormat === 'channelsLast';
  return withWasmOps(backend, (ops) => {
    const xT = ops.transpose(x, channelsLast ? [3, 1, 2, 0] : [1, 2, 3, 0]);
    const dyT = ops.transpose(dy, channelsLast ? [1, 2, 0, 3] : [2, 3, 0, 1]);
    const dW = ops.conv('Conv2D', xT, dyT, [1, 1], [info.strideHeight, info.strideWidth], filterGradPadding(info));
    return ops.transpose(dW, [1, 2, 0, 3]);
  });
}

/** `Conv2DBackpropFilter` for the wasm backend. */
export const conv2dBackpropFilterConfig: KernelConfig = {
  kernelName: Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: conv2dBackpropFilter as unknown as KernelFunc,
};
