import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import expected from './__fixtures__/npz/stats.json' with { type: 'json' };
import { inflateRaw } from './node/index.js';
import { readNpz, writeNpz } from './npz.js';

// Fixtures: np.savez_compressed / np.savez of { mu: [8], sigma: [8, 8] } float64 (tooling/reference/fid_inception.py).
const fixture = async (name: string): Promise<Uint8Array> => new Uint8Array(await readFile(new URL(`./__fixtures__/npz/${name}`, import.meta.url)));

describe('readNpz / writeNpz', () => {
  it('reads np.savez_compressed (with inflateRaw) and np.savez files exactly', async () => {
    for (const [name, options] of [['stats.npz', { inflateRaw }], ['stats-stored.npz', {}]] as const) {
      const { mu, sigma, ...rest } = readNpz(await fixture(name), { file: name, ...options });
      expect(Object.keys(rest)).toEqual([]);
      expect(mu).toMatchObject({ dtype: 'float64', shape: [8] });
      expect(sigma).toMatchObject({ dtype: 'float64', shape: [8, 8] });
      expect(Array.from(mu!.data as Float64Array)).toEqual(expected.mu);
      expect(Array.from(sigma!.data as Float64Array)).toEqual(expected.sigma);
    }
  });

  it('round-trips through writeNpz, and NumPy\'s stored layout has the same entries', async () => {
    const arrays = readNpz(await fixture('stats-stored.npz'));
    const again = readNpz(writeNpz(arrays));
    expect(again).toEqual(arrays);
    expect(readNpz(writeNpz({ i: { dtype: 'int32', shape: [2], data: new Int32Array([7, -1]) } })).i).toEqual({ dtype: 'int32', shape: [2], data: new Int32Array([7, -1]) });
  });

  it('refuses compressed entries without inflateRaw, damaged data and bad names, naming the file', async () => {
    const bytes = await fixture('stats.npz');
    expect(() => readNpz(bytes, { file: 's.npz' })).toThrowError(/s\.npz: entry (mu|sigma)\.npy is compressed \(np\.savez_compressed\).*inflateRaw/);
    const damaged = bytes.slice();
    damaged.fill(0xff, 60, 120);
    expect(() => readNpz(damaged, { file: 'd.npz', inflateRaw })).toThrowError(/d\.npz/);
    expect(() => readNpz(bytes.subarray(0, 100), { file: 't.npz', inflateRaw })).toThrowError(/t\.npz: zip archive/);
    expect(() => writeNpz({ 'a/b': { dtype: 'uint8', shape: [0], data: new Uint8Array(0) } })).toThrowError(/arrays: array names must be non-empty/);
  });
});
