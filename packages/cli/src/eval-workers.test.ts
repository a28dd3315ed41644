// `saddle eval --workers`: feature extraction on worker threads gives the same numbers as in this thread,
// with the random-weight FID Inception network (channels / 16) of @saddle/metrics' fixtures.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRng } from '@saddle/core';
import { encodePng } from '@saddle/io';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saddle } from './test-support/run-saddle.js';

const WEIGHTS = fileURLToPath(new URL('../../metrics/src/__fixtures__/inception/weights-div16.pth', import.meta.url));
const SHA = 'b6cf0474'; // sha256 prefix of that file (recorded in its inception.json header)
const SIZE = 12;

let dir = '';
let real = '';
let fake = '';

/** Writes n random RGB PNGs; `shift` brightens a set so the two sets' FID is clearly positive. */
async function writeImages(name: string, n: number, seed: number, shift: number): Promise<string> {
  const path = join(dir, name);
  await mkdir(path);
  const u = createRng(seed).uniform(n * SIZE * SIZE * 3);
  for (let i = 0; i < n; i++) {
    const data = Uint8Array.from({ length: SIZE * SIZE * 3 }, (_, j) => Math.min(255, Math.floor((u[i * SIZE * SIZE * 3 + j] as number) * 200) + shift));
    await writeFile(join(path, `img-${i}.png`), encodePng({ width: SIZE, height: SIZE, channels: 3, data }));
  }
  return path;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'saddle-eval-workers-'));
  real = await writeImages('real', 7, 11, 0);
  fake = await writeImages('fake', 5, 12, 40);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const common = ['--weights', WEIGHTS, '--weights-sha256', SHA, '--batch', '2', '--json'];

describe('saddle eval --workers', () => {
  it('fid and is on 2 and 3 worker threads equal the in-thread results (same forward passes)', async () => {
    const fid = (workers: string) => saddle('eval', 'fid', '--real', real, '--fake', fake, '--workers', workers, ...common);
    const one = await fid('1');
    expect(one.code).toBe(0);
    expect(one.stderr).toMatch(/backend wasm, in this thread\n/);
    const value = (JSON.parse(one.stdout) as { value: number }).value;
    expect(value).toBeGreaterThan(0);
    for (const workers of ['2', '3']) {
      const run = await fid(workers);
      expect(run.code).toBe(0);
      expect(run.stderr).toMatch(new RegExp(`backend wasm, ${workers} worker threads\\n`));
      // 7 real images in reads of batch × workers: the last read is partial, and still every image counts.
      expect(run.stderr).toMatch(/real: 7\/7 images/);
      // The features are bit-identical; the float64 statistics accumulate per read of batch × workers images,
      // so their sums are grouped differently and round apart near machine epsilon only.
      expect(Math.abs((JSON.parse(run.stdout) as { value: number }).value - value) / value).toBeLessThan(1e-12);
    }
    const is = (workers: string) => saddle('eval', 'is', '--images', real, '--splits', '1', '--workers', workers, ...common);
    const [isOne, isTwo] = [await is('1'), await is('2')];
    expect(isTwo.code).toBe(0);
    expect(JSON.parse(isTwo.stdout)).toEqual(JSON.parse(isOne.stdout));
  });

  it('refuses a worker count that is not a positive integer, naming the flag', async () => {
    for (const workers of ['0', '1.5', 'many']) {
      const run = await saddle('eval', 'fid', '--real', real, '--fake', fake, '--workers', workers, ...common);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/--workers: /);
    }
  });
});
