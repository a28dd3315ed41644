export { gaussianRing } from './gaussian-ring.js';
export type { GaussianMixtureSource, GaussianRingOptions, Point2 } from './gaussian-ring.js';
export { hostNormal } from './host-normal.js';
