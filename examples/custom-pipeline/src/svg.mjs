// A scatter plot of generated points over the five mode centres, as a standalone SVG.
const CENTERS = Array.from({ length: 5 }, (_, k) => [Math.cos((2 * Math.PI * k) / 5), Math.sin((2 * Math.PI * k) / 5)]);

/** @param {Float32Array} points flattened [n, 2] @param {string} title */
export function samplesSvg(points, title) {
  const size = 400;
  const scale = (v) => ((v + 1.5) / 3) * size;
  const dots = [];
  for (let i = 0; i < points.length; i += 2) dots.push(`<circle cx="${scale(points[i]).toFixed(1)}" cy="${scale(-points[i + 1]).toFixed(1)}" r="1.5" fill="#1f77b4" fill-opacity="0.5"/>`);
  const centers = CENTERS.map(([x, y]) => `<circle cx="${scale(x)}" cy="${scale(-y)}" r="6" fill="none" stroke="#d62728"/>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size + 24}" font-family="sans-serif" font-size="13">
<text x="8" y="16">${title}</text>
<g transform="translate(0 24)"><rect width="${size}" height="${size}" fill="white" stroke="#ccc"/>${dots.join('')}${centers.join('')}</g>
</svg>
`;
}
