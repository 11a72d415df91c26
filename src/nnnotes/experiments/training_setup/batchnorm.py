"""Batch normalization: training with and without it over learning rates and init scales, and
the algorithm step by step on one mini-batch."""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np

from ...batchnorm import BatchNormState, batchnorm_forward
from ...datasets import spirals
from ...init import get_initializer
from ...layers import affine_forward
from ...losses import softmax_cross_entropy
from ...model import MLP
from ...monitoring import gradient_norms
from ..claims import claim, listed, setting
from ..shared import shared
from . import SEED

BN_SAMPLES = setting("training_setup.bn.samples", 200, fmt="d")
BN_NOISE = setting("training_setup.bn.noise", 0.1, fmt="g")
BN_WIDTH = setting("training_setup.bn.width", 32, fmt="d")
BN_HIDDEN = setting("training_setup.bn.hidden", 4, fmt="d")
BN_EPOCHS = setting("training_setup.bn.epochs", 150, fmt="d")
# the sweep for the speed comparison (He init), and the figure's columns, for every init
BN_LRS = setting("training_setup.bn.lrs", (0.01, 0.03, 0.1, 0.3, 1.0, 3.0), fmt=listed("g"))
BN_FIGURE_LRS = setting("training_setup.bn.figure_lrs", (0.01, 0.3, 3.0), fmt=listed("g"))
setting("training_setup.bn.low_lr", min(BN_LRS), fmt="g")
setting("training_setup.bn.high_lr", max(BN_LRS), fmt="g")
BN_INITS = ("small", "he", "large")  # the figure's rows
BN_INIT_SCALES = {"small": 0.01, "large": 1.0}  # W ~ scale·N(0, 1); "he" is he_normal
BN_THRESHOLD = setting("training_setup.bn.threshold", 0.2, fmt="g")  # "trained" = training loss below this
# the loss of predicting 1/3 for each of the 3 classes, where an untrained net starts
CHANCE_LOSS = setting("training_setup.bn.ln3", math.log(3), fmt=".3f")


@functools.cache
def bn_data(*, seed=SEED):
    """Three-class spirals, ``spirals(BN_SAMPLES, noise=BN_NOISE)``, each feature standardized: X (N, 2), y (N,)."""
    X, y = spirals(BN_SAMPLES, noise=BN_NOISE, rng=np.random.default_rng(seed))
    return (X - X.mean(axis=0)) / X.std(axis=0), y


def bn_initializer(init):
    """The initializer of a row: small_random with scale 0.01 or 1.0, or he_normal."""
    if init == "he":
        return get_initializer("he_normal")
    return get_initializer("small_random", scale=BN_INIT_SCALES[init])


def bn_net(init, batchnorm, *, seed=SEED):
    """MLP([2] + [BN_WIDTH] * BN_HIDDEN + [3], "relu"), with or without batch norm before each ReLU."""
    sizes = [2] + [BN_WIDTH] * BN_HIDDEN + [3]
    return MLP(sizes, "relu", rng=np.random.default_rng(seed + 1), init=bn_initializer(init), batchnorm=batchnorm)


@dataclass(frozen=True)
class BNRun:
    """One full-batch training run. loss, accuracy : ndarray of shape (BN_EPOCHS,) (NaN after a
    divergence).  steps : first epoch with loss < BN_THRESHOLD, or −1.  net : the trained MLP."""

    loss: np.ndarray
    accuracy: np.ndarray
    steps: int
    net: MLP


@shared
def bn_training(init, lr, batchnorm, *, seed=SEED):
    """Train ``bn_net(init, batchnorm)`` on ``bn_data`` by full-batch gradient descent at ``lr``
    for BN_EPOCHS epochs (softmax cross-entropy); a BNRun."""
    X, y = bn_data(seed=seed)
    net = bn_net(init, batchnorm, seed=seed)
    history = net.fit(X, y, lr=lr, epochs=BN_EPOCHS)
    below = np.flatnonzero(history.loss < BN_THRESHOLD)
    return BNRun(history.loss, history.accuracy, int(below[0]) if below.size else -1, net)


def final_loss(run):
    """The last finite training loss, or inf when the run diverged."""
    return float(run.loss[-1]) if np.isfinite(run.loss[-1]) else math.inf


def best_steps(batchnorm, lrs=BN_LRS, init="he"):
    """(steps, lr): the fewest epochs to loss < BN_THRESHOLD over the learning rates ``lrs``."""
    runs = [(bn_training(init, lr, batchnorm).steps, lr) for lr in sorted(lrs)]
    return min((s, lr) for s, lr in runs if s >= 0)


@functools.cache
def bn_first_gradients(init, batchnorm, *, seed=SEED):
    """‖∂L/∂W_l‖ for l = 1 … BN_HIDDEN + 1 at initialization: one forward (train mode) and one
    backward pass of the softmax cross-entropy on ``bn_data``. ndarray of shape (BN_HIDDEN + 1,)."""
    X, y = bn_data(seed=seed)
    net = bn_net(init, batchnorm, seed=seed)
    _, dscores = softmax_cross_entropy(net.forward(X, train=True), y)
    norms = gradient_norms(net.backward(dscores))
    return np.array([norms[f"W{i}"] for i in range(1, BN_HIDDEN + 2)])


@claim("training_setup.bn.small_plain_loss", fmt=".3f", expect=lambda v: abs(v - CHANCE_LOSS) < 1e-3)
def bn_small_plain_loss():
    """Without batch norm, from weights 0.01·N(0, 1): the final loss at every learning rate of the
    figure stays at ln 3 (the farthest from it is reported)."""
    losses = [final_loss(bn_training("small", lr, False)) for lr in BN_FIGURE_LRS]
    return max(losses, key=lambda v: abs(v - CHANCE_LOSS))


@claim("training_setup.bn.small_bn_loss", fmt=".3f", expect=lambda v: v < 0.15)
def bn_small_bn_loss():
    """With batch norm, from the same weights: the worst final loss over the figure's learning rates."""
    return max(final_loss(bn_training("small", lr, True)) for lr in BN_FIGURE_LRS)


@claim("training_setup.bn.small_grad_plain", fmt=".0e", expect=lambda v: v < 1e-5)
def bn_small_grad_plain():
    """‖∂L/∂W_1‖ at initialization, weights 0.01·N(0, 1), no batch norm."""
    return float(bn_first_gradients("small", False)[0])


@claim("training_setup.bn.small_grad_bn", fmt=".2f", expect=lambda v: v > 0.01)
def bn_small_grad_bn():
    return float(bn_first_gradients("small", True)[0])


@claim("training_setup.bn.bias_grad_before_bn", fmt=".0e", expect=lambda v: v < 1e-12)
def bn_bias_grad_before_bn():
    """Largest ‖∂L/∂b_l‖ over the hidden layers of the He net with batch norm at initialization:
    subtracting the batch mean removes any constant added before it, so the bias gets no gradient."""
    X, y = bn_data()
    net = bn_net("he", True)
    _, dscores = softmax_cross_entropy(net.forward(X, train=True), y)
    grads = net.backward(dscores)
    return max(float(np.linalg.norm(grads[f"b{i}"])) for i in range(1, BN_HIDDEN + 1))


@claim("training_setup.bn.large_plain_diverged", fmt="d", expect=lambda v: v == 2)
def bn_large_plain_diverged():
    """How many of the figure's three learning rates make the plain net from weights 1.0·N(0, 1)
    diverge (the loss overflows to inf or NaN)."""
    return sum(1 for lr in BN_FIGURE_LRS if not math.isfinite(final_loss(bn_training("large", lr, False))))


@claim("training_setup.bn.large_bn_loss", fmt=".3f", expect=lambda v: v < 0.15)
def bn_large_bn_loss():
    return max(final_loss(bn_training("large", lr, True)) for lr in BN_FIGURE_LRS)


@claim("training_setup.bn.large_low_lr_plain_steps", fmt="d", expect=lambda v: 0 < v < bn_large_low_lr_bn_steps() / 3)
def bn_large_low_lr_plain_steps():
    """Weights 1.0·N(0, 1), the smallest learning rate: the plain net reaches the threshold first."""
    return bn_training("large", min(BN_LRS), False).steps


@claim("training_setup.bn.large_low_lr_bn_steps", fmt="d", expect=lambda v: v > 50)
def bn_large_low_lr_bn_steps():
    return bn_training("large", min(BN_LRS), True).steps


@claim("training_setup.bn.he_high_lr_plain", fmt=".3f", expect=lambda v: abs(v - CHANCE_LOSS) < 1e-3)
def bn_he_high_lr_plain():
    """Without batch norm, He init, the largest swept learning rate: the loss ends at ln 3."""
    return final_loss(bn_training("he", max(BN_LRS), False))


@claim("training_setup.bn.he_high_lr_bn", fmt=".3f", expect=lambda v: v < 0.1)
def bn_he_high_lr_bn():
    return final_loss(bn_training("he", max(BN_LRS), True))


@claim("training_setup.bn.plain_best_steps", fmt="d", expect=lambda v: v > 20)
def bn_plain_best_steps():
    return best_steps(False)[0]


@claim("training_setup.bn.plain_best_lr", fmt="g", expect=lambda v: v in BN_LRS and v < bn_bn_best_lr())
def bn_plain_best_lr():
    return best_steps(False)[1]


@claim("training_setup.bn.bn_best_steps", fmt="d", expect=lambda v: 0 < v < 20)
def bn_bn_best_steps():
    return best_steps(True)[0]


@claim("training_setup.bn.bn_best_lr", fmt="g", expect=lambda v: v in BN_LRS and v > bn_plain_best_lr())
def bn_bn_best_lr():
    return best_steps(True)[1]


@claim("training_setup.bn.speedup", fmt=".1f", expect=lambda v: v > 2)
def bn_speedup():
    return best_steps(False)[0] / best_steps(True)[0]


@claim("training_setup.bn.plain_max_lr", fmt="g", expect=lambda v: v < 3.0)
def bn_plain_max_lr():
    """The largest swept learning rate at which the He net without batch norm reaches the threshold."""
    return max(lr for lr in BN_LRS if bn_training("he", lr, False).steps >= 0)



# ----------------------------------------------------------------------------------------
# Batch normalization step by step on one mini-batch
# ----------------------------------------------------------------------------------------

BN_STEP_BATCH = setting("training_setup.bn.step_batch", 16, fmt="d")
BN_STEP_UNITS = 4  # units of the first hidden layer shown: those whose γ, β moved most
BN_STEP_RUN = ("small", 3.0)  # the trained net whose first layer (W1, b1, γ1, β1) is used


@dataclass(frozen=True)
class BNSteps:
    """Batch norm of the first hidden layer on one mini-batch, for BN_STEP_UNITS units.

    units : int ndarray of shape (K,), the units' indices (from 0) in the layer.
    z : (B, K) pre-activations x·W1 + b1 (the input of batch norm).  x_hat : (B, K), normalized
    with the batch's mean and variance.  out : (B, K) = γ·x_hat + β.  gamma, beta : (K,).
    """

    units: np.ndarray
    z: np.ndarray
    x_hat: np.ndarray
    out: np.ndarray
    gamma: np.ndarray
    beta: np.ndarray


@shared
def bn_steps(*, seed=SEED):
    """Run nnnotes' batchnorm_forward (train mode) on a random mini-batch of BN_STEP_BATCH points
    of ``bn_data``, through the first layer of the net trained with batch norm (BN_STEP_RUN)."""
    X, _ = bn_data(seed=seed)
    net = bn_training(*BN_STEP_RUN, True, seed=seed).net
    rows = np.random.default_rng(seed + 2).choice(X.shape[0], BN_STEP_BATCH, replace=False)
    moved = np.abs(net.params["gamma1"] - 1) + np.abs(net.params["beta1"])
    units = np.sort(np.argsort(-moved, kind="stable")[:BN_STEP_UNITS])
    W, b = net.params["W1"][:, units], net.params["b1"][units]
    gamma, beta = net.params["gamma1"][units], net.params["beta1"][units]
    z, _ = affine_forward(X[rows], W, b)
    state = BatchNormState.initial(BN_STEP_UNITS)
    x_hat, _, _ = batchnorm_forward(z, np.ones(BN_STEP_UNITS), np.zeros(BN_STEP_UNITS), state, train=True)
    out, _, _ = batchnorm_forward(z, gamma, beta, state, train=True)
    return BNSteps(units, z, x_hat, out, gamma.copy(), beta.copy())


@claim("training_setup.bn.step_max_mean_after", fmt=".0e", expect=lambda v: v < 1e-12)
def bn_step_max_mean_after():
    """Largest |mean| of x̂ over the shown units: 0 up to rounding."""
    return float(np.abs(bn_steps().x_hat.mean(axis=0)).max())


@claim("training_setup.bn.step_max_var_gap", fmt=".0e", expect=lambda v: v < 1e-3)
def bn_step_max_var_gap():
    """Largest |Var(x̂) − 1| over the shown units: ε = 1e-5 in the denominator keeps it just below 1."""
    return float(np.abs(bn_steps().x_hat.var(axis=0) - 1).max())


@claim("training_setup.bn.step_var_min", fmt=".0f", expect=lambda v: 0 < v < bn_step_var_max() / 2)
def bn_step_var_min():
    """Smallest batch variance of z over the shown units (the units differ in scale before BN)."""
    return float(bn_steps().z.var(axis=0).min())


@claim("training_setup.bn.step_var_max", fmt=".0f", expect=lambda v: v > 1)
def bn_step_var_max():
    return float(bn_steps().z.var(axis=0).max())


@claim("training_setup.bn.step_gamma_min", fmt=".2f", expect=lambda v: 0 < v < 1)
def bn_step_gamma_min():
    """Smallest learned γ of the shown units."""
    return float(bn_steps().gamma.min())


@claim("training_setup.bn.step_gamma_max", fmt=".2f", expect=lambda v: v > 1)
def bn_step_gamma_max():
    return float(bn_steps().gamma.max())


@claim("training_setup.bn.step_beta_min", fmt=".2f", expect=lambda v: v < 0)
def bn_step_beta_min():
    """Smallest learned β of the shown units."""
    return float(bn_steps().beta.min())


@claim("training_setup.bn.step_beta_max", fmt=".2f", expect=lambda v: v > 0)
def bn_step_beta_max():
    return float(bn_steps().beta.max())
