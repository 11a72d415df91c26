"""Vanishing gradients in deep nets: per-layer gradient norms at initialization in deep sigmoid,
tanh and ReLU nets."""

from __future__ import annotations

import functools
import math

import numpy as np

from ...activations import get_activation
from ...init import get_initializer
from ...losses import softmax_cross_entropy
from ...model import MLP
from ...monitoring import factor_toward_input, gradient_norms
from ..claims import claim, setting
from ..shared import shared
from . import SEED
from .data import standin_data

DEEP_DEPTH = setting("gradient_flow.deep.depth", 10, fmt="d")  # hidden layers
DEEP_WIDTH = setting("gradient_flow.deep.width", 100, fmt="d")  # units per hidden layer



def scaled(init_name, factor):
    """The initializer ``init_name`` with every weight multiplied by ``factor`` (std × factor)."""
    base = get_initializer(init_name)

    def init(shape, *, rng, dtype=np.float64):
        return factor * base(shape, rng=rng, dtype=dtype)

    return init


# label -> (activation, initializer name, std factor); the order of the figure's legend
DEEP_SETTINGS = {
    "sigmoid_xavier": ("sigmoid", "xavier_normal", 1.0),
    "tanh_xavier": ("tanh", "xavier_normal", 1.0),
    "relu_he": ("relu", "he_normal", 1.0),
    "relu_xavier": ("relu", "xavier_normal", 1.0),
    "relu_he_x2": ("relu", "he_normal", 2.0),
}


def deep_net(setting, *, depth=DEEP_DEPTH, width=DEEP_WIDTH, seed=SEED):
    """The MLP [784] + [width]·depth + [10] of ``DEEP_SETTINGS[setting]``, weights from default_rng(seed)."""
    activation, init, factor = DEEP_SETTINGS[setting]
    X, _ = standin_data()
    sizes = [X.shape[1]] + [width] * depth + [10]
    return MLP(sizes, activation, init=scaled(init, factor), rng=np.random.default_rng(seed))


@shared
def deep_bias_gradients(setting, *, depth=DEEP_DEPTH, width=DEEP_WIDTH, seed=SEED):
    """‖∂L/∂b_l‖ for the hidden layers l = 1 … depth of ``deep_net`` at initialization.

    L is the softmax cross-entropy averaged over the 1000 samples of ``standin_data``.
    Returns an ndarray of shape (depth,), index 0 = the layer next to the input.
    """
    X, y = standin_data()
    net = deep_net(setting, depth=depth, width=width, seed=seed)
    _, dscores = softmax_cross_entropy(net.forward(X, train=True), y)
    grads = net.backward(dscores)
    norms = gradient_norms({f"b{l}": grads[f"b{l}"] for l in range(1, depth + 1)})
    return np.array([norms[f"b{l}"] for l in range(1, depth + 1)])



@functools.cache
def sigmoid_predicted_factor(depth=DEEP_DEPTH, width=DEEP_WIDTH, seed=SEED):
    """The typical per-layer factor r = √(n·Var(w)·E[σ′(z)²]) for the Xavier sigmoid net.

    For square Xavier layers n·Var(w) = n · 2/(n + n) = 1, so r = √(mean of σ′(z)²), the mean
    taken over every sample and unit of hidden layers 1 … depth − 1 (the σ′ that the gradient
    passes through on its way from layer ``depth`` down to layer 1).
    """
    X, _ = standin_data()
    net = deep_net("sigmoid_xavier", depth=depth, width=width, seed=seed)
    sigmoid = get_activation("sigmoid")
    squares = []
    for z, _ in net.hidden_layers(X)[:-1]:
        _, cache = sigmoid.forward(z)
        squares.append(np.mean(sigmoid.backward(np.ones_like(z), cache) ** 2))
    return float(math.sqrt(np.mean(squares)))


def sigmoid_slope_bound():
    """max σ′ = σ′(0) = 1/4, as the sigmoid's backward pass computes it."""
    sigmoid = get_activation("sigmoid")
    _, cache = sigmoid.forward(np.zeros(1))
    return float(sigmoid.backward(np.ones(1), cache)[0])


@claim("gradient_flow.vanish.sigmoid_last_over_first", fmt=",.0f", expect=lambda v: 1e5 < v < 1e7)
def _sigmoid_last_over_first():
    """‖∂L/∂b_10‖ / ‖∂L/∂b_1‖ in the Xavier sigmoid net, to two significant digits: the first
    layer's gradient is hundreds of thousands of times smaller."""
    g = deep_bias_gradients("sigmoid_xavier")
    return float(f"{g[-1] / g[0]:.2g}")


@claim("gradient_flow.vanish.sigmoid_factor", fmt=".2f", expect=lambda v: 0.2 < v < 0.25)
def _sigmoid_factor():
    """Measured per-layer factor: just under the bound 1/4."""
    return factor_toward_input(deep_bias_gradients("sigmoid_xavier"))


@claim("gradient_flow.vanish.sigmoid_factor_predicted", fmt=".2f",
       expect=lambda v: abs(v - factor_toward_input(deep_bias_gradients("sigmoid_xavier"))) < 0.02)
def _sigmoid_factor_predicted():
    """√(mean σ′(z)²) over the net's hidden units: agrees with the measured factor to ±0.02."""
    return sigmoid_predicted_factor()


@claim("gradient_flow.vanish.sigmoid_z_std_max", fmt=".1f", expect=lambda v: v < 0.7)
def _sigmoid_z_std_max():
    """The largest standard deviation of the pre-activations z over the Xavier sigmoid net's
    hidden layers: small, so σ′(z) stays near its peak 1/4 (the net is not saturated)."""
    X, _ = standin_data()
    return max(float(z.std()) for z, _ in deep_net("sigmoid_xavier").hidden_layers(X))


@claim("gradient_flow.vanish.tanh_factor", fmt=".2f", expect=lambda v: 0.9 < v < 1.1)
def _tanh_factor():
    return factor_toward_input(deep_bias_gradients("tanh_xavier"))


@claim("gradient_flow.vanish.relu_he_factor", fmt=".2f", expect=lambda v: 0.9 < v < 1.1)
def _relu_he_factor():
    return factor_toward_input(deep_bias_gradients("relu_he"))


@claim("gradient_flow.vanish.relu_xavier_factor", fmt=".2f", expect=lambda v: 0.65 < v < 0.8)
def _relu_xavier_factor():
    """Close to √(1/2) ≈ 0.71: Xavier's variance is half of He's."""
    return factor_toward_input(deep_bias_gradients("relu_xavier"))


@claim("gradient_flow.vanish.relu_he_x2_factor", fmt=".1f", expect=lambda v: 1.8 < v < 2.2)
def _relu_he_x2_factor():
    """Weights twice He's std: the gradient doubles per layer on its way down."""
    return factor_toward_input(deep_bias_gradients("relu_he_x2"))


@claim("gradient_flow.vanish.relu_he_x2_first_over_last", fmt=".0f", expect=lambda v: 200 < v < 1000)
def _relu_he_x2_first_over_last():
    g = deep_bias_gradients("relu_he_x2")
    return float(g[0] / g[-1])


@functools.cache
def sigmoid_at_init(*, depth=DEEP_DEPTH, width=DEEP_WIDTH, seed=SEED):
    """(loss, ‖∂L/∂b_out‖, ‖∂L/∂b_1‖) of the Xavier sigmoid net at initialization: the loss, the
    bias gradient of the output layer (layer depth + 1) and of the first hidden layer."""
    X, y = standin_data()
    net = deep_net("sigmoid_xavier", depth=depth, width=width, seed=seed)
    loss, dscores = softmax_cross_entropy(net.forward(X, train=True), y)
    grads = net.backward(dscores)
    return float(loss), float(np.linalg.norm(grads[f"b{depth + 1}"])), float(np.linalg.norm(grads["b1"]))


@claim("gradient_flow.minimum.chance_loss", fmt=".2f", expect=lambda v: abs(v - math.log(10)) < 1e-12)
def _chance_loss():
    """ln 10: the cross-entropy of answering 1/10 for each of the 10 classes."""
    X, y = standin_data()
    return float(softmax_cross_entropy(np.zeros((len(y), 10)), y)[0])


@claim("gradient_flow.minimum.sigmoid_loss", fmt=".2f", expect=lambda v: v >= math.log(10))
def _sigmoid_loss():
    """The sigmoid net's loss at initialization: no better than guessing."""
    return sigmoid_at_init()[0]


@claim("gradient_flow.minimum.output_grad", fmt=".2f", expect=lambda v: v > 0.1)
def _output_grad():
    """‖∂L/∂b‖ of the output layer: far from zero, so this is no stationary point (let alone a minimum)."""
    return sigmoid_at_init()[1]


@claim("gradient_flow.minimum.first_grad", fmt=".0e", expect=lambda v: v < 1e-4 * sigmoid_at_init()[1])
def _first_grad():
    """‖∂L/∂b_1‖: tens of thousands of times smaller than the output layer's."""
    return sigmoid_at_init()[2]
