import { SaddleError } from '@saddle/core';
import type { LandscapePoint } from '../landscape-separable.js';

/** Real and generated points mapped to ids of distinct locations (equal points share an id). */
export interface PointIndex {
  /** Number of distinct locations among x and y. */
  readonly locations: number;
  /** Location id of each x_i. */
  readonly x: number[];
  /** Location id of each y_i. */
  readonly y: number[];
}

/** Validates two equally long point sets of one dimension and indexes their locations. */
export function indexPoints(x: readonly LandscapePoint[], y: readonly LandscapePoint[]): PointIndex {
  if (!Array.isArray(x) || x.length === 0) {
    throw new SaddleError('x must be a non-empty array of points', { code: 'INVALID_ARGUMENT', field: 'x', value: x, fix: 'pass the n real points x_1..x_n' });
  }
  if (!Array.isArray(y) || y.length !== x.length) {
    throw new SaddleError(`y must hold as many points as x (${x.length})`, {
      code: 'SHAPE_MISMATCH', field: 'y', value: Array.isArray(y) ? y.length : y, fix: 'pass n generated points y_1..y_n, one per real point',
    });
  }
  const dim = pointDimension(x[0] as LandscapePoint);
  const ids = new Map<string, number>();
  const idOf = (p: LandscapePoint, field: string): number => {
    const coords = typeof p === 'number' ? [p] : p;
    if (!Array.isArray(coords) || coords.length !== dim || !coords.every(Number.isFinite)) {
      throw new SaddleError(`points must be finite and all of dimension ${dim}`, {
        code: 'INVALID_ARGUMENT', field, value: p, fix: `pass a finite number or an array of ${dim} finite numbers`,
      });
    }
    // + 0 maps −0 to 0, so the two are one location.
    const key = coords.map((c) => String(c + 0)).join(',');
    let id = ids.get(key);
    if (id === undefined) {
      id = ids.size;
      ids.set(key, id);
    }
    return id;
  };
  const xIds = x.map((p, i) => idOf(p, `x[${i}]`));
  const yIds = y.map((p, i) => idOf(p, `y[${i}]`));
  return { locations: ids.size, x: xIds, y: yIds };
}

/** The dimension of a point: 1 for a number, else its length. */
function pointDimension(p: LandscapePoint): number {
  return typeof p === 'number' ? 1 : p.length;
}
