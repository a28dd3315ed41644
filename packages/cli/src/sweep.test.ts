import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saddle } from './test-support/run-saddle.js';

const CLI = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli.js');

/** 2 grid cells × 3 seeds of a tiny fictitious-mog (alternating GDA, 20 or 40 steps) on cpu. */
const SWEEP = [
  'sweep', 'fictitious-mog', '--quick', '--grid', 'method=alternating', '--grid', 'steps=20,40', '--grid', 'evalEvery=10',
  '--grid', 'evalSamples=200', '--seeds', '0..2', '--workers', '2', '--backend', 'cpu',
];
const KEYS = ['steps=20', 'steps=40'].flatMap((s) => [0, 1, 2].map((seed) => `method=alternating,${s},evalEvery=10,evalSamples=200,seed=${seed}`));

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'saddle-sweep-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const finished = async (out: string): Promise<string[]> =>
  (await readdir(join(out, 'runs')).catch(() => [] as string[])).filter((k) => existsSync(join(out, 'runs', k, 'results.json')));
const starts = async (out: string): Promise<string[]> =>
  (await readFile(join(out, 'run-starts.log'), 'utf8').catch(() => '')).split('\n').filter((l) => l !== '');

/** Runs the built CLI in its own process group; resolves to the exit code (or the signal). */
function runCli(argv: string[], killWhen?: () => Promise<boolean>): Promise<{ code: number | null; signal: string | null; stderr: string }> {
  const child = spawn(process.execPath, [CLI, ...argv], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: string | null; stderr: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stderr })),
  );
  if (killWhen !== undefined) {
    void (async () => {
      while (child.exitCode === null && !(await killWhen())) await new Promise((r) => setTimeout(r, 10));
      // SIGKILL the sweep and its workers at once, as a crash or an OOM kill would.
      if (child.exitCode === null) process.kill(-(child.pid as number), 'SIGKILL');
    })();
  }
  return exited;
}

describe('saddle sweep', () => {
  it('refuses an unknown grid key, listing the allowed ones', async () => {
    const run = await saddle('sweep', 'fictitious-mog', '--grid', 'lr=1,2', '--out', join(dir, 'refused'));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/grid key "lr" is not a config field .*use one of method, modes, radius, std, steps/);
    expect(existsSync(join(dir, 'refused'))).toBe(false);
  });

  it('refuses several seeds for an experiment whose config cannot choose its seed', async () => {
    const run = await saddle('sweep', 'minmax-bilinear', '--seeds', '0..1', '--out', join(dir, 'refused'));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("minmax-bilinear's config has no firstSeed field, so a run cannot choose its seed");
    expect(existsSync(join(dir, 'refused'))).toBe(false);
  });

  it('resumes after a SIGKILL, running only the missing runs, and aggregates all of them', async () => {
    const out = join(dir, 'resume');
    const args = [...SWEEP, '--out', out];
    const killed = await runCli(args, async () => (await finished(out)).length >= 2);
    expect(killed.signal, killed.stderr).toBe('SIGKILL');
    const doneBefore = await finished(out);
    const startedBefore = await starts(out);
    expect(doneBefore.length).toBeGreaterThanOrEqual(2);
    expect(doneBefore.length).toBeLessThan(KEYS.length);
    expect(existsSync(join(out, 'report.html'))).toBe(false);

    const resumed = await runCli(args);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain(`${doneBefore.length} already finished, ${KEYS.length - doneBefore.length} to run`);
    const all = await starts(out);
    for (const key of KEYS) {
      // A run finished before the kill never starts again; one in flight at the kill starts once more.
      const expected = doneBefore.includes(key) ? 1 : startedBefore.includes(key) ? 2 : 1;
      expect(all.filter((k) => k === key), key).toHaveLength(expected);
    }
    expect((await finished(out)).sort()).toEqual([...KEYS].sort());

    const aggregate = JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as {
      tables: { columns: string[]; rows: (string | number)[][] }[];
      data: { cells: { cell: Record<string, unknown>; seeds: number[] }[] };
    };
    expect(aggregate.data.cells.map((c) => [c.cell.steps, c.seeds])).toEqual([[20, [0, 1, 2]], [40, [0, 1, 2]]]);
    const table = aggregate.tables[0] as { columns: string[]; rows: (string | number)[][] };
    expect(table.columns.slice(0, 5)).toEqual(['method', 'steps', 'evalEvery', 'evalSamples', 'seeds']);
    expect(table.rows.map((r) => r.slice(0, 5))).toEqual([['alternating', '20', '10', '200', 3], ['alternating', '40', '10', '200', 3]]);
    expect(table.columns).toContain('final.alternating.last.modesCovered');
    // Each run's own report records its seed: firstSeed is the run's seed, one seed per run.
    const run = JSON.parse(await readFile(join(out, 'runs', KEYS[4] as string, 'results.json'), 'utf8')) as { config: { firstSeed: number; steps: number } };
    expect(run.config).toMatchObject({ firstSeed: 1, steps: 40 });

    const again = await runCli(args);
    expect(again.code).toBe(0);
    expect(await starts(out)).toHaveLength(all.length);
  });
});
