"""Sigmoid at initialization: large initial weights saturate it, Xavier's do not."""

from __future__ import annotations

import functools

import numpy as np

from ...init import get_initializer
from ...layers import affine_forward
from ..claims import claim, setting
from . import SEED
from .shapes import sigmoid_peak
from .zoo import SATURATION_EPS, elementwise_curve

INIT_FAN_IN = setting("activations.sigmoid.init.fan_in", 100, fmt="d")
INIT_SAMPLES = 1000


@functools.cache
def sigmoid_layer_at_init(init, *, seed=SEED, **params):
    """One sigmoid layer of INIT_FAN_IN inputs and INIT_FAN_IN units at initialization.

    x ~ N(0, 1) of shape (INIT_SAMPLES, INIT_FAN_IN); W = init((100, 100)); b = 0;
    z = x·W (each z has variance 100·Var(W)).  Returns (fraction of entries of z that are
    saturated, mean σ′(z) over every entry), σ′ from the backward pass."""
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((INIT_SAMPLES, INIT_FAN_IN))
    W = get_initializer(init, **params)((INIT_FAN_IN, INIT_FAN_IN), rng=rng)
    z, _ = affine_forward(x, W, np.zeros(INIT_FAN_IN))
    _, slope = elementwise_curve("sigmoid", z)
    peak = sigmoid_peak()[0]
    return float(np.mean(slope < SATURATION_EPS * peak)), float(slope.mean())


def _large_init():
    return sigmoid_layer_at_init("small_random", scale=1.0)


def _xavier_init():
    return sigmoid_layer_at_init("xavier_normal")



@claim("activations.sigmoid.init_large.saturated_fraction", fmt=".0%", expect=lambda v: 0.4 < v < 0.7)
def init_large_saturated_fraction():
    """W ~ N(0, 1): z ~ N(0, 100), so P(|z| > 5.99) = P(|N(0,1)| > 0.599) ≈ 0.55."""
    return _large_init()[0]


@claim("activations.sigmoid.init_xavier.saturated_fraction", fmt=".0%", expect=lambda v: v == 0.0)
def init_xavier_saturated_fraction():
    """Xavier: Var(W) = 2/(100 + 100) = 0.01, z ~ N(0, 1): |z| > 5.99 is a 6σ event."""
    return _xavier_init()[0]


@claim("activations.sigmoid.init_large.mean_slope", fmt=".2f", expect=lambda v: 0.02 < v < 0.06)
def init_large_mean_slope():
    return _large_init()[1]


@claim("activations.sigmoid.init_xavier.mean_slope", fmt=".2f", expect=lambda v: 0.18 < v < 0.22)
def init_xavier_mean_slope():
    return _xavier_init()[1]


@claim("activations.sigmoid.init.slope_ratio", fmt=".0f", expect=lambda v: v > 4)
def init_slope_ratio():
    """Mean σ′ with Xavier init over mean σ′ with N(0, 1) weights."""
    return _xavier_init()[1] / _large_init()[1]
