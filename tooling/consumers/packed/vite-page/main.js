// A browser user's page: the published packages alone (no @saddle/train) play the game of
// ../play.cjs on the wasm backend, whose binaries the app serves from tfjs-wasm/ (vite.config.mjs).
// The result goes into #result as JSON, with data-status "done" or "failed".
import * as tf from '@tensorflow/tfjs-core';
import * as core from '@saddle/core';
import * as losses from '@saddle/losses';
import * as optimizers from '@saddle/optimizers';
import * as backend from '@saddle/backend-wasm';
import { playGame } from '../play.cjs';

const out = document.getElementById('result');
try {
  const wasmOptions = { wasmPaths: new URL('tfjs-wasm/', location.href).href };
  const result = await playGame({ tf, core, losses, optimizers, backend }, { wasmOptions });
  out.textContent = JSON.stringify(result);
  out.dataset.status = 'done';
} catch (error) {
  out.textContent = String(error?.stack ?? error);
  out.dataset.status = 'failed';
}
