"""Capacity and regularization on noisy XOR: wider nets fit the noise; L2, dropout and input
noise pull the held-out accuracy back toward the best possible (the Bayes rate)."""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np

from ...activations import get_activation
from ...datasets import xor
from ...ensemble import train_nets
from ...evaluation import accuracy
from ...model import MLP
from ..claims import claim, setting
from ..common import xor_bayes_accuracy
from ..shared import read_only, shared
from . import MOMENTUM, SEED, TEST_SEED

XOR_SAMPLES = setting("capacity.xor_samples", 100, fmt="d")
XOR_NOISE = setting("capacity.xor_noise", 0.7, fmt="g")
XOR_TEST_SAMPLES = setting("capacity.xor_test_samples", 4000, fmt="d")
SIZE_WIDTHS = (3, 6, 20)
BIG = 20  # the width that the regularization section keeps
SEEDS = tuple(range(setting("capacity.n_seeds", 5, fmt="d")))
SIZE_LR = setting("capacity.size_lr", 0.5, fmt="g")
SIZE_EPOCHS = setting("capacity.size_epochs", 3000, fmt="d")
L2_STRENGTHS = (0.001, 0.01, 0.1)
P_DROP = setting("capacity.p_drop", 0.2, fmt="g")
P_DROP_HIGH = setting("capacity.p_drop_high", 0.5, fmt="g")
INPUT_NOISE = setting("capacity.input_noise", 0.3, fmt="g")
SMALL_SAMPLES = setting("capacity.small_samples", 40, fmt="d")  # the small-data comparison


@functools.cache
def xor_data(n_samples=XOR_SAMPLES):
    """(X, y, X_test, y_test): ``n_samples`` training points (seed SEED) and XOR_TEST_SAMPLES
    held-out points (seed TEST_SEED) of noisy XOR (noise XOR_NOISE)."""
    X, y = xor(n_samples, noise=XOR_NOISE, rng=np.random.default_rng(SEED))
    Xt, yt = xor(XOR_TEST_SAMPLES, noise=XOR_NOISE, rng=np.random.default_rng(TEST_SEED))
    return read_only((X, y, Xt, yt))


def bayes_accuracy(noise=XOR_NOISE):
    """Best possible accuracy on the chapter's noisy XOR (``common.xor_bayes_accuracy``)."""
    return xor_bayes_accuracy(noise)


@dataclass(frozen=True)
class Runs:
    """Nets trained from the seeds ``SEEDS`` (one per seed) and their accuracies, each of shape (K,)."""

    nets: tuple
    train_accuracy: np.ndarray
    test_accuracy: np.ndarray

    @property
    def shown(self):
        """The net the figures draw: the one from seed ``SEED``."""
        return self.nets[SEEDS.index(SEED)]


def _xor_runs(width, n_samples=XOR_SAMPLES, **options):
    X, y, Xt, yt = xor_data(n_samples)
    nets = [MLP([2, width, 1], rng=np.random.default_rng(seed)) for seed in SEEDS]
    train_nets(nets, X, y, loss="binary_cross_entropy", lr=SIZE_LR, epochs=SIZE_EPOCHS, momentum=MOMENTUM,
               rng=np.random.default_rng(SEED), **options)
    train = np.array([accuracy(net, X, y) for net in nets])
    test = np.array([accuracy(net, Xt, yt) for net in nets])
    return Runs(tuple(nets), train, test)


@shared
def size_runs(width, n_samples=XOR_SAMPLES):
    """``MLP([2, width, 1])`` on ``n_samples`` points of noisy XOR, no regularization, one net per seed in ``SEEDS``."""
    return _xor_runs(width, n_samples)


@shared
def l2_runs(n_samples=XOR_SAMPLES):
    """The 20-unit net with each L2 strength in ``L2_STRENGTHS`` on ``n_samples`` points: a dict
    λ -> Runs (one batched run)."""
    X, y, Xt, yt = xor_data(n_samples)
    nets = [MLP([2, BIG, 1], rng=np.random.default_rng(seed)) for _ in L2_STRENGTHS for seed in SEEDS]
    regs = [lam for lam in L2_STRENGTHS for _ in SEEDS]
    train_nets(nets, X, y, loss="binary_cross_entropy", lr=SIZE_LR, epochs=SIZE_EPOCHS, momentum=MOMENTUM,
               reg=regs)
    out, k = {}, len(SEEDS)
    for i, lam in enumerate(L2_STRENGTHS):
        group = nets[i * k : (i + 1) * k]
        train = np.array([accuracy(net, X, y) for net in group])
        test = np.array([accuracy(net, Xt, yt) for net in group])
        out[lam] = Runs(tuple(group), train, test)
    return out


@shared
def dropout_runs(p_drop=P_DROP):
    """The 20-unit net trained with inverted dropout (probability ``p_drop``) on its hidden layer."""
    return _xor_runs(BIG, p_drop=p_drop)


@shared
def input_noise_runs(sigma=INPUT_NOISE):
    """The 20-unit net trained on X + σ·N(0, 1), a fresh draw every epoch."""
    return _xor_runs(BIG, input_noise=sigma)


def weight_norm(net):
    """√(Σ‖W‖²) over the weight matrices of ``net`` (biases excluded), the quantity L2 penalizes."""
    return float(np.sqrt(sum(np.sum(net.params[f"W{i}"] ** 2) for i in range(1, net.n_layers + 1))))


@claim("capacity.bayes_accuracy", fmt=".1%", expect=lambda v: 0.85 < v < 0.87)
def claim_bayes_accuracy():
    return bayes_accuracy()


@claim("capacity.train_3", fmt=".1%", expect=lambda v: v < claim_train_6())
def claim_train_3():
    return float(size_runs(3).train_accuracy.mean())


@claim("capacity.train_6", fmt=".1%", expect=lambda v: v < claim_train_20())
def claim_train_6():
    return float(size_runs(6).train_accuracy.mean())


@claim("capacity.train_20", fmt=".1%", expect=lambda v: v > claim_bayes_accuracy() + 0.05)
def claim_train_20():
    """The 20-unit net beats the best possible classifier on its own training points: it fits noise."""
    return float(size_runs(20).train_accuracy.mean())


@claim("capacity.test_3", fmt=".1%", expect=lambda v: v < claim_test_6())
def claim_test_3():
    return float(size_runs(3).test_accuracy.mean())


@claim("capacity.test_6", fmt=".1%", expect=lambda v: v < claim_bayes_accuracy())
def claim_test_6():
    return float(size_runs(6).test_accuracy.mean())


@claim("capacity.test_20", fmt=".1%", expect=lambda v: v < claim_test_6())
def claim_test_20():
    """More units, more training accuracy, less held-out accuracy."""
    return float(size_runs(20).test_accuracy.mean())


@claim("capacity.gap_6", fmt=".1%", expect=lambda v: 0 < v < claim_gap_20())
def claim_gap_6():
    """Training minus held-out accuracy."""
    return claim_train_6() - claim_test_6()


@claim("capacity.gap_20", fmt=".1%", expect=lambda v: v > 0.1)
def claim_gap_20():
    return claim_train_20() - claim_test_20()


# --- claims: regularization ----------------------------------------------------------------

@claim("capacity.l2_train_0001", fmt=".1%", expect=lambda v: v < claim_train_20())
def claim_l2_train_0001():
    return float(l2_runs()[0.001].train_accuracy.mean())


@claim("capacity.l2_train_001", fmt=".1%", expect=lambda v: v < claim_l2_train_0001())
def claim_l2_train_001():
    return float(l2_runs()[0.01].train_accuracy.mean())


@claim("capacity.l2_train_01", fmt=".1%", expect=lambda v: v < claim_l2_train_001())
def claim_l2_train_01():
    return float(l2_runs()[0.1].train_accuracy.mean())


@claim("capacity.l2_test_0001", fmt=".1%", expect=lambda v: v > max(claim_test_20(), claim_test_6()))
def claim_l2_test_0001():
    return float(l2_runs()[0.001].test_accuracy.mean())


@claim("capacity.l2_test_001", fmt=".1%", expect=lambda v: v > max(claim_test_20(), claim_test_6()))
def claim_l2_test_001():
    return float(l2_runs()[0.01].test_accuracy.mean())


@claim("capacity.l2_test_01", fmt=".1%", expect=lambda v: v < min(claim_test_20(), claim_test_6()))
def claim_l2_test_01():
    """λ = 0.1 is too strong for 100 points: the net underfits."""
    return float(l2_runs()[0.1].test_accuracy.mean())


@claim("capacity.best_minus_bayes", fmt=".1%", expect=lambda v: 0 < v < 2 * claim_heldout_sampling_error())
def claim_best_minus_bayes():
    """Held-out accuracy at λ = 0.01 minus the Bayes rate: slightly above it, by less than two
    standard deviations of the held-out set's sampling error (so it is sampling error)."""
    return claim_l2_test_001() - claim_bayes_accuracy()


@claim("capacity.norm_none", fmt=".1f", expect=lambda v: v > 2 * claim_norm_0001())
def claim_norm_none():
    """Mean √(Σ‖W‖²) of the unregularized 20-unit nets."""
    return float(np.mean([weight_norm(net) for net in size_runs(BIG).nets]))


@claim("capacity.norm_0001", fmt=".1f", expect=lambda v: v > claim_norm_001())
def claim_norm_0001():
    return float(np.mean([weight_norm(net) for net in l2_runs()[0.001].nets]))


@claim("capacity.norm_001", fmt=".1f", expect=lambda v: v > claim_norm_01())
def claim_norm_001():
    return float(np.mean([weight_norm(net) for net in l2_runs()[0.01].nets]))


@claim("capacity.norm_01", fmt=".2f", expect=lambda v: 0 < v < 2)
def claim_norm_01():
    return float(np.mean([weight_norm(net) for net in l2_runs()[0.1].nets]))


@claim("capacity.dropout_train", fmt=".1%", expect=lambda v: v < claim_train_20())
def claim_dropout_train():
    return float(dropout_runs().train_accuracy.mean())


@claim("capacity.dropout_test", fmt=".1%", expect=lambda v: v > claim_test_20())
def claim_dropout_test():
    return float(dropout_runs().test_accuracy.mean())


@claim("capacity.dropout_high_test", fmt=".1%", expect=lambda v: v < claim_test_20())
def claim_dropout_high_test():
    """p = 0.5 drops half of only 20 units: too much for this net."""
    return float(dropout_runs(P_DROP_HIGH).test_accuracy.mean())


@claim("capacity.noise_train", fmt=".1%", expect=lambda v: v < claim_train_20())
def claim_noise_train():
    return float(input_noise_runs().train_accuracy.mean())


@claim("capacity.noise_test", fmt=".1%", expect=lambda v: v > claim_test_20())
def claim_noise_test():
    return float(input_noise_runs().test_accuracy.mean())


@claim("capacity.heldout_sampling_error", fmt=".2%", expect=lambda v: 0.004 < v < 0.007)
def claim_heldout_sampling_error():
    """Standard deviation of an accuracy near the Bayes rate measured on the held-out set: √(b(1 − b)/n)."""
    b = bayes_accuracy()
    return math.sqrt(b * (1 - b) / XOR_TEST_SAMPLES)


LEFT_POINTS = np.array([[-1.0, 1.0], [-1.0, -1.0], [-2.0, 2.0], [-2.0, -2.0]])  # corners of the left half


def _left_half_of_small_net():
    net = size_runs(SIZE_WIDTHS[0]).shown
    hidden = net.hidden_layers(LEFT_POINTS)[0][1]
    probability = get_activation("sigmoid").forward(net.forward(LEFT_POINTS, train=False)[:, 0])[0]
    return hidden, probability


@claim("capacity.three_left_probability", fmt=".2f",
       expect=lambda v: v < 0.5 and not _left_half_of_small_net()[0].any()
       and np.ptp(_left_half_of_small_net()[1]) == 0)
def claim_three_left_probability():
    """The drawn 3-neuron net (seed 0): all its ReLUs are off at the left corners, so it outputs
    the constant σ(b₂) there, below 0.5: class 0 for the whole left half."""
    return float(_left_half_of_small_net()[1][0])


# --- claims: less data, still a big regularized net -----------------------------------------

def _small(width):
    return size_runs(width, SMALL_SAMPLES).test_accuracy


def _spread(accuracies):
    """Largest minus smallest held-out accuracy over the seeds, in percentage points."""
    return 100 * float(np.ptp(accuracies))


@claim("capacity.small_test_3", fmt=".1%", expect=lambda v: v < claim_small_test_l2() - 0.02)
def claim_small_test_3():
    return float(_small(3).mean())


@claim("capacity.small_test_6", fmt=".1%", expect=lambda v: v < claim_small_test_l2() - 0.02)
def claim_small_test_6():
    return float(_small(6).mean())


@claim("capacity.small_test_l2", fmt=".1%", expect=lambda v: v > claim_bayes_accuracy() - 0.01)
def claim_small_test_l2():
    """With SMALL_SAMPLES points the 20-unit net with λ = 0.01 still lands within a point of the Bayes rate."""
    return float(l2_runs(SMALL_SAMPLES)[0.01].test_accuracy.mean())


@claim("capacity.small_test_l2_strong", fmt=".1%", expect=lambda v: v < claim_small_test_3())
def claim_small_test_l2_strong():
    """λ = 0.1 is too strong for SMALL_SAMPLES points: the big net underfits, below even the small nets."""
    return float(l2_runs(SMALL_SAMPLES)[0.1].test_accuracy.mean())


@claim("capacity.small_range_6", fmt=".1f", expect=lambda v: v > 5 * claim_small_range_l2())
def claim_small_range_6():
    return _spread(_small(6))


@claim("capacity.small_range_l2", fmt=".1f", expect=lambda v: v < 1)
def claim_small_range_l2():
    return _spread(l2_runs(SMALL_SAMPLES)[0.01].test_accuracy)
