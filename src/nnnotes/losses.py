"""Losses: each returns ``(loss, dscores)``, the mean over the batch and its gradient.

``loss`` is a Python float; ``dscores`` has the shape and dtype of the scores. Labels are
integer arrays of shape (N,); binary losses take labels in {0, 1} (the hinge maps them to
t = 2y − 1 in {−1, +1}).

Finite scores give a finite dscores, and a finite loss whenever every sample's loss fits in
the dtype (≤ 1.8e308 in float64): always for the binary losses (a sample's loss is at most
|s| + log 2); for softmax cross-entropy and the multiclass hinge unless a score exceeds the
true class's score by more than that, and for MSE unless a squared error does. Those
overflowing cases raise ValueError rather than return inf.

>>> import numpy as np
>>> loss, dscores = softmax_cross_entropy(np.zeros((2, 4)), np.array([0, 3]))
>>> round(loss, 4) == round(float(np.log(4)), 4)
True
>>> dscores
array([[-0.375,  0.125,  0.125,  0.125],
       [ 0.125,  0.125,  0.125, -0.375]])
"""

import numpy as np

from . import _checks
from .activations import _sigmoid


def _scores(scores, *, binary):
    """Check scores: (N, C) for multiclass losses, (N,) or (N, 1) for binary ones; N >= 1."""
    shape = "(N,) or (N, 1)" if binary else "(N, C)"
    arr = _checks.float_array(scores, "scores")
    ok = (arr.ndim == 1 or (arr.ndim == 2 and arr.shape[1] == 1)) if binary else arr.ndim == 2
    if not ok or arr.shape[0] == 0:
        raise ValueError(f"scores must be a float array of shape {shape} with N >= 1; got shape {arr.shape}")
    return arr


def _batch_mean(values):
    """Σ values / N over values of shape (N,) or (N, C), finite whenever the result is: when the
    sum overflows (values near the dtype's largest number), each value is divided by N first."""
    n = values.shape[0]
    with np.errstate(over="ignore"):
        total = values.sum()
    return total / n if np.isfinite(total) else (values / n).sum()


def _checked_loss(result, scores, name="scores"):
    """(loss, dscores) after checking the loss did not overflow (dscores is always finite)."""
    _checks.representable(result[0], name, "each sample's loss", scores.dtype)
    return result


def _softmax_cross_entropy(scores, y):
    n = scores.shape[0]
    rows = np.arange(n)
    with np.errstate(over="ignore"):  # only when s_max − s_c < −max: e^(−inf) = 0 is then exact
        shifted = scores - scores.max(axis=1, keepdims=True)  # largest entry 0: exp cannot overflow
    with np.errstate(under="ignore"):
        exp = np.exp(shifted)
    sum_exp = exp.sum(axis=1)
    loss = _batch_mean(np.log(sum_exp) - shifted[rows, y])
    dscores = exp / sum_exp[:, None]
    dscores[rows, y] -= 1
    dscores /= n
    return float(loss), dscores


def softmax_cross_entropy(scores, y):
    """L = (1/N) Σ_n [log Σ_c e^(s[n,c]) − s[n, y_n]], with the log-sum-exp shifted by max_c s[n,c].

    Derivative: ∂L/∂s[n,c] = (softmax(s[n])_c − [c = y_n]) / N.
    scores : ndarray of shape (N, C).  y : int ndarray of shape (N,), values in [0, C).
    Returns loss (float) and dscores of shape (N, C).
    """
    scores = _scores(scores, binary=False)
    y = _checks.labels(y, "y", scores.shape[0], classes=scores.shape[1])
    return _checked_loss(_softmax_cross_entropy(scores, y), scores)


def _binary_cross_entropy_with_logits(logits, y):
    s = logits.reshape(-1)
    t = y.astype(s.dtype)
    # log(1 + e^s) − s·t written as max(s, 0) − s·t + log(1 + e^(−|s|)): no overflow
    with np.errstate(under="ignore"):
        loss = _batch_mean(np.maximum(s, 0) - s * t + np.log1p(np.exp(-np.abs(s))))  # each ≤ |s| + log 2
    dlogits = (_sigmoid(s)[0] - t) / s.shape[0]
    return float(loss), dlogits.reshape(logits.shape)


def binary_cross_entropy_with_logits(logits, y):
    """L = (1/N) Σ_n [log(1 + e^(s_n)) − y_n·s_n] = −(1/N) Σ_n [y_n log σ(s_n) + (1 − y_n) log(1 − σ(s_n))].

    Derivative: ∂L/∂s_n = (σ(s_n) − y_n) / N.
    logits : ndarray of shape (N,) or (N, 1).  y : int ndarray of shape (N,), values in {0, 1}.
    Returns loss (float) and dlogits of the logits' shape.
    """
    logits = _scores(logits, binary=True)
    y = _checks.labels(y, "y", logits.shape[0], classes=2)
    return _binary_cross_entropy_with_logits(logits, y)


def _binary_hinge(scores, y):
    s = scores.reshape(-1)
    t = (2 * y - 1).astype(s.dtype)
    margin = 1 - t * s
    loss = _batch_mean(np.maximum(margin, 0))  # each margin ≤ 1 + |s|: no overflow
    dscores = -t * (margin > 0) / s.shape[0]
    return float(loss), dscores.reshape(scores.shape)


def binary_hinge(scores, y):
    """L = (1/N) Σ_n max(0, 1 − t_n·s_n) with t_n = 2y_n − 1 ∈ {−1, +1}.

    Derivative: ∂L/∂s_n = −t_n / N where the margin is violated (1 − t_n·s_n > 0), else 0.
    scores : ndarray of shape (N,) or (N, 1).  y : int ndarray of shape (N,), values in {0, 1}.
    Returns loss (float) and dscores of the scores' shape.
    """
    scores = _scores(scores, binary=True)
    y = _checks.labels(y, "y", scores.shape[0], classes=2)
    return _binary_hinge(scores, y)


def _multiclass_hinge(scores, y):
    n = scores.shape[0]
    rows = np.arange(n)
    with np.errstate(over="ignore"):  # a margin beyond the dtype's range: the public function raises
        margins = np.maximum(scores - scores[rows, y][:, None] + 1, 0)
    margins[rows, y] = 0
    violated = (margins > 0).astype(scores.dtype)
    violated[rows, y] = -violated.sum(axis=1)
    return float(_batch_mean(margins)), violated / n


def multiclass_hinge(scores, y):
    """Multiclass SVM (Weston–Watkins): L = (1/N) Σ_n Σ_{c ≠ y_n} max(0, s[n,c] − s[n,y_n] + 1).

    Derivative: ∂L/∂s[n,c] = [margin c violated] / N for c ≠ y_n, and
    ∂L/∂s[n,y_n] = −(number of violated margins of sample n) / N.
    scores : ndarray of shape (N, C).  y : int ndarray of shape (N,), values in [0, C).
    Returns loss (float) and dscores of shape (N, C).
    """
    scores = _scores(scores, binary=False)
    y = _checks.labels(y, "y", scores.shape[0], classes=scores.shape[1])
    return _checked_loss(_multiclass_hinge(scores, y), scores)


def _mse(preds, targets):
    with np.errstate(over="ignore"):  # a squared error beyond the dtype's range: the public function raises
        diff = preds - targets.reshape(preds.shape)
        loss = _batch_mean(diff * diff)
    return float(loss), diff * (2 / preds.shape[0])


def mse(preds, targets):
    """Squared error summed over outputs, averaged over the batch: L = (1/N) Σ_n ‖p_n − t_n‖².

    Derivative: ∂L/∂p = 2(p − t) / N.
    preds : ndarray of shape (N,) or (N, K).  targets : ndarray of preds' shape, or (N,) when K = 1.
    Returns loss (float) and dpreds of preds' shape.
    """
    preds = _checks.float_array(preds, "preds")
    if preds.ndim not in (1, 2) or preds.shape[0] == 0:
        raise ValueError(f"preds must be a float array of shape (N,) or (N, K) with N >= 1; got shape {preds.shape}")
    targets = _checks.float_array(targets, "targets", dtype=preds.dtype, like="preds")
    if targets.shape != preds.shape and not (preds.shape[1:] == (1,) and targets.shape == preds.shape[:1]):
        raise ValueError(f"targets must have preds' shape {preds.shape}; got shape {targets.shape}")
    return _checked_loss(_mse(preds, targets), preds, "preds")


def _l2_penalty(weights, reg):
    loss = 0.5 * reg * sum(float(np.vdot(w, w)) for w in weights.values())
    return loss, {name: reg * w for name, w in weights.items()}


def l2_penalty(weights, reg):
    """R = (reg / 2) Σ_W Σ_ij W_ij², summed over every array in ``weights``.  Derivative: ∂R/∂W = reg·W.

    weights : mapping name -> ndarray of any shape.  reg : float ≥ 0.
    Returns R (float) and a dict name -> gradient of the same shape.

    >>> l2_penalty({"W1": np.array([[1.0, 2.0]])}, reg=0.1)
    (0.25, {'W1': array([[0.1, 0.2]])})
    """
    _checks.mapping(weights, "weights")
    reg = _checks.real(reg, "reg", low=0)
    checked = {name: _checks.float_array(w, f"weights[{name!r}]") for name, w in weights.items()}
    return _l2_penalty(checked, reg)


# name -> (checked, unchecked); every entry maps (scores, targets) to (loss, dscores)
_LOSSES = {
    "softmax_cross_entropy": (softmax_cross_entropy, _softmax_cross_entropy),
    "binary_cross_entropy": (binary_cross_entropy_with_logits, _binary_cross_entropy_with_logits),
    "binary_hinge": (binary_hinge, _binary_hinge),
    "multiclass_hinge": (multiclass_hinge, _multiclass_hinge),
    "mse": (mse, _mse),
}
LOSSES = tuple(_LOSSES)


def get_loss(name):
    """Return the loss function called ``name``: one of the names in ``LOSSES``."""
    return _LOSSES[_checks.choice(name, "loss", LOSSES)][0]
