"""The forward pass of a 3-layer net written out as matrix products, against ``MLP.forward``."""

from __future__ import annotations

import functools

import numpy as np

from ...activations import get_activation
from ...model import MLP
from ..claims import claim
from . import SEED
from .sizes import REFERENCE_SIZES

FORWARD_BATCH = 5


def forward_by_hand(net, X):
    """The forward pass of ``net`` written out: h_l = f(h_{l−1}·W_l + b_l), out = h_{L−1}·W_L + b_L.

    X : ndarray of shape (N, D). Returns a list [h_1, …, h_{L−1}, out] of arrays of shapes
    (N, n_1), …, (N, n_L); the output layer has no activation function.
    """
    p = net.parameters()
    outputs, h = [], X
    for i in range(1, net.n_layers + 1):
        z = h @ p[f"W{i}"] + p[f"b{i}"]
        h = z if i == net.n_layers else get_activation(net.activations[i - 1]).forward(z)[0]
        outputs.append(h)
    return outputs


@functools.cache
def forward_check(*, seed=SEED):
    """(shapes of [h1, h2, out], max |out_by_hand − MLP.forward|) for the 3-layer reference net
    [3, 4, 4, 1] with sigmoid hidden layers (weights from ``default_rng(seed)``) on a batch X of
    shape (FORWARD_BATCH, 3) drawn from ``default_rng(seed + 1)``: the page's snippet."""
    net = MLP(list(REFERENCE_SIZES[1]), activation="sigmoid", rng=np.random.default_rng(seed))
    X = np.random.default_rng(seed + 1).standard_normal((FORWARD_BATCH, REFERENCE_SIZES[1][0]))
    outputs = forward_by_hand(net, X)
    difference = float(np.abs(outputs[-1] - net.forward(X, train=False)).max())
    return tuple(o.shape for o in outputs), difference


@claim("architecture.forward_max_difference", fmt=".1g", expect=lambda v: v < 1e-12)
def forward_max_difference():
    return forward_check()[1]
