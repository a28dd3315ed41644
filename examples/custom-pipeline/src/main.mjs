// node src/main.mjs [steps] [--custom]: trains on wasm, prints progress and the final coverage, writes
// out/samples.svg, then FID and KID against real points in the user's random-projection features.
// --custom swaps in the user-written loss and optimizer of custom-pieces.mjs.
import { mkdirSync, writeFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { createRng, useBackend } from '@saddle/core';
import { fiveGaussians } from '@saddle/datasets';
import { wasm } from '@saddle/backend-wasm';
import { clippedAdam, randomProjection, rpLeastSquares } from './custom-pieces.mjs';
import { trainFiveGaussians } from './pipeline.mjs';
import { sampleDistances } from './sample-distances.mjs';
import { samplesSvg } from './svg.mjs';

await useBackend(wasm());
const custom = process.argv.includes('--custom');
const steps = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 2000);
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

// Points are 1×1 images with 2 channels; the real ones are a fresh draw (seed 1) of the same size.
const n = result.points.length / 2;
const extractor = randomProjection({ inputShape: [1, 1, 2], featureSize: 8 });
for await (const realPoints of fiveGaussians({ seed: 1 }).batches({ batchSize: n, rng: createRng(1) })) {
  const real = tf.reshape(realPoints, [n, 1, 1, 2]);
  const fake = tf.tensor4d(result.points, [n, 1, 1, 2]);
  const { fid, kid } = await sampleDistances(extractor, real, fake, { subsets: 10, subsetSize: n / 2 });
  console.log(`FID ${fid.value.toFixed(4)}, KID ${kid.mean.toExponential(2)} ± ${kid.std.toExponential(2)} (${n} real vs ${n} generated points, ${extractor.name})`);
  tf.dispose([realPoints, real, fake]);
  break;
}
extractor.dispose();
