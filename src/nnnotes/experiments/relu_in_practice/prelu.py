"""PReLU: the negative slope is learned, one per hidden unit, initialized as in He et al. (2015)."""

from __future__ import annotations

import numpy as np

from ...activations import prelu_backward, prelu_forward
from ...init import he_normal
from ...layers import affine_backward, affine_forward
from ...losses import softmax_cross_entropy
from ...optim import SGD
from ..claims import claim, setting
from ..shared import shared
from .spirals import SEEDS, WIDTH, spiral_data

PRELU_ALPHA0 = setting("relu_in_practice.prelu.alpha0", 0.25, fmt=".2f")
PRELU_LR = 1.0
PRELU_EPOCHS = setting("relu_in_practice.prelu.epochs", 300, fmt="d")


def prelu_params(seed, alpha0=PRELU_ALPHA0):
    """Parameters of ``[2, WIDTH, 3]`` with a PReLU hidden layer: W1 (2, WIDTH), b1 (WIDTH,),
    alpha (WIDTH,) — one slope per unit —, W2 (WIDTH, 3), b2 (3,). He-normal weights from
    ``seed``, zero biases, every α_j = alpha0 (He et al. 2015 start at 0.25)."""
    rng = np.random.default_rng(seed)
    return {"W1": he_normal((2, WIDTH), rng=rng), "b1": np.zeros(WIDTH), "alpha": np.full(WIDTH, alpha0),
            "W2": he_normal((WIDTH, 3), rng=rng), "b2": np.zeros(3)}


def prelu_loss_grads(params, X, y):
    """Loss, scores (N, 3) and the gradient of every parameter for the PReLU net on X (N, 2), y (N,).

    Forward: z = X·W1 + b1, h = PReLU(z; α) (h = z if z > 0 else α_j·z), s = h·W2 + b2, softmax
    cross-entropy L. Backward by the chain rule through the same layers, with
    ∂L/∂α_j = Σ_n ∂L/∂h[n, j] · (z[n, j] if z[n, j] ≤ 0 else 0).
    """
    z, affine1 = affine_forward(X, params["W1"], params["b1"])
    h, act = prelu_forward(z, params["alpha"])
    scores, affine2 = affine_forward(h, params["W2"], params["b2"])
    loss, dscores = softmax_cross_entropy(scores, y)
    dh, dW2, db2 = affine_backward(dscores, affine2)
    dz, dalpha = prelu_backward(dh, act)
    _, dW1, db1 = affine_backward(dz, affine1)
    return loss, scores, {"W1": dW1, "b1": db1, "alpha": dalpha, "W2": dW2, "b2": db2}


@shared
def prelu_training(lr=PRELU_LR, epochs=PRELU_EPOCHS, alpha0=PRELU_ALPHA0):
    """Train the PReLU net (``prelu_params``, ``prelu_loss_grads``) for each seed of SEEDS with plain
    full-batch gradient descent on every parameter, α included and without weight decay (as in
    He et al. 2015).

    Returns (alpha, error): alpha ndarray (S, epochs + 1, WIDTH), the slopes before the first
    and after each update; error ndarray (S, epochs), the training error before each update.
    """
    X, y, _, _ = spiral_data()
    alphas = np.zeros((len(SEEDS), epochs + 1, WIDTH))
    errors = np.zeros((len(SEEDS), epochs))
    for s, seed in enumerate(SEEDS):
        params, optimizer = prelu_params(seed, alpha0), SGD(lr)
        alphas[s, 0] = params["alpha"]
        for e in range(epochs):
            _, scores, grads = prelu_loss_grads(params, X, y)
            errors[s, e] = np.mean(scores.argmax(axis=1) != y)
            optimizer.step(params, grads)
            alphas[s, e + 1] = params["alpha"]
    return alphas, errors


@claim("relu_in_practice.prelu.final_mean", fmt=".2f", expect=lambda v: v < 0)
def claim_prelu_final_mean():
    """Mean learned slope over all units of all seeds after training: below zero."""
    return float(prelu_training()[0][:, -1].mean())


@claim("relu_in_practice.prelu.final_median", fmt=".2f", expect=lambda v: -0.3 < v < 0.1)
def claim_prelu_final_median():
    return float(np.median(prelu_training()[0][:, -1]))


@claim("relu_in_practice.prelu.final_p10", fmt=".2f", expect=lambda v: v < -0.3)
def claim_prelu_final_p10():
    return float(np.percentile(prelu_training()[0][:, -1], 10))


@claim("relu_in_practice.prelu.final_p90", fmt=".2f", expect=lambda v: 0 < v)
def claim_prelu_final_p90():
    return float(np.percentile(prelu_training()[0][:, -1], 90))


@claim("relu_in_practice.prelu.negative_share", fmt=".0%", expect=lambda v: 0.3 < v < 0.9)
def claim_prelu_negative_share():
    """Share of the units whose learned slope ended below zero (V-shaped units)."""
    return float(np.mean(prelu_training()[0][:, -1] < 0))


@claim("relu_in_practice.prelu.final_error", fmt=".1%", expect=lambda v: v < 0.05)
def claim_prelu_final_error():
    return float(prelu_training()[1][:, -1].mean())
