// 2-D classifier playground: an MLP trained by full-batch gradient descent (with momentum and L2)
// on a small 2-D data set, its decision regions drawn live. The math is nn.js (= nnnotes).
// Defaults come from the container's data-* attributes, which the page fills from nnnotes' constants.
// Settings in the URL (common.js urlSettings): playground.data, .noise, .layers, .hidden, .act, .init,
// .bn (1 = on), .reg, .lr, .momentum; training itself is not kept (Play or Step it again).

import { INITIALIZERS, PALETTE, LOSSES, MLP, Rng, SGD, blobs, circles, deadUnits, l2Penalty, labels, spirals, trainEpoch, xor } from "../nn.js";
import { LANG, axes, button, checkbox, colors, fmt, h, legend, line, marker, number, oneOf, pct, plotCanvas, readout, rgb, scale, select, slider, urlSettings } from "./common.js";

const TEXT = {
  ko: {
    data: "데이터",
    sets: { xor: "잡음 섞인 XOR", circles: "동심원 두 개", spirals: "나선(팔 5개)", blobs: "가우스 덩어리 3개" },
    noise: "잡음 표준편차",
    layers: "은닉층 수",
    hidden: "은닉층의 뉴런 수",
    act: "활성화 함수",
    acts: { relu: "ReLU", tanh: "tanh", sigmoid: "시그모이드", leaky_relu: "Leaky ReLU", elu: "ELU" },
    init: "가중치 초기화",
    inits: { he_normal: "He", xavier_normal: "Xavier", small_random: "작은 난수 N(0, 0.01²)", zeros: "모두 0" },
    bn: "배치 정규화",
    reg: "L2 규제 세기 λ",
    lr: "학습률",
    momentum: "모멘텀",
    play: "재생",
    pause: "일시 정지",
    step: "한 에포크",
    reset: "처음으로",
    keys: [["epoch", "에포크"], ["loss", "학습 손실"], ["train", "학습 정확도"], ["test", "평가 정확도"], ["dead", "죽은 ReLU 유닛"], ["distinct", "서로 다른 은닉 유닛"]],
    notRelu: "ReLU에만 해당",
    classLabel: (k) => `클래스 ${k}`,
    boundary: "결정 경계",
    trainLoss: "학습 손실(교차 엔트로피 + L2 항)",
    testLoss: "평가 데이터의 교차 엔트로피",
    regionsLabel: (s) =>
      `${s.data} 데이터(학습 점 ${s.n}개, 클래스 ${s.classes}개)에서 에포크 ${s.epoch}까지 학습한 신경망의 결정 영역. 신경망은 은닉층 ${s.layers}개에 층마다 ${s.act} 뉴런이 ${s.hidden}개이고, 가중치 초기화는 ${s.init}${s.bn ? ", 배치 정규화를 쓴다" : "이다"}. 색은 예측한 클래스와 그 확신의 정도를, 선은 결정 경계를 나타낸다.`,
    lossLabel: (s) => `에포크마다 측정한 학습 손실(실선)과 평가 데이터의 교차 엔트로피(점선). 지금은 에포크 ${s.epoch}, 학습 손실 ${s.loss}이다.`,
    stopped: (n) => `그림과 같은 에포크 ${n}에서 멈췄다. 재생을 누르면 학습을 이어 간다.`,
    diverged: "손실이 발산했다. 학습률을 낮추고 처음으로 되돌려라.",
  },
  en: {
    data: "Data",
    sets: { xor: "noisy XOR", circles: "two circles", spirals: "spirals (5 arms)", blobs: "3 Gaussian blobs" },
    noise: "Noise (standard deviation)",
    layers: "Hidden layers",
    hidden: "Neurons per hidden layer",
    act: "Activation function",
    acts: { relu: "ReLU", tanh: "tanh", sigmoid: "sigmoid", leaky_relu: "Leaky ReLU", elu: "ELU" },
    init: "Weight initialization",
    inits: { he_normal: "He", xavier_normal: "Xavier (Glorot)", small_random: "small random N(0, 0.01²)", zeros: "all zero" },
    bn: "Batch normalization",
    reg: "L2 strength λ",
    lr: "Learning rate",
    momentum: "Momentum",
    play: "Play",
    pause: "Pause",
    step: "Step",
    reset: "Reset",
    keys: [["epoch", "epoch"], ["loss", "training loss"], ["train", "training accuracy"], ["test", "held-out accuracy"], ["dead", "dead ReLU units"], ["distinct", "distinct hidden units"]],
    notRelu: "n/a (ReLU only)",
    classLabel: (k) => `class ${k}`,
    boundary: "decision boundary",
    trainLoss: "training loss (cross-entropy + L2 term)",
    testLoss: "held-out cross-entropy",
    regionsLabel: (s) =>
      `Decision regions of a net with ${s.layers} hidden layer(s) of ${s.hidden} ${s.act} neurons (initialization: ${s.init}${s.bn ? "; batch normalization" : ""}) at epoch ${s.epoch}, on the ${s.data} data: ${s.n} training points in ${s.classes} classes. Color shows the predicted class and its confidence; lines are the decision boundaries.`,
    lossLabel: (s) => `Training loss (solid) and held-out cross-entropy (dashed) against epoch. Now at epoch ${s.epoch}, training loss ${s.loss}.`,
    stopped: (n) => `Stopped at epoch ${n}, as in the figure. Press Play to train on.`,
    diverged: "The loss diverged (it is not finite). Lower the learning rate and reset.",
  },
}[LANG];

const CLASS_COLORS = [PALETTE[0], PALETTE[4], PALETTE[2], PALETTE[3], PALETTE[1]];
const REGS = [0, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1];
const LRS = [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 0.5, 1, 3];
const MOMENTA = [0, 0.5, 0.9, 0.99];
const GRID = 64; // cells per side of the decision-region image
const FRAME_MS = 12; // training time per animation frame
const MAX_EPOCHS_PER_FRAME = 10;

export function mount(root) {
  const d = root.dataset;
  const num = (key, fallback) => (d[key] !== undefined && d[key] !== "" ? Number(d[key]) : fallback);
  const seed = num("seed", 0);
  const testSeed = num("testSeed", 1);
  const testSamples = num("testSamples", 4000);
  const epochLimit = num("epochs", 3000);
  // the chapter's noisy XOR; the other sets keep nnnotes' defaults (spirals: the depth section's 5 arms)
  const SETS = {
    xor: { n: num("samples", 100), noise: num("noise", 0.7), classes: 2, extent: 3.2, make: (n, s, rng) => xor(n, s, rng) },
    circles: { n: 200, noise: 0.05, classes: 2, extent: 1.6, make: (n, s, rng) => circles(n, s, rng) },
    spirals: { n: 150, noise: 0.1, classes: 5, extent: 1.4, make: (n, s, rng) => spirals(n, 5, s, rng) },
    blobs: { n: 200, noise: 0.5, classes: 3, extent: 3.6, make: (n, s, rng) => blobs(n, 3, s, rng) },
  };
  const withValue = (list, v) => (list.includes(v) ? list : [...list, v].sort((a, b) => a - b));
  const defaults = {
    data: "xor",
    layers: num("layers", 1),
    hidden: num("hidden", 20),
    act: d.activation || "relu",
    init: d.init || "he_normal",
    bn: 0,
    reg: num("reg", 0),
    lr: num("lr", 0.5),
    momentum: num("momentum", 0.9),
  };
  const choices = {
    layers: withValue([1, 2], defaults.layers),
    reg: withValue(REGS, defaults.reg),
    lr: withValue(LRS, defaults.lr),
    momentum: withValue(MOMENTA, defaults.momentum),
  };
  const settings = urlSettings("playground");
  const set = oneOf(settings.get("data"), Object.keys(SETS)) ?? defaults.data;
  const state = {
    set,
    noise: number(settings.get("noise"), 0, 1.5, 0.05) ?? SETS[set].noise,
    layers: oneOf(settings.get("layers"), choices.layers) ?? defaults.layers,
    hidden: number(settings.get("hidden"), 1, 50, 1) ?? defaults.hidden,
    act: oneOf(settings.get("act"), Object.keys(TEXT.acts)) ?? defaults.act,
    init: oneOf(settings.get("init"), INITIALIZERS) ?? defaults.init,
    bn: Boolean(oneOf(settings.get("bn"), [0, 1]) ?? defaults.bn),
    reg: oneOf(settings.get("reg"), choices.reg) ?? defaults.reg,
    lr: oneOf(settings.get("lr"), choices.lr) ?? defaults.lr,
    momentum: oneOf(settings.get("momentum"), choices.momentum) ?? defaults.momentum,
  };
  const save = () => {
    const { set: data, ...rest } = state;
    settings.save({ ...rest, data, bn: Number(state.bn) }, { ...defaults, noise: SETS[data].noise });
  };
  let data, test, net, optimizer, epoch, history, testHistory, limitPassed, playing = false, frame = 0;
  let view = null; // what the regions canvas shows: grid scores of the current net

  const lossName = () => (SETS[state.set].classes === 2 ? "binary_cross_entropy" : "softmax_cross_entropy");
  const outputs = () => (SETS[state.set].classes === 2 ? 1 : SETS[state.set].classes);

  function makeData() {
    const set = SETS[state.set];
    data = set.make(set.n, state.noise, new Rng(seed));
    test = set.make(testSamples, state.noise, new Rng(testSeed));
    const reach = Math.max(...Array.from(data.X, Math.abs)) * 1.05;
    data.extent = Math.max(set.extent, Math.min(reach, 3 * set.extent));
  }

  function makeNet() {
    const sizes = [2, ...Array(state.layers).fill(state.hidden), outputs()];
    net = new MLP(sizes, state.act, { rng: new Rng(seed), init: state.init, batchnorm: state.bn });
    optimizer = new SGD(state.lr, state.momentum);
    epoch = 0;
    history = [];
    testHistory = [];
    limitPassed = false;
    status.textContent = "";
  }

  function objective(set) {
    const fwd = net.forward(set.X, set.n);
    const c = outputs();
    let [value] = LOSSES[lossName()](fwd.scores, set.y, set.n, c);
    const predicted = labels(fwd.scores, set.n, c);
    let correct = 0;
    for (let i = 0; i < set.n; i++) correct += predicted[i] === set.y[i] ? 1 : 0;
    return { value, accuracy: correct / set.n, pre: fwd.pre };
  }

  function measure() {
    const train = objective(data);
    const weights = Object.fromEntries(net.weightNames().map((name) => [name, net.params[name]]));
    const penalty = state.reg ? l2Penalty(weights, state.reg)[0] : 0;
    const heldOut = objective(test);
    const dead = deadUnits(train.pre, data.n).reduce((a, b) => a + b, 0);
    return { loss: train.value + penalty, train: train.accuracy, test: heldOut.accuracy, testLoss: heldOut.value, dead, distinct: distinctUnits() };
  }

  /** Hidden units that differ from every other unit of their layer (in W, b, γ, β in and W out), summed over layers. */
  function distinctUnits() {
    let count = 0;
    for (let i = 1; i < net.nLayers; i++) {
      const [fanIn, units, fanOut] = net.sizes.slice(i - 1, i + 2);
      const p = net.params;
      const seen = new Set();
      for (let j = 0; j < units; j++) {
        const unit = [p[`b${i}`][j], p[`gamma${i}`]?.[j], p[`beta${i}`]?.[j], ...p[`W${i + 1}`].subarray(j * fanOut, (j + 1) * fanOut)];
        for (let k = 0; k < fanIn; k++) unit.push(p[`W${i}`][k * units + j]);
        seen.add(unit.join());
      }
      count += seen.size;
    }
    return count;
  }

  function step() {
    const r = trainEpoch(net, data.X, data.y, data.n, { loss: lossName(), reg: state.reg, optimizer });
    history.push(r.loss);
    epoch += 1;
    return Number.isFinite(r.loss);
  }

  // --- controls
  const setSelect = select({
    label: TEXT.data,
    options: Object.entries(TEXT.sets),
    value: state.set,
    onChange: (v) => {
      state.set = v;
      state.noise = SETS[v].noise;
      noise.input.value = state.noise;
      noise.update();
      restart();
    },
  });
  const noise = slider({ label: TEXT.noise, min: 0, max: 1.5, step: 0.05, value: state.noise, show: (v) => fmt(v, 2), onInput: (v) => ((state.noise = v), restart()) });
  const layers = select({ label: TEXT.layers, options: choices.layers.map((v) => [String(v), String(v)]), value: state.layers, onChange: (v) => ((state.layers = Number(v)), restart(false)) });
  const hidden = slider({ label: TEXT.hidden, min: 1, max: 50, step: 1, value: state.hidden, onInput: (v) => ((state.hidden = v), restart(false)) });
  const act = select({ label: TEXT.act, options: Object.entries(TEXT.acts), value: state.act, onChange: (v) => ((state.act = v), restart(false)) });
  const init = select({ label: TEXT.init, options: Object.entries(TEXT.inits), value: state.init, onChange: (v) => ((state.init = v), restart(false)) });
  const bn = checkbox({ label: TEXT.bn, checked: state.bn, onChange: (v) => ((state.bn = v), restart(false)) });
  const optionsOf = (key) => choices[key].map((v) => [String(v), String(v)]);
  const reg = select({ label: TEXT.reg, options: optionsOf("reg"), value: state.reg, onChange: (v) => ((state.reg = Number(v)), save(), refresh()) });
  const lr = select({ label: TEXT.lr, options: optionsOf("lr"), value: state.lr, onChange: (v) => ((state.lr = optimizer.lr = Number(v)), save(), refresh()) });
  const momentum = select({
    label: TEXT.momentum,
    options: optionsOf("momentum"),
    value: state.momentum,
    onChange: (v) => ((state.momentum = optimizer.momentum = Number(v)), save(), refresh()),
  });
  const playButton = button(TEXT.play, () => (playing ? pause() : play()));
  const stepButton = button(TEXT.step, () => {
    pause();
    if (!step()) status.textContent = TEXT.diverged;
    refresh();
  });
  const resetButton = button(TEXT.reset, () => {
    pause();
    restart();
  });
  const status = h("p", { class: "nn-demo__status", role: "status" });
  const numbers = readout(TEXT.keys);

  // --- drawing
  const regions = plotCanvas("", 1, (ctx, w, ht) => drawRegions(ctx, w, ht), { maxHeight: 480, minHeight: 240 });
  regions.canvas.classList.add("nn-demo__canvas--square");
  const lossPlot = plotCanvas("", 0.45, (ctx, w, ht) => drawLoss(ctx, w, ht), { maxHeight: 220, minHeight: 140 });
  const image = document.createElement("canvas");
  image.width = image.height = GRID;

  function computeView() {
    const e = data.extent;
    const X = new Float64Array(2 * GRID * GRID);
    for (let i = 0; i < GRID; i++)
      for (let j = 0; j < GRID; j++) {
        const k = i * GRID + j;
        X[2 * k] = -e + ((j + 0.5) / GRID) * 2 * e;
        X[2 * k + 1] = e - ((i + 0.5) / GRID) * 2 * e;
      }
    view = { scores: net.forward(X, GRID * GRID).scores, c: outputs(), extent: e };
  }

  function drawRegions(ctx, w, ht) {
    if (!view) return;
    const c = colors();
    const bg = rgb(c.bg);
    const tints = CLASS_COLORS.map(rgb);
    const { scores, c: k, extent: e } = view;
    const pixels = new ImageData(GRID, GRID);
    const fields = Array.from({ length: k === 1 ? 1 : k }, () => new Float64Array(GRID * GRID));
    for (let p = 0; p < GRID * GRID; p++) {
      let cls, strength;
      if (k === 1) {
        const prob = 1 / (1 + Math.exp(-scores[p]));
        cls = prob > 0.5 ? 1 : 0;
        strength = Math.abs(2 * prob - 1);
        fields[0][p] = scores[p];
      } else {
        const s = scores.subarray(p * k, p * k + k);
        const top = Math.max(...s);
        let sum = 0;
        for (const v of s) sum += Math.exp(v - top);
        cls = s.indexOf(top);
        strength = (1 / sum - 1 / k) / (1 - 1 / k);
        for (let j = 0; j < k; j++) {
          let other = -Infinity;
          for (let m = 0; m < k; m++) if (m !== j) other = Math.max(other, s[m]);
          fields[j][p] = s[j] - other;
        }
      }
      const a = 0.45 * (Number.isFinite(strength) ? strength : 0);
      for (let ch = 0; ch < 3; ch++) pixels.data[4 * p + ch] = Math.round(bg[ch] + (tints[cls][ch] - bg[ch]) * a);
      pixels.data[4 * p + 3] = 255;
    }
    image.getContext("2d").putImageData(pixels, 0, 0);
    const side = Math.min(w, ht);
    const box = { left: (w - side) / 2, top: 0, right: (w + side) / 2, bottom: side };
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(image, box.left, box.top, side, side);
    // decision boundaries: the zero level of each field, by marching squares on the cell centres
    ctx.strokeStyle = c.fg;
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    const cell = side / GRID;
    for (const f of fields) contour(ctx, f, (j) => box.left + (j + 0.5) * cell, (i) => box.top + (i + 0.5) * cell);
    ctx.stroke();
    const xs = scale(-e, e, box.left, box.right);
    const ys = scale(-e, e, box.bottom, box.top);
    ctx.strokeStyle = c.bg;
    ctx.lineWidth = 1;
    const r = side < 320 ? 3 : 4;
    for (let i = 0; i < data.n; i++) {
      ctx.fillStyle = CLASS_COLORS[data.y[i]];
      marker(ctx, xs(data.X[2 * i]), ys(data.X[2 * i + 1]), data.y[i], r);
    }
    ctx.strokeStyle = c.faint;
    ctx.strokeRect(box.left, box.top, side, side);
  }

  function drawLoss(ctx, w, ht) {
    const c = colors();
    const box = { left: 40, right: w - 10, top: 8, bottom: ht - 22 };
    const finite = history.concat(testHistory.map((p) => p[1])).filter(Number.isFinite);
    const top = Math.max(0.1, ...finite.slice(0, 5000)) * 1.05;
    const last = Math.max(epochLimit, epoch);
    const xs = scale(0, last, box.left, box.right);
    const ys = scale(0, top, box.bottom, box.top);
    axes(ctx, box, xs, ys, { xticks: [0, Math.round(last / 2), last], yticks: [0, Number((top / 2).toPrecision(1))], c });
    const stride = Math.max(1, Math.floor(history.length / (box.right - box.left)));
    const ex = [], ey = [];
    for (let i = 0; i < history.length; i += stride) ex.push(i), ey.push(history[i]);
    line(ctx, ex, ey.map((v) => Math.min(v, top)), xs, ys, { color: PALETTE[0], width: 2 });
    line(ctx, testHistory.map((p) => p[0]), testHistory.map((p) => Math.min(p[1], top)), xs, ys, { color: PALETTE[1], width: 2, dash: [5, 4] });
  }

  let lastText = 0, lastView = 0, m = null;
  function refresh(force = true) {
    const now = performance.now();
    if (force || now - lastView > 100) {
      // the held-out set and the region grid cost more than a few epochs: at most 10 times a second
      lastView = now;
      m = measure();
      if (!testHistory.length || testHistory[testHistory.length - 1][0] !== epoch) testHistory.push([epoch, m.testLoss]);
      computeView();
      regions.redraw();
    }
    if (force || now - lastText > 250) {
      lastText = now;
      const total = state.layers * state.hidden;
      numbers.set({
        epoch: String(epoch),
        loss: fmt(m.loss, 4),
        train: pct(m.train),
        test: pct(m.test),
        dead: state.act === "relu" ? `${m.dead} / ${total}` : TEXT.notRelu,
        distinct: `${m.distinct} / ${total}`,
      });
      const s = { data: TEXT.sets[state.set], n: data.n, classes: SETS[state.set].classes, layers: state.layers, hidden: state.hidden, act: TEXT.acts[state.act], init: TEXT.inits[state.init], bn: state.bn, epoch };
      regions.canvas.setAttribute("aria-label", TEXT.regionsLabel(s));
      lossPlot.canvas.setAttribute("aria-label", TEXT.lossLabel({ epoch, loss: fmt(m.loss, 4) }));
    }
    lossPlot.redraw();
  }

  const classLegend = h("div");
  function restart(newData = true) {
    save();
    if (newData || !data) makeData();
    makeNet();
    const classes = [...Array(SETS[state.set].classes).keys()];
    classLegend.replaceChildren(legend([...classes.map((i) => [TEXT.classLabel(i), CLASS_COLORS[i], `marker${i}`]), [TEXT.boundary, "currentColor"]]));
    refresh();
  }

  function play() {
    if (playing) return;
    playing = true;
    if (epoch >= epochLimit) limitPassed = true;
    playButton.textContent = TEXT.pause;
    status.textContent = "";
    const tick = () => {
      if (!playing) return;
      const start = performance.now();
      let ok = true;
      for (let i = 0; i < MAX_EPOCHS_PER_FRAME && performance.now() - start < FRAME_MS; i++) {
        ok = step();
        if (!ok || (!limitPassed && epoch >= epochLimit)) break;
      }
      refresh(false);
      if (!ok) {
        pause();
        status.textContent = TEXT.diverged;
      } else if (!limitPassed && epoch >= epochLimit) {
        limitPassed = true;
        pause();
        status.textContent = TEXT.stopped(epochLimit);
      } else frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
  }

  function pause() {
    if (!playing) return;
    playing = false;
    cancelAnimationFrame(frame);
    playButton.textContent = TEXT.play;
    refresh();
  }

  root.append(
    h("div", { class: "nn-demo__controls" }, setSelect.field, noise.field, layers.field, hidden.field, act.field, init.field, bn.field, reg.field, lr.field, momentum.field),
    h("div", { class: "nn-demo__buttons" }, playButton, stepButton, resetButton),
    h(
      "div",
      { class: "nn-demo__plots nn-demo__plots--playground" },
      h("div", { class: "nn-demo__plot" }, regions.canvas, classLegend),
      h("div", { class: "nn-demo__plot" }, lossPlot.canvas, legend([[TEXT.trainLoss, PALETTE[0]], [TEXT.testLoss, PALETTE[1], "dash"]])),
    ),
    numbers.el,
    status,
  );
  restart();
}

/** Marching squares: add to the current path the zero level of field (GRID × GRID, row-major). */
function contour(ctx, f, px, py) {
  const at = (i, j) => f[i * GRID + j];
  const cross = (a, b) => a / (a - b);
  for (let i = 0; i < GRID - 1; i++)
    for (let j = 0; j < GRID - 1; j++) {
      const v = [at(i, j), at(i, j + 1), at(i + 1, j + 1), at(i + 1, j)]; // corners clockwise from top left
      const inside = v.map((x) => x > 0);
      if (inside.every((x) => x === inside[0])) continue;
      // points on each edge where the field crosses zero: top, right, bottom, left
      const edges = [];
      const corner = [[i, j], [i, j + 1], [i + 1, j + 1], [i + 1, j]];
      for (let e = 0; e < 4; e++) {
        const a = e, b = (e + 1) % 4;
        if (inside[a] === inside[b]) continue;
        const t = cross(v[a], v[b]);
        const [ia, ja] = corner[a], [ib, jb] = corner[b];
        edges.push([px(ja + t * (jb - ja)), py(ia + t * (ib - ia))]);
      }
      for (let s = 0; s + 1 < edges.length; s += 2) {
        ctx.moveTo(...edges[s]);
        ctx.lineTo(...edges[s + 1]);
      }
    }
}
