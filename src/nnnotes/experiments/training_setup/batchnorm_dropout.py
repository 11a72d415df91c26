"""Batch norm and dropout together: held-out accuracy and the train − held-out gap of a small net
with neither, batch norm, dropout or both, trained by mini-batch SGD on noisy XOR, and the
"variance shift" that dropout before a batch-norm layer causes between train and evaluation mode."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ...datasets import xor
from ...model import MLP
from ..claims import claim, setting
from ..common import xor_bayes_accuracy
from ..shared import read_only, shared
from . import SEED

setting("training_setup.bndrop.seed", SEED, fmt="d")  # the training points
BD_SAMPLES = setting("training_setup.bndrop.samples", 100, fmt="d")
BD_NOISE = setting("training_setup.bndrop.noise", 0.7, fmt="g")
BD_TEST_SAMPLES = setting("training_setup.bndrop.test_samples", 4000, fmt="d")
BD_TEST_SEED = setting("training_setup.bndrop.test_seed", SEED + 1, fmt="d")
BD_WIDTH = setting("training_setup.bndrop.width", 32, fmt="d")
BD_HIDDEN = setting("training_setup.bndrop.hidden", 2, fmt="d")
BD_P = setting("training_setup.bndrop.p", 0.5, fmt="g")
BD_LR = setting("training_setup.bndrop.lr", 0.05, fmt="g")
BD_MOMENTUM = setting("training_setup.bndrop.momentum", 0.9, fmt="g")
BD_BATCH = setting("training_setup.bndrop.batch", 20, fmt="d")
BD_EPOCHS = setting("training_setup.bndrop.epochs", 100, fmt="d")
BD_SEEDS = tuple(range(setting("training_setup.bndrop.seeds", 5, fmt="d")))
BD_VARIANTS = {"plain": (False, 0.0), "bn": (True, 0.0), "dropout": (False, BD_P), "both": (True, BD_P)}


def bd_data():
    """(X, y, X_test, y_test): BD_SAMPLES training and BD_TEST_SAMPLES held-out points of noisy XOR."""
    X, y = xor(BD_SAMPLES, noise=BD_NOISE, rng=np.random.default_rng(SEED))
    Xt, yt = xor(BD_TEST_SAMPLES, noise=BD_NOISE, rng=np.random.default_rng(BD_TEST_SEED))
    return X, y, Xt, yt


@dataclass(frozen=True)
class BDRuns:
    """One variant trained from each seed of BD_SEEDS; every field has shape (K,).

    train, test : accuracy on the training points and on the held-out points (evaluation mode).
    shift : with batch norm, the running variance of the second hidden layer's batch norm divided
        by the variance of its input over the training points in evaluation mode (mean over the
        units); NaN without batch norm.
    """

    train: np.ndarray
    test: np.ndarray
    shift: np.ndarray


def variance_shift(net, X):
    """Mean over the units of layer 2 of running_var / Var(h1·W2 + b2), h1 the evaluation-mode
    output of layer 1 on X: how much larger the variance batch norm normalizes by in evaluation
    mode is than the variance it then meets."""
    h1 = net.hidden_layers(X)[0][1]
    z2 = h1 @ net.params["W2"] + net.params["b2"]
    return float(np.mean(net.bn_states[1].running_var / z2.var(axis=0)))


@shared
def bd_runs(variant):
    """Train MLP([2] + [BD_WIDTH] * BD_HIDDEN + [2], "relu") with batch norm and/or dropout as
    ``variant`` ("plain", "bn", "dropout", "both") says, by SGD with momentum on mini-batches of
    BD_BATCH (softmax cross-entropy), from each seed; a BDRuns."""
    batchnorm, p = BD_VARIANTS[variant]
    X, y, Xt, yt = bd_data()
    train, test, shift = [], [], []
    for seed in BD_SEEDS:
        net = MLP([2] + [BD_WIDTH] * BD_HIDDEN + [2], "relu", rng=np.random.default_rng(seed),
                  batchnorm=batchnorm, dropout=p)
        net.fit(X, y, lr=BD_LR, momentum=BD_MOMENTUM, epochs=BD_EPOCHS, batch_size=BD_BATCH,
                rng=np.random.default_rng(seed))
        train.append(np.mean(net.predict(X) == y))
        test.append(np.mean(net.predict(Xt) == yt))
        shift.append(variance_shift(net, X) if batchnorm else np.nan)
    return read_only(BDRuns(np.array(train), np.array(test), np.array(shift)))


def held_out(variant):
    return float(bd_runs(variant).test.mean())


def gap(variant):
    """Mean training accuracy minus mean held-out accuracy."""
    runs = bd_runs(variant)
    return float(runs.train.mean() - runs.test.mean())


def sampling_error():
    """Standard deviation of an accuracy near the Bayes rate on BD_TEST_SAMPLES points, √(b(1 − b)/n)."""
    b = xor_bayes_accuracy(BD_NOISE)
    return float(np.sqrt(b * (1 - b) / BD_TEST_SAMPLES))


def near_bayes(v):
    """Within 2 points below the best possible accuracy, and not above it by more than sampling error allows."""
    b = xor_bayes_accuracy(BD_NOISE)
    return b - 0.02 < v < b + 2 * sampling_error()


@claim("training_setup.bndrop.bayes", fmt=".1%", expect=lambda v: 0.85 < v < 0.87)
def bndrop_bayes():
    return xor_bayes_accuracy(BD_NOISE)


@claim("training_setup.bndrop.test_plain", fmt=".1%", expect=near_bayes)
def bndrop_test_plain():
    return held_out("plain")


@claim("training_setup.bndrop.test_bn", fmt=".1%", expect=near_bayes)
def bndrop_test_bn():
    return held_out("bn")


@claim("training_setup.bndrop.test_dropout", fmt=".1%", expect=near_bayes)
def bndrop_test_dropout():
    return held_out("dropout")


@claim("training_setup.bndrop.test_both", fmt=".1%",
       expect=lambda v: near_bayes(v) and v == min(held_out(variant) for variant in BD_VARIANTS))
def bndrop_test_both():
    """Both together: the lowest held-out accuracy of the four, still near the Bayes rate."""
    return held_out("both")


@claim("training_setup.bndrop.spread", fmt=".1f", expect=lambda v: 0 < v < 2)
def bndrop_spread():
    """The largest minus the smallest held-out accuracy of the four variants, in percentage points."""
    tests = [held_out(v) for v in BD_VARIANTS]
    return 100 * (max(tests) - min(tests))


def seed_sd(variant):
    """Standard deviation over the seeds of the held-out accuracy, in percentage points."""
    return 100 * float(bd_runs(variant).test.std())


@claim("training_setup.bndrop.sd_plain", fmt=".1f", expect=lambda v: v == min(seed_sd(x) for x in BD_VARIANTS))
def bndrop_sd_plain():
    """The plain net's held-out accuracy varies least from seed to seed."""
    return seed_sd("plain")


@claim("training_setup.bndrop.sd_both", fmt=".1f", expect=lambda v: v == max(seed_sd(x) for x in BD_VARIANTS))
def bndrop_sd_both():
    """Both together vary most from seed to seed."""
    return seed_sd("both")


@claim("training_setup.bndrop.min_both", fmt=".1%", expect=lambda v: v < held_out("both") - 0.005)
def bndrop_min_both():
    """The worst seed of the combination, well below the combination's mean."""
    return float(bd_runs("both").test.min())


@claim("training_setup.bndrop.train_plain", fmt=".1%", expect=lambda v: v > held_out("plain") + 0.03)
def bndrop_train_plain():
    return float(bd_runs("plain").train.mean())


@claim("training_setup.bndrop.train_bn", fmt=".1%", expect=lambda v: v > held_out("bn") + 0.03)
def bndrop_train_bn():
    return float(bd_runs("bn").train.mean())


@claim("training_setup.bndrop.train_dropout", fmt=".1%", expect=lambda v: v < bndrop_train_plain())
def bndrop_train_dropout():
    return float(bd_runs("dropout").train.mean())


@claim("training_setup.bndrop.train_both", fmt=".1%", expect=lambda v: v < bndrop_train_plain())
def bndrop_train_both():
    return float(bd_runs("both").train.mean())


@claim("training_setup.bndrop.gap_plain", fmt=".1f", expect=lambda v: v > 4)
def bndrop_gap_plain():
    """Training minus held-out accuracy, in percentage points."""
    return 100 * gap("plain")


@claim("training_setup.bndrop.gap_bn", fmt=".1f", expect=lambda v: abs(v - bndrop_gap_plain()) < 2)
def bndrop_gap_bn():
    """Batch norm alone, with the noise of its mini-batch statistics, changes the gap little here."""
    return 100 * gap("bn")


@claim("training_setup.bndrop.gap_dropout", fmt=".1f",
       expect=lambda v: v < min(bndrop_gap_plain(), bndrop_gap_bn()) - 2)
def bndrop_gap_dropout():
    """Dropout narrows the gap, by at least 2 points against either net without it."""
    return 100 * gap("dropout")


@claim("training_setup.bndrop.gap_both", fmt=".1f",
       expect=lambda v: v < min(bndrop_gap_plain(), bndrop_gap_bn()) - 2)
def bndrop_gap_both():
    """Dropout narrows the gap with batch norm too."""
    return 100 * gap("both")


@claim("training_setup.bndrop.shift_bn", fmt=".2f", expect=lambda v: abs(v - 1) < 0.1)
def bndrop_shift_bn():
    """Without dropout the running variance matches what evaluation mode meets."""
    return float(bd_runs("bn").shift.mean())


@claim("training_setup.bndrop.shift_both", fmt=".2f", expect=lambda v: v > 1.3)
def bndrop_shift_both():
    """With dropout before it, batch norm stores the larger train-mode variance (inverted dropout
    raises E[h²] by 1/(1 − p)) and divides by it in evaluation mode, where that variance is gone."""
    return float(bd_runs("both").shift.mean())
