// The public entry points of the workspace: every non-private package under packages/ and each subpath of its
// `exports`, resolved through the `@saddle/source` condition to the TypeScript file it re-exports.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = new URL('../../', import.meta.url).pathname;

/** @returns {{ pkg: string, name: string, dir: string, file: string }[]} one row per exported subpath */
export function publicEntries() {
  const rows = [];
  for (const dir of readdirSync(join(ROOT, 'packages')).sort()) {
    const manifest = join(ROOT, 'packages', dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
    if (pkg.private) continue;
    for (const [subpath, target] of Object.entries(pkg.exports ?? {})) {
      const source = typeof target === 'object' ? target['@saddle/source'] : undefined;
      if (typeof source !== 'string' || !source.endsWith('.ts')) continue;
      rows.push({
        pkg: pkg.name,
        name: subpath === '.' ? pkg.name : `${pkg.name}/${subpath.replace(/^\.\//, '')}`,
        dir: join('packages', dir),
        file: join('packages', dir, source),
      });
    }
  }
  return rows;
}
