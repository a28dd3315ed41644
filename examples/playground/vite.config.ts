import { defaultClientConditions, defineConfig } from 'vite';
import { offlineAssets } from './build/offline-assets.js';

/**
 * A static build with relative URLs (it runs from any folder), bundling the workspace packages
 * from their sources (the `@saddle/source` condition, as the in-repo tests do) with one tfjs-core.
 */
export default defineConfig({
  base: './',
  resolve: { conditions: ['@saddle/source', ...defaultClientConditions], dedupe: ['@tensorflow/tfjs-core'] },
  worker: { format: 'es' },
  // tfjs and its backends make chunks over Vite's 500 kB warning; the timing report is noise here.
  build: { target: 'es2022', outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000, rolldownOptions: { checks: { pluginTimings: false } } },
  plugins: [offlineAssets()],
});
