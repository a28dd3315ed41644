import { SaddleError } from '@saddle/core';
import { NUMBER } from './args.js';

/** A config value a grid can set. */
export type GridValue = number | string | boolean;

/** One grid key and the values it takes, in order. */
export interface GridAxis {
  readonly key: string;
  readonly values: readonly GridValue[];
}

/** One run of a sweep: a grid cell (one value per axis) and a seed. */
export interface SweepRun {
  /** Directory name under `runs/`: `lr=0.001,loss=rs,seed=3` (axes in command-line order). */
  readonly key: string;
  /** The cell's key without the seed: runs sharing it are aggregated together. */
  readonly cellKey: string;
  readonly cell: Readonly<Record<string, GridValue>>;
  readonly seed: number;
}

/** The config field a sweep sets to pick each run's seed (its runs use `seeds: 1`). */
export const SEED_FIELD = 'firstSeed';
/** Largest number of runs one sweep may expand to. */
const MAX_RUNS = 10_000;

/**
 * Parses `--grid key=v1,v2` against the experiment's default config: the key must be a config
 * field (else a SaddleError listing the allowed keys) other than `firstSeed`, and each value must
 * have the type of the field's default (numbers written in full, `true`/`false` for booleans).
 *
 * @example
 * ```ts
 * parseGridAxis('loss=js,rs', { loss: 'both', iterations: 20000 }); // { key: 'loss', values: ['js', 'rs'] }
 * ```
 */
export function parseGridAxis(text: string, defaults: Readonly<Record<string, unknown>>): GridAxis {
  const eq = text.indexOf('=');
  const key = eq < 0 ? text : text.slice(0, eq);
  const allowed = Object.keys(defaults).filter((k) => k !== SEED_FIELD && isScalar(defaults[k]));
  if (eq <= 0 || eq === text.length - 1) {
    throw new SaddleError('a grid axis is key=v1,v2,…', { code: 'INVALID_CONFIG', field: '--grid', value: text, fix: `write --grid KEY=V1,V2 with KEY one of ${allowed.join(', ')}` });
  }
  if (!allowed.includes(key)) {
    const why = key === SEED_FIELD ? 'is set by --seeds' : 'is not a config field this sweep can set';
    throw new SaddleError(`grid key "${key}" ${why}`, { code: 'INVALID_CONFIG', field: '--grid', value: key, fix: `use one of ${allowed.join(', ')}` });
  }
  const fallback = defaults[key];
  const values = text.slice(eq + 1).split(',').map((raw): GridValue => {
    const value = raw.trim();
    if (typeof fallback === 'number') {
      if (!NUMBER.test(value)) throw new SaddleError(`grid value for ${key} must be a number`, { code: 'INVALID_CONFIG', field: `--grid ${key}`, value, fix: `write numbers such as ${String(fallback)}` });
      return Number(value);
    }
    if (typeof fallback === 'boolean') {
      if (value !== 'true' && value !== 'false') throw new SaddleError(`grid value for ${key} must be true or false`, { code: 'INVALID_CONFIG', field: `--grid ${key}`, value, fix: 'write true or false' });
      return value === 'true';
    }
    if (value === '') throw new SaddleError(`empty grid value for ${key}`, { code: 'INVALID_CONFIG', field: `--grid ${key}`, value: raw, fix: 'remove the stray comma' });
    return value;
  });
  if (new Set(values).size !== values.length) {
    throw new SaddleError(`grid values for ${key} repeat`, { code: 'INVALID_CONFIG', field: `--grid ${key}`, value: text, fix: 'list each value once' });
  }
  return { key, values };
}

/**
 * Parses `--seeds`: `0..9` (inclusive range), `3` or `0,4,7`; non-negative integers, no repeats.
 *
 * @example
 * ```ts
 * parseSeeds('0..3'); // [0, 1, 2, 3]
 * ```
 */
export function parseSeeds(text: string): number[] {
  const range = /^(\d+)\.\.(\d+)$/.exec(text.trim());
  const seeds = range !== null
    ? Array.from({ length: Math.max(0, Number(range[2]) - Number(range[1]) + 1) }, (_, i) => Number(range[1]) + i)
    : text.split(',').map((s) => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : Number.NaN));
  if (seeds.length === 0 || seeds.some((s) => !Number.isSafeInteger(s)) || new Set(seeds).size !== seeds.length) {
    throw new SaddleError('seeds must be A..B, N or N,M,…', { code: 'INVALID_CONFIG', field: '--seeds', value: text, fix: 'write e.g. --seeds 0..9 (A ≤ B), --seeds 3 or --seeds 0,4,7 without repeats' });
  }
  return seeds;
}

/**
 * Every run of the grid × seeds, cells in row-major order of the axes (the last axis fastest),
 * seeds innermost.
 *
 * @example
 * ```ts
 * expandSweep([{ key: 'loss', values: ['js', 'rs'] }], [0, 1]).map((r) => r.key); // ['loss=js,seed=0', 'loss=js,seed=1', 'loss=rs,seed=0', 'loss=rs,seed=1']
 * ```
 */
export function expandSweep(axes: readonly GridAxis[], seeds: readonly number[]): SweepRun[] {
  const keys = axes.map((a) => a.key);
  if (new Set(keys).size !== keys.length) {
    throw new SaddleError('a grid key is given twice', { code: 'INVALID_CONFIG', field: '--grid', value: keys, fix: 'give each key once, with all its values: --grid key=v1,v2' });
  }
  const cells = axes.reduce<Record<string, GridValue>[]>((acc, axis) => acc.flatMap((cell) => axis.values.map((v) => ({ ...cell, [axis.key]: v }))), [{}]);
  if (cells.length * seeds.length > MAX_RUNS) {
    throw new SaddleError(`the sweep has ${cells.length * seeds.length} runs`, { code: 'INVALID_CONFIG', field: '--grid', value: cells.length * seeds.length, fix: `keep grid × seeds at most ${MAX_RUNS}` });
  }
  const runs = cells.flatMap((cell) => {
    const cellKey = Object.entries(cell).map(([k, v]) => `${k}=${safe(String(v))}`).join(',');
    return seeds.map((seed) => ({ key: cellKey === '' ? `seed=${seed}` : `${cellKey},seed=${seed}`, cellKey, cell, seed }));
  });
  const seen = new Set<string>();
  for (const run of runs) {
    if (seen.has(run.key)) {
      throw new SaddleError('two grid values map to one run directory', { code: 'INVALID_CONFIG', field: '--grid', value: run.key, fix: 'use values that differ in letters, digits or . + - _' });
    }
    seen.add(run.key);
  }
  return runs;
}

function isScalar(value: unknown): boolean {
  return typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean';
}

/** A value as a file-name-safe word (anything outside [A-Za-z0-9._+-] becomes _). */
function safe(text: string): string {
  return text.replace(/[^\w.+-]/g, '_');
}
