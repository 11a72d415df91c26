"""The activation "zoo": each function, its derivative from the backward pass, its saturated
regions; Maxout pieces fitted to ReLU, |x| and Leaky ReLU."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ...activations import get_activation, maxout_backward, maxout_forward, prelu_backward, prelu_forward
from ...losses import mse
from ..claims import claim, setting
from ..shared import shared
from . import SEED

# f is saturated at x when |f′(x)| < SATURATION_EPS · max |f′|
SATURATION_EPS = setting("activations.saturation.eps", 0.01, fmt=".0%")
setting("activations.saturation.eps_value", SATURATION_EPS, fmt="g")
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
MAXOUT_STEPS = setting("activations.maxout.fit_steps", 1500, fmt="d")
MAXOUT_LR = setting("activations.maxout.fit_lr", 0.1, fmt="g")


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


@shared
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


@claim("activations.maxout.relu_fit_error", fmt=".0e", expect=lambda v: v < 1e-10)
def maxout_relu_fit_error():
    return fit_maxout("relu").max_error


@claim("activations.maxout.abs_fit_error", fmt=".0e", expect=lambda v: v < 1e-10)
def maxout_abs_fit_error():
    return fit_maxout("abs").max_error


@claim("activations.maxout.leaky_relu_fit_error", fmt=".0e", expect=lambda v: v < 1e-10)
def maxout_leaky_relu_fit_error():
    return fit_maxout("leaky_relu").max_error


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


@claim("activations.sigmoid.saturation_threshold", fmt=".1f", expect=lambda v: 5.9 < v < 6.1)
def sigmoid_saturation_threshold():
    """σ′ = σ(1 − σ) < 0.0025 once σ > 0.9975, i.e. |x| > ln(399) ≈ 5.99."""
    return saturation_threshold("sigmoid", +1)


@claim("activations.tanh.saturation_threshold", fmt=".1f", expect=lambda v: 2.9 < v < 3.1)
def tanh_saturation_threshold():
    """1 − tanh² < 0.01 once |x| > atanh(√0.99) ≈ 2.99."""
    return saturation_threshold("tanh", +1)


@claim("activations.elu.saturation_threshold", fmt=".1f", expect=lambda v: -4.7 < v < -4.5)
def elu_saturation_threshold():
    """ELU′ = e^x < 0.01 (α = 1) once x < ln 0.01 ≈ −4.61."""
    return saturation_threshold("elu", -1, alpha=ELU_ALPHA)


@claim("activations.sigmoid.slope_at_10", fmt=".1e", expect=lambda v: 4e-5 < v < 5e-5)
def sigmoid_slope_at_10():
    """σ′(10) from the backward pass: ≈ e^(−10)."""
    return float(elementwise_curve("sigmoid", np.array([10.0]))[1][0])
