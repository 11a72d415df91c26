"""XOR: logistic regression (``MLP([2, 1])``) fails, one hidden layer (``MLP([2, H, 1])``) solves it."""

from __future__ import annotations

import math

import numpy as np

from ...activations import sigmoid_forward
from ...datasets import xor
from ...evaluation import accuracy
from ...model import MLP
from ..claims import claim, setting
from ..common import best_line as best_rule
from ..shared import shared
from . import SEED

XOR_SAMPLES = setting("architecture.xor_samples", 200, fmt="d")
XOR_NOISE = setting("architecture.xor_noise", 0.3, fmt="g")
XOR_TEST_SAMPLES = setting("architecture.xor_test_samples", 1000, fmt=",d")
XOR_TEST_SEED = setting("architecture.xor_test_seed", SEED + 1, fmt="d")
HIDDEN = setting("architecture.hidden", 4, fmt="d")
LR = setting("architecture.lr", 0.5, fmt="g")
EPOCHS = setting("architecture.epochs", 1000, fmt="d")
LINE_DIRECTIONS = setting("architecture.line_directions", 3600, fmt=",d")


def xor_data(n_samples=XOR_SAMPLES, *, seed=SEED):
    """``nnnotes.datasets.xor`` with noise XOR_NOISE: X of shape (N, 2), y of shape (N,)."""
    return xor(n_samples, noise=XOR_NOISE, rng=np.random.default_rng(seed))


@shared
def xor_logistic(*, seed=SEED):
    """Logistic regression on ``xor_data``: ``MLP([2, 1])`` (no hidden layer), binary
    cross-entropy, full-batch gradient descent, learning rate LR for EPOCHS epochs.
    Returns (net, History)."""
    X, y = xor_data(seed=seed)
    net = MLP([2, 1], init="xavier_normal", rng=np.random.default_rng(seed))
    return net, net.fit(X, y, loss="binary_cross_entropy", lr=LR, epochs=EPOCHS)


@shared
def xor_mlp(*, seed=SEED):
    """One hidden layer on ``xor_data``: ``MLP([2, HIDDEN, 1])`` with tanh, trained like
    ``xor_logistic`` (same loss, learning rate and epochs). Returns (net, History)."""
    X, y = xor_data(seed=seed)
    net = MLP([2, HIDDEN, 1], activation="tanh", init="xavier_normal", rng=np.random.default_rng(seed))
    return net, net.fit(X, y, loss="binary_cross_entropy", lr=LR, epochs=EPOCHS)



@shared
def best_line(*, seed=SEED, n_directions=LINE_DIRECTIONS):
    """The most accurate linear rule [u·x > t] on ``xor_data``, by the exhaustive search of
    ``common.best_line`` over n_directions directions. Returns (u of shape (2,), t, accuracy)."""
    X, y = xor_data(seed=seed)
    return best_rule(X, y, n_directions)


def probability(net, X):
    """σ(score) of a net with one output, for X of shape (N, 2): ndarray of shape (N,)."""
    return sigmoid_forward(net.forward(X, train=False)[:, 0])[0]


@claim("architecture.xor_logistic_accuracy", fmt=".1%", expect=lambda v: 0.4 < v < 0.6)
def xor_logistic_accuracy():
    """Logistic regression on XOR: about a coin toss."""
    net, _ = xor_logistic()
    return accuracy(net, *xor_data())


@claim("architecture.xor_logistic_loss", fmt=".3f", expect=lambda v: abs(v - math.log(2)) < 0.005)
def xor_logistic_loss():
    """Its final loss: within 0.005 of ln 2, the loss of answering p = 1/2 everywhere."""
    return float(xor_logistic()[1].loss[-1])


@claim("architecture.xor_logistic_max_confidence", fmt=".3f", expect=lambda v: 0.5 < v < 0.55)
def xor_logistic_max_confidence():
    """The largest probability the trained logistic regression gives either class on any sample."""
    net, _ = xor_logistic()
    p = probability(net, xor_data()[0])
    return float(np.maximum(p, 1 - p).max())


@claim("architecture.xor_best_line_accuracy", fmt=".1%", expect=lambda v: 0.7 <= v <= 0.8)
def xor_best_line_accuracy():
    """The best line over LINE_DIRECTIONS directions: about three corners out of four."""
    return best_line()[2]


@claim("architecture.xor_mlp_accuracy", fmt=".0%", expect=lambda v: v == 1.0)
def xor_mlp_accuracy():
    """One hidden layer: every training sample right."""
    net, _ = xor_mlp()
    return accuracy(net, *xor_data())


@claim("architecture.xor_mlp_test_accuracy", fmt=".1%", expect=lambda v: v > 0.97)
def xor_mlp_test_accuracy():
    """The same net on new XOR samples drawn with another seed."""
    net, _ = xor_mlp()
    return accuracy(net, *xor_data(XOR_TEST_SAMPLES, seed=XOR_TEST_SEED))
