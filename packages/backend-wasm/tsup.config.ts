import { defineConfig } from 'tsup';
import { preset } from '@saddle/tsup-preset';

// Two entries: the backend (browser and Node), and the Node-only helper that locates the binaries.
export default defineConfig([
  preset({ entry: { index: 'src/index.ts' }, clean: false }),
  preset({ entry: { node: 'src/node/index.ts' }, clean: false, platform: 'node' }),
]);
