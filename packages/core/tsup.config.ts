import { defineConfig } from 'tsup';
import { preset } from '@saddle/tsup-preset';

/** Bundles tfjs-core's registration modules but keeps the core entry itself external (one engine). */
const bundleTfjsRegistration = {
  name: 'tfjs-core-entry-external',
  setup(build: { onResolve: (o: { filter: RegExp }, cb: (a: { path: string }) => { path: string; external: boolean }) => void }) {
    build.onResolve({ filter: /^@tensorflow\/tfjs-core$/ }, (args) => ({ path: args.path, external: true }));
  },
};

export default defineConfig([
  preset({ entry: ['src/index.ts'], clean: false, external: ['@saddle/core/register-gradients'] }),
  preset({ entry: { 'register-gradients': 'src/register-gradients.ts' }, clean: false, dts: true }),
  preset({
    entry: { 'register-gradients.node': 'src/register-gradients.ts' },
    clean: false,
    dts: false,
    sourcemap: false,
    platform: 'node',
    noExternal: [/^@tensorflow\/tfjs-core\/dist\//],
    esbuildPlugins: [bundleTfjsRegistration],
  }),
]);
