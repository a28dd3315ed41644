import * as tf from '@tensorflow/tfjs-core';
import { BACKEND_SPEC_VERSION, SaddleError, type BackendSpec } from '@saddle/core';

/**
 * Options of the native Node backend.
 *
 * @example
 * ```ts
 * const options: NodeOptions = { gpu: true }; // tfjs-node-gpu
 * ```
 */
export interface NodeOptions {
  /**
   * Use `@tensorflow/tfjs-node-gpu` (CUDA, Linux and Windows) instead of `@tensorflow/tfjs-node`
   * (CPU). Default false. One process can load only one of the two.
   */
  readonly gpu?: boolean;
}

/**
 * The tfjs release the native packages must match: the one `@tensorflow/tfjs-core` is pinned to.
 *
 * @example
 * ```ts
 * console.log(`pnpm add @tensorflow/tfjs-node@${TFJS_NODE_VERSION}`);
 * ```
 */
export const TFJS_NODE_VERSION = '4.22.0';

/** The name tfjs-node and tfjs-node-gpu register their backend under. */
const TF_BACKEND_NAME = 'tensorflow';

/** Loads a module by name: `import()` by default, replaced in tests. */
export type ModuleImporter = (specifier: string) => Promise<unknown>;

const importModule: ModuleImporter = (specifier) => import(specifier);

/** The native package loaded through each loader: tfjs-node and tfjs-node-gpu cannot share a process. */
const loadedPackages = new WeakMap<ModuleImporter, string>();

/**
 * TensorFlow's native C library through `@tensorflow/tfjs-node` (or `@tensorflow/tfjs-node-gpu`
 * with `{ gpu: true }`), multi-threaded and far faster than wasm in Node. The native package is
 * an optional peer: it is loaded with a dynamic import only when this backend is used, and a
 * clear `SaddleError` with the install command is thrown when it is absent. Install the same
 * version as `@tensorflow/tfjs-core` (4.22.0); its installer downloads libtensorflow (see the
 * README for machines without internet access).
 *
 * @example
 * ```ts
 * import { useBackend } from '@saddle/core';
 * import { node } from '@saddle/backend-node';
 * await useBackend(node());              // pnpm add @tensorflow/tfjs-node@4.22.0
 * await useBackend(node({ gpu: true })); // pnpm add @tensorflow/tfjs-node-gpu@4.22.0
 * ```
 */
export function node(options: NodeOptions = {}): BackendSpec {
  return nodeBackend(options, importModule);
}

/**
 * `node(options)` with the module loader given: the seam that lets tests stand in for the native
 * packages, which cannot be installed everywhere. Internal (not exported from the package).
 */
export function nodeBackend(options: NodeOptions, load: ModuleImporter): BackendSpec {
  const gpu = checkOptions(options);
  const pkg = gpu ? '@tensorflow/tfjs-node-gpu' : '@tensorflow/tfjs-node';
  return {
    specVersion: BACKEND_SPEC_VERSION,
    name: gpu ? 'node-gpu' : 'node',
    tfBackendName: TF_BACKEND_NAME,
    floatPrecision: 32,
    async load() {
      const loaded = loadedPackages.get(load);
      if (loaded !== undefined && loaded !== pkg) {
        throw new SaddleError(`${loaded} is already loaded in this process`, {
          code: 'BACKEND_UNAVAILABLE', field: 'gpu', value: gpu,
          fix: 'use one native backend per process: node() or node({ gpu: true }), not both',
        });
      }
      try {
        await load(pkg);
      } catch (cause) {
        throw loadError(pkg, cause);
      }
      if (tf.findBackendFactory(TF_BACKEND_NAME) === null) {
        throw new SaddleError(`${pkg} loaded but registered no "${TF_BACKEND_NAME}" backend with this @tensorflow/tfjs-core`, {
          code: 'BACKEND_UNAVAILABLE', field: 'backend', value: pkg,
          fix: `install ${pkg}@${TFJS_NODE_VERSION}, the version of @tensorflow/tfjs-core, so both share one tfjs engine (then dedupe: pnpm dedupe)`,
        });
      }
      loadedPackages.set(load, pkg);
    },
  };
}

function checkOptions(options: unknown): boolean {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new SaddleError('node backend options must be an object', {
      code: 'INVALID_ARGUMENT', field: 'options', value: options, fix: 'pass {} or { gpu: true }',
    });
  }
  const unknown = Object.keys(options).filter((k) => k !== 'gpu');
  if (unknown.length > 0) {
    throw new SaddleError(`unknown node backend option "${unknown[0]}"`, {
      code: 'INVALID_ARGUMENT', field: unknown[0], value: (options as Record<string, unknown>)[unknown[0]!], fix: 'the only option is gpu: boolean',
    });
  }
  const { gpu = false } = options as { gpu?: unknown };
  if (typeof gpu !== 'boolean') {
    throw new SaddleError('gpu must be a boolean', {
      code: 'INVALID_ARGUMENT', field: 'gpu', value: gpu, fix: 'pass gpu: true for tfjs-node-gpu or leave it out for tfjs-node',
    });
  }
  return gpu;
}

/** The package itself is missing (install it), or it is there but its native addon failed (rebuild it). */
function loadError(pkg: string, cause: unknown): SaddleError {
  const code = (cause as { code?: unknown } | null)?.code;
  const message = cause instanceof Error ? cause.message : String(cause);
  const missing = (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && message.includes(pkg);
  if (missing) {
    return new SaddleError(`${pkg} is not installed`, {
      code: 'BACKEND_UNAVAILABLE', field: 'backend', value: pkg, cause,
      fix: `install it next to @saddle/backend-node: pnpm add ${pkg}@${TFJS_NODE_VERSION} (or npm install ${pkg}@${TFJS_NODE_VERSION}); offline machines: see @saddle/backend-node's README; or use the wasm backend`,
    });
  }
  return new SaddleError(`${pkg} is installed but failed to load: ${message}`, {
    code: 'BACKEND_UNAVAILABLE', field: 'backend', value: pkg, cause,
    fix: `its native addon or libtensorflow is missing or does not match this platform: reinstall it (npm rebuild ${pkg} --build-from-source builds the addon locally), or use the wasm backend`,
  });
}
