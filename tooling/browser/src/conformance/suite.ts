import { cpu } from '@saddle/backend-cpu';
import { wasm } from '@saddle/backend-wasm';
import { webgl } from '@saddle/backend-webgl';
import type { ConformanceCase } from './conformance-case.js';
import { runConformance, type CaseResult } from './runner.js';
import { CONFORMANCE_TOLERANCE } from './tolerance.js';

/** Where in the browser a case ran: the page's main thread, or a module Web Worker. */
export type BrowserContextName = 'page' | 'worker';

/** A case's result and where it ran. */
export interface ContextResult extends CaseResult {
  readonly context: BrowserContextName;
}

/**
 * Runs `cases` on wasm then webgl, against the cpu backend, in the current global scope (page or
 * worker). The `.wasm` binaries are served next to the script.
 *
 * @example
 * ```ts
 * const results = await runSuite(CONFORMANCE_CASES, 'page', (r) => console.log(r.name));
 * ```
 */
export async function runSuite(
  cases: readonly ConformanceCase[],
  context: BrowserContextName,
  onResult: (result: ContextResult) => void = () => undefined,
): Promise<ContextResult[]> {
  const backends = [wasm({ wasmPaths: new URL('./', self.location.href).href }), webgl()];
  const results = await runConformance(cases, backends, cpu(), (backend) => {
    const tol = CONFORMANCE_TOLERANCE[backend];
    if (tol === undefined) throw new Error(`no conformance tolerance for backend ${backend}`);
    return tol;
  }, (r) => onResult({ ...r, context }));
  return results.map((r) => ({ ...r, context }));
}
