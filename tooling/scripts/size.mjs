#!/usr/bin/env node
// Size report: packed (tarball) and unpacked (sum of file sizes) bytes per public package, as a
// Markdown table for the README. Packs into $SADDLE_PACK_DIR (reusing packs there) or a temp dir.
//
//   pnpm size            (builds first)     node tooling/scripts/size.mjs [--json]
import { packsForRun } from './pack-all.mjs';

const kB = (n) => `${(n / 1024).toFixed(1)} kB`;
const packs = packsForRun();
if (process.argv.includes('--json')) {
  console.log(JSON.stringify(packs.map(({ name, version, packed, unpacked, files }) => ({ name, version, packed, unpacked, files: files.length })), null, 2));
} else {
  const rows = packs.map((p) => [`\`${p.name}\``, p.version, kB(p.packed), kB(p.unpacked), String(p.files.length)]);
  const total = ['**total**', '', kB(packs.reduce((s, p) => s + p.packed, 0)), kB(packs.reduce((s, p) => s + p.unpacked, 0)), String(packs.reduce((s, p) => s + p.files.length, 0))];
  const table = [['package', 'version', 'packed', 'unpacked', 'files'], ['---', '---', '---:', '---:', '---:'], ...rows, total];
  for (const r of table) console.log(`| ${r.join(' | ')} |`);
  console.log('\nSizes exclude dependencies (tfjs-core is a peer; backends pull their tfjs backend package).');
}
