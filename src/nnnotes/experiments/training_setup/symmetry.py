"""Symmetry: a one-hidden-layer tanh net whose weights all start equal, against the same net
started at random."""

from __future__ import annotations

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
    W1, b1, W2 = net.params["W1"], net.params["b1"], net.params["W2"]
    spread = max(np.abs(W1 - W1[:, :1]).max(), np.abs(b1 - b1[0]).max(), np.abs(W2 - W2[:1]).max())
    return SymmetryRun(np.array(epochs), np.array(snapshots), np.concatenate(losses), np.concatenate(accuracies),
                       float(spread))


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
