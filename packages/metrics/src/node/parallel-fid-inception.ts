import { availableParallelism } from 'node:os';
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { SaddleError } from '@saddle/core';
import {
  describeFidInception, resolveFidInceptionOptions, type FidInception, type FidInceptionOptions,
} from '../inception/fid-inception.js';
import type { FidInceptionWeights } from '../inception/weights.js';
import { WorkerPool } from './worker-pool.js';
import type { WorkerBackend } from './worker-protocol.js';

/** Most worker threads accepted (each holds its own weight tensors, 95 MB at full width, and one pass's activations). */
const MAX_WORKERS = 256;

/**
 * Options of `parallelFidInception`: those of `fidInception`, the number of worker threads and the
 * backend each of them loads.
 *
 * @example
 * ```ts
 * const options: ParallelFidInceptionOptions = { workers: 2, batchSize: 8, backend: { module: import.meta.resolve('@saddle/backend-wasm'), export: 'wasm' } };
 * ```
 */
export interface ParallelFidInceptionOptions extends FidInceptionOptions {
  /** Worker threads, each with its own tfjs engine and backend instance (default `os.availableParallelism()`). */
  readonly workers?: number;
  /** The backend every worker loads: `import.meta.resolve('@saddle/backend-wasm')` from your own module, export `wasm`. */
  readonly backend: WorkerBackend;
  /**
   * Node flags for the worker threads (default: this process's `execArgv`; run from the TypeScript
   * sources, as in-repo tests do, also a type-stripping loader so the workers can run them).
   */
  readonly execArgv?: readonly string[];
}

/**
 * `fidInception` spread over Node worker threads: the same `FidInception` (same `name`, same outputs),
 * computed by `workers` threads that each run their own tfjs engine with `backend`. The host weights
 * are copied once into a SharedArrayBuffer that every worker reads (nothing is reloaded or
 * downloaded). Each `extract` call is cut into chunks of `batchSize` images exactly as `fidInception`
 * cuts it; the chunks go to idle workers, and features and logits come back in input order, so the
 * results equal the single-thread extractor's on the same backend bit for bit (images never share
 * arithmetic). A call uses at most ⌈n / batchSize⌉ workers: pass at least `workers × batchSize` images
 * per call to keep every core busy. Resolves once every worker has built the network; a worker's
 * failure rejects the pending calls with a `SaddleError` and terminates all workers. `dispose()`
 * terminates them; idle workers never keep the process alive.
 *
 * @example
 * ```ts
 * import { parallelFidInception } from '@saddle/metrics/node';
 * const net = await parallelFidInception(weights, { workers: 2, backend: { module: import.meta.resolve('@saddle/backend-wasm'), export: 'wasm' } });
 * const features = await net.extract(images); // [n, 2048], on this thread's backend
 * features.dispose();
 * net.dispose();
 * ```
 */
export async function parallelFidInception(weights: FidInceptionWeights, options: ParallelFidInceptionOptions): Promise<FidInception> {
  const { protocol, batchSize } = resolveFidInceptionOptions(options);
  const cores = availableParallelism();
  const workers = options.workers ?? cores;
  if (!Number.isInteger(workers) || workers < 1 || workers > MAX_WORKERS) {
    throw new SaddleError(`workers must be an integer from 1 to ${MAX_WORKERS}`, {
      code: 'INVALID_ARGUMENT', field: 'workers', value: workers, fix: `pass e.g. ${cores} (this machine's cores, the default)`,
    });
  }
  const backend = { module: moduleUrl(options.backend.module), export: options.backend.export, options: options.backend.options };
  try {
    structuredClone(backend.options);
  } catch (cause) {
    throw new SaddleError('cannot be sent to a worker thread (structuredClone refused it)', {
      code: 'INVALID_ARGUMENT', field: 'backend.options', cause, fix: 'pass plain data: numbers, strings, arrays and objects of them',
    });
  }
  const description = describeFidInception(weights, protocol);
  const pool = await WorkerPool.start(workers, { weights: shareWeights(weights), protocol, batchSize, backend }, options.execArgv);

  const run = async (images: tf.Tensor4D): Promise<{ features: tf.Tensor2D; logits: tf.Tensor2D }> => {
    const [n, ...rest] = images.shape;
    const values = (await images.data()) as Int32Array | Float32Array;
    const perImage = rest[0] * rest[1] * rest[2];
    const chunks: Promise<{ features: Float32Array; logits: Float32Array }>[] = [];
    for (let start = 0; start < n; start += batchSize) {
      const size = Math.min(batchSize, n - start);
      chunks.push(pool.extract(values.slice(start * perImage, (start + size) * perImage), [size, ...rest]));
    }
    const parts = await Promise.all(chunks);
    return {
      features: tf.tensor2d(concat(parts.map((p) => p.features)), [n, description.featureSize]),
      logits: tf.tensor2d(concat(parts.map((p) => p.logits)), [n, description.numClasses]),
    };
  };

  return {
    ...description,
    async extract(images) {
      const { features, logits } = await run(images);
      logits.dispose();
      return features;
    },
    extractWithLogits: run,
    dispose() {
      pool.terminate();
    },
  };
}

/** A backend module as a URL string; bare package names are refused, since they would resolve from @saddle/metrics' folder. */
function moduleUrl(module: string | URL): string {
  const name = module instanceof URL ? module.href : module;
  const url = isAbsolute(name) ? pathToFileURL(name).href : name;
  if (!/^[a-z][a-z0-9+.-]*:/i.test(url)) {
    throw new SaddleError('must be a URL or an absolute path, which every worker thread resolves the same way', {
      code: 'INVALID_ARGUMENT', field: 'backend.module', value: name, fix: `pass import.meta.resolve('${name}')`,
    });
  }
  return url;
}

/** The folded weights moved onto one SharedArrayBuffer, so that posting them to a worker shares instead of copying. */
function shareWeights(weights: FidInceptionWeights): FidInceptionWeights {
  const arrays = [...weights.convs.flatMap((c) => [c.kernel, c.bias]), weights.fcKernel];
  const buffer = new SharedArrayBuffer(arrays.reduce((s, a) => s + a.byteLength, 0));
  let offset = 0;
  const place = (a: Float32Array): Float32Array => {
    const view = new Float32Array(buffer, offset, a.length);
    view.set(a);
    offset += a.byteLength;
    return view;
  };
  return { ...weights, convs: weights.convs.map((c) => ({ spec: c.spec, kernel: place(c.kernel), bias: place(c.bias) })), fcKernel: place(weights.fcKernel) };
}

function concat(parts: readonly Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
