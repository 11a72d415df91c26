"""What an activation's derivative does and does not decide in a deep net: per layer the
backward pass multiplies the gradient by diag(f′(z))·Wᵀ, so the weights can undo a small f′
(a sigmoid net whose gradient grows toward the input) or overrule an f′ ≤ 1 (an ELU net whose
gradient explodes)."""

from __future__ import annotations

import numpy as np

from ...init import get_initializer
from ...losses import softmax_cross_entropy
from ...model import MLP
from ..claims import claim, setting
from ..shared import shared
from . import SEED
from .zoo import ELU_ALPHA, FINE_GRID, elementwise_curve

DEPTH_INPUTS = 100  # input features of the deep nets
DEPTH_BATCH = setting("activations.depth.batch", 100, fmt="d")
DEPTH_CLASSES = 10
SIGMOID_WIDTH = setting("activations.depth.sigmoid_width", 500, fmt="d")
SIGMOID_DEPTH = setting("activations.depth.sigmoid_layers", 6, fmt="d")
ELU_WIDTH = setting("activations.depth.elu_width", 100, fmt="d")
ELU_DEPTH = setting("activations.depth.elu_layers", 10, fmt="d")
ELU_STD_FACTOR = setting("activations.depth.elu_std_factor", 2, fmt="d")  # × He's standard deviation


def _unit_normal(shape, *, rng, dtype=np.float64):
    """W ~ N(0, 1): far larger than Xavier's or He's variance for a layer of 100+ inputs."""
    return get_initializer("small_random", scale=1.0)(shape, rng=rng, dtype=dtype)


def _he_times(factor):
    he = get_initializer("he_normal")
    return lambda shape, *, rng, dtype=np.float64: factor * he(shape, rng=rng, dtype=dtype)


INITS = {"unit_normal": _unit_normal, "he_x2": _he_times(ELU_STD_FACTOR)}


@shared
def bias_gradient_norms(activation, width, depth, init, *, seed=SEED):
    """‖∂L/∂b_l‖ at initialization, from the top hidden layer l = depth down to l = 1.

    Net MLP([100] + [width]·depth + [10]) with ``activation`` and weights ``INITS[init]``;
    L is the softmax cross-entropy on a batch of DEPTH_BATCH inputs x ~ N(0, I) with random
    labels, all drawn from default_rng(seed) before the weights. Returns an ndarray (depth,),
    index 0 = the top hidden layer.
    """
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((DEPTH_BATCH, DEPTH_INPUTS))
    y = rng.integers(0, DEPTH_CLASSES, size=DEPTH_BATCH)
    net = MLP([DEPTH_INPUTS] + [width] * depth + [DEPTH_CLASSES], activation, init=INITS[init], rng=rng)
    _, dscores = softmax_cross_entropy(net.forward(X, train=True), y)
    grads = net.backward(dscores)
    return np.array([np.linalg.norm(grads[f"b{l}"]) for l in range(depth, 0, -1)])


def sigmoid_wide_norms():
    """The sigmoid counterexample: [100, 500×6, 10] with N(0, 1) weights."""
    return bias_gradient_norms("sigmoid", SIGMOID_WIDTH, SIGMOID_DEPTH, "unit_normal")


def elu_large_norms():
    """The ELU net [100, 100×10, 10] with twice He's standard deviation."""
    return bias_gradient_norms("elu", ELU_WIDTH, ELU_DEPTH, "he_x2")


def _layer_claim(index):
    return lambda: float(sigmoid_wide_norms()[index])


for _index in range(SIGMOID_DEPTH):
    # one claim per hidden layer, from the top (layer 6) down: at these weights no layer shrinks
    # the gradient by 4 (the ratio to the layer above stays above 1/2, see the growth claims)
    claim(f"activations.sigmoid.wide_net.grad_{SIGMOID_DEPTH - _index}", fmt=".2f",
          expect=lambda v: 0.1 < v < 5)(_layer_claim(_index))


@claim("activations.sigmoid.wide_net.smallest_step", fmt=".2f", expect=lambda v: v > 0.5)
def sigmoid_wide_smallest_step():
    """The smallest ratio ‖∂L/∂b_{l−1}‖ / ‖∂L/∂b_l‖ down the net: "each sigmoid layer shrinks the
    gradient by at least 4" would make every ratio ≤ 1/4."""
    norms = sigmoid_wide_norms()
    return float((norms[1:] / norms[:-1]).min())


@claim("activations.sigmoid.wide_net.first_over_top", fmt=".1f", expect=lambda v: v > 1.5)
def sigmoid_wide_first_over_top():
    """The first hidden layer's bias gradient over the top hidden layer's: above 1, it grew."""
    norms = sigmoid_wide_norms()
    return float(norms[-1] / norms[0])


@claim("activations.elu.max_slope", fmt=".0f", expect=lambda v: v == 1.0)
def elu_max_slope():
    """The largest ELU′ (α = 1) the backward pass returns on [−20, 20]: 1, on the positive side."""
    return float(elementwise_curve("elu", FINE_GRID, alpha=ELU_ALPHA)[1].max())


@claim("activations.elu.explode.first_over_top", fmt=".0f", expect=lambda v: v > 50)
def elu_explode_first_over_top():
    """ELU net with twice He's std: the first hidden layer's bias gradient over the top one's."""
    norms = elu_large_norms()
    return float(norms[-1] / norms[0])


@claim("activations.elu.explode.factor", fmt=".1f", expect=lambda v: 1.5 < v < 2.5)
def elu_explode_factor():
    """The geometric mean of the per-layer growth, (first / top)^(1/(depth − 1)); r = √(n·Var(w)·E[f′²])
    with n·Var(w) = 2·4 = 8 and E[ELU′²] a little above 1/2 predicts about 2."""
    norms = elu_large_norms()
    return float((norms[-1] / norms[0]) ** (1 / (ELU_DEPTH - 1)))
