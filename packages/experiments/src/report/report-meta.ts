/**
 * The circumstances of one run, printed in every report: how to rerun it, on what, and how long
 * it took.
 *
 * @example
 * ```ts
 * const meta: ReportMeta = {
 *   command: 'saddle reproduce minmax-bilinear --quick', seeds: 1, quick: true, backend: 'cpu',
 *   wallSeconds: 1.2, startedAt: new Date().toISOString(), versions: { '@saddle/experiments': '0.1.0' },
 *   node: process.version, machine: { cpu: 'Intel Xeon', cores: 2, memoryGiB: 24, platform: 'linux x64' },
 * };
 * ```
 */
export interface ReportMeta {
  /** The exact command that reproduces this report. */
  command: string;
  seeds: number;
  quick: boolean;
  /** The TensorFlow.js backend the run used. */
  backend: string;
  /** Wall-clock seconds of `Experiment.run`. */
  wallSeconds: number;
  /** ISO 8601 start time. */
  startedAt: string;
  /** Package name → version, for every package the run depends on. */
  versions: Record<string, string>;
  /** `process.version`. */
  node: string;
  machine: MachineInfo;
}

/**
 * The machine a run used (Node's `os` module).
 *
 * @example
 * ```ts
 * const machine: MachineInfo = { cpu: 'AMD EPYC 7B13', cores: 2, memoryGiB: 24, platform: 'linux x64' };
 * ```
 */
export interface MachineInfo {
  /** `os.cpus()[0].model`. */
  cpu: string;
  /** Logical cores, `os.cpus().length`. */
  cores: number;
  /** Total memory in GiB. */
  memoryGiB: number;
  /** `os.platform() os.arch()`. */
  platform: string;
}
