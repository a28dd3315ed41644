import {
  backend_util,
  getKernel,
  type KernelConfig,
  type NamedAttrMap,
  type NamedTensorInfoMap,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/** Spatial padding `[top, bottom, left, right]`; a negative side crops that many rows or columns. */
export type SpatialPad = readonly [number, number, number, number];

/** The wasm backend's own kernels, on backend data (NHWC), for composing kernels from kernels. */
export interface WasmOps {
  transpose(x: TensorInfo, perm: number[]): TensorInfo;
  reshape(x: TensorInfo, shape: number[]): TensorInfo;
  pad(x: TensorInfo, paddings: Array<[number, number]>): TensorInfo;
  reverse(x: TensorInfo, dims: number[]): TensorInfo;
  sum(x: TensorInfo, axis: number): TensorInfo;
  slice(x: TensorInfo, begin: number[], size: number[]): TensorInfo;
  /** The registered `BatchMatMul` (Saddle's, once `registerTrainingKernels` has run). */
  matMul(a: TensorInfo, b: TensorInfo, transposeA: boolean, transposeB: boolean): TensorInfo;
  /**
   * `ScatterNd` with 1-element indices into a `[rows, c]` output: zeros, then out[indices[u]] +=
   * updates[u] for each row u of updates (`[U, c]`), in order: a scatter-add in C++.
   */
  scatterAddRows(indices: TensorInfo, updates: TensorInfo, rows: number): TensorInfo;
  /** A new float32 (or int32) tensor on the wasm heap, contents unset, for a kernel that writes it from JS. */
  output(shape: number[], dtype?: 'float32' | 'int32'): TensorInfo;
  /**
   * A float32 view of `x`'s data on the wasm heap. Any later allocation may grow the heap and
   * detach the view: take views after the last `output`/kernel call that precedes their use.
   */
  view(x: TensorInfo): Float32Array;
  /** An int32 view of `x`'s data on the wasm heap, under the same rule as `view`. */
  indexView(x: TensorInfo): Int32Array;
  /** Frees an intermediate before the body ends (to bound peak memory in a loop). */
  free(x: TensorInfo): void;
  /** A forward convolution on XNNPACK with signed padding: negative sides crop `x` first. */
  conv(
    kind: 'Conv2D' | 'DepthwiseConv2dNative',
    x: TensorInfo,
    filter: TensorInfo,
    strides: [number, number],
    dilations: [number, number],
    pad: SpatialPad,
  ): TensorInfo;
}

/**
 * Runs `body` with the wasm kernels and frees every intermediate it made except the one it
 * returns: `tf.tidy` for backend data. Calling kernels directly (not tf ops) keeps them off the
 * engine and its tape. Each kernel result holds one reference on its data (Reshape shares data
 * and takes a reference), so one `disposeData` per result balances it. `body` must return a
 * result it made, never one of its inputs: the engine takes over exactly one reference.
 */
export function withWasmOps(backend: BackendWasm, body: (ops: WasmOps) => TensorInfo): TensorInfo {
  const made: TensorInfo[] = [];
  const run = (name: string, inputs: NamedTensorInfoMap, attrs: NamedAttrMap): TensorInfo => {
    const kernel: KernelConfig | undefined = getKernel(name, 'wasm');
    if (kernel === undefined) throw new Error(`wasm kernel ${name} is not registered`);
    const out = kernel.kernelFunc({ inputs, attrs, backend }) as TensorInfo;
    made.push(out);
    return out;
  };
  const ops: WasmOps = {
    transpose: (x, perm) => run('Transpose', { x }, { perm }),
    reshape: (x, shape) => run('Reshape', { x }, { shape }),
    pad: (x, paddings) => run('PadV2', { x }, { paddings, constantValue: 0 }),
    reverse: (x, dims) => run('Reverse', { x }, { dims }),
    sum: (x, axis) => run('Sum', { x }, { axis, keepDims: false }),
    slice: (x, begin, size) => run('Slice', { x }, { begin, size }),
    matMul: (a, b, transposeA, transposeB) => run('BatchMatMul', { a, b }, { transposeA, transposeB }),
    scatterAddRows: (indices, updates, rows) => run('ScatterNd', { indices, updates }, { shape: [rows, updates.shape[1]!] }),
    output(shape, dtype = 'float32') {
      const out = backend.makeOutput(shape, dtype);
      made.push(out);
      return out;
    },
    view: (x) => backend.typedArrayFromHeap(x) as Float32Array,
    indexView: (x) => backend.typedArrayFromHeap(x) as Int32Array,
    free(x) {
      const i = made.indexOf(x);
      if (i < 0) throw new Error('withWasmOps: free() takes only an intermediate made in this body');
      made.splice(i, 1);
      backend.disposeData(x.dataId);
    },
    conv(kind, x, filter, strides, dilations, [top, bottom, left, right]) {
      const [n, h, w, c] = x.shape as [number, number, number, number];
      const [cropTop, cropBottom, cropLeft, cropRight] = [top, bottom, left, right].map((p) => Math.max(0, -p)) as [number, number, number, number];
      const input = cropTop + cropBottom + cropLeft + cropRight === 0 ? x : run('Slice', { x }, {
        begin: [0, cropTop, cropLeft, 0],
        size: [n, h - cropTop - cropBottom, w - cropLeft - cropRight, c],
      });
      const pad = [[0, 0], [Math.max(0, top), Math.max(0, bottom)], [Math.max(0, left), Math.max(0, right)], [0, 0]];
      return run(kind, { x: input, filter }, { strides, dilations, pad, dataFormat: 'NHWC' });
    },
  };
  let result: TensorInfo | undefined;
  try {
    result = body(ops);
    return result;
  } finally {
    for (const t of made) if (t !== result) backend.disposeData(t.dataId);
  }
}

/**
 * The padding of a filter gradient computed as a forward convolution (data as the input, dY as
 * the filter, stride and dilation swapped): the forward's top and left, and the bottom and right
 * that make its output exactly the filter's size — negative where the forward pass never reached
 * the last rows or columns of its input.
 */
export function filterGradPadding(info: backend_util.Conv2DInfo): SpatialPad {
  const extent = (filter: number, dilation: number, out: number, stride: number) => (filter - 1) * dilation + (out - 1) * stride + 1;
  return [
    info.padInfo.top,
    extent(info.filterHeight, info.dilationHeight, info.outHeight, info.strideHeight) - info.inHeight - info.padInfo.top,
    info.padInfo.left,
    extent(info.filterWidth, info.dilationWidth, info.outWidth, info.strideWidth) - info.inWidth - info.padInfo.left,
  ];
}
