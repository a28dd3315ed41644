// The Web Worker's entry (bundled by build-page.ts): the worker cases on wasm and webgl (webgl
// through OffscreenCanvas), as a training worker of an app would run them. Posts one message.
import { WORKER_CASES } from './cases.js';
import { runSuite } from './suite.js';

runSuite(WORKER_CASES, 'worker').then(
  (results) => postMessage({ results }),
  (e: unknown) => postMessage({ fatal: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e) }),
);
