// A hand-written SVG: one panel per method with its trajectory in the (x, y) plane, each panel
// scaled to its own trajectory (the box is printed in the panel's caption).

const PANEL = 300;
const PAD = 24;
const TOP = 52;
const COLUMNS = 4;

const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * @param {{ title: string, lines: string[], points: number[][] }[]} panels  points: [x, y] per step
 * @param {string} heading
 */
export function trajectoriesSvg(panels, heading) {
  const rows = Math.ceil(panels.length / COLUMNS);
  const inner = PANEL - 2 * PAD;
  const body = panels.map((panel, i) => {
    const extent = Math.max(1.5, ...panel.points.flat().map(Math.abs)) * 1.05;
    const ox = (i % COLUMNS) * PANEL + PAD;
    const oy = 40 + Math.floor(i / COLUMNS) * (PANEL + TOP) + TOP;
    const sx = (x) => ox + ((x + extent) / (2 * extent)) * inner;
    const sy = (y) => oy + inner - ((y + extent) / (2 * extent)) * inner;
    const path = panel.points.map(([x, y]) => `${sx(x).toFixed(1)},${sy(y).toFixed(1)}`).join(' ');
    const [x0, y0] = panel.points[0];
    const [xn, yn] = panel.points[panel.points.length - 1];
    const caption = [...panel.lines, `box [−${extent.toPrecision(3)}, ${extent.toPrecision(3)}]²`];
    return [
      `<rect x="${ox}" y="${oy}" width="${inner}" height="${inner}" fill="#fafafa" stroke="#999"/>`,
      `<line x1="${sx(0)}" y1="${oy}" x2="${sx(0)}" y2="${oy + inner}" stroke="#ddd"/>`,
      `<line x1="${ox}" y1="${sy(0)}" x2="${ox + inner}" y2="${sy(0)}" stroke="#ddd"/>`,
      `<polyline points="${path}" fill="none" stroke="#1f77b4" stroke-width="1"/>`,
      `<circle cx="${sx(x0)}" cy="${sy(y0)}" r="3" fill="#2ca02c"><title>start (1, 1)</title></circle>`,
      `<circle cx="${sx(xn)}" cy="${sy(yn)}" r="3" fill="#d62728"><title>end</title></circle>`,
      `<circle cx="${sx(0)}" cy="${sy(0)}" r="2.5" fill="none" stroke="#000"><title>equilibrium (0, 0)</title></circle>`,
      `<text x="${ox}" y="${oy - TOP + 12}" font-size="12" font-weight="bold">${escape(panel.title)}</text>`,
      ...caption.map((line, k) => `<text x="${ox}" y="${oy - TOP + 26 + 11 * k}" font-size="10" fill="#555">${escape(line)}</text>`),
    ].join('\n');
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${COLUMNS * PANEL}" height="${40 + rows * (PANEL + TOP)}" font-family="sans-serif">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${PAD}" y="24" font-size="14">${escape(heading)}</text>`,
    ...body,
    '</svg>',
  ].join('\n');
}
