"""Convergence speed by activation: epochs until the training error first reaches a target."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from ...monitoring import layer_statistics
from ..claims import claim, setting
from ..shared import read_only, shared
from .spirals import SEEDS, WIDTH, relu_net, spiral_data

# convergence: epochs (= full-batch updates) until the training error first reaches TARGET_ERROR
ACTIVATIONS = ("relu", "leaky_relu", "elu", "tanh", "sigmoid")
TARGET_ERROR = setting("relu_in_practice.conv.target", 0.25, fmt=".0%")
SAME_LR = setting("relu_in_practice.conv.same_lr", 1.0, fmt=".0f")
LR_GRID = (0.3, 1.0, 3.0, 10.0, 30.0)
MAX_EPOCHS = setting("relu_in_practice.conv.max_epochs", 700, fmt="d")
CURVE_EPOCHS = MAX_EPOCHS  # the curves run as long as the search for the target may
CHUNK = 10


@shared
def error_curves(activation, lr=SAME_LR, epochs=CURVE_EPOCHS):
    """Training error after e full-batch updates, e = 0 … epochs − 1: ndarray (S, epochs).

    Net ``relu_net(seed, activation=activation)`` (same sizes, He-normal init and data for
    every activation); error = 1 − accuracy of the batch before each update (``History.accuracy``).
    """
    X, y, _, _ = spiral_data()
    curves = np.array([1 - relu_net(seed, activation=activation).fit(X, y, lr=lr, epochs=epochs).accuracy
                       for seed in SEEDS])
    return curves


def first_reach(errors, target=TARGET_ERROR):
    """Index of the first entry ≤ target along the last axis of ``errors`` (…, E); inf if none."""
    hit = np.asarray(errors) <= target
    return np.where(hit.any(axis=-1), hit.argmax(axis=-1), np.inf)


def updates_to_target(activation, lr, seed, *, hidden=(WIDTH,), target=TARGET_ERROR, max_epochs=MAX_EPOCHS):
    """Number of full-batch updates until the training error first is ≤ target, else inf.

    Trains in chunks of CHUNK epochs (identical to one long run: plain gradient descent keeps no
    state between calls) and stops at the target, after max_epochs, on a non-finite loss, or
    when every hidden ReLU unit is dead (the scores are then constant and cannot improve).
    """
    X, y, _, _ = spiral_data()
    net = relu_net(seed, hidden=hidden, activation=activation)
    for start in range(0, max_epochs, CHUNK):
        history = net.fit(X, y, lr=lr, epochs=CHUNK)
        reached = first_reach(1 - history.accuracy, target)
        if np.isfinite(reached):
            return float(start + reached)
        if not np.isfinite(history.loss).all():
            return np.inf
        if activation == "relu" and layer_statistics(net, X)[0].dead_fraction == 1.0:
            return np.inf
    return np.inf


@functools.cache
def epochs_to_target(activation, lr, hidden=(WIDTH,)):
    """``updates_to_target`` for every seed of SEEDS: ndarray (S,)."""
    return read_only(np.array([updates_to_target(activation, lr, seed, hidden=hidden) for seed in SEEDS]))


@shared
def best_lr(activation):
    """(lr, epochs (S,)): the rate of LR_GRID with the fewest mean epochs to the target.

    Exact but frugal: the rates are tried from SAME_LR outwards, and a rate is abandoned as soon
    as its seeds have used more epochs in total than the best rate so far needed (it cannot have
    a smaller mean any more). Ties go to the rate tried first.
    """
    order = sorted(LR_GRID, key=lambda lr: (abs(np.log(lr / SAME_LR)), lr))
    best, best_epochs = None, None
    for lr in order:
        budget = np.inf if best is None else float(best_epochs.sum())
        epochs = []
        for seed in SEEDS:
            cap = budget - sum(epochs)
            if cap < 0:
                break
            epochs.append(updates_to_target(activation, lr, seed, max_epochs=int(min(cap + 1, MAX_EPOCHS))))
        else:
            if np.all(np.isfinite(epochs)) and (best is None or sum(epochs) < budget):
                best, best_epochs = lr, np.array(epochs)
    if best is None:
        raise RuntimeError(f"{activation} reached {TARGET_ERROR:.0%} training error at no rate of {LR_GRID}")
    return best, best_epochs


def epochs_same_lr(activation):
    """Epochs to the target at SAME_LR for each seed, ndarray (S,), read from ``error_curves``."""
    return first_reach(error_curves(activation, SAME_LR))


@dataclass(frozen=True)
class Ratio:
    """Per-seed ratio epochs(activation) / epochs(ReLU), paired by seed: mean, min, max."""

    mean: float
    low: float
    high: float


def speedup(activation, setting="same"):
    """How many times more epochs ``activation`` needs than ReLU to reach TARGET_ERROR.

    setting : "same" — every function at SAME_LR; "best" — each at its own ``best_lr``.
    """
    if setting == "same":
        slow, fast = epochs_same_lr(activation), epochs_same_lr("relu")
    elif setting == "best":
        slow, fast = best_lr(activation)[1], best_lr("relu")[1]
    else:
        raise ValueError(f"setting must be 'same' or 'best'; got {setting!r}")
    r = slow / fast
    return Ratio(float(r.mean()), float(r.min()), float(r.max()))


def deep_speedup(activation):
    """Mean per-seed epochs ratio activation / ReLU at SAME_LR for two hidden layers [2, WIDTH, WIDTH, 3]."""
    deep = (WIDTH, WIDTH)
    return float(np.mean(epochs_to_target(activation, SAME_LR, deep) / epochs_to_target("relu", SAME_LR, deep)))


@functools.cache
def linear_share(activation):
    """How linear the hidden layer is at initialization, averaged over the seeds.

    H = f(X·W1 + b1) of shape (N, WIDTH) is fitted by least squares with a linear function of the
    inputs, H ≈ [X, 1]·B; returns R² = 1 − ‖H − [X, 1]·B‖² / ‖H − mean(H)‖² (1 = exactly linear).
    """
    X = spiral_data()[0]
    design = np.column_stack([X, np.ones(len(X))])
    shares = []
    for seed in SEEDS:
        net = relu_net(seed, activation=activation)
        H = net.hidden_layers(X)[0][1]
        B, *_ = np.linalg.lstsq(design, H, rcond=None)
        shares.append(1 - np.sum((H - design @ B) ** 2) / np.sum((H - H.mean(axis=0)) ** 2))
    return float(np.mean(shares))


def _register_epochs(act, expect_mean, expect_rate=lambda v: True):
    @claim(f"relu_in_practice.conv.same_epochs_{act}", fmt=".0f", expect=expect_mean)
    def mean_epochs():
        return float(epochs_same_lr(act).mean())

    @claim(f"relu_in_practice.conv.best_epochs_{act}", fmt=".0f", expect=lambda v: v <= mean_epochs())
    def best_epochs():
        return float(best_lr(act)[1].mean())

    # the grid brackets each function's fastest rate: it is not at either end
    @claim(f"relu_in_practice.conv.best_lr_{act}", fmt="g",
           expect=lambda v: v in LR_GRID[1:-1] and expect_rate(v))
    def best_rate():
        return best_lr(act)[0]


def _same(act):
    return float(epochs_same_lr(act).mean())


# finite, and in the order the prose discusses at the same rate: ReLU = Leaky ReLU < tanh < ELU < sigmoid;
# tanh and sigmoid are fastest at other rates than ReLU, so one shared rate cannot suit them all
_register_epochs("relu", lambda v: v < _same("tanh"), expect_rate=lambda v: v > SAME_LR)  # the shared rate is too small
_register_epochs("leaky_relu", lambda v: v < _same("tanh"), expect_rate=lambda v: v == best_lr("relu")[0])
_register_epochs("tanh", lambda v: v < _same("elu"), expect_rate=lambda v: v != best_lr("relu")[0])
_register_epochs("elu", lambda v: v < _same("sigmoid"))
_register_epochs("sigmoid", lambda v: v < MAX_EPOCHS, expect_rate=lambda v: v != best_lr("relu")[0])


def _register_ratio(act, setting, bounds, stat_bounds=None):
    lo, hi = bounds

    @claim(f"relu_in_practice.conv.{setting}_ratio_{act}", fmt=".1f", expect=lambda v: lo < v < hi)
    def mean_ratio():
        return speedup(act, setting).mean

    @claim(f"relu_in_practice.conv.{setting}_ratio_{act}_low", fmt=".1f", expect=lambda v: 0 < v <= mean_ratio())
    def low_ratio():
        return speedup(act, setting).low

    @claim(f"relu_in_practice.conv.{setting}_ratio_{act}_high", fmt=".1f", expect=lambda v: v >= mean_ratio())
    def high_ratio():
        return speedup(act, setting).high


# what the prose says: tanh several times slower than ReLU (close to AlexNet's 6x when each
# function gets its fastest rate), sigmoid an order of magnitude, ELU slower than ReLU in this
# shallow net, Leaky ReLU the same as ReLU
_register_ratio("tanh", "same", (2, 6))
_register_ratio("tanh", "best", (4, 8))
_register_ratio("sigmoid", "same", (10, 50))
_register_ratio("sigmoid", "best", (8, 40))
_register_ratio("elu", "same", (2, 10))
_register_ratio("elu", "best", (2, 20))
_register_ratio("leaky_relu", "same", (0.9, 1.1))
_register_ratio("leaky_relu", "best", (0.8, 1.25))


@claim("relu_in_practice.conv.deep_ratio_tanh", fmt=".1f", expect=lambda v: 1 < v < speedup("tanh", "same").mean)
def claim_deep_ratio_tanh():
    """With two hidden layers tanh is still slower than ReLU, by less than with one."""
    return deep_speedup("tanh")


@claim("relu_in_practice.conv.deep_ratio_elu", fmt=".1f", expect=lambda v: 1 < v < speedup("elu", "same").mean)
def claim_deep_ratio_elu():
    """With two hidden layers ELU is still slower than ReLU, by less than with one."""
    return deep_speedup("elu")


# ReLU far from linear, the smooth functions nearly linear; ELU less linear than tanh (yet slower):
# the prose says all of this
_LINEAR_EXPECT = {
    "relu": lambda v: 0.5 < v < 0.9,
    "elu": lambda v: 0.9 < v < linear_share("tanh"),
    "tanh": lambda v: 0.9 < v < 1,
    "sigmoid": lambda v: 0.95 < v < 1,
}
for _act, _expect in _LINEAR_EXPECT.items():
    claim(f"relu_in_practice.conv.linear_share_{_act}", fmt=".1%", expect=_expect)(functools.partial(linear_share, _act))
