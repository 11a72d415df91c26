"""Nielsen's speed of learning (Neural Networks and Deep Learning, ch. 5): ‖∂C/∂b_l‖ per hidden
layer of a [784, 30, 30, (30,) 10] sigmoid net, at initialization and during training."""

from __future__ import annotations

import functools
import math

import numpy as np

from ...init import fans, small_random
from ...losses import binary_cross_entropy_with_logits
from ...model import MLP
from ...optim import SGD
from ..claims import claim, setting
from ..shared import shared
from . import SEED
from .data import standin_data

NIELSEN_HIDDEN = 30
NIELSEN_LR = 0.1
NIELSEN_LMBDA = 5.0
NIELSEN_EPOCHS = setting("gradient_flow.nielsen.epochs", 500, fmt="d")
NIELSEN_SEEDS = setting("gradient_flow.nielsen.seeds", 20, fmt="d")
NIELSEN_DTYPE = np.float32  # 500 full-batch epochs are twice as fast as in float64
# Nielsen's published speeds of the hidden layers at initialization, for comparison in the prose
NIELSEN_PUBLISHED = {2: (0.07, 0.31), 3: (0.012, 0.060, 0.283)}
_NIELSEN_RATIO_2 = setting("gradient_flow.nielsen.published_two_ratio",
                           NIELSEN_PUBLISHED[2][1] / NIELSEN_PUBLISHED[2][0], fmt=".1f")  # 0.31 / 0.07
_NIELSEN_RATIO_3 = setting("gradient_flow.nielsen.published_three_ratio",
                           NIELSEN_PUBLISHED[3][2] / NIELSEN_PUBLISHED[3][0], fmt=".1f")  # 0.283 / 0.012
setting("gradient_flow.nielsen.published_three_h3_h2", NIELSEN_PUBLISHED[3][2] / NIELSEN_PUBLISHED[3][1],
        fmt=".1f")  # 0.283 / 0.060



def nielsen_sizes(n_hidden):
    """[784, 30, …, 30, 10] with ``n_hidden`` hidden layers of 30 sigmoid units."""
    return [784] + [NIELSEN_HIDDEN] * n_hidden + [10]


def nielsen_init(shape, *, rng, dtype=np.float64):
    """W ~ N(0, 1/fan_in): network2.py's default_weight_initializer, which generated Nielsen's numbers."""
    return small_random(shape, scale=1 / math.sqrt(fans(shape)[0]), rng=rng, dtype=dtype)


def unit_normal_init(shape, *, rng, dtype=np.float64):
    """W ~ N(0, 1): network2.py's large_weight_initializer (the init of Nielsen's chapter 1)."""
    return small_random(shape, scale=1.0, rng=rng, dtype=dtype)


NIELSEN_INITS = {"nielsen": nielsen_init, "unit_normal": unit_normal_init}


def nielsen_net(n_hidden, *, seed=SEED, init="nielsen"):
    """A sigmoid MLP ``nielsen_sizes(n_hidden)``: weights from NIELSEN_INITS[init], biases N(0, 1)
    (as network2.py), all drawn from default_rng(seed); parameters in NIELSEN_DTYPE."""
    rng = np.random.default_rng(seed)
    sizes = nielsen_sizes(n_hidden)
    net = MLP(sizes, "sigmoid", init=NIELSEN_INITS[init], rng=rng, dtype=NIELSEN_DTYPE)
    for l in range(1, len(sizes)):
        net.params[f"b{l}"][...] = rng.standard_normal(sizes[l])  # the model's own arrays, set in place
    return net


def nielsen_cost(scores, y):
    """Nielsen's cross-entropy cost on sigmoid outputs a = σ(s) with one-hot targets t:

    C = (1/N) Σ_n Σ_c [−t log a − (1 − t) log(1 − a)],  ∂C/∂s[n, c] = (a[n, c] − t[n, c]) / N.
    It is K times the binary cross-entropy averaged over all N·K outputs.
    scores : ndarray of shape (N, K).  y : int ndarray of shape (N,).
    Returns C (float) and dscores of shape (N, K).
    """
    n, k = scores.shape
    targets = np.eye(k, dtype=np.int64)[y]
    mean, dflat = binary_cross_entropy_with_logits(scores.reshape(-1), targets.reshape(-1))
    return k * mean, k * dflat.reshape(n, k)


def learning_speeds(net, X, y):
    """Nielsen's speed of learning of each hidden layer: ‖∂C/∂b_l‖, l = 1 … H, with C = ``nielsen_cost``
    averaged over (X, y). Returns the speeds, ndarray of shape (H,), and every gradient (dict)."""
    _, dscores = nielsen_cost(net.forward(X, train=True), y)
    grads = net.backward(dscores)
    hidden = len(net.sizes) - 2
    return np.array([np.linalg.norm(grads[f"b{l}"]) for l in range(1, hidden + 1)]), grads


@functools.cache
def nielsen_data():
    """``standin_data()`` with X in NIELSEN_DTYPE: X (1000, 784), y (1000,). Shared, do not modify."""
    X, y = standin_data()
    return X.astype(NIELSEN_DTYPE), y


@functools.cache
def speeds_at_init(n_hidden, seed=SEED, init="nielsen"):
    """``learning_speeds`` of ``nielsen_net(n_hidden, seed=seed, init=init)`` on ``nielsen_data()``: shape (H,)."""
    X, y = nielsen_data()
    return learning_speeds(nielsen_net(n_hidden, seed=seed, init=init), X, y)[0]


@shared
def speeds_over_seeds(n_hidden, n_seeds=NIELSEN_SEEDS, init="nielsen"):
    """``speeds_at_init`` for seeds 0 … n_seeds − 1: ndarray of shape (n_seeds, H)."""
    return np.array([speeds_at_init(n_hidden, seed, init) for seed in range(n_seeds)])


def adjacent_ratios(speeds):
    """speed_{l+1} / speed_l along the last axis: shape (..., H − 1); above 1 = the upper layer learns faster."""
    return speeds[..., 1:] / speeds[..., :-1]


@shared
def speeds_during_training(n_hidden, epochs=NIELSEN_EPOCHS, lr=NIELSEN_LR, lmbda=NIELSEN_LMBDA, seed=SEED):
    """Train ``nielsen_net(n_hidden)`` as Nielsen's generate_gradient.py does: full-batch gradient descent
    on the 1000 samples, W ← (1 − lr·λ/N) W − lr·∂C/∂W, b ← b − lr·∂C/∂b.

    Returns the speeds measured before each update, ndarray of shape (epochs, H) (row 0 = at
    initialization), and the training accuracy after the last update (float).
    """
    X, y = nielsen_data()
    net = nielsen_net(n_hidden, seed=seed)
    params = net.parameters()
    optimizer = SGD(lr)
    speeds = np.empty((epochs, n_hidden))
    decay = NIELSEN_DTYPE(lmbda / len(X))
    for epoch in range(epochs):
        speeds[epoch], grads = learning_speeds(net, X, y)
        for l in range(1, net.n_layers + 1):  # L2 on the weights only, (λ/2N)·Σ‖W‖² as in network2.py
            grads[f"W{l}"] = grads[f"W{l}"] + decay * params[f"W{l}"]
        optimizer.step(params, grads)
    return speeds, float(np.mean(net.predict(X) == y))


def median_speeds(n_hidden):
    """Median over the NIELSEN_SEEDS seeds of each hidden layer's speed at initialization: shape (H,)."""
    return np.median(speeds_over_seeds(n_hidden), axis=0)


def speed_summary(n_hidden):
    """Median, minimum and maximum over the seeds of each hidden layer's speed at
    initialization: three ndarrays of shape (H,)."""
    s = speeds_over_seeds(n_hidden)
    return np.median(s, axis=0), s.min(axis=0), s.max(axis=0)


def _close_to_nielsen(n_hidden, layer):
    """The median speed is within ±40 % of Nielsen's published number for that layer."""
    return lambda v: abs(v / NIELSEN_PUBLISHED[n_hidden][layer] - 1) < 0.4


@claim("gradient_flow.nielsen.two_h1", fmt=".3f", expect=_close_to_nielsen(2, 0))
def _two_h1():
    return float(median_speeds(2)[0])


@claim("gradient_flow.nielsen.two_h2", fmt=".2f", expect=_close_to_nielsen(2, 1))
def _two_h2():
    return float(median_speeds(2)[1])


@claim("gradient_flow.nielsen.three_h1", fmt=".3f", expect=_close_to_nielsen(3, 0))
def _three_h1():
    return float(median_speeds(3)[0])


@claim("gradient_flow.nielsen.three_h2", fmt=".3f", expect=_close_to_nielsen(3, 1))
def _three_h2():
    return float(median_speeds(3)[1])


@claim("gradient_flow.nielsen.three_h3", fmt=".2f", expect=_close_to_nielsen(3, 2))
def _three_h3():
    return float(median_speeds(3)[2])


# the ratios, which is what the comparison is about: medians within 15 % of Nielsen's
@claim("gradient_flow.nielsen.two_ratio", fmt=".1f", expect=lambda v: abs(v / _NIELSEN_RATIO_2 - 1) < 0.15)
def _two_ratio():
    return float(np.median(adjacent_ratios(speeds_over_seeds(2))[:, 0]))


@claim("gradient_flow.nielsen.three_ratio", fmt=".1f", expect=lambda v: abs(v / _NIELSEN_RATIO_3 - 1) < 0.15)
def _three_ratio():
    s = speeds_over_seeds(3)
    return float(np.median(s[:, 2] / s[:, 0]))


@claim("gradient_flow.nielsen.three_ratio_min", fmt=".0f", expect=lambda v: 10 < v < _NIELSEN_RATIO_3)
def _three_ratio_min():
    s = speeds_over_seeds(3)
    return float((s[:, 2] / s[:, 0]).min())


@claim("gradient_flow.nielsen.three_ratio_max", fmt=".0f", expect=lambda v: _NIELSEN_RATIO_3 < v < 60)
def _three_ratio_max():
    s = speeds_over_seeds(3)
    return float((s[:, 2] / s[:, 0]).max())


@claim("gradient_flow.nielsen.published_inside_range", fmt="d", expect=lambda v: v == 5)
def _published_inside_range():
    """How many of Nielsen's five published speeds lie inside the range of our 20 initializations: all."""
    inside = 0
    for n_hidden, published in NIELSEN_PUBLISHED.items():
        _, low, high = speed_summary(n_hidden)
        inside += int(np.sum((low <= np.array(published)) & (np.array(published) <= high)))
    return inside


@claim("gradient_flow.nielsen.seeds_ratio_min", fmt=".1f", expect=lambda v: 2.5 < v < 4.4)
def _seeds_ratio_min():
    """Smallest adjacent-layer ratio over 20 seeds and both nets: every one is well above 1."""
    return float(min(adjacent_ratios(speeds_over_seeds(h)).min() for h in (2, 3)))


@claim("gradient_flow.nielsen.seeds_ratio_max", fmt=".1f", expect=lambda v: 4.7 < v < 10)
def _seeds_ratio_max():
    return float(max(adjacent_ratios(speeds_over_seeds(h)).max() for h in (2, 3)))


@claim("gradient_flow.nielsen.unit_normal_ratio_h3_h2", fmt=".1f", expect=lambda v: v < 2.5)
def _unit_normal_ratio_h3_h2():
    """With N(0, 1) weights the ratio between hidden layers 3 and 2 (median over 20 seeds) is far
    below Nielsen's 4.7: his numbers come from the N(0, 1/n_in) init of his code."""
    return float(np.median(adjacent_ratios(speeds_over_seeds(3, init="unit_normal"))[:, 1]))


@claim("gradient_flow.train.drop_50", fmt=".0f", expect=lambda v: v > 30)
def _drop_50():
    """How many times smaller the last hidden layer's speed is after 50 epochs than at the start
    (3-hidden-layer net): 'by more than an order of magnitude'."""
    s, _ = speeds_during_training(3)
    return float(s[0, -1] / s[50, -1])


@claim("gradient_flow.train.three_ratio_end", fmt=".1f", expect=lambda v: 2 < v < 6)
def _three_ratio_end():
    """After 500 epochs the first hidden layer of the 3-hidden-layer net is still several times
    slower than the third."""
    s, _ = speeds_during_training(3)
    return float(s[-1, 2] / s[-1, 0])


@claim("gradient_flow.train.three_h2_over_h1_end", fmt=".1f", expect=lambda v: v < 1)
def _three_h2_over_h1_end():
    """At the end the middle layer is the slowest: the order is not fixed during training."""
    s, _ = speeds_during_training(3)
    return float(s[-1, 1] / s[-1, 0])


@claim("gradient_flow.train.two_ratio_min", fmt=".1f", expect=lambda v: v < 1.5)
def _two_ratio_min():
    """In the 2-hidden-layer net the gap closes for a while (ratio down to about 1)."""
    s, _ = speeds_during_training(2)
    return float((s[:, 1] / s[:, 0]).min())


@claim("gradient_flow.train.two_ratio_end", fmt=".1f", expect=lambda v: v > 2)
def _two_ratio_end():
    s, _ = speeds_during_training(2)
    return float(s[-1, 1] / s[-1, 0])


@claim("gradient_flow.train.two_accuracy", fmt=".0%", expect=lambda v: v > 0.9)
def _two_accuracy():
    return speeds_during_training(2)[1]


@claim("gradient_flow.train.three_accuracy", fmt=".0%", expect=lambda v: v < 0.6)
def _three_accuracy():
    return speeds_during_training(3)[1]
