import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SaddleError } from '@saddle/core';

/**
 * A function exported by an ES module, named so another thread can import and call it:
 * `(await import(module))[export](options)`. Worker threads share no objects with the thread that
 * starts them, so a game or backend reaches them as a module to import, not as a value.
 *
 * @example
 * ```ts
 * const game: ModuleExport = { module: new URL('./ring-game.js', import.meta.url), export: 'ringGame', options: { modes: 8 } };
 * const backend: ModuleExport = { module: import.meta.resolve('@saddle/backend-wasm'), export: 'wasm' };
 * ```
 */
export interface ModuleExport {
  /**
   * The module: a URL (`new URL('./game.js', import.meta.url)`, `import.meta.resolve('pkg')`) or
   * an absolute path. Bare package names are refused: they would resolve from Saddle's folder.
   */
  readonly module: string | URL;
  /** The exported function's name (default `"default"`). */
  readonly export?: string;
  /** Its one argument; must survive `structuredClone` (plain data). */
  readonly options?: unknown;
}

/** A `ModuleExport` with the module as a URL string, ready to post to a worker. */
export interface ModuleExportWire {
  readonly module: string;
  readonly export: string;
  readonly options: unknown;
}

/** Checks `ref` and turns its module into a URL string; refuses bare names and unclonable options. */
export function toWire(ref: ModuleExport, field: string): ModuleExportWire {
  const module = ref.module instanceof URL ? ref.module.href : ref.module;
  const url = isAbsolute(module) ? pathToFileURL(module).href : module;
  if (!/^[a-z][a-z0-9+.-]*:/i.test(url)) {
    throw new SaddleError('must be a URL or an absolute path, which every worker thread resolves the same way', {
      code: 'INVALID_ARGUMENT', field: `${field}.module`, value: module,
      fix: `pass import.meta.resolve('${module}') or new URL('./file.js', import.meta.url)`,
    });
  }
  try {
    structuredClone(ref.options);
  } catch (cause) {
    throw new SaddleError('cannot be sent to a worker thread (structuredClone refused it)', {
      code: 'INVALID_ARGUMENT', field: `${field}.options`, fix: 'pass plain data: numbers, strings, arrays and objects of them', cause,
    });
  }
  return { module: url, export: ref.export ?? 'default', options: ref.options };
}

/** Imports the module and calls the export with its options. */
export async function callExport<T>(ref: ModuleExportWire, field: string): Promise<T> {
  const module = (await import(ref.module)) as Record<string, unknown>;
  const fn = module[ref.export];
  if (typeof fn !== 'function') {
    throw new SaddleError(`${ref.module} has no exported function "${ref.export}"`, {
      code: 'INVALID_ARGUMENT', field: `${field}.export`, value: ref.export,
      fix: `export one of that name, or name one of: ${Object.keys(module).filter((k) => typeof module[k] === 'function').join(', ') || '(none)'}`,
    });
  }
  return (await (fn as (options: unknown) => T | Promise<T>)(ref.options)) as T;
}
