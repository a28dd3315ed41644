import { describe, expect, it } from 'vitest';
import { DEFAULT_STATE, formatHash, parseHash, roundCoordinate, type PlaygroundState } from './state.js';

describe('the playground link (URL hash)', () => {
  const awkward: PlaygroundState = {
    ...DEFAULT_STATE,
    data: 'drawn',
    points: [roundCoordinate(0.1 + 0.2), roundCoordinate(-3.99951), 4, -4, 0, 1.5],
    std: 0.1 + 0.2,
    loss: 'rs-gan',
    penalty: 'r2',
    penaltyWeight: 0.1 + 0.2,
    method: 'fictitious-play',
    playerOptimizer: 'sgd',
    generatorWidths: [7, 512, 1],
    discriminatorWidths: [3],
    activation: 'leakyRelu',
    latentSize: 2,
    learningRateG: 3e-4,
    learningRateD: 1e-6,
    batchSize: 2048,
    stepsPerFrame: 1,
    seed: 2 ** 31 - 1,
    backend: 'webgl',
    eta: 1 / 3,
    tau: 2,
    tauTilde: 0.001,
    landscapeY1: -1,
  };

  it('reads back exactly what it wrote, for the defaults and for awkward values', () => {
    for (const state of [DEFAULT_STATE, awkward]) {
      const hash = formatHash(state);
      const parsed = parseHash(hash);
      expect(parsed.issues).toEqual([]);
      expect(parsed.state).toEqual(state);
      expect(formatHash(parsed.state)).toBe(hash);
    }
  });

  it('reads a hand-written partial link, filling the rest with the defaults', () => {
    const { state, issues } = parseHash('#data=grid&lrG=0.0005&g=16,8&points=1.5,-2');
    expect(issues).toEqual([]);
    expect(state).toEqual({ ...DEFAULT_STATE, data: 'grid', learningRateG: 0.0005, generatorWidths: [16, 8], points: [1.5, -2] });
  });

  it('refuses bad values and unknown keys, naming the field, the value and what is allowed', () => {
    const { state, issues } = parseHash('#lrG=-1&g=0,3&loss=gan&seed=1.5&bogus=1&points=1,2,3&z=%E0%A4%A');
    expect(state).toEqual(DEFAULT_STATE);
    expect(issues.map((i) => [i.field, i.value])).toEqual([
      ['z', '%E0%A4%A'],
      ['points', '1,2,3'],
      ['loss', 'gan'],
      ['g', '0,3'],
      ['lrG', '-1'],
      ['seed', '1.5'],
      ['bogus', '1'],
    ]);
    expect(issues.find((i) => i.field === 'lrG')?.fix).toBe('allowed: a number in [0.000001, 1]');
    expect(issues.find((i) => i.field === 'loss')?.fix).toMatch(/^allowed: one of .*non-saturating/);
    expect(issues.find((i) => i.field === 'bogus')?.fix).toMatch(/^unknown key; known: data, points, std/);
  });

  it('carries WGAN-GP (the Wasserstein loss with a gradient penalty) and refuses a bad penalty or weight', () => {
    const wganGp: PlaygroundState = { ...DEFAULT_STATE, loss: 'wasserstein', penalty: 'wgan-gp', penaltyWeight: 10 };
    const hash = formatHash(wganGp);
    expect(hash).toMatch(/&loss=wasserstein&penalty=wgan-gp&lambda=10&/);
    expect(parseHash(hash)).toEqual({ state: wganGp, issues: [] });
    expect(parseHash('#loss=wasserstein&penalty=wgan-gp').state).toEqual(wganGp);
    const { state, issues } = parseHash('#penalty=gp&lambda=-1');
    expect(state).toEqual(DEFAULT_STATE);
    expect(issues).toEqual([
      { field: 'penalty', value: 'gp', fix: 'allowed: one of none, wgan-gp, r1, r2' },
      { field: 'lambda', value: '-1', fix: 'allowed: a number in [0, 1000]' },
    ]);
  });

  it('rounds drawn points to the 3 decimals a link keeps, inside [−4, 4]', () => {
    expect([roundCoordinate(1.23456), roundCoordinate(-0.0004), roundCoordinate(9), roundCoordinate(-4.2)]).toEqual([1.235, 0, 4, -4]);
    expect(Object.is(roundCoordinate(-0.0004), 0)).toBe(true);
  });
});
