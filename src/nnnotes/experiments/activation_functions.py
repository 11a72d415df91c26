"""The activation functions compared: why non-linear, saturation, zero-centring, cost, Maxout.

Every curve is what nnnotes computes: f(x) is a forward pass and f′(x) is the backward pass
for an upstream gradient of ones. Every experiment is seeded (keyword ``seed``) and small.

Sections: linear collapse and separability (why non-linear), the activation "zoo" with its
saturated regions, sigmoid saturation at initialization, the zig-zag of gradient descent on
all-positive inputs, mean activations for zero-mean inputs, Maxout fits and parameter counts,
measured compute cost.
"""

from __future__ import annotations

import functools
import math
import time
from dataclasses import dataclass

import numpy as np

from ..activations import (
    _lookup,
    get_activation,
    maxout_backward,
    maxout_forward,
    prelu_backward,
    prelu_forward,
    sigmoid_forward,
)
from ..init import get_initializer
from ..layers import affine_backward, affine_forward
from ..losses import mse
from ..model import MLP
from ..monitoring import activation_histogram
from .claims import claim
from .shapes import sigmoid_peak

SEED = 0

# ---------------------------------------------------------------------------------------
# Why non-linear: a stack of affine layers is one affine layer; AND/OR vs XOR
# ---------------------------------------------------------------------------------------

COLLAPSE_WIDTHS = (3, 8, 8, 8, 8, 8, 8, 8, 8, 8, 2)  # 10 affine layers, 3 inputs, 2 outputs


def linear_stack(widths=COLLAPSE_WIDTHS, n_samples=200, *, seed=SEED):
    """A stack of affine layers, run layer by layer and as the single merged layer.

    Layer i maps h ↦ h·W_i + b_i with W_i of shape (widths[i], widths[i+1]). Merging two layers
    gives (x·W1 + b1)·W2 + b2 = x·(W1·W2) + (b1·W2 + b2), so the whole stack is x·W + b with
    W = W1·W2·…·WL and b folded the same way.
    Returns (stacked, merged), two ndarrays of shape (n_samples, widths[-1]).
    """
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((n_samples, widths[0]))
    layers = [
        (get_initializer("xavier_normal")((d, m), rng=rng), rng.standard_normal(m))
        for d, m in zip(widths, widths[1:])
    ]
    h = x
    W = np.eye(widths[0])
    b = np.zeros(widths[0])
    for Wi, bi in layers:
        h, _ = affine_forward(h, Wi, bi)
        W, b = W @ Wi, b @ Wi + bi
    merged, _ = affine_forward(x, W, b)
    return h, merged


@claim("linear.collapse_layers", fmt="d", expect=lambda v: v == 10)
def collapse_layers():
    return len(COLLAPSE_WIDTHS) - 1


@claim("linear.collapse_error", fmt=".0e", expect=lambda v: v < 1e-12)
def collapse_error():
    """max |stack(x) − merged(x)| over every output: rounding error only."""
    stacked, merged = linear_stack()
    return float(np.abs(stacked - merged).max())


def relu_abs_net(x):
    """Two ReLU units and a sum: |x| = relu(x) + relu(−x), built from nnnotes layers.

    x : ndarray of shape (N, 1). Hidden layer W1 = [[1, −1]], b1 = 0, then ReLU, then
    W2 = [[1], [1]], b2 = 0. Returns y of shape (N, 1)."""
    z, _ = affine_forward(x, np.array([[1.0, -1.0]]), np.zeros(2))
    h, _ = get_activation("relu").forward(z)
    y, _ = affine_forward(h, np.ones((2, 1)), np.zeros(1))
    return y


@claim("linear.relu_abs_unexplained", fmt=".0%", expect=lambda v: v > 0.99)
def relu_abs_unexplained(n_samples=1001):
    """Fit the best affine map y ≈ a·x + c by least squares to the ReLU net |x| on 1001 evenly
    spaced x in [−2, 2]: returns the fraction of Var(y) it leaves unexplained (1 − R²).
    |x| is even and the grid symmetric, so the best slope is a = 0 and nothing is explained."""
    x = np.linspace(-2, 2, n_samples)[:, None]
    y = relu_abs_net(x)[:, 0]
    design = np.column_stack([x[:, 0], np.ones(n_samples)])
    coef, *_ = np.linalg.lstsq(design, y, rcond=None)
    residual = y - design @ coef
    return float(residual.var() / y.var())


BOOLEAN_INPUTS = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
BOOLEAN_TARGETS = {"and": np.array([0, 0, 0, 1]), "or": np.array([0, 1, 1, 1]), "xor": np.array([0, 1, 1, 0])}
NEURON_LR = 1.0
NEURON_EPOCHS = 2000


@dataclass(frozen=True)
class NeuronFit:
    """One sigmoid neuron p = σ(w·x + b) trained on a truth table.

    w : ndarray of shape (2,).  b : float.  loss : final binary cross-entropy.
    accuracy : fraction of the 4 rows classified right by [w·x + b > 0].
    """

    w: np.ndarray
    b: float
    loss: float
    accuracy: float


@functools.cache
def train_neuron(gate, *, seed=SEED):
    """Train one neuron (an MLP [2, 1]: no hidden layer) on the truth table of ``gate``
    ('and', 'or' or 'xor') with binary cross-entropy, full-batch gradient descent,
    learning rate NEURON_LR for NEURON_EPOCHS epochs, Xavier-normal initial weights."""
    y = BOOLEAN_TARGETS[gate]
    net = MLP([2, 1], rng=np.random.default_rng(seed), init="xavier_normal")
    history = net.fit(BOOLEAN_INPUTS, y, loss="binary_cross_entropy", lr=NEURON_LR, epochs=NEURON_EPOCHS)
    accuracy = float(np.mean(net.predict(BOOLEAN_INPUTS) == y))
    return NeuronFit(net.params["W1"][:, 0].copy(), float(net.params["b1"][0]), float(history.loss[-1]), accuracy)


@functools.cache
def best_line(gate, n_directions=3600):
    """The most accurate linear rule [u·x > t] for the truth table of ``gate``, by exhaustive
    search: unit normals u = (cos θ, sin θ) for n_directions angles θ in [0, 2π), and for each
    every threshold t halfway between (or outside) the projections u·x of the 4 points.
    Among the most accurate rules it keeps the one whose line is farthest from the nearest point.
    Returns (u of shape (2,), t, accuracy)."""
    y = BOOLEAN_TARGETS[gate]
    best, best_key = None, (-1.0, -1.0)
    for theta in np.arange(n_directions) * (2 * np.pi / n_directions):
        u = np.array([np.cos(theta), np.sin(theta)])
        projections = BOOLEAN_INPUTS @ u
        p = np.sort(projections)
        cuts = np.concatenate([[p[0] - 1], (p[:-1] + p[1:]) / 2, [p[-1] + 1]])
        for t in cuts:
            accuracy = float(np.mean((projections > t) == y))
            key = (accuracy, round(float(np.abs(projections - t).min()), 9))
            if key > best_key:
                best, best_key = (u, float(t), accuracy), key
    return best


@claim("separability.and_accuracy", fmt=".0%", expect=lambda v: v == 1.0)
def and_accuracy():
    return train_neuron("and").accuracy


@claim("separability.or_accuracy", fmt=".0%", expect=lambda v: v == 1.0)
def or_accuracy():
    return train_neuron("or").accuracy


@claim("separability.xor_neuron_loss", fmt=".3f", expect=lambda v: abs(v - math.log(2)) < 1e-6)
def xor_neuron_loss():
    """The neuron's final loss on XOR: ln 2, the loss of predicting p = 1/2 for every row."""
    return train_neuron("xor").loss


@claim("separability.xor_neuron_weight_norm", fmt=".0e", expect=lambda v: v < 1e-6)
def xor_neuron_weight_norm():
    """‖w‖ of the neuron trained on XOR: it shrinks to (numerically) zero."""
    return float(np.linalg.norm(train_neuron("xor").w))


@claim("separability.xor_best_line_accuracy", fmt=".0%", expect=lambda v: v == 0.75)
def xor_best_line_accuracy():
    return best_line("xor")[2]


@claim("separability.neuron_lr", fmt="g", expect=lambda v: v == 1.0)
def neuron_lr():
    return NEURON_LR


@claim("separability.neuron_epochs", fmt="d", expect=lambda v: v == 2000)
def neuron_epochs():
    return NEURON_EPOCHS


# ---------------------------------------------------------------------------------------
# The zoo: each function, its derivative from the backward pass, its saturated regions
# ---------------------------------------------------------------------------------------

SATURATION_EPS = 0.01  # f is saturated at x when |f′(x)| < SATURATION_EPS · max |f′|
ZOO_GRID = np.arange(-800, 801) / 100  # −8 … 8 in steps of 0.01, with 0 on the grid
FINE_GRID = np.arange(-20000, 20001) / 1000  # −20 … 20 in steps of 0.001
LEAKY_ALPHA = 0.01
PRELU_ALPHAS = (0.25, -0.25)  # 0.25 is PReLU's initial value in He et al. (2015)
ELU_ALPHA = 1.0


def elementwise_curve(name, x=ZOO_GRID, **params):
    """(f(x), f′(x)) of the elementwise activation ``name``; f′ is the backward pass of an
    upstream gradient of ones. x : ndarray of shape (G,); both outputs have shape (G,)."""
    act = get_activation(name, **params)
    out, cache = act.forward(x)
    return out, act.backward(np.ones_like(x), cache)


def prelu_curve(alpha, x=ZOO_GRID):
    """(f(x), ∂f/∂x, ∂f/∂α) of PReLU with one shared α; each of shape (G,).

    f = x if x > 0 else α·x;  ∂f/∂x = 1 or α;  ∂f/∂α = 0 or x (per entry, before summing)."""
    out, cache = prelu_forward(x[:, None], alpha)
    dx, _ = prelu_backward(np.ones((x.size, 1)), cache)
    per_entry = np.where(x > 0, 0.0, x)  # the summand of dα, one entry per x
    return out[:, 0], dx[:, 0], per_entry


def maxout_curve(W, b, x=ZOO_GRID):
    """(f(x), f′(x), pieces) of a one-input, one-output Maxout unit.

    W : ndarray of shape (k, 1, 1).  b : ndarray of shape (k, 1).
    f(x) = max_j (W[j]·x + b[j]); f′(x) = W[j*] for the winning piece j* (from the backward pass);
    pieces : ndarray of shape (k, G), each affine piece W[j]·x + b[j]."""
    out, cache = maxout_forward(x[:, None], W, b)
    dx, _, _ = maxout_backward(np.ones((x.size, 1)), cache)
    pieces = W[:, 0, 0][:, None] * x[None, :] + b[:, 0][:, None]
    return out[:, 0], dx[:, 0], pieces


MAXOUT_TARGETS = ("relu", "abs", "leaky_relu")
MAXOUT_STEPS = 1500
MAXOUT_LR = 0.1


def maxout_target(name, x):
    """The function a Maxout unit is fitted to: ReLU, |x| or Leaky ReLU (α = LEAKY_ALPHA)."""
    if name == "abs":
        return np.abs(x)
    params = {"alpha": LEAKY_ALPHA} if name == "leaky_relu" else {}
    return get_activation(name, **params).forward(x)[0]


@dataclass(frozen=True)
class MaxoutFit:
    """A k-piece Maxout unit fitted to a target on the grid x ∈ [−3, 3].

    W : ndarray of shape (k, 1, 1).  b : ndarray of shape (k, 1).
    losses : ndarray of shape (steps,), the mean squared error before each step.
    max_error : max |maxout(x) − target(x)| on the fitting grid after training.
    """

    W: np.ndarray
    b: np.ndarray
    losses: np.ndarray
    max_error: float


@functools.cache
def fit_maxout(target, *, k=2, steps=MAXOUT_STEPS, lr=MAXOUT_LR, seed=SEED):
    """Fit Maxout pieces by full-batch gradient descent on the mean squared error.

    Data: 121 points x evenly spaced in [−3, 3], y = target(x). Start: W ~ N(0, 1),
    b ~ 0.1·N(0, 1). Each step: out = maxout_forward(x, W, b); (L, dout) = mse(out, y);
    (dx, dW, db) = maxout_backward(dout, cache); W ← W − lr·dW, b ← b − lr·db.
    """
    rng = np.random.default_rng(seed)
    x = np.linspace(-3, 3, 121)[:, None]
    y = maxout_target(target, x)
    W = rng.standard_normal((k, 1, 1))
    b = 0.1 * rng.standard_normal((k, 1))
    losses = np.empty(steps)
    for step in range(steps):
        out, cache = maxout_forward(x, W, b)
        losses[step], dout = mse(out, y)
        _, dW, db = maxout_backward(dout, cache)
        W, b = W - lr * dW, b - lr * db
    out, _ = maxout_forward(x, W, b)
    return MaxoutFit(W, b, losses, float(np.abs(out - y).max()))


@claim("maxout.relu_fit_error", fmt=".0e", expect=lambda v: v < 1e-10)
def maxout_relu_fit_error():
    return fit_maxout("relu").max_error


@claim("maxout.abs_fit_error", fmt=".0e", expect=lambda v: v < 1e-10)
def maxout_abs_fit_error():
    return fit_maxout("abs").max_error


@claim("maxout.leaky_relu_fit_error", fmt=".0e", expect=lambda v: v < 1e-10)
def maxout_leaky_relu_fit_error():
    return fit_maxout("leaky_relu").max_error


@claim("maxout.fit_steps", fmt="d", expect=lambda v: v == 1500)
def maxout_fit_steps():
    return MAXOUT_STEPS


@claim("maxout.fit_lr", fmt="g", expect=lambda v: v == 0.1)
def maxout_fit_lr():
    return MAXOUT_LR


@dataclass(frozen=True)
class ZooCurve:
    """One panel of the zoo figure.

    label : the function with its parameters.  f, fprime : ndarrays of shape (G,) on ZOO_GRID.
    regions : list of (low, high) intervals of ZOO_GRID where f is saturated
    (|f′| < SATURATION_EPS · max |f′|).  pieces : Maxout's affine pieces (k, G), or None.
    """

    label: str
    f: np.ndarray
    fprime: np.ndarray
    regions: list
    pieces: np.ndarray | None = None


def saturated(fprime, eps=SATURATION_EPS):
    """Boolean mask of shape (G,): |f′| < eps · max |f′| (strictly below)."""
    slope = np.abs(fprime)
    return slope < eps * slope.max()


def regions(x, mask):
    """The runs of True in ``mask`` as a list of (x[first], x[last]) intervals; x, mask of shape (G,)."""
    padded = np.concatenate([[False], mask, [False]]).astype(np.int8)
    starts = np.flatnonzero(np.diff(padded) == 1)
    stops = np.flatnonzero(np.diff(padded) == -1) - 1
    return [(float(x[i]), float(x[j])) for i, j in zip(starts, stops)]


def zoo():
    """Every activation on ZOO_GRID: a dict key -> ZooCurve (PReLU as a list of two curves)."""
    x = ZOO_GRID
    curves = {}
    for key, params in (("sigmoid", {}), ("tanh", {}), ("relu", {}), ("leaky_relu", {"alpha": LEAKY_ALPHA}),
                        ("elu", {"alpha": ELU_ALPHA})):
        f, fp = elementwise_curve(key, x, **params)
        curves[key] = ZooCurve(key, f, fp, regions(x, saturated(fp)))
    curves["prelu"] = []
    for alpha in PRELU_ALPHAS:
        f, fp, _ = prelu_curve(alpha, x)
        curves["prelu"].append(ZooCurve(f"prelu α={alpha:g}", f, fp, regions(x, saturated(fp))))
    for target in ("relu", "abs"):
        fit = fit_maxout(target)
        f, fp, pieces = maxout_curve(fit.W, fit.b, x)
        curves[f"maxout_{target}"] = ZooCurve(f"maxout→{target}", f, fp, regions(x, saturated(fp)), pieces)
    return curves


def saturation_threshold(name, side, **params):
    """The |x| (side=+1) or x (side=−1) where the saturated region of ``name`` begins, on a
    0.001 grid over [−20, 20]: the saturated grid point closest to 0 on that side."""
    _, fp = elementwise_curve(name, FINE_GRID, **params)
    mask = saturated(fp) & (np.sign(FINE_GRID) == side)
    return float(FINE_GRID[mask][np.argmin(np.abs(FINE_GRID[mask]))])


@claim("saturation.eps", fmt=".0%", expect=lambda v: v == 0.01)
def saturation_eps():
    return SATURATION_EPS


@claim("saturation.eps_value", fmt="g", expect=lambda v: v == 0.01)
def saturation_eps_value():
    return SATURATION_EPS


@claim("sigmoid.saturation_threshold", fmt=".1f", expect=lambda v: 5.9 < v < 6.1)
def sigmoid_saturation_threshold():
    """σ′ = σ(1 − σ) < 0.0025 once σ > 0.9975, i.e. |x| > ln(399) ≈ 5.99."""
    return saturation_threshold("sigmoid", +1)


@claim("tanh.saturation_threshold", fmt=".1f", expect=lambda v: 2.9 < v < 3.1)
def tanh_saturation_threshold():
    """1 − tanh² < 0.01 once |x| > atanh(√0.99) ≈ 2.99."""
    return saturation_threshold("tanh", +1)


@claim("elu.saturation_threshold", fmt=".1f", expect=lambda v: -4.7 < v < -4.5)
def elu_saturation_threshold():
    """ELU′ = e^x < 0.01 (α = 1) once x < ln 0.01 ≈ −4.61."""
    return saturation_threshold("elu", -1, alpha=ELU_ALPHA)


@claim("sigmoid.slope_at_10", fmt=".1e", expect=lambda v: 4e-5 < v < 5e-5)
def sigmoid_slope_at_10():
    """σ′(10) from the backward pass: ≈ e^(−10)."""
    return float(elementwise_curve("sigmoid", np.array([10.0]))[1][0])


# ---------------------------------------------------------------------------------------
# Sigmoid: large initial weights saturate it
# ---------------------------------------------------------------------------------------

INIT_FAN_IN = 100
INIT_SAMPLES = 1000


@functools.cache
def sigmoid_layer_at_init(init, *, seed=SEED, **params):
    """One sigmoid layer of INIT_FAN_IN inputs and INIT_FAN_IN units at initialization.

    x ~ N(0, 1) of shape (INIT_SAMPLES, INIT_FAN_IN); W = init((100, 100)); b = 0;
    z = x·W (each z has variance 100·Var(W)).  Returns (fraction of entries of z that are
    saturated, mean σ′(z) over every entry), σ′ from the backward pass."""
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((INIT_SAMPLES, INIT_FAN_IN))
    W = get_initializer(init, **params)((INIT_FAN_IN, INIT_FAN_IN), rng=rng)
    z, _ = affine_forward(x, W, np.zeros(INIT_FAN_IN))
    _, slope = elementwise_curve("sigmoid", z)
    peak = sigmoid_peak()[0]
    return float(np.mean(slope < SATURATION_EPS * peak)), float(slope.mean())


def _large_init():
    return sigmoid_layer_at_init("small_random", scale=1.0)


def _xavier_init():
    return sigmoid_layer_at_init("xavier_normal")


@claim("sigmoid.init.fan_in", fmt="d", expect=lambda v: v == 100)
def init_fan_in():
    return INIT_FAN_IN


@claim("sigmoid.init_large.saturated_fraction", fmt=".0%", expect=lambda v: 0.4 < v < 0.7)
def init_large_saturated_fraction():
    """W ~ N(0, 1): z ~ N(0, 100), so P(|z| > 5.99) = P(|N(0,1)| > 0.599) ≈ 0.55."""
    return _large_init()[0]


@claim("sigmoid.init_xavier.saturated_fraction", fmt=".0%", expect=lambda v: v == 0.0)
def init_xavier_saturated_fraction():
    """Xavier: Var(W) = 2/(100 + 100) = 0.01, z ~ N(0, 1): |z| > 5.99 is a 6σ event."""
    return _xavier_init()[0]


@claim("sigmoid.init_large.mean_slope", fmt=".2f", expect=lambda v: 0.02 < v < 0.06)
def init_large_mean_slope():
    return _large_init()[1]


@claim("sigmoid.init_xavier.mean_slope", fmt=".2f", expect=lambda v: 0.18 < v < 0.22)
def init_xavier_mean_slope():
    return _xavier_init()[1]


@claim("sigmoid.init.slope_ratio", fmt=".0f", expect=lambda v: v > 4)
def init_slope_ratio():
    """Mean σ′ with Xavier init over mean σ′ with N(0, 1) weights."""
    return _xavier_init()[1] / _large_init()[1]


# ---------------------------------------------------------------------------------------
# Zig-zag: a linear neuron on all-positive inputs vs the same inputs centred
# ---------------------------------------------------------------------------------------

ZIGZAG_SAMPLES = 50
ZIGZAG_W_STAR = np.array([1.0, -1.0])
ZIGZAG_TOL = 0.01
ZIGZAG_MAX_STEPS = 2000
ZIGZAG_LRS = np.geomspace(0.01, 100, 41)  # 10 per decade


@functools.cache
def zigzag_inputs(*, seed=SEED):
    """(positive, centred): x = σ(z) with z ~ N(0, 1) of shape (ZIGZAG_SAMPLES, 2), the outputs
    of a sigmoid layer (every entry in (0, 1)), and the same points minus their mean."""
    rng = np.random.default_rng(seed)
    positive, _ = sigmoid_forward(rng.standard_normal((ZIGZAG_SAMPLES, 2)))
    return positive, positive - positive.mean(axis=0)


def _neuron_gradient(X, W, Y):
    """∂L/∂W for the neurons f = x·W (no bias) with L = (1/N) Σ_n Σ_l (f[n,l] − Y[n,l])².

    X : (N, 2).  W : (2, L), one weight vector per column.  Y : (N, L).  Returns dW of shape (2, L);
    column l is column l's own gradient 2/N · Σ_n (f[n,l] − Y[n,l])·x_n."""
    scores, cache = affine_forward(X, W, np.zeros(W.shape[1]))
    _, dscores = mse(scores, Y)
    _, dW, _ = affine_backward(dscores, cache)
    return dW


def descend(X, lrs, *, per_example, tol=ZIGZAG_TOL, max_steps=ZIGZAG_MAX_STEPS, record=False):
    """Gradient descent on the squared loss of f = w·x from w = (0, 0) toward w* = ZIGZAG_W_STAR
    (targets y = w*·x, so w* is the exact minimum), one run per learning rate, all at once.

    per_example : True updates on one example at a time, in order (x_1, x_2, …, x_N, x_1, …);
    False uses the full batch. A run stops when ‖w − w*‖ < tol; a run with ‖w − w*‖ > 1000 has
    diverged and stops. Returns (steps, paths): steps, int ndarray of shape (len(lrs),), the
    number of updates to reach the tolerance (−1 if never); paths, ndarray of shape
    (S + 1, 2, len(lrs)) of every iterate when ``record`` (else None).
    """
    lrs = np.asarray(lrs, dtype=float)
    n_runs = lrs.size
    W = np.zeros((2, n_runs))
    Y = np.repeat((X @ ZIGZAG_W_STAR)[:, None], n_runs, axis=1)
    steps = np.full(n_runs, -1)
    active = np.ones(n_runs, dtype=bool)
    paths = [W.copy()] if record else None
    n = X.shape[0]
    for step in range(1, max_steps + 1):
        rows = slice((step - 1) % n, (step - 1) % n + 1) if per_example else slice(None)
        dW = _neuron_gradient(X[rows], W, Y[rows])
        W = W - np.where(active, lrs, 0.0) * dW
        distance = np.linalg.norm(W - ZIGZAG_W_STAR[:, None], axis=0)
        converged = active & (distance < tol)
        diverged = active & ~(distance <= 1000)
        steps[converged] = step
        W[:, diverged] = 0.0  # keep the numbers finite; the run is over
        active &= ~(converged | diverged)
        if record:
            paths.append(W.copy())
        if not active.any():
            break
    return steps, (np.array(paths) if record else None)


@dataclass(frozen=True)
class ZigzagRun:
    """Gradient descent at the best learning rate of the sweep ZIGZAG_LRS.

    lr : that learning rate.  steps : updates to reach ‖w − w*‖ < ZIGZAG_TOL.
    path : ndarray of shape (steps + 1, 2), the iterates w_0 = (0, 0), …, w_steps.
    same_sign : fraction of updates Δw whose two components have the same sign.
    """

    lr: float
    steps: int
    path: np.ndarray
    same_sign: float


@functools.cache
def zigzag_run(inputs, per_example):
    """The fastest run of the learning-rate sweep for ``inputs`` ('positive' or 'centred')."""
    X = zigzag_inputs()[0 if inputs == "positive" else 1]
    steps, _ = descend(X, ZIGZAG_LRS, per_example=per_example)
    ok = steps > 0
    best = int(np.flatnonzero(ok)[np.argmin(steps[ok])])
    lr = float(ZIGZAG_LRS[best])
    steps_best, paths = descend(X, [lr], per_example=per_example, record=True)
    path = paths[: steps_best[0] + 1, :, 0]
    delta = np.diff(path, axis=0)
    same = np.sign(delta[:, 0]) == np.sign(delta[:, 1])
    return ZigzagRun(lr, int(steps_best[0]), path, float(same.mean()))


def zigzag_loss_surface(inputs, w1, w2):
    """L(w) = (1/N) Σ_n (w·x_n − w*·x_n)² on a grid: w1 of shape (A,), w2 of shape (B,);
    returns an ndarray of shape (B, A), computed as one affine layer with A·B output columns."""
    X = zigzag_inputs()[0 if inputs == "positive" else 1]
    g1, g2 = np.meshgrid(w1, w2)
    W = np.stack([g1.ravel(), g2.ravel()])
    scores, _ = affine_forward(X, W, np.zeros(W.shape[1]))
    err = scores - (X @ ZIGZAG_W_STAR)[:, None]
    return np.mean(err**2, axis=0).reshape(g1.shape)


def zigzag_condition(inputs):
    """Condition number λ_max/λ_min of the loss's Hessian 2·XᵀX/N (the curvature of L)."""
    X = zigzag_inputs()[0 if inputs == "positive" else 1]
    eig = np.linalg.eigvalsh(2 * X.T @ X / X.shape[0])
    return float(eig[-1] / eig[0])


@claim("zigzag.samples", fmt="d", expect=lambda v: v == 50)
def zigzag_samples():
    return ZIGZAG_SAMPLES


@claim("zigzag.tolerance", fmt="g", expect=lambda v: v == 0.01)
def zigzag_tolerance():
    return ZIGZAG_TOL


@claim("zigzag.positive_same_sign", fmt=".0%", expect=lambda v: v == 1.0)
def zigzag_positive_same_sign():
    """Every per-example update on positive inputs moves w1 and w2 the same way."""
    return zigzag_run("positive", True).same_sign


@claim("zigzag.centred_same_sign", fmt=".0%", expect=lambda v: 0.2 < v < 0.8)
def zigzag_centred_same_sign():
    return zigzag_run("centred", True).same_sign


@claim("zigzag.positive_steps", fmt="d", expect=lambda v: v > 2 * zigzag_run("centred", True).steps)
def zigzag_positive_steps():
    return zigzag_run("positive", True).steps


@claim("zigzag.centred_steps", fmt="d", expect=lambda v: 0 < v < zigzag_run("positive", True).steps / 2)
def zigzag_centred_steps():
    return zigzag_run("centred", True).steps


@claim("zigzag.positive_batch_steps", fmt="d", expect=lambda v: v > 5 * zigzag_run("centred", False).steps)
def zigzag_positive_batch_steps():
    return zigzag_run("positive", False).steps


@claim("zigzag.centred_batch_steps", fmt="d", expect=lambda v: 0 < v < 10)
def zigzag_centred_batch_steps():
    return zigzag_run("centred", False).steps


@claim("zigzag.positive_lr", fmt=".2g", expect=lambda v: v < zigzag_run("centred", True).lr)
def zigzag_positive_lr():
    return zigzag_run("positive", True).lr


@claim("zigzag.centred_lr", fmt=".2g", expect=lambda v: v > zigzag_run("positive", True).lr)
def zigzag_centred_lr():
    return zigzag_run("centred", True).lr


@claim("zigzag.positive_condition", fmt=".0f", expect=lambda v: v > 5 * zigzag_condition("centred"))
def zigzag_positive_condition():
    return zigzag_condition("positive")


@claim("zigzag.centred_condition", fmt=".1f", expect=lambda v: 1 <= v < 2)
def zigzag_centred_condition():
    return zigzag_condition("centred")


# ---------------------------------------------------------------------------------------
# Mean activation for zero-mean inputs
# ---------------------------------------------------------------------------------------

MEAN_SAMPLES = 100_000
MEAN_FUNCTIONS = ("relu", "leaky_relu", "elu", "tanh")
PHI = 1 / math.sqrt(2 * math.pi)  # E[max(0, x)] for x ~ N(0, 1)
# E[ELU(x)] = E[x; x > 0] + E[e^x − 1; x < 0] = 1/√(2π) + e^(1/2)·Φ(−1) − 1/2
ELU_MEAN = PHI + math.exp(0.5) * 0.5 * math.erfc(1 / math.sqrt(2)) - 0.5


@functools.cache
def activation_outputs(*, seed=SEED):
    """x ~ N(0, 1) of shape (MEAN_SAMPLES, 1) through each of MEAN_FUNCTIONS (Leaky ReLU α = 0.01,
    ELU α = 1). Returns a dict name -> ndarray of shape (MEAN_SAMPLES, 1), and x under 'input'."""
    x = np.random.default_rng(seed).standard_normal((MEAN_SAMPLES, 1))
    params = {"leaky_relu": {"alpha": LEAKY_ALPHA}, "elu": {"alpha": ELU_ALPHA}}
    outputs = {name: get_activation(name, **params.get(name, {})).forward(x)[0] for name in MEAN_FUNCTIONS}
    return {"input": x, **outputs}


def activation_histograms(bins=120, low=-1.5, high=3.0):
    """(counts, edges) of each output on [low, high] via nnnotes.monitoring.activation_histogram."""
    return {name: activation_histogram(a, bins=bins, value_range=(low, high)) for name, a in activation_outputs().items()}


def mean_activation(name):
    return float(activation_outputs()[name].mean())


@claim("mean.samples", fmt=",d", expect=lambda v: v == 100_000)
def mean_samples():
    return MEAN_SAMPLES


@claim("mean.input", fmt=".4f", expect=lambda v: abs(v) < 0.01)
def mean_input():
    return mean_activation("input")


@claim("mean.relu", fmt=".2f", expect=lambda v: abs(v - PHI) < 0.01)
def mean_relu():
    """E[max(0, x)] = 1/√(2π) ≈ 0.399 for x ~ N(0, 1)."""
    return mean_activation("relu")


@claim("mean.leaky_relu", fmt=".2f", expect=lambda v: abs(v - 0.99 * PHI) < 0.01)
def mean_leaky_relu():
    """E = (1 − α)/√(2π) ≈ 0.395: α·E[x] adds α·(−1/√(2π)) on the negative side."""
    return mean_activation("leaky_relu")


@claim("mean.elu", fmt=".2f", expect=lambda v: abs(v - ELU_MEAN) < 0.01 and 0.05 < v < mean_relu() / 2)
def mean_elu():
    """≈ 0.16: closer to zero than ReLU's 0.40, but not zero."""
    return mean_activation("elu")


@claim("mean.tanh", fmt=".4f", expect=lambda v: abs(v) < 0.01)
def mean_tanh():
    return mean_activation("tanh")


@claim("mean.relu_zero_fraction", fmt=".0%", expect=lambda v: abs(v - 0.5) < 0.01)
def relu_zero_fraction():
    """Fraction of ReLU outputs that are exactly 0 (sparsity) for x ~ N(0, 1)."""
    return float(np.mean(activation_outputs()["relu"] == 0))


# ---------------------------------------------------------------------------------------
# Maxout: parameters
# ---------------------------------------------------------------------------------------

LAYER_IN, LAYER_OUT = 100, 100


def maxout_layer_parameters(k, d=LAYER_IN, m=LAYER_OUT, *, seed=SEED):
    """Parameters of a Maxout layer d → m with k pieces: W of shape (k, d, m) and b of shape (k, m),
    k·(d + 1)·m numbers, counted on the initialized arrays."""
    W = get_initializer("xavier_normal")((k, d, m), rng=np.random.default_rng(seed))
    b = np.zeros((k, m))
    return W.size + b.size


@claim("maxout.relu_layer_parameters", fmt=",d", expect=lambda v: v == 100 * 100 + 100)
def relu_layer_parameters():
    """A fully connected layer 100 → 100 (the one a ReLU follows): an MLP [100, 100]'s parameters."""
    return MLP([LAYER_IN, LAYER_OUT], rng=np.random.default_rng(SEED)).n_parameters


@claim("maxout.k2_layer_parameters", fmt=",d", expect=lambda v: v == 2 * relu_layer_parameters())
def maxout_k2_layer_parameters():
    return maxout_layer_parameters(2)


@claim("maxout.k4_layer_parameters", fmt=",d", expect=lambda v: v == 4 * relu_layer_parameters())
def maxout_k4_layer_parameters():
    return maxout_layer_parameters(4)


# ---------------------------------------------------------------------------------------
# Compute cost: measured times (they vary between machines and runs) and operation counts
# ---------------------------------------------------------------------------------------

COST_ROWS, COST_COLS = 512, 256
COST_REPEATS = 15
ELEMENTWISE_COST = ("relu", "leaky_relu", "tanh", "sigmoid", "prelu", "elu")
COST_NAMES = ELEMENTWISE_COST + ("maxout", "affine")


def _cost_ops(x, dout, names, rng):
    """name -> a zero-argument callable running one forward + backward pass on x, for ``names``."""
    ops = {}
    for name in ("sigmoid", "tanh", "relu", "leaky_relu", "elu"):
        # the unchecked pair the MLP's training loop runs (no argument checks)
        act = _lookup(name, {}, checked=False)
        ops[name] = functools.partial(lambda act: act.backward(dout, act.forward(x)[1]), act)
    alpha = np.full(x.shape[1], 0.25)
    ops["prelu"] = lambda: prelu_backward(dout, prelu_forward(x, alpha)[1])
    d = x.shape[1]
    W = get_initializer("xavier_normal")((2, d, d), rng=rng)
    b = np.zeros((2, d))
    ops["maxout"] = lambda: maxout_backward(dout, maxout_forward(x, W, b)[1])
    ops["affine"] = lambda: affine_backward(dout, affine_forward(x, W[0], b[0])[1])
    return {name: ops[name] for name in names}


@functools.cache
def activation_costs(names=COST_NAMES, rows=COST_ROWS, cols=COST_COLS, repeats=COST_REPEATS, *, seed=SEED):
    """Measured time of forward + backward per output element, in nanoseconds: dict name -> ns.

    Every function runs on x of shape (rows, cols) with an upstream gradient of ones. 'maxout' is
    a k = 2 Maxout layer cols → cols (its two affine pieces included); 'affine' is one fully
    connected layer cols → cols (x·W + b and its backward: three matrix products), for scale.
    Each op is warmed up 3 times, then the ops are timed in turn, ``repeats`` rounds, and the
    median of each op's times is divided by rows·cols. Timings differ between machines and runs
    (and the matrix products with the number of BLAS threads and the machine's load).
    """
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((rows, cols))
    dout = np.ones((rows, cols))
    ops = _cost_ops(x, dout, names, rng)
    # Allocate and free one array larger than any temporary: glibc's malloc then raises its
    # mmap threshold, so the timed temporaries reuse heap memory instead of fresh pages
    # (page faults would otherwise add a few ns per element, more for functions that allocate more).
    np.ones(8 * x.size).sum()
    for _ in range(3):
        for op in ops.values():
            op()
    times = {name: [] for name in ops}
    for _ in range(repeats):
        for name, op in ops.items():
            start = time.perf_counter()
            op()
            times[name].append(time.perf_counter() - start)
    return {name: float(np.median(times[name])) * 1e9 / x.size for name in names}


@claim("cost.elu_over_relu", fmt=".0f", expect=lambda v: v > 1.5)
def cost_elu_over_relu():
    """Measured: ELU (an exp on the negative side) costs clearly more than ReLU (a comparison)."""
    costs = activation_costs(ELEMENTWISE_COST)
    return costs["elu"] / costs["relu"]


@claim("cost.sigmoid_over_relu", fmt=".1f", expect=lambda v: v > 1.0)
def cost_sigmoid_over_relu():
    """Measured: the sigmoid (an exp per entry) costs more than ReLU, but not by much."""
    costs = activation_costs(ELEMENTWISE_COST)
    return costs["sigmoid"] / costs["relu"]


@claim("cost.fan_in", fmt="d", expect=lambda v: v == 256)
def cost_fan_in():
    return COST_COLS


@claim("cost.affine_macs_per_output", fmt="d", expect=lambda v: v == 3 * 256)
def affine_macs_per_output(d=COST_COLS, m=COST_COLS, n=COST_ROWS):
    """Multiply-adds per output element of a fully connected layer d → m, forward + backward:
    x·W (n·d·m), dout·Wᵀ (n·m·d) and xᵀ·dout (d·n·m), divided by the n·m outputs: 3·d."""
    return (n * d * m + n * m * d + d * n * m) // (n * m)
