// Node module hooks that run TypeScript sources in a child process or worker thread (the SIGKILL
// resume test, data-parallel workers), so those tests never depend on a stale or missing build.
// Registered by register.mjs; the process also runs with --conditions=@saddle/source, so every
// workspace package resolves to its src/ as in vitest.
import { readFile } from 'node:fs/promises';
import { transform } from 'esbuild';

/**
 * Sources import their siblings by the emitted `.js` name, and start workers from
 * `new URL('./x.js', import.meta.url)`: fall back to the `.ts` file.
 */
export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (error) {
    if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !/^(\.{1,2}\/|file:)/.test(specifier) || !specifier.endsWith('.js')) throw error;
    return next(`${specifier.slice(0, -3)}.ts`, context);
  }
}

/** Strips the types of a `.ts` module (no type check: vitest and tsc do that). */
export async function load(url, context, next) {
  if (!url.endsWith('.ts')) return next(url, context);
  const source = await readFile(new URL(url), 'utf8');
  const { code } = await transform(source, { loader: 'ts', format: 'esm', target: 'esnext', sourcefile: url, sourcemap: 'inline' });
  return { format: 'module', source: code, shortCircuit: true };
}
