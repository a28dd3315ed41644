import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blobSource, memorySource, urlSource } from './byte-source.js';

describe('byte sources', () => {
  const bytes = Uint8Array.from({ length: 300 }, (_, i) => i % 256);
  let server: Server;
  let base = '';
  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.url === '/data.bin') response.end(bytes);
      else response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('read the same ranges from memory, a Blob/File and a URL, short only past the end', async () => {
    const sources = [
      memorySource(bytes.buffer, 'mem'),
      blobSource(new File([bytes], 'upload.bin')),
      blobSource(new Blob([bytes]), 'named-blob'),
      await urlSource(`${base}/data.bin`),
    ];
    expect(sources.map((s) => s.name)).toEqual(['mem', 'upload.bin', 'named-blob', `${base}/data.bin`]);
    for (const source of sources) {
      expect(source.size).toBe(300);
      expect(Array.from(await source.read(250, 10))).toEqual(Array.from(bytes.subarray(250, 260)));
      expect((await source.read(295, 10)).length).toBe(5);
    }
  });

  it('names the URL of a failed download', async () => {
    await expect(urlSource(`${base}/missing.bin`)).rejects.toThrowError(/missing.bin: answered HTTP 404 \(got 404\); check the URL/);
    await expect(urlSource('http://127.0.0.1:1/nothing')).rejects.toThrowError(/127.0.0.1:1\/nothing: could not be fetched/);
  });
});
