export { ganGame } from './gan-game.js';
export type { DiscriminatorPenalty, GanBatch, GanGame, GanGameOptions, GanGradients, PenaltyInput } from './gan-game.js';
export { train } from './train.js';
export type { DivergenceRecovery, TrainOptions, TrainResult, TrainResume } from './train.js';
export { modeCollapseMonitor } from './mode-collapse.js';
export type { ModeCollapseOptions } from './mode-collapse.js';
export type {
  CheckpointEvent,
  EndEvent,
  EvaluationEvent,
  ModeCollapseEvent,
  RollbackEvent,
  StartEvent,
  StepEvent,
  StepMetrics,
  TrainEvent,
  TrainHook,
  TrainListener,
  TrainMonitor,
  TrainSnapshot,
} from './events.js';
