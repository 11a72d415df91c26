"""Hyperparameter search: grid against random search on a synthetic objective in which one of
two hyperparameters matters much more than the other."""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np

from ..claims import claim, listed, setting
from . import SEED
from .batchnorm import BN_LRS, CHANCE_LOSS, bn_training

SEARCH_TRIALS = setting("training_setup.hyper.trials", 9, fmt="d")  # budget of each method; the grid is 3 × 3
SEARCH_REPEATS = setting("training_setup.hyper.repeats", 1000, fmt="d")
LR_RANGE = setting("training_setup.hyper.lr_range", (-5.0, 0.0), fmt=listed("g", "[]"))  # log10 of the learning rate
REG_RANGE = setting("training_setup.hyper.reg_range", (-6.0, -1.0), fmt=listed("g", "[]"))  # log10 of the L2 strength
LR_OPTIMUM = setting("training_setup.hyper.lr_optimum", -2.3, fmt="g")  # log10 of the best learning rate of the figure's objective
setting("training_setup.hyper.true_best_lr", 10**LR_OPTIMUM, fmt=".4f")
REG_OPTIMUM = -3.4
LR_WIDTH = 0.35  # the important hyperparameter's valley, in decades
REG_WIDTH = 1.5
# how much error each hyperparameter can add
LR_WEIGHT = setting("training_setup.hyper.lr_weight", 0.6, fmt="g")
REG_WEIGHT = setting("training_setup.hyper.reg_weight", 0.03, fmt="g")
setting("training_setup.hyper.weight_ratio", LR_WEIGHT / REG_WEIGHT, fmt=".0f")
BASE_ERROR = setting("training_setup.hyper.base_error", 0.1, fmt=".2f")


def objective(u, v, *, u_opt=LR_OPTIMUM, v_opt=REG_OPTIMUM):
    """A synthetic validation error over u = log10(learning rate) and v = log10(L2 strength):

    E(u, v) = BASE_ERROR + LR_WEIGHT·(1 − exp(−(u − u*)²/(2·LR_WIDTH²)))
                         + REG_WEIGHT·(1 − exp(−(v − v*)²/(2·REG_WIDTH²))).

    The learning rate can add up to LR_WEIGHT = 0.6 of error, the L2 strength only 0.03.
    u, v : ndarrays of the same shape (broadcast). Returns an ndarray of that shape."""
    u, v = np.asarray(u, dtype=float), np.asarray(v, dtype=float)
    important = LR_WEIGHT * (1 - np.exp(-((u - u_opt) ** 2) / (2 * LR_WIDTH**2)))
    minor = REG_WEIGHT * (1 - np.exp(-((v - v_opt) ** 2) / (2 * REG_WIDTH**2)))
    return BASE_ERROR + important + minor


def grid_points(n_per_axis=3):
    """The n × n grid over LR_RANGE × REG_RANGE at the centres of n equal cells: (n², 2) of (u, v)."""
    cells = (np.arange(n_per_axis) + 0.5) / n_per_axis
    u = LR_RANGE[0] + cells * (LR_RANGE[1] - LR_RANGE[0])
    v = REG_RANGE[0] + cells * (REG_RANGE[1] - REG_RANGE[0])
    gu, gv = np.meshgrid(u, v)
    return np.column_stack([gu.ravel(), gv.ravel()])


def random_points(n=SEARCH_TRIALS, *, rng):
    """n points drawn uniformly from LR_RANGE × REG_RANGE (uniform on the log scales): (n, 2)."""
    low = np.array([LR_RANGE[0], REG_RANGE[0]])
    high = np.array([LR_RANGE[1], REG_RANGE[1]])
    return low + rng.random((n, 2)) * (high - low)


@dataclass(frozen=True)
class SearchComparison:
    """Grid (3 × 3) against random search (9 trials) on SEARCH_REPEATS objectives whose optimum
    (u*, v*) is drawn uniformly from the ranges, one set of random trials per objective.

    grid_best, random_best : ndarray of shape (SEARCH_REPEATS,), the smallest error found.
    optimum : ndarray of shape (SEARCH_REPEATS,), the true minimum BASE_ERROR of every objective.
    """

    grid_best: np.ndarray
    random_best: np.ndarray
    optimum: np.ndarray


@functools.cache
def search_comparison(*, seed=SEED):
    """SearchComparison over SEARCH_REPEATS random objectives (vectorized)."""
    rng = np.random.default_rng(seed + 5)
    optima = random_points(SEARCH_REPEATS, rng=rng)
    trials = np.stack([random_points(SEARCH_TRIALS, rng=rng) for _ in range(SEARCH_REPEATS)])
    grid = grid_points()
    u_opt, v_opt = optima[:, :1], optima[:, 1:]
    grid_err = objective(grid[None, :, 0], grid[None, :, 1], u_opt=u_opt, v_opt=v_opt)
    random_err = objective(trials[:, :, 0], trials[:, :, 1], u_opt=u_opt, v_opt=v_opt)
    return SearchComparison(grid_err.min(axis=1), random_err.min(axis=1), np.full(SEARCH_REPEATS, BASE_ERROR))


@functools.cache
def figure_search(*, seed=SEED):
    """(grid, random): the two sets of SEARCH_TRIALS points of the figure, each (9, 2) of (u, v)."""
    return grid_points(), random_points(rng=np.random.default_rng(seed + 6))


def best_trial(points):
    """(index, error) of the best of ``points`` (n, 2) on the figure's objective."""
    errors = objective(points[:, 0], points[:, 1])
    i = int(np.argmin(errors))
    return i, float(errors[i])


@claim("training_setup.hyper.grid_distinct_lr", fmt="d", expect=lambda v: v == 3)
def hyper_grid_distinct_lr():
    return len(np.unique(figure_search()[0][:, 0]))


@claim("training_setup.hyper.random_distinct_lr", fmt="d", expect=lambda v: v == 9)
def hyper_random_distinct_lr():
    return len(np.unique(figure_search()[1][:, 0]))


@claim("training_setup.hyper.grid_best", fmt=".3f", expect=lambda v: v > hyper_random_best())
def hyper_grid_best():
    return best_trial(figure_search()[0])[1]


@claim("training_setup.hyper.random_best", fmt=".3f", expect=lambda v: 0.1 <= v < 0.2)
def hyper_random_best():
    return best_trial(figure_search()[1])[1]


# the grid's best learning rate is farther from the true best one than random search's
@claim("training_setup.hyper.grid_best_lr", fmt=".4f",
       expect=lambda v: abs(math.log10(v) - LR_OPTIMUM) > abs(math.log10(hyper_random_best_lr()) - LR_OPTIMUM))
def hyper_grid_best_lr():
    grid = figure_search()[0]
    return float(10 ** grid[best_trial(grid)[0], 0])


@claim("training_setup.hyper.random_best_lr", fmt=".4f", expect=lambda v: abs(math.log10(v) - LR_OPTIMUM) < 0.1)
def hyper_random_best_lr():
    points = figure_search()[1]
    return float(10 ** points[best_trial(points)[0], 0])


@claim("training_setup.hyper.random_wins", fmt=".0%", expect=lambda v: v > 0.5)
def hyper_random_wins():
    """Fraction of the random objectives on which random search found a lower error than the grid."""
    c = search_comparison()
    return float(np.mean(c.random_best < c.grid_best))


@claim("training_setup.hyper.grid_median_excess", fmt=".3f", expect=lambda v: v > hyper_random_median_excess())
def hyper_grid_median_excess():
    c = search_comparison()
    return float(np.median(c.grid_best - c.optimum))


@claim("training_setup.hyper.random_median_excess", fmt=".3f", expect=lambda v: v >= 0)
def hyper_random_median_excess():
    c = search_comparison()
    return float(np.median(c.random_best - c.optimum))


@claim("training_setup.hyper.initial_loss", fmt=".3f", expect=lambda v: abs(v - CHANCE_LOSS) < 1e-3)
def hyper_initial_loss():
    """Sanity check before any search: the loss of a 3-class net with small weights at step 0 is ln 3."""
    return float(bn_training("small", min(BN_LRS), False).loss[0])


@claim("training_setup.hyper.grid_max_excess", fmt=".1f",
       expect=lambda v: hyper_grid_median_excess() + 0.2 < v <= LR_WEIGHT + REG_WEIGHT)
def hyper_grid_max_excess():
    """The worst of the grid's best trials over the objectives (how far the grid's histogram reaches),
    well above the median and at most LR_WEIGHT + REG_WEIGHT, the largest excess the objective allows."""
    c = search_comparison()
    return float(np.max(c.grid_best - c.optimum))
