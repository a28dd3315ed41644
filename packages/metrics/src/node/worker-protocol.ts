import type { InceptionProtocol } from '../inception/preprocess.js';
import type { FidInceptionWeights } from '../inception/weights.js';

/**
 * Where each worker thread gets its tfjs backend: a module (a URL or an absolute path, so that every
 * worker resolves it the same way), the name of the `BackendSpec` factory it exports, and that
 * factory's one argument (the shape of `@saddle/train/node`'s `ModuleExport`).
 *
 * @example
 * ```ts
 * const backend: WorkerBackend = { module: import.meta.resolve('@saddle/backend-wasm'), export: 'wasm' };
 * ```
 */
export interface WorkerBackend {
  readonly module: string | URL;
  readonly export: string;
  /** The factory's argument (default none); must survive `structuredClone` (plain data). */
  readonly options?: unknown;
}

/** What a worker starts with: weights on one SharedArrayBuffer (shared, not copied), and the extractor's options. */
export interface WorkerInit {
  readonly weights: FidInceptionWeights;
  readonly protocol: InceptionProtocol;
  readonly batchSize: number;
  /** The backend module as a URL string. */
  readonly backend: { readonly module: string; readonly export: string; readonly options: unknown };
}

/** One chunk of images to extract: NHWC values of `shape`, transferred. */
export interface ExtractJob {
  readonly id: number;
  readonly images: Int32Array | Float32Array;
  readonly shape: [number, number, number, number];
}

/** An error as it crosses the thread boundary (SaddleError's fields when it was one). */
export interface WireError {
  readonly message: string;
  readonly code?: string;
  readonly field?: string;
  readonly fix?: string;
}

/** What a worker sends back: readiness, a chunk's pool3 features and logits (row-major, transferred), or a failure. */
export type WorkerReply =
  | { readonly type: 'ready' }
  | { readonly type: 'done'; readonly id: number; readonly features: Float32Array; readonly logits: Float32Array }
  | { readonly type: 'failed'; readonly id?: number; readonly error: WireError };
