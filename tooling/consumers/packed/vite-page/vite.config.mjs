// The documented browser setup (packages/backend-wasm/README.md, "In the browser"): copy the tfjs
// wasm binaries into public/tfjs-wasm/ so the build ships them next to the app.
import { copyFile, mkdir } from 'node:fs/promises';
import { wasmFiles } from '@saddle/backend-wasm/node';

const target = new URL('./public/tfjs-wasm/', import.meta.url);
await mkdir(target, { recursive: true });
for (const [name, path] of Object.entries(wasmFiles())) await copyFile(path, new URL(name, target));

export default { base: './', build: { outDir: 'dist', emptyOutDir: true } };
