"""Shapes of the activation functions: peak slopes and identities, on a fixed grid."""

import functools

import numpy as np

from ...activations import get_activation
from ..claims import claim

GRID = np.arange(-600, 601) / 100  # −6 … 6 in steps of 0.01, with 0 exactly on the grid


def slope(name: str, x: np.ndarray = GRID) -> np.ndarray:
    """f′(x) as the backward pass of activation ``name`` computes it; shape of ``x``."""
    act = get_activation(name)
    _, cache = act.forward(x)
    return act.backward(np.ones_like(x), cache)


@functools.cache
def sigmoid_peak() -> tuple[float, float]:
    """(max σ′ over the grid, the x where it is reached)."""
    s = slope("sigmoid")
    return float(s.max()), float(GRID[s.argmax()])


@claim("activations.sigmoid.max_slope", fmt=".2f", expect=lambda v: v == 0.25)
def sigmoid_max_slope():
    return sigmoid_peak()[0]


@claim("activations.sigmoid.max_slope_at", fmt=".1f", expect=lambda v: v == 0.0)
def sigmoid_max_slope_at():
    return sigmoid_peak()[1]


@claim("activations.tanh.max_slope", fmt=".0f", expect=lambda v: v == 1.0)
def tanh_max_slope():
    return float(slope("tanh").max())


@claim("activations.tanh.sigmoid_identity_error", fmt=".0e", expect=lambda v: v < 1e-15)
def tanh_sigmoid_identity_error():
    """max |tanh(x) − (2σ(2x) − 1)| over the grid."""
    tanh, _ = get_activation("tanh").forward(GRID)
    sigma, _ = get_activation("sigmoid").forward(2 * GRID)
    return float(np.abs(tanh - (2 * sigma - 1)).max())
