import { TRANSPORT_SIZE } from '../messages.js';
import { drawPoints, FAKE_COLOR, toPixel, type Plane } from './plane.js';

/**
 * Draws G's image of the latent grid as a mesh: each grid row and column of (z₁, z₂) becomes a
 * polyline through the generated points, over the real data in light green. For 1-D data the
 * vertical axis is z₂, so the mesh shows x = G(z) against z₂.
 */
export function drawTransportView(canvas: HTMLCanvasElement, plane: Plane, dimension: 1 | 2, real: Float32Array, transport: Float32Array | undefined): void {
  const context = canvas.getContext('2d')!;
  context.fillStyle = 'white';
  context.fillRect(0, 0, canvas.width, canvas.height);
  drawPoints(context, plane, real, 'rgba(26, 152, 80, 0.25)', dimension === 1 ? 0.6 : 0);
  if (transport === undefined) return;
  const n = TRANSPORT_SIZE;
  const point = (i: number, j: number): [number, number] => {
    const k = i * n + j;
    const x = transport[2 * k] as number;
    const y = dimension === 2 ? (transport[2 * k + 1] as number) : (plane.extent / 2) * (1 - (2 * i) / (n - 1));
    return toPixel(canvas, plane, x, y);
  };
  context.lineWidth = 1;
  for (const rows of [true, false]) {
    for (let a = 0; a < n; a++) {
      context.strokeStyle = a === (n - 1) / 2 ? FAKE_COLOR : 'rgba(123, 50, 148, 0.45)';
      context.beginPath();
      for (let b = 0; b < n; b++) {
        const [px, py] = rows ? point(a, b) : point(b, a);
        if (b === 0) context.moveTo(px, py);
        else context.lineTo(px, py);
      }
      context.stroke();
    }
  }
  if (dimension === 2) drawPoints(context, plane, transport, FAKE_COLOR, 0);
}
