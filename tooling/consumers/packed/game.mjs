// Node ESM consumer: `import` the published packages and play the game in play.cjs.
import * as tf from '@tensorflow/tfjs-core';
import * as core from '@saddle/core';
import * as losses from '@saddle/losses';
import * as optimizers from '@saddle/optimizers';
import * as backend from '@saddle/backend-wasm';
import play from './play.cjs';

const result = await play.playGame({ tf, core, losses, optimizers, backend });
process.stdout.write(JSON.stringify(result));
