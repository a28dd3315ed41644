export { parallelFidInception } from './parallel-fid-inception.js';
export type { ParallelFidInceptionOptions } from './parallel-fid-inception.js';
export type { WorkerBackend } from './worker-protocol.js';
