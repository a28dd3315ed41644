import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';

/** Content types by extension; `.wasm` must be `application/wasm` for streaming compilation. */
const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/** A running static server. */
export interface StaticServer {
  /** Base URL, ending in `/` (`http://127.0.0.1:PORT/`). */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Serves a directory over HTTP on 127.0.0.1 at a free port: `GET /` is `index.html`, paths
 * outside the directory are refused, unknown types are `application/octet-stream`.
 *
 * @example
 * ```ts
 * const server = await serveDirectory('examples/playground/dist');
 * await page.goto(server.url);
 * await server.close();
 * ```
 */
export async function serveDirectory(dir: string): Promise<StaticServer> {
  const root = resolve(dir);
  const server = createServer((request, response) => {
    void (async () => {
      let pathname: string;
      try {
        pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
      } catch {
        response.writeHead(400).end('malformed path');
        return;
      }
      let file = normalize(join(root, pathname));
      if (file !== root && !file.startsWith(root + sep)) {
        response.writeHead(403).end('outside the served directory');
        return;
      }
      try {
        if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
        const size = (await stat(file)).size;
        response.writeHead(200, {
          'content-type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream',
          'content-length': size,
          'cache-control': 'no-store',
        });
        createReadStream(file).pipe(response);
      } catch {
        response.writeHead(404).end('not found');
      }
    })();
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', done);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((done, fail) => {
      server.closeAllConnections();
      server.close((error) => (error ? fail(error) : done()));
    }),
  };
}
