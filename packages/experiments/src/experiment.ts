/**
 * The contract every experiment of `@saddle/experiments` implements: a typed config, a runner
 * and a result that puts the paper's numbers beside Saddle's.
 */
import type { GameBuilder } from './experiment-game.js';

/**
 * One row of the "the paper says / Saddle measured / agreement" table.
 *
 * @example
 * ```ts
 * const row: Comparison = {
 *   quantity: 'RS escape speed-up over JS', paperSays: '3–4× faster', measured: '3.2×',
 *   agreement: 'agrees', tolerance: 'within the stated 3–4 range; 10 seeds',
 * };
 * ```
 */
export interface Comparison {
  quantity: string;
  paperSays: string;
  measured: string;
  agreement: 'agrees' | 'partly' | 'disagrees' | 'not comparable';
  /** The tolerance used to judge agreement, and why that tolerance. */
  tolerance: string;
}

/**
 * A picture of the report, as a self-contained SVG string.
 *
 * @example
 * ```ts
 * const fig: Figure = { title: 'D loss', svg: '<svg xmlns="http://www.w3.org/2000/svg"></svg>', caption: 'mean of 10 seeds' };
 * ```
 */
export interface Figure {
  title: string;
  svg: string;
  caption?: string;
}

/**
 * A table of the report; cells are strings or numbers.
 *
 * @example
 * ```ts
 * const table: Table = { title: 'Rates', columns: ['method', 'rate'], rows: [['GDA', 1.0000125]] };
 * ```
 */
export interface Table {
  title: string;
  columns: string[];
  rows: (string | number)[][];
}

/**
 * What an experiment's run returns; the report writer turns it into `report.html`, `report.md`
 * and `results.json`.
 *
 * @example
 * ```ts
 * const result: ExperimentResult = { summary: 'EG converges', comparisons: [], figures: [], tables: [], data: {} };
 * ```
 */
export interface ExperimentResult {
  summary: string;
  comparisons: Comparison[];
  figures: Figure[];
  tables: Table[];
  /** JSON-serialisable results (written to `results.json`). */
  data: unknown;
}

/**
 * What the caller gives a run: seeds, quick mode, the backend already selected, cancellation and
 * a progress callback.
 *
 * @example
 * ```ts
 * const ctx: ExperimentContext = {
 *   seeds: 10, quick: false, backendName: 'wasm',
 *   progress: (stage, done, total) => console.error(`${stage} ${done}/${total}`),
 * };
 * ```
 */
export interface ExperimentContext {
  /** Number of seeds (0…seeds-1) to run. */
  seeds: number;
  quick: boolean;
  /** Name of the active TensorFlow.js backend (the caller selects it; experiments never import backends). */
  backendName: string;
  signal?: AbortSignal;
  progress(stage: string, done: number, total: number): void;
  /**
   * Builds the game of each image-GAN training run (default: `experimentGame` on this thread);
   * the CLI's `--workers N` passes one that trains data-parallel on N worker threads.
   */
  buildGame?: GameBuilder;
}

/**
 * A typed, runnable experiment of the papers.
 *
 * @example
 * ```ts
 * import { experimentById } from '@saddle/experiments';
 * const exp = experimentById('minmax-bilinear');
 * const result = await exp.run(exp.config(true), { seeds: 1, quick: true, backendName: 'cpu', progress: () => {} });
 * console.log(result.summary);
 * ```
 */
export interface Experiment<C = unknown> {
  id: string;
  title: string;
  /** Where in `papers.md` the experiment comes from, e.g. `"papers §5.2"`. */
  paper: string;
  /** Expected wall time in seconds on a 2-core machine (wasm backend). */
  expectedSeconds: { quick: number; full: number };
  /** Seeds a run uses unless told otherwise (default 1 in both modes). */
  defaultSeeds?: { quick: number; full: number };
  config(quick: boolean): C;
  run(config: C, ctx: ExperimentContext): Promise<ExperimentResult>;
}
