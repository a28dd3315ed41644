import { defineConfig } from 'tsup';
import { preset } from '@saddle/tsup-preset';

// Two entries: the browser-safe core, and the Node-only shell (files, PNG, progress).
export default defineConfig([
  preset({ entry: { index: 'src/index.ts' }, clean: false }),
  preset({ entry: { node: 'src/node/index.ts' }, clean: false, platform: 'node' }),
]);
