// Node CommonJS consumer: `require()` the ESM-only packages (Node >= 20.19 loads ESM
// synchronously from CJS: process.features.require_module; docs/decisions/0012), then play the
// same game. Prints JSON: what loaded (or each error code) and the game's result.
const report = { node: process.version, requireModule: Boolean(process.features.require_module), loaded: {}, errors: {} };
const mods = {};
const names = { tf: '@tensorflow/tfjs-core', core: '@saddle/core', losses: '@saddle/losses', optimizers: '@saddle/optimizers', backend: '@saddle/backend-wasm' };
for (const [key, name] of Object.entries(names)) {
  try {
    mods[key] = require(name);
    report.loaded[name] = Object.keys(mods[key]).length;
  } catch (err) {
    report.errors[name] = err.code || String(err);
  }
}
(async () => {
  if (Object.keys(report.errors).length === 0) {
    report.result = await require('./play.cjs').playGame(mods);
    // One engine: the backend Saddle's ESM selected is the one CJS's tfjs-core reports.
    report.cjsBackend = mods.tf.getBackend();
  }
  process.stdout.write(JSON.stringify(report));
})();
