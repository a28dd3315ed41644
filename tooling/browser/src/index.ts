export { CHROMIUM_ARGS, CHROMIUM_ENV, DEFAULT_CHROMIUM, chromiumMissingReason, findChromium, launchChromium } from './chromium.js';
export { serveDirectory } from './serve-directory.js';
export type { StaticServer } from './serve-directory.js';
