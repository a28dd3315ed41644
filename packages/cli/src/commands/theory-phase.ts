import { SaddleError } from '@saddle/core';
import { solvableGanPhaseBoundaries, solvableGanPhaseDiagram, type PlotSeries } from '@saddle/theory';
import { numberListOption, numberOption, type FlagValues } from './args.js';
import { COMMON_THEORY_HELP, type TheorySubcommand } from './theory-help.js';
import { fixed, formatTable, list } from './theory-format.js';
import { SOLVABLE_INITIAL_COSINE, solvableSetting } from './theory-solvable.js';

/** The defaults of `saddle theory phase`: one feature, papers §3.9 item 4's horizon. */
export const PHASE_DEFAULTS = { lambda: [5], tau: 0.2, tauTilde: 0.04, tMax: 3000, sampleEvery: 0.25 } as const;

/** Points of the default η sweep, spread evenly up to 1.4× the largest failure boundary. */
const DEFAULT_SWEEP_POINTS = 14;
const d = PHASE_DEFAULTS;
/** Tableau colours without grey (grey marks late max|q|). */
const FEATURE_COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#bcbd22', '#17becf'];

/**
 * `saddle theory phase`: the success window in η of the solvable GAN, predicted by the linear
 * analysis of papers §3.6 and measured on the ODE, one row per swept η.
 */
export const theoryPhase: TheorySubcommand = {
  name: 'phase',
  summary: 'Model M: the predicted and the ODE-measured success window in the noise η',
  flags: {
    lambda: { type: 'string' },
    tau: { type: 'string' },
    'tau-tilde': { type: 'string' },
    etas: { type: 'string' },
    't-max': { type: 'string' },
    'sample-every': { type: 'string' },
  },
  help: `saddle theory phase: the phase diagram of the solvable GAN along the noise η (papers §3.6)

Usage: saddle theory phase [--lambda L1,L2,..] [--tau T] [--tau-tilde T] [--etas E1,E2,..] [--t-max T]

For each η (η_T = η_G = η, Λ̃ = Λ, start q(0) = ${SOLVABLE_INITIAL_COSINE}, P(0) = ${SOLVABLE_INITIAL_COSINE}·I) prints the phase the linear
analysis predicts and the phase read off the ODE at T (success, oscillation, mode-collapse,
failure), and the analytic boundaries: feature i succeeds for √(τ̃λ_i/(2τ²)) < η < √(λ_i/τ).

Flags:
  --lambda LIST      feature strengths λ_i > 0, comma-separated (default ${d.lambda.join(',')})
  --tau T            discriminator learning rate τ > 0 (default ${d.tau})
  --tau-tilde T      generator learning rate τ̃ > 0 (default ${d.tauTilde})
  --etas LIST        noise levels η ≥ 0 to sweep (default ${DEFAULT_SWEEP_POINTS} evenly spaced up to 1.4× the
                     largest failure boundary: 0.5,1,..,7 for the defaults)
  --t-max T          ODE horizon per η > 0 (default ${d.tMax}: near the boundaries the decay is slow)
  --sample-every DT  spacing of the recorded samples > 0 (default ${d.sampleEvery})
${COMMON_THEORY_HELP}
`,
  run(values: FlagValues) {
    const lambda = numberListOption(values, 'lambda', d.lambda, { min: 0, exclusiveMin: true }, { maxItems: 100 });
    const tau = numberOption(values, 'tau', d.tau, { min: 0, exclusiveMin: true });
    const tauTilde = numberOption(values, 'tau-tilde', d.tauTilde, { min: 0, exclusiveMin: true });
    const T = numberOption(values, 't-max', d.tMax, { min: 0, exclusiveMin: true, max: 100_000 });
    const sampleEvery = numberOption(values, 'sample-every', d.sampleEvery, { min: 0, exclusiveMin: true });
    if (T / sampleEvery > 1_000_000) {
      throw new SaddleError(`records ${Math.ceil(T / sampleEvery)} samples per η`, {
        code: 'INVALID_CONFIG', field: '--sample-every', value: sampleEvery, fix: `allowed: at most 1000000 samples, i.e. ≥ ${T / 1_000_000} for --t-max ${T}`,
      });
    }
    const boundaries = solvableGanPhaseBoundaries({ lambda, tau, tauTilde });
    const etas = numberListOption(values, 'etas', defaultEtas(Math.max(...boundaries.map((b) => b.failureAbove))), { min: 0 }, { maxItems: 200 });

    const { q0, P0 } = solvableSetting(lambda, tau, tauTilde, 0);
    const diagram = solvableGanPhaseDiagram({ setting: { lambda, tau, tauTilde, q0, P0 }, etas, T, sampleEvery });
    const predictedWindow = {
      low: Math.max(...boundaries.map((b) => b.oscillationBelow)),
      high: Math.min(...boundaries.map((b) => b.failureAbove)),
    };
    const successEtas = diagram.rows.filter((r) => r.observed.phase === 'success').map((r) => r.eta);
    const observedWindow = successEtas.length === 0 ? null : { low: Math.min(...successEtas), high: Math.max(...successEtas) };
    const agree = diagram.rows.filter((r) => r.predicted === r.observed.phase).length;

    const features = lambda.map((_, i) => i);
    const table = formatTable(
      ['η', 'predicted', 'observed (ODE)', ...features.map((i) => `max|P${i + 1}·| at T`), 'late max|q|'],
      diagram.rows.map((r) => [
        String(r.eta),
        r.predicted,
        r.observed.phase,
        ...features.map((i) => fixed(r.observed.finalOverlap[i] as number)),
        r.observed.lateMaxAbsQ.toExponential(2),
      ]),
    );
    const boundaryLines = boundaries
      .map((b, i) => `  feature ${i + 1} (λ = ${lambda[i]}): oscillation below η = ${fixed(b.oscillationBelow)}, failure above η = ${fixed(b.failureAbove)}`)
      .join('\n');
    const text =
      `Model M phase diagram: λ = (${list(lambda)}), τ = ${tau}, τ̃ = ${tauTilde}, ODE to T = ${T}\n` +
      `analytic boundaries (papers §3.6):\n${boundaryLines}\n\n` +
      table +
      `\nsuccess window: predicted ${predictedWindow.low < predictedWindow.high ? `${fixed(predictedWindow.low)} < η < ${fixed(predictedWindow.high)}` : 'empty'}; ` +
      `observed (ODE) ${observedWindow === null ? 'no swept η succeeds' : `η from ${observedWindow.low} to ${observedWindow.high} of the swept values`}\n` +
      `prediction and ODE agree on ${agree}/${diagram.rows.length} rows\n`;

    // Each feature's overlaps and its two boundaries share a colour.
    const color = (i: number) => FEATURE_COLORS[i % FEATURE_COLORS.length] as string;
    const series: PlotSeries[] = features.map((i) => ({
      name: `max|P${i + 1}·| at T`, x: etas, y: diagram.rows.map((r) => r.observed.finalOverlap[i] as number), style: 'points' as const, color: color(i),
    }));
    series.push({ name: 'late max|q|', x: etas, y: diagram.rows.map((r) => r.observed.lateMaxAbsQ), style: 'points', color: '#7f7f7f' });
    for (const [i, b] of boundaries.entries()) {
      series.push({ name: `η = √(τ̃λ${i + 1}/2τ²), √(λ${i + 1}/τ)`, x: [b.oscillationBelow, b.oscillationBelow, NaN, b.failureAbove, b.failureAbove], y: [0, 1, NaN, 0, 1], color: color(i) });
    }
    return {
      text,
      json: {
        setting: { lambda, tau, tauTilde, q0, P0, T, sampleEvery },
        boundaries: diagram.boundaries,
        window: { predicted: predictedWindow, observed: observedWindow },
        rows: diagram.rows,
      },
      plot: { title: `Model M phase diagram: λ = (${list(lambda)})`, xLabel: 'η (noise variance)', yLabel: 'overlap / |q|', series },
    };
  },
};

/** 14 evenly spaced η up to 1.4× the largest failure boundary, at a 2-significant-digit step. */
function defaultEtas(failureAbove: number): number[] {
  const step = Number(((1.4 * failureAbove) / DEFAULT_SWEEP_POINTS).toPrecision(2));
  return Array.from({ length: DEFAULT_SWEEP_POINTS }, (_, k) => Number(((k + 1) * step).toPrecision(12)));
}
