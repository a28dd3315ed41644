// node src/main.mjs [steps] [--custom]: trains on wasm, prints progress and the final coverage, writes
// out/samples.svg. --custom swaps in the user-written loss and optimizer of custom-pieces.mjs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { useBackend } from '@saddle/core';
import { wasm } from '@saddle/backend-wasm';
import { clippedAdam, rpLeastSquares } from './custom-pieces.mjs';
import { trainFiveGaussians } from './pipeline.mjs';
import { samplesSvg } from './svg.mjs';

await useBackend(wasm());
const custom = process.argv.includes('--custom');
const steps = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 1500);
const label = custom ? 'RP least squares + clipped ExtraAdam' : 'RS-GAN + ExtraAdam';
const started = Date.now();
const result = await trainFiveGaussians({
  steps,
  ...(custom ? { loss: rpLeastSquares, optimizer: clippedAdam } : {}),
  onProgress: (p) => console.log(`step ${p.step}: ${p.covered}/5 modes, ${(100 * p.highQuality).toFixed(1)}% within 3σ, L_D ${p.discriminator.toFixed(4)}, L_G ${p.generator.toFixed(4)}`),
});
console.log(`${label}: ${result.covered}/5 modes covered (shares ${result.shares.map((s) => s.toFixed(2)).join(', ')}) after ${result.steps} extragradient steps in ${((Date.now() - started) / 1000).toFixed(1)} s`);
const out = new URL('../out/', import.meta.url);
mkdirSync(out, { recursive: true });
const file = custom ? 'samples-custom.svg' : 'samples.svg';
writeFileSync(new URL(file, out), samplesSvg(result.points, `${label}, ${result.steps} steps: ${result.covered}/5 modes`));
console.log(`wrote ${new URL(file, out).pathname}`);
