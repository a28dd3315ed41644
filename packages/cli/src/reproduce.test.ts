import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { experiments } from '@saddle/experiments';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saddle } from './test-support/run-saddle.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'saddle-reproduce-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('saddle reproduce', () => {
  it('is listed in saddle --help and has its own help', async () => {
    expect((await saddle('--help')).stdout).toContain('reproduce');
    const help = await saddle('reproduce', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: saddle reproduce --list');
  });

  it('--list shows every experiment with its expected quick / full time', async () => {
    const run = await saddle('reproduce', '--list');
    expect(run.code).toBe(0);
    for (const e of experiments) expect(run.stdout).toMatch(new RegExp(`^${e.id} +.+ \\d+ (s|min|h) / \\d+(\\.\\d)? (s|min|h)$`, 'm'));
  });

  it('refuses an unknown id, a missing id and bad flags, naming the fix', async () => {
    const unknown = await saddle('reproduce', 'no-such-experiment');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown experiment');
    expect(unknown.stderr).toContain('minmax-bilinear');
    const missing = await saddle('reproduce', '--quick');
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringContaining('saddle reproduce --list') });
    expect(await saddle('reproduce', 'minmax-bilinear', '--seeds', '0')).toMatchObject({ code: 2, stderr: expect.stringContaining('--seeds: too small') });
    expect(await saddle('reproduce', 'minmax-bilinear', '--backend', 'gpu')).toMatchObject({ code: 2, stderr: expect.stringContaining('"wasm", "cpu"') });
    expect(await saddle('reproduce', 'minmax-bilinear', '--list')).toMatchObject({ code: 2, stderr: expect.stringContaining('--list') });
    expect(await saddle('reproduce', 'minmax-bilinear', '--steps', '3')).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown flag') });
  });

  it('runs an experiment in quick mode and writes the report directory', async () => {
    const out = join(dir, 'bilinear');
    const run = await saddle('reproduce', 'minmax-bilinear', '--quick', '--backend', 'cpu', '--out', out);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('minmax-bilinear: runs 15/15');
    expect(run.stdout).toContain('[agrees] extragradient');
    const json = JSON.parse(await readFile(join(out, 'results.json'), 'utf8'));
    expect(json.meta).toMatchObject({ seeds: 1, quick: true, backend: 'cpu', command: `saddle reproduce minmax-bilinear --seeds 1 --backend cpu --out ${out} --quick` });
    expect(json.meta.wallSeconds).toBeGreaterThan(0);
    expect(json.comparisons.length).toBeGreaterThan(0);
    const html = await readFile(join(out, 'report.html'), 'utf8');
    expect(html).toContain('<h2>The paper says / Saddle measured / agreement</h2>');
    expect(html).toContain('<svg');
    expect(await readFile(join(out, 'report.md'), 'utf8')).toContain('| quantity | the paper says | Saddle measured | agreement | tolerance and why |');
  });
});
