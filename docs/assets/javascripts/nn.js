// The math of the interactive demos: the same definitions as src/nnnotes, in plain JavaScript.
//
// activations.py  -> ACTIVATIONS (forward returns [out, cache], backward(dout, cache) returns dx),
//                    preluForward / preluBackward, DEFAULT_ALPHA
// layers.py, model.py -> MLP (affine -> (batch norm) -> activation per hidden layer, affine output)
// batchnorm.py   -> batchnormForward / batchnormBackward (train: batch statistics; eval: running averages)
// losses.py       -> softmaxCrossEntropy, binaryCrossEntropyWithLogits, l2Penalty (reg/2 · Σ‖W‖², weights only)
// optim.py        -> SGD (v ← momentum·v + g, v starts at g; p ← p − lr·v)
// init.py         -> INITIALIZERS: small_random, xavier_normal, he_normal, zeros; biases start at 0
// datasets.py     -> xor, spirals, circles, blobs (same construction; our own seeded generator, not NumPy's)
// capacity.py     -> uatTarget, linspace, bumpNet
//
// Arrays are Float64Array in row-major order; a matrix of shape (rows, cols) is a flat array.
// tests/browser/test_demos.py checks the activations, the initializers (given the same normal draws),
// the MLP's forward, backward and SGD steps with and without batch norm, the bumps and the datasets'
// construction against nnnotes to 1e-9 (the generator is ours, not NumPy's).

/** Okabe & Ito's colour-blind-safe palette, in the order the figures use it (figstyle.PALETTE). */
export const PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442", "#000000"];

/** The α of each elementwise activation's signature in nnnotes.activations. */
export const DEFAULT_ALPHA = { leaky_relu: 0.01, elu: 1.0 };

const map = (x, fn) => {
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = fn(x[i], i);
  return out;
};

// --- activations: the derivative next to the forward math, as in activations.py -------------

export const ACTIVATIONS = {
  identity: {
    forward: (x) => [Float64Array.from(x), { x }],
    backward: (dout) => Float64Array.from(dout),
  },
  sigmoid: {
    // σ(x) = 1 / (1 + e^(−x)); σ′ = σ(1 − σ)
    forward(x) {
      const out = map(x, (v) => 1 / (Math.exp(-v) + 1));
      return [out, { out }];
    },
    backward: (dout, { out }) => map(dout, (d, i) => (1 - out[i]) * out[i] * d),
  },
  tanh: {
    // tanh′ = 1 − tanh²
    forward(x) {
      const out = map(x, Math.tanh);
      return [out, { out }];
    },
    backward: (dout, { out }) => map(dout, (d, i) => (1 - out[i] * out[i]) * d),
  },
  relu: {
    // max(0, x); derivative 1 if x > 0 else 0
    forward: (x) => [map(x, (v) => Math.max(v, 0)), { x }],
    backward: (dout, { x }) => map(dout, (d, i) => d * (x[i] > 0 ? 1 : 0)),
  },
  leaky_relu: {
    // max(αx, x) with α ∈ [0, 1]; derivative 1 if x > 0 else α
    forward: (x, alpha = DEFAULT_ALPHA.leaky_relu) => [map(x, (v) => Math.max(v * alpha, v)), { x, alpha }],
    backward: (dout, { x, alpha }) => map(dout, (d, i) => slope(x[i], alpha) * d),
  },
  elu: {
    // x if x > 0 else α(e^x − 1); derivative 1 if x > 0 else f(x) + α
    forward(x, alpha = DEFAULT_ALPHA.elu) {
      const out = map(x, (v) => Math.max(v, 0) + Math.expm1(Math.min(v, 0)) * alpha);
      return [out, { x, out, alpha }];
    },
    backward: (dout, { x, out, alpha }) =>
      map(dout, (d, i) => (Math.min(out[i], 0) + alpha + (x[i] > 0 ? 1 - alpha : 0)) * d),
  },
};

/** 1 where x > 0 and α elsewhere, computed as activations._slope does: [x > 0]·(1 − α) + α. */
function slope(x, alpha) {
  return (x > 0 ? 1 - alpha : 0) + alpha;
}

/** PReLU on x of shape (n, d): α is a number (shared) or an array of d numbers (one per unit). */
export function preluForward(x, n, d, alpha) {
  const a = (j) => (typeof alpha === "number" ? alpha : alpha[j]);
  const out = map(x, (v, i) => Math.min(v, 0) * a(i % d) + Math.max(v, 0));
  return [out, { x, n, d, alpha }];
}

/** Returns [dx, dalpha]: dx = dout·(1 if x > 0 else α); dα = Σ dout·min(x, 0) (over samples, and units if shared). */
export function preluBackward(dout, { x, d, alpha }) {
  const shared = typeof alpha === "number";
  const dx = map(dout, (g, i) => slope(x[i], shared ? alpha : alpha[i % d]) * g);
  const dalpha = shared ? [0] : new Float64Array(d);
  for (let i = 0; i < x.length; i++) dalpha[shared ? 0 : i % d] += Math.min(x[i], 0) * dout[i];
  return [dx, shared ? dalpha[0] : dalpha];
}

/** f and f′ (the backward pass with an upstream gradient of ones) of a named activation on x. */
export function curve(name, x, alpha) {
  if (name === "prelu") {
    const [out, cache] = preluForward(x, x.length, 1, alpha);
    return [out, preluBackward(new Float64Array(x.length).fill(1), cache)[0]];
  }
  const act = ACTIVATIONS[name];
  const [out, cache] = alpha === undefined ? act.forward(x) : act.forward(x, alpha);
  return [out, act.backward(new Float64Array(x.length).fill(1), cache)];
}

// --- a seeded generator (mulberry32) with standard normals by Box–Muller ----------------------

export class Rng {
  constructor(seed = 0) {
    this.state = (seed >>> 0) ^ 0x9e3779b9;
    this.spare = null;
  }
  /** Uniform in [0, 1). */
  random() {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  uniform(low, high) {
    return low + (high - low) * this.random();
  }
  standardNormal() {
    if (this.spare !== null) {
      const z = this.spare;
      this.spare = null;
      return z;
    }
    const r = Math.sqrt(-2 * Math.log(1 - this.random()));
    const theta = 2 * Math.PI * this.random();
    this.spare = r * Math.sin(theta);
    return r * Math.cos(theta);
  }
  normals(n) {
    return map(new Float64Array(n), () => this.standardNormal());
  }
}

// --- initialization, affine layer, batch norm, MLP ---------------------------------------------

/** The standard deviation σ of each initializer in nnnotes.init: W = σ·z with z ~ N(0, 1), shape (fan_in, fan_out). */
const INIT_STD = {
  small_random: () => 0.01, // W ~ N(0, 0.01²)
  xavier_normal: (fanIn, fanOut) => Math.sqrt(2 / (fanIn + fanOut)), // Glorot & Bengio
  he_normal: (fanIn) => Math.sqrt(2 / fanIn), // He et al.
};
export const INITIALIZERS = [...Object.keys(INIT_STD), "zeros"];

/** Weights (fanIn, fanOut) from the initializer `name`; "zeros" draws nothing from rng. */
export function initialize(name, fanIn, fanOut, rng) {
  if (name === "zeros") return new Float64Array(fanIn * fanOut);
  const std = INIT_STD[name](fanIn, fanOut);
  return map(rng.normals(fanIn * fanOut), (z) => z * std);
}

/** out = x·W + b for x (n, d), W (d, m), b (m). */
function affine(x, n, d, W, b, m) {
  const out = new Float64Array(n * m);
  for (let r = 0; r < n; r++) {
    const o = r * m;
    for (let k = 0; k < d; k++) {
      const v = x[r * d + k];
      if (v === 0) continue;
      const w = k * m;
      for (let j = 0; j < m; j++) out[o + j] += v * W[w + j];
    }
    for (let j = 0; j < m; j++) out[o + j] += b[j];
  }
  return out;
}

/** dx = dout·Wᵀ (if needed), dW = xᵀ·dout, db = Σ_n dout[n]. */
function affineGrad(dout, x, n, d, W, m, needDx) {
  const dW = new Float64Array(d * m);
  const db = new Float64Array(m);
  const dx = needDx ? new Float64Array(n * d) : null;
  for (let r = 0; r < n; r++) {
    const o = r * m;
    for (let j = 0; j < m; j++) db[j] += dout[o + j];
    for (let k = 0; k < d; k++) {
      const v = x[r * d + k];
      const w = k * m;
      let acc = 0;
      for (let j = 0; j < m; j++) {
        const g = dout[o + j];
        dW[w + j] += v * g;
        acc += g * W[w + j];
      }
      if (needDx) dx[r * d + k] = acc;
    }
  }
  return [dx, dW, db];
}

/** Running statistics of a batch-norm layer of d units, as BatchNormState.initial: mean 0, variance 1. */
export function batchnormState(d, momentum = 0.1, eps = 1e-5) {
  return { mean: new Float64Array(d), variance: new Float64Array(d).fill(1), momentum, eps };
}

/**
 * out = γ·x̂ + β with x̂ = (x − μ) / √(σ² + ε), per unit, for x (n, d). train: μ and σ² are the
 * batch's mean and (biased) variance, and the returned state moves its averages to
 * (1 − m)·running + m·batch (the variance unbiased: σ²·n / (n − 1)); else μ, σ² are the state's
 * averages and the state is returned as it is. Returns [out, cache, state].
 */
export function batchnormForward(x, n, d, gamma, beta, state, train) {
  const mean = new Float64Array(d);
  const variance = new Float64Array(d);
  const centred = new Float64Array(n * d);
  let next = state;
  if (train) {
    for (let i = 0; i < n * d; i++) mean[i % d] += x[i];
    for (let j = 0; j < d; j++) mean[j] /= n;
    for (let i = 0; i < n * d; i++) {
      const c = (centred[i] = x[i] - mean[i % d]);
      variance[i % d] += c * c;
    }
    for (let j = 0; j < d; j++) variance[j] /= n;
    const m = state.momentum;
    next = {
      ...state,
      mean: map(state.mean, (v, j) => (1 - m) * v + m * mean[j]),
      variance: map(state.variance, (v, j) => (1 - m) * v + m * variance[j] * (n / (n - 1))),
    };
  } else {
    for (let i = 0; i < n * d; i++) centred[i] = x[i] - state.mean[i % d];
    variance.set(state.variance);
  }
  const invStd = map(variance, (v) => 1 / Math.sqrt(v + state.eps));
  const xHat = map(centred, (v, i) => v * invStd[i % d]);
  const out = map(xHat, (v, i) => gamma[i % d] * v + beta[i % d]);
  return [out, { xHat, gamma, invStd, train, n, d }, next];
}

/**
 * [dx, dγ, dβ]: dγ = Σ_n dout·x̂, dβ = Σ_n dout and, with g = dout·γ,
 * train: dx = (1/n)·(1/√(σ² + ε))·(n·g − Σ_n g − x̂·Σ_n g·x̂);  eval: dx = g / √(σ² + ε).
 */
export function batchnormBackward(dout, { xHat, gamma, invStd, train, n, d }) {
  const dgamma = new Float64Array(d);
  const dbeta = new Float64Array(d);
  const sumG = new Float64Array(d);
  const sumGx = new Float64Array(d);
  const g = map(dout, (v, i) => v * gamma[i % d]);
  for (let i = 0; i < n * d; i++) {
    const j = i % d;
    dgamma[j] += dout[i] * xHat[i];
    dbeta[j] += dout[i];
    sumG[j] += g[i];
    sumGx[j] += g[i] * xHat[i];
  }
  const dx = train
    ? map(g, (v, i) => (invStd[i % d] / n) * (n * v - sumG[i % d] - xHat[i] * sumGx[i % d]))
    : map(g, (v, i) => v * invStd[i % d]);
  return [dx, dgamma, dbeta];
}

/**
 * A fully connected net with sizes [D, H1, …, C]: hidden layers affine → (batch norm) → activation,
 * output affine. Parameters W1, b1, (gamma1, beta1), …, WL, bL, as nnnotes.model.MLP names them.
 */
export class MLP {
  /**
   * activation: a name or one name per hidden layer; batchnorm: batch norm before each activation
   * (γ = 1, β = 0, running mean 0 and variance 1 at the start); weights from the initializer
   * `init` with draws from rng (an Rng), or params: {W1, b1, …} to start from (copied).
   */
  constructor(sizes, activation = "relu", { rng = null, params = null, init = "he_normal", batchnorm = false } = {}) {
    this.sizes = sizes.slice();
    const hidden = sizes.length - 2;
    this.activations = typeof activation === "string" ? Array(hidden).fill(activation) : activation.slice();
    this.batchnorm = batchnorm;
    this.params = {};
    this.bnStates = [];
    for (let i = 1; i < sizes.length; i++) {
      const [fanIn, fanOut] = [sizes[i - 1], sizes[i]];
      const start = (name, fresh) => (this.params[name] = params ? Float64Array.from(params[name]) : fresh());
      start(`W${i}`, () => initialize(init, fanIn, fanOut, rng));
      start(`b${i}`, () => new Float64Array(fanOut));
      if (batchnorm && i <= hidden) {
        start(`gamma${i}`, () => new Float64Array(fanOut).fill(1));
        start(`beta${i}`, () => new Float64Array(fanOut));
        this.bnStates.push(batchnormState(fanOut));
      }
    }
  }

  get nLayers() {
    return this.sizes.length - 1;
  }

  /**
   * Scores (n, C) for X (n, D), with the caches for backward and each hidden layer's
   * pre-activation (after batch norm). train: batch norm uses the batch's statistics and moves
   * the running averages (n ≥ 2); otherwise (evaluation) it uses the running averages.
   */
  forward(X, n, { train = false } = {}) {
    const caches = [];
    const pre = [];
    let h = X;
    for (let i = 1; i <= this.nLayers; i++) {
      const [d, m] = [this.sizes[i - 1], this.sizes[i]];
      let z = affine(h, n, d, this.params[`W${i}`], this.params[`b${i}`], m);
      if (i === this.nLayers) {
        caches.push({ x: h, bn: null, act: null });
        return { scores: z, caches, pre, n };
      }
      let bn = null;
      if (this.batchnorm) {
        const { [`gamma${i}`]: gamma, [`beta${i}`]: beta } = this.params;
        [z, bn, this.bnStates[i - 1]] = batchnormForward(z, n, m, gamma, beta, this.bnStates[i - 1], train);
      }
      const [out, act] = ACTIVATIONS[this.activations[i - 1]].forward(z);
      caches.push({ x: h, bn, act });
      pre.push(z);
      h = out;
    }
  }

  /** Gradients {W1, b1, …} of the loss from dscores (n, C) and the forward's caches, in the order of params. */
  backward(dscores, { caches, n }) {
    const grads = {};
    let d = dscores;
    for (let i = this.nLayers; i >= 1; i--) {
      const { x, bn, act } = caches[i - 1];
      if (i < this.nLayers) {
        d = ACTIVATIONS[this.activations[i - 1]].backward(d, act);
        if (bn) [d, grads[`gamma${i}`], grads[`beta${i}`]] = batchnormBackward(d, bn);
      }
      const [dx, dW, db] = affineGrad(d, x, n, this.sizes[i - 1], this.params[`W${i}`], this.sizes[i], i > 1);
      grads[`W${i}`] = dW;
      grads[`b${i}`] = db;
      d = dx;
    }
    const ordered = {};
    for (const name of Object.keys(this.params)) ordered[name] = grads[name];
    return ordered;
  }

  weightNames() {
    return Object.keys(this.params).filter((name) => name.startsWith("W"));
  }
}

/** Predicted classes from scores (n, C): argmax, or [score > 0] when C = 1. */
export function labels(scores, n, c) {
  const out = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    if (c === 1) {
      out[r] = scores[r] > 0 ? 1 : 0;
      continue;
    }
    let best = 0;
    for (let j = 1; j < c; j++) if (scores[r * c + j] > scores[r * c + best]) best = j;
    out[r] = best;
  }
  return out;
}

// --- losses ------------------------------------------------------------------------------------

/** L = (1/N) Σ [log Σ_c e^(s − max s) − (s_y − max s)];  ∂L/∂s = (softmax(s) − onehot(y)) / N. */
export function softmaxCrossEntropy(scores, y, n, c) {
  const dscores = new Float64Array(n * c);
  let loss = 0;
  for (let r = 0; r < n; r++) {
    const o = r * c;
    let top = -Infinity;
    for (let j = 0; j < c; j++) top = Math.max(top, scores[o + j]);
    let sum = 0;
    for (let j = 0; j < c; j++) sum += (dscores[o + j] = Math.exp(scores[o + j] - top));
    loss += Math.log(sum) - (scores[o + y[r]] - top);
    for (let j = 0; j < c; j++) dscores[o + j] /= sum;
    dscores[o + y[r]] -= 1;
    for (let j = 0; j < c; j++) dscores[o + j] /= n;
  }
  return [loss / n, dscores];
}

/** L = (1/N) Σ [max(s, 0) − s·y + log(1 + e^(−|s|))];  ∂L/∂s = (σ(s) − y) / N. */
export function binaryCrossEntropyWithLogits(logits, y, n) {
  let loss = 0;
  const dlogits = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    const s = logits[r];
    loss += Math.max(s, 0) - s * y[r] + Math.log1p(Math.exp(-Math.abs(s)));
    dlogits[r] = (1 / (Math.exp(-s) + 1) - y[r]) / n;
  }
  return [loss / n, dlogits];
}

export const LOSSES = { softmax_cross_entropy: softmaxCrossEntropy, binary_cross_entropy: binaryCrossEntropyWithLogits };

/** R = (reg / 2) Σ_W Σ W²;  ∂R/∂W = reg·W.  weights: {name: Float64Array}. */
export function l2Penalty(weights, reg) {
  let sq = 0;
  const grads = {};
  for (const [name, w] of Object.entries(weights)) {
    let s = 0;
    for (let i = 0; i < w.length; i++) s += w[i] * w[i];
    sq += s;
    grads[name] = map(w, (v) => reg * v);
  }
  return [0.5 * reg * sq, grads];
}

// --- optimizer and one training epoch ----------------------------------------------------------

/** SGD with momentum as nnnotes.optim.SGD: v ← momentum·v + g (v starts at g); p ← p − lr·v. */
export class SGD {
  constructor(lr, momentum = 0) {
    this.lr = lr;
    this.momentum = momentum;
    this.velocity = {};
  }
  update(params, grads) {
    for (const [name, p] of Object.entries(params)) {
      let g = grads[name];
      if (this.momentum) {
        let v = this.velocity[name];
        if (!v) v = this.velocity[name] = Float64Array.from(g);
        else for (let i = 0; i < v.length; i++) v[i] = v[i] * this.momentum + g[i];
        g = v;
      }
      for (let i = 0; i < p.length; i++) p[i] -= this.lr * g[i];
    }
  }
}

/**
 * One epoch of full-batch gradient descent, as one pass of MLP.fit's loop with batch_size = None:
 * forward in train mode (batch norm's running averages move), loss, backward, L2 on the weights
 * (reg/2 · Σ‖W‖²), one optimizer update.
 * Returns {loss, accuracy} measured before the update (what History records).
 */
export function trainEpoch(net, X, y, n, { loss, reg = 0, optimizer }) {
  const c = net.sizes[net.sizes.length - 1];
  const fwd = net.forward(X, n, { train: true });
  let [value, dscores] = LOSSES[loss](fwd.scores, y, n, c);
  const grads = net.backward(dscores, fwd);
  if (reg) {
    const weights = {};
    for (const name of net.weightNames()) weights[name] = net.params[name];
    const [penalty, dweights] = l2Penalty(weights, reg);
    value += penalty;
    for (const name of Object.keys(weights)) {
      const g = grads[name];
      for (let i = 0; i < g.length; i++) g[i] += dweights[name][i];
    }
  }
  const predicted = labels(fwd.scores, n, c);
  let correct = 0;
  for (let r = 0; r < n; r++) correct += predicted[r] === y[r] ? 1 : 0;
  optimizer.update(net.params, grads);
  return { loss: (value * n) / n, accuracy: correct / n, pre: fwd.pre };
}

/** Units of each hidden layer whose pre-activation is ≤ 0 on every sample (monitoring.dead_fraction). */
export function deadUnits(pre, n) {
  return pre.map((z) => {
    const h = z.length / n;
    let dead = 0;
    for (let j = 0; j < h; j++) {
      let top = -Infinity;
      for (let r = 0; r < n; r++) top = Math.max(top, z[r * h + j]);
      if (top <= 0) dead += 1;
    }
    return dead;
  });
}

// --- datasets: the constructions of nnnotes.datasets -------------------------------------------

const CORNERS = [[-1, -1], [-1, 1], [1, -1], [1, 1]];

function perClass(n, k) {
  return Int32Array.from({ length: n }, (_, i) => Math.floor((i * k) / n));
}

/** Points around the corners (±1, ±1) in turn; y = 1 where the signs differ. */
export function xor(n, noise, rng) {
  const X = new Float64Array(2 * n);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const corner = i % 4;
    y[i] = [0, 1, 1, 0][corner];
    for (let j = 0; j < 2; j++) X[2 * i + j] = CORNERS[corner][j] + noise * rng.standardNormal();
  }
  return { X, y, n, classes: 2 };
}

/** K spiral arms: radius r = linspace(0, 1) per arm, angle 4r + 2πk/K + noise·N(0, 1). */
export function spirals(n, nClasses, noise, rng) {
  const y = perClass(n, nClasses);
  const X = new Float64Array(2 * n);
  const counts = new Array(nClasses).fill(0);
  for (const k of y) counts[k] += 1;
  const r = [];
  for (const c of counts) r.push(...linspace(0, 1, c));
  for (let i = 0; i < n; i++) {
    const angle = 4 * r[i] + (2 * Math.PI * y[i]) / nClasses + noise * rng.standardNormal();
    X[2 * i] = r[i] * Math.cos(angle);
    X[2 * i + 1] = r[i] * Math.sin(angle);
  }
  return { X, y, n, classes: nClasses };
}

/** Two circles, radius 1 (y = 0) and factor (y = 1), at uniform angles, plus noise. */
export function circles(n, noise, rng, factor = 0.5) {
  const y = perClass(n, 2);
  const angle = Array.from({ length: n }, () => rng.uniform(0, 2 * Math.PI));
  const X = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const radius = y[i] === 1 ? factor : 1;
    X[2 * i] = radius * Math.cos(angle[i]);
    X[2 * i + 1] = radius * Math.sin(angle[i]);
  }
  for (let i = 0; i < 2 * n; i++) X[i] += noise * rng.standardNormal();
  return { X, y, n, classes: 2 };
}

/** K Gaussian blobs of standard deviation noise, centred on a circle of radius 2. */
export function blobs(n, nClasses, noise, rng) {
  const y = perClass(n, nClasses);
  const X = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const angle = (2 * Math.PI * y[i]) / nClasses;
    const centre = [2 * Math.cos(angle), 2 * Math.sin(angle)];
    for (let j = 0; j < 2; j++) X[2 * i + j] = centre[j] + noise * rng.standardNormal();
  }
  return { X, y, n, classes: nClasses };
}

// --- universal approximation (experiments/capacity.py) -----------------------------------------

/** numpy.linspace(start, stop, num): start + i·step, the last point exactly stop. */
export function linspace(start, stop, num) {
  if (num === 1) return Float64Array.of(start);
  const step = (stop - start) / (num - 1);
  const out = map(new Float64Array(num), (_, i) => i * step + start);
  out[num - 1] = stop;
  return out;
}

/** f(x) = sin(3x)·exp(−x²/4). */
export const uatTarget = (x) => Math.sin(3 * x) * Math.exp(-(x * x) / 4);

/**
 * Nielsen's bumps as capacity.bump_net: an MLP([1, 2n, 1], "sigmoid"); bump i steps up at edge i and
 * down at edge i + 1 (weights `steep`, biases −steep·edge) with output weights +h_i and −h_i.
 */
export function bumpNet(heights, steep, low = -3, high = 3) {
  const n = heights.length;
  const edges = linspace(low, high, n + 1);
  const W1 = new Float64Array(2 * n).fill(steep);
  const b1 = new Float64Array(2 * n);
  const W2 = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    b1[2 * i] = -steep * edges[i];
    b1[2 * i + 1] = -steep * edges[i + 1];
    W2[2 * i] = heights[i];
    W2[2 * i + 1] = -heights[i];
  }
  return new MLP([1, 2 * n, 1], "sigmoid", { params: { W1, b1, W2, b2: new Float64Array(1) } });
}

/** Midpoints of n equal intervals of [low, high], as capacity.bump_net computes them. */
export function midpoints(n, low = -3, high = 3) {
  const edges = linspace(low, high, n + 1);
  return map(new Float64Array(n), (_, i) => (edges[i] + edges[i + 1]) / 2);
}
