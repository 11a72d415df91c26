"""The max-norm constraint keeps training bounded at a learning rate where the unconstrained net diverges.

The data: 200 noisy samples of sin on [−3, 3] (noise 0.1, seed ``MAX_NORM_SEED``), a noise-free
held-out grid of 1000 points (seed ``MAX_NORM_TEST_SEED``); ``MLP([1, 50, 50, 1])`` (ReLU, He)
trained on the mean squared error by full-batch gradient descent with momentum, from the same
initial weights, without and with ``fit(max_norm=MAX_NORM)``, at every learning rate in
``MAX_NORM_RATES``. Full batch: one update per epoch, so the recorded loss shows each step.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from ...datasets import sample_function
from ...model import MLP
from ..claims import claim, listed, setting
from ..shared import read_only, shared

MAX_NORM_SEED = setting("losses_and_regularization.max_norm_seed", 0, fmt="d")
MAX_NORM_TEST_SEED = 1
MAX_NORM_SAMPLES = setting("losses_and_regularization.max_norm_samples", 200, fmt="d")
MAX_NORM_NOISE = setting("losses_and_regularization.max_norm_noise", 0.1, fmt="g")
MAX_NORM_SIZES = setting("losses_and_regularization.max_norm_sizes", (1, 50, 50, 1), fmt=listed("d", "[]"))
MAX_NORM = setting("losses_and_regularization.max_norm", 3.0, fmt="g")
MAX_NORM_MOMENTUM = setting("losses_and_regularization.max_norm_momentum", 0.9, fmt="g")
MAX_NORM_EPOCHS = setting("losses_and_regularization.max_norm_epochs", 300, fmt="d")
MAX_NORM_RATES = setting("losses_and_regularization.max_norm_rates", (0.003, 0.01, 0.02, 0.03, 0.05, 0.1),
                         fmt=listed("g"))
HIGH_LR = setting("losses_and_regularization.max_norm_high_lr", 0.03, fmt="g")  # the figure's curves
TRAINED_BELOW = setting("losses_and_regularization.trained_below", 0.1, fmt="g")  # a final loss that counts as trained


@functools.cache
def max_norm_data():
    """(X, y, X_test, y_test): noisy training samples of sin and a noise-free held-out set."""
    X, y = sample_function(np.sin, MAX_NORM_SAMPLES, noise=MAX_NORM_NOISE, rng=np.random.default_rng(MAX_NORM_SEED))
    Xt, yt = sample_function(np.sin, 1000, noise=0.0, rng=np.random.default_rng(MAX_NORM_TEST_SEED))
    return read_only((X, y, Xt, yt))


@dataclass(frozen=True)
class MaxNormRun:
    """One training run. loss : ndarray of shape (epochs,), the training MSE per epoch (inf or NaN
    once it diverged, see ``History.loss``).  test_mse : held-out MSE, or None when it diverged.
    largest_norm : the largest column norm ‖W[:, j]‖ over the net's weight matrices after training."""

    loss: np.ndarray
    test_mse: float | None
    largest_norm: float

    @property
    def diverged(self):
        """Whether the loss overflowed or ended above where it started."""
        final = self.loss[-1]
        return not np.isfinite(final) or final > self.loss[0]

    @property
    def trained(self):
        """Whether the final training loss is below TRAINED_BELOW (the noise alone gives 0.01)."""
        return bool(self.loss[-1] < TRAINED_BELOW)

    @property
    def diverged_at(self):
        """The first epoch (from 1) whose loss is not finite, or None."""
        bad = np.flatnonzero(~np.isfinite(self.loss))
        return int(bad[0]) + 1 if bad.size else None


@shared
def max_norm_run(lr, max_norm=None):
    """``MLP([1, 50, 50, 1])`` from seed MAX_NORM_SEED trained at ``lr``, with ``fit(max_norm=…)``."""
    X, y, Xt, yt = max_norm_data()
    net = MLP(list(MAX_NORM_SIZES), rng=np.random.default_rng(MAX_NORM_SEED))
    history = net.fit(X, y, loss="mse", lr=lr, epochs=MAX_NORM_EPOCHS, momentum=MAX_NORM_MOMENTUM, max_norm=max_norm)
    finite = np.isfinite(history.loss).all()
    test = float(np.mean((net.forward(Xt, train=False)[:, 0] - yt) ** 2)) if finite else None
    with np.errstate(invalid="ignore", over="ignore"):
        norms = [np.linalg.norm(net.params[f"W{i}"], axis=0).max() for i in range(1, net.n_layers + 1)]
    return MaxNormRun(history.loss, test, float(np.max(norms)))


def largest_trained_rate(max_norm=None):
    """The largest rate of MAX_NORM_RATES at which training reached a loss below TRAINED_BELOW."""
    return max(lr for lr in MAX_NORM_RATES if max_norm_run(lr, max_norm).trained)


@claim("losses_and_regularization.free_diverged_at", fmt="d", expect=lambda v: v is not None and v <= 20)
def claim_free_diverged_at():
    """The epoch at which the unconstrained net's loss overflows at the high rate."""
    return max_norm_run(HIGH_LR).diverged_at


@claim("losses_and_regularization.max_norm_loss", fmt=".3f",
       expect=lambda v: v < 0.1 and not max_norm_run(HIGH_LR, MAX_NORM).diverged)
def claim_max_norm_loss():
    """The constrained net's final training loss at the high rate (the noise alone gives 0.01)."""
    return float(max_norm_run(HIGH_LR, MAX_NORM).loss[-1])


@claim("losses_and_regularization.max_norm_test", fmt=".3f", expect=lambda v: v < 0.05)
def claim_max_norm_test():
    return max_norm_run(HIGH_LR, MAX_NORM).test_mse


@claim("losses_and_regularization.max_norm_largest", fmt=".2f",
       expect=lambda v: v <= MAX_NORM * (1 + 1e-12) and claim_free_largest() > MAX_NORM)
def claim_max_norm_largest():
    """The largest column norm after constrained training: at most c."""
    return max_norm_run(HIGH_LR, MAX_NORM).largest_norm


@claim("losses_and_regularization.free_largest", fmt=".1f", expect=lambda v: v > MAX_NORM)
def claim_free_largest():
    """The largest column norm of the unconstrained net at the highest rate it trains at: the
    constraint is active there, not a bound the weights never reach."""
    return max_norm_run(largest_trained_rate()).largest_norm


@claim("losses_and_regularization.free_trained_lr", fmt="g",
       expect=lambda v: v < HIGH_LR and max_norm_run(HIGH_LR).diverged)
def claim_free_trained_lr():
    return largest_trained_rate()


@claim("losses_and_regularization.max_norm_trained_lr", fmt="g",
       expect=lambda v: HIGH_LR <= v < max(MAX_NORM_RATES))
def claim_max_norm_trained_lr():
    """Max-norm trains at a higher rate than the free net, but not at every rate."""
    return largest_trained_rate(MAX_NORM)


@claim("losses_and_regularization.max_norm_collapsed", fmt=".2f",
       expect=lambda v: v > 0.3 and not max_norm_run(max(MAX_NORM_RATES), MAX_NORM).diverged and max_norm_run(max(MAX_NORM_RATES), MAX_NORM).largest_norm <= MAX_NORM * (1 + 1e-12))
def claim_max_norm_collapsed():
    """At the highest rate the constrained net stays bounded but learns nothing: its final loss is
    about the variance of sin (0.5), the loss of a constant prediction."""
    return float(max_norm_run(max(MAX_NORM_RATES), MAX_NORM).loss[-1])
