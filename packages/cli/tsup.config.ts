import { defineConfig } from 'tsup';
import { preset } from '@saddle/tsup-preset';

// The library entry, the `saddle` bin (its shebang makes tsup mark it executable), and the module
// data-parallel worker threads import (next to the bundles, where they look for it).
export default defineConfig([
  preset({ entry: { index: 'src/index.ts' }, clean: false, platform: 'node' }),
  preset({ entry: { 'parallel-parts': 'src/parallel-parts.ts' }, clean: false, platform: 'node', dts: false }),
  preset({ entry: { cli: 'src/cli.ts' }, clean: false, platform: 'node', dts: false }),
]);
