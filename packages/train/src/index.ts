export { ganGame } from './gan-game.js';
export type { GanBatch, GanGame, GanGameOptions, GanGradients } from './gan-game.js';
export { train } from './train.js';
export type { TrainOptions, TrainResult, TrainResume } from './train.js';
export type {
  CheckpointEvent,
  EndEvent,
  EvaluationEvent,
  StartEvent,
  StepEvent,
  StepMetrics,
  TrainEvent,
  TrainHook,
  TrainListener,
  TrainSnapshot,
} from './events.js';
