export { activeBackends, backendByName, backendExport, BACKENDS_ENV, DEFAULT_TEST_BACKENDS } from './backends.js';
export { toleranceFor } from './tolerance.js';
export type { Tolerance } from './tolerance.js';
export { expectTensorClose } from './expect-close.js';
export { ALL_BACKENDS, describeWithBackends } from './describe-with-backends.js';
export type { BackendConstraint, BackendContext } from './describe-with-backends.js';
export { sourceExecArgv } from './source-exec-argv.js';
