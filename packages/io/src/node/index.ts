export { readFileBytes } from './read-file-bytes.js';
export { writeFileAtomic } from './write-file-atomic.js';
export { sha256Hex } from './sha256-hex.js';
export { decodePng } from './decode-png.js';
export { inflateRaw } from './inflate-raw.js';
