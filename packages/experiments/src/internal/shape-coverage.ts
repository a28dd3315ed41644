import * as tf from '@tensorflow/tfjs-core';
import type { Params, PerPlayer, Rng } from '@saddle/core';
import { shapeModeCoverage } from '@saddle/datasets';
import type { GanGame } from '@saddle/train';

/** `shapeModeCoverage` of `samples` fakes G(z), z drawn from `rng`: exact modes covered and recognised fraction on the shapes set. */
export async function shapeCoverageOf(game: GanGame<tf.Tensor4D>, params: PerPlayer<Params>, state: PerPlayer<Params>, rng: Rng, samples: number) {
  const z = game.latents(rng, samples);
  const fake = game.generate(params, state, z);
  try {
    return shapeModeCoverage(await fake.data());
  } finally {
    tf.dispose([z, fake]);
  }
}
