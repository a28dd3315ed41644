import type { Point2 } from '../build-run.js';
import { HEAT_SIZE } from '../messages.js';
import { drawPoints, FAKE_COLOR, REAL_COLOR, toPixel, type Plane } from './plane.js';

/** What the data view shows. */
export interface DataViewInput {
  readonly plane: Plane;
  readonly dimension: 1 | 2;
  readonly real: Float32Array;
  readonly generated: Float32Array | undefined;
  /** σ(D(x)) on the heat grid, or undefined before the first frame. */
  readonly heat: Float32Array | undefined;
  readonly centers: readonly Point2[];
  /** Coverage radius around each centre (3σ). */
  readonly radius: number;
}

/** σ(D) to a colour: purple (0, “fake”) through white (½) to green (1, “real”). */
function heatColor(v: number): [number, number, number] {
  const t = Math.min(1, Math.max(0, v));
  const [r, g, b] = t < 0.5 ? [123, 50, 148] : [26, 152, 80];
  const w = 1 - Math.abs(2 * t - 1) * 0.55;
  return [r + (255 - r) * w, g + (255 - g) * w, b + (255 - b) * w];
}

const heatImage = document.createElement('canvas');
heatImage.width = HEAT_SIZE;
heatImage.height = HEAT_SIZE;

/** Draws the discriminator heat map, the mode circles, and real and generated points. */
export function drawDataView(canvas: HTMLCanvasElement, input: DataViewInput): void {
  const context = canvas.getContext('2d')!;
  const { plane, dimension } = input;
  context.fillStyle = 'white';
  context.fillRect(0, 0, canvas.width, canvas.height);
  if (input.heat !== undefined) {
    const image = new ImageData(HEAT_SIZE, HEAT_SIZE);
    for (let i = 0; i < HEAT_SIZE; i++) {
      for (let j = 0; j < HEAT_SIZE; j++) {
        // 1-D data has one row of D values, the same at every height.
        const [r, g, b] = heatColor(input.heat[dimension === 2 ? i * HEAT_SIZE + j : j] as number);
        image.data.set([r, g, b, 255], 4 * (i * HEAT_SIZE + j));
      }
    }
    heatImage.getContext('2d')!.putImageData(image, 0, 0);
    context.imageSmoothingEnabled = true;
    context.drawImage(heatImage, 0, 0, canvas.width, canvas.height);
  }
  context.strokeStyle = 'rgba(0, 0, 0, 0.35)';
  const scale = canvas.width / (2 * plane.extent);
  for (const [cx, cy] of input.centers) {
    const [px, py] = toPixel(canvas, plane, cx, cy);
    context.beginPath();
    context.arc(px, py, Math.max(2, input.radius * scale), 0, 2 * Math.PI);
    context.stroke();
  }
  const jitter = dimension === 1 ? 0.6 : 0;
  drawPoints(context, plane, input.real, REAL_COLOR, jitter);
  if (input.generated !== undefined) drawPoints(context, plane, input.generated, FAKE_COLOR, jitter);
}
