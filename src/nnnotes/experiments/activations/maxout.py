"""Maxout's price: a k-piece Maxout layer has k times the parameters of the layer a ReLU follows."""

from __future__ import annotations

import numpy as np

from ...init import get_initializer
from ...model import MLP
from ..claims import claim
from . import SEED

LAYER_IN, LAYER_OUT = 100, 100


def maxout_layer_parameters(k, d=LAYER_IN, m=LAYER_OUT, *, seed=SEED):
    """Parameters of a Maxout layer d → m with k pieces: W of shape (k, d, m) and b of shape (k, m),
    k·(d + 1)·m numbers, counted on the initialized arrays."""
    W = get_initializer("xavier_normal")((k, d, m), rng=np.random.default_rng(seed))
    b = np.zeros((k, m))
    return W.size + b.size


@claim("activations.maxout.relu_layer_parameters", fmt=",d", expect=lambda v: v == 100 * 100 + 100)
def relu_layer_parameters():
    """A fully connected layer 100 → 100 (the one a ReLU follows): an MLP [100, 100]'s parameters."""
    return MLP([LAYER_IN, LAYER_OUT], rng=np.random.default_rng(SEED)).n_parameters


@claim("activations.maxout.k2_layer_parameters", fmt=",d", expect=lambda v: v == 2 * relu_layer_parameters())
def maxout_k2_layer_parameters():
    return maxout_layer_parameters(2)


@claim("activations.maxout.k4_layer_parameters", fmt=",d", expect=lambda v: v == 4 * relu_layer_parameters())
def maxout_k4_layer_parameters():
    return maxout_layer_parameters(4)
