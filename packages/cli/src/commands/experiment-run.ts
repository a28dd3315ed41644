import * as tf from '@tensorflow/tfjs-core';
import { SaddleError } from '@saddle/core';
import { EXPERIMENTS_VERSION, experimentById, type Experiment, type ReportMeta } from '@saddle/experiments';
import { machineInfo } from '@saddle/experiments/node';
import packageJson from '../../package.json' with { type: 'json' };

/**
 * The registry's experiment `id`, its refusal turned into a usage error (exit code 2) naming
 * `command` and the allowed ids.
 *
 * @example
 * ```ts
 * const experiment = experimentOf('minmax-bilinear', 'saddle reproduce');
 * ```
 */
export function experimentOf(id: string, command: string): Experiment {
  try {
    return experimentById(id);
  } catch (error) {
    if (error instanceof SaddleError) throw new SaddleError('unknown experiment', { code: 'INVALID_CONFIG', field: command, value: id, fix: error.fix, cause: error });
    throw error;
  }
}

/**
 * The part of a report's meta that describes this process: package versions, Node and the machine.
 *
 * @example
 * ```ts
 * await writeReport(out, experiment, config, result, { command, seeds, quick, backend, wallSeconds, startedAt, ...reportEnvironment() });
 * ```
 */
export function reportEnvironment(): Pick<ReportMeta, 'versions' | 'node' | 'machine'> {
  return {
    versions: { '@saddle/cli': packageJson.version, '@saddle/experiments': EXPERIMENTS_VERSION, '@tensorflow/tfjs-core': tf.version_core },
    node: process.version,
    machine: machineInfo(),
  };
}

/**
 * A path as a POSIX shell word, bare when safe and single-quoted otherwise, so the rerun command a
 * report records can be pasted into a shell.
 *
 * @example
 * ```ts
 * shellQuote('runs/my run'); // "'runs/my run'"
 * ```
 */
export function shellQuote(text: string): string {
  return /^[\w./@%+=:,-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
