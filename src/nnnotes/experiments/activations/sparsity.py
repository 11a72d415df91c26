"""Sparse activations are not a regularizer: a ReLU net whose hidden outputs are mostly exactly 0
still memorizes random labels."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ...model import MLP
from ..claims import claim, setting
from ..shared import shared
from . import SEED

SPARSE_SAMPLES = setting("activations.sparsity.samples", 200, fmt="d")
SPARSE_FEATURES = setting("activations.sparsity.features", 10, fmt="d")
SPARSE_WIDTH = setting("activations.sparsity.width", 200, fmt="d")
SPARSE_LR = setting("activations.sparsity.lr", 0.5, fmt="g")
SPARSE_EPOCHS = setting("activations.sparsity.epochs", 600, fmt="d")


@dataclass(frozen=True)
class Memorized:
    """A ReLU net trained on random labels: the share of its hidden outputs on the training
    inputs that are exactly 0, and its accuracy on the training set and on fresh points."""

    zero_fraction: float
    train_accuracy: float
    test_accuracy: float


@shared
def random_label_fit(*, seed=SEED):
    """MLP([10, 200, 2], "relu"), He init, full-batch gradient descent on softmax cross-entropy.

    Inputs x ~ N(0, I) of 10 features and labels 0/1 drawn at random, independently of x, for a
    training set and a second set of the same size (from default_rng(seed)): nothing to learn,
    so any training accuracy above 1/2 is memorization, and held-out accuracy stays near 1/2.
    """
    rng = np.random.default_rng(seed)
    X, y = rng.standard_normal((SPARSE_SAMPLES, SPARSE_FEATURES)), rng.integers(0, 2, size=SPARSE_SAMPLES)
    Xt, yt = rng.standard_normal((SPARSE_SAMPLES, SPARSE_FEATURES)), rng.integers(0, 2, size=SPARSE_SAMPLES)
    net = MLP([SPARSE_FEATURES, SPARSE_WIDTH, 2], "relu", rng=np.random.default_rng(seed))
    net.fit(X, y, lr=SPARSE_LR, epochs=SPARSE_EPOCHS)
    hidden = np.maximum(0.0, X @ net.params["W1"] + net.params["b1"])
    return Memorized(float(np.mean(hidden == 0)), float(np.mean(net.predict(X) == y)),
                     float(np.mean(net.predict(Xt) == yt)))


@claim("activations.sparsity.zero_fraction", fmt=".0%", expect=lambda v: v > 0.4)
def sparsity_zero_fraction():
    """The trained net's hidden outputs on its training inputs that are exactly 0: sparse."""
    return random_label_fit().zero_fraction


@claim("activations.sparsity.train_accuracy", fmt=".0%", expect=lambda v: v > 0.95)
def sparsity_train_accuracy():
    """Training accuracy on labels that carry no information: memorized."""
    return random_label_fit().train_accuracy


@claim("activations.sparsity.test_accuracy", fmt=".0%", expect=lambda v: v < 0.65)
def sparsity_test_accuracy():
    """Accuracy on fresh random labels: chance, 1/2, up to sampling noise."""
    return random_label_fit().test_accuracy
