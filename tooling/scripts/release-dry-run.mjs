#!/usr/bin/env node
// Release dry run (pnpm release:dry-run; a counted check in .ci/run). Offline, and the working tree is never
// touched:
//   1. `changeset status --output` lists the pending changesets and the bump each asks for;
//   2. the tracked and untracked (not ignored) files are copied to a temporary directory, where
//      `changeset version` runs as a release would;
//   3. the copy is checked: every public @saddle/* package has the one version the fixed group implies (the
//      highest current version bumped by the largest pending bump), private packages keep theirs, internal
//      `workspace:*` ranges are kept, each package's CHANGELOG.md has a section for that version holding the
//      first line of every changeset that names it, and no changeset file is left.
// Publishing itself (`changeset publish`) needs the registry and is not rehearsed here; the packed tarballs
// are checked by pack-all.mjs, check-packages.mjs and the consumer tests.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ROOT } from './public-entries.mjs';

const CHANGESET = join(ROOT, 'node_modules/@changesets/cli/bin.js');
const BUMPS = ['patch', 'minor', 'major'];
const problems = [];
const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));

function workspacePackages(root) {
  return ['packages', 'examples', 'tooling'].flatMap((group) => {
    const dir = join(root, group);
    if (!existsSync(dir)) return [];
    return readdirSync(dir).filter((d) => existsSync(join(dir, d, 'package.json'))).map((d) => ({ dir: join(group, d), json: readJson(join(dir, d, 'package.json')) }));
  });
}

/** semver's inc, as changesets applies it. */
function bump(version, type) {
  const [major, minor, patch] = version.split('.').map(Number);
  if (type === 'major') return `${major + 1}.0.0`;
  if (type === 'minor') return `${major}.${minor + 1}.0`;
  return `${major}.${minor}.${patch + 1}`;
}

const work = mkdtempSync(join(tmpdir(), 'saddle-release-'));
try {
  const statusFile = join(work, 'status.json');
  execFileSync(process.execPath, [CHANGESET, 'status', '--output', statusFile], { cwd: ROOT, stdio: 'pipe' });
  const status = readJson(statusFile);
  if (status.changesets.length === 0) {
    console.log('release dry run: no pending changesets, nothing to version');
    process.exit(0);
  }

  const copy = join(work, 'repo');
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' })
    .split('\0').filter((f) => f && existsSync(join(ROOT, f)));
  for (const file of files) {
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    cpSync(join(ROOT, file), join(copy, file));
  }
  symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'));
  execFileSync(process.execPath, [CHANGESET, 'version'], { cwd: copy, stdio: 'pipe' });

  const before = workspacePackages(ROOT);
  const after = new Map(workspacePackages(copy).map((p) => [p.json.name, p]));
  const isPublic = (p) => !p.json.private && p.json.name.startsWith('@saddle/');
  const largest = status.changesets.flatMap((c) => c.releases.map((r) => r.type))
    .reduce((a, b) => (BUMPS.indexOf(b) > BUMPS.indexOf(a) ? b : a), 'patch');
  const highest = before.filter(isPublic).map((p) => p.json.version)
    .reduce((a, b) => (a.localeCompare(b, undefined, { numeric: true }) >= 0 ? a : b));
  const expected = bump(highest, largest);

  for (const p of before) {
    const next = after.get(p.json.name)?.json;
    if (!next) { problems.push(`${p.json.name}: missing after changeset version`); continue; }
    const want = isPublic(p) ? expected : p.json.version;
    if (next.version !== want) problems.push(`${p.json.name}: version ${next.version}, expected ${want}`);
    for (const field of ['dependencies', 'devDependencies', 'peerDependencies']) {
      for (const [dep, range] of Object.entries(p.json[field] ?? {})) {
        if (range.startsWith('workspace:') && next[field]?.[dep] !== range) problems.push(`${p.json.name}: ${field}.${dep} changed from ${range} to ${next[field]?.[dep]}`);
      }
    }
    if (!isPublic(p)) continue;
    const changelogPath = join(copy, p.dir, 'CHANGELOG.md');
    const changelog = existsSync(changelogPath) ? readFileSync(changelogPath, 'utf8') : '';
    const section = changelog.split(/^## /m).find((s) => s.startsWith(`${expected}\n`)) ?? '';
    if (!section) problems.push(`${p.json.name}: CHANGELOG.md has no "## ${expected}" section`);
    for (const c of status.changesets.filter((c) => c.releases.some((r) => r.name === p.json.name))) {
      const firstLine = c.summary.split('\n')[0].trim();
      if (!section.includes(firstLine)) problems.push(`${p.json.name}: CHANGELOG ${expected} lacks changeset ${c.id}`);
    }
  }
  const left = readdirSync(join(copy, '.changeset')).filter((f) => f.endsWith('.md') && f !== 'README.md');
  if (left.length > 0) problems.push(`changesets left after versioning: ${left.join(', ')}`);

  const released = before.filter(isPublic).length;
  console.log(`release dry run: ${status.changesets.length} changesets, ${largest} bump, ${released} public packages ${highest} → ${expected}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
for (const p of problems) console.log(`  ${p}`);
console.log(problems.length === 0 ? 'release dry run: ok' : `release dry run: ${problems.length} problems`);
process.exitCode = problems.length === 0 ? 0 : 1;
