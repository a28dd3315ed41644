import {
  Mean,
  Sum,
  util,
  type KernelConfig,
  type KernelFunc,
  type NamedAttrMap,
  type SumAttrs,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

type Reduction = typeof Sum | typeof Mean;

/** tfjs-backend-wasm's own Sum and Mean, captured when ours replace them. */
const originals = new Map<string, KernelConfig>();

/**
 * Remembers tfjs-backend-wasm's `Sum` or `Mean` so the replacement can delegate to it. Called by
 * `registerTrainingKernels` with the kernel it is about to unregister (never ours).
 */
export function captureOriginalReduction(config: KernelConfig): void {
  if (config.kernelFunc === sumConfig.kernelFunc || config.kernelFunc === meanConfig.kernelFunc) return;
  originals.set(config.kernelName, config);
}

/**
 * `Sum` / `Mean` of a float32 tensor over its leading axes 0 … k−1, the reduction of every
 * per-channel statistic in NHWC (batch-norm moments, bias gradients):
 *
 *   out[c] = Σ_p x[p, c]   (Mean: divided by the number of rows p),   x viewed as [outer, inner]
 *
 * tfjs-backend-wasm 4.22 first transposes the reduced axes to the end (a full copy at data-movement
 * speed, most of the kernel's time on [64, 16, 16, 64]); this sums the rows in place in JS,
 * in float64, and rounds once to float32. Any other reduction goes to tfjs's kernel.
 */
function reduceLeading(kind: Reduction, { inputs, backend, attrs }: {
  inputs: { x: TensorInfo };
  backend: BackendWasm;
  attrs: SumAttrs;
}): TensorInfo {
  const { x } = inputs;
  const axes = util.parseAxisParam(attrs.axis, x.shape).sort((a, b) => a - b);
  const size = util.sizeFromShape(x.shape);
  if (x.dtype !== 'float32' || axes.length === 0 || size === 0 || axes.some((a, i) => a !== i)) {
    const original = originals.get(kind);
    if (original === undefined) throw new Error(`wasm ${kind}: the original tfjs kernel was not captured`);
    return original.kernelFunc({ inputs, backend, attrs: attrs as unknown as NamedAttrMap }) as TensorInfo;
  }
  const kept = x.shape.slice(axes.length);
  const inner = util.sizeFromShape(kept);
  const outer = size / inner;
  const out = backend.makeOutput(attrs.keepDims ? [...axes.map(() => 1), ...kept] : kept, 'float32');
  const src = backend.typedArrayFromHeap(x) as Float32Array;
  const dst = backend.typedArrayFromHeap(out) as Float32Array;
  const acc = new Float64Array(inner);
  for (let p = 0, base = 0; p < outer; p++, base += inner) {
    for (let c = 0; c < inner; c++) acc[c]! += src[base + c]!;
  }
  const scale = kind === Mean ? 1 / outer : 1;
  for (let c = 0; c < inner; c++) dst[c] = acc[c]! * scale;
  return out;
}

/** The replacement `KernelConfig` for `kind`; tfjs's setup hooks are kept (they bind the C++ function). */
function reductionConfig(kind: Reduction): KernelConfig {
  return {
    kernelName: kind,
    backendName: 'wasm',
    kernelFunc: ((args: Parameters<typeof reduceLeading>[1]) => reduceLeading(kind, args)) as unknown as KernelFunc,
    setupFunc: (backend) => originals.get(kind)?.setupFunc?.(backend),
    disposeFunc: (backend) => originals.get(kind)?.disposeFunc?.(backend),
  };
}

/** `Sum` for the wasm backend: leading axes in JS, the rest by tfjs's kernel (setup hooks are tfjs's). */
export const sumConfig: KernelConfig = reductionConfig(Sum);

/** `Mean` for the wasm backend: leading axes in JS, the rest by tfjs's kernel (setup hooks are tfjs's). */
export const meanConfig: KernelConfig = reductionConfig(Mean);
