"""The zig-zag: gradient descent for a linear neuron on all-positive inputs (the outputs of a
sigmoid layer) against the same inputs centred."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from ...activations import sigmoid_forward
from ...layers import affine_backward, affine_forward
from ...losses import mse
from ..claims import claim, setting
from ..shared import shared
from . import SEED

ZIGZAG_SAMPLES = setting("activations.zigzag.samples", 50, fmt="d")
ZIGZAG_W_STAR = np.array([1.0, -1.0])
ZIGZAG_TOL = setting("activations.zigzag.tolerance", 0.01, fmt="g")
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


@shared
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



@claim("activations.zigzag.positive_same_sign", fmt=".0%", expect=lambda v: v == 1.0)
def zigzag_positive_same_sign():
    """Every per-example update on positive inputs moves w1 and w2 the same way."""
    return zigzag_run("positive", True).same_sign


@claim("activations.zigzag.centred_same_sign", fmt=".0%", expect=lambda v: 0.2 < v < 0.8)
def zigzag_centred_same_sign():
    return zigzag_run("centred", True).same_sign


@claim("activations.zigzag.positive_steps", fmt="d", expect=lambda v: v > 2 * zigzag_run("centred", True).steps)
def zigzag_positive_steps():
    return zigzag_run("positive", True).steps


@claim("activations.zigzag.centred_steps", fmt="d", expect=lambda v: 0 < v < zigzag_run("positive", True).steps / 2)
def zigzag_centred_steps():
    return zigzag_run("centred", True).steps


@claim("activations.zigzag.positive_batch_steps", fmt="d", expect=lambda v: v > 5 * zigzag_run("centred", False).steps)
def zigzag_positive_batch_steps():
    return zigzag_run("positive", False).steps


@claim("activations.zigzag.centred_batch_steps", fmt="d", expect=lambda v: 0 < v < 10)
def zigzag_centred_batch_steps():
    return zigzag_run("centred", False).steps


@claim("activations.zigzag.positive_lr", fmt=".2g", expect=lambda v: v < zigzag_run("centred", True).lr)
def zigzag_positive_lr():
    return zigzag_run("positive", True).lr


@claim("activations.zigzag.centred_lr", fmt=".2g", expect=lambda v: v > zigzag_run("positive", True).lr)
def zigzag_centred_lr():
    return zigzag_run("centred", True).lr


@claim("activations.zigzag.positive_condition", fmt=".0f", expect=lambda v: v > 5 * zigzag_condition("centred"))
def zigzag_positive_condition():
    return zigzag_condition("positive")


@claim("activations.zigzag.centred_condition", fmt=".1f", expect=lambda v: 1 <= v < 2)
def zigzag_centred_condition():
    return zigzag_condition("centred")
