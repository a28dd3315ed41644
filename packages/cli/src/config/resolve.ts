import { readFile } from 'node:fs/promises';
import { SaddleError } from '@saddle/core';
import { formatIssues } from './issues.js';
import { trainConfigSchema, type TrainConfig } from './schema.js';

/**
 * Validates a config object (a parsed file merged with flags) into a resolved `TrainConfig`,
 * or throws one `SaddleError` (`INVALID_CONFIG`) listing every issue on its own line as
 * `path.to.field: problem (got VALUE); allowed: ...`.
 *
 * @example
 * ```ts
 * resolveTrainConfig({ steps: 0 }, 'flags');
 * // SaddleError: invalid config (flags):
 * //   steps: too small (got 0); allowed: an integer ≥ 1
 * ```
 */
export function resolveTrainConfig(input: unknown, source: string, rename?: (path: string) => string): TrainConfig {
  const parsed = trainConfigSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const lines = formatIssues(parsed.error.issues, input, trainConfigSchema, rename);
  throw new SaddleError(`invalid config (${source}):\n${lines.map((l) => `  ${l}`).join('\n')}`, { code: 'INVALID_CONFIG' });
}

/**
 * Reads and parses a JSON config file, naming the file in any error.
 *
 * @example
 * ```ts
 * const input = await readConfigFile('ring.json'); // then resolveTrainConfig(input, 'ring.json')
 * ```
 */
export async function readConfigFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new SaddleError(`cannot read config file: ${(cause as Error).message}`, {
      code: 'IO_ERROR', field: '--config', value: path, cause, fix: 'pass the path of a readable JSON file',
    });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new SaddleError(`config file is not valid JSON: ${(cause as Error).message}`, {
      code: 'INVALID_CONFIG', field: '--config', value: path, cause, fix: 'fix the JSON syntax (no comments, no trailing commas)',
    });
  }
}
