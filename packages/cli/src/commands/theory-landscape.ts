import { SaddleError } from '@saddle/core';
import {
  checkStrictLocalMinimum,
  jsLandscapeClosedForm,
  logSigmoid,
  relativisticLandscape,
  separableLandscape,
  twoPointLandscapeStates,
  type LandscapePoint,
  type LinePlotOptions,
  type LocalMinimumReport,
  type PlotSeries,
} from '@saddle/theory';
import { choiceOption, parseNumberListFlag, type FlagValues } from './args.js';
import { COMMON_THEORY_HELP, type TheorySubcommand } from './theory-help.js';
import { fixed, formatTable, list } from './theory-format.js';

/** The two losses of Sun, Fang and Schwing's comparison, both with h = log σ. */
export const LANDSCAPE_LOSSES = ['js', 'rs'] as const;
export type LandscapeLoss = (typeof LANDSCAPE_LOSSES)[number];

/** Most points per side: the strict-minimum check enumerates coincidence patterns. */
const MAX_POINTS = 1000;
/** The strict-minimum check runs for on-data configurations up to this n. */
const MAX_CHECK_POINTS = 6;
/** Grid points of the plotted slice (the real points are added). */
const SLICE_POINTS = 121;

/** g_JS (separable, h1 = h2 = log σ) or g_RS (relativistic pairing, h = log σ) of papers §2.2. */
export function landscapeValue(loss: LandscapeLoss, x: readonly LandscapePoint[], y: readonly LandscapePoint[]): number {
  return loss === 'js' ? separableLandscape({ x, y, h1: logSigmoid, h2: logSigmoid }) : relativisticLandscape({ x, y, h: logSigmoid });
}

/**
 * `saddle theory landscape`: the function-space objective g(Y) of JS-GAN or RS-GAN for real
 * points x_i and generated points y_i on a line, or the two-point states table when no points
 * are given.
 */
export const theoryLandscape: TheorySubcommand = {
  name: 'landscape',
  summary: 'GAN loss landscapes (Sun et al.): g(Y) of JS-GAN or RS-GAN for 1-D points',
  flags: {
    loss: { type: 'string' },
    real: { type: 'string' },
    fake: { type: 'string' },
  },
  help: `saddle theory landscape: the global loss landscape g(Y) = sup_f φ(Y, f) (papers §0, §2.2)

Usage: saddle theory landscape [--loss js|rs] [--real X1,X2,.. --fake Y1,Y2,..]

With --real and --fake (1-D points, one generated point y_i per real point x_i; points that
are equal coincide) prints g(Y), the global minimum −log 2, the closed form for JS when every
y_i sits on a real point or off the data, and whether an on-data Y is a strict local minimum
(n ≤ ${MAX_CHECK_POINTS}). With neither, prints the two-point states s2, s1b, s1a, s0 (x = 0, 1) beside their
closed forms: JS-GAN has a bad strict local minimum at s1a (mode collapse), RS-GAN has none.
The plot is the slice of g as the last generated point moves.

Flags:
  --loss NAME    js (JS-GAN: separable, h1 = h2 = log σ) or rs (RS-GAN: relativistic pairing,
                 h = log σ); default js, or both for the two-point table
  --real LIST    real points x_i, comma-separated numbers, e.g. 0,1
  --fake LIST    generated points y_i, as many as --real, e.g. 0,0 (y_i is paired with x_i)
${COMMON_THEORY_HELP}
`,
  run(values: FlagValues) {
    const losses: LandscapeLoss[] = typeof values.loss === 'string' ? [choiceOption(values, 'loss', 'js', LANDSCAPE_LOSSES)] : [...LANDSCAPE_LOSSES];
    const realRaw = values.real;
    const fakeRaw = values.fake;
    if (realRaw === undefined && fakeRaw === undefined) return twoPointTable(losses);
    if (typeof realRaw !== 'string' || typeof fakeRaw !== 'string') {
      const [given, missing] = typeof realRaw === 'string' ? ['--real', '--fake'] : ['--fake', '--real'];
      throw new SaddleError(`needs ${missing} too`, {
        code: 'INVALID_CONFIG', field: given, value: realRaw ?? fakeRaw, fix: `pass both --real X1,X2,.. and --fake Y1,Y2,.. (as many), or neither for the two-point table`,
      });
    }
    const x = parseNumberListFlag('--real', realRaw, {}, { maxItems: MAX_POINTS });
    const y = parseNumberListFlag('--fake', fakeRaw, {}, { maxItems: MAX_POINTS });
    if (y.length !== x.length) {
      throw new SaddleError(`has ${y.length} points but --real has ${x.length}`, {
        code: 'INVALID_CONFIG', field: '--fake', value: fakeRaw, fix: `allowed: exactly ${x.length} generated points, one per real point`,
      });
    }
    const loss = losses.length === 1 ? (losses[0] as LandscapeLoss) : 'js';
    const g = landscapeValue(loss, x, y);
    const distinct = new Set(x).size === x.length;
    const onData = y.every((v) => x.includes(v));
    const closedForm = loss === 'js' && distinct ? jsLandscapeClosedForm(x.map((xi) => y.filter((v) => v === xi).length)) : null;
    const minimum: LocalMinimumReport | null =
      distinct && onData && x.length <= MAX_CHECK_POINTS
        ? checkStrictLocalMinimum({ x, assignment: y.map((v) => x.indexOf(v)), objective: (xs, ys) => landscapeValue(loss, xs, ys) })
        : null;
    const name = loss === 'js' ? 'g_JS' : 'g_RS';
    const cut = slice([loss], x, y);
    const text =
      `${loss === 'js' ? 'JS-GAN (separable, h1 = h2 = log σ)' : 'RS-GAN (relativistic pairing, h = log σ)'}\n` +
      `real x: ${list(x)}\nfake y: ${list(y)}\n` +
      `${name}(Y) = ${fixed(g, 6)}\n` +
      `global minimum: −log 2 = ${fixed(-Math.LN2, 6)} (every real point matched)\n` +
      (closedForm === null ? '' : `closed form (1/2n) Σ_i [m_i log(m_i/(1 + m_i)) − log(1 + m_i)] = ${fixed(closedForm, 6)}\n`) +
      (minimum === null
        ? ''
        : `strict local minimum: ${minimum.strict ? 'yes' : 'no'} (lowest of ${minimum.neighbours} neighbour patterns: ${fixed(minimum.value + minimum.margin, 6)}, at y = ${list(minimum.lowestNeighbour.map((v) => Number(Number(v).toPrecision(6))))})\n`);
    return {
      text,
      json: {
        loss, x, y, g, globalMinimum: -Math.LN2, closedForm,
        strictLocalMinimum: minimum === null ? null : { strict: minimum.strict, margin: minimum.margin, neighbours: minimum.neighbours, lowestNeighbour: minimum.lowestNeighbour },
        slice: cut,
      },
      plot: slicePlot(cut, x),
    };
  },
};

function twoPointTable(losses: readonly LandscapeLoss[]) {
  const states = twoPointLandscapeStates().map((s) => {
    const values = Object.fromEntries(losses.map((loss) => [loss, { g: landscapeValue(loss, s.x, s.y), closedForm: s[loss] }]));
    return { name: s.name, description: s.description, x: [...s.x], y: [...s.y], ...values };
  });
  const table = formatTable(
    ['state', 'y (x = 0, 1)', ...losses.flatMap((l) => [`g_${l.toUpperCase()}`, 'closed form']), 'description'],
    states.map((s) => [
      s.name,
      list(s.y),
      ...losses.flatMap((l) => {
        const v = (s as unknown as Record<LandscapeLoss, { g: number; closedForm: number }>)[l];
        return [fixed(v.g, 6), fixed(v.closedForm, 6)];
      }),
      s.description,
    ]),
  );
  const x = [0, 1];
  const cut = slice(losses, x, [0, 0]);
  return {
    text:
      `the two-point states of Sun, Fang and Schwing (papers §0): real x = 0, 1\n\n${table}\n` +
      'JS-GAN: s1a (mode collapse) is a strict local minimum above the optimum s2; RS-GAN: s1a ties s1b, no bad basin.\n' +
      'the plot: g as y2 moves with y1 = x1 = 0 (s1a at y2 = 0, s2 at y2 = 1, s1b elsewhere)\n',
    json: { states, slice: cut },
    plot: slicePlot(cut, x),
  };
}

/** g as the last generated point moves over the points' range ± 1, the real points included. */
function slice(losses: readonly LandscapeLoss[], x: readonly number[], y: readonly number[]) {
  const all = [...x, ...y];
  const lo = Math.min(...all) - 1;
  const hi = Math.max(...all) + 1;
  const grid = Array.from({ length: SLICE_POINTS }, (_, k) => lo + ((hi - lo) * k) / (SLICE_POINTS - 1));
  const t = [...new Set([...grid, ...x])].sort((a, b) => a - b);
  const g = Object.fromEntries(losses.map((loss) => [loss, t.map((v) => landscapeValue(loss, x, [...y.slice(0, -1), v]))]));
  return { moving: `y${y.length}`, t, g };
}

function slicePlot({ moving, t, g }: ReturnType<typeof slice>, x: readonly number[]): LinePlotOptions {
  const series: PlotSeries[] = Object.entries(g).map(([loss, values]) => ({ name: `g_${loss.toUpperCase()}`, x: t, y: values, style: 'points' }));
  return { title: `loss landscape: g as ${moving} moves (x = ${list(x)})`, xLabel: moving, yLabel: 'g(Y)', series };
}
