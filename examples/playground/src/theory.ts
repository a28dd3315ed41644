import {
  integrateSolvableGanOde,
  logSigmoid,
  predictSolvableGanPhase,
  relativisticLandscape,
  separableLandscape,
  svgLinePlot,
  twoPointLandscapeStates,
  type SolvableGanPhase,
  type SolvableGanSetting,
} from '@saddle/theory';
import { THEORY_RANGES, type PlaygroundState } from './state.js';

/** Feature strengths of the panel: Wang, Hu and Lu's Fig. 1 (Λ = Λ̃ = diag(5, 3)). */
const LAMBDA = [5, 3] as const;
/** The §3.8 start: q(0) = 0.1 per feature, P(0) = 0.1·I. */
const INITIAL_COSINE = 0.1;
/** ODE horizon, in the model's time units. */
const HORIZON = 150;
const PHASE_COLORS: Record<SolvableGanPhase, string> = {
  success: '#a6dba0',
  oscillation: '#fee08b',
  'mode-collapse': '#c2a5cf',
  failure: '#f4a582',
};

function setting(eta: number, tau: number, tauTilde: number): SolvableGanSetting {
  return {
    lambda: LAMBDA, tau, tauTilde, etaT: eta, etaG: eta,
    q0: LAMBDA.map(() => INITIAL_COSINE),
    P0: LAMBDA.map((_, i) => LAMBDA.map((__, l) => (i === l ? INITIAL_COSINE : 0))),
  };
}

/** The ODE's P_ii and q_i over time, and the predicted phase. */
export function renderSolvableGan(state: PlaygroundState, plot: HTMLElement, phase: HTMLElement): void {
  const s = setting(state.eta, state.tau, state.tauTilde);
  phase.textContent = predictSolvableGanPhase(s).phase;
  try {
    const ode = integrateSolvableGanOde(s, { T: HORIZON, sampleEvery: 0.5, rtol: 1e-6, atol: 1e-9, maxSteps: 200_000 });
    const series = LAMBDA.flatMap((_, i) => [
      { name: `P${i + 1}${i + 1}`, x: ode.t, y: ode.P.map((P) => P[i]?.[i] as number) },
      { name: `q${i + 1}`, x: ode.t, y: ode.q.map((q) => q[i] as number) },
    ]);
    plot.innerHTML = svgLinePlot({ series, title: `η = ${state.eta}, τ = ${state.tau}, τ̃ = ${state.tauTilde}`, xLabel: 't', yLabel: 'cosine', width: 460, height: 300 });
  } catch (error) {
    plot.textContent = `the ODE did not finish: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/**
 * The phase the linear analysis of papers §3.6 predicts over (η, τ) at the current τ̃, as an SVG
 * of coloured cells with the current setting marked.
 */
export function renderPhaseDiagram(state: PlaygroundState, target: HTMLElement): void {
  const columns = 50;
  const rows = 40;
  const [etaMax, [tauMin, tauMax]] = [THEORY_RANGES.eta[1], THEORY_RANGES.tau];
  const width = 460;
  const height = 300;
  const left = 48;
  const bottom = 36;
  const cw = (width - left - 8) / columns;
  const ch = (height - bottom - 24) / rows;
  const cells: string[] = [];
  for (let r = 0; r < rows; r++) {
    const tau = tauMax - ((r + 0.5) * (tauMax - tauMin)) / rows;
    for (let c = 0; c < columns; c++) {
      const eta = ((c + 0.5) * etaMax) / columns;
      const { phase } = predictSolvableGanPhase(setting(eta, tau, state.tauTilde));
      cells.push(`<rect x="${(left + c * cw).toFixed(1)}" y="${(24 + r * ch).toFixed(1)}" width="${(cw + 0.5).toFixed(1)}" height="${(ch + 0.5).toFixed(1)}" fill="${PHASE_COLORS[phase]}"/>`);
    }
  }
  const mx = left + (state.eta / etaMax) * (columns * cw);
  const my = 24 + ((tauMax - state.tau) / (tauMax - tauMin)) * (rows * ch);
  const legend = Object.entries(PHASE_COLORS)
    .map(([name, color], i) => `<rect x="${left + i * 100}" y="6" width="10" height="10" fill="${color}"/><text x="${left + 14 + i * 100}" y="15">${name}</text>`)
    .join('');
  target.innerHTML =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="11">` +
    `<rect width="${width}" height="${height}" fill="white"/>${legend}${cells.join('')}` +
    `<circle cx="${mx.toFixed(1)}" cy="${my.toFixed(1)}" r="5" fill="none" stroke="black" stroke-width="2"/>` +
    `<text x="${left}" y="${height - 20}">0</text><text x="${width - 8}" y="${height - 20}" text-anchor="end">${etaMax}</text>` +
    `<text x="${(left + width) / 2}" y="${height - 6}" text-anchor="middle">noise η (predicted phase at τ̃ = ${state.tauTilde})</text>` +
    `<text x="${left - 4}" y="34" text-anchor="end">${tauMax}</text><text x="${left - 4}" y="${height - bottom}" text-anchor="end">${tauMin}</text>` +
    `<text x="12" y="${(height - bottom) / 2 + 12}" transform="rotate(-90 12 ${(height - bottom) / 2 + 12})" text-anchor="middle">τ</text></svg>`;
}

/** g_JS and g_RS (h = log σ) for real x = (0, 1) as y₂ moves with y₁ fixed (papers §0, §2.2). */
export function renderLandscape(state: PlaygroundState, target: HTMLElement): void {
  const x = [0, 1];
  const y1 = state.landscapeY1;
  const grid = Array.from({ length: 121 }, (_, k) => -1 + (3 * k) / 120);
  // The landscape jumps where y₂ meets a real point or y₁: those values are on the curve.
  const y2s = [...new Set([...grid, 0, 1, y1])].sort((a, b) => a - b);
  const js = y2s.map((y2) => separableLandscape({ x, y: [y1, y2], h1: logSigmoid, h2: logSigmoid }));
  const rs = y2s.map((y2) => relativisticLandscape({ x, y: [y1, y2], h: logSigmoid }));
  target.innerHTML = svgLinePlot({
    series: [
      { name: 'g_JS', x: y2s, y: js, style: 'points' },
      { name: 'g_RS', x: y2s, y: rs, style: 'points' },
      { name: 'global minimum −log 2', x: [-1, 2], y: [-Math.LN2, -Math.LN2] },
    ],
    title: `y₁ = ${y1}`, xLabel: 'y₂', yLabel: 'g(Y)', width: 460, height: 300,
  });
  target.append(statesTable());
}

/** The four two-point states with their closed-form values (papers §0). */
function statesTable(): HTMLTableElement {
  const table = document.createElement('table');
  const row = (cells: readonly string[], tag: 'th' | 'td') => {
    const tr = document.createElement('tr');
    for (const text of cells) {
      const cell = document.createElement(tag);
      cell.textContent = text;
      tr.append(cell);
    }
    return tr;
  };
  table.append(row(['state', 'y (x = 0, 1)', 'g_JS', 'g_RS', ''], 'th'));
  for (const s of twoPointLandscapeStates()) table.append(row([s.name, s.y.join(', '), s.js.toFixed(4), s.rs.toFixed(4), s.description], 'td'));
  return table;
}
