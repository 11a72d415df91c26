"""Exploding (and vanishing) products of random matrices (d2l, "Numerical stability and
initialization"): the norm of a product of random n×n Gaussian matrices against depth and scale,
and its exact growth rate."""

from __future__ import annotations

import functools
import math

import numpy as np

from ..claims import claim, setting
from ..shared import shared
from . import SEED

PRODUCT_SIZE = 4
PRODUCT_DEPTH = 100
PRODUCT_TRIALS = setting("gradient_flow.explode.trials", 1000, fmt="d")
PRODUCT_SCALES = (0.25, 0.5, 1.0, 2.0)  # the figure's curves, besides the critical scale
# what a 10 % larger scale does to the norm of a product of PRODUCT_DEPTH factors
setting("gradient_flow.explode.tenth_more", 1.1**PRODUCT_DEPTH, fmt=",.0f")

@functools.cache
def _unit_gaussian_matrices(trials, depth, n, seed):
    """A (trials, depth, n, n) array of N(0, 1) entries from default_rng(seed); shared, do not modify."""
    return np.random.default_rng(seed).standard_normal((trials, depth, n, n))


@shared
def product_log_norms(scale, *, depth=PRODUCT_DEPTH, n=PRODUCT_SIZE, trials=PRODUCT_TRIALS, seed=SEED):
    """ln ‖M_k‖ for M_k = (σA_1)(σA_2)…(σA_k), k = 1 … depth, A_i with N(0, 1) entries, σ = ``scale``.

    ‖·‖ is the Frobenius norm. Every scale uses the same matrices A_i (drawn from
    default_rng(seed)), so the curves of two scales differ only by σ.
    Returns an ndarray of shape (trials, depth).
    """
    A = _unit_gaussian_matrices(trials, depth, n, seed)
    M = np.broadcast_to(np.eye(n), (trials, n, n))
    out = np.empty((trials, depth))
    for k in range(depth):
        M = M @ (scale * A[:, k])
        out[:, k] = np.log(np.linalg.norm(M, axis=(1, 2)))
    return out


def digamma_half_integer(n):
    """ψ(n/2) for an integer n ≥ 1: ψ(k) = −γ + Σ_{j<k} 1/j and ψ(k + ½) = −γ − 2 ln 2 + Σ_{j≤k} 2/(2j − 1)."""
    k, odd = divmod(n, 2)
    if odd:
        return -np.euler_gamma - 2 * math.log(2) + sum(2 / (2 * j - 1) for j in range(1, k + 1))
    return -np.euler_gamma + sum(1 / j for j in range(1, k))


def exact_growth_rate(n=PRODUCT_SIZE, scale=1.0):
    """λ(σ) = lim (1/k) ln ‖M_k‖ = ln σ + ½ (ln 2 + ψ(n/2)) for n×n matrices with N(0, σ²) entries.

    For a unit vector u, A u ~ N(0, σ² I), so ‖A u‖² = σ²·χ²_n whatever u is; the factors
    ‖A_i u_{i−1}‖ along a product are independent, and E[ln χ²_n] = ln 2 + ψ(n/2).
    """
    return math.log(scale) + 0.5 * (math.log(2) + digamma_half_integer(n))


def exact_critical_scale(n=PRODUCT_SIZE):
    """The σ with λ(σ) = 0: σ_c = exp(−½ (ln 2 + ψ(n/2))) = 1 / √(2·e^{ψ(n/2)})."""
    return math.exp(-exact_growth_rate(n, 1.0))


@functools.cache
def measured_growth_rate(n=PRODUCT_SIZE, depth=PRODUCT_DEPTH, trials=PRODUCT_TRIALS, seed=SEED):
    """The slope of the mean of ln ‖M_k‖ (σ = 1) between k = depth/2 and k = depth; the slope
    leaves out the constant offset of the Frobenius norm."""
    logs = product_log_norms(1.0, depth=depth, n=n, trials=trials, seed=seed).mean(axis=0)
    half = depth // 2
    return float((logs[depth - 1] - logs[half - 1]) / (depth - half))


def measured_critical_scale(n=PRODUCT_SIZE):
    """exp(−measured growth rate): the scale at which the typical norm neither grows nor shrinks."""
    return math.exp(-measured_growth_rate(n))


def product_summary(scale, *, low=0.1, high=0.9, depth=PRODUCT_DEPTH):
    """log10 ‖M_k‖ over the trials, k = 1 … depth: the mean (log of the geometric-mean norm) and
    the ``low`` and ``high`` quantiles; three ndarrays of shape (depth,)."""
    logs = product_log_norms(scale, depth=depth) / math.log(10)
    return logs.mean(axis=0), np.quantile(logs, low, axis=0), np.quantile(logs, high, axis=0)


@functools.cache
def typical_log10_norm(scale, depth=PRODUCT_DEPTH):
    """Mean over the trials of log10 ‖M_depth‖ at ``scale``: the log of the geometric-mean norm."""
    return float(product_log_norms(scale, depth=depth)[:, depth - 1].mean() / math.log(10))


def d2l_product_norm(seed=SEED, depth=PRODUCT_DEPTH, n=PRODUCT_SIZE):
    """‖A_1 A_2 … A_depth‖ for n×n N(0, 1) matrices drawn one after another from default_rng(seed),
    as the page's code snippet does."""
    rng = np.random.default_rng(seed)
    M = np.eye(n)
    for _ in range(depth):
        M = M @ rng.standard_normal((n, n))
    return float(np.linalg.norm(M))


@claim("gradient_flow.explode.d2l_norm", fmt=".1e", expect=lambda v: 1e20 < v < 1e30)
def _d2l_norm():
    return d2l_product_norm()


@claim("gradient_flow.explode.typical_log10", fmt=".0f", expect=lambda v: 23.5 < v < 26)
def _typical_log10():
    """Mean of log10 ‖M_100‖ over 1000 trials at σ = 1: 'about 10^25'."""
    return typical_log10_norm(1.0)

@claim("gradient_flow.explode.rate_exact", fmt=".3f", expect=lambda v: abs(v - 0.558) < 1e-3)
def _rate_exact():
    return exact_growth_rate()


@claim("gradient_flow.explode.rate_measured", fmt=".3f", expect=lambda v: abs(v - exact_growth_rate()) < 0.01)
def _rate_measured():
    return measured_growth_rate()


@claim("gradient_flow.explode.critical_exact", fmt=".3f", expect=lambda v: abs(v - 0.572) < 1e-3)
def _critical_exact():
    return exact_critical_scale()


@claim("gradient_flow.explode.critical_measured", fmt=".3f",
       expect=lambda v: abs(v - exact_critical_scale()) < 0.01 and v > 0.5)
def _critical_measured():
    """Agrees with the exact σ_c and lies clearly above the mean-square value 1/√n = 0.5."""
    return measured_critical_scale()


@claim("gradient_flow.explode.critical_above_half", fmt=".0%", expect=lambda v: 0.1 < v < 0.2)
def _critical_above_half():
    """How far the exact σ_c for n = 4 lies above 1/√4 = 0.5."""
    return exact_critical_scale(4) * math.sqrt(4) - 1


@claim("gradient_flow.explode.critical_above_inv_sqrt_n_100", fmt=".1%", expect=lambda v: 0 < v < 0.01)
def _critical_above_inv_sqrt_n_100():
    """For 100×100 matrices σ_c is less than 1 % above 1/√100."""
    return exact_critical_scale(100) * math.sqrt(100) - 1


@claim("gradient_flow.explode.half_typical_log10", fmt=".1f", expect=lambda v: v < -4)
def _half_typical_log10():
    """At σ = 1/√4 = 0.5 the typical ‖M_100‖ still shrinks below 10^−4."""
    return typical_log10_norm(0.5)
