import { defineConfig } from 'tsup';
import { preset } from '@saddle/tsup-preset';

// The browser-safe core; the Node-only shell (files, PNG, progress, data-parallel training); and
// the data-parallel threads' entries, which the shell starts from URLs next to dist/node.js.
export default defineConfig([
  preset({ entry: { index: 'src/index.ts' }, clean: false }),
  preset({
    entry: {
      node: 'src/node/index.ts',
      'data-parallel-supervisor': 'src/node/data-parallel/data-parallel-supervisor.ts',
      'data-parallel-worker': 'src/node/data-parallel/data-parallel-worker.ts',
    },
    clean: false,
    platform: 'node',
  }),
]);
