import { createRng } from '@saddle/core';
import { describe, expect, it } from 'vitest';
import { overparamGdaStep, overparamGradients, overparamMeanOutput, overparamPayoff, type OverparamParams } from './overparam-game.js';
import { overparamWidthSweep, trainOverparamGda } from './overparam-gda.js';
import { createOverparamProblem, reluActivation, tanhActivation, type OverparamProblem } from './overparam-problem.js';

const small = createOverparamProblem({ n: 12, dataDim: 4, latentDim: 3, width: 16, activation: tanhActivation, rng: createRng(7) });
const residualOf = (problem: OverparamProblem, W: Float64Array) => {
  const gBar = overparamMeanOutput(problem, W);
  return problem.xMean.map((x, a) => x - (gBar[a] as number));
};
/** J(W)ᵀr = ∇_W ⟨r, ḡ(W)⟩ by central differences (h = 1e-6): independent of the hand-written gradient. */
function jacobianTransposeTimes(problem: OverparamProblem, W: Float64Array, r: Float64Array): Float64Array {
  const h = 1e-6;
  return W.map((_, i) => {
    const plus = Float64Array.from(W);
    const minus = Float64Array.from(W);
    plus[i] = (plus[i] as number) + h;
    minus[i] = (minus[i] as number) - h;
    const gp = overparamMeanOutput(problem, plus);
    const gm = overparamMeanOutput(problem, minus);
    return r.reduce((acc, ra, a) => acc + ra * ((gp[a] as number) - (gm[a] as number)), 0) / (2 * h);
  });
}

describe('the regularised linear discriminator (papers §1.4 item 1)', () => {
  it('has its inner max at d* = x̄ − ḡ(W): ∇_d h(W, d*) = 0 and h(W, d*) = ½‖x̄ − ḡ‖² (float64, 1e-6)', () => {
    for (const W of [small.W0, small.W0.map((w) => 2 * w - 0.3)]) {
      const dStar = residualOf(small, W);
      const grads = overparamGradients(small, { W, d: dStar });
      for (const g of grads.d) expect(Math.abs(g)).toBeLessThan(1e-6);
      const half = 0.5 * dStar.reduce((acc, v) => acc + v * v, 0);
      expect(Math.abs(overparamPayoff(small, { W, d: dStar }) - half)).toBeLessThan(1e-6);
      // Any other d does worse: h is ½‖x̄ − ḡ‖² − ½‖d − d*‖².
      const other = dStar.map((v) => v + 0.1);
      expect(overparamPayoff(small, { W, d: other })).toBeCloseTo(half - 0.5 * 0.01 * small.dataDim, 12);
    }
  });

  it('∇_W h = −J(W)ᵀd agrees with central differences of ḡ to 1e-7', () => {
    const d = Float64Array.from({ length: small.dataDim }, (_, a) => 0.3 - 0.2 * a);
    const fd = jacobianTransposeTimes(small, small.W0, d);
    overparamGradients(small, { W: small.W0, d }).W.forEach((g, i) => expect(Math.abs(g + (fd[i] as number))).toBeLessThan(1e-7));
  });
});

describe('simultaneous GDA with η = 1 (papers §1.4 item 2)', () => {
  it('sets d_{t+1} = x̄ − ḡ(W_t) exactly and moves W by the delayed residual W_{t+1} = W_t + μJ(W_t)ᵀ(x̄ − ḡ(W_{t−1}))', () => {
    const stepSizes = { generatorStepSize: 0.3, discriminatorStepSize: 1 };
    let params: OverparamParams = { W: small.W0, d: Float64Array.from({ length: small.dataDim }, () => 0.5) };
    for (let t = 0; t < 5; t++) {
      const next = overparamGdaStep(small, params, stepSizes);
      residualOf(small, params.W).forEach((v, a) => expect(Math.abs((next.d[a] as number) - v)).toBeLessThan(1e-14));
      if (t > 0) {
        // params.d = x̄ − ḡ(W_{t−1}) from the previous step.
        const jtr = jacobianTransposeTimes(small, params.W, params.d);
        next.W.forEach((w, i) => expect(Math.abs(w - ((params.W[i] as number) + 0.3 * (jtr[i] as number)))).toBeLessThan(1e-7));
      }
      params = next;
    }
  });

  it('records the residual ‖x̄ − ḡ(W_t)‖ at every step, from the same iterates as overparamGdaStep', () => {
    const run = trainOverparamGda(small, { steps: 3, generatorStepSize: 0.3, discriminatorStepSize: 0.5 });
    let params: OverparamParams = { W: small.W0, d: new Float64Array(small.dataDim) };
    const norm = (v: Float64Array) => Math.sqrt(v.reduce((acc, x) => acc + x * x, 0));
    expect(run.residuals).toHaveLength(4);
    for (let t = 0; t <= 3; t++) {
      expect(run.residuals[t]).toBeCloseTo(norm(residualOf(small, params.W)), 13);
      params = overparamGdaStep(small, params, { generatorStepSize: 0.3, discriminatorStepSize: 0.5 });
    }
  });
});

describe('the width sweep (papers §1.4 item 3: seed 0, m = 10, d = 5, n = 64, ReLU, V ~ N(0, 1/k))', () => {
  // With V ~ N(0, 1/k) the tangent kernel is O(1) in k, so one step size μ = 0.2 serves all widths.
  const rows = overparamWidthSweep({
    widths: [4, 16, 64, 256, 1024], n: 64, dataDim: 10, latentDim: 5, activation: reluActivation,
    steps: 300, generatorStepSize: 0.2, discriminatorStepSize: 1, rng: createRng(0),
  });

  it('the final residual is non-increasing in k', () => {
    rows.slice(1).forEach((row, i) => expect(row.finalResidual, `k = ${row.width}`).toBeLessThanOrEqual((rows[i] as { finalResidual: number }).finalResidual));
  });

  it('k = 1024 decays geometrically: log residual is linear in t over the last two thirds (R² > 0.999) and falls by > 10⁴', () => {
    const residuals = (rows.at(-1) as { residuals: number[] }).residuals;
    const ts = residuals.map((_, t) => t).slice(100);
    const logs = ts.map((t) => Math.log(residuals[t] as number));
    const mt = ts.reduce((a, b) => a + b, 0) / ts.length;
    const ml = logs.reduce((a, b) => a + b, 0) / logs.length;
    let sxy = 0;
    let sxx = 0;
    let syy = 0;
    ts.forEach((t, i) => {
      sxy += (t - mt) * ((logs[i] as number) - ml);
      sxx += (t - mt) ** 2;
      syy += ((logs[i] as number) - ml) ** 2;
    });
    expect(sxy / sxx).toBeLessThan(0);
    expect((sxy * sxy) / (sxx * syy)).toBeGreaterThan(0.999);
    expect((residuals.at(-1) as number) / (residuals[0] as number)).toBeLessThan(1e-4);
  });

  it('k = 4 < m stalls at or above the distance from x̄ to the column span of V (a ReLU G cannot leave it)', () => {
    const problem = createOverparamProblem({ n: 64, dataDim: 10, latentDim: 5, width: 4, activation: reluActivation, rng: createRng(0) });
    // Least squares: the distance of x̄ from span(V) = ‖x̄ − V(VᵀV)⁻¹Vᵀx̄‖ via Gram–Schmidt on V's columns.
    const columns = Array.from({ length: 4 }, (_, j) => Array.from({ length: 10 }, (_, a) => problem.V[a * 4 + j] as number));
    const basis: number[][] = [];
    for (const c of columns) {
      const v = [...c];
      for (const b of basis) {
        const p = v.reduce((acc, x, a) => acc + x * (b[a] as number), 0);
        b.forEach((x, a) => (v[a] = (v[a] as number) - p * x));
      }
      const len = Math.sqrt(v.reduce((acc, x) => acc + x * x, 0));
      basis.push(v.map((x) => x / len));
    }
    const rest = Array.from(problem.xMean);
    for (const b of basis) {
      const p = rest.reduce((acc, x, a) => acc + x * (b[a] as number), 0);
      b.forEach((x, a) => (rest[a] = (rest[a] as number) - p * x));
    }
    const distance = Math.sqrt(rest.reduce((acc, x) => acc + x * x, 0));
    expect(distance).toBeGreaterThan(0.05);
    expect((rows[0] as { finalResidual: number }).finalResidual).toBeGreaterThanOrEqual(distance - 1e-12);
  });
});

describe('bad input', () => {
  it('names the field, the value and the fix', () => {
    expect(() => createOverparamProblem({ n: 0, dataDim: 4, latentDim: 3, width: 16, activation: tanhActivation, rng: createRng(0) })).toThrowError(/n: must be an integer >= 1 \(got 0\)/);
    expect(() => overparamMeanOutput(small, new Float64Array(5))).toThrowError(/W: W must be a Float64Array of k×d = 16×3 \(got 5\)/);
    expect(() => overparamPayoff(small, { W: small.W0, d: new Float64Array(3) })).toThrowError(/d: d must be a Float64Array of length m = 4 \(got 3\)/);
    expect(() => trainOverparamGda(small, { steps: -1, generatorStepSize: 0.1, discriminatorStepSize: 1 })).toThrowError(/steps: must be an integer >= 0/);
  });
});
