export { dataParallelGame } from './data-parallel-game.js';
export type { DataParallelGame, DataParallelOptions } from './data-parallel-game.js';
export type { ModuleExport } from './module-export.js';
