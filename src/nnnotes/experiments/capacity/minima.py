"""Minima: the final training loss of small and large nets over many seeds, its mean and spread."""

from __future__ import annotations

from ..claims import claim, setting
from ..shared import shared
from .spirals import SPIRAL_ARMS, spiral_runs

MINIMA_WIDTHS = (setting("capacity.minima_small", 4, fmt="d"), setting("capacity.minima_large", 40, fmt="d"))
MINIMA_SEEDS = tuple(range(setting("capacity.minima_seeds", 20, fmt="d")))
MINIMA_LR = setting("capacity.minima_lr", 0.1, fmt="g")
MINIMA_EPOCHS = setting("capacity.minima_epochs", 1000, fmt="d")
RECORD_EVERY = 20


@shared
def minima_runs(width):
    """``MLP([2, width, 5])`` on the spirals, one run per seed in ``MINIMA_SEEDS``."""
    return spiral_runs((2, width, SPIRAL_ARMS), MINIMA_SEEDS, MINIMA_LR, MINIMA_EPOCHS, RECORD_EVERY)


def _losses(width):
    return minima_runs(width).final_loss


@claim("capacity.minima_mean_small", fmt=".3f", expect=lambda v: v > 3 * claim_minima_mean_large())
def claim_minima_mean_small():
    return float(_losses(MINIMA_WIDTHS[0]).mean())


@claim("capacity.minima_mean_large", fmt=".3f", expect=lambda v: 0 < v < 0.3)
def claim_minima_mean_large():
    return float(_losses(MINIMA_WIDTHS[1]).mean())


@claim("capacity.minima_std_small", fmt=".3f", expect=lambda v: v > claim_minima_std_large())
def claim_minima_std_small():
    """Small-net spread larger than large-net spread (standard deviation over the seeds)."""
    return float(_losses(MINIMA_WIDTHS[0]).std())


@claim("capacity.minima_std_large", fmt=".4f", expect=lambda v: 0 < v < 0.01)
def claim_minima_std_large():
    return float(_losses(MINIMA_WIDTHS[1]).std())


@claim("capacity.minima_std_ratio", fmt=".0f", expect=lambda v: v > 10)
def claim_minima_std_ratio():
    return claim_minima_std_small() / claim_minima_std_large()


@claim("capacity.minima_cv_small", fmt=".0%", expect=lambda v: v > 3 * claim_minima_cv_large())
def claim_minima_cv_small():
    """Relative spread std / mean: larger for the small net even after dividing out its larger loss."""
    return claim_minima_std_small() / claim_minima_mean_small()


@claim("capacity.minima_cv_large", fmt=".1%", expect=lambda v: 0 < v < 0.05)
def claim_minima_cv_large():
    return claim_minima_std_large() / claim_minima_mean_large()


@claim("capacity.minima_best_small", fmt=".3f", expect=lambda v: v > claim_minima_worst_large())
def claim_minima_best_small():
    """Even the luckiest small net ends above the unluckiest large one."""
    return float(_losses(MINIMA_WIDTHS[0]).min())


@claim("capacity.minima_worst_small", fmt=".3f", expect=lambda v: v > claim_minima_best_small() + 0.3)
def claim_minima_worst_small():
    return float(_losses(MINIMA_WIDTHS[0]).max())


@claim("capacity.minima_best_large", fmt=".3f", expect=lambda v: v <= claim_minima_worst_large())
def claim_minima_best_large():
    return float(_losses(MINIMA_WIDTHS[1]).min())


@claim("capacity.minima_worst_large", fmt=".3f", expect=lambda v: v < 0.3)
def claim_minima_worst_large():
    return float(_losses(MINIMA_WIDTHS[1]).max())


@claim("capacity.minima_test_small", fmt=".1%", expect=lambda v: v < claim_minima_test_large())
def claim_minima_test_small():
    return float(minima_runs(MINIMA_WIDTHS[0]).test_accuracy.mean())


@claim("capacity.minima_test_large", fmt=".1%", expect=lambda v: v > 0.9)
def claim_minima_test_large():
    return float(minima_runs(MINIMA_WIDTHS[1]).test_accuracy.mean())
