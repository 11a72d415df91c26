"""Dropout: vanilla and inverted dropout agree in expectation, and the scaled net approximates the
average of the thinned nets.

The net: ``MLP([2, 100, 100, 3], dropout=DROPOUT_P)`` (inverted dropout on both hidden layers)
trained on 3-arm spirals (300 points, noise 0.2, seed ``DROPOUT_SEED``) with mini-batch SGD and
momentum; held-out points drawn with seed ``DROPOUT_TEST_SEED``.

* ``mask_means``: the first hidden layer's activations h of the trained net at one held-out point,
  dropped out by ``MASKS`` independent masks with ``dropout_forward`` (inverted) and
  ``vanilla_dropout_forward``, against the test-time outputs h and (1 − p)·h;
* ``ensemble_gaps``: on ``ENSEMBLE_POINTS`` held-out points, the mean of the softmax
  probabilities of K thinned nets (``forward(train=True)``, a fresh mask per point and per pass)
  against those of the scaled net (``forward(train=False)``), for each K in ``ENSEMBLE_SIZES``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from ...datasets import spirals
from ...layers import dropout_forward, vanilla_dropout_forward
from ...model import MLP
from ..claims import claim, listed, setting
from ..shared import read_only, shared

DROPOUT_SEED = setting("losses_and_regularization.dropout_seed", 0, fmt="d")
DROPOUT_TEST_SEED = 1
DROPOUT_SAMPLES = setting("losses_and_regularization.dropout_samples", 300, fmt="d")
DROPOUT_NOISE = setting("losses_and_regularization.dropout_noise", 0.2, fmt="g")
DROPOUT_SIZES = setting("losses_and_regularization.dropout_sizes", (2, 100, 100, 3), fmt=listed("d", "[]"))
DROPOUT_P = setting("losses_and_regularization.dropout_p", 0.5, fmt="g")
DROPOUT_LR = setting("losses_and_regularization.dropout_lr", 0.03, fmt="g")
DROPOUT_MOMENTUM = setting("losses_and_regularization.dropout_momentum", 0.9, fmt="g")
DROPOUT_EPOCHS = setting("losses_and_regularization.dropout_epochs", 300, fmt="d")
DROPOUT_BATCH = setting("losses_and_regularization.dropout_batch", 30, fmt="d")
MASKS = setting("losses_and_regularization.masks", 10000, fmt="d")
SHOWN_UNITS = setting("losses_and_regularization.shown_units", 20, fmt="d")  # the units the figure draws
ENSEMBLE_POINTS = setting("losses_and_regularization.ensemble_points", 300, fmt="d")
NOISE_ENSEMBLE = setting("losses_and_regularization.noise_ensemble", 300, fmt="d")  # compared with the largest
ENSEMBLE_SIZES = (1, 2, 3, 5, 10, 20, 30, 50, 100, NOISE_ENSEMBLE, 1000)
LARGEST_ENSEMBLE = setting("losses_and_regularization.largest_ensemble", ENSEMBLE_SIZES[-1], fmt="d")


@functools.cache
def dropout_data():
    """(X, y, X_test, y_test): 3-arm spirals, training points and ENSEMBLE_POINTS held-out points."""
    X, y = spirals(DROPOUT_SAMPLES, n_classes=3, noise=DROPOUT_NOISE, rng=np.random.default_rng(DROPOUT_SEED))
    Xt, yt = spirals(ENSEMBLE_POINTS, n_classes=3, noise=DROPOUT_NOISE, rng=np.random.default_rng(DROPOUT_TEST_SEED))
    return read_only((X, y, Xt, yt))


@shared
def dropout_net():
    """The trained net (its parameters must not be trained further)."""
    X, y, _, _ = dropout_data()
    net = MLP(list(DROPOUT_SIZES), rng=np.random.default_rng(DROPOUT_SEED), dropout=DROPOUT_P)
    net.fit(X, y, lr=DROPOUT_LR, epochs=DROPOUT_EPOCHS, batch_size=DROPOUT_BATCH, momentum=DROPOUT_MOMENTUM,
            rng=np.random.default_rng(DROPOUT_SEED))
    return net


@dataclass(frozen=True)
class MaskMeans:
    """h : ndarray of shape (H,), the activations at evaluation.  inverted, vanilla : ndarray of
    shape (2, H), one masked output and the mean over MASKS masks, for each kind of dropout."""

    h: np.ndarray
    inverted: np.ndarray
    vanilla: np.ndarray

    def error(self, kind):
        """Largest |mean over the masks − test-time output|, relative to max h."""
        test = self.h if kind == "inverted" else (1 - DROPOUT_P) * self.h
        return float(np.abs(getattr(self, kind)[1] - test).max() / self.h.max())


@functools.cache
def mask_means():
    """Inverted and vanilla dropout of the first hidden layer at the first held-out point."""
    _, _, Xt, _ = dropout_data()
    h = dropout_net().hidden_layers(Xt[:1])[0][1][0]
    stacked = np.broadcast_to(h, (MASKS, h.size))
    out = {}
    for kind, forward in (("inverted", dropout_forward), ("vanilla", vanilla_dropout_forward)):
        masked, _ = forward(stacked, DROPOUT_P, train=True, rng=np.random.default_rng(DROPOUT_SEED))
        out[kind] = np.stack([masked[0], masked.mean(axis=0)])
    return read_only(MaskMeans(h, out["inverted"], out["vanilla"]))


def _softmax(scores):
    e = np.exp(scores - scores.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


@dataclass(frozen=True)
class EnsembleGaps:
    """gap, noise : ndarray of shape (len(ENSEMBLE_SIZES),), the mean |p̄_K − p| over the points and
    classes, p̄_K the mean probability of K thinned nets, and p that of the scaled net (gap) or
    p̄ of the largest ensemble (noise: how far K nets are from many).  agreement : fraction of
    the points where the largest ensemble and the scaled net predict the same class.
    ensemble_accuracy, scaled_accuracy : held-out accuracies of the two.  largest, scaled :
    ndarray of shape (ENSEMBLE_POINTS, 3), the class probabilities of the two."""

    gap: np.ndarray
    noise: np.ndarray
    agreement: float
    ensemble_accuracy: float
    scaled_accuracy: float
    largest: np.ndarray
    scaled: np.ndarray


@shared
def ensemble_gaps():
    _, _, Xt, yt = dropout_data()
    net = dropout_net()
    rng = np.random.default_rng(DROPOUT_TEST_SEED)
    scaled = _softmax(net.forward(Xt, train=False))
    running, means = np.zeros_like(scaled), {}
    for k in range(1, ENSEMBLE_SIZES[-1] + 1):
        running += _softmax(net.forward(Xt, train=True, rng=rng))
        if k in ENSEMBLE_SIZES:
            means[k] = running / k
    largest = means[ENSEMBLE_SIZES[-1]]
    gap = np.array([np.abs(means[k] - scaled).mean() for k in ENSEMBLE_SIZES])
    noise = np.array([np.abs(means[k] - largest).mean() for k in ENSEMBLE_SIZES])
    return EnsembleGaps(gap, noise, float(np.mean(largest.argmax(1) == scaled.argmax(1))),
                        float(np.mean(largest.argmax(1) == yt)), float(np.mean(scaled.argmax(1) == yt)),
                        largest, scaled)


# --- claims: inverted and vanilla dropout ---------------------------------------------------

@claim("losses_and_regularization.inverted_mean_error", fmt=".1%", expect=lambda v: v < 0.05)
def claim_inverted_mean_error():
    """Inverted dropout: the mean over the masks is the test-time output h, to within sampling error."""
    return mask_means().error("inverted")


@claim("losses_and_regularization.vanilla_mean_error", fmt=".1%", expect=lambda v: v < 0.05)
def claim_vanilla_mean_error():
    """Vanilla dropout: the mean over the masks is the scaled test-time output (1 − p)·h."""
    return mask_means().error("vanilla")


@claim("losses_and_regularization.vanilla_unscaled_ratio", fmt=".2f",
       expect=lambda v: abs(v - (1 - DROPOUT_P)) < 0.02)
def claim_vanilla_unscaled_ratio():
    """Σ mean vanilla output / Σ h: without the test-time scaling the test-time layer would be
    1 / (1 − p) times too large."""
    m = mask_means()
    return float(m.vanilla[1].sum() / m.h.sum())


# --- claims: the ensemble ------------------------------------------------------------------

@claim("losses_and_regularization.thinned_distance", fmt=".3f", expect=lambda v: v > claim_ensemble_gap())
def claim_thinned_distance():
    """How far one thinned net's probabilities are from the largest ensemble's (mean |p − p̄|)."""
    return float(ensemble_gaps().noise[0])


@claim("losses_and_regularization.ensemble_gap", fmt=".3f",
       expect=lambda v: 0 < v < 0.1 and v > 3 * claim_ensemble_noise())
def claim_ensemble_gap():
    """How far the scaled net is from the largest ensemble: closer than one thinned net, but not
    exact (several times the sampling noise left at that size)."""
    return float(ensemble_gaps().gap[-1])


@claim("losses_and_regularization.ensemble_noise", fmt=".4f", expect=lambda v: v < claim_ensemble_gap())
def claim_ensemble_noise():
    """Mean distance of the average of NOISE_ENSEMBLE thinned nets from that of the largest: sampling noise."""
    return float(ensemble_gaps().noise[-2])


@claim("losses_and_regularization.ensemble_equivalent", fmt="d", expect=lambda v: 1 < v < ENSEMBLE_SIZES[-2])
def claim_ensemble_equivalent():
    """The fewest thinned nets (of ENSEMBLE_SIZES) whose average is closer to the largest ensemble
    than the scaled net is."""
    g = ensemble_gaps()
    return next(k for k, noise in zip(ENSEMBLE_SIZES, g.noise) if noise < g.gap[-1])


@claim("losses_and_regularization.ensemble_agreement", fmt=".1%", expect=lambda v: v > 0.95)
def claim_ensemble_agreement():
    return ensemble_gaps().agreement


@claim("losses_and_regularization.ensemble_accuracy", fmt=".1%",
       expect=lambda v: abs(v - claim_scaled_accuracy()) < 0.02)
def claim_ensemble_accuracy():
    return ensemble_gaps().ensemble_accuracy


@claim("losses_and_regularization.scaled_accuracy", fmt=".1%", expect=lambda v: v > 0.9)
def claim_scaled_accuracy():
    return ensemble_gaps().scaled_accuracy
