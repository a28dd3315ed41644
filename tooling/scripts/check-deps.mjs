#!/usr/bin/env node
// The dependency rules of design §2, checked on every package.json and every import in src/:
//   core ← {losses, optimizers, models, datasets, metrics, theory, io} ← train ← experiments ← cli;
//   core ← backend-*; testing may use backends; no library imports a backend or the
//   @tensorflow/tfjs union package; @tensorflow/tfjs-core is a peer dependency everywhere.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../../packages/', import.meta.url).pathname;
const LIBRARIES = ['losses', 'optimizers', 'models', 'datasets', 'metrics', 'theory', 'io'];
/** What each package may depend on among @saddle/* packages. */
const ALLOWED = {
  core: [],
  ...Object.fromEntries(LIBRARIES.map((l) => [l, ['core', ...(l === 'metrics' ? ['models', 'io'] : [])]])),
  train: ['core', ...LIBRARIES],
  experiments: ['core', ...LIBRARIES, 'train'],
  cli: ['core', ...LIBRARIES, 'train', 'experiments', 'backend-cpu', 'backend-wasm', 'backend-webgl', 'backend-node'],
  testing: ['core', 'backend-cpu', 'backend-wasm', 'backend-webgl', 'backend-node'],
};
const isBackend = (name) => name.startsWith('backend-');

function sourceFiles(dir) {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    // Test code (tests and their support files) may use @saddle/testing and the backends.
    if (statSync(path).isDirectory()) return entry === 'test-support' ? [] : sourceFiles(path);
    return /\.ts$/.test(entry) && !/\.test\.ts$/.test(entry) ? [path] : [];
  });
}

const problems = [];
for (const dir of readdirSync(root)) {
  const pkgPath = join(root, dir, 'package.json');
  let pkg;
  try {
    pkg = JSON.parse(readFileSync(pkgPath, 'utf8'));
  } catch {
    continue;
  }
  const allowed = isBackend(dir) ? ['core'] : ALLOWED[dir];
  if (allowed === undefined) {
    problems.push(`${dir}: no dependency rule for this package; add it to tooling/scripts/check-deps.mjs`);
    continue;
  }
  const declared = { ...pkg.dependencies, ...pkg.peerDependencies };
  for (const dep of Object.keys(declared)) {
    const m = /^@saddle\/(.+)$/.exec(dep);
    if (m && !allowed.includes(m[1])) problems.push(`${dir}: may not depend on ${dep} (allowed: ${allowed.join(', ') || 'none'})`);
    if (dep === '@tensorflow/tfjs') problems.push(`${dir}: depends on the @tensorflow/tfjs union package; use @tensorflow/tfjs-core`);
  }
  if (pkg.dependencies?.['@tensorflow/tfjs-core']) problems.push(`${dir}: @tensorflow/tfjs-core must be a peer dependency (one engine per process)`);
  if (!pkg.peerDependencies?.['@tensorflow/tfjs-core']) problems.push(`${dir}: missing peer dependency @tensorflow/tfjs-core`);
  for (const file of sourceFiles(join(root, dir, 'src'))) {
    // Comments are dropped first: TSDoc examples import other packages on purpose.
    const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    for (const [, spec] of text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)) {
      const saddle = /^@saddle\/([^/]+)/.exec(spec);
      if (saddle && saddle[1] !== dir && !(`@saddle/${saddle[1]}` in declared)) {
        problems.push(`${file}: imports ${spec} but ${dir}/package.json does not declare @saddle/${saddle[1]}`);
      }
      if (spec === '@tensorflow/tfjs') problems.push(`${file}: imports the @tensorflow/tfjs union package`);
    }
  }
}

if (problems.length > 0) {
  console.error(`check-deps: ${problems.length} problem(s)\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log('check-deps: dependency rules hold for every package');
