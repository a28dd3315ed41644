import { createRng } from '@saddle/core';
import { describe, expect, it } from 'vitest';
import { sgd } from './aliases.js';
import { alternating } from './alternating.js';
import { averaged } from './averaged.js';
import { fictitiousPlay } from './fictitious-play.js';
import { simultaneous } from './simultaneous.js';

const players = { generator: sgd({ learningRate: 0.1 }), discriminator: sgd({ learningRate: 0.1 }) };

describe('game optimizer options', () => {
  it('alternating refuses step counts outside [1, 1000] and unknown players', () => {
    expect(() => alternating(players, { discriminatorSteps: 0 })).toThrowError(/discriminatorSteps: must be an integer in \[1, 1000\] \(got 0\); pass discriminatorSteps ≥ 1/);
    expect(() => alternating(players, { generatorSteps: 1.5 })).toThrowError(/generatorSteps: must be an integer in \[1, 1000\] \(got 1.5\)/);
    // @ts-expect-error: a misspelt player must be refused at run time too (configs arrive as JSON)
    expect(() => alternating(players, { first: 'critic' })).toThrowError(/first: not a player \(got "critic"\); use "generator" or "discriminator"/);
  });

  it('averaged refuses an EMA decay outside [0, 1) and unknown players', () => {
    expect(() => averaged(simultaneous(players), { average: { ema: 1 } })).toThrowError(/average\.ema: must be in \[0, 1\) \(got 1\)/);
    // @ts-expect-error: as above
    expect(() => averaged(simultaneous(players), { players: ['generator', 'critic'] })).toThrowError(/players\[1\]: not a player \(got "critic"\)/);
  });

  it('names composed optimizers after their parts', () => {
    const game = averaged(fictitiousPlay(alternating(players), { window: 2, rng: createRng(0) }));
    expect(game.name).toBe('averaged(fictitious-play(alternating))');
  });
});
