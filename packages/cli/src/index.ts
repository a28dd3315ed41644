export { main } from './main.js';
export { trainCommand } from './commands/train.js';
export type { CliIo } from './commands/train.js';
export { DEFAULT_TRAIN_CONFIG, MAX_ACTIVATION_VALUES, MAX_PARAMETERS, trainConfigSchema } from './config/schema.js';
export type { TrainConfig, TrainConfigInput } from './config/schema.js';
export { readConfigFile, resolveTrainConfig } from './config/resolve.js';
export { buildRun } from './build-run.js';
export type { RunParts } from './build-run.js';
