import packageJson from '../package.json' with { type: 'json' };

/**
 * The version of `@saddle/experiments`, for reports.
 *
 * @example
 * ```ts
 * const versions = { '@saddle/experiments': EXPERIMENTS_VERSION };
 * ```
 */
export const EXPERIMENTS_VERSION: string = packageJson.version;
