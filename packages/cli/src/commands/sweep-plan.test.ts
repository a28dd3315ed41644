import { SaddleError } from '@saddle/core';
import { describe, expect, it } from 'vitest';
import { aggregateSweep, numericLeaves } from './sweep-aggregate.js';
import { expandSweep, parseGridAxis, parseSeeds } from './sweep-plan.js';

const DEFAULTS = { loss: 'both', iterations: 20_000, learningRate: 1e-4, firstSeed: 0, nested: { a: 1 } };

describe('sweep plan', () => {
  it('parses grid axes with the types of the config defaults', () => {
    expect(parseGridAxis('loss=js,rs', DEFAULTS)).toEqual({ key: 'loss', values: ['js', 'rs'] });
    expect(parseGridAxis('learningRate=1e-4,3e-4', DEFAULTS)).toEqual({ key: 'learningRate', values: [1e-4, 3e-4] });
  });

  it('refuses unknown keys, the seed field and non-numbers, naming the allowed keys', () => {
    for (const [text, field] of [['lr=1', '--grid'], ['firstSeed=1', '--grid'], ['nested=1', '--grid'], ['iterations=ten', '--grid iterations'], ['loss', '--grid']] as const) {
      const error = (() => {
        try {
          parseGridAxis(text, DEFAULTS);
        } catch (e) {
          return e;
        }
      })();
      expect(error, text).toBeInstanceOf(SaddleError);
      expect(error).toMatchObject({ code: 'INVALID_CONFIG', field });
    }
    expect(() => parseGridAxis('lr=1', DEFAULTS)).toThrow(/use one of loss, iterations, learningRate/);
  });

  it('parses seed ranges and lists and refuses empty or repeated ones', () => {
    expect(parseSeeds('0..3')).toEqual([0, 1, 2, 3]);
    expect(parseSeeds('7')).toEqual([7]);
    expect(parseSeeds('0,4,7')).toEqual([0, 4, 7]);
    for (const bad of ['3..1', '1,1', '-1', 'a', '']) expect(() => parseSeeds(bad), bad).toThrow(SaddleError);
  });

  it('expands grid × seeds row-major with seeds innermost', () => {
    const runs = expandSweep([{ key: 'loss', values: ['js', 'rs'] }, { key: 'iterations', values: [10, 20] }], [0, 1]);
    expect(runs.map((r) => r.key)).toEqual([
      'loss=js,iterations=10,seed=0', 'loss=js,iterations=10,seed=1', 'loss=js,iterations=20,seed=0', 'loss=js,iterations=20,seed=1',
      'loss=rs,iterations=10,seed=0', 'loss=rs,iterations=10,seed=1', 'loss=rs,iterations=20,seed=0', 'loss=rs,iterations=20,seed=1',
    ]);
    expect(expandSweep([], [3]).map((r) => r.key)).toEqual(['seed=3']);
    expect(() => expandSweep([{ key: 'loss', values: ['a/b', 'a_b'] }], [0])).toThrow(/one run directory/);
  });
});

describe('sweep aggregate', () => {
  it('takes mean ± sample std of every numeric leaf per cell and counts agreements', () => {
    const axes = [{ key: 'loss', values: ['js', 'rs'] }];
    const runs = expandSweep(axes, [0, 1, 2]);
    // Cell js: x = 1, 2, 3 (mean 2, sample std 1); cell rs: x = 5, 5, 5 (std 0). Arrays are skipped.
    const x: Record<string, number> = { 'loss=js,seed=0': 1, 'loss=js,seed=1': 2, 'loss=js,seed=2': 3 };
    const result = aggregateSweep('demo', axes, runs, (run) => ({
      data: { final: { x: x[run.key] ?? 5 }, trace: [1, 2, 3] },
      comparisons: [{ quantity: 'q', paperSays: 'p', measured: 'm', agreement: run.seed === 2 ? 'disagrees' : 'agrees', tolerance: 't' }],
    }));
    expect(result.tables[0]?.columns).toEqual(['loss', 'seeds', 'final.x']);
    expect(result.tables[0]?.rows).toEqual([['js', 3, '2 ± 1'], ['rs', 3, '5 ± 0']]);
    expect(result.comparisons.map((c) => [c.quantity, c.agreement, c.measured])).toEqual([
      ['loss=js: q', 'agrees', 'agrees in 2/3 seeds, disagrees in 1/3 seeds'],
      ['loss=rs: q', 'agrees', 'agrees in 2/3 seeds, disagrees in 1/3 seeds'],
    ]);
    expect([...numericLeaves({ a: { b: 2, c: [1] }, d: true, e: 'x' })]).toEqual([['a.b', 2], ['d', 1]]);
  });
});
