"""Symmetry: a one-hidden-layer tanh net whose weights all start equal, against the same net
started at random; and nets whose weights and biases all start at 0, with tanh or sigmoid units."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from ...datasets import circles
from ...init import get_initializer
from ...model import MLP
from ..claims import claim, setting
from ..shared import shared
from . import SEED

SYMMETRY_HIDDEN = setting("training_setup.sym.hidden", 8, fmt="d")
# every weight starts at this value in the constant net
SYMMETRY_VALUE = setting("training_setup.sym.value", 0.5, fmt="g")
SYMMETRY_LR = setting("training_setup.sym.lr", 0.5, fmt="g")
SYMMETRY_EPOCHS = setting("training_setup.sym.epochs", 1000, fmt="d")
SYMMETRY_RECORD_EVERY = 10
SYMMETRY_SAMPLES = setting("training_setup.sym.samples", 200, fmt="d")
SYMMETRY_NOISE = setting("training_setup.sym.noise", 0.1, fmt="g")
setting("training_setup.sym.seed", SEED, fmt="d")  # the data, and the random net's weights
# the all-zero runs keep every point of the outer circle and only this many of the inner one
ZERO_INNER = setting("training_setup.sym.zero_inner", 30, fmt="d")


def symmetry_data(*, seed=SEED):
    """``circles(SYMMETRY_SAMPLES, noise=SYMMETRY_NOISE)``: X (N, 2), y (N,) in {0, 1}."""
    return circles(SYMMETRY_SAMPLES, noise=SYMMETRY_NOISE, rng=np.random.default_rng(seed))


@dataclass(frozen=True)
class SymmetryRun:
    """One run of MLP([2, H, 2], "tanh") trained by full-batch gradient descent.

    epochs : int ndarray of shape (T,), the epochs at which W1 was recorded (0 = before training).
    W1 : ndarray of shape (T, 2, H), the hidden layer's weights at those epochs.
    loss, accuracy : ndarray of shape (SYMMETRY_EPOCHS,), per epoch.
    unit_spread : max over the hidden units j of |W1[:, j] − W1[:, 0]|, |b1[j] − b1[0]| and
    |W2[j, :] − W2[0, :]| after training (0 means the units are identical).
    """

    epochs: np.ndarray
    W1: np.ndarray
    loss: np.ndarray
    accuracy: np.ndarray
    unit_spread: float


def unit_spread(params):
    """max over the hidden units j of |W1[:, j] − W1[:, 0]|, |b1[j] − b1[0]| and |W2[j, :] − W2[0, :]|
    (0 when the units are identical)."""
    W1, b1, W2 = params["W1"], params["b1"], params["W2"]
    return float(max(np.abs(W1 - W1[:, :1]).max(), np.abs(b1 - b1[0]).max(), np.abs(W2 - W2[:1]).max()))


@shared
def symmetry_run(init, *, seed=SEED):
    """Train MLP([2, SYMMETRY_HIDDEN, 2], "tanh") on ``symmetry_data`` with full-batch gradient
    descent (lr = SYMMETRY_LR, SYMMETRY_EPOCHS epochs, softmax cross-entropy).

    init : "constant" (every weight SYMMETRY_VALUE) or an initializer name, e.g. "xavier_normal".
    """
    X, y = symmetry_data(seed=seed)
    initializer = get_initializer("constant", value=SYMMETRY_VALUE) if init == "constant" else init
    net = MLP([2, SYMMETRY_HIDDEN, 2], "tanh", rng=np.random.default_rng(seed), init=initializer)
    epochs, snapshots, losses, accuracies = [0], [net.params["W1"].copy()], [], []
    for _ in range(SYMMETRY_EPOCHS // SYMMETRY_RECORD_EVERY):
        history = net.fit(X, y, lr=SYMMETRY_LR, epochs=SYMMETRY_RECORD_EVERY)
        losses.append(history.loss)
        accuracies.append(history.accuracy)
        epochs.append(epochs[-1] + SYMMETRY_RECORD_EVERY)
        snapshots.append(net.params["W1"].copy())
    return SymmetryRun(np.array(epochs), np.array(snapshots), np.concatenate(losses), np.concatenate(accuracies),
                       unit_spread(net.params))


def unequal_data(*, seed=SEED):
    """``symmetry_data`` with every point of class 0 (the outer circle) and only the first
    ZERO_INNER points of class 1: X (N, 2), y (N,) with more 0s than 1s."""
    X, y = symmetry_data(seed=seed)
    keep = np.concatenate([np.flatnonzero(y == 0), np.flatnonzero(y == 1)[:ZERO_INNER]])
    return X[keep], y[keep]


@dataclass(frozen=True)
class ZeroRun:
    """A net started with every weight and bias 0, after training.

    w1_max : max |W1|, how far the first layer moved.  unit_spread : as in SymmetryRun.
    accuracy : training accuracy after the last epoch.
    """

    w1_max: float
    unit_spread: float
    accuracy: float


@functools.cache
def zero_run(activation, balanced=False, *, seed=SEED):
    """Train MLP([2, SYMMETRY_HIDDEN, 2], activation) from all-zero weights and biases like
    ``symmetry_run`` (full batch, lr = SYMMETRY_LR, SYMMETRY_EPOCHS epochs), on ``unequal_data``,
    or on the balanced ``symmetry_data`` when ``balanced``; a ZeroRun.

    At step 0 every score is 0, so softmax gives each class 1/2 and the output errors of the
    batch sum to (N/2 − N_c)/N for class c: 0 for balanced classes, not 0 for unequal ones.
    """
    X, y = symmetry_data(seed=seed) if balanced else unequal_data(seed=seed)
    net = MLP([2, SYMMETRY_HIDDEN, 2], activation, rng=np.random.default_rng(seed), init="zeros")
    history = net.fit(X, y, lr=SYMMETRY_LR, epochs=SYMMETRY_EPOCHS)
    return ZeroRun(float(np.abs(net.params["W1"]).max()), unit_spread(net.params), float(history.accuracy[-1]))


def majority_share(*, seed=SEED):
    """The fraction of the larger class in ``unequal_data``: the accuracy of always predicting it."""
    _, y = unequal_data(seed=seed)
    return float(np.bincount(y).max() / y.size)


@claim("training_setup.sym.constant_spread", fmt="g", expect=lambda v: v == 0)
def sym_constant_spread():
    return symmetry_run("constant").unit_spread


@claim("training_setup.sym.random_spread", fmt=".1f", expect=lambda v: v > 1)
def sym_random_spread():
    return symmetry_run("xavier_normal").unit_spread


@claim("training_setup.sym.constant_accuracy", fmt=".0%", expect=lambda v: v < 0.7)
def sym_constant_accuracy():
    return float(symmetry_run("constant").accuracy[-1])


@claim("training_setup.sym.random_accuracy", fmt=".0%", expect=lambda v: v > 0.95)
def sym_random_accuracy():
    return float(symmetry_run("xavier_normal").accuracy[-1])


@claim("training_setup.sym.constant_loss", fmt=".3f", expect=lambda v: v > 0.5)
def sym_constant_loss():
    return float(symmetry_run("constant").loss[-1])


@claim("training_setup.sym.random_loss", fmt=".3f", expect=lambda v: v < 0.1)
def sym_random_loss():
    return float(symmetry_run("xavier_normal").loss[-1])


@claim("training_setup.sym.random_first_max", fmt=".1f", expect=lambda v: v > 2)
def sym_random_first_max():
    """The largest first-input weight of any hidden unit of the random net, over the recorded epochs."""
    return float(symmetry_run("xavier_normal").W1[:, 0, :].max())


@claim("training_setup.sym.random_first_min", fmt=".1f", expect=lambda v: v < -2)
def sym_random_first_min():
    return float(symmetry_run("xavier_normal").W1[:, 0, :].min())


@claim("training_setup.sym.zero_tanh_w1", fmt="g", expect=lambda v: v == 0)
def sym_zero_tanh_w1():
    """tanh(0) = 0: every h_j is 0, W2 gets no gradient and W1 none either; W1 stays exactly 0."""
    return zero_run("tanh").w1_max


@claim("training_setup.sym.zero_sigmoid_w1", fmt=".2f", expect=lambda v: v > 0.05)
def sym_zero_sigmoid_w1():
    """σ(0) = 1/2: with unequal classes W2 moves at step 0, and W1 follows."""
    return zero_run("sigmoid").w1_max


@claim("training_setup.sym.zero_sigmoid_spread", fmt="g", expect=lambda v: v == 0)
def sym_zero_sigmoid_spread():
    """The sigmoid units moved, but all by the same amount: the symmetry is not broken."""
    return zero_run("sigmoid").unit_spread


@claim("training_setup.sym.zero_sigmoid_balanced_w1", fmt=".0e", expect=lambda v: v < 1e-12)
def sym_zero_sigmoid_balanced_w1():
    """With as many points in each class the output errors sum to 0 at step 0 (up to rounding),
    and W1 stays at 0 up to rounding."""
    return zero_run("sigmoid", balanced=True).w1_max


@claim("training_setup.sym.zero_majority", fmt=".1%", expect=lambda v: 0.5 < v < 1)
def sym_zero_majority():
    return majority_share()


@claim("training_setup.sym.zero_sigmoid_accuracy", fmt=".1%", expect=lambda v: abs(v - majority_share()) < 1e-12)
def sym_zero_sigmoid_accuracy():
    """Identical units act as one sigmoid unit, which cannot separate two circles: the net
    predicts the larger class everywhere."""
    return zero_run("sigmoid").accuracy


@claim("training_setup.sym.zero_tanh_accuracy", fmt=".1%", expect=lambda v: abs(v - majority_share()) < 1e-12)
def sym_zero_tanh_accuracy():
    """W1 and W2 stay 0, only b2 learns: the net predicts the larger class everywhere."""
    return zero_run("tanh").accuracy
