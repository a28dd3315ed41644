// Consumers of the published packages (issue 13): every public package is packed with
// `pnpm pack` (or the packs made earlier in the same CI run, $SADDLE_PACK_DIR), and the tarballs a
// user would need are installed with npm into fresh directories outside the workspace, next to
// @tensorflow/tfjs-core from the registry. Nothing here resolves workspace sources or dist/.
//   - Node ESM: core + losses + optimizers + backend-wasm alone train a custom game (play.cjs);
//   - Node CommonJS: require() of the same packages (docs/decisions/0012-esm-only-and-require.md);
//   - the CLI from its tarball: `npx saddle --help` and a 20-step `saddle train`.
//   - a Vite production build of a page, in headless Chromium: vite-browser.test.ts.
// Shared install helpers and checks: consumer.ts.
// Each install has exactly one tfjs-core (one engine per process) and every @saddle package in
// it declares tfjs-core as a peer, never as a dependency.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packsForRun } from '../../scripts/pack-all.mjs';
import { checkGame, checkInstall, consumer, INSTALL_TIMEOUT, keepConsumers, type Consumer, type GameResult, type Pack } from './consumer.js';

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
    if (!keepConsumers) for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  describe('Node ESM and require(): @saddle/core + losses + optimizers + backend-wasm only', () => {
    let c: Consumer;
    beforeAll(() => {
      c = consumer(packs, ['@saddle/core', '@saddle/losses', '@saddle/optimizers', '@saddle/backend-wasm'], { files: ['play.cjs', 'game.mjs', 'game.cjs'] });
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
