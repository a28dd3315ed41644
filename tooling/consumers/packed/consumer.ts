// What every packed-consumer test shares: a fresh npm project outside the workspace with only the
// tarballs a user needs (plus registry packages such as tfjs-core or vite), the install checks
// (strict layout, one tfjs-core declared as a peer) and the closed form of the game in play.cjs.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { repoRoot } from '../../scripts/pack-all.mjs';

export interface Pack {
  name: string;
  version: string;
  tarball: string;
  manifest: { dependencies?: Record<string, string>; peerDependencies?: Record<string, string> };
}

export const TFJS_CORE = '@tensorflow/tfjs-core';
export const TFJS_VERSION = catalogVersion(TFJS_CORE);
export const INSTALL_TIMEOUT = 240_000;
/** `SADDLE_KEEP_CONSUMERS=1` keeps the consumer directories for inspection. */
export const keepConsumers = process.env.SADDLE_KEEP_CONSUMERS === '1';
const here = fileURLToPath(new URL('.', import.meta.url));

/** The exact version pinned for `name` in the `catalog:` of pnpm-workspace.yaml. */
export function catalogVersion(name: string): string {
  const yaml = readFileSync(join(repoRoot, 'pnpm-workspace.yaml'), 'utf8');
  const quoted = name.replace(/[/@.-]/g, (c) => `\\${c}`);
  const match = new RegExp(`^\\s+['"]?${quoted}['"]?:\\s*['"]?([^\\s'"]+)`, 'm').exec(yaml);
  if (match?.[1] === undefined) throw new Error(`${name} is not in the catalog of pnpm-workspace.yaml`);
  return match[1];
}

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

export interface Consumer {
  dir: string;
  installed: Pack[];
  installSeconds: number;
  run(cmd: string, args: string[]): string;
}

export interface ConsumerOptions {
  /** Files next to this module copied into the consumer at the same relative path. */
  files?: string[];
  /** Registry packages installed besides tfjs-core, as `name@version`. */
  registry?: string[];
}

/** A fresh directory outside the workspace with `wanted` (+ their @saddle deps), tfjs-core and `registry` installed. */
export function consumer(packs: Pack[], wanted: string[], { files = [], registry = [] }: ConsumerOptions = {}): Consumer {
  const dir = mkdtempSync(join(tmpdir(), 'saddle-consumer-'));
  expect(relative(repoRoot, dir).startsWith('..')).toBe(true);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'saddle-consumer', private: true }, null, 2));
  for (const f of files) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    copyFileSync(join(here, f), join(dir, f));
  }
  const installed = closure(packs, wanted);
  const env = npmEnv();
  const started = performance.now();
  const specs = [...installed.map((p) => p.tarball), `${TFJS_CORE}@${TFJS_VERSION}`, ...registry];
  execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', ...specs], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const installSeconds = (performance.now() - started) / 1000;
  const run = (cmd: string, args: string[]): string => execFileSync(cmd, args, { cwd: dir, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return { dir, installed, installSeconds, run };
}

/** Checks shared by every consumer directory: the @saddle set, one tfjs-core, peers. */
export function checkInstall(c: Consumer): void {
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

export interface GameResult {
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
export function checkGame(r: GameResult): void {
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
