import { gaussianMixture, type GaussianMixtureSource, type Point2 } from './gaussian-mixture.js';
import { check, isIntegerIn } from './internal/check.js';

/**
 * The grid's shape.
 *
 * @example
 * ```ts
 * const options: GaussianGridOptions = { rows: 5, cols: 5, spacing: 2, std: 0.05 }; // 25 modes
 * const grid = gaussianGrid(options); // grid.centers.length === 25
 * ```
 */
export interface GaussianGridOptions {
  /** Rows of modes (default 5). */
  readonly rows?: number;
  /** Columns of modes (default 5). */
  readonly cols?: number;
  /** Distance between neighbouring centres (default 2). */
  readonly spacing?: number;
  /** Standard deviation σ of each isotropic mode (default 0.05). */
  readonly std?: number;
}

/**
 * A rows×cols grid of equally weighted Gaussians centred on the origin: c_ij = spacing·(j − (cols−1)/2,
 * i − (rows−1)/2), x = c_ij + σ·ε. The default is the 5×5 grid of the mode-collapse literature,
 * centres (−4 + 2j, −4 + 2i) for i, j ∈ {0..4} and σ = 0.05 (covariance 0.0025·I₂). Modes are
 * listed row by row from the bottom (i = 0) and sampled as in `gaussianMixture`.
 *
 * @example
 * ```ts
 * const grid = gaussianGrid(); // 25 modes
 * grid.centers[0]; // [-4, -4]
 * ```
 * @see Srivastava et al., "VEEGAN: Reducing Mode Collapse in GANs using Implicit Variational Learning", 2017
 */
export function gaussianGrid(options: GaussianGridOptions = {}): GaussianMixtureSource {
  const { rows = 5, cols = 5, spacing = 2, std = 0.05 } = options;
  check('rows', rows, isIntegerIn(rows, 1, 100), 'an integer in [1, 100]');
  check('cols', cols, isIntegerIn(cols, 1, 100), 'an integer in [1, 100]');
  check('spacing', spacing, Number.isFinite(spacing) && spacing > 0, 'a finite number > 0');
  const centers: Point2[] = [];
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) centers.push([spacing * (j - (cols - 1) / 2), spacing * (i - (rows - 1) / 2)]);
  }
  return gaussianMixture({ centers, std, name: `grid-${rows}x${cols}` });
}
