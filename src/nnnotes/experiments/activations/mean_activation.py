"""Mean activation for zero-mean inputs: which functions keep the next layer's inputs centred."""

from __future__ import annotations

import functools
import math

import numpy as np

from ...activations import get_activation
from ...monitoring import activation_histogram
from ..claims import claim, setting
from . import SEED
from .zoo import ELU_ALPHA, LEAKY_ALPHA

MEAN_SAMPLES = setting("activations.mean.samples", 100_000, fmt=",d")
MEAN_FUNCTIONS = ("relu", "leaky_relu", "elu", "tanh")
PHI = 1 / math.sqrt(2 * math.pi)  # E[max(0, x)] for x ~ N(0, 1)
# E[ELU(x)] = E[x; x > 0] + E[e^x − 1; x < 0] = 1/√(2π) + e^(1/2)·Φ(−1) − 1/2
ELU_MEAN = PHI + math.exp(0.5) * 0.5 * math.erfc(1 / math.sqrt(2)) - 0.5


@functools.cache
def activation_outputs(*, seed=SEED):
    """x ~ N(0, 1) of shape (MEAN_SAMPLES, 1) through each of MEAN_FUNCTIONS (Leaky ReLU α = 0.01,
    ELU α = 1). Returns a dict name -> ndarray of shape (MEAN_SAMPLES, 1), and x under 'input'."""
    x = np.random.default_rng(seed).standard_normal((MEAN_SAMPLES, 1))
    params = {"leaky_relu": {"alpha": LEAKY_ALPHA}, "elu": {"alpha": ELU_ALPHA}}
    outputs = {name: get_activation(name, **params.get(name, {})).forward(x)[0] for name in MEAN_FUNCTIONS}
    return {"input": x, **outputs}


def activation_histograms(bins=120, low=-1.5, high=3.0):
    """(counts, edges) of each output on [low, high] via nnnotes.monitoring.activation_histogram."""
    return {name: activation_histogram(a, bins=bins, value_range=(low, high)) for name, a in activation_outputs().items()}


def mean_activation(name):
    return float(activation_outputs()[name].mean())



@claim("activations.mean.input", fmt=".4f", expect=lambda v: abs(v) < 0.01)
def mean_input():
    return mean_activation("input")


@claim("activations.mean.relu", fmt=".2f", expect=lambda v: abs(v - PHI) < 0.01)
def mean_relu():
    """E[max(0, x)] = 1/√(2π) ≈ 0.399 for x ~ N(0, 1)."""
    return mean_activation("relu")


@claim("activations.mean.leaky_relu", fmt=".2f", expect=lambda v: abs(v - 0.99 * PHI) < 0.01)
def mean_leaky_relu():
    """E = (1 − α)/√(2π) ≈ 0.395: α·E[x] adds α·(−1/√(2π)) on the negative side."""
    return mean_activation("leaky_relu")


@claim("activations.mean.elu", fmt=".2f", expect=lambda v: abs(v - ELU_MEAN) < 0.01 and 0.05 < v < mean_relu() / 2)
def mean_elu():
    """≈ 0.16: closer to zero than ReLU's 0.40, but not zero."""
    return mean_activation("elu")


@claim("activations.mean.tanh", fmt=".4f", expect=lambda v: abs(v) < 0.01)
def mean_tanh():
    return mean_activation("tanh")


@claim("activations.mean.relu_zero_fraction", fmt=".0%", expect=lambda v: abs(v - 0.5) < 0.01)
def relu_zero_fraction():
    """Fraction of ReLU outputs that are exactly 0 (sparsity) for x ~ N(0, 1)."""
    return float(np.mean(activation_outputs()["relu"] == 0))
