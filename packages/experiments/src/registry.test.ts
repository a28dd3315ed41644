import { SaddleError } from '@saddle/core';
import { describe, expect, it } from 'vitest';
import { experimentById, experiments } from './registry.js';

describe('experiment registry', () => {
  it('holds the four part-A experiments with unique ids and sane expectations', () => {
    const ids = experiments.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ['sun2020-two-cluster', 'balaji2021-overparam', 'wang2019-solvable', 'minmax-bilinear']) expect(ids).toContain(id);
    for (const e of experiments) {
      expect(e.expectedSeconds.quick).toBeGreaterThan(0);
      expect(e.expectedSeconds.full).toBeGreaterThanOrEqual(e.expectedSeconds.quick);
      for (const quick of [true, false]) expect(JSON.parse(JSON.stringify(e.config(quick)))).toEqual(e.config(quick));
    }
  });

  it('finds an experiment by id', () => {
    expect(experimentById('minmax-bilinear').title).toMatch(/OGDA/);
  });

  it('refuses an unknown id, naming the allowed ones', () => {
    let caught: unknown;
    try {
      experimentById('sun2020-three-cluster');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SaddleError);
    const error = caught as SaddleError;
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.field).toBe('experiment');
    for (const e of experiments) expect(error.fix).toContain(e.id);
  });

  it('keeps the two-cluster default at ≥ 10 seeds and the overparam config split by part', () => {
    expect(experimentById('sun2020-two-cluster').defaultSeeds?.full).toBeGreaterThanOrEqual(10);
    expect(experimentById('balaji2021-overparam').config(false)).toMatchObject({ part: 'one-hidden-layer', dcganWidths: [8, 16, 32, 64], data: 'shapes' });
    expect(experimentById('balaji2021-overparam').config(true)).toMatchObject({ part: 'both' });
  });
});
