import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRng } from '@saddle/core';
import { overparamWidthSweep, reluActivation } from '@saddle/theory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saddle } from './test-support/run-saddle.js';

/** Runs `saddle theory ...args --json`, checks success and parses stdout. */
async function json(...argv: string[]): Promise<Record<string, any>> {
  const run = await saddle('theory', ...argv, '--json');
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout);
}

/** A written plot: an SVG document with at least one polyline/path (or dots). */
async function expectSvg(path: string, mark: RegExp = /<path d="M/): Promise<void> {
  const svg = await readFile(path, 'utf8');
  expect(svg.startsWith('<svg')).toBe(true);
  expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
  expect(svg).toMatch(mark);
}

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'saddle-theory-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('saddle theory: help', () => {
  it('lists the subcommands in saddle --help and saddle theory --help', async () => {
    const top = await saddle('--help');
    for (const name of ['theory', 'solvable', 'phase', 'landscape', 'overparam']) expect(top.stdout).toContain(name);
    const theory = await saddle('theory', '--help');
    expect(theory.code).toBe(0);
    expect(theory.stdout).toContain('Usage: saddle theory <subcommand>');
    expect(theory.stdout).toMatch(/solvable +Model M.*\n +phase +.*\n +landscape +.*\n +overparam +/);
    expect(await saddle('theory')).toMatchObject({ code: 2, stdout: '', stderr: expect.stringContaining('Subcommands:') });
  });

  it('prints each subcommand help with its flags and defaults', async () => {
    const expected = { solvable: '--lambda LIST', phase: '--etas LIST', landscape: '--real LIST', overparam: '--k LIST' };
    for (const [name, flag] of Object.entries(expected)) {
      const run = await saddle('theory', name, '-h');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`Usage: saddle theory ${name}`);
      expect(run.stdout).toContain(flag);
      expect(run.stdout).toContain('--plot FILE');
    }
    expect((await saddle('theory', 'solvable', '--help')).stdout).toContain('(default 5,3)');
  });
});

describe('saddle theory solvable', () => {
  it('integrates the ODE: --json holds the trajectories, with P11 at the reference values', async () => {
    const plot = join(dir, 'solvable.svg');
    const out = await json('solvable', '--t-max', '40', '--sample-every', '10', '--plot', plot);
    expect(out).toMatchObject({ command: 'theory solvable', plot, simulation: null, predictedPhase: { phase: 'success' } });
    expect(out.setting).toMatchObject({ lambda: [5, 3], tau: 0.2, tauTilde: 0.04, etaT: 2, etaG: 2, q0: [0.1, 0.1], T: 40 });
    expect(out.ode.t).toEqual([0, 10, 20, 30, 40]);
    expect(out.ode.P).toHaveLength(5);
    expect(out.ode.P[0]).toEqual([[0.1, 0], [0, 0.1]]);
    expect(out.ode.q[0]).toEqual([0.1, 0.1]);
    // integrateSolvableGanOde's documented values for the η = 2 panel (papers §3.7).
    const p11 = out.ode.P.map((P: number[][]) => P[0]![0]!);
    [0.1, 0.1726, 0.352, 0.6485, 0.9081].forEach((v, j) => expect(Math.abs(p11[j] - v)).toBeLessThan(1e-4));
    await expectSvg(plot);
  });

  it('simulates with --simulate and prints a table of ODE and simulation at seven times', async () => {
    const plot = join(dir, 'solvable-sim.svg');
    const out = await json('solvable', '--t-max', '6', '--sample-every', '1', '--simulate', '--n', '1000', '--seed', '3', '--plot', plot);
    expect(out.simulation).toMatchObject({ simulator: 'reduced', n: 1000, seed: 3, steps: 6000 });
    expect(out.simulation.t).toEqual([0, 1, 2, 3, 4, 5, 6]);
    // O(n^{-1/2}) fluctuations around the ODE.
    out.simulation.P.forEach((P: number[][], j: number) => expect(Math.abs(P[0]![0]! - out.ode.P[j][0][0])).toBeLessThan(0.1));
    await expectSvg(plot, /<circle/);

    const text = await saddle('theory', 'solvable', '--t-max', '6', '--simulate', '--n', '1000', '--no-plot');
    expect(text.code).toBe(0);
    const lines = text.stdout.split('\n');
    expect(lines[0]).toBe('Model M: λ = (5, 3), τ = 0.2, τ̃ = 0.04, η_T = η_G = 2, T = 6');
    expect(lines[3]).toMatch(/^t +P11 +P22 +q1 +q2 +P11 sim +P22 sim +q1 sim +q2 sim$/);
    expect(lines.slice(5, 12).map((l) => l.split(/ +/)[0])).toEqual(['0.00', '1.00', '2.00', '3.00', '4.00', '5.00', '6.00']);
    expect(text.stdout).not.toContain('plot:');
  });
});

describe('saddle theory phase', () => {
  it('sets the predicted and the ODE-measured phases beside the analytic boundaries', async () => {
    const plot = join(dir, 'phase.svg');
    const out = await json('phase', '--etas', '1,2,6', '--plot', plot);
    expect(out.setting).toMatchObject({ lambda: [5], tau: 0.2, tauTilde: 0.04, T: 3000 });
    // √(τ̃λ/(2τ²)) = √(0.2/0.08) = 1.5811, √(λ/τ) = 5.
    expect(out.boundaries).toHaveLength(1);
    expect(out.boundaries[0].oscillationBelow).toBeCloseTo(Math.sqrt(2.5), 12);
    expect(out.boundaries[0].failureAbove).toBeCloseTo(5, 12);
    expect(out.rows.map((r: any) => [r.eta, r.predicted, r.observed.phase])).toEqual([
      [1, 'oscillation', 'oscillation'],
      [2, 'success', 'success'],
      [6, 'failure', 'failure'],
    ]);
    expect(out.window).toEqual({ predicted: { low: out.boundaries[0].oscillationBelow, high: out.boundaries[0].failureAbove }, observed: { low: 2, high: 2 } });
    await expectSvg(plot, /<circle/);
  });

  it('prints the table and the two windows', async () => {
    const run = await saddle('theory', 'phase', '--etas', '1,2,6', '--t-max', '1500', '--no-plot');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('feature 1 (λ = 5): oscillation below η = 1.5811, failure above η = 5.0000');
    expect(run.stdout).toMatch(/\n2 +success +success +/);
    expect(run.stdout).toContain('success window: predicted 1.5811 < η < 5.0000; observed (ODE) η from 2 to 2 of the swept values');
  });
});

describe('saddle theory landscape', () => {
  const JS_COLLAPSE = 0.25 * Math.log(4 / 27); // −0.477386: (2 log 2 − 3 log 3)/4
  const HALF_LOG2 = -Math.LN2 / 2; // −0.346574

  it('prints the two-point states with the closed forms of papers §0 when no points are given', async () => {
    const plot = join(dir, 'landscape.svg');
    const out = await json('landscape', '--plot', plot);
    expect(out.states.map((s: any) => s.name)).toEqual(['s2', 's1b', 's1a', 's0']);
    const expected: Record<string, [js: number, rs: number]> = { s2: [-Math.LN2, -Math.LN2], s1b: [HALF_LOG2, HALF_LOG2], s1a: [JS_COLLAPSE, HALF_LOG2], s0: [0, 0] };
    for (const s of out.states) {
      const [js, rs] = expected[s.name]!;
      expect(Math.abs(s.js.g - js)).toBeLessThan(1e-5);
      expect(Math.abs(s.rs.g - rs)).toBeLessThan(1e-5);
      expect(s.js.closedForm).toBeCloseTo(js, 12);
    }
    expect(Object.keys(out.slice.g)).toEqual(['js', 'rs']);
    await expectSvg(plot, /<circle/);

    const text = await saddle('theory', 'landscape', '--no-plot');
    expect(text.stdout).toMatch(/\ns1a +0, 0 +-0\.477386 +-0\.477386 +-0\.346574 +-0\.346574 +mode collapse/);
  });

  it('evaluates g for --real and --fake: JS mode collapse is a strict local minimum, RS not', async () => {
    const js = await json('landscape', '--loss', 'js', '--real', '0,1', '--fake', '0,0', '--no-plot');
    expect(js).toMatchObject({ loss: 'js', x: [0, 1], y: [0, 0], plot: null, strictLocalMinimum: { strict: true } });
    expect(Math.abs(js.g - JS_COLLAPSE)).toBeLessThan(1e-5);
    expect(js.closedForm).toBeCloseTo(JS_COLLAPSE, 12);
    const rs = await json('landscape', '--loss', 'rs', '--real', '0,1', '--fake', '0,0', '--no-plot');
    expect(Math.abs(rs.g - HALF_LOG2)).toBeLessThan(1e-5);
    expect(rs).toMatchObject({ closedForm: null, strictLocalMinimum: { strict: false } });

    const text = await saddle('theory', 'landscape', '--real', '0,1', '--fake', '0,0', '--no-plot');
    expect(text.stdout).toContain('g_JS(Y) = -0.477386\n');
    expect(text.stdout).toContain('strict local minimum: yes');
  });

  it('writes the plot into runs/ by default and says where', async () => {
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const run = await saddle('theory', 'landscape', '--real', '0,1', '--fake', '0,2');
      const path = /\nplot: (runs\/theory-landscape-\d{8}-\d{6}\.svg)\n$/.exec(run.stdout)?.[1];
      expect(path).toBeDefined();
      expect(await readdir(join(dir, 'runs'))).toContain(path!.slice('runs/'.length));
      await expectSvg(join(dir, path!), /<circle/);
    } finally {
      process.chdir(cwd);
    }
  });
});

describe('saddle theory overparam', () => {
  it('trains every width on the same data: the residual curves match overparamWidthSweep', async () => {
    const plot = join(dir, 'overparam.svg');
    const out = await json('overparam', '--k', '4,64', '--steps', '40', '--seed', '2', '--plot', plot);
    expect(out.setting).toMatchObject({ widths: [4, 64], steps: 40, seed: 2, n: 64, dataDim: 10, latentDim: 5, activation: 'relu' });
    const reference = overparamWidthSweep({
      widths: [4, 64], n: 64, dataDim: 10, latentDim: 5, activation: reluActivation,
      steps: 40, generatorStepSize: 0.2, discriminatorStepSize: 1, rng: createRng(2),
    });
    expect(out.rows.map((r: any) => r.width)).toEqual([4, 64]);
    out.rows.forEach((row: any, i: number) => {
      expect(row.residuals).toHaveLength(41);
      expect(row.residuals).toEqual(reference[i]!.residuals);
      expect(row.finalResidual).toBe(row.residuals[40]);
    });
    expect(out.rows[1].finalResidual).toBeLessThan(out.rows[0].finalResidual);
    await expectSvg(plot);
    expect(await readFile(plot, 'utf8')).toContain('k = 64');

    const text = await saddle('theory', 'overparam', '--k', '4,64', '--steps', '40', '--no-plot');
    expect(text.stdout).toMatch(/\nk +residual t=0 +t=20 +t=40 +final\/initial\n/);
    expect(text.stdout).toMatch(/\n64 +\d\.\d{3}e[-+]\d+ /);
  });
});

describe('saddle theory: bad flags fail at once, naming the flag, the value and what is allowed', () => {
  const error = async (...argv: string[]): Promise<string> => {
    const run = await saddle('theory', ...argv);
    expect(run.stdout).toBe('');
    expect(run.code).toBe(2);
    return run.stderr;
  };

  it('an unknown subcommand or flag, and a stray argument', async () => {
    expect(await error('solvabel')).toBe(
      'saddle: saddle theory: unknown subcommand (got "solvabel"); allowed: solvable, phase, landscape, overparam, --help\nrun "saddle theory --help" for usage\n',
    );
    expect(await error('phase', '--eta', '2')).toBe(
      'saddle: --eta: unknown flag; allowed: --lambda, --tau, --tau-tilde, --etas, --t-max, --sample-every, --json, --plot, --no-plot, --help/-h\n' +
        'run "saddle theory phase --help" for usage\n',
    );
    expect(await error('solvable', '--t-max')).toMatch(/^saddle: --t-max: needs a value; write --t-max VALUE/);
    expect(await error('solvable', '--json=yes')).toMatch(/^saddle: --json: takes no value; write --json alone/);
    expect(await error('landscape', 'js')).toMatch(/^saddle: saddle theory landscape: unexpected argument \(got "js"\); flags only; allowed: --loss, --real/);
  });

  it('numbers and lists', async () => {
    expect(await error('solvable', '--tau', 'fast')).toContain('saddle: --tau: wrong type (got "fast"); allowed: a number > 0\n');
    expect(await error('solvable', '--eta=-1')).toContain('--eta: too small (got -1); allowed: a number ≥ 0\n');
    expect(await error('solvable', '--lambda', '5,-3')).toContain('--lambda: item 2 too small (got -3); allowed: a comma-separated list of 1 to 100 numbers > 0\n');
    expect(await error('solvable', '--lambda', '5,,3')).toContain('--lambda: item 2 is empty (got "5,,3")');
    expect(await error('solvable', '--lambda', '5,x')).toContain('--lambda: item 2 wrong type (got "x")');
    expect(await error('overparam', '--k', '4,0')).toContain('--k: item 2 too small (got 0); allowed: a comma-separated list of 1 to 32 integers ≥ 1 and ≤ 65536\n');
    expect(await error('overparam', '--steps', '2.5')).toContain('--steps: wrong type (got 2.5); allowed: an integer ≥ 1 and ≤ 1000000\n');
    expect(await error('overparam', '--k', '')).toContain('--k: too few items (0) (got ""); allowed: a comma-separated list of 1 to 32 integers');
  });

  it('choices and combinations', async () => {
    expect(await error('landscape', '--loss', 'ls')).toBe('saddle: --loss: not one of the choices (got "ls"); allowed: "js", "rs"\nrun "saddle theory landscape --help" for usage\n');
    expect(await error('overparam', '--activation', 'gelu')).toContain('--activation: not one of the choices (got "gelu"); allowed: "relu", "tanh"');
    expect(await error('solvable', '--simulate', '--simulator', 'exact')).toContain('--simulator: not one of the choices (got "exact"); allowed: "reduced", "full"');
    expect(await error('solvable', '--n', '100')).toContain('--n: only used with --simulate (got "100"); add --simulate, or remove the flag');
    expect(await error('solvable', '--simulate', '--n', '4')).toContain('--n: too small (got 4); allowed: an integer ≥ 5 and ≤ 10000000');
    expect(await error('landscape', '--real', '0,1')).toContain('--real: needs --fake too (got "0,1"); pass both --real X1,X2,.. and --fake Y1,Y2,..');
    expect(await error('landscape', '--real', '0,1', '--fake', '0')).toContain('--fake: has 1 points but --real has 2 (got "0"); allowed: exactly 2 generated points');
    expect(await error('landscape', '--plot', 'a.svg', '--no-plot')).toContain('--plot: conflicts with --no-plot (got "a.svg")');
  });
});
