// Activation explorer: f and f′ of one activation, its saturated region, and the histogram of its
// outputs for inputs drawn from N(μ, σ). The math is nn.js (= nnnotes.activations).
// Settings in the URL (common.js urlSettings): activations.fn, .alpha, .mu, .sigma.

import { PALETTE, DEFAULT_ALPHA, Rng, curve, linspace } from "../nn.js";
import { LANG, axes, button, colors, fmt, h, legend, line, number, oneOf, pct, plotCanvas, readout, scale, select, slider, urlSettings } from "./common.js";

const TEXT = {
  ko: {
    fn: "활성화 함수",
    names: { sigmoid: "시그모이드", tanh: "tanh", relu: "ReLU", leaky_relu: "Leaky ReLU", prelu: "PReLU", elu: "ELU" },
    alpha: { leaky_relu: "음수 구간 계수 α", prelu: "음수 구간 계수 α(학습으로 정해지는 값)", elu: "α(x → −∞이면 f → −α)" },
    mu: "입력 평균 μ",
    sigma: "입력 표준편차 σ",
    reset: "처음으로",
    f: "f(x)",
    df: "미분계수 f′(x)(국소 기울기)",
    sat: (eps) => `포화 영역: |f′(x)| < 최댓값의 ${eps}`,
    inputs: "입력 분포 μ ± σ",
    hist: "출력 f(x)의 히스토그램",
    mean: "출력 평균",
    curveLabel: (name, sat) => `x = −8부터 8까지 그린 ${name}와 그 도함수의 그래프. ${sat}`,
    satNone: "포화 영역은 없다.",
    satSome: (parts) => `회색으로 칠한 포화 영역: ${parts}.`,
    histLabel: (name, n, mu, s, m) => `N(${mu}, ${s}²)에서 뽑은 입력 ${n}개에 대한 ${name} 출력의 히스토그램. 출력 평균은 ${m}이다.`,
    keys: [["mean", "출력 평균"], ["std", "출력 표준편차"], ["saturated", "포화 영역에 든 입력의 비율"], ["slope", "미분계수 f′(x)의 평균"]],
  },
  en: {
    fn: "Activation function",
    names: { sigmoid: "sigmoid", tanh: "tanh", relu: "ReLU", leaky_relu: "Leaky ReLU", prelu: "PReLU", elu: "ELU" },
    alpha: { leaky_relu: "α (slope for x < 0)", prelu: "α (slope for x < 0, learned)", elu: "α (f → −α as x → −∞)" },
    mu: "Input mean μ",
    sigma: "Input standard deviation σ",
    reset: "Reset",
    f: "f(x)",
    df: "f′(x) (the local gradient of the backward pass)",
    sat: (eps) => `saturated: |f′(x)| < ${eps} of its maximum`,
    inputs: "inputs μ ± σ",
    hist: "histogram of the outputs f(x)",
    mean: "mean output",
    curveLabel: (name, sat) => `Plot of ${name} and its derivative for x from −8 to 8. ${sat}`,
    satNone: "It has no saturated region.",
    satSome: (parts) => `Saturated region, shaded grey: ${parts}.`,
    histLabel: (name, n, mu, s, m) => `Histogram of ${name} outputs for ${n} inputs drawn from N(${mu}, ${s}²). Mean output ${m}.`,
    keys: [["mean", "mean output"], ["std", "standard deviation"], ["saturated", "inputs in the saturated region"], ["slope", "mean f′(x)"]],
  },
}[LANG];

const ALPHA_RANGE = { leaky_relu: [0, 1, 0.01, DEFAULT_ALPHA.leaky_relu], prelu: [-1, 1, 0.01, 0.25], elu: [0, 2, 0.05, DEFAULT_ALPHA.elu] };
const X_LOW = -8;
const X_HIGH = 8;
const SAMPLES = 20000;
const BINS = 50;

export function mount(root) {
  const eps = Number(root.dataset.eps || 0.01);
  const epsText = `${+(eps * 100).toFixed(4)}%`;
  const z = new Rng(0).normals(SAMPLES); // fixed draws: x = μ + σ·z moves smoothly with the sliders
  // the saturation rule of the chapter: max |f′| on a grid from −8 to 8 in steps of 0.01
  const ruleGrid = linspace(X_LOW, X_HIGH, 1601);
  const defaults = { fn: root.dataset.function || "relu", mu: 0, sigma: 1 };
  const settings = urlSettings("activations");
  const state = {
    name: oneOf(settings.get("fn"), Object.keys(TEXT.names)) ?? defaults.fn,
    alpha: undefined,
    mu: number(settings.get("mu"), -4, 4, 0.1) ?? defaults.mu,
    sigma: number(settings.get("sigma"), 0.1, 4, 0.1) ?? defaults.sigma,
  };
  const urlAlpha = ALPHA_RANGE[state.name] && number(settings.get("alpha"), ...ALPHA_RANGE[state.name].slice(0, 3));

  const fn = select({
    label: TEXT.fn,
    options: Object.entries(TEXT.names),
    value: state.name,
    onChange: (name) => {
      state.name = name;
      configureAlpha();
      update();
    },
  });
  const alpha = slider({ label: "α", min: 0, max: 1, step: 0.01, value: 0, show: (v) => fmt(v, 2), onInput: (v) => ((state.alpha = v), update()) });
  const mu = slider({ label: TEXT.mu, min: -4, max: 4, step: 0.1, value: state.mu, show: (v) => fmt(v, 1), onInput: (v) => ((state.mu = v), update()) });
  const sigma = slider({ label: TEXT.sigma, min: 0.1, max: 4, step: 0.1, value: state.sigma, show: (v) => fmt(v, 1), onInput: (v) => ((state.sigma = v), update()) });
  const reset = button(TEXT.reset, () => {
    for (const [s, v] of [[mu, defaults.mu], [sigma, defaults.sigma]]) {
      s.input.value = v;
      s.update();
    }
    Object.assign(state, { mu: defaults.mu, sigma: defaults.sigma });
    configureAlpha();
    update();
  });
  const alphaLabel = alpha.field.querySelector(".nn-demo__label");

  /** Show α for the functions that have one, at `value` or else the function's default. */
  function configureAlpha(value) {
    const range = ALPHA_RANGE[state.name];
    alpha.field.hidden = !range;
    if (!range) {
      state.alpha = undefined;
      return;
    }
    const [min, max, step, fallback] = range;
    Object.assign(alpha.input, { min, max, step });
    value ??= fallback;
    alpha.input.value = value;
    state.alpha = value;
    alphaLabel.firstChild.textContent = TEXT.alpha[state.name];
    alpha.update();
  }

  let result = null;
  function compute() {
    const { name, mu: m, sigma: s } = state;
    const [, ruleSlope] = curve(name, ruleGrid, state.alpha);
    const peak = Math.max(...ruleSlope.map(Math.abs));
    const threshold = eps * peak;
    const xs = Float64Array.from(z, (v) => m + s * v);
    const [out, slope] = curve(name, xs, state.alpha);
    let sum = 0, sq = 0, sat = 0, grad = 0, lo = Infinity, hi = -Infinity;
    for (let i = 0; i < out.length; i++) {
      sum += out[i];
      grad += slope[i];
      if (Math.abs(slope[i]) < threshold) sat += 1;
      lo = Math.min(lo, out[i]);
      hi = Math.max(hi, out[i]);
    }
    const mean = sum / out.length;
    for (const v of out) sq += (v - mean) * (v - mean);
    if (hi - lo < 1e-9) [lo, hi] = [lo - 0.5, hi + 0.5];
    const counts = new Array(BINS).fill(0);
    for (const v of out) counts[Math.min(BINS - 1, Math.floor(((v - lo) / (hi - lo)) * BINS))] += 1;
    // saturated intervals on the rule's grid, for the canvas and its text alternative
    const intervals = [];
    for (let i = 0; i < ruleGrid.length; i++) {
      if (Math.abs(ruleSlope[i]) >= threshold) continue;
      const last = intervals[intervals.length - 1];
      if (last && last[2] === i - 1) [last[1], last[2]] = [ruleGrid[i], i];
      else intervals.push([ruleGrid[i], ruleGrid[i], i]);
    }
    result = { mean, std: Math.sqrt(sq / out.length), saturated: sat / out.length, slope: grad / out.length, threshold, counts, lo, hi, intervals };
  }

  function describeSaturation() {
    if (!result.intervals.length) return TEXT.satNone;
    const parts = result.intervals.map(([a, b]) => {
      if (a <= X_LOW && b >= X_HIGH) return LANG === "ko" ? "모든 x" : "every x";
      if (a <= X_LOW) return `x < ${fmt(b, 2)}`;
      if (b >= X_HIGH) return `x > ${fmt(a, 2)}`;
      return `${fmt(a, 2)} < x < ${fmt(b, 2)}`;
    });
    return TEXT.satSome(parts.join(LANG === "ko" ? ", " : " and "));
  }

  const curvePlot = plotCanvas("", 0.62, (ctx, w, ht) => {
    const c = colors();
    const box = { left: 34, right: w - 8, top: 8, bottom: ht - 22 };
    const bounded = state.name === "sigmoid" || state.name === "tanh";
    const [y0, y1] = bounded ? [-1.25, 1.25] : [-2.5, 3.5];
    const xs = scale(X_LOW, X_HIGH, box.left, box.right);
    const ys = scale(y0, y1, box.bottom, box.top);
    ctx.fillStyle = c.dark ? "rgba(255,255,255,0.14)" : "rgba(0,0,0,0.12)";
    for (const [a, b] of result.intervals) ctx.fillRect(xs(a), box.top, Math.max(1, xs(b) - xs(a)), box.bottom - box.top);
    const [m, s] = [state.mu, state.sigma];
    ctx.fillStyle = PALETTE[5] + "40";
    const band = [Math.max(X_LOW, m - s), Math.min(X_HIGH, m + s)];
    if (band[1] > band[0]) ctx.fillRect(xs(band[0]), box.bottom - 10, xs(band[1]) - xs(band[0]), 10);
    axes(ctx, box, xs, ys, { xticks: [-8, -4, 0, 4, 8], yticks: bounded ? [-1, 0, 1] : [-2, -1, 0, 1, 2, 3], c });
    const grid = linspace(X_LOW, X_HIGH, Math.max(200, Math.round(box.right - box.left) * 2));
    const [f, df] = curve(state.name, grid, state.alpha);
    ctx.save();
    ctx.beginPath();
    ctx.rect(box.left, box.top, box.right - box.left, box.bottom - box.top);
    ctx.clip();
    line(ctx, grid, df, xs, ys, { color: PALETTE[1], width: 2, dash: [6, 4] });
    line(ctx, grid, f, xs, ys, { color: PALETTE[0], width: 2.5 });
    ctx.restore();
  });

  const histPlot = plotCanvas("", 0.62, (ctx, w, ht) => {
    const c = colors();
    const box = { left: 12, right: w - 12, top: 8, bottom: ht - 22 };
    const { counts, lo, hi, mean } = result;
    const xs = scale(lo, hi, box.left, box.right);
    const top = Math.max(...counts);
    const bar = (box.right - box.left) / BINS;
    ctx.fillStyle = PALETTE[0];
    counts.forEach((n, i) => {
      const barHeight = (n / top) * (box.bottom - box.top);
      ctx.fillRect(box.left + i * bar, box.bottom - barHeight, Math.max(1, bar - 1), barHeight);
    });
    axes(ctx, box, xs, () => 0, { xticks: niceTicks(lo, hi), c });
    ctx.save();
    ctx.strokeStyle = PALETTE[4];
    ctx.lineWidth = 2.5;
    ctx.setLineDash([6, 4]);
    ctx.beginPath();
    ctx.moveTo(xs(mean), box.top);
    ctx.lineTo(xs(mean), box.bottom);
    ctx.stroke();
    ctx.restore();
  });

  const numbers = readout(TEXT.keys);
  const curveLegend = legend([[TEXT.f, PALETTE[0]], [TEXT.df, PALETTE[1], "dash"], [TEXT.sat(epsText), "grey", "box"], [TEXT.inputs, PALETTE[5], "box"]]);
  const histLegend = legend([[TEXT.hist, PALETTE[0], "box"], [TEXT.mean, PALETTE[4], "dash"]]);

  function update() {
    compute();
    settings.save(
      { fn: state.name, alpha: state.alpha, mu: state.mu, sigma: state.sigma },
      { fn: defaults.fn, alpha: ALPHA_RANGE[state.name]?.[3], mu: defaults.mu, sigma: defaults.sigma },
    );
    const name = TEXT.names[state.name];
    curvePlot.canvas.setAttribute("aria-label", TEXT.curveLabel(name, describeSaturation()));
    histPlot.canvas.setAttribute(
      "aria-label",
      TEXT.histLabel(name, SAMPLES.toLocaleString(LANG), fmt(state.mu, 1), fmt(state.sigma, 1), fmt(result.mean, 3)),
    );
    numbers.set({ mean: fmt(result.mean, 3), std: fmt(result.std, 3), saturated: pct(result.saturated), slope: fmt(result.slope, 3) });
    curvePlot.redraw();
    histPlot.redraw();
  }

  root.append(
    h("div", { class: "nn-demo__controls" }, fn.field, alpha.field, mu.field, sigma.field, reset),
    h(
      "div",
      { class: "nn-demo__plots" },
      h("div", { class: "nn-demo__plot" }, curvePlot.canvas, curveLegend),
      h("div", { class: "nn-demo__plot" }, histPlot.canvas, histLegend),
    ),
    numbers.el,
  );
  configureAlpha(urlAlpha);
  update();
}

function niceTicks(lo, hi) {
  const span = hi - lo;
  const step = [0.1, 0.2, 0.5, 1, 2, 5, 10, 20].find((s) => span / s <= 5) || 50;
  const ticks = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + 1e-9; t += step) ticks.push(Math.round(t * 1000) / 1000);
  return ticks;
}
