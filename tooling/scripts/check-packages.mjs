#!/usr/bin/env node
// Package hygiene (design §3), on the tarballs users would install — not on the workspace folders:
//   - publint --strict and @arethetypeswrong/cli on every packed public package;
//   - our own rules on the published package.json: no `@saddle/source` condition (src/ is not
//     shipped; pnpm strips it through `publishConfig.exports`), every export has `types`,
//     `sideEffects` declared, `@tensorflow/tfjs-core` a peer (never a dependency: one engine per
//     process), no workspace:/catalog: ranges left, every bare import in the shipped JavaScript
//     declared in dependencies or peerDependencies (nothing reached through hoisting), and
//     publishConfig.exports in sync with exports.
//
// attw runs with `--profile esm-only`: Saddle is ESM-only (design §3), so the `node10` and
// `node16 (from CJS)` resolutions are not checked. node10 (`moduleResolution: node`) cannot read
// `exports` at all, and CJS callers load Saddle with `require()` of ESM on Node >= 20.19 (which attw
// still reports as "dynamic import only") — see docs/decisions/0012-esm-only-and-require.md.
//
//   node tooling/scripts/check-packages.mjs       (packs into $SADDLE_PACK_DIR or a temp dir)
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { packsForRun, readTarball, repoRoot } from './pack-all.mjs';

const run = promisify(execFile);
const bin = (name) => join(repoRoot, 'node_modules', '.bin', name);
const TFJS_CORE = '@tensorflow/tfjs-core';

/**
 * Bare module specifiers imported by an ES module's text (static, dynamic and re-exports). An
 * `import` right after `-` or a quote is a string such as Node's `"--import"` flag, not a statement.
 */
export function bareImports(code) {
  const specs = new Set();
  const patterns = [
    /(?<![-'"])\bimport\s*(?:[\w*{}\s,$]+?\s*from\s*)?['"]([^'"]+)['"]/g,
    /\bexport\s*[\w*{}\s,$]*?\s*from\s*['"]([^'"]+)['"]/g,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const re of patterns) for (const m of code.matchAll(re)) specs.add(m[1]);
  return [...specs].filter((s) => !s.startsWith('.') && !s.startsWith('/') && !s.startsWith('data:'));
}

const packageOf = (spec) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
const isBuiltin = (spec) => spec.startsWith('node:') || builtinModules.includes(packageOf(spec));

/** Problems with one pack's published manifest and shipped code (our rules, beyond publint's). */
export function ruleProblems(pack) {
  const m = pack.manifest;
  const problems = [];
  const walk = (node, path) => {
    if (typeof node === 'string') return;
    if (node === null || typeof node !== 'object') return;
    if ('@saddle/source' in node) problems.push(`exports${path} keeps the @saddle/source condition (src/ is not published)`);
    for (const [k, v] of Object.entries(node)) walk(v, `${path}[${JSON.stringify(k)}]`);
  };
  walk(m.exports, '');
  if (!m.exports || typeof m.exports !== 'object') problems.push('no exports map');
  else {
    for (const [sub, target] of Object.entries(m.exports)) {
      if (typeof target !== 'object' || !('types' in target)) problems.push(`exports["${sub}"] has no types condition`);
      else if (Object.keys(target)[0] !== 'types') problems.push(`exports["${sub}"]: types must come first`);
    }
  }
  // publishConfig.exports must be the workspace exports minus the source condition, so a subpath
  // added to `exports` cannot go missing from the published package.
  const strip = (v) =>
    v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).filter(([k]) => k !== '@saddle/source').map(([k, x]) => [k, strip(x)])) : v;
  const workspace = JSON.parse(readFileSync(join(pack.dir, 'package.json'), 'utf8'));
  if (JSON.stringify(strip(workspace.exports)) !== JSON.stringify(workspace.publishConfig?.exports)) {
    problems.push('publishConfig.exports is not `exports` without the @saddle/source condition (keep them in sync)');
  }
  if (m.type !== 'module') problems.push('"type" is not "module"');
  if (!('sideEffects' in m)) problems.push('no sideEffects field');
  if (!m.peerDependencies?.[TFJS_CORE]) problems.push(`${TFJS_CORE} is not a peer dependency`);
  if (m.dependencies?.[TFJS_CORE]) problems.push(`${TFJS_CORE} is a dependency (must be a peer only: one engine per process)`);
  if (m.publishConfig?.access !== 'public') problems.push('publishConfig.access is not "public"');
  if (!m.engines?.node) problems.push('no engines.node');
  if (!m.license) problems.push('no license');
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
    for (const [dep, range] of Object.entries(m[field] ?? {})) {
      if (/^(workspace|catalog):/.test(range)) problems.push(`${field}.${dep} is still "${range}"`);
    }
  }
  const declared = new Set([m.name, ...Object.keys(m.dependencies ?? {}), ...Object.keys(m.peerDependencies ?? {}), ...Object.keys(m.optionalDependencies ?? {})]);
  for (const entry of readTarball(pack.tarball)) {
    if (!/\.(m?js|cjs)$/.test(entry.path)) continue;
    for (const spec of bareImports(entry.body.toString('utf8'))) {
      if (isBuiltin(spec) || declared.has(packageOf(spec))) continue;
      problems.push(`${entry.path} imports "${spec}", which is not a declared dependency or peer`);
    }
  }
  return problems;
}

async function tool(cmd, args) {
  try {
    const { stdout, stderr } = await run(cmd, args, { cwd: repoRoot, maxBuffer: 16 << 20, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
    return { ok: true, output: stdout + stderr };
  } catch (err) {
    return { ok: false, output: `${err.stdout ?? ''}${err.stderr ?? ''}` || String(err) };
  }
}

async function checkPack(pack) {
  const [publint, attw] = await Promise.all([
    tool(bin('publint'), ['--strict', pack.tarball]),
    tool(bin('attw'), [pack.tarball, '--profile', 'esm-only', '--format', 'table-flipped', '--no-color']),
  ]);
  return { pack, publint, attw, rules: ruleProblems(pack) };
}

async function main() {
  const packs = packsForRun();
  const results = [];
  const queue = [...packs];
  const workers = Array.from({ length: Math.max(1, Math.min(4, availableParallelism())) }, async () => {
    for (let p = queue.shift(); p; p = queue.shift()) results.push(await checkPack(p));
  });
  await Promise.all(workers);
  results.sort((a, b) => a.pack.name.localeCompare(b.pack.name));
  let failures = 0;
  for (const { pack, publint, attw, rules } of results) {
    const ok = publint.ok && attw.ok && rules.length === 0;
    if (!ok) failures++;
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${pack.name}@${pack.version}  publint:${publint.ok ? 'ok' : 'FAIL'} attw:${attw.ok ? 'ok' : 'FAIL'} rules:${rules.length === 0 ? 'ok' : rules.length}`);
    if (!publint.ok) console.log(indent(publint.output));
    if (!attw.ok) console.log(indent(attw.output));
    for (const r of rules) console.log(`       - ${r}`);
  }
  console.log(`${results.length - failures}/${results.length} packages clean (publint --strict, attw --profile esm-only, package rules)`);
  process.exit(failures === 0 ? 0 : 1);
}

const indent = (s) => s.trim().split('\n').map((l) => `       ${l}`).join('\n');

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
