"""Universal approximation: one hidden layer of tanh units fitted to a 1-D function, against
Nielsen's construction of bumps from pairs of steep sigmoids."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from ...activations import get_activation
from ...datasets import sample_function
from ...model import MLP
from ..claims import claim, listed, setting
from ..shared import read_only, shared
from . import MOMENTUM, SEED

UAT_LOW, UAT_HIGH = -3.0, 3.0
UAT_SAMPLES = setting("capacity.uat_samples", 200, fmt="d")
UAT_GRID = setting("capacity.uat_grid", 6001, fmt="d")
UAT_WIDTHS = setting("capacity.uat_widths", (1, 3, 10, 50), fmt=listed("d"))
UAT_LR = setting("capacity.uat_lr", 0.03, fmt="g")
UAT_EPOCHS = setting("capacity.uat_epochs", 3000, fmt="d")
STEEP = setting("capacity.steep", 1000.0, fmt=".0f")  # the weight of Nielsen's step-like sigmoids
BUMP_COUNTS = (5, 10, 20, 40, 80, 160)
SHOWN_BUMPS = setting("capacity.shown_bumps", 10, fmt="d")
setting("capacity.bump_counts_ratio", BUMP_COUNTS[-1] // SHOWN_BUMPS, fmt="d")  # 160 bumps are 16 times 10


def uat_target(x):
    """f(x) = sin(3x)·exp(−x²/4), elementwise on an ndarray of any shape."""
    return np.sin(3 * x) * np.exp(-(x**2) / 4)


@functools.cache
def uat_data():
    """(X, y, grid): X of shape (200, 1) in [−3, 3], y = f(X) of shape (200,) without noise,
    grid of shape (6001,) spanning [−3, 3] (spacing 0.001) where the error is measured."""
    X, y = sample_function(uat_target, UAT_SAMPLES, low=UAT_LOW, high=UAT_HIGH, noise=0.0,
                           rng=np.random.default_rng(SEED))
    return read_only((X, y, np.linspace(UAT_LOW, UAT_HIGH, UAT_GRID)))


def uat_net(width, seed=SEED):
    """A fresh ``MLP([1, width, 1], "tanh")`` whose hidden units are spread over [−3, 3].

    Unit j computes tanh(w_j·x + b_j); its transition is centred at c_j = −b_j / w_j. With
    zero biases every centre would sit at x = 0, so we draw w_j ~ N(0, 1) and c_j ~ U(−3, 3)
    and set b_j = −w_j·c_j. The output layer keeps its Xavier-normal weights.
    """
    rng = np.random.default_rng(seed)
    net = MLP([1, width, 1], "tanh", rng=rng, init="xavier_normal")
    w = rng.standard_normal(width)
    centres = rng.uniform(UAT_LOW, UAT_HIGH, width)
    net.params["W1"][0] = w
    net.params["b1"][:] = -w * centres
    return net


@dataclass(frozen=True)
class Fit:
    """A trained one-hidden-layer fit: width, prediction on the grid (6001,), max |f − g|, final MSE."""

    width: int
    prediction: np.ndarray
    max_error: float
    training_mse: float


@shared
def uat_fit(width):
    """Train ``uat_net(width)`` on the mean squared error and measure max |f(x) − g(x)| on the grid."""
    X, y, grid = uat_data()
    net = uat_net(width)
    history = net.fit(X, y, loss="mse", lr=UAT_LR, epochs=UAT_EPOCHS, momentum=MOMENTUM)
    prediction = net.forward(grid[:, None], train=False)[:, 0]
    return Fit(width, prediction, float(np.max(np.abs(prediction - uat_target(grid)))), float(history.loss[-1]))


def bump_net(n_bumps, *, steep=STEEP, f=uat_target, low=UAT_LOW, high=UAT_HIGH):
    """Nielsen's construction as an ``MLP([1, 2n, 1], "sigmoid")`` with hand-set weights.

    [low, high] is cut into n equal intervals [a_i, a_{i+1}]; bump i is
    h_i·σ(w(x − a_i)) − h_i·σ(w(x − a_{i+1})) with w = ``steep`` and the height h_i = f at the
    interval's midpoint. A unit σ(w·x + b) steps from 0 to 1 at s = −b/w, so hidden units
    2i and 2i + 1 have weight w and biases −w·a_i and −w·a_{i+1}, and output weights +h_i and −h_i.
    """
    edges = np.linspace(low, high, n_bumps + 1)
    heights = f((edges[:-1] + edges[1:]) / 2)
    net = MLP([1, 2 * n_bumps, 1], "sigmoid", rng=np.random.default_rng(SEED))
    net.params["W1"][:] = steep
    net.params["b1"][:] = -steep * np.column_stack([edges[:-1], edges[1:]]).ravel()
    net.params["W2"][:, 0] = np.column_stack([heights, -heights]).ravel()
    net.params["b2"][:] = 0.0
    return net


def bump_output(n_bumps, x, **kwargs):
    """g(x) of ``bump_net(n_bumps)`` for x of shape (M,); returns shape (M,)."""
    return bump_net(n_bumps, **kwargs).forward(np.asarray(x, dtype=np.float64)[:, None], train=False)[:, 0]


def single_bump(x, s1, s2, height, steep=STEEP):
    """The two steps h·σ(w(x − s1)) and h·σ(w(x − s2)) and their difference (a bump), each shape x.shape.

    Computed with ``nnnotes.activations`` sigmoid; the bias of each step is b = −w·s.
    """
    sigmoid = get_activation("sigmoid")
    up = height * sigmoid.forward(steep * x - steep * s1)[0]
    down = height * sigmoid.forward(steep * x - steep * s2)[0]
    return up, down, up - down


@functools.cache
def bump_error(n_bumps):
    """max |f − g| on the grid of ``uat_data`` for the sum of n bumps."""
    _, _, grid = uat_data()
    return float(np.max(np.abs(bump_output(n_bumps, grid) - uat_target(grid))))


@shared
def bump_errors(counts=BUMP_COUNTS):
    """``bump_error(n)`` for every n in ``counts``; ndarray of shape (len(counts),)."""
    return np.array([bump_error(n) for n in counts])


def bumps_to_match(error, high=512):
    """Smallest n ≤ high with bump_error(n) ≤ error, by bisection (the error falls roughly as 1/n).

    Returns n with bump_error(n) ≤ error < bump_error(n − 1); raises ValueError if even
    ``high`` bumps do not reach ``error``.
    """
    if bump_error(high) > error:
        raise ValueError(f"{high} bumps do not reach a max error of {error}")
    low = 1  # invariant: bump_error(low) > error >= bump_error(high)
    if bump_error(low) <= error:
        return low
    while high - low > 1:
        mid = (low + high) // 2
        low, high = (low, mid) if bump_error(mid) <= error else (mid, high)
    return high


@claim("capacity.uat_error_1", fmt=".3f", expect=lambda v: v > 0.5)
def claim_uat_error_1():
    """One tanh unit is monotone: it cannot follow the oscillation at all."""
    return uat_fit(1).max_error


@claim("capacity.uat_error_3", fmt=".3f", expect=lambda v: v < claim_uat_error_1())
def claim_uat_error_3():
    return uat_fit(3).max_error


@claim("capacity.uat_error_10", fmt=".3f", expect=lambda v: v < claim_uat_error_3())
def claim_uat_error_10():
    return uat_fit(10).max_error


@claim("capacity.uat_error_50", fmt=".3f", expect=lambda v: v < min(0.05, claim_uat_error_10()))
def claim_uat_error_50():
    return uat_fit(50).max_error


@claim("capacity.bump_error_10", fmt=".2f", expect=lambda v: 0.3 < v < 1.2)
def claim_bump_error_10():
    return bump_error(10)


@claim("capacity.bump_error_160", fmt=".3f", expect=lambda v: v < 0.1)
def claim_bump_error_160():
    return bump_error(BUMP_COUNTS[-1])


@claim("capacity.bump_error_factor", fmt=".1f", expect=lambda v: 10 < v < 25)
def claim_bump_error_factor():
    """16 times more bumps cut the max error by a factor near 16: the error falls about as 1/n."""
    return bump_error(10) / bump_error(BUMP_COUNTS[-1])


@claim("capacity.bump_error_25", fmt=".2f", expect=lambda v: v > 5 * claim_uat_error_50())
def claim_bump_error_25():
    """25 bumps use 50 hidden units, as many as the widest trained net."""
    return bump_error(25)


@claim("capacity.bumps_to_match", fmt="d", expect=lambda v: v > 100)
def claim_bumps_to_match():
    """Bumps needed to reach the max error of the trained 50-unit net (2n hidden units)."""
    return bumps_to_match(uat_fit(50).max_error)


@claim("capacity.bump_units_to_match", fmt="d", expect=lambda v: v == 2 * claim_bumps_to_match())
def claim_bump_units_to_match():
    """Hidden units of the bump net that matches: two steep sigmoids per bump."""
    return bump_net(claim_bumps_to_match()).sizes[1]
