"""One outlier against a line fitted under L2 (MSE), L1 (MAE) and Huber.

Points t = SLOPE·x + INTERCEPT + noise (σ = NOISE) at N_POINTS values of x drawn uniformly
from X_RANGE (seed ``SEED``); the outlier is the point with the largest x, its target moved
down by OUTLIER_SHIFT. A line is ``MLP([1, 1])`` (one weight, the slope; one bias, the
intercept) trained by full-batch gradient descent on each loss. MSE's fit is the least-squares
line; MAE's subgradient steps end within about LR/N of the L1 line.
"""

from __future__ import annotations

import numpy as np

from ...losses import get_loss
from ...model import MLP
from ..claims import claim, listed, setting
from ..shared import shared
from . import SEED

REGRESSION_LOSSES = ("mse", "mae", "huber")
X_RANGE = setting("losses_and_regularization.reg_x_range", (-1.0, 1.0), fmt=listed("g", "[]"))
N_POINTS = setting("losses_and_regularization.reg_points", 20, fmt="d")
SLOPE = setting("losses_and_regularization.reg_slope", 2.0, fmt="g")
INTERCEPT = setting("losses_and_regularization.reg_intercept", 0.5, fmt="g")
NOISE = setting("losses_and_regularization.reg_noise", 0.1, fmt="g")
OUTLIER_SHIFT = setting("losses_and_regularization.outlier_shift", 10.0, fmt="g")
HUBER_DELTA = setting("losses_and_regularization.huber_delta", 1.0, fmt="g")  # MLP.fit's δ for "huber"
LR = setting("losses_and_regularization.reg_lr", 0.1, fmt="g")
EPOCHS = setting("losses_and_regularization.reg_epochs", 1000, fmt="d")
# the outlier's shift in outlier_sweep
SWEEP_SHIFTS = setting("losses_and_regularization.outlier_shifts", (0.0, 2.5, 5.0, 7.5, 10.0, 12.5, 15.0),
                       fmt=listed("g"))


def line_data(shift=OUTLIER_SHIFT, *, seed=SEED):
    """x (N,) sorted, t (N,): the noisy line, its last point (largest x) moved down by ``shift``."""
    rng = np.random.default_rng(seed)
    x = np.sort(rng.uniform(*X_RANGE, N_POINTS))
    t = SLOPE * x + INTERCEPT + NOISE * rng.standard_normal(N_POINTS)
    t[-1] -= shift
    return x, t


@shared
def fitted_line(loss, shift=OUTLIER_SHIFT):
    """(slope, intercept) of the line fitted to ``line_data(shift)`` under ``loss`` ("mse", "mae", "huber")."""
    x, t = line_data(shift)
    net = MLP([1, 1], rng=np.random.default_rng(SEED))
    net.fit(x[:, None], t, loss=loss, lr=LR, epochs=EPOCHS)
    return float(net.params["W1"][0, 0]), float(net.params["b1"][0])


@shared
def outlier_sweep():
    """dict loss -> ndarray (len(SWEEP_SHIFTS),): the fitted slope for each outlier shift."""
    return {loss: np.array([fitted_line(loss, shift)[0] for shift in SWEEP_SHIFTS]) for loss in REGRESSION_LOSSES}


def pull(loss):
    """How hard the outlier pulls on the clean line: at the line MSE fits without the outlier,
    |∂L/∂p| of the outlier over the median |∂L/∂p| of the other points, under ``loss``."""
    x, t = line_data()
    slope, intercept = fitted_line("mse", 0.0)
    preds = slope * x + intercept
    kwargs = {"delta": HUBER_DELTA} if loss == "huber" else {}
    _, dpreds = get_loss(loss)(preds, t, **kwargs)
    return float(np.abs(dpreds[-1]) / np.median(np.abs(dpreds[:-1])))


@claim("losses_and_regularization.slope_clean", fmt=".2f", expect=lambda v: abs(v - SLOPE) < 0.1)
def slope_clean():
    return fitted_line("mse", 0.0)[0]


@claim("losses_and_regularization.slope_mse", fmt=".2f", expect=lambda v: v < SLOPE - 0.5)
def slope_mse():
    return fitted_line("mse")[0]


@claim("losses_and_regularization.slope_mae", fmt=".2f", expect=lambda v: abs(v - SLOPE) < 0.1)
def slope_mae():
    return fitted_line("mae")[0]


@claim("losses_and_regularization.slope_huber", fmt=".2f", expect=lambda v: SLOPE - 0.3 < v < SLOPE - 0.05)
def slope_huber():
    return fitted_line("huber")[0]


@claim("losses_and_regularization.mse_slope_per_shift", fmt=".3f", expect=lambda v: v > 0.05)
def mse_slope_per_shift():
    """How much MSE's slope falls per unit the outlier moves down (the sweep's mean rate)."""
    slopes = outlier_sweep()["mse"]
    return float((slopes[0] - slopes[-1]) / (SWEEP_SHIFTS[-1] - SWEEP_SHIFTS[0]))


@claim("losses_and_regularization.mae_slope_spread", fmt=".2f", expect=lambda v: v < 0.1)
def mae_slope_spread():
    """The range of MAE's slope over the whole sweep of shifts."""
    slopes = outlier_sweep()["mae"]
    return float(slopes.max() - slopes.min())


@claim("losses_and_regularization.huber_slope_spread", fmt=".2f", expect=lambda v: 0.05 < v < 0.5)
def huber_slope_spread():
    slopes = outlier_sweep()["huber"]
    return float(slopes.max() - slopes.min())


@claim("losses_and_regularization.pull_mse", fmt=".0f", expect=lambda v: v > 20)
def pull_mse():
    return pull("mse")


@claim("losses_and_regularization.pull_mae", fmt=".0f", expect=lambda v: v == 1)
def pull_mae():
    return pull("mae")


@claim("losses_and_regularization.pull_huber", fmt=".0f", expect=lambda v: 2 < v < pull("mse"))
def pull_huber():
    return pull("huber")
