import { defineConfig } from 'tsup';
import { preset } from '@saddle/tsup-preset';

// The library entry, and the `saddle` bin (its shebang makes tsup mark it executable).
export default defineConfig([
  preset({ entry: { index: 'src/index.ts' }, clean: false, platform: 'node' }),
  preset({ entry: { cli: 'src/cli.ts' }, clean: false, platform: 'node', dts: false }),
]);
