// Mode coverage on the 5-Gaussian set (papers §2.6 item 4): a mode is covered when at least 5% of the
// samples lie within 3σ of its centre; "high quality" samples lie within 3σ of some centre.

/**
 * @param {Float32Array} points flattened [n, 2]
 * @param {readonly (readonly [number, number])[]} centers
 * @param {number} std σ of each mode
 */
export function modeCoverage(points, centers, std, { radius = 3 * std, minShare = 0.05 } = {}) {
  const n = points.length / 2;
  const counts = centers.map(() => 0);
  let near = 0;
  for (let i = 0; i < n; i++) {
    const x = points[2 * i];
    const y = points[2 * i + 1];
    const k = centers.findIndex(([cx, cy]) => Math.hypot(x - cx, y - cy) <= radius);
    if (k >= 0) {
      counts[k] += 1;
      near += 1;
    }
  }
  const shares = counts.map((c) => c / n);
  return { covered: shares.filter((s) => s >= minShare).length, shares, highQuality: near / n };
}
