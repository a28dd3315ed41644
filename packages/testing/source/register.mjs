// `node --import` this file (with --conditions=@saddle/source) to run the workspace's TypeScript
// sources in a child process or worker thread, as vitest does; `sourceExecArgv()` gives both flags.
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
