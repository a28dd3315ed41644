export { modeCoverage } from './mode-coverage.js';
export type { ModeCoverage, ModeCoverageOptions, Point2 } from './mode-coverage.js';
