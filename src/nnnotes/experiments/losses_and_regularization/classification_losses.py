"""The multiclass SVM and softmax cross-entropy on the same class scores.

Three classes, the correct one first. ``score_sweep`` moves the correct class's score with
the other two fixed (CS231n's cat example: cat 3.2, car 5.1, frog −1.7, correct class cat);
``scale_sweep`` multiplies every score of a correctly classified sample by k, as larger
weights would. Both record, for each loss, the loss of that one sample and its derivative
with respect to the correct class's score. ``naive_softmax`` skips the shift by the largest
score, to find the score at which ``exp`` overflows.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ...losses import get_loss
from ..claims import claim, listed, setting
from ..shared import shared

LOSS_NAMES = ("multiclass_hinge", "multiclass_squared_hinge", "softmax_cross_entropy")

# the correct class's score moves over SWEEP_RANGE; the other two stay at OTHER_SCORES
OTHER_SCORES = setting("losses_and_regularization.other_scores", (5.1, -1.7), fmt=listed("g"))
CAT_SCORE = 3.2  # the correct score of CS231n's example: only the car violates the margin
SWEEP_RANGE = setting("losses_and_regularization.sweep_range", (-1.0, 11.0), fmt=listed("g", "[]"))
SWEEP_POINTS = 1201  # a grid step of 0.01
# every score of BASE_SCORES (correct class first) is multiplied by k in [0, SCALE_MAX]
BASE_SCORES = setting("losses_and_regularization.base_scores", (1.0, -2.0, 0.0), fmt=listed("g", "()"))
SCALE_MAX = setting("losses_and_regularization.scale_max", 4.0, fmt="g")
SCALE_POINTS = 401


@dataclass(frozen=True)
class Sweep:
    """Losses of one sample over a grid of K variants of its scores (correct class 0).

    x : ndarray (K,), the swept quantity.  scores : ndarray (K, C), the scores at each x.
    loss, grad : dict loss name -> ndarray (K,), the loss and ∂loss/∂s_correct at each x.
    probs : ndarray (K, C), the softmax probabilities.
    """

    x: np.ndarray
    scores: np.ndarray
    loss: dict
    grad: dict
    probs: np.ndarray

    def first_zero(self, name):
        """The first x from which the loss ``name`` and its derivative are exactly 0 to the grid's end."""
        zero = (self.loss[name] == 0) & (self.grad[name] == 0)
        if not zero[-1]:
            raise ValueError(f"{name} is not 0 at the end of the sweep")
        return float(self.x[len(zero) - np.argmin(zero[::-1])]) if not zero.all() else float(self.x[0])

    def at(self, x):
        """The index of the grid point nearest x."""
        return int(np.argmin(np.abs(self.x - x)))


def sample_losses(scores):
    """Each loss of LOSS_NAMES for each row of ``scores`` (K, C) as its own sample, correct class 0.

    Returns (loss, grad): dicts loss name -> ndarray (K,) of the loss and of ∂loss/∂s_0.
    """
    y = np.zeros(1, dtype=np.int64)
    loss, grad = {}, {}
    for name in LOSS_NAMES:
        results = [get_loss(name)(row[None, :], y) for row in scores]
        loss[name] = np.array([value for value, _ in results])
        grad[name] = np.array([dscores[0, 0] for _, dscores in results])
    return loss, grad


def softmax(scores):
    """Row-wise softmax of (K, C) scores, shifted by each row's largest score."""
    exp = np.exp(scores - scores.max(axis=1, keepdims=True))
    return exp / exp.sum(axis=1, keepdims=True)


def _sweep(x, scores):
    loss, grad = sample_losses(scores)
    return Sweep(x, scores, loss, grad, softmax(scores))


@shared
def score_sweep():
    """The correct class's score over SWEEP_RANGE, the other two at OTHER_SCORES."""
    x = np.linspace(*SWEEP_RANGE, SWEEP_POINTS)
    return _sweep(x, np.column_stack([x, *(np.full_like(x, s) for s in OTHER_SCORES)]))


@shared
def scale_sweep():
    """k · BASE_SCORES for k over [0, SCALE_MAX]."""
    k = np.linspace(0, SCALE_MAX, SCALE_POINTS)
    return _sweep(k, k[:, None] * np.array(BASE_SCORES))


def naive_softmax(scores):
    """Softmax of a score vector without the shift: e^s / Σ e^s (overflows for large scores)."""
    with np.errstate(over="ignore", invalid="ignore"):
        exp = np.exp(scores)
        return exp / exp.sum()


def overflow_score(dtype):
    """The smallest integer score s for which ``naive_softmax([s, 0])`` in ``dtype`` is not finite."""
    s = 1
    while np.all(np.isfinite(naive_softmax(np.array([s, 0], dtype=dtype)))):
        s += 1
    return s


# --- the correct class's score moves ---------------------------------------------------------

@claim("losses_and_regularization.hinge_zero_from", fmt=".1f",
       expect=lambda v: abs(v - (max(OTHER_SCORES) + 1)) < 0.015)
def hinge_zero_from():
    return score_sweep().first_zero("multiclass_hinge")


@claim("losses_and_regularization.squared_hinge_zero_from", fmt=".1f",
       expect=lambda v: abs(v - (max(OTHER_SCORES) + 1)) < 0.015)
def squared_hinge_zero_from():
    return score_sweep().first_zero("multiclass_squared_hinge")


@claim("losses_and_regularization.hinge_grad_both_violated", fmt="g", expect=lambda v: v == -2)
def hinge_grad_both_violated():
    """∂L/∂s_correct of the hinge at the sweep's start, where both other classes violate the margin."""
    return float(score_sweep().grad["multiclass_hinge"][0])


@claim("losses_and_regularization.hinge_grad_one_violated", fmt="g", expect=lambda v: v == -1)
def hinge_grad_one_violated():
    """∂L/∂s_correct of the hinge at CAT_SCORE, where only the car violates the margin."""
    sweep = score_sweep()
    return float(sweep.grad["multiclass_hinge"][sweep.at(CAT_SCORE)])


@claim("losses_and_regularization.softmax_loss_at_margin", fmt=".2f", expect=lambda v: 0.1 < v < 1)
def softmax_loss_at_margin():
    sweep = score_sweep()
    return float(sweep.loss["softmax_cross_entropy"][sweep.at(hinge_zero_from())])


@claim("losses_and_regularization.softmax_grad_at_margin", fmt=".2f", expect=lambda v: -0.5 < v < -0.1)
def softmax_grad_at_margin():
    sweep = score_sweep()
    return float(sweep.grad["softmax_cross_entropy"][sweep.at(hinge_zero_from())])


@claim("losses_and_regularization.softmax_grad_end", fmt=".4f", expect=lambda v: -0.01 < v < 0)
def softmax_grad_end():
    return float(score_sweep().grad["softmax_cross_entropy"][-1])


@claim("losses_and_regularization.softmax_loss_end", fmt=".4f", expect=lambda v: 0 < v < 0.01)
def softmax_loss_end():
    return float(score_sweep().loss["softmax_cross_entropy"][-1])


# --- every score scaled by k ----------------------------------------------------------------

@claim("losses_and_regularization.scale_hinge_zero", fmt=".2f", expect=lambda v: abs(v - 1) < 0.011)
def scale_hinge_zero():
    """The first k from which k·BASE_SCORES meets every margin: k·(s_0 − max other) ≥ 1."""
    return scale_sweep().first_zero("multiclass_hinge")


def _correct_probability(k):
    sweep = scale_sweep()
    return float(sweep.probs[sweep.at(k), 0])


@claim("losses_and_regularization.prob_half", fmt=".2f", expect=lambda v: 0.5 < v < 0.6)
def prob_half():
    return _correct_probability(0.5)


@claim("losses_and_regularization.prob_one", fmt=".2f", expect=lambda v: 0.65 < v < 0.75)
def prob_one():
    return _correct_probability(1.0)


@claim("losses_and_regularization.prob_max", fmt=".3f", expect=lambda v: 0.95 < v < 1)
def prob_max():
    return _correct_probability(SCALE_MAX)


@claim("losses_and_regularization.scale_softmax_loss_max", fmt=".3f", expect=lambda v: 0 < v < 0.05)
def scale_softmax_loss_max():
    return float(scale_sweep().loss["softmax_cross_entropy"][-1])


# --- where exp overflows --------------------------------------------------------------------

@claim("losses_and_regularization.log_max_float64", fmt=".2f", expect=lambda v: 709 < v < 710)
def log_max_float64():
    return float(np.log(np.finfo(np.float64).max))


@claim("losses_and_regularization.overflow_float64", fmt="d", expect=lambda v: v == 710)
def overflow_float64():
    return overflow_score(np.float64)


@claim("losses_and_regularization.overflow_float32", fmt="d", expect=lambda v: v == 89)
def overflow_float32():
    return overflow_score(np.float32)
