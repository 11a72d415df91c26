"""Depth at a fixed parameter budget: nets of 2 to 5 layers with about the same number of
parameters, trained on the spirals."""

from __future__ import annotations

import numpy as np

from ..claims import claim, setting
from ..shared import shared
from .spirals import SPIRAL_ARMS, spiral_runs

BUDGET = setting("capacity.budget", 300, fmt="d")  # parameters of every net in the depth comparison
DEPTHS = (2, 3, 4, 5)  # layers with weights: depth − 1 hidden layers
DEPTH_SEEDS = tuple(range(setting("capacity.depth_seeds", 8, fmt="d")))
DEPTH_LR = setting("capacity.depth_lr", 0.1, fmt="g")
DEPTH_LOW_LR = setting("capacity.depth_low_lr", 0.03, fmt="g")
DEPTH_EPOCHS = setting("capacity.depth_epochs", 1000, fmt="d")
# held-out accuracy under which a spiral run counts as stuck
STUCK_BELOW = setting("capacity.stuck_below", 0.9, fmt=".0%")


def n_parameters(sizes):
    """Weights and biases of ``MLP(sizes)``: Σ_i (sizes[i] + 1)·sizes[i + 1]."""
    return sum((a + 1) * b for a, b in zip(sizes, sizes[1:]))


def same_budget_sizes(depth, budget=BUDGET, inputs=2, outputs=SPIRAL_ARMS):
    """Layer sizes [D, H, …, H, C] with depth − 1 equal hidden layers whose parameter count is
    closest to ``budget`` (the smaller H on a tie)."""
    best = None
    for width in range(1, budget + 1):
        sizes = [inputs] + [width] * (depth - 1) + [outputs]
        gap = abs(n_parameters(sizes) - budget)
        if best is None or gap < best[0]:
            best = (gap, sizes)
    return best[1]


@shared
def depth_runs(depth, lr=DEPTH_LR):
    """The same-budget net with ``depth`` layers, trained from every seed in ``DEPTH_SEEDS``."""
    return spiral_runs(tuple(same_budget_sizes(depth)), DEPTH_SEEDS, lr, DEPTH_EPOCHS)


def stuck(runs):
    """Boolean (K,): runs whose held-out accuracy stayed below 90 % (chance is 20 % for 5 arms)."""
    return runs.test_accuracy < STUCK_BELOW


def _median_accuracy(depth, lr=DEPTH_LR):
    return float(np.median(depth_runs(depth, lr).test_accuracy))


def _median_loss(depth):
    return float(np.median(depth_runs(depth).final_loss))


@claim("capacity.params_2", fmt="d", expect=lambda v: abs(v - BUDGET) <= 0.05 * BUDGET)
def claim_params_2():
    return n_parameters(same_budget_sizes(2))


@claim("capacity.params_3", fmt="d", expect=lambda v: abs(v - BUDGET) <= 0.05 * BUDGET)
def claim_params_3():
    return n_parameters(same_budget_sizes(3))


@claim("capacity.params_4", fmt="d", expect=lambda v: abs(v - BUDGET) <= 0.05 * BUDGET)
def claim_params_4():
    return n_parameters(same_budget_sizes(4))


@claim("capacity.params_5", fmt="d", expect=lambda v: abs(v - BUDGET) <= 0.05 * BUDGET)
def claim_params_5():
    return n_parameters(same_budget_sizes(5))


@claim("capacity.depth_acc_2", fmt=".1%", expect=lambda v: v < claim_depth_acc_3() - 0.01)
def claim_depth_acc_2():
    """Median held-out accuracy over the seeds."""
    return _median_accuracy(2)


@claim("capacity.depth_acc_3", fmt=".1%", expect=lambda v: v > 0.97)
def claim_depth_acc_3():
    return _median_accuracy(3)


@claim("capacity.depth_acc_4", fmt=".1%", expect=lambda v: v < claim_depth_acc_3() + 0.005)
def claim_depth_acc_4():
    """A fourth layer adds nothing over three."""
    return _median_accuracy(4)


@claim("capacity.depth_acc_5", fmt=".1%", expect=lambda v: v < claim_depth_acc_2())
def claim_depth_acc_5():
    return _median_accuracy(5)


@claim("capacity.depth_loss_2", fmt=".3f", expect=lambda v: v > 2 * claim_depth_loss_3())
def claim_depth_loss_2():
    """Median final training loss."""
    return _median_loss(2)


@claim("capacity.depth_loss_3", fmt=".3f", expect=lambda v: v < 0.1)
def claim_depth_loss_3():
    return _median_loss(3)


@claim("capacity.depth_loss_4", fmt=".3f", expect=lambda v: abs(v - claim_depth_loss_3()) < 0.02)
def claim_depth_loss_4():
    return _median_loss(4)


@claim("capacity.stuck_2", fmt="d", expect=lambda v: v == 0)
def claim_stuck_2():
    return int(stuck(depth_runs(2)).sum())


@claim("capacity.stuck_3", fmt="d", expect=lambda v: v == 0)
def claim_stuck_3():
    return int(stuck(depth_runs(3)).sum())


@claim("capacity.stuck_4", fmt="d", expect=lambda v: 0 <= v <= 2)
def claim_stuck_4():
    return int(stuck(depth_runs(4)).sum())


@claim("capacity.stuck_5", fmt="d", expect=lambda v: v >= len(DEPTH_SEEDS) / 2)
def claim_stuck_5():
    """At the shared learning rate, most of the 5-layer runs get stuck."""
    return int(stuck(depth_runs(5)).sum())


@claim("capacity.stuck_5_low_lr", fmt="d", expect=lambda v: v < claim_stuck_5())
def claim_stuck_5_low_lr():
    return int(stuck(depth_runs(5, DEPTH_LOW_LR)).sum())


@claim("capacity.depth_acc_5_low_lr", fmt=".1%", expect=lambda v: v > claim_depth_acc_2())
def claim_depth_acc_5_low_lr():
    return _median_accuracy(5, DEPTH_LOW_LR)


@claim("capacity.depth_loss_5", fmt=".3f", expect=lambda v: v > claim_depth_loss_2())
def claim_depth_loss_5():
    return _median_loss(5)
