// The page's entry (bundled by build-page.ts): runs the conformance suite on wasm and webgl
// against the cpu backend, then the worker cases in a module Web Worker, and publishes the
// results on `window.saddleConformance`.
import { CONFORMANCE_CASES } from './cases.js';
import { runSuite, type ContextResult } from './suite.js';

/** What the page publishes for the Node side to read. */
export interface PageReport {
  readonly results: readonly ContextResult[];
  /** The GPU (here: software) renderer WebGL reports, for the test log. */
  readonly renderer: string;
}

declare global {
  interface Window {
    saddleConformance?: PageReport | { readonly fatal: string };
  }
}

function renderer(): string {
  const gl = document.createElement('canvas').getContext('webgl2');
  const info = gl?.getExtension('WEBGL_debug_renderer_info');
  return gl && info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : 'no WebGL 2';
}

function inWorker(): Promise<ContextResult[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
    worker.onmessage = ({ data }: MessageEvent<{ results?: ContextResult[]; fatal?: string }>) => {
      worker.terminate();
      if (data.results !== undefined) resolve(data.results);
      else reject(new Error(`the worker failed: ${data.fatal ?? 'no message'}`));
    };
    worker.onerror = (event) => reject(new Error(`the worker failed to start: ${event.message}`));
  });
}

async function main(): Promise<void> {
  const log = document.getElementById('log');
  const show = (r: ContextResult) =>
    log?.append(`${r.error === undefined ? 'ok  ' : 'FAIL'} [${r.backend}, ${r.context}] ${r.name} (${Math.round(r.ms)} ms)\n`);
  const results = await runSuite(CONFORMANCE_CASES, 'page', show);
  const workerResults = await inWorker();
  workerResults.forEach(show);
  window.saddleConformance = { results: [...results, ...workerResults], renderer: renderer() };
}

main().catch((e: unknown) => {
  window.saddleConformance = { fatal: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e) };
});
