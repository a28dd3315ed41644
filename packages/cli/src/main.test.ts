import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saddle } from './test-support/run-saddle.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'saddle-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function configFile(name: string, content: unknown): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('saddle', () => {
  it('prints help and the version, and usage on stderr with no command', async () => {
    expect(await saddle('--help')).toMatchObject({ code: 0, stdout: expect.stringContaining('Usage: saddle <command> [flags]') });
    expect(await saddle('-v')).toEqual({ code: 0, stdout: '0.1.0\n', stderr: '' });
    expect(await saddle()).toMatchObject({ code: 2, stdout: '', stderr: expect.stringContaining('Commands:') });
    const train = await saddle('train', '-h');
    expect(train.code).toBe(0);
    expect(train.stdout).toContain('Usage: saddle train [--config FILE]');
    expect(train.stdout).toContain('"latentSize": 8');
  });

  it('refuses an unknown command', async () => {
    expect(await saddle('trian')).toEqual({
      code: 2, stdout: '', stderr: 'saddle: saddle: unknown command (got "trian"); allowed: train, theory, sample, eval, reproduce, sweep, --help, --version\nrun "saddle --help" for usage\n',
    });
  });
});

describe('saddle train: bad flags and configs fail at once, naming the field, the value and what is allowed', () => {
  const error = async (...argv: string[]): Promise<string> => {
    const run = await saddle('train', ...argv);
    expect(run.stdout).toBe('');
    expect(run.code).toBe(2);
    return run.stderr;
  };

  it('an unknown flag', async () => {
    expect(await error('--stepz', '5')).toBe(
      'saddle: --stepz: unknown flag; allowed: --config, --resume, --backend, --workers, --steps, --seed, --out, --help/-h\nrun "saddle train --help" for usage\n',
    );
    expect(await error('--steps')).toMatch(/^saddle: --steps: needs a value; write --steps VALUE/);
  });

  it('a bad --steps', async () => {
    expect(await error('--steps', 'many')).toContain('--steps: wrong type (got "many"); allowed: an integer');
    expect(await error('--steps', '0')).toContain('--steps: too small (got 0); allowed: an integer ≥ 1');
    expect(await error('--steps', '2.5')).toContain('--steps: wrong type (got 2.5); allowed: an integer');
  });

  it('a bad --backend', async () => {
    expect(await error('--backend', 'gpu')).toContain('--backend: not one of the choices (got "gpu"); allowed: "wasm", "cpu"');
  });

  it('an unknown config key, at any depth, listing the keys allowed there', async () => {
    const path = await configFile('unknown-key.json', { stepz: 5, generator: { width: 64 } });
    const stderr = await error('--config', path);
    expect(stderr).toContain(`invalid config (${path}):`);
    expect(stderr).toContain('  stepz: unknown key (got 5); allowed: seed, steps, batchSize, backend, workers, data, generator, discriminator, loss, optimizer, penalty, logEvery, checkpointEvery, keepCheckpoints, evaluateEvery, divergence, out');
    expect(stderr).toContain('  generator.width: unknown key (got 64); allowed: hiddenSizes, activation, latentSize');
  });

  it('a value of the wrong type, every issue on its own line', async () => {
    const path = await configFile('wrong-type.json', { batchSize: '256', loss: 'hinge-gan', optimizer: { generator: { learningRate: -1 } } });
    expect((await error('--config', path)).split('\n').slice(1, 4)).toEqual([
      '  batchSize: wrong type (got "256"); allowed: an integer',
      '  loss: not one of the choices (got "hinge-gan"); allowed: "js-gan", "non-saturating", "least-squares", "wasserstein", "hinge", "rs-gan", "rs-hinge", "relativistic-average"',
      '  optimizer.generator.learningRate: too small (got -1); allowed: a number > 0',
    ]);
  });

  it('an absurd width or size, before anything is allocated', async () => {
    const wide = await configFile('wide.json', { generator: { hiddenSizes: [64, 100_000] } });
    expect(await error('--config', wide)).toContain('generator.hiddenSizes[1]: too large (got 100000); allowed: an integer ≤ 65536');
    const huge = await configFile('huge.json', { discriminator: { hiddenSizes: [60_000, 60_000] } });
    expect(await error('--config', huge)).toContain(
      'discriminator.hiddenSizes: the network would have 3,600,300,001 parameters (got [60000, 60000]); allowed: at most 50,000,000 parameters per network',
    );
  });

  it('options that do not fit the chosen method or optimizer', async () => {
    const path = await configFile('mismatch.json', {
      optimizer: { method: 'simultaneous', discriminatorSteps: 5, generator: { name: 'sgd', learningRate: 0.01, beta1: 0.5 } },
    });
    const stderr = await error('--config', path);
    expect(stderr).toContain('optimizer.generator.beta1: only adam has betas (got 0.5); allowed: remove it, or use name "adam"');
    expect(stderr).toContain('optimizer.discriminatorSteps: only alternating updates take move counts (got 5)');
  });

  it('a bad penalty, naming its field', async () => {
    const path = await configFile('penalty.json', { penalty: { kind: 'gp', weight: -1 } });
    const stderr = await error('--config', path);
    expect(stderr).toContain('  penalty.kind: not one of the choices (got "gp"); allowed: "wgan-gp", "r1", "r2"');
    expect(stderr).toContain('  penalty.weight: too small (got -1)');
    const missing = await configFile('penalty-kind.json', { penalty: { weight: 10 } });
    expect(await error('--config', missing)).toContain('  penalty.kind:');
  });

  it('an unreadable or invalid JSON config file', async () => {
    const missing = await saddle('train', '--config', join(dir, 'missing.json'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^saddle: --config: cannot read config file: ENOENT.*\(got ".*missing.json"\); pass the path of a readable JSON file/);
    const broken = await configFile('broken.json', '{ "steps": 10, }');
    expect(await error('--config', broken)).toMatch(/^saddle: --config: config file is not valid JSON: .*; fix the JSON syntax/);
    const list = await configFile('list.json', [1, 2]);
    expect(await error('--config', list)).toContain('config: wrong type (got [1, 2]); allowed: an object');
  });

  it('flags override the file: only the file values that no flag replaced are refused', async () => {
    const path = await configFile('overridden.json', { steps: 0, batchSize: 0 });
    const stderr = await error('--config', path, '--steps', '10');
    expect(stderr).toContain('  batchSize: too small (got 0)');
    expect(stderr).not.toContain('steps');
  });
});

describe('saddle train: a short run', () => {
  it('trains WGAN-GP (Wasserstein loss + gradient penalty, λ defaulting to 10) [cpu]', async () => {
    const out = join(dir, 'run-wgan-gp');
    const path = await configFile('wgan-gp.json', { loss: 'wasserstein', penalty: { kind: 'wgan-gp' }, logEvery: 5 });
    const run = await saddle('train', '--config', path, '--steps', '10', '--backend', 'cpu', '--out', out);
    expect(run.stderr).toContain('step 10/10 (100%)');
    expect(run.code).toBe(0);
    const config = JSON.parse(await readFile(join(out, 'config.json'), 'utf8'));
    expect(config).toMatchObject({ loss: 'wasserstein', penalty: { kind: 'wgan-gp', weight: 10 } });
    const steps = (await readFile(join(out, 'metrics.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l)).filter((m) => m.event === undefined);
    expect(steps.map((m) => m.step)).toEqual([5, 10]);
    for (const m of steps) expect(Number.isFinite(m.lossD) && Number.isFinite(m.lossG)).toBe(true);
  });


  for (const backend of ['wasm', 'cpu']) {
    it(`writes the run directory and prints the coverage [${backend}]`, async () => {
      const out = join(dir, `run-${backend}`);
      const run = await saddle('train', '--steps', '20', '--backend', backend, '--seed', '3', '--out', out);
      expect(run.stderr).toContain('step 20/20 (100%)');
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^run directory: .*run-(wasm|cpu)\nmodes covered: \d\/8, high-quality fraction: [\d.]+ \(2500 samples, within 3σ of a mode\)\n$/);

      expect((await readdir(out)).sort()).toEqual(['checkpoints', 'config.json', 'metrics.jsonl', 'run.json', 'samples.png', 'summary.json']);
      const meta = JSON.parse(await readFile(join(out, 'run.json'), 'utf8'));
      expect(meta).toMatchObject({ node: process.version, backend, resumes: [] });
      expect(meta.command).toEqual(process.argv);
      expect(Object.keys(meta.packages)).toEqual(expect.arrayContaining(['@saddle/cli', '@saddle/core', '@saddle/train']));
      expect(meta.tfjs).toMatch(/^\d+\.\d+\.\d+/);
      expect(await readdir(join(out, 'checkpoints'))).toEqual(['step-000020']);
      const config = JSON.parse(await readFile(join(out, 'config.json'), 'utf8'));
      expect(config).toMatchObject({ steps: 20, seed: 3, backend, out, data: { kind: 'ring', modes: 8 } });
      const metrics = (await readFile(join(out, 'metrics.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
      expect(metrics).toHaveLength(2);
      expect(metrics[0]).toMatchObject({ step: 20, gradientEvaluations: 40 });
      expect(metrics[1]).toMatchObject({ event: 'evaluation', step: 20, metrics: { modes: 8 } });
      const summary = JSON.parse(await readFile(join(out, 'summary.json'), 'utf8'));
      expect(summary).toMatchObject({ backend, seed: 3, steps: 20, modes: 8, evaluation: { samples: 2500, radiusInStd: 3, minCount: 25 } });
      expect(summary.countsPerMode).toHaveLength(8);

      // PNG signature, then the IHDR chunk: length 13, type, width and height (big-endian).
      const png = await readFile(join(out, 'samples.png'));
      expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      expect(png.readUInt32BE(8)).toBe(13);
      expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
    });
  }
});
