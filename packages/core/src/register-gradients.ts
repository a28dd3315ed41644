// tfjs-core's package entries register no gradients and no chained ops (only the union
// package does). Importing this file registers both. The Node build of this file is a bundled
// copy of tfjs-core's registration modules (as the union package does), because tfjs-core's
// per-file ESM cannot be imported by Node directly; bundlers resolve the same modules as the
// core entry, so the default build keeps them external and shares one copy.
import '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
// After tfjs's registrations (imports evaluate in order): replaces the gradients that are not
// twice differentiable in tfjs 4.22 (docs/decisions/0008).
import './second-order-gradients.js';
