"""Dead ReLU units against the learning rate, the bias initialization, and units killed on purpose."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from ...evaluation import accuracy
from ...monitoring import dead_fraction, layer_statistics
from ..claims import claim, setting
from ..shared import read_only, shared
from .spirals import SEEDS, WIDTH, relu_net, spiral_data

# 13 learning rates, log-spaced from 0.1 to 10 (six per decade)
SWEEP_LRS = tuple(float(10 ** (k / 6)) for k in range(-6, 7))
setting("relu_in_practice.lr_min", min(SWEEP_LRS), fmt=".1f")
setting("relu_in_practice.lr_max", max(SWEEP_LRS), fmt=".0f")
setting("relu_in_practice.n_lrs", len(SWEEP_LRS), fmt="d")
SWEEP_EPOCHS = setting("relu_in_practice.sweep_epochs", 200, fmt="d")
BIAS_INITS = (0.0, 0.01)
SENSIBLE_LR = 1.0  # the learning rate used wherever one "ordinary" rate is needed
# 10^(2/3) ≈ 4.64: the rate whose run the dead_relu figure draws, and the next one up
SHOWN_LR = setting("relu_in_practice.dead.shown_lr", SWEEP_LRS[10], fmt=".2f")
HIGH_LR = setting("relu_in_practice.dead.high_lr", SWEEP_LRS[11], fmt=".2f")
SHOWN_SEED = 0
KILLED_FRACTIONS = (0.0, 0.1, 0.2, 0.4)


@dataclass(frozen=True)
class DeadSweep:
    """Dead ReLU units after training, for L learning rates and S seeds, one bias init.

    lrs : ndarray (L,).  dead : ndarray (L, S), fraction of the WIDTH hidden units whose
    pre-activation is ≤ 0 on every training point.  train_acc, test_acc : ndarray (L, S).
    W1 : ndarray (L, S, 2, WIDTH) and b1 : ndarray (L, S, WIDTH), the trained hidden layer
    (each unit j is the line W1[:, j]·x + b1[j] = 0 in the input plane).
    """

    bias_init: float
    lrs: np.ndarray
    dead: np.ndarray
    train_acc: np.ndarray
    test_acc: np.ndarray
    W1: np.ndarray
    b1: np.ndarray

    def at(self, lr):
        """Row index of ``lr`` in ``lrs``."""
        return int(np.flatnonzero(np.isclose(self.lrs, lr))[0])


@shared
def dead_sweep(bias_init=0.0):
    """Train ``relu_net(seed, bias_init=bias_init)`` for SWEEP_EPOCHS full-batch epochs at every
    learning rate of SWEEP_LRS and every seed of SEEDS; measure dead fraction and accuracies."""
    X, y, Xt, yt = spiral_data()
    shape = (len(SWEEP_LRS), len(SEEDS))
    dead, train_acc, test_acc = np.zeros(shape), np.zeros(shape), np.zeros(shape)
    W1, b1 = np.zeros(shape + (2, WIDTH)), np.zeros(shape + (WIDTH,))
    for i, lr in enumerate(SWEEP_LRS):
        for j, seed in enumerate(SEEDS):
            net = relu_net(seed, bias_init=bias_init)
            net.fit(X, y, lr=lr, epochs=SWEEP_EPOCHS)
            dead[i, j] = layer_statistics(net, X)[0].dead_fraction
            train_acc[i, j], test_acc[i, j] = accuracy(net, X, y), accuracy(net, Xt, yt)
            W1[i, j], b1[i, j] = net.params["W1"], net.params["b1"]
    return DeadSweep(bias_init, np.array(SWEEP_LRS), dead, train_acc, test_acc, W1, b1)


@functools.cache
def dead_history(lr=SHOWN_LR, seed=SHOWN_SEED):
    """Dead fraction after each of SWEEP_EPOCHS epochs, ndarray (SWEEP_EPOCHS,), for one run."""
    X, y, _, _ = spiral_data()
    history = relu_net(seed).fit(X, y, lr=lr, epochs=SWEEP_EPOCHS, record_stats=True)
    return read_only(history.dead_fraction[:, 0].copy())


def kill_units(net, X, fraction):
    """Move the lines of the first round(fraction · H) hidden units just outside the data cloud.

    Unit j gets b1[j] = −max_n (X·W1)[n, j] − 0.1, so its pre-activation is ≤ −0.1 on every row
    of X (N, 2): the unit starts dead, as after a bad initialization. Returns the indices killed.
    """
    W1, b1 = net.params["W1"], net.params["b1"]
    k = int(round(fraction * W1.shape[1]))
    b1[:k] = -(X @ W1[:, :k]).max(axis=0) - 0.1
    return np.arange(k)


@functools.cache
def killed_units_experiment(lr=SENSIBLE_LR):
    """Accuracy with a given fraction of units dead from the start, trained at a sensible rate.

    For each fraction f of KILLED_FRACTIONS and each seed: ``kill_units`` at initialization, then
    SWEEP_EPOCHS epochs at ``lr``. Returns (dead, train_acc, test_acc), each ndarray (F, S).
    """
    X, y, Xt, yt = spiral_data()
    shape = (len(KILLED_FRACTIONS), len(SEEDS))
    dead, train_acc, test_acc = np.zeros(shape), np.zeros(shape), np.zeros(shape)
    for i, fraction in enumerate(KILLED_FRACTIONS):
        for j, seed in enumerate(SEEDS):
            net = relu_net(seed)
            kill_units(net, X, fraction)
            net.fit(X, y, lr=lr, epochs=SWEEP_EPOCHS)
            dead[i, j] = layer_statistics(net, X)[0].dead_fraction
            train_acc[i, j], test_acc[i, j] = accuracy(net, X, y), accuracy(net, Xt, yt)
    return read_only((dead, train_acc, test_acc))


# --- claims: dead units ---------------------------------------------------------------------

@claim("relu_in_practice.dead.at_init", fmt=".0%", expect=lambda v: v == 0)
def claim_dead_at_init():
    """Largest dead fraction at initialization over the seeds and both bias inits."""
    X = spiral_data()[0]
    return max(dead_fraction(X @ net.params["W1"] + net.params["b1"])
               for net in (relu_net(seed, bias_init=b) for seed in SEEDS for b in BIAS_INITS))


@claim("relu_in_practice.dead.last_clean_lr", fmt=".2f", expect=lambda v: 1 <= v < 5)
def claim_last_clean_lr():
    """Largest learning rate below which no unit died in any seed (every smaller rate included)."""
    sweep = dead_sweep(0.0)
    first_dead = int(np.argmax(np.any(sweep.dead > 0, axis=1)))
    return float(sweep.lrs[first_dead - 1])


@claim("relu_in_practice.dead.best_test_lr", fmt=".2f", expect=lambda v: v <= claim_last_clean_lr())
def claim_best_test_lr():
    """Learning rate with the highest mean held-out accuracy (bias 0): no unit dies there."""
    sweep = dead_sweep(0.0)
    return float(sweep.lrs[np.argmax(sweep.test_acc.mean(axis=1))])


@claim("relu_in_practice.dead.best_test_acc", fmt=".1%", expect=lambda v: v > 0.95)
def claim_best_test_acc():
    return float(dead_sweep(0.0).test_acc.mean(axis=1).max())


def _row(lr, bias=0.0):
    sweep = dead_sweep(bias)
    return sweep, sweep.at(lr)


@claim("relu_in_practice.dead.first_dead_lr", fmt=".2f", expect=lambda v: v > claim_last_clean_lr())
def claim_first_dead_lr():
    sweep = dead_sweep(0.0)
    return float(sweep.lrs[int(np.argmax(np.any(sweep.dead > 0, axis=1)))])


@claim("relu_in_practice.dead.first_dead_fraction", fmt=".0%", expect=lambda v: 0 < v < 0.1)
def claim_first_dead_fraction():
    """Mean dead fraction at the smallest rate where any unit died: a few percent."""
    sweep, i = _row(claim_first_dead_lr())
    return float(sweep.dead[i].mean())


@claim("relu_in_practice.dead.first_dead_acc", fmt=".1%", expect=lambda v: v > claim_best_test_acc() - 0.03)
def claim_first_dead_acc():
    sweep, i = _row(claim_first_dead_lr())
    return float(sweep.test_acc[i].mean())


@claim("relu_in_practice.dead.mid_mean", fmt=".0%", expect=lambda v: 0.25 < v < 0.7)
def claim_mid_mean():
    """Mean dead fraction at SHOWN_LR (bias 0): the order of CS231n's "as much as 40%"."""
    sweep, i = _row(SHOWN_LR)
    return float(sweep.dead[i].mean())


@claim("relu_in_practice.dead.mid_low", fmt=".0%", expect=lambda v: v < claim_mid_mean())
def claim_mid_low():
    sweep, i = _row(SHOWN_LR)
    return float(sweep.dead[i].min())


@claim("relu_in_practice.dead.mid_high", fmt=".0%", expect=lambda v: v > claim_mid_mean())
def claim_mid_high():
    sweep, i = _row(SHOWN_LR)
    return float(sweep.dead[i].max())


@claim("relu_in_practice.dead.mid_acc", fmt=".0%", expect=lambda v: v < claim_best_test_acc() - 0.1)
def claim_mid_acc():
    """Mean held-out accuracy at SHOWN_LR: clearly worse than at the best rate."""
    sweep, i = _row(SHOWN_LR)
    return float(sweep.test_acc[i].mean())


@claim("relu_in_practice.dead.shown_run", fmt=".0%", expect=lambda v: 0.25 <= v <= 0.6)
def claim_shown_run():
    """Dead fraction of the one run the figure draws (SHOWN_LR, SHOWN_SEED, bias 0)."""
    sweep, i = _row(SHOWN_LR)
    return float(sweep.dead[i, SEEDS.index(SHOWN_SEED)])


@claim("relu_in_practice.dead.shown_run_after_10", fmt=".0%", expect=lambda v: 0 < v < claim_shown_run())
def claim_shown_run_after_10():
    """Dead fraction of the shown run after 10 epochs: units keep dying later in training."""
    return float(dead_history()[9])


@claim("relu_in_practice.dead.high_mean", fmt=".0%", expect=lambda v: v > 0.8)
def claim_high_mean():
    sweep, i = _row(HIGH_LR)
    return float(sweep.dead[i].mean())


@claim("relu_in_practice.dead.high_acc", fmt=".0%", expect=lambda v: v < 0.7)
def claim_high_acc():
    sweep, i = _row(HIGH_LR)
    return float(sweep.test_acc[i].mean())


@claim("relu_in_practice.dead.max_lr_mean", fmt=".0%", expect=lambda v: v > 0.95)
def claim_max_lr_mean():
    sweep, i = _row(SWEEP_LRS[-1])
    return float(sweep.dead[i].mean())


@claim("relu_in_practice.dead.max_lr_acc", fmt=".0%", expect=lambda v: v < 0.4)
def claim_max_lr_acc():
    """Held-out accuracy at lr 10: chance level for 3 balanced classes is 1/3."""
    sweep, i = _row(SWEEP_LRS[-1])
    return float(sweep.test_acc[i].mean())


@claim("relu_in_practice.dead.transition_factor", fmt=".1f", expect=lambda v: v < 5)
def claim_transition_factor():
    """Ratio of the first rate where the mean dead fraction exceeds 80% to the last clean rate."""
    sweep = dead_sweep(0.0)
    first_mostly_dead = sweep.lrs[int(np.argmax(sweep.dead.mean(axis=1) > 0.8))]
    return float(first_mostly_dead / claim_last_clean_lr())


# --- claims: bias init 0.01 -----------------------------------------------------------------

def _bias_gaps():
    zero, small = dead_sweep(0.0), dead_sweep(0.01)
    return zero, small, small.dead.mean(axis=1) - zero.dead.mean(axis=1)


@claim("relu_in_practice.dead.bias_clean_dead", fmt=".0%", expect=lambda v: v == 0)
def claim_bias_clean_dead():
    """Largest dead fraction with bias 0.01 at rates up to the last clean rate: none either."""
    _, small, _ = _bias_gaps()
    return float(small.dead[small.lrs <= claim_last_clean_lr() + 1e-9].max())


# Differences of accuracies or of dead fractions are in percentage points (the page says so).
@claim("relu_in_practice.dead.bias_max_acc_gap", fmt=".1f", expect=lambda v: v < 1)
def claim_bias_max_acc_gap():
    """Largest |mean held-out accuracy, bias 0.01 − bias 0| over the clean rates, in percentage points."""
    zero, small, _ = _bias_gaps()
    clean = zero.lrs <= claim_last_clean_lr() + 1e-9
    return 100 * float(np.abs(small.test_acc.mean(axis=1) - zero.test_acc.mean(axis=1))[clean].max())


@claim("relu_in_practice.dead.bias_max_dead_gap", fmt=".0f", expect=lambda v: v < claim_bias_seed_spread())
def claim_bias_max_dead_gap():
    """Largest |mean dead fraction difference| between the bias inits over all rates, in percentage points..."""
    return 100 * float(np.abs(_bias_gaps()[2]).max())


@claim("relu_in_practice.dead.bias_max_dead_gap_lr", fmt=".2f", expect=lambda v: v > claim_last_clean_lr())
def claim_bias_max_dead_gap_lr():
    zero, _, gap = _bias_gaps()
    return float(zero.lrs[np.argmax(np.abs(gap))])


@claim("relu_in_practice.dead.bias_seed_spread", fmt=".0f", expect=lambda v: v > 0)
def claim_bias_seed_spread():
    """... compared with the spread (max − min over seeds, bias 0) at that same rate, in percentage points."""
    zero, _, gap = _bias_gaps()
    i = int(np.argmax(np.abs(gap)))
    return 100 * float(np.ptp(zero.dead[i]))


@claim("relu_in_practice.dead.bias_line_shift", fmt=".3f", expect=lambda v: v < 0.02)
def claim_bias_line_shift():
    """Mean distance 0.01 / ‖w_j‖ by which bias 0.01 moves a unit's line, at initialization."""
    return float(np.mean([0.01 / np.linalg.norm(relu_net(seed).params["W1"], axis=0) for seed in SEEDS]))


# --- claims: units dead from the start, trained at a sensible rate ----------------------------

def _killed(fraction):
    dead, _, test_acc = killed_units_experiment()
    i = KILLED_FRACTIONS.index(fraction)
    return dead[i], test_acc[i]


@claim("relu_in_practice.killed.acc_0", fmt=".1%", expect=lambda v: v > 0.95)
def claim_killed_acc_0():
    return float(_killed(0.0)[1].mean())


@claim("relu_in_practice.killed.acc_10", fmt=".1%", expect=lambda v: abs(v - claim_killed_acc_0()) < 0.02)
def claim_killed_acc_10():
    return float(_killed(0.1)[1].mean())


@claim("relu_in_practice.killed.acc_20", fmt=".1%", expect=lambda v: abs(v - claim_killed_acc_0()) < 0.02)
def claim_killed_acc_20():
    return float(_killed(0.2)[1].mean())


@claim("relu_in_practice.killed.acc_40", fmt=".1%", expect=lambda v: v > claim_mid_acc() + 0.1)
def claim_killed_acc_40():
    """With 40% dead from the start but a sensible rate, accuracy stays far above the SHOWN_LR runs."""
    return float(_killed(0.4)[1].mean())


@claim("relu_in_practice.killed.extra_dead", fmt=".0%", expect=lambda v: v == 0)
def claim_killed_extra_dead():
    """Largest dead fraction beyond the killed units after training at the sensible rate."""
    dead, _, _ = killed_units_experiment()
    return float((dead - np.array(KILLED_FRACTIONS)[:, None]).max())
