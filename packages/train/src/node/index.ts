export { CHECKPOINT_DATA, CHECKPOINT_MANIFEST, readCheckpoint, writeCheckpoint } from './checkpoint.js';
export type { Checkpoint } from './checkpoint.js';
export { createRunDirectory } from './run-directory.js';
export type { RunDirectory, SamplePoints } from './run-directory.js';
export { progressListener } from './progress.js';
export type { ProgressStream } from './progress.js';
