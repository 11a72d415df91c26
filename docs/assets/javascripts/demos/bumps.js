// Universal approximation by hand: n bumps, each the difference of two steep sigmoids, summed by
// an MLP([1, 2n, 1], "sigmoid") with hand-set weights (nn.js bumpNet = capacity.bump_net).
// One slider per bump height; the readout gives the max error against the chapter's target.
// Settings in the URL (common.js urlSettings): bumps.n, bumps.w and bumps.h, the n heights joined by "_".

import { PALETTE, bumpNet, linspace, midpoints, uatTarget } from "../nn.js";
import { LANG, axes, button, colors, fmt, h, legend, line, number, oneOf, plotCanvas, readout, scale, select, urlSettings } from "./common.js";

const TEXT = {
  ko: {
    count: "범프 수 n",
    steep: "은닉층 가중치 w(계단의 가파름)",
    midpoints: "높이를 구간 가운데의 f 값으로",
    zero: "높이를 모두 0으로",
    height: (i, a, b) => `범프 ${i}의 높이(x = ${a}부터 ${b}까지)`,
    heights: "범프 높이 막대(그래프의 구간마다 그 아래에 하나씩)",
    target: "목표 함수 f(x) = sin(3x)·exp(−x²/4)",
    sum: "범프의 합 g(x)",
    worst: "오차가 가장 큰 곳",
    keys: [["error", "최대 오차(max |f(x) − g(x)|)"], ["at", "위치 x"], ["rms", "평균 제곱근 오차"], ["units", "은닉 뉴런 수"]],
    plotLabel: (n, e, x) => `x = −3부터 3까지 목표 함수와 범프 ${n}개의 합을 그린 그래프. 최대 오차는 ${e}이고 x = ${x}에서 생긴다.`,
  },
  en: {
    count: "Bumps n",
    steep: "Hidden weight w (steepness of the steps)",
    midpoints: "Heights = f at the midpoints",
    zero: "All heights 0",
    height: (i, a, b) => `height of bump ${i} (x from ${a} to ${b})`,
    heights: "bump height sliders (one per bump, under its interval of the plot)",
    target: "target f(x) = sin(3x)·exp(−x²/4)",
    sum: "sum of bumps g(x)",
    worst: "largest error",
    keys: [["error", "max error (max |f(x) − g(x)|)"], ["at", "at x"], ["rms", "root mean square error"], ["units", "hidden neurons"]],
    plotLabel: (n, e, x) => `Plot of the target and the sum of ${n} bumps for x from −3 to 3. The max error is ${e}, at x = ${x}.`,
  },
}[LANG];

const LOW = -3;
const HIGH = 3;
const MARGIN = { left: 34, right: 8 }; // shared by the plot and the row of sliders under it

export function mount(root) {
  const defaults = { n: Number(root.dataset.bumps || 10), w: Number(root.dataset.steep || 1000) };
  const grid = linspace(LOW, HIGH, Number(root.dataset.grid || 6001));
  const target = Float64Array.from(grid, uatTarget);
  const choices = {
    n: [...new Set([5, 10, 20, defaults.n])].sort((a, b) => a - b),
    w: [...new Set([10, 30, 100, defaults.w])].sort((a, b) => a - b),
  };
  const settings = urlSettings("bumps");
  const state = { n: oneOf(settings.get("n"), choices.n) ?? defaults.n, steep: oneOf(settings.get("w"), choices.w) ?? defaults.w, heights: null };
  const urlHeights = (settings.get("h") ?? "").split("_").map((text) => number(text, -1, 1));
  let result = null;

  const count = select({
    label: TEXT.count,
    options: choices.n.map((v) => [String(v), String(v)]),
    value: state.n,
    onChange: (v) => {
      state.n = Number(v);
      build();
    },
  });
  const steep = select({
    label: TEXT.steep,
    options: choices.w.map((v) => [String(v), String(v)]),
    value: state.steep,
    onChange: (v) => {
      state.steep = Number(v);
      update();
    },
  });
  const setMid = button(TEXT.midpoints, () => setHeights(Float64Array.from(midpoints(state.n, LOW, HIGH), uatTarget)));
  const setZero = button(TEXT.zero, () => setHeights(new Float64Array(state.n)));
  const sliders = h("div", { class: "nn-demo__bumps", role: "group", "aria-label": TEXT.heights, style: `padding: 0 ${MARGIN.right}px 0 ${MARGIN.left}px` });
  const numbers = readout(TEXT.keys);

  function setHeights(values) {
    state.heights = Float64Array.from(values);
    sliders.querySelectorAll("input").forEach((input, i) => {
      input.value = values[i];
      input.setAttribute("aria-valuetext", fmt(values[i], 2));
    });
    update();
  }

  /** One slider per bump, at `heights` (n numbers) or else 0. */
  function build(heights = new Float64Array(state.n)) {
    state.heights = Float64Array.from(heights);
    const edges = linspace(LOW, HIGH, state.n + 1);
    sliders.replaceChildren(
      ...Array.from({ length: state.n }, (_, i) => {
        const input = h("input", { type: "range", min: -1, max: 1, step: 0.01, value: heights[i], "aria-valuetext": fmt(heights[i], 2) });
        input.addEventListener("input", () => {
          state.heights[i] = Number(input.value);
          input.setAttribute("aria-valuetext", fmt(state.heights[i], 2));
          update();
        });
        const text = TEXT.height(i + 1, fmt(edges[i], 1), fmt(edges[i + 1], 1));
        return h("label", { class: "nn-demo__bump" }, h("span", { class: "nn-demo__sr", text }), input);
      }),
    );
    update();
  }

  function update() {
    settings.save({ n: state.n, w: state.steep, h: state.heights }, { n: defaults.n, w: defaults.w, h: new Float64Array(state.n) });
    const net = bumpNet(state.heights, state.steep, LOW, HIGH);
    const g = net.forward(grid, grid.length).scores;
    let worst = 0, at = 0, sq = 0;
    for (let i = 0; i < grid.length; i++) {
      const e = Math.abs(target[i] - g[i]);
      sq += e * e;
      if (e > worst) [worst, at] = [e, i];
    }
    result = { g, worst, at, rms: Math.sqrt(sq / grid.length) };
    numbers.set({ error: fmt(worst, 3), at: fmt(grid[at], 2), rms: fmt(result.rms, 3), units: String(2 * state.n) });
    plot.canvas.setAttribute("aria-label", TEXT.plotLabel(state.n, fmt(worst, 3), fmt(grid[at], 2)));
    plot.redraw();
  }

  const plot = plotCanvas("", 0.5, (ctx, w, ht) => {
    if (!result) return;
    const c = colors();
    const box = { left: MARGIN.left, right: w - MARGIN.right, top: 8, bottom: ht - 22 };
    const xs = scale(LOW, HIGH, box.left, box.right);
    const ys = scale(-1.25, 1.25, box.bottom, box.top);
    axes(ctx, box, xs, ys, { xticks: [-3, -2, -1, 0, 1, 2, 3], yticks: [-1, 0, 1], c });
    ctx.strokeStyle = c.grid;
    for (const e of linspace(LOW, HIGH, state.n + 1)) {
      ctx.beginPath();
      ctx.moveTo(xs(e), box.top);
      ctx.lineTo(xs(e), box.bottom);
      ctx.stroke();
    }
    // thin the 6001 grid points to about two per pixel for drawing
    const stride = Math.max(1, Math.floor(grid.length / (2 * (box.right - box.left))));
    const pick = (arr) => arr.filter((_, i) => i % stride === 0 || i === arr.length - 1);
    line(ctx, pick(grid), pick(result.g), xs, ys, { color: PALETTE[4], width: 2.5 });
    line(ctx, pick(grid), pick(target), xs, ys, { color: c.fg, width: 1.5, dash: [6, 4] });
    const x = xs(grid[result.at]);
    ctx.strokeStyle = PALETTE[0];
    ctx.fillStyle = PALETTE[0];
    ctx.lineWidth = 3;
    ctx.beginPath();
    ctx.moveTo(x, ys(target[result.at]));
    ctx.lineTo(x, ys(result.g[result.at]));
    ctx.stroke();
    ctx.beginPath();
    ctx.arc(x, ys(target[result.at]), 4, 0, 2 * Math.PI);
    ctx.fill();
  });

  root.append(
    h("div", { class: "nn-demo__controls" }, count.field, steep.field, setMid, setZero),
    h("div", { class: "nn-demo__plot" }, plot.canvas, sliders, legend([[TEXT.target, "currentColor", "dash"], [TEXT.sum, PALETTE[4]], [TEXT.worst, PALETTE[0]]])),
    numbers.el,
  );
  build(urlHeights.length === state.n && !urlHeights.includes(undefined) ? urlHeights : undefined);
}
