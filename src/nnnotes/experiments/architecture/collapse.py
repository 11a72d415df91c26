"""A stack of affine layers is one affine map: three 2 → 2 layers applied to a grid, one by one
and merged, and the same layers with tanh between them."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from ...activations import get_activation
from ...layers import affine_forward
from ..claims import claim, setting
from . import SEED

COLLAPSE_LAYERS = setting("architecture.collapse_layers", 3, fmt="d")
GRID_LINES = setting("architecture.grid_lines", 9, fmt="d")  # lines in each direction across [−1, 1]²
GRID_POINTS = 65  # points along each line: the nodes of the grid are every 8th point
STRETCH = (setting("architecture.stretch_min", 0.6, fmt="g"), setting("architecture.stretch_max", 1.5, fmt="g"))
BIAS_STD = setting("architecture.bias_std", 0.3, fmt="g")

def grid_lines(n_lines=GRID_LINES, n_points=GRID_POINTS):
    """A square grid on [−1, 1]²: ndarray of shape (2·n_lines, n_points, 2); the first n_lines
    lines are horizontal (constant x₂), the others vertical (constant x₁)."""
    level = np.linspace(-1, 1, n_lines)
    t = np.linspace(-1, 1, n_points)
    horizontal = np.stack(np.broadcast_arrays(t[None, :], level[:, None]), axis=-1)
    vertical = np.stack(np.broadcast_arrays(level[:, None], t[None, :]), axis=-1)
    return np.concatenate([horizontal, vertical])


@dataclass(frozen=True)
class Collapse:
    """Three affine layers on 2-D points, run one by one and as the single product map.

    layers : list of (W_i of shape (2, 2), b_i of shape (2,)).  W, b : the product map
    W = W1·W2·W3 and b = (b1·W2 + b2)·W3 + b3.  grid : input lines, shape (L, P, 2).
    stacked, collapsed : the grid after the three layers and after x·W + b, shape (L, P, 2).
    bent : the grid through the same layers with tanh after layers 1 and 2, shape (L, P, 2).
    max_difference : max |stacked − collapsed| over every point and coordinate.
    """

    layers: list
    W: np.ndarray
    b: np.ndarray
    grid: np.ndarray
    stacked: np.ndarray
    collapsed: np.ndarray
    bent: np.ndarray
    max_difference: float


def rotation(angle):
    """The 2 × 2 rotation matrix by ``angle`` radians (for row vectors: x ↦ x·R turns x by −angle)."""
    c, s = np.cos(angle), np.sin(angle)
    return np.array([[c, -s], [s, c]])


def random_layer(rng):
    """One 2 → 2 affine layer: W = R(α)·diag(s1, s2)·R(β) with α, β ~ U(0, 2π) and stretches
    s ~ U(STRETCH), b ~ N(0, BIAS_STD²). Every 2 × 2 matrix has this form (its singular value
    decomposition); bounding the stretches keeps the layer from flattening the plane."""
    alpha, beta = rng.uniform(0, 2 * np.pi, 2)
    W = rotation(alpha) @ np.diag(rng.uniform(*STRETCH, 2)) @ rotation(beta)
    return W, BIAS_STD * rng.standard_normal(2)


@functools.cache
def linear_collapse(*, seed=SEED):
    """Three 2 → 2 affine layers (``random_layer``) applied to ``grid_lines()``, one by one and
    merged: (x·W1 + b1)·W2 + b2 = x·(W1·W2) + (b1·W2 + b2), and so on for W3, b3.
    """
    rng = np.random.default_rng(seed)
    layers = [random_layer(rng) for _ in range(COLLAPSE_LAYERS)]
    grid = grid_lines()
    points = grid.reshape(-1, 2)
    h, bent = points, points
    W, b = np.eye(2), np.zeros(2)
    tanh = get_activation("tanh")
    for i, (Wi, bi) in enumerate(layers):
        h, _ = affine_forward(h, Wi, bi)
        bent, _ = affine_forward(bent, Wi, bi)
        if i < len(layers) - 1:
            bent, _ = tanh.forward(bent)
        W, b = W @ Wi, b @ Wi + bi
    collapsed, _ = affine_forward(points, W, b)
    shape = grid.shape
    return Collapse(layers, W, b, grid, h.reshape(shape), collapsed.reshape(shape), bent.reshape(shape),
                    float(np.abs(h - collapsed).max()))


@claim("architecture.collapse_max_difference", fmt=".0e", expect=lambda v: v < 1e-12)
def collapse_max_difference():
    """Rounding error only: the stack and the product map are the same function."""
    return linear_collapse().max_difference
