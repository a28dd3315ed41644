export { node, TFJS_NODE_VERSION } from './node.js';
export type { NodeOptions } from './node.js';
