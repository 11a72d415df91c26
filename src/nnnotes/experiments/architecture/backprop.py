"""Backpropagation derived by hand for tanh hidden units, a sigmoid output and binary
cross-entropy, checked against centred differences and against ``MLP.backward``, and used for
full-batch gradient descent on XOR."""

from __future__ import annotations

import functools

import numpy as np

from ...activations import sigmoid_forward, tanh_forward
from ...gradcheck import numerical_gradient, rel_error
from ...losses import binary_cross_entropy_with_logits
from ...model import MLP
from ..claims import claim
from ..shared import shared
from . import SEED
from .xor import EPOCHS, HIDDEN, LR, xor_data, xor_mlp

PARAMS = ("W1", "b1", "W2", "b2")


def init_params(d=2, h=HIDDEN, *, seed=SEED):
    """W1 (d, h), b1 (h,), W2 (h, 1), b2 (1,): the initial parameters of
    ``MLP([d, h, 1], activation="tanh", init="xavier_normal", rng=default_rng(seed))``, copied."""
    net = MLP([d, h, 1], activation="tanh", init="xavier_normal", rng=np.random.default_rng(seed))
    return {name: p.copy() for name, p in net.parameters().items()}


def forward(params, X):
    """The forward pass, one sample per row.

    Z1 = X·W1 + b1 (N, h),  A1 = tanh(Z1) (N, h),  Z2 = A1·W2 + b2 (N, 1),  A2 = σ(Z2) (N, 1).
    Returns the dict {"Z1", "A1", "Z2", "A2"}.
    """
    Z1 = X @ params["W1"] + params["b1"]
    A1, _ = tanh_forward(Z1)
    Z2 = A1 @ params["W2"] + params["b2"]
    A2, _ = sigmoid_forward(Z2)
    return {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def loss(params, X, Y):
    """L = −(1/N) Σ_n [Y_n log A2_n + (1 − Y_n) log(1 − A2_n)], Y of shape (N, 1) in {0, 1}."""
    A2 = forward(params, X)["A2"]
    return float(-np.mean(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)))


def backprop(params, X, Y):
    """The loss and its gradients by the hand-derived formulas (the 1/N of the mean is in dZ2).

    dZ2 = (A2 − Y)/N (N, 1)     dW2 = A1ᵀ·dZ2 (h, 1)     db2 = Σ_n dZ2 (1,)
    dA1 = dZ2·W2ᵀ (N, h)        dZ1 = dA1 ⊙ (1 − A1²) (N, h)
    dW1 = Xᵀ·dZ1 (d, h)         db1 = Σ_n dZ1 (h,)
    X : (N, d), Y : (N, 1). Returns (L, {"W1", "b1", "W2", "b2"} shaped like params).
    """
    n = X.shape[0]
    f = forward(params, X)
    A1, A2 = f["A1"], f["A2"]
    L = float(-np.mean(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)))
    dZ2 = (A2 - Y) / n
    dW2 = A1.T @ dZ2
    db2 = dZ2.sum(axis=0)
    dA1 = dZ2 @ params["W2"].T
    dZ1 = dA1 * (1 - A1**2)
    dW1 = X.T @ dZ1
    db1 = dZ1.sum(axis=0)
    return L, {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}


def targets(y):
    """Labels y of shape (N,) as the float column Y of shape (N, 1)."""
    return y.astype(np.float64)[:, None]


@functools.cache
def gradient_check(*, seed=SEED):
    """Hand-derived gradients at the initial parameters on ``xor_data``, compared per parameter:

    Returns two dicts name -> rel_error: against centred differences of ``loss`` (h = 1e-5,
    float64) and against ``MLP.backward`` of the same net with ``binary_cross_entropy_with_logits``.
    """
    X, y = xor_data(seed=seed)
    Y = targets(y)
    params = init_params(seed=seed)
    _, grads = backprop(params, X, Y)
    numeric = {}
    for name in PARAMS:

        def f(point, name=name):
            return np.array(loss({**params, name: point}, X, Y))

        numeric[name] = rel_error(grads[name], numerical_gradient(f, params[name], np.array(1.0)))
    net = MLP([2, HIDDEN, 1], activation="tanh", init="xavier_normal", rng=np.random.default_rng(seed))
    _, dscores = binary_cross_entropy_with_logits(net.forward(X, train=True), y)
    library = net.backward(dscores)
    return numeric, {name: rel_error(grads[name], library[name]) for name in PARAMS}


@shared
def train_by_hand(*, seed=SEED, lr=LR, epochs=EPOCHS):
    """Full-batch gradient descent with ``backprop`` on ``xor_data``: θ ← θ − lr·∂L/∂θ.

    Returns (final params, losses of shape (epochs,)), each loss taken before its update.
    """
    X, y = xor_data(seed=seed)
    Y = targets(y)
    params = init_params(seed=seed)
    losses = np.empty(epochs)
    for epoch in range(epochs):
        losses[epoch], grads = backprop(params, X, Y)
        params = {name: params[name] - lr * grads[name] for name in PARAMS}
    return params, losses


def epochs_to(threshold, losses):
    """The first epoch (counting from 1) whose loss is below ``threshold``, or None."""
    below = np.flatnonzero(losses < threshold)
    return int(below[0]) + 1 if below.size else None


@claim("architecture.bp_gradcheck_max_rel_error", fmt=".0e", expect=lambda v: v < 1e-7)
def bp_gradcheck_max_rel_error():
    """The largest of the four relative errors against centred differences."""
    return max(gradient_check()[0].values())


@claim("architecture.bp_vs_mlp_max_rel_error", fmt=".1g", expect=lambda v: v < 1e-14)
def bp_vs_mlp_max_rel_error():
    """Against ``MLP.backward``: the same arithmetic, so rounding at most."""
    return max(gradient_check()[1].values())


@claim("architecture.bp_double_mean_rel_error", fmt=".2f", expect=lambda v: v > 1e-2)
def bp_double_mean_rel_error():
    """The bug of dividing by N twice (once in dZ2, once more in dW1): the gradient check's
    relative error for W1, far above CS231n's 1e-2 mark for a wrong gradient."""
    X, y = xor_data()
    Y = targets(y)
    params = init_params()
    _, grads = backprop(params, X, Y)

    def f(point):
        return np.array(loss({**params, "W1": point}, X, Y))

    return rel_error(grads["W1"] / X.shape[0], numerical_gradient(f, params["W1"], np.array(1.0)))


@claim("architecture.bp_initial_loss", fmt=".3f", expect=lambda v: 0.6 < v < 0.8)
def bp_initial_loss():
    return float(train_by_hand()[1][0])


@claim("architecture.bp_final_loss", fmt=".4f", expect=lambda v: v < 0.01)
def bp_final_loss():
    return float(train_by_hand()[1][-1])


@claim("architecture.bp_epochs_to_0_1", fmt="d", expect=lambda v: v is not None and 20 < v < 300)
def bp_epochs_to_0_1():
    """Epochs until the loss first falls below 0.1."""
    return epochs_to(0.1, train_by_hand()[1])


@claim("architecture.bp_accuracy", fmt=".0%", expect=lambda v: v == 1.0)
def bp_accuracy():
    params, _ = train_by_hand()
    X, y = xor_data()
    return float(np.mean((forward(params, X)["Z2"][:, 0] > 0) == y))


@claim("architecture.bp_vs_fit_loss_difference", fmt=".0e", expect=lambda v: v < 1e-12)
def bp_vs_fit_loss_difference():
    """max over epochs of |loss by hand − ``MLP.fit``'s loss| from the same initial weights."""
    return float(np.abs(train_by_hand()[1] - xor_mlp()[1].loss).max())
