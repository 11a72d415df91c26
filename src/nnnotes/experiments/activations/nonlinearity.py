"""Why non-linear: a stack of affine layers is one affine layer; one neuron separates AND and OR, not XOR."""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np

from ...activations import get_activation
from ...init import get_initializer
from ...layers import affine_forward
from ...model import MLP
from ..claims import claim, setting
from ..common import best_line as best_rule
from ..shared import shared
from . import SEED

COLLAPSE_WIDTHS = (3, 8, 8, 8, 8, 8, 8, 8, 8, 8, 2)  # 10 affine layers, 3 inputs, 2 outputs
setting("activations.linear.collapse_layers", len(COLLAPSE_WIDTHS) - 1, fmt="d")

def linear_stack(widths=COLLAPSE_WIDTHS, n_samples=200, *, seed=SEED):
    """A stack of affine layers, run layer by layer and as the single merged layer.

    Layer i maps h ↦ h·W_i + b_i with W_i of shape (widths[i], widths[i+1]). Merging two layers
    gives (x·W1 + b1)·W2 + b2 = x·(W1·W2) + (b1·W2 + b2), so the whole stack is x·W + b with
    W = W1·W2·…·WL and b folded the same way.
    Returns (stacked, merged), two ndarrays of shape (n_samples, widths[-1]).
    """
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((n_samples, widths[0]))
    layers = [
        (get_initializer("xavier_normal")((d, m), rng=rng), rng.standard_normal(m))
        for d, m in zip(widths, widths[1:])
    ]
    h = x
    W = np.eye(widths[0])
    b = np.zeros(widths[0])
    for Wi, bi in layers:
        h, _ = affine_forward(h, Wi, bi)
        W, b = W @ Wi, b @ Wi + bi
    merged, _ = affine_forward(x, W, b)
    return h, merged



@claim("activations.linear.collapse_error", fmt=".0e", expect=lambda v: v < 1e-12)
def collapse_error():
    """max |stack(x) − merged(x)| over every output: rounding error only."""
    stacked, merged = linear_stack()
    return float(np.abs(stacked - merged).max())


def relu_abs_net(x):
    """Two ReLU units and a sum: |x| = relu(x) + relu(−x), built from nnnotes layers.

    x : ndarray of shape (N, 1). Hidden layer W1 = [[1, −1]], b1 = 0, then ReLU, then
    W2 = [[1], [1]], b2 = 0. Returns y of shape (N, 1)."""
    z, _ = affine_forward(x, np.array([[1.0, -1.0]]), np.zeros(2))
    h, _ = get_activation("relu").forward(z)
    y, _ = affine_forward(h, np.ones((2, 1)), np.zeros(1))
    return y


@claim("activations.linear.relu_abs_unexplained", fmt=".0%", expect=lambda v: v > 0.99)
def relu_abs_unexplained(n_samples=1001):
    """Fit the best affine map y ≈ a·x + c by least squares to the ReLU net |x| on 1001 evenly
    spaced x in [−2, 2]: returns the fraction of Var(y) it leaves unexplained (1 − R²).
    |x| is even and the grid symmetric, so the best slope is a = 0 and nothing is explained."""
    x = np.linspace(-2, 2, n_samples)[:, None]
    y = relu_abs_net(x)[:, 0]
    design = np.column_stack([x[:, 0], np.ones(n_samples)])
    coef, *_ = np.linalg.lstsq(design, y, rcond=None)
    residual = y - design @ coef
    return float(residual.var() / y.var())



BOOLEAN_INPUTS = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
BOOLEAN_TARGETS = {"and": np.array([0, 0, 0, 1]), "or": np.array([0, 1, 1, 1]), "xor": np.array([0, 1, 1, 0])}
NEURON_LR = setting("activations.separability.neuron_lr", 1.0, fmt="g")
NEURON_EPOCHS = setting("activations.separability.neuron_epochs", 2000, fmt="d")


@dataclass(frozen=True)
class NeuronFit:
    """One sigmoid neuron p = σ(w·x + b) trained on a truth table.

    w : ndarray of shape (2,).  b : float.  loss : final binary cross-entropy.
    accuracy : fraction of the 4 rows classified right by [w·x + b > 0].
    """

    w: np.ndarray
    b: float
    loss: float
    accuracy: float


@shared
def train_neuron(gate, *, seed=SEED):
    """Train one neuron (an MLP [2, 1]: no hidden layer) on the truth table of ``gate``
    ('and', 'or' or 'xor') with binary cross-entropy, full-batch gradient descent,
    learning rate NEURON_LR for NEURON_EPOCHS epochs, Xavier-normal initial weights."""
    y = BOOLEAN_TARGETS[gate]
    net = MLP([2, 1], rng=np.random.default_rng(seed), init="xavier_normal")
    history = net.fit(BOOLEAN_INPUTS, y, loss="binary_cross_entropy", lr=NEURON_LR, epochs=NEURON_EPOCHS)
    accuracy = float(np.mean(net.predict(BOOLEAN_INPUTS) == y))
    return NeuronFit(net.params["W1"][:, 0].copy(), float(net.params["b1"][0]), float(history.loss[-1]), accuracy)



@functools.cache
def best_line(gate, n_directions=3600):
    """The most accurate linear rule [u·x > t] for the truth table of ``gate``, by the
    exhaustive search of ``common.best_line`` over n_directions directions (among the most
    accurate rules, the line farthest from the nearest point). Returns (u of shape (2,), t, accuracy)."""
    return best_rule(BOOLEAN_INPUTS, BOOLEAN_TARGETS[gate], n_directions)


@claim("activations.separability.and_accuracy", fmt=".0%", expect=lambda v: v == 1.0)
def and_accuracy():
    return train_neuron("and").accuracy


@claim("activations.separability.or_accuracy", fmt=".0%", expect=lambda v: v == 1.0)
def or_accuracy():
    return train_neuron("or").accuracy


@claim("activations.separability.xor_neuron_loss", fmt=".3f", expect=lambda v: abs(v - math.log(2)) < 1e-6)
def xor_neuron_loss():
    """The neuron's final loss on XOR: ln 2, the loss of predicting p = 1/2 for every row."""
    return train_neuron("xor").loss


@claim("activations.separability.xor_neuron_weight_norm", fmt=".0e", expect=lambda v: v < 1e-6)
def xor_neuron_weight_norm():
    """‖w‖ of the neuron trained on XOR: it shrinks to (numerically) zero."""
    return float(np.linalg.norm(train_neuron("xor").w))


@claim("activations.separability.xor_best_line_accuracy", fmt=".0%", expect=lambda v: v == 0.75)
def xor_best_line_accuracy():
    return best_line("xor")[2]
