"""L1 against L2 at matched held-out accuracy: L1 drives the weights it does not need to about 0.

The data: N(0, I) inputs with ``SPARSITY_FEATURES`` features, of which only the first two
decide the class (three classes, by the signs of x₁ + x₂ and x₁ − x₂); ``MLP([D, 16, 3])``
trained by full-batch gradient descent with momentum, once per seed in ``SPARSITY_SEEDS``,
under each penalty: L2 with strength ``L2_STRENGTH`` (``fit(reg=…)``) and L1 with strength
``L1_STRENGTH`` (``fit(l1=…)``). "Matched" means the two penalties' mean held-out accuracies
differ by less than ``MATCH`` (one percentage point); the strengths were picked so. A weight
counts as near zero when |w| < ``NEAR_ZERO``. The bias runs repeat the L2 runs with
``penalize_biases=True``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from ...evaluation import accuracy
from ...model import MLP
from ..claims import claim, setting
from ..shared import read_only, shared

SPARSITY_SEED = setting("losses_and_regularization.sparsity_seed", 0, fmt="d")  # training data
SPARSITY_TEST_SEED = setting("losses_and_regularization.sparsity_test_seed", 1, fmt="d")  # held-out data
SPARSITY_SAMPLES = setting("losses_and_regularization.sparsity_samples", 200, fmt="d")
SPARSITY_TEST_SAMPLES = setting("losses_and_regularization.sparsity_test_samples", 2000, fmt="d")
SPARSITY_FEATURES = setting("losses_and_regularization.sparsity_features", 10, fmt="d")
SPARSITY_HIDDEN = setting("losses_and_regularization.sparsity_hidden", 16, fmt="d")
SPARSITY_SEEDS = tuple(range(setting("losses_and_regularization.sparsity_n_seeds", 3, fmt="d")))
SPARSITY_LR = setting("losses_and_regularization.sparsity_lr", 0.1, fmt="g")
SPARSITY_MOMENTUM = setting("losses_and_regularization.sparsity_momentum", 0.9, fmt="g")
SPARSITY_EPOCHS = setting("losses_and_regularization.sparsity_epochs", 2000, fmt="d")
L2_STRENGTH = setting("losses_and_regularization.l2_strength", 0.01, fmt="g")
L1_STRENGTH = setting("losses_and_regularization.l1_strength", 0.0002, fmt="g")
NEAR_ZERO = setting("losses_and_regularization.near_zero", 0.01, fmt="g")
MATCH = setting("losses_and_regularization.match", 0.01, fmt=lambda v: format(100 * v, "g"))  # shown in points


def two_relevant_features(n, rng):
    """(X, y): X of shape (n, SPARSITY_FEATURES) ~ N(0, I) and labels y in {0, 1, 2} set by the
    first two features alone: y = [x₁ + x₂ > 0] + [x₁ − x₂ > 0]."""
    X = rng.standard_normal((n, SPARSITY_FEATURES))
    return X, (X[:, 0] + X[:, 1] > 0).astype(np.int64) + (X[:, 0] - X[:, 1] > 0)


@functools.cache
def sparsity_data():
    """(X, y, X_test, y_test): the training and held-out samples of ``two_relevant_features``."""
    X, y = two_relevant_features(SPARSITY_SAMPLES, np.random.default_rng(SPARSITY_SEED))
    Xt, yt = two_relevant_features(SPARSITY_TEST_SAMPLES, np.random.default_rng(SPARSITY_TEST_SEED))
    return read_only((X, y, Xt, yt))


@dataclass(frozen=True)
class PenaltyRuns:
    """One net per seed trained under one penalty.

    weights : ndarray of shape (K, P), each net's weights W1 and W2 flattened (biases excluded).
    biases : ndarray of shape (K, B), each net's b1 and b2.  test_accuracy : ndarray of shape (K,).
    """

    weights: np.ndarray
    biases: np.ndarray
    test_accuracy: np.ndarray

    @property
    def near_zero(self):
        """Fraction of all the weights with |w| < NEAR_ZERO."""
        return float(np.mean(np.abs(self.weights) < NEAR_ZERO))


@shared
def penalty_runs(penalty, strength, penalize_biases=False):
    """``MLP([D, 16, 3])`` trained with ``fit(**{penalty: strength})`` from each seed; a PenaltyRuns.

    penalty : "reg" (L2) or "l1".
    """
    X, y, Xt, yt = sparsity_data()
    weights, biases, test = [], [], []
    for seed in SPARSITY_SEEDS:
        net = MLP([SPARSITY_FEATURES, SPARSITY_HIDDEN, 3], rng=np.random.default_rng(seed))
        net.fit(X, y, lr=SPARSITY_LR, epochs=SPARSITY_EPOCHS, momentum=SPARSITY_MOMENTUM,
                penalize_biases=penalize_biases, **{penalty: strength})
        weights.append(np.concatenate([net.params["W1"].ravel(), net.params["W2"].ravel()]))
        biases.append(np.concatenate([net.params["b1"], net.params["b2"]]))
        test.append(accuracy(net, Xt, yt))
    return PenaltyRuns(np.array(weights), np.array(biases), np.array(test))


def l2_runs():
    return penalty_runs("reg", L2_STRENGTH)


def l1_runs():
    return penalty_runs("l1", L1_STRENGTH)


@claim("losses_and_regularization.l2_test", fmt=".1%", expect=lambda v: v > 0.8)
def claim_l2_test():
    return float(l2_runs().test_accuracy.mean())


@claim("losses_and_regularization.l1_test", fmt=".1%",
       expect=lambda v: abs(v - claim_l2_test()) < MATCH)
def claim_l1_test():
    """Within one percentage point of L2's: the accuracies are matched."""
    return float(l1_runs().test_accuracy.mean())


@claim("losses_and_regularization.l2_near_zero", fmt=".1%", expect=lambda v: v < 0.1)
def claim_l2_near_zero():
    return l2_runs().near_zero


@claim("losses_and_regularization.l1_near_zero", fmt=".1%", expect=lambda v: v > 4 * claim_l2_near_zero())
def claim_l1_near_zero():
    return l1_runs().near_zero


def _first_layer_near_zero(rows):
    """Fraction of the L1 nets' first-layer weights from the inputs ``rows`` with |w| < NEAR_ZERO."""
    W1 = l1_runs().weights[:, : SPARSITY_FEATURES * SPARSITY_HIDDEN].reshape(-1, SPARSITY_FEATURES, SPARSITY_HIDDEN)
    return float(np.mean(np.abs(W1[:, rows]) < NEAR_ZERO))


@claim("losses_and_regularization.l1_relevant_near_zero", fmt=".0%",
       expect=lambda v: v > 2 * claim_l2_near_zero() and abs(v - claim_l1_irrelevant_near_zero()) < 0.1)
def claim_l1_relevant_near_zero():
    """Under L1, the weights from the two inputs that decide the class are switched off about as
    often as those from the irrelevant inputs: the sparsity is not a selection of inputs."""
    return _first_layer_near_zero(slice(0, 2))


@claim("losses_and_regularization.l1_irrelevant_near_zero", fmt=".0%", expect=lambda v: v > 2 * claim_l2_near_zero())
def claim_l1_irrelevant_near_zero():
    return _first_layer_near_zero(slice(2, None))


# --- biases ---------------------------------------------------------------------------------

@claim("losses_and_regularization.bias_share", fmt=".0%", expect=lambda v: v < 0.1)
def claim_bias_share():
    """Biases as a share of the net's parameters."""
    net = MLP([SPARSITY_FEATURES, SPARSITY_HIDDEN, 3], rng=np.random.default_rng(0))
    n_biases = sum(net.params[f"b{i}"].size for i in range(1, net.n_layers + 1))
    return n_biases / net.n_parameters


@claim("losses_and_regularization.bias_penalized_test", fmt=".1%",
       expect=lambda v: abs(v - claim_l2_test()) < MATCH)
def claim_bias_penalized_test():
    """Penalizing the biases too changes the held-out accuracy by less than a point."""
    return float(penalty_runs("reg", L2_STRENGTH, penalize_biases=True).test_accuracy.mean())
