import { defineConfig } from 'tsup';
import { preset } from '@saddle/tsup-preset';

// Three entries: the browser-safe metrics, the Node-only parallel extractor, and the worker thread it starts
// (dist/fid-inception-worker.js, found beside dist/node.js).
export default defineConfig([
  preset({ entry: { index: 'src/index.ts' }, clean: false }),
  preset({ entry: { node: 'src/node/index.ts' }, clean: false, platform: 'node' }),
  preset({ entry: { 'fid-inception-worker': 'src/node/fid-inception-worker.ts' }, clean: false, platform: 'node', dts: false }),
]);
