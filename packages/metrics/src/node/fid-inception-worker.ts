// One worker thread of `parallelFidInception`: its own tfjs engine and backend instance, the FID
// Inception network built from the shared weights, and a loop that extracts the chunks it is sent.
import { parentPort, workerData } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import { SaddleError, useBackend, type BackendSpec } from '@saddle/core';
import { fidInception, type FidInception } from '../inception/fid-inception.js';
import type { ExtractJob, WireError, WorkerInit, WorkerReply } from './worker-protocol.js';

const port = parentPort;
if (port === null) throw new Error('fid-inception-worker runs only as a worker thread of parallelFidInception');
const post = (reply: WorkerReply): void => port.postMessage(reply);

function toWire(error: unknown): WireError {
  if (error instanceof SaddleError) {
    return { message: error.message, code: error.code, ...(error.field === undefined ? {} : { field: error.field }), ...(error.fix === undefined ? {} : { fix: error.fix }) };
  }
  return { message: error instanceof Error ? error.message : String(error) };
}

async function start(init: WorkerInit): Promise<FidInception> {
  const module = (await import(init.backend.module)) as Record<string, unknown>;
  const factory = module[init.backend.export];
  if (typeof factory !== 'function') {
    throw new SaddleError(`${init.backend.module} has no function export ${init.backend.export}`, {
      code: 'BACKEND_UNAVAILABLE', field: 'backend.export', value: init.backend.export, fix: 'name the BackendSpec factory the module exports, e.g. { module: import.meta.resolve(\'@saddle/backend-wasm\'), export: \'wasm\' }',
    });
  }
  await useBackend((factory as (options: unknown) => BackendSpec)(init.backend.options));
  return fidInception(init.weights, { protocol: init.protocol, batchSize: init.batchSize });
}

async function extract(net: FidInception, job: ExtractJob): Promise<void> {
  const images = tf.tensor4d(job.images, job.shape, job.images instanceof Int32Array ? 'int32' : 'float32');
  try {
    const { features, logits } = await net.extractWithLogits(images);
    try {
      // Copied, not transferred: a backend may still own the arrays data() returns (they are small: n×(d + 1008)).
      const [f, l] = (await Promise.all([features.data(), logits.data()])) as [Float32Array, Float32Array];
      post({ type: 'done', id: job.id, features: f, logits: l });
    } finally {
      tf.dispose([features, logits]);
    }
  } finally {
    images.dispose();
  }
}

try {
  const net = await start(workerData as WorkerInit);
  let queue = Promise.resolve();
  port.on('message', (job: ExtractJob) => {
    queue = queue.then(() => extract(net, job)).catch((error: unknown) => post({ type: 'failed', id: job.id, error: toWire(error) }));
  });
  post({ type: 'ready' });
} catch (error) {
  post({ type: 'failed', error: toWire(error) });
}
