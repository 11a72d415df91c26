"""The setting every experiment of the chapter shares: the spirals, the net and the seeds."""

from __future__ import annotations

import functools

import numpy as np

from ...datasets import spirals
from ...model import MLP
from ..claims import setting
from ..shared import read_only

N_SAMPLES = setting("relu_in_practice.n_samples", 200, fmt="d")
DATA_SEED = 0
TEST_SEED = 100
WIDTH = setting("relu_in_practice.width", 50, fmt="d")
SEEDS = tuple(range(setting("relu_in_practice.n_seeds", 5, fmt="d")))


@functools.cache
def spiral_data():
    """(X, y, X_test, y_test): X of shape (N, 2), y int of shape (N,), N = N_SAMPLES, 3 classes."""
    X, y = spirals(N_SAMPLES, rng=np.random.default_rng(DATA_SEED))
    Xt, yt = spirals(N_SAMPLES, rng=np.random.default_rng(TEST_SEED))
    return read_only((X, y, Xt, yt))


def relu_net(seed, *, bias_init=0.0, hidden=(WIDTH,), activation="relu"):
    """A fresh ``MLP([2, *hidden, 3])`` from ``seed``, every hidden bias set to ``bias_init``."""
    net = MLP([2, *hidden, 3], activation=activation, rng=np.random.default_rng(seed))
    for i in range(1, len(hidden) + 1):
        net.params[f"b{i}"][...] = bias_init
    return net
