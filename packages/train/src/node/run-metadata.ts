import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { arch, cpus, platform, release, totalmem } from 'node:os';
import { dirname, join, parse } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';

/**
 * What a run directory's `run.json` records about the process that trained it, beside the
 * resolved config: enough to say which code, runtime and machine produced the numbers.
 *
 * @example
 * ```ts
 * const meta: RunMetadata = await collectRunMetadata({ packages: { '@saddle/cli': '0.1.0' } });
 * console.log(meta.git?.revision ?? 'not in a git checkout');
 * ```
 */
export interface RunMetadata {
  /** ISO 8601 UTC time the process started the run. */
  readonly startedAt: string;
  /** `process.argv`: the Node binary, the script and its arguments. */
  readonly command: readonly string[];
  readonly cwd: string;
  /** `process.version`, e.g. `v20.20.0`. */
  readonly node: string;
  readonly os: { readonly platform: string; readonly release: string; readonly arch: string };
  readonly cpu: { readonly model: string; readonly cores: number };
  readonly memoryBytes: number;
  /** The active TensorFlow.js backend (`tf.getBackend()`), e.g. `wasm`. */
  readonly backend: string;
  /** `@tensorflow/tfjs-core`'s version. */
  readonly tfjs: string;
  /** Versions of the packages the caller named, e.g. every `@saddle/*` package it uses. */
  readonly packages: Readonly<Record<string, string>>;
  /** HEAD of the git checkout around `cwd` and whether tracked files differ from it; null outside one (or without git). */
  readonly git: { readonly revision: string; readonly dirty: boolean } | null;
}

/**
 * Gathers `RunMetadata` for the current process. Never fails for want of git: outside a
 * checkout, or without a `git` binary, `git` is null.
 *
 * @example
 * ```ts
 * const meta = await collectRunMetadata({ packages: await packageVersions(['@saddle/train'], import.meta.url) });
 * ```
 */
export async function collectRunMetadata(options: { readonly packages?: Readonly<Record<string, string>>; readonly cwd?: string } = {}): Promise<RunMetadata> {
  const cwd = options.cwd ?? process.cwd();
  return {
    startedAt: new Date().toISOString(),
    command: [...process.argv],
    cwd,
    node: process.version,
    os: { platform: platform(), release: release(), arch: arch() },
    cpu: { model: cpus()[0]?.model.trim() ?? 'unknown', cores: cpus().length },
    memoryBytes: totalmem(),
    backend: tf.getBackend(),
    tfjs: tf.version_core,
    packages: { ...options.packages },
    git: await gitState(cwd),
  };
}

/**
 * The installed versions of `names`, found the way Node resolves packages: in `node_modules`
 * of the directory of `from` (a file path or `import.meta.url`) and of each ancestor. Packages
 * not found are left out.
 *
 * @example
 * ```ts
 * await packageVersions(['@saddle/core', '@saddle/train'], import.meta.url); // { '@saddle/core': '0.1.0', ... }
 * ```
 */
export async function packageVersions(names: readonly string[], from: string): Promise<Record<string, string>> {
  const start = dirname(from.startsWith('file:') ? fileURLToPath(from) : from);
  const versions: Record<string, string> = {};
  for (const name of names) {
    for (let dir = start; ; dir = dirname(dir)) {
      const version = await readVersion(join(dir, 'node_modules', name, 'package.json'));
      if (version !== undefined) {
        versions[name] = version;
        break;
      }
      if (dir === parse(dir).root) break;
    }
  }
  return versions;
}

async function readVersion(path: string): Promise<string | undefined> {
  try {
    const version = (JSON.parse(await readFile(path, 'utf8')) as { version?: unknown }).version;
    return typeof version === 'string' ? version : undefined;
  } catch {
    return undefined;
  }
}

const run = promisify(execFile);

async function gitState(cwd: string): Promise<RunMetadata['git']> {
  try {
    const options = { cwd, timeout: 5000, windowsHide: true };
    const revision = (await run('git', ['rev-parse', 'HEAD'], options)).stdout.trim();
    const status = (await run('git', ['status', '--porcelain', '--untracked-files=no'], options)).stdout;
    return { revision, dirty: status.trim().length > 0 };
  } catch {
    return null;
  }
}
