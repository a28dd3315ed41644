// `saddle eval` on tiny PNG folders written here, with the random-weight FID Inception network (channels / 16)
// that @saddle/metrics checks against PyTorch (tooling/reference/fid_inception.py).
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { createRng, useBackend } from '@saddle/core';
import { wasm } from '@saddle/backend-wasm';
import { encodePng, readNpz, writeNpz } from '@saddle/io';
import { createStatisticsAccumulator, fidInception, frechetDistance, loadFidInceptionWeights } from '@saddle/metrics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saddle } from './test-support/run-saddle.js';

const WEIGHTS = fileURLToPath(new URL('../../metrics/src/__fixtures__/inception/weights-div16.pth', import.meta.url));
const SHA = 'b6cf0474'; // sha256 prefix of that file (recorded in its inception.json header)
const SIZE = 12;

let dir = '';
const images: Record<string, Uint8Array[]> = {};

/** Writes n random RGB PNGs; `shift` brightens the fake set so the FID is clearly positive. */
async function writeImages(name: string, n: number, seed: number, shift: number): Promise<string> {
  const path = join(dir, name);
  await mkdir(path);
  const u = createRng(seed).uniform(n * SIZE * SIZE * 3);
  images[name] = [];
  for (let i = 0; i < n; i++) {
    const data = Uint8Array.from({ length: SIZE * SIZE * 3 }, (_, j) => Math.min(255, Math.floor((u[i * SIZE * SIZE * 3 + j] as number) * 200) + shift));
    images[name].push(data);
    await writeFile(join(path, `img-${i}.png`), encodePng({ width: SIZE, height: SIZE, channels: 3, data }));
  }
  return path;
}

let real = '';
let fake = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'saddle-eval-'));
  real = await writeImages('real', 5, 1, 0);
  fake = await writeImages('fake', 4, 2, 50);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const parseJson = (stdout: string): Record<string, unknown> => JSON.parse(stdout) as Record<string, unknown>;

describe('saddle eval', () => {
  it('fid of two image folders equals the library pipeline on the same pixels, for any --batch', async () => {
    const run = await saddle('eval', 'fid', '--real', real, '--fake', fake, '--weights', WEIGHTS, '--weights-sha256', SHA, '--batch', '2', '--json', '--save-stats', join(dir, 'real.npz'));
    expect(run.stderr).toMatch(/real: 5\/5 images/);
    expect(run.code).toBe(0);
    const fid = parseJson(run.stdout) as { value: number; protocol: { extractor: string; nReal: number; nFake: number } };
    expect(fid.protocol).toMatchObject({ nReal: 5, nFake: 4, extractor: expect.stringMatching(/^fid-inception-v3\/inception-sha256:b6cf0474.*\/tf1$/) });

    // The same computation through the library, all images in one batch.
    await useBackend(wasm());
    const net = fidInception(await loadFidInceptionWeights(new Uint8Array(await readFile(WEIGHTS))));
    const stats = async (set: Uint8Array[]) => {
      const acc = createStatisticsAccumulator(net.featureSize, { extractor: net.name });
      const x = tf.tensor4d(set.flatMap((d) => Array.from(d)), [set.length, SIZE, SIZE, 3], 'int32');
      const f = await net.extract(x);
      await acc.add(f);
      tf.dispose([x, f]);
      return acc.statistics();
    };
    const expected = frechetDistance(await stats(images.real!), await stats(images.fake!)).value;
    net.dispose();
    expect(expected).toBeGreaterThan(0);
    expect(Math.abs(fid.value - expected) / expected).toBeLessThan(1e-5);

    const again = await saddle('eval', 'fid', '--real', join(dir, 'real.npz'), '--fake', fake, '--weights', WEIGHTS, '--weights-sha256', SHA, '--batch', '3', '--json');
    expect(again.code).toBe(0);
    expect(Math.abs((parseJson(again.stdout).value as number) - fid.value) / fid.value).toBeLessThan(1e-5);
  });

  it('fid of a .npz with itself needs no network and is 0; mixing protocols is refused', async () => {
    const npz = join(dir, 'real.npz');
    const same = await saddle('eval', 'fid', '--real', npz, '--fake', npz);
    expect(same.code).toBe(0);
    expect(same.stdout).toMatch(/^FID {6}0\.0000 /);
    const mixed = await saddle('eval', 'fid', '--real', npz, '--fake', fake, '--weights', WEIGHTS, '--weights-sha256', SHA, '--protocol', 'torch');
    expect(mixed.code).toBe(1);
    expect(mixed.stderr).toMatch(/fake\.extractor: statistics from different extractors are not comparable/);
    // A pytorch-fid file holds only mu and sigma: accepted, with a note that its protocol is unknown.
    const { mu, sigma } = readNpz(new Uint8Array(await readFile(npz)));
    const plain = join(dir, 'plain.npz');
    await writeFile(plain, writeNpz({ mu: mu!, sigma: sigma! }));
    const noted = await saddle('eval', 'fid', '--real', plain, '--fake', fake, '--weights', WEIGHTS, '--weights-sha256', SHA, '--protocol', 'torch');
    expect(noted.code).toBe(0);
    expect(noted.stdout).toMatch(/note {5}\S*plain\.npz records no network or protocol/);
  });

  it('is, kid and prc run on image folders', async () => {
    const is = await saddle('eval', 'is', '--images', real, '--weights', WEIGHTS, '--weights-sha256', SHA, '--splits', '1', '--json');
    expect(is.code).toBe(0);
    const score = parseJson(is.stdout) as { mean: number; protocol: { n: number; classes: number } };
    expect(score.protocol).toMatchObject({ n: 5, classes: 1008 });
    expect(score.mean).toBeGreaterThanOrEqual(1);
    const kid = await saddle('eval', 'kid', '--real', real, '--fake', fake, '--weights', WEIGHTS, '--weights-sha256', SHA, '--subsets', '3', '--batch', '4');
    expect(kid.code).toBe(0);
    expect(kid.stdout).toMatch(/^KID {6}-?\d\.\d{4}e[-+]\d+ ± \d\.\d{4}e[-+]\d+ {2}\(3 subsets of 4\)/);
    const prc = await saddle('eval', 'prc', '--real', real, '--fake', real, '--weights', WEIGHTS, '--weights-sha256', SHA, '--k', '2', '--json');
    expect(prc.code).toBe(0);
    // A set against itself: every sample lies in its own k-NN ball, so precision = recall = 1.
    expect(parseJson(prc.stdout)).toMatchObject({ precision: 1, recall: 1, protocol: { k: 2, nReal: 5, nFake: 5 } });
  });

  it('refuses a missing --weights, a wrong hash, an unknown metric and an empty folder, naming the fix', async () => {
    const noWeights = await saddle('eval', 'fid', '--real', real, '--fake', fake);
    expect(noWeights.code).toBe(2);
    expect(noWeights.stderr).toMatch(/--weights: is required to extract features from images; pass --weights pt_inception-2015-12-05-6726825d\.pth .*nothing is downloaded/);
    const wrongHash = await saddle('eval', 'fid', '--real', real, '--fake', fake, '--weights', WEIGHTS, '--weights-sha256', '6726825d');
    expect(wrongHash.code).toBe(1);
    expect(wrongHash.stderr).toMatch(/weights-div16\.pth: sha256 b6cf0474\S* does not start with the expected 6726825d/);
    const unknown = await saddle('eval', 'lpips');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/saddle eval: unknown metric \(got "lpips"\); write saddle eval fid\|is\|kid\|prc/);
    await mkdir(join(dir, 'empty'));
    const empty = await saddle('eval', 'is', '--images', join(dir, 'empty'), '--weights', WEIGHTS, '--weights-sha256', SHA);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/--images: holds no \.png images/);
    expect((await saddle('eval', '--help')).stdout).toMatch(/saddle eval fid --real DIR\|FILE\.npz/);
  });
});
