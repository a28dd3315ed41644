import * as tf from '@tensorflow/tfjs-core';
import { SaddleError, useBackend } from '@saddle/core';
import { afterEach, describe, expect, it } from 'vitest';
import { node, nodeBackend, TFJS_NODE_VERSION, type ModuleImporter } from './node.js';

/** What Node's `import()` throws for a package that is not installed. */
function notFound(specifier: string): Error {
  return Object.assign(new Error(`Cannot find package '${specifier}' imported from /app/index.js`), { code: 'ERR_MODULE_NOT_FOUND' });
}

/** A stand-in for tfjs-node: importing it registers a "tensorflow" backend (here tfjs-core's cpu-less stub). */
const registersBackend: ModuleImporter = async () => {
  tf.registerBackend('tensorflow', () => ({}) as tf.KernelBackend);
};

async function refusal(promise: Promise<unknown>): Promise<SaddleError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(SaddleError);
  return error as SaddleError;
}

describe('node backend spec', () => {
  afterEach(() => {
    if (tf.findBackendFactory('tensorflow') !== null) tf.removeBackend('tensorflow');
  });

  it('names tfjs-node (cpu) or tfjs-node-gpu, both on tfjs’s "tensorflow" backend, float32', () => {
    expect([node(), node({ gpu: false }), node({ gpu: true })].map((s) => [s.name, s.tfBackendName, s.floatPrecision]))
      .toEqual([['node', 'tensorflow', 32], ['node', 'tensorflow', 32], ['node-gpu', 'tensorflow', 32]]);
  });

  it('refuses bad options, naming the field and the fix', () => {
    const cases: Array<[unknown, string]> = [[{ gpu: 'yes' }, 'gpu'], [{ gpu: 1 }, 'gpu'], [{ gpus: true }, 'gpus'], [null, 'options'], [[true], 'options']];
    for (const [options, field] of cases) {
      const call = () => node(options as never);
      expect(call).toThrow(SaddleError);
      try {
        call();
      } catch (e) {
        expect((e as SaddleError).field).toBe(field);
        expect((e as SaddleError).fix).toMatch(/gpu/);
      }
    }
  });

  it('says how to install @tensorflow/tfjs-node when it is absent (it is not installed in this repository)', async () => {
    const error = await refusal(useBackend(node()));
    expect(error.code).toBe('BACKEND_UNAVAILABLE');
    expect(error.message).toContain('@tensorflow/tfjs-node is not installed');
    expect(error.fix).toContain(`pnpm add @tensorflow/tfjs-node@${TFJS_NODE_VERSION}`);
    expect(error.fix).toContain('README');
  });

  it('says how to install @tensorflow/tfjs-node-gpu when it is absent', async () => {
    const error = await refusal(node({ gpu: true }).load());
    expect(error.value).toBe('@tensorflow/tfjs-node-gpu');
    expect(error.fix).toContain(`pnpm add @tensorflow/tfjs-node-gpu@${TFJS_NODE_VERSION}`);
  });

  it('tells an installed package whose native addon fails to load from a missing one, and says to rebuild it', async () => {
    const addonMissing: ModuleImporter = async () => {
      throw new Error('The Node.js native addon module (tfjs_binding.node) can not be found at path: /app/lib/napi-v8/tfjs_binding.node');
    };
    const error = await refusal(nodeBackend({}, addonMissing).load());
    expect(error.message).toContain('installed but failed to load');
    expect(error.message).toContain('tfjs_binding.node');
    expect(error.fix).toContain('npm rebuild @tensorflow/tfjs-node --build-from-source');
  });

  it('treats a missing dependency of the package (not the package itself) as a failed load', async () => {
    const error = await refusal(nodeBackend({}, async () => { throw notFound('adm-zip'); }).load());
    expect(error.message).toContain('failed to load');
  });

  it('imports the package named by the options and accepts the "tensorflow" backend it registers', async () => {
    const imported: string[] = [];
    const load: ModuleImporter = async (specifier) => {
      imported.push(specifier);
      await registersBackend(specifier);
    };
    await nodeBackend({ gpu: true }, load).load();
    expect(imported).toEqual(['@tensorflow/tfjs-node-gpu']);
    expect(tf.findBackendFactory('tensorflow')).not.toBeNull();
  });

  it('refuses a package that registered its backend with another copy of tfjs-core', async () => {
    const error = await refusal(nodeBackend({}, async () => undefined).load());
    expect(error.message).toContain('registered no "tensorflow" backend');
    expect(error.fix).toContain(`@tensorflow/tfjs-node@${TFJS_NODE_VERSION}`);
  });

  it('refuses to load tfjs-node-gpu after tfjs-node in one process (both would be "tensorflow")', async () => {
    const imported: string[] = [];
    const load: ModuleImporter = async (specifier) => {
      imported.push(specifier);
      if (tf.findBackendFactory('tensorflow') === null) await registersBackend(specifier);
    };
    await nodeBackend({}, load).load();
    await nodeBackend({}, load).load();
    const error = await refusal(nodeBackend({ gpu: true }, load).load());
    expect(error.field).toBe('gpu');
    expect(imported).toEqual(['@tensorflow/tfjs-node', '@tensorflow/tfjs-node']);
  });
});
