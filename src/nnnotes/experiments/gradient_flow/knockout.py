"""ReLU knock-out: the gradient that reaches a lower layer when a fraction of the units of the
layer above is dead."""

from __future__ import annotations

import functools
import math

import numpy as np

from ...losses import softmax_cross_entropy
from ...model import MLP
from ...monitoring import layer_statistics
from ..claims import claim
from . import SEED
from .data import standin_data

KNOCKOUT_SIZES = (784, 100, 100, 100, 10)
KNOCKOUT_LAYER = 2  # hidden layer whose units are killed
KNOCKOUT_FRACTIONS = (0.2, 0.5, 0.9, 1.0)
KNOCKOUT_SEEDS = 10
KNOCKOUT_SAMPLES = 250  # the first 250 samples of standin_data (keeps the sweep fast)
DEAD_BIAS = -1e3  # far below any h·W on this data: the unit outputs 0 for every sample


def knockout(dead_fractions=KNOCKOUT_FRACTIONS, *, seed=SEED):
    """Kill a fraction of the units of hidden layer KNOCKOUT_LAYER of a He-initialized ReLU net
    ``KNOCKOUT_SIZES`` by setting their biases to DEAD_BIAS; L = softmax cross-entropy on the
    first KNOCKOUT_SAMPLES samples of ``standin_data``. The killed units are a random subset
    drawn from default_rng(seed), after the weights.

    Returns a dict of ndarrays of shape (len(dead_fractions),): ``ratio`` = ‖∂L/∂W_1‖ with the
    dead units / without them, ``dead_grad`` = max |∂L/∂W| over the weights into the dead
    units, and ``dead_fraction`` = the fraction of that layer ``nnnotes.monitoring`` reports dead.
    """
    X, y = (a[:KNOCKOUT_SAMPLES] for a in standin_data())
    rng = np.random.default_rng(seed)
    net = MLP(list(KNOCKOUT_SIZES), "relu", init="he_normal", rng=rng)
    bias = net.params[f"b{KNOCKOUT_LAYER}"]
    healthy = bias.copy()

    def grads():
        _, dscores = softmax_cross_entropy(net.forward(X, train=True), y)
        return net.backward(dscores)

    reference = np.linalg.norm(grads()["W1"])
    out = {key: np.empty(len(dead_fractions)) for key in ("ratio", "dead_grad", "dead_fraction")}
    for i, fraction in enumerate(dead_fractions):
        dead = rng.choice(bias.size, size=round(fraction * bias.size), replace=False)
        bias[...] = healthy
        bias[dead] = DEAD_BIAS  # the model's own array, changed in place
        g = grads()
        out["ratio"][i] = np.linalg.norm(g["W1"]) / reference
        out["dead_grad"][i] = np.abs(g[f"W{KNOCKOUT_LAYER}"][:, dead]).max() if dead.size else 0.0
        out["dead_fraction"][i] = layer_statistics(net, X)[KNOCKOUT_LAYER - 1].dead_fraction
    return out


@functools.cache
def knockout_sweep(fractions=KNOCKOUT_FRACTIONS, n_seeds=KNOCKOUT_SEEDS):
    """``knockout`` for seeds 0 … n_seeds − 1: a dict of ndarrays of shape (len(fractions), n_seeds)."""
    runs = [knockout(fractions, seed=s) for s in range(n_seeds)]
    return {key: np.stack([r[key] for r in runs], axis=1) for key in runs[0]}


def knockout_mean_ratio(fraction):
    """Mean over the seeds of ``knockout``'s ratio at one of KNOCKOUT_FRACTIONS."""
    return float(knockout_sweep()["ratio"][KNOCKOUT_FRACTIONS.index(fraction)].mean())


@claim("gradient_flow.knockout.ratio_20", fmt=".2f", expect=lambda v: abs(v - math.sqrt(1 - 0.2)) < 0.05)
def _ko_ratio_20():
    """20 % of layer 2 dead: the first layer keeps most of its gradient; each ratio follows √(1 − p)."""
    return knockout_mean_ratio(0.2)


@claim("gradient_flow.knockout.ratio_50", fmt=".2f", expect=lambda v: abs(v - math.sqrt(1 - 0.5)) < 0.05)
def _ko_ratio_50():
    return knockout_mean_ratio(0.5)


@claim("gradient_flow.knockout.ratio_90", fmt=".2f", expect=lambda v: abs(v - math.sqrt(1 - 0.9)) < 0.05)
def _ko_ratio_90():
    return knockout_mean_ratio(0.9)


@claim("gradient_flow.knockout.ratio_100", fmt=".0f", expect=lambda v: v == 0.0)
def _ko_ratio_100():
    """The whole layer dead: exactly zero gradient below it."""
    return knockout_mean_ratio(1.0)


@claim("gradient_flow.knockout.dead_grad", fmt=".0f", expect=lambda v: v == 0.0)
def _ko_dead_grad():
    """The weights into a dead unit get exactly zero gradient, in every run."""
    return float(knockout_sweep()["dead_grad"].max())
