import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveDirectory, type StaticServer } from './serve-directory.js';

describe('serveDirectory', () => {
  let dir: string;
  let server: StaticServer;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'saddle-serve-'));
    await mkdir(join(dir, 'sub'));
    await writeFile(join(dir, 'index.html'), '<p>home</p>');
    await writeFile(join(dir, 'sub', 'index.html'), '<p>sub</p>');
    await writeFile(join(dir, 'm.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d]));
    await writeFile(join(dir, 'app.js'), 'export {};');
    await writeFile(join(dir, 'data.bin'), 'x');
    server = await serveDirectory(dir);
  });
  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('serves index.html for directories and each file with its MIME type', async () => {
    const get = async (path: string) => {
      const res = await fetch(new URL(path, server.url));
      return [res.status, res.headers.get('content-type'), await res.text()];
    };
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(await get('/')).toEqual([200, 'text/html; charset=utf-8', '<p>home</p>']);
    expect(await get('/sub/')).toEqual([200, 'text/html; charset=utf-8', '<p>sub</p>']);
    expect((await get('/m.wasm')).slice(0, 2)).toEqual([200, 'application/wasm']);
    expect((await get('/app.js')).slice(0, 2)).toEqual([200, 'text/javascript; charset=utf-8']);
    expect((await get('/data.bin')).slice(0, 2)).toEqual([200, 'application/octet-stream']);
  });

  it('answers 404 for missing files and refuses paths outside the directory', async () => {
    expect((await fetch(new URL('/missing.js', server.url))).status).toBe(404);
    // URLs normalise "/../" (even "%2e%2e/"), so the escape hides its slashes as a client could.
    expect((await fetch(`${server.url}..%2f..%2fetc%2fpasswd`)).status).toBe(403);
    expect((await fetch(`${server.url}%E0%A4%A`)).status).toBe(400);
  });
});
