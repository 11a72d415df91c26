"""The chapter's 5-arm spirals, and nets of one shape trained on them from several seeds (for
``depth`` and ``minima``)."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from ...datasets import spirals
from ...ensemble import train_nets
from ...evaluation import accuracy
from ...losses import softmax_cross_entropy
from ...model import MLP
from ..claims import setting
from ..shared import read_only
from . import MOMENTUM, SEED, TEST_SEED

SPIRAL_SAMPLES = setting("capacity.spiral_samples", 150, fmt="d")
SPIRAL_TEST_SAMPLES = setting("capacity.spiral_test_samples", 2000, fmt="d")
SPIRAL_ARMS = 5
SPIRAL_NOISE = setting("capacity.spiral_noise", 0.1, fmt="g")


@functools.cache
def spiral_data():
    """(X, y, X_test, y_test): 5-arm spirals, 150 training and 2000 held-out points, noise 0.1."""
    X, y = spirals(SPIRAL_SAMPLES, n_classes=SPIRAL_ARMS, noise=SPIRAL_NOISE, rng=np.random.default_rng(SEED))
    Xt, yt = spirals(SPIRAL_TEST_SAMPLES, n_classes=SPIRAL_ARMS, noise=SPIRAL_NOISE,
                     rng=np.random.default_rng(TEST_SEED))
    return read_only((X, y, Xt, yt))


@dataclass(frozen=True)
class SpiralRuns:
    """Nets of one shape trained from several seeds on the spirals.

    sizes : the layer sizes.  final_loss, test_accuracy : ndarray of shape (K,), the training
    cross-entropy after the last update and the held-out accuracy.  curves : None, or ndarray
    of shape (epochs // record_every, K), the training loss every ``record_every`` epochs.
    """

    sizes: tuple
    final_loss: np.ndarray
    test_accuracy: np.ndarray
    curves: np.ndarray | None


def spiral_runs(sizes, seeds, lr, epochs, record_every=None):
    """Train ``MLP(sizes)`` from each of ``seeds`` on ``spiral_data`` (softmax cross-entropy,
    full-batch gradient descent with MOMENTUM); a SpiralRuns."""
    X, y, Xt, yt = spiral_data()
    nets = [MLP(list(sizes), rng=np.random.default_rng(seed)) for seed in seeds]
    curves = train_nets(nets, X, y, loss="softmax_cross_entropy", lr=lr, epochs=epochs, momentum=MOMENTUM,
                        record_every=record_every)
    final = np.array([softmax_cross_entropy(net.forward(X, train=False), y)[0] for net in nets])
    test = np.array([accuracy(net, Xt, yt) for net in nets])
    return SpiralRuns(tuple(sizes), final, test, curves)
