export { CHECKPOINT_MANIFEST, CHECKPOINT_TENSORS, readCheckpoint, writeCheckpoint } from './checkpoint.js';
export type { Checkpoint } from './checkpoint.js';
export { checkpointStore } from './checkpoint-store.js';
export type { CheckpointStore, LoadedCheckpoint, SkippedCheckpoint } from './checkpoint-store.js';
export { createRunDirectory, resumeRunDirectory } from './run-directory.js';
export type { RunDirectory, RunDirectoryOptions, SamplePoints } from './run-directory.js';
export { progressListener } from './progress.js';
export type { ProgressStream } from './progress.js';
