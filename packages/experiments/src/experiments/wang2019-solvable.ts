import { createRng } from '@saddle/core';
import {
  classifySolvableGanRun,
  integrateSolvableGanOde,
  simulateSolvableGanReduced,
  solvableGanFigure1Setting,
  solvableGanPhaseDiagram,
  svgLinePlot,
  type PlotSeries,
  type SolvableGanPhase,
  type SolvableGanTrajectory,
} from '@saddle/theory';
import type { Comparison, Experiment, ExperimentContext, ExperimentResult, Figure } from '../experiment.js';
import { agreementWithin, checkAborted, sig } from '../internal/agreement.js';

/** Settings of the solvable-GAN experiment (papers §3.6–3.9). */
export interface Wang2019SolvableConfig {
  /** The Fig. 1 panels: η_T = η_G = η for the two-feature setting of papers §3.7. */
  panels: number[];
  /** ODE horizon of each panel (papers §3.9 item 5: 1000). */
  odeT: number;
  sampleEvery: number;
  /** The finite-n simulation drawn as dots (exact-in-law O(d²) simulator, ADR 0005). */
  simulation: { n: number; T: number };
  /** The one-feature phase diagram of papers §3.6 / §3.9 item 4. */
  phase: { lambda: number[]; tau: number; tauTilde: number; etas: number[]; T: number };
}

/** ODE values of papers §3.7 (η = 2, two features; scipy solve_ivp, rtol 1e-8). */
const EARLY_P11: readonly [number, number][] = [[10, 0.1726], [20, 0.352], [30, 0.6485], [40, 0.9081]];
/** P_∞ of papers §3.6 item 4 (d = 1, λ = 5). */
const P_INFINITY: Readonly<Record<number, number>> = { 1.6: 0.949, 2: 0.94, 3: 0.892, 4: 0.745, 4.9: 0.274 };
/** What Fig. 1's caption says of each panel (papers §3.1, verified). */
const CAPTION_PHASE: Readonly<Record<number, SolvableGanPhase>> = { 2: 'success', 1: 'oscillation', 4: 'mode-collapse' };
/** A finite-n simulation's q fluctuates by O(n^{-1/2}); papers §3.9 item 5 calls late max|q| > 0.3 oscillation. */
const SIMULATION_SETTLED_BELOW = 0.3;

/**
 * The solvable high-dimensional GAN of Wang, Hu and Lu (papers §3, Model M): the three regimes
 * of Fig. 1 (ODE curves with simulation dots; η = 2 success, 1 oscillation, 4 first feature
 * only) and the one-feature phase diagram in η, against the numbers of papers §3.6–3.9.
 *
 * @example
 * ```ts
 * const result = await wang2019Solvable.run(wang2019Solvable.config(true), ctx);
 * ```
 * @see Wang, Hu and Lu, "A Solvable High-Dimensional Model of GAN", 2019
 */
export const wang2019Solvable: Experiment<Wang2019SolvableConfig> = {
  id: 'wang2019-solvable',
  title: 'The solvable high-dimensional GAN: three regimes of Fig. 1 and the phase diagram',
  paper: 'papers §3.6–3.9 (Wang, Hu, Lu 2019, Fig. 1)',
  expectedSeconds: { quick: 5, full: 60 },
  defaultSeeds: { quick: 1, full: 2 },
  config: (quick) => ({
    panels: [2, 1, 4],
    odeT: 1000,
    sampleEvery: 0.5,
    simulation: quick ? { n: 1000, T: 200 } : { n: 4000, T: 400 },
    phase: {
      lambda: [5], tau: 0.2, tauTilde: 0.04, T: 3000,
      etas: quick ? [1, 1.5, 1.6, 2, 4, 4.9, 5.1, 6] : [0.5, 1, 1.4, 1.5, 1.55, 1.6, 1.65, 1.7, 2, 3, 4, 4.8, 4.9, 4.95, 5.05, 5.1, 5.2, 6],
    },
  }),
  run: runSolvable,
};

const abs = Math.abs;
const pAt = (run: SolvableGanTrajectory, j: number, i: number, l: number) => run.P[j]?.[i]?.[l] ?? Number.NaN;
const qAt = (run: SolvableGanTrajectory, j: number, i: number) => run.q[j]?.[i] ?? Number.NaN;
const indexAt = (run: SolvableGanTrajectory, t: number) => run.t.findIndex((s) => s >= t - 1e-9);

/** max over samples with t ∈ [from, to] of `value(j)`, and the min. */
function rangeOver(run: SolvableGanTrajectory, from: number, to: number, value: (j: number) => number): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  run.t.forEach((t, j) => {
    if (t < from - 1e-9 || t > to + 1e-9) return;
    lo = Math.min(lo, value(j));
    hi = Math.max(hi, value(j));
  });
  return [lo, hi];
}

async function runSolvable(config: Wang2019SolvableConfig, ctx: ExperimentContext): Promise<ExperimentResult> {
  const comparisons: Comparison[] = [];
  const figures: Figure[] = [];
  const panelRows: (string | number)[][] = [];
  const data: Record<string, unknown> = {};
  const stages = config.panels.length * (1 + ctx.seeds) + 1;
  let done = 0;
  for (const eta of config.panels) {
    checkAborted(ctx.signal);
    const setting = solvableGanFigure1Setting(eta);
    const ode = integrateSolvableGanOde(setting, { T: config.odeT, sampleEvery: config.sampleEvery });
    ctx.progress('ODE and simulations', ++done, stages);
    const odePhase = classifySolvableGanRun(ode);
    const sims = [];
    for (let seed = 0; seed < ctx.seeds; seed++) {
      checkAborted(ctx.signal);
      sims.push(simulateSolvableGanReduced(setting, { ...config.simulation, sampleEvery: config.sampleEvery, rng: createRng(seed).fold(`eta-${eta}`) }));
      ctx.progress('ODE and simulations', ++done, stages);
    }
    const simPhases = sims.map((s) => classifySolvableGanRun(s, { settledBelow: SIMULATION_SETTLED_BELOW }));
    const last = ode.t.length - 1;
    panelRows.push([
      eta, odePhase.phase, simPhases.map((p) => p.phase).join(', '),
      pAt(ode, last, 0, 0), pAt(ode, last, 1, 1), odePhase.lateMaxAbsQ, simPhases.map((p) => sig(p.lateMaxAbsQ, 3)).join(', '),
    ]);
    data[`eta${eta}`] = { ode: { phase: odePhase, finalP: ode.P[last] }, simulations: simPhases };
    figures.push(panelFigure(eta, ode, sims[0], config.simulation.n));

    const expectedPhase = CAPTION_PHASE[eta];
    if (expectedPhase !== undefined) {
      const all = [odePhase.phase, ...simPhases.map((p) => p.phase)];
      const matches = all.filter((p) => p === expectedPhase).length;
      comparisons.push({
        quantity: `η = ${eta}: regime of training (Fig. 1 panel)`,
        paperSays: `${expectedPhase === 'mode-collapse' ? 'mode collapse: only the first feature is estimated' : expectedPhase} (Fig. 1 caption)`,
        measured: `ODE: ${odePhase.phase} (features ${odePhase.features.join(', ')}); simulation n = ${config.simulation.n}: ${simPhases.map((p) => p.phase).join(', ')}`,
        agreement: matches === all.length ? 'agrees' : matches > 0 ? 'partly' : 'disagrees',
        tolerance: `classified by classifySolvableGanRun: recovered when max|P_i·| grows by > 0.05; settled when late max|q| < 0.01 (ODE) or < ${SIMULATION_SETTLED_BELOW} (simulation, O(n^-1/2) noise)`,
      });
    }
    if (eta === 2) {
      const early = EARLY_P11.map(([t, v]) => [v, pAt(ode, indexAt(ode, t), 0, 0)] as const);
      const worst = Math.max(...early.map(([v, m]) => abs(m - v)));
      comparisons.push({
        quantity: 'η = 2, ODE: P11 at t = 10, 20, 30, 40',
        paperSays: `${EARLY_P11.map(([, v]) => v).join(', ')} (papers §3.7, derived for Model M)`,
        measured: `${early.map(([, m]) => sig(m, 4)).join(', ')} (max |Δ| ${sig(worst, 2)})`,
        agreement: agreementWithin(worst, 0, 5e-4),
        tolerance: '5e-4: the reference is printed to 4 digits',
      });
      const p11 = pAt(ode, last, 0, 0);
      const p22 = pAt(ode, last, 1, 1);
      comparisons.push({
        quantity: 'η = 2, ODE: converged P11, P22',
        paperSays: '0.939, 0.921 (papers §3.7)',
        measured: `${sig(p11, 3)}, ${sig(p22, 3)}`,
        agreement: agreementWithin(Math.max(abs(p11 - 0.939), abs(p22 - 0.921)), 0, 2e-3),
        tolerance: '2e-3: printed to 3 digits',
      });
      const window = Math.min(40, config.simulation.T);
      const gaps = sims.map((s) => Math.max(...s.t.filter((t) => t <= window).map((t, j) => abs(pAt(s, j, 0, 0) - pAt(ode, indexAt(ode, t), 0, 0)))));
      const tol = config.simulation.n >= 2000 ? 0.03 : 0.05;
      comparisons.push({
        quantity: `η = 2: simulation vs ODE, max_t |P11_sim − P11_ode| for t ≤ ${window}`,
        paperSays: '0.010–0.025 per seed at n = 500–8000 (papers §3.8); test bound 0.03 at n = 4000 (§3.9)',
        measured: `${gaps.map((g) => sig(g, 2)).join(', ')} (n = ${config.simulation.n}, ${sims.length} seed${sims.length === 1 ? '' : 's'})`,
        agreement: agreementWithin(Math.max(...gaps), 0, tol),
        tolerance: `< ${tol} per seed: O(n^-1/2) fluctuations (papers §3.9 item 3)`,
      });
    }
    if (eta === 1 && config.odeT >= 1000) {
      const [, maxQ] = rangeOver(ode, 600, 1000, (j) => Math.max(abs(qAt(ode, j, 0)), abs(qAt(ode, j, 1))));
      const p11 = rangeOver(ode, 600, 1000, (j) => pAt(ode, j, 0, 0));
      const p22 = rangeOver(ode, 600, 1000, (j) => pAt(ode, j, 1, 1));
      const worst = Math.max(abs(maxQ - 0.56), abs(p11[0] - 0.895), abs(p11[1] - 0.961), abs(p22[0] - 0.801), abs(p22[1] - 0.926));
      comparisons.push({
        quantity: 'η = 1, ODE over t ∈ [600, 1000]: max|q|, range of P11, range of P22',
        paperSays: '0.56; [0.895, 0.961]; [0.801, 0.926] (papers §3.7)',
        measured: `${sig(maxQ, 3)}; [${sig(p11[0], 3)}, ${sig(p11[1], 3)}]; [${sig(p22[0], 3)}, ${sig(p22[1], 3)}]`,
        agreement: agreementWithin(worst, 0, 0.01),
        tolerance: '0.01: extremes of a sampled oscillation depend on the sample spacing',
      });
    }
    if (eta === 4) {
      const p11 = pAt(ode, last, 0, 0);
      const p22 = pAt(ode, last, 1, 1);
      comparisons.push({
        quantity: 'η = 4, ODE: P11 and P22 at the end',
        paperSays: 'P11 → 0.745, P22 stays at 0.100 (papers §3.7)',
        measured: `${sig(p11, 3)}, ${sig(p22, 3)}`,
        agreement: agreementWithin(Math.max(abs(p11 - 0.745), abs(p22 - 0.1)), 0, 2e-3),
        tolerance: '2e-3: printed to 3 digits',
      });
    }
  }

  const { phase } = config;
  const diagram = solvableGanPhaseDiagram({ setting: { lambda: phase.lambda, tau: phase.tau, tauTilde: phase.tauTilde, q0: phase.lambda.map(() => 0.1), P0: phase.lambda.map((_, i) => phase.lambda.map((__, l) => (i === l ? 0.1 : 0))) }, etas: phase.etas, T: phase.T });
  ctx.progress('ODE and simulations', ++done, stages);
  const boundary = diagram.boundaries[0];
  const rows = diagram.rows;
  const lastOf = (p: SolvableGanPhase) => rows.filter((r) => r.observed.phase === p).map((r) => r.eta);
  if (boundary !== undefined) {
    const osc = lastOf('oscillation');
    const suc = lastOf('success');
    const fail = lastOf('failure');
    const lower: [number, number] = [Math.max(...osc), Math.min(...suc)];
    const upper: [number, number] = [Math.max(...suc), Math.min(...fail)];
    const brackets = (b: number, [lo, hi]: [number, number]) => lo - 0.1 <= b && b <= hi + 0.1;
    const ok = brackets(boundary.oscillationBelow, lower) && brackets(boundary.failureAbove, upper);
    comparisons.push({
      quantity: `phase boundaries in η (d = 1, λ = ${phase.lambda[0]}, τ = ${phase.tau}, τ̃ = ${phase.tauTilde}; ODE to T = ${phase.T})`,
      paperSays: `oscillation below √(τ̃λ/2τ²) = ${boundary.oscillationBelow.toFixed(3)}, failure above √(λ/τ) = ${boundary.failureAbove.toFixed(3)} (papers §3.6)`,
      measured: `ODE: last oscillating η ${lower[0]}, first success ${lower[1]}; last success ${upper[0]}, first failure ${upper[1]}`,
      agreement: Number.isFinite(lower[0] + lower[1] + upper[0] + upper[1]) ? (ok ? 'agrees' : 'disagrees') : 'not comparable',
      tolerance: 'each analytic boundary must lie between the neighbouring swept η of the two phases, ±0.1 (papers §3.9 item 4); near a boundary the decay is slow, so T matters',
    });
    const known = rows.filter((r) => P_INFINITY[r.eta] !== undefined);
    if (known.length > 0) {
      const gaps = known.map((r) => abs((r.observed.finalOverlap[0] ?? Number.NaN) - (P_INFINITY[r.eta] as number)));
      comparisons.push({
        quantity: `final overlap P_∞ at η = ${known.map((r) => r.eta).join(', ')}`,
        paperSays: `${known.map((r) => P_INFINITY[r.eta]).join(', ')} (papers §3.6 item 4)`,
        measured: known.map((r) => sig(r.observed.finalOverlap[0] ?? Number.NaN, 3)).join(', '),
        agreement: agreementWithin(Math.max(...gaps), 0, 5e-3),
        tolerance: '5e-3: printed to 3 digits; near the failure boundary (η = 4.9) the decay is slow and T = 3000 may not have converged',
      });
    }
  }
  figures.push(phaseFigure(config, rows, boundary));
  const agreeing = comparisons.filter((c) => c.agreement === 'agrees').length;
  return {
    summary: `Model M (papers §3.2), the ODE of §3.5 and an exact-in-law simulation at n = ${config.simulation.n}: ${agreeing} of ${comparisons.length} comparisons agree. ` +
      'The three Fig. 1 regimes (η = 2 success, η = 1 oscillation, η = 4 first feature only) and the analytic phase boundaries are checked against the ODE and the simulation; the parameter values are those of papers §3.7 (the paper\'s own are not known), so the numbers compare with the derived reference, the regimes with the paper.',
    comparisons,
    figures,
    tables: [
      {
        title: 'Fig. 1 panels',
        columns: ['η', 'ODE regime', 'simulation regime(s)', 'ODE P11(T)', 'ODE P22(T)', 'ODE late max|q|', 'simulation late max|q|'],
        rows: panelRows,
      },
      {
        title: `Phase diagram, d = 1 (ODE to T = ${phase.T})`,
        columns: ['η', 'predicted (§3.6)', 'ODE regime', 'P_∞', 'late max|q|'],
        rows: rows.map((r) => [r.eta, r.predicted, r.observed.phase, r.observed.finalOverlap[0] ?? Number.NaN, r.observed.lateMaxAbsQ]),
      },
    ],
    data: { ...data, phaseDiagram: diagram },
  };
}

function panelFigure(eta: number, ode: SolvableGanTrajectory, sim: SolvableGanTrajectory | undefined, n: number): Figure {
  const colors = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728'];
  const curves: [string, (run: SolvableGanTrajectory, j: number) => number][] = [
    ['P11', (r, j) => pAt(r, j, 0, 0)],
    ['P22', (r, j) => pAt(r, j, 1, 1)],
    ['|q1|', (r, j) => abs(qAt(r, j, 0))],
    ['|q2|', (r, j) => abs(qAt(r, j, 1))],
  ];
  const series: PlotSeries[] = curves.map(([name, f], i) => ({ name: `${name} (ODE)`, x: ode.t, y: ode.t.map((_, j) => f(ode, j)), color: colors[i] as string }));
  if (sim !== undefined) {
    const stride = Math.max(1, Math.floor(sim.t.length / 80));
    const idx = sim.t.map((_, j) => j).filter((j) => j % stride === 0);
    const tMax = ode.t.at(-1) ?? 0;
    const kept = idx.filter((j) => (sim.t[j] as number) <= tMax);
    curves.forEach(([name, f], i) => series.push({ name: i === 0 ? `dots: simulation, n = ${n}` : `${name} (simulation)`, x: kept.map((j) => sim.t[j] as number), y: kept.map((j) => f(sim, j)), color: colors[i] as string, style: 'points', legend: i === 0 }));
  }
  return {
    title: `Fig. 1 panel, η = ${eta}`,
    caption: 'Lines: the ODE of papers §3.5. Dots: one finite-n simulation (seed 0). P_ii is the cosine between true feature i and generator column i; q_i between feature i and the discriminator.',
    svg: svgLinePlot({ title: `Model M, η_T = η_G = ${eta}`, xLabel: 't', yLabel: 'cosine', series }),
  };
}

function phaseFigure(config: Wang2019SolvableConfig, rows: readonly { eta: number; observed: { finalOverlap: number[]; lateMaxAbsQ: number } }[], boundary: { oscillationBelow: number; failureAbove: number } | undefined): Figure {
  const etas = rows.map((r) => r.eta);
  const series: PlotSeries[] = [
    { name: 'P_∞ (ODE)', x: etas, y: rows.map((r) => r.observed.finalOverlap[0] ?? Number.NaN), style: 'points' },
    { name: 'late max|q| (ODE)', x: etas, y: rows.map((r) => r.observed.lateMaxAbsQ), style: 'points', color: '#7f7f7f' },
  ];
  if (boundary !== undefined) {
    series.push({ name: 'analytic boundaries', x: [boundary.oscillationBelow, boundary.oscillationBelow], y: [0, 1], color: '#d62728' });
    series.push({ name: 'failure boundary', x: [boundary.failureAbove, boundary.failureAbove], y: [0, 1], color: '#d62728', legend: false });
  }
  return {
    title: 'Phase diagram in the noise η (one feature)',
    caption: `λ = ${config.phase.lambda.join(', ')}, τ = ${config.phase.tau}, τ̃ = ${config.phase.tauTilde}. Red: the boundaries of papers §3.6; below the first the recovered state oscillates, above the second the feature is never learned.`,
    svg: svgLinePlot({ title: 'Model M phase diagram', xLabel: 'η', yLabel: 'P_∞ and late max|q|', series }),
  };
}
