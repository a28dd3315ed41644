import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectRunMetadata, packageVersions } from './run-metadata.js';

const hasGit = (() => {
  try {
    execFileSync('git', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('collectRunMetadata', () => {
  let root = '';
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'saddle-meta-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('records the runtime, machine, backend and command line, and null git outside a checkout', async () => {
    const meta = await collectRunMetadata({ packages: { '@saddle/x': '1.2.3' }, cwd: root });
    expect(meta).toMatchObject({
      command: process.argv, cwd: root, node: process.version, backend: tf.getBackend(), tfjs: tf.version_core,
      packages: { '@saddle/x': '1.2.3' }, git: null,
    });
    expect(meta.cpu.cores).toBe(cpus().length);
    expect(Date.now() - Date.parse(meta.startedAt)).toBeGreaterThanOrEqual(0);
    expect(Date.now() - Date.parse(meta.startedAt)).toBeLessThan(60_000);
  });

  it.skipIf(!hasGit)('records HEAD and whether tracked files changed inside a git checkout', async () => {
    const repo = join(root, 'repo');
    await mkdir(repo);
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: repo }).toString().trim();
    git('init', '-q');
    await writeFile(join(repo, 'a.txt'), 'a');
    git('add', 'a.txt');
    git('commit', '-q', '-m', 'a');
    const head = git('rev-parse', 'HEAD');
    expect((await collectRunMetadata({ cwd: repo })).git).toEqual({ revision: head, dirty: false });
    await writeFile(join(repo, 'a.txt'), 'b');
    expect((await collectRunMetadata({ cwd: repo })).git).toEqual({ revision: head, dirty: true });
  });

  it('finds package versions in node_modules of the module and its ancestors, leaving out missing ones', async () => {
    const pkg = join(root, 'node_modules', '@scope', 'lib');
    await mkdir(pkg, { recursive: true });
    await writeFile(join(pkg, 'package.json'), JSON.stringify({ name: '@scope/lib', version: '4.5.6' }));
    const from = join(root, 'app', 'dist', 'cli.js');
    expect(await packageVersions(['@scope/lib', '@scope/missing'], from)).toEqual({ '@scope/lib': '4.5.6' });
    expect(await packageVersions(['@scope/lib'], pathToFileURL(from).href)).toEqual({ '@scope/lib': '4.5.6' });
  });
});
