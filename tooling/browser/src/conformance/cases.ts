import type { ConformanceCase } from './conformance-case.js';
import { DCGAN_CASE, MLP_GAN_CASE } from './gan-case.js';
import { OP_CASES } from './op-cases.js';

/** The backend conformance suite run in the page: op gradients, then GANs trained by `@saddle/train`. */
export const CONFORMANCE_CASES: readonly ConformanceCase[] = [...OP_CASES, MLP_GAN_CASE, DCGAN_CASE];

/**
 * The cases that also run in a module Web Worker, where apps train so their page stays responsive:
 * webgl there draws on an OffscreenCanvas and wasm fetches its binaries relative to the worker.
 */
export const WORKER_CASES: readonly ConformanceCase[] = [MLP_GAN_CASE];

/** The backends the page suite covers (the cpu backend is the reference). */
export const PAGE_BACKENDS = ['wasm', 'webgl'] as const;
