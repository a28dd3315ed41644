// Consumers of the published packages (issue 13): every public package is packed with
// `pnpm pack` (or the packs made earlier in the same CI run, $SADDLE_PACK_DIR), and the tarballs a
// user would need are installed with npm into fresh directories outside the workspace, next to
// @tensorflow/tfjs-core from the registry. Nothing here resolves workspace sources or dist/.
//   - Node ESM: core + losses + optimizers + backend-wasm alone train a custom game (play.cjs);
//   - Node CommonJS: require() of the same packages (docs/decisions/0012-esm-only-and-require.md);
//   - the CLI from its tarball: `npx saddle --help` and a 20-step `saddle train`.
// Each install has exactly one tfjs-core (one engine per process) and every @saddle package in
// it declares tfjs-core as a peer, never as a dependency.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packsForRun, repoRoot } from '../../scripts/pack-all.mjs';

interface Pack {
  name: string;
  version: string;
  tarball: string;
  manifest: { dependencies?: Record<string, string>; peerDependencies?: Record<string, string> };
}

const TFJS_CORE = '@tensorflow/tfjs-core';
const TFJS_VERSION = '4.22.0';
const here = fileURLToPath(new URL('.', import.meta.url));
const INSTALL_TIMEOUT = 240_000;
const keep = process.env.SADDLE_KEEP_CONSUMERS === '1';

/** npm's environment without what `pnpm run` injects (npm_config_* from pnpm, lifecycle vars). */
function npmEnv(): NodeJS.ProcessEnv {
  const passThrough = new Set(['npm_config_registry', 'npm_config_cache', 'npm_config_userconfig', 'npm_config_cafile', 'npm_config_strict_ssl']);
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(npm_|pnpm_)/i.test(k) && !passThrough.has(k.toLowerCase())) continue;
    env[k] = v;
  }
  return { ...env, npm_config_fund: 'false', npm_config_audit: 'false', npm_config_update_notifier: 'false' };
}

/** The named packages and every @saddle package they depend on, transitively. */
function closure(packs: Pack[], names: string[]): Pack[] {
  const byName = new Map(packs.map((p) => [p.name, p]));
  const seen = new Set<string>();
  const visit = (name: string): void => {
    if (seen.has(name)) return;
    const pack = byName.get(name);
    if (!pack) throw new Error(`${name} is not among the packed packages`);
    seen.add(name);
    for (const dep of Object.keys(pack.manifest.dependencies ?? {})) if (dep.startsWith('@saddle/')) visit(dep);
  };
  names.forEach(visit);
  return [...seen].sort().map((n) => byName.get(n)!);
}

interface Consumer {
  dir: string;
  installed: Pack[];
  installSeconds: number;
  run(cmd: string, args: string[]): string;
}

/** A fresh directory outside the workspace with `wanted` (+ their @saddle deps) and tfjs-core installed. */
function consumer(packs: Pack[], wanted: string[], files: string[] = []): Consumer {
  const dir = mkdtempSync(join(tmpdir(), 'saddle-consumer-'));
  expect(relative(repoRoot, dir).startsWith('..')).toBe(true);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'saddle-consumer', private: true }, null, 2));
  for (const f of files) copyFileSync(join(here, f), join(dir, f));
  const installed = closure(packs, wanted);
  const env = npmEnv();
  const started = performance.now();
  execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', ...installed.map((p) => p.tarball), `${TFJS_CORE}@${TFJS_VERSION}`], {
    cwd: dir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const installSeconds = (performance.now() - started) / 1000;
  const run = (cmd: string, args: string[]): string => execFileSync(cmd, args, { cwd: dir, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return { dir, installed, installSeconds, run };
}

/** Checks shared by every consumer directory: the @saddle set, one tfjs-core, peers. */
function checkInstall(c: Consumer): void {
  const saddleDir = join(c.dir, 'node_modules', '@saddle');
  expect(readdirSync(saddleDir).map((d) => `@saddle/${d}`).sort()).toEqual(c.installed.map((p) => p.name));

  // Every @saddle package came from its tarball, none from a registry.
  const tree = JSON.parse(c.run('npm', ['ls', '--json'])) as { dependencies: Record<string, { version: string; resolved?: string }> };
  for (const p of c.installed) expect(tree.dependencies[p.name]?.resolved).toBe(`file:${p.tarball}`);

  // One engine per process: `npm ls` lists tfjs-core under every dependent, all deduped to one copy.
  const paths = new Set(c.run('npm', ['ls', TFJS_CORE, '--all', '--parseable']).trim().split('\n').filter(Boolean));
  expect([...paths]).toEqual([join(c.dir, 'node_modules', TFJS_CORE)]);
  const versions = new Set([...c.run('npm', ['ls', TFJS_CORE, '--all']).matchAll(/@tensorflow\/tfjs-core@(\S+)/g)].map((m) => m[1]));
  expect([...versions]).toEqual([TFJS_VERSION]);

  // As installed: tfjs-core a peer of every @saddle package, never a dependency.
  for (const p of c.installed) {
    const pkg = JSON.parse(readFileSync(join(c.dir, 'node_modules', p.name, 'package.json'), 'utf8')) as Pack['manifest'] & { exports: unknown };
    expect(pkg.peerDependencies?.[TFJS_CORE], `${p.name} peer`).toBe(TFJS_VERSION);
    expect(pkg.dependencies?.[TFJS_CORE], `${p.name} dependency`).toBeUndefined();
    expect(JSON.stringify(pkg.exports)).not.toContain('@saddle/source');
  }
}

interface GameResult {
  backend: string;
  optimizer: string;
  eta: number;
  initial: { lossG: number; lossD: number; gradTheta: number; gradW: number };
  norms: number[];
  theta: number;
  w: number;
  leaked: number;
}

/** The game's closed form (play.cjs): θ₀ = 0, w₀ = 1, extragradient contracts by √(1 − η² + η⁴). */
function checkGame(r: GameResult): void {
  expect(r.backend).toBe('wasm');
  expect(r.optimizer).toBe('extragradient');
  // L_D = w(θ − 2) = −2, L_G = −wθ = 0, ∂L_G/∂θ = −w = −1, ∂L_D/∂w = θ − 2 = −2.
  expect(r.initial.lossD).toBeCloseTo(-2, 5);
  expect(r.initial.lossG).toBeCloseTo(0, 5);
  expect(r.initial.gradTheta).toBeCloseTo(-1, 5);
  expect(r.initial.gradW).toBeCloseTo(-2, 5);
  const rate = Math.sqrt(1 - r.eta ** 2 + r.eta ** 4);
  let prev = Math.hypot(0 - 2, 1);
  for (const n of r.norms) {
    expect(Math.abs(n / prev - rate)).toBeLessThan(1e-4);
    prev = n;
  }
  expect(r.norms).toHaveLength(100);
  // After 100 steps the distance to the equilibrium (θ, w) = (2, 0) is √5·rate^100 ≈ 0.32.
  expect(Math.abs(r.norms.at(-1)! - Math.sqrt(5) * rate ** 100)).toBeLessThan(1e-3);
  expect(Math.abs(r.theta - 2)).toBeLessThan(0.35);
  expect(r.leaked).toBe(0);
}

describe('consumers of the packed tarballs (npm, outside the workspace)', () => {
  let packs: Pack[];
  const dirs: string[] = [];
  const timings: Record<string, number> = {};

  beforeAll(() => {
    const started = performance.now();
    packs = packsForRun() as Pack[];
    timings.pack = (performance.now() - started) / 1000;
  }, INSTALL_TIMEOUT);

  afterAll(() => {
    console.log(`consumer timings (s): ${JSON.stringify(Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Number(v.toFixed(1))])))}`);
    if (!keep) for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  describe('Node ESM and require(): @saddle/core + losses + optimizers + backend-wasm only', () => {
    let c: Consumer;
    beforeAll(() => {
      c = consumer(packs, ['@saddle/core', '@saddle/losses', '@saddle/optimizers', '@saddle/backend-wasm'], ['play.cjs', 'game.mjs', 'game.cjs']);
      dirs.push(c.dir);
      timings.installLibraries = c.installSeconds;
    }, INSTALL_TIMEOUT);

    it('installs just those four from their tarballs, with one tfjs-core that each declares as a peer', () => {
      expect(c.installed.map((p) => p.name)).toEqual(['@saddle/backend-wasm', '@saddle/core', '@saddle/losses', '@saddle/optimizers']);
      checkInstall(c);
      expect(existsSync(join(c.dir, 'node_modules', '@saddle', 'train'))).toBe(false);
    });

    it('ESM import: a custom Wasserstein game trained by extragradient on wasm contracts at the closed-form rate', () => {
      const started = performance.now();
      checkGame(JSON.parse(c.run(process.execPath, ['game.mjs'])) as GameResult);
      timings.esmGame = (performance.now() - started) / 1000;
    });

    it('CommonJS require() of the same ESM-only packages works on this Node and plays the same game (ADR 0012)', () => {
      const started = performance.now();
      const report = JSON.parse(c.run(process.execPath, ['game.cjs'])) as {
        requireModule: boolean;
        errors: Record<string, string>;
        result?: GameResult;
        cjsBackend?: string;
      };
      timings.requireGame = (performance.now() - started) / 1000;
      const [major, minor] = process.versions.node.split('.').map(Number) as [number, number];
      const supported = major > 22 || (major === 22 && minor >= 12) || (major === 20 && minor >= 19);
      // engines.node is ">=20.19": on every supported Node, require(esm) is on without a flag.
      expect(report.requireModule).toBe(supported);
      if (!report.requireModule) {
        // Documented behaviour without require(esm): ERR_REQUIRE_ESM for the Saddle packages.
        expect(report.errors['@saddle/core']).toBe('ERR_REQUIRE_ESM');
        return;
      }
      expect(report.errors).toEqual({});
      checkGame(report.result!);
      // The tfjs-core that CJS gets is the one Saddle's ESM drove: it sees the wasm backend selected.
      expect(report.cjsBackend).toBe('wasm');
    });
  });

  describe('the CLI installed from its tarball', () => {
    let c: Consumer;
    beforeAll(() => {
      c = consumer(packs, ['@saddle/cli']);
      dirs.push(c.dir);
      timings.installCli = c.installSeconds;
    }, INSTALL_TIMEOUT);

    it('installs the CLI with only its @saddle dependencies, one tfjs-core, peers declared', () => {
      const names = c.installed.map((p) => p.name);
      expect(names).toContain('@saddle/cli');
      expect(names).not.toContain('@saddle/testing');
      checkInstall(c);
    });

    it('every export of every installed @saddle package loads with import and with require()', () => {
      const specifiers = c.installed.flatMap((p) =>
        Object.keys((p.manifest as { exports: Record<string, unknown> }).exports).map((sub) => (sub === '.' ? p.name : `${p.name}/${sub.slice(2)}`)),
      );
      expect(specifiers).toContain('@saddle/core/register-gradients');
      const probe = `const specs = ${JSON.stringify(specifiers)};
        const out = {};
        for (const s of specs) { try { require(s); out[s] = 'ok'; } catch (e) { out[s] = 'require: ' + (e.code || e.message); } }
        Promise.all(specs.map((s) => import(s).catch((e) => { out[s] = 'import: ' + (e.code || e.message); })))
          .then(() => process.stdout.write(JSON.stringify(out)));`;
      const loaded = JSON.parse(c.run(process.execPath, ['-e', probe])) as Record<string, string>;
      expect(loaded).toEqual(Object.fromEntries(specifiers.map((s) => [s, 'ok'])));
    });

    it('npx saddle --help prints the usage', () => {
      const out = c.run('npx', ['--no-install', 'saddle', '--help']);
      expect(out).toMatch(/^Usage: saddle <command>/m);
      expect(out).toMatch(/^\s+train\s/m);
    });

    it('saddle train --steps 20 --out DIR writes the run directory', () => {
      const started = performance.now();
      const out = c.run('npx', ['--no-install', 'saddle', 'train', '--steps', '20', '--out', 'run']);
      timings.cliTrain = (performance.now() - started) / 1000;
      const run = join(c.dir, 'run');
      expect(out).toContain(`run directory: ${run}`); // progress ("done: 20 steps") goes to stderr
      for (const f of ['config.json', 'metrics.jsonl', 'samples.png', 'summary.json', 'checkpoints/step-000020/checkpoint.json', 'checkpoints/step-000020/tensors.safetensors']) {
        expect(existsSync(join(run, f)), f).toBe(true);
      }
      const summary = JSON.parse(readFileSync(join(run, 'summary.json'), 'utf8')) as { steps: number; backend: string; lossD: number; lossG: number };
      expect(summary.steps).toBe(20);
      expect(summary.backend).toBe('wasm');
      expect(Number.isFinite(summary.lossD) && Number.isFinite(summary.lossG)).toBe(true);
      expect(readFileSync(join(run, 'samples.png')).subarray(1, 4).toString('latin1')).toBe('PNG');
      const lines = readFileSync(join(run, 'metrics.jsonl'), 'utf8').trim().split('\n');
      expect((JSON.parse(lines.at(-1)!) as { step: number }).step).toBe(20);
    });
  });
});
