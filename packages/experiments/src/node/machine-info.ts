import { arch, cpus, platform, totalmem } from 'node:os';
import type { MachineInfo } from '../report/report-meta.js';

/**
 * This machine, as a report prints it: CPU model, logical cores, memory, platform.
 *
 * @example
 * ```ts
 * machineInfo(); // { cpu: 'AMD EPYC 7B13', cores: 2, memoryGiB: 24, platform: 'linux x64' }
 * ```
 */
export function machineInfo(): MachineInfo {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    memoryGiB: totalmem() / 2 ** 30,
    platform: `${platform()} ${arch()}`,
  };
}
