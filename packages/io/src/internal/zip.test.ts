import { describe, expect, it } from 'vitest';
import { readTorchCheckpoint } from '../torch-checkpoint.js';
import { fixture } from '../test-support/fixtures.js';
import { readStoredZip } from './zip.js';

const archive = fixture('torch/small.zip.pth');
/** Offsets of every central-directory entry (signature PK\x01\x02). */
const central = (bytes: Uint8Array) => bytes.reduce<number[]>((at, _, i) => (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 1 && bytes[i + 3] === 2 ? [...at, i] : at), []);

describe('readStoredZip', () => {
  it('lists the entries torch.save wrote, each a view of its stored bytes', () => {
    const entries = readStoredZip(archive, 'small.zip.pth');
    expect([...entries.keys()]).toContain('small.zip/data.pkl');
    expect(new TextDecoder().decode(entries.get('small.zip/version'))).toBe('3\n');
  });

  it('refuses a compressed entry, naming it', () => {
    const bytes = archive.slice();
    bytes[central(bytes)[0]! + 10] = 8; // method: deflate
    expect(() => readStoredZip(bytes, 'z.pth')).toThrow(/z\.pth: zip archive: entry small\.zip\/data\.pkl is compressed \(method 8\)/);
  });

  it('refuses a local-header offset past the end and a missing end record', () => {
    const bytes = archive.slice();
    new DataView(bytes.buffer).setUint32(central(bytes)[1]! + 42, 0x7fffffff, true);
    expect(() => readStoredZip(bytes, 'z.pth')).toThrow(/runs past the end|no local header/);
    expect(() => readStoredZip(archive.subarray(0, archive.length - 22), 'z.pth')).toThrow(/no end-of-central-directory record/);
  });

  it('readTorchCheckpoint refuses an archive without data.pkl or with a storage missing', () => {
    const renamed = (from: string, to: string) => {
      const bytes = archive.slice();
      for (const at of central(bytes)) {
        const length = bytes[at + 28]!;
        const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + length));
        if (name === from) bytes.set(new TextEncoder().encode(to), at + 46);
      }
      return bytes;
    };
    expect(() => readTorchCheckpoint(renamed('small.zip/data.pkl', 'small.zip/data.pkX'), { file: 'z.pth' })).toThrow(/has no <name>\/data\.pkl/);
    expect(() => readTorchCheckpoint(renamed('small.zip/data/0', 'small.zip/data/Z'), { file: 'z.pth' })).toThrow(/storage 0 is missing from the archive/);
  });
});
