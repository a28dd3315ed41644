/** Most points kept per curve; older history is thinned by half when it fills. */
const MAX_POINTS = 4000;

/** The running L_D and L_G curves. */
export class LossChart {
  private steps: number[] = [];
  private lossD: number[] = [];
  private lossG: number[] = [];

  constructor(private readonly canvas: HTMLCanvasElement) {}

  clear(): void {
    this.steps = [];
    this.lossD = [];
    this.lossG = [];
    this.draw();
  }

  push(steps: Float64Array, lossD: Float64Array, lossG: Float64Array): void {
    this.steps.push(...steps);
    this.lossD.push(...lossD);
    this.lossG.push(...lossG);
    if (this.steps.length > MAX_POINTS) {
      const keep = (_: number, i: number) => i % 2 === 0;
      this.steps = this.steps.filter(keep);
      this.lossD = this.lossD.filter(keep);
      this.lossG = this.lossG.filter(keep);
    }
    this.draw();
  }

  draw(): void {
    const { canvas } = this;
    const context = canvas.getContext('2d')!;
    context.fillStyle = 'white';
    context.fillRect(0, 0, canvas.width, canvas.height);
    if (this.steps.length < 2) return;
    const values = [...this.lossD, ...this.lossG].filter(Number.isFinite);
    let lo = Math.min(...values);
    let hi = Math.max(...values);
    if (hi - lo < 1e-9) [lo, hi] = [lo - 0.5, hi + 0.5];
    const first = this.steps[0] as number;
    const last = this.steps[this.steps.length - 1] as number;
    const pad = 28;
    const px = (s: number) => pad + ((s - first) / Math.max(1, last - first)) * (canvas.width - pad - 6);
    const py = (v: number) => 6 + ((hi - v) / (hi - lo)) * (canvas.height - pad - 6);
    context.strokeStyle = '#ccc';
    context.strokeRect(pad, 6, canvas.width - pad - 6, canvas.height - pad - 6);
    context.fillStyle = '#333';
    context.font = '11px sans-serif';
    context.fillText(hi.toPrecision(3), 2, 16);
    context.fillText(lo.toPrecision(3), 2, canvas.height - pad);
    context.fillText(`step ${first}`, pad, canvas.height - 8);
    context.textAlign = 'right';
    context.fillText(`step ${last}`, canvas.width - 6, canvas.height - 8);
    context.textAlign = 'left';
    for (const [series, color] of [[this.lossD, '#ff7f0e'], [this.lossG, '#1f77b4']] as const) {
      context.strokeStyle = color;
      context.beginPath();
      series.forEach((v, i) => {
        const x = px(this.steps[i] as number);
        const y = py(Number.isFinite(v) ? v : hi);
        if (i === 0) context.moveTo(x, y);
        else context.lineTo(x, y);
      });
      context.stroke();
    }
  }
}
