import { copyFile, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { wasmFiles } from '@saddle/backend-wasm/node';
import { build } from 'esbuild';

const ENTRIES = { page: fileURLToPath(new URL('./page.ts', import.meta.url)), worker: fileURLToPath(new URL('./worker.ts', import.meta.url)) };

const HTML = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Saddle backend conformance</title></head>
<body><pre id="log"></pre><script type="module" src="./page.js"></script></body>
</html>
`;

/**
 * Bundles the conformance page and its worker (sources through the `@saddle/source` condition, so nothing needs
 * building first) into a fresh directory with its `index.html` and the tfjs `.wasm` binaries.
 * Returns that directory.
 *
 * @example
 * ```ts
 * const dir = await buildConformancePage();
 * const server = await serveDirectory(dir);
 * ```
 */
export async function buildConformancePage(outDir?: string): Promise<string> {
  const dir = outDir ?? (await mkdtemp(join(tmpdir(), 'saddle-conformance-')));
  await build({
    entryPoints: ENTRIES,
    outdir: dir,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['@saddle/source', 'module'],
    // @saddle/testing's vitest wrappers are never reached from the page (its package is
    // side-effect free, so they are dropped); only expectTensorClose and the types are used.
    external: ['vitest'],
    logLevel: 'silent',
  });
  await writeFile(join(dir, 'index.html'), HTML);
  await Promise.all(Object.entries(wasmFiles()).map(([name, path]) => copyFile(path, join(dir, name))));
  return dir;
}
