"""Preprocessing: a correlated 2-D cloud far from the origin, zero-centred, normalized,
PCA-rotated and whitened, and the gradient-descent steps a linear neuron needs on each version."""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np

from ...model import MLP
from ..claims import claim, listed, setting
from ..shared import shared
from . import SEED


def power_of_ten(value):
    """10⁻⁶ for 1e-6: a power of ten with a superscript exponent."""
    exponent = str(round(math.log10(value)))
    return "10" + exponent.translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))


def linear_formula(target):
    """0.8·x₁ − 1.5·x₂ + 0.5 for target = ((0.8, -1.5), 0.5): the affine map t = x·w + b."""
    (w1, w2), b = target
    return f"{w1:g}·x₁ {'−' if w2 < 0 else '+'} {abs(w2):g}·x₂ + {b:g}"


CLOUD_SAMPLES = setting("training_setup.pre.samples", 500, fmt="d")
CLOUD_MEAN = setting("training_setup.pre.cloud_mean", (5.0, 3.0), fmt=listed("g", "()"))  # far from the origin
# the two features have different scales and are correlated
CLOUD_STD = (setting("training_setup.pre.cloud_std1", 2.0, fmt="g"),
             setting("training_setup.pre.cloud_std2", 0.5, fmt="g"))
CLOUD_CORR = setting("training_setup.pre.cloud_corr", 0.7, fmt="g")
PREPROCESSING_STEPS = ("raw", "centred", "normalized", "rotated", "whitened")
# converged when L − L* < DESCENT_TOL · (L_0 − L*)
DESCENT_TOL = setting("training_setup.pre.tol", 1e-6, fmt=power_of_ten)
DESCENT_MAX_STEPS = 12000
# the regression target t = x·TARGET_W + TARGET_B + noise
TARGET = setting("training_setup.pre.target", ((0.8, -1.5), 0.5), fmt=linear_formula)
TARGET_W, TARGET_B = np.array(TARGET[0]), TARGET[1]
TARGET_NOISE = setting("training_setup.pre.target_noise", 0.3, fmt="g")


def correlated_cloud(n_samples=CLOUD_SAMPLES, *, seed=SEED):
    """A Gaussian cloud in 2-D: mean CLOUD_MEAN, standard deviations CLOUD_STD, correlation CLOUD_CORR.

    x_n = μ + L·z_n with z_n ~ N(0, I) and L the Cholesky factor of the covariance
    Σ = [[s₁², r·s₁·s₂], [r·s₁·s₂, s₂²]]. Returns X, float64 ndarray of shape (n_samples, 2).
    """
    s1, s2 = CLOUD_STD
    cov = np.array([[s1 * s1, CLOUD_CORR * s1 * s2], [CLOUD_CORR * s1 * s2, s2 * s2]])
    z = np.random.default_rng(seed).standard_normal((n_samples, 2))
    return z @ np.linalg.cholesky(cov).T + np.array(CLOUD_MEAN)


@dataclass(frozen=True)
class PreprocessingStats:
    """Statistics of a training set X of shape (N, D), used to transform any data set.

    mean, std : ndarray of shape (D,), per feature (std divides by N).
    eigvals : ndarray of shape (D,), eigenvalues of the covariance XcᵀXc/N (Xc = X − mean), largest first.
    eigvecs : ndarray of shape (D, D), the matching eigenvectors as columns (the principal axes).
    """

    mean: np.ndarray
    std: np.ndarray
    eigvals: np.ndarray
    eigvecs: np.ndarray

    @classmethod
    def fit(cls, X):
        """The statistics of the training set X (N, D)."""
        centred = X - X.mean(axis=0)
        eigvals, eigvecs = np.linalg.eigh(centred.T @ centred / X.shape[0])
        return cls(X.mean(axis=0), X.std(axis=0), eigvals[::-1], eigvecs[:, ::-1])

    def transform(self, X, step):
        """X (N, D) after ``step``, with this object's (training) statistics:

        raw: X;  centred: X − μ;  normalized: (X − μ)/σ;  rotated: (X − μ)·U (PCA axes);
        whitened: (X − μ)·U / √λ (each PCA axis divided by its standard deviation).
        """
        centred = X - self.mean
        if step == "raw":
            return X.copy()
        if step == "centred":
            return centred
        if step == "normalized":
            return centred / self.std
        if step == "rotated":
            return centred @ self.eigvecs
        if step == "whitened":
            return centred @ self.eigvecs / np.sqrt(self.eigvals)
        raise ValueError(f"step must be one of {PREPROCESSING_STEPS}; got {step!r}")


@functools.cache
def preprocessed(step, *, seed=SEED):
    """``correlated_cloud(seed=seed)`` after ``step``, statistics from the cloud itself: (N, 2)."""
    X = correlated_cloud(seed=seed)
    return PreprocessingStats.fit(X).transform(X, step)


def regression_targets(*, seed=SEED):
    """t = x·TARGET_W + TARGET_B + TARGET_NOISE·N(0, 1) on the raw cloud: ndarray of shape (N,).

    Every preprocessing step is an invertible affine map of x, so the best affine fit and its
    loss L* are the same on every version of the data."""
    X = correlated_cloud(seed=seed)
    noise = np.random.default_rng(seed + 1).standard_normal(X.shape[0])
    return X @ TARGET_W + TARGET_B + TARGET_NOISE * noise


def hessian_eigenvalues(X):
    """Eigenvalues (ascending) of the Hessian of L(w, b) = (1/N) Σ_n (x_n·w + b − t_n)²,
    H = (2/N)·AᵀA with A = [X 1] of shape (N, D + 1). The Hessian does not depend on t."""
    A = np.column_stack([X, np.ones(X.shape[0])])
    return np.linalg.eigvalsh(2 * A.T @ A / X.shape[0])


@dataclass(frozen=True)
class DescentRun:
    """Full-batch gradient descent of a linear neuron on one version of the cloud.

    condition : κ = λ_max/λ_min of the Hessian.  lr : 2/(λ_max + λ_min), the constant learning
    rate that is best for a quadratic loss.  steps : updates until L − L* < DESCENT_TOL·(L_0 − L*).
    predicted : ⌈log(DESCENT_TOL) / (2·log((κ − 1)/(κ + 1)))⌉, the bound from the slowest direction.
    excess : ndarray of shape (steps + 1,), (L_k − L*)/(L_0 − L*) for k = 0 … steps.
    """

    condition: float
    lr: float
    steps: int
    predicted: int
    excess: np.ndarray


@shared
def descent_steps(step, *, seed=SEED):
    """Train MLP([2, 1]) (a linear neuron, weights and bias starting at 0) with loss="mse" on
    ``preprocessed(step)`` and the targets ``regression_targets()``; returns a DescentRun."""
    X, t = preprocessed(step, seed=seed), regression_targets(seed=seed)
    eig = hessian_eigenvalues(X)
    condition, lr = float(eig[-1] / eig[0]), float(2 / (eig[-1] + eig[0]))
    A = np.column_stack([X, np.ones(X.shape[0])])
    best, *_ = np.linalg.lstsq(A, t, rcond=None)
    optimum = float(np.mean((A @ best - t) ** 2))
    rate = (condition - 1) / (condition + 1)
    predicted = 1 if rate < 1e-12 else math.ceil(math.log(DESCENT_TOL) / (2 * math.log(rate)))
    # the excess loss shrinks at least by rate² per step, so predicted + a few steps always suffice
    net = MLP([2, 1], rng=np.random.default_rng(seed), init="zeros")
    history = net.fit(X, t, loss="mse", lr=lr, epochs=min(predicted + 5, DESCENT_MAX_STEPS))
    excess = (history.loss - optimum) / (history.loss[0] - optimum)
    below = np.flatnonzero(excess < DESCENT_TOL)
    steps = int(below[0]) if below.size else -1
    return DescentRun(condition, lr, steps, predicted, excess[: steps + 1] if steps >= 0 else excess)


@claim("training_setup.pre.raw_condition", fmt=".0f", expect=lambda v: v > 1000)
def pre_raw_condition():
    return descent_steps("raw").condition


@claim("training_setup.pre.centred_condition", fmt=".0f", expect=lambda v: 10 < v < 100)
def pre_centred_condition():
    return descent_steps("centred").condition


@claim("training_setup.pre.normalized_condition", fmt=".1f", expect=lambda v: 1 < v < 10)
def pre_normalized_condition():
    return descent_steps("normalized").condition


@claim("training_setup.pre.raw_steps", fmt="d", expect=lambda v: v > 2000)
def pre_raw_steps():
    return descent_steps("raw").steps


@claim("training_setup.pre.centred_steps", fmt="d", expect=lambda v: 0 < v < pre_raw_steps() / 10)
def pre_centred_steps():
    return descent_steps("centred").steps


@claim("training_setup.pre.normalized_steps", fmt="d", expect=lambda v: 0 < v < pre_centred_steps())
def pre_normalized_steps():
    return descent_steps("normalized").steps


@claim("training_setup.pre.rotated_steps", fmt="d", expect=lambda v: v == pre_centred_steps())
def pre_rotated_steps():
    """PCA rotation alone changes nothing: gradient descent does not care how the axes are turned."""
    return descent_steps("rotated").steps


@claim("training_setup.pre.whitened_steps", fmt="d", expect=lambda v: v == 1)
def pre_whitened_steps():
    return descent_steps("whitened").steps


@claim("training_setup.pre.raw_over_centred", fmt=".0f", expect=lambda v: v > 10)
def pre_raw_over_centred():
    return descent_steps("raw").steps / descent_steps("centred").steps


@claim("training_setup.pre.raw_predicted", fmt="d", expect=lambda v: v >= pre_raw_steps())
def pre_raw_predicted():
    """The slowest-direction bound for the raw cloud (the measured count may only be lower)."""
    return descent_steps("raw").predicted


@claim("training_setup.pre.bound_holds", fmt="d", expect=lambda v: v == len(PREPROCESSING_STEPS))
def pre_bound_holds():
    """Number of versions whose measured steps lie at or below the bound, and within 1 step of
    it except for the raw cloud."""
    runs = {step: descent_steps(step) for step in PREPROCESSING_STEPS}
    return sum(1 for step, r in runs.items() if r.steps <= r.predicted and (step == "raw" or r.predicted - r.steps <= 1))
