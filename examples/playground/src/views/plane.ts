import type { Point2 } from '../build-run.js';

/** The square [middle ± extent]² mapped onto a canvas, y up. */
export interface Plane {
  readonly middle: Point2;
  readonly extent: number;
}

export const REAL_COLOR = '#1a9850';
export const FAKE_COLOR = '#7b3294';

/** Canvas pixel of a data point. */
export function toPixel(canvas: HTMLCanvasElement, plane: Plane, x: number, y: number): [number, number] {
  const scale = canvas.width / (2 * plane.extent);
  return [(x - plane.middle[0] + plane.extent) * scale, (plane.middle[1] + plane.extent - y) * scale];
}

/** Data point of a canvas pixel (the inverse of `toPixel`). */
export function fromPixel(canvas: HTMLCanvasElement, plane: Plane, px: number, py: number): [number, number] {
  const scale = canvas.width / (2 * plane.extent);
  return [px / scale + plane.middle[0] - plane.extent, plane.middle[1] + plane.extent - py / scale];
}

/** Small dots for a row-major [n, 2] array; 1-D data gets a deterministic vertical jitter so it is visible. */
export function drawPoints(context: CanvasRenderingContext2D, plane: Plane, points: Float32Array, color: string, jitter: number): void {
  const { canvas } = context;
  context.fillStyle = color;
  for (let i = 0; i < points.length / 2; i++) {
    const spread = jitter === 0 ? 0 : jitter * (((i * 0.6180339887) % 1) - 0.5);
    const [px, py] = toPixel(canvas, plane, points[2 * i] as number, (points[2 * i + 1] as number) + spread);
    context.fillRect(px - 1.5, py - 1.5, 3, 3);
  }
}
