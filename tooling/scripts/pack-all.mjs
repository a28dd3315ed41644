#!/usr/bin/env node
// Packs every public package under packages/ with `pnpm pack` (which applies `publishConfig`
// overrides and rewrites workspace:/catalog: ranges) into one directory, and writes
// <dir>/manifest.json: [{ name, version, dir, tarball, packed, unpacked, files, manifest }].
// `packed` is the tarball's size in bytes, `unpacked` the sum of its file sizes; `manifest` is the
// package.json as published (read back from the tarball).
//
//   node tooling/scripts/pack-all.mjs [DIR]     (default: $SADDLE_PACK_DIR or a new temp dir)
//
// Packages must be built first (`pnpm build`). Also importable: `packAll(dir)` and `readPacks(dir)`.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Directories of the packages that get published: packages/* without `"private": true`. */
export function publicPackageDirs() {
  const root = join(repoRoot, 'packages');
  return readdirSync(root)
    .map((d) => join(root, d))
    .filter((d) => existsSync(join(d, 'package.json')))
    .filter((d) => JSON.parse(readFileSync(join(d, 'package.json'), 'utf8')).private !== true)
    .sort();
}

/** Entries of a .tgz: [{ path, size, body }] (ustar; regular files only). */
export function readTarball(file) {
  const buf = gunzipSync(readFileSync(file));
  const entries = [];
  let off = 0;
  let longName = null;
  while (off + 512 <= buf.length) {
    const header = buf.subarray(off, off + 512);
    if (header.every((b) => b === 0)) break;
    const str = (a, b) => header.subarray(a, b).toString('utf8').replace(/\0.*$/s, '');
    let name = str(0, 100);
    const prefix = str(345, 500);
    if (prefix) name = `${prefix}/${name}`;
    const size = parseInt(str(124, 136).trim() || '0', 8);
    const type = String.fromCharCode(header[156] || 48);
    const body = buf.subarray(off + 512, off + 512 + size);
    off += 512 + Math.ceil(size / 512) * 512;
    if (type === 'L') {
      longName = body.toString('utf8').replace(/\0.*$/s, '');
      continue;
    }
    if (longName) {
      name = longName;
      longName = null;
    }
    if (type === '0' || type === '\0') entries.push({ path: name.replace(/^package\//, ''), size, body });
  }
  return entries;
}

/** Packs every public package into `dir` and writes `dir/manifest.json`. Returns the entries. */
export function packAll(dir) {
  mkdirSync(dir, { recursive: true });
  const packs = [];
  for (const pkgDir of publicPackageDirs()) {
    const out = execFileSync('pnpm', ['pack', '--pack-destination', dir, '--json'], {
      cwd: pkgDir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const info = JSON.parse(out.slice(out.indexOf('{')));
    const tarball = resolve(dir, info.filename);
    const entries = readTarball(tarball);
    const pkgJson = entries.find((e) => e.path === 'package.json');
    packs.push({
      name: info.name,
      version: info.version,
      dir: pkgDir,
      tarball,
      packed: statSync(tarball).size,
      unpacked: entries.reduce((s, e) => s + e.size, 0),
      files: entries.map((e) => e.path).sort(),
      manifest: JSON.parse(pkgJson.body.toString('utf8')),
    });
  }
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(packs, null, 2));
  return packs;
}

/** The packs in `dir` if a complete manifest is there, else null. */
export function readPacks(dir) {
  const file = join(dir, 'manifest.json');
  if (!existsSync(file)) return null;
  const packs = JSON.parse(readFileSync(file, 'utf8'));
  return packs.every((p) => existsSync(p.tarball)) ? packs : null;
}

/** `$SADDLE_PACK_DIR` (reusing its packs if present) or a fresh temp dir; packs if needed. */
export function packsForRun() {
  const dir = process.env.SADDLE_PACK_DIR || mkdtempSync(join(tmpdir(), 'saddle-packs-'));
  return readPacks(dir) ?? packAll(dir);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = resolve(process.argv[2] || process.env.SADDLE_PACK_DIR || mkdtempSync(join(tmpdir(), 'saddle-packs-')));
  const packs = packAll(dir);
  for (const p of packs) console.log(`${p.name}@${p.version}  ${p.tarball}`);
  console.log(`${packs.length} packages packed into ${dir}`);
}
