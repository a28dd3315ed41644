import type { SolvableGanFeatureOutcome, SolvableGanPhase } from '../solvable-gan-phase.js';

/** The run's phase from its features' outcomes. */
export function phaseOf(features: readonly SolvableGanFeatureOutcome[]): SolvableGanPhase {
  if (features.includes('oscillating')) return 'oscillation';
  const recovered = features.filter((f) => f === 'recovered').length;
  if (recovered === features.length) return 'success';
  return recovered === 0 ? 'failure' : 'mode-collapse';
}
