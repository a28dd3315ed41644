// The solvable high-dimensional GAN of Wang, Hu and Lu (papers §3): Model M.
export { solvableGanFigure1Setting, solvableGanInitialOrderParameters } from './solvable-gan-setting.js';
export type { OrderParameters, SolvableGanSetting, SolvableGanTrajectory } from './solvable-gan-setting.js';
export { solvableGanLoss } from './solvable-gan-loss.js';
export { integrateSolvableGanOde, solvableGanDerivatives } from './solvable-gan-ode.js';
export type { SolvableGanOdeOptions, SolvableGanOdeResult } from './solvable-gan-ode.js';
export { simulateSolvableGan } from './solvable-gan-simulator.js';
export type { SolvableGanSimulation, SolvableGanSimulationOptions } from './solvable-gan-simulator.js';
export { simulateSolvableGanReduced } from './solvable-gan-simulator-reduced.js';
export { predictSolvableGanPhase, solvableGanPhaseBoundaries } from './solvable-gan-phase.js';
export type {
  SolvableGanFeatureBoundaries,
  SolvableGanFeatureOutcome,
  SolvableGanPhase,
  SolvableGanPhasePrediction,
} from './solvable-gan-phase.js';
export { classifySolvableGanRun, solvableGanPhaseDiagram } from './solvable-gan-phase-diagram.js';
export type {
  SolvableGanClassification,
  SolvableGanClassifyOptions,
  SolvableGanPhaseDiagram,
  SolvableGanPhaseDiagramOptions,
  SolvableGanPhaseDiagramRow,
} from './solvable-gan-phase-diagram.js';

// Loss landscapes of Sun, Fang and Schwing (papers §0, §2.2).
export { logSigmoid } from './landscape-h.js';
export { separableLandscape } from './landscape-separable.js';
export type { LandscapePoint, SeparableLandscapeInput } from './landscape-separable.js';
export { relativisticLandscape } from './landscape-relativistic.js';
export type { RelativisticLandscapeInput } from './landscape-relativistic.js';
export { twoPointLandscapeStates } from './landscape-two-point.js';
export type { TwoPointState } from './landscape-two-point.js';
export { jsLandscapeClosedForm } from './landscape-js-closed-form.js';
export { collapsedConfigurations } from './landscape-collapsed.js';
export { checkStrictLocalMinimum } from './landscape-local-minimum.js';
export type { LocalMinimumInput, LocalMinimumReport } from './landscape-local-minimum.js';

// The overparameterized moment-matching game of Balaji et al. (papers §1.2–1.4).
export { createOverparamProblem, reluActivation, tanhActivation } from './overparam-problem.js';
export type { Activation, OverparamProblem, OverparamProblemOptions } from './overparam-problem.js';
export { overparamGdaStep, overparamGradients, overparamMeanOutput, overparamPayoff } from './overparam-game.js';
export type { OverparamParams } from './overparam-game.js';
export { overparamWidthSweep, trainOverparamGda } from './overparam-gda.js';
export { OVERPARAM_SETUP } from './overparam-setup.js';
export type { OverparamGdaOptions, OverparamGdaResult, OverparamWidthSweepOptions, OverparamWidthSweepRow } from './overparam-gda.js';

// Min-max dynamics on the bilinear game x·y: closed-form per-step factors (papers §5.2).
export { alternatingFactor, extragradientFactor, gdaFactor, measuredFactor, ogdaDoubleRoot, ogdaFactor } from './bilinear-game-rates.js';

// Plots for the CLI and the docs.
export { svgLinePlot } from './svg-line-plot.js';
export type { LinePlotOptions, PlotSeries } from './svg-line-plot.js';
