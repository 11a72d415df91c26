"""Sizes of the two reference nets [3, 4, 2] and [3, 4, 4, 1], read from ``MLP`` objects."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from ...model import MLP
from ..claims import claim
from . import SEED

REFERENCE_SIZES = ((3, 4, 2), (3, 4, 4, 1))  # the two nets drawn in the CS231n notes


def reference_nets(*, seed=SEED):
    """The two reference nets as ``MLP`` objects: [3, 4, 2] (2 layers) and [3, 4, 4, 1] (3 layers).

    Returns a tuple of two MLPs (ReLU hidden layers, weights drawn from ``seed``).
    """
    rng = np.random.default_rng(seed)
    return tuple(MLP(list(sizes), rng=rng) for sizes in REFERENCE_SIZES)


@dataclass(frozen=True)
class Size:
    """What a net is made of, counted from its parameter arrays.

    layers : affine layers L (the input layer is not counted).  neurons : units of the hidden
    and output layers, Σ_{l≥1} n_l.  weights : Σ_l n_{l−1}·n_l, the entries of W1 … WL.
    biases : Σ_l n_l, the entries of b1 … bL.  parameters : weights + biases.
    """

    layers: int
    neurons: int
    weights: int
    biases: int
    parameters: int


def size(net):
    """Count the layers, neurons, weights, biases and parameters of an ``MLP`` (no batch norm).

    Weights and biases are summed over the model's own arrays W1…WL and b1…bL; the total is
    checked against ``MLP.n_parameters``.
    """
    weights = sum(net.params[f"W{i}"].size for i in range(1, net.n_layers + 1))
    biases = sum(net.params[f"b{i}"].size for i in range(1, net.n_layers + 1))
    if weights + biases != net.n_parameters:
        raise ValueError("size() counts weights and biases only; this net has other parameters (batch norm?)")
    return Size(net.n_layers, net.n_neurons, weights, biases, net.n_parameters)


@functools.cache
def reference_sizes():
    """(Size of [3, 4, 2], Size of [3, 4, 4, 1])."""
    return tuple(size(net) for net in reference_nets())


def _size_claim(index, field, value, label):
    @claim(f"architecture.{label}_{field}", fmt="d", expect=lambda v: v == value)
    def compute():
        return getattr(reference_sizes()[index], field)

    compute.__doc__ = f"The {field} of the reference net {list(REFERENCE_SIZES[index])}."
    return compute


# the values the CS231n notes state: [3, 4, 2]: 6 neurons, 20 + 6 = 26; [3, 4, 4, 1]: 9, 32 + 9 = 41
for _field, _small, _large in (("layers", 2, 3), ("neurons", 6, 9), ("weights", 20, 32), ("biases", 6, 9),
                               ("parameters", 26, 41)):
    _size_claim(0, _field, _small, "small")
    _size_claim(1, _field, _large, "large")
