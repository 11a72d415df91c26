"""Losses: each returns ``(loss, dscores)``, the mean over the batch and its gradient.

``loss`` is a Python float; ``dscores`` has the shape and dtype of the scores. Labels are
integer arrays of shape (N,); binary losses take labels in {0, 1} (the hinge maps them to
t = 2y − 1 in {−1, +1}); the multi-label loss takes a 0/1 array of shape (N, C), one column
per label. Regression losses (MSE, MAE, Huber) take float targets. Penalties on the weights
(L2, L1, elastic net) return ``(R, grads)`` with one gradient per weight array.

Finite scores give a finite dscores, and a finite loss whenever every sample's loss fits in
the dtype (≤ 1.8e308 in float64): always for the binary losses (a sample's loss is at most
|s| + log 2); for softmax cross-entropy and the multiclass hinge unless a score exceeds the
true class's score by more than that, for the squared hinge unless a squared margin does,
for the multi-label loss unless a sample's sum over labels does, and for the regression
losses unless an error (squared for MSE) does. Those overflowing cases raise ValueError
rather than return inf.

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


def _scores(scores, *, binary, name="scores"):
    """Check scores: (N, C) for multiclass losses, (N,) or (N, 1) for binary ones; N >= 1."""
    shape = "(N,) or (N, 1)" if binary else "(N, C)"
    arr = _checks.float_array(scores, name)
    ok = (arr.ndim == 1 or (arr.ndim == 2 and arr.shape[1] == 1)) if binary else arr.ndim == 2
    if not ok or arr.shape[0] == 0:
        raise ValueError(f"{name} must be a float array of shape {shape} with N >= 1; got shape {arr.shape}")
    return arr


def _batch_mean(values):
    """Σ values / N over values of shape (N,) or (N, C), finite whenever the result is: when the
    sum overflows (values near the dtype's largest number), each value is divided by N first."""
    n = values.shape[0]
    with np.errstate(over="ignore"):  # a mean beyond the dtype's range gives inf: the public function raises
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


def _sigmoid_cross_entropy(s, t):
    """Per entry log(1 + e^s) − s·t, each ≤ |s| + log 2, and its slope σ(s) − t; s and t of one shape."""
    # written as max(s, 0) − s·t + log(1 + e^(−|s|)): no overflow
    with np.errstate(under="ignore"):
        loss = np.maximum(s, 0) - s * t + np.log1p(np.exp(-np.abs(s)))
    return loss, _sigmoid(s)[0] - t


def _binary_cross_entropy_with_logits(logits, y):
    s = logits.reshape(-1)
    loss, slope = _sigmoid_cross_entropy(s, y.astype(s.dtype))
    return float(_batch_mean(loss)), (slope / s.shape[0]).reshape(logits.shape)


def binary_cross_entropy_with_logits(logits, y):
    """L = (1/N) Σ_n [log(1 + e^(s_n)) − y_n·s_n] = −(1/N) Σ_n [y_n log σ(s_n) + (1 − y_n) log(1 − σ(s_n))].

    Derivative: ∂L/∂s_n = (σ(s_n) − y_n) / N.
    logits : ndarray of shape (N,) or (N, 1).  y : int ndarray of shape (N,), values in {0, 1}.
    Returns loss (float) and dlogits of the logits' shape.
    """
    logits = _scores(logits, binary=True, name="logits")
    y = _checks.labels(y, "y", logits.shape[0], classes=2, like="the logits")
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


def _multiclass_margins(scores, y, *, squared):
    """Σ_{c ≠ y_n} max(0, s[n,c] − s[n,y_n] + 1), each term squared or not, averaged over n; and dscores."""
    n = scores.shape[0]
    rows = np.arange(n)
    with np.errstate(over="ignore"):  # a margin beyond the dtype's range: the public function raises
        margins = np.maximum(scores - scores[rows, y][:, None] + 1, 0)
        margins[rows, y] = 0
        slopes = 2 * margins if squared else (margins > 0).astype(scores.dtype)
        slopes[rows, y] = -slopes.sum(axis=1)
        loss = _batch_mean(margins * margins if squared else margins)
    return float(loss), slopes / n


def _multiclass_hinge(scores, y):
    return _multiclass_margins(scores, y, squared=False)


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


def _multiclass_squared_hinge(scores, y):
    return _multiclass_margins(scores, y, squared=True)


def multiclass_squared_hinge(scores, y):
    """Squared hinge (the L2-SVM): L = (1/N) Σ_n Σ_{c ≠ y_n} max(0, s[n,c] − s[n,y_n] + Δ)², Δ = 1.

    Δ is 1 as in ``multiclass_hinge``: with a weight penalty, scaling the weights (the scores)
    trades Δ off against the penalty's strength, so other values add nothing. Unlike the hinge,
    a margin violated by m costs m², so large violations dominate, and the loss has no kink at
    m = 0 (its slope 2m is 0 there too).
    Derivative: ∂L/∂s[n,c] = 2·max(0, s[n,c] − s[n,y_n] + 1) / N for c ≠ y_n, and
    ∂L/∂s[n,y_n] = −(sum of the other entries of row n).
    scores : ndarray of shape (N, C).  y : int ndarray of shape (N,), values in [0, C).
    Returns loss (float) and dscores of shape (N, C).
    """
    scores = _scores(scores, binary=False)
    y = _checks.labels(y, "y", scores.shape[0], classes=scores.shape[1])
    return _checked_loss(_multiclass_squared_hinge(scores, y), scores)


def _multilabel_cross_entropy_with_logits(logits, y):
    loss, slope = _sigmoid_cross_entropy(logits, y.astype(logits.dtype))
    return float(_batch_mean(loss)), slope / logits.shape[0]


def multilabel_cross_entropy_with_logits(logits, y):
    """Multi-label (attribute) loss: an independent binary cross-entropy for each of C labels,
    summed over labels and averaged over the batch:

    L = −(1/N) Σ_n Σ_c [y[n,c] log σ(s[n,c]) + (1 − y[n,c]) log(1 − σ(s[n,c]))]
      = (1/N) Σ_n Σ_c [log(1 + e^(s[n,c])) − y[n,c]·s[n,c]],
    computed as in ``binary_cross_entropy_with_logits``, stable for any finite logit.
    A sample may have any number of labels set (softmax would force exactly one).
    Derivative: ∂L/∂s[n,c] = (σ(s[n,c]) − y[n,c]) / N.
    logits : ndarray of shape (N, C).  y : int ndarray of shape (N, C), values in {0, 1}.
    Returns loss (float) and dlogits of shape (N, C).
    """
    logits = _scores(logits, binary=False, name="logits")
    y = _checks.binary_labels(y, "y", logits.shape)
    return _checked_loss(_multilabel_cross_entropy_with_logits(logits, y), logits, "logits")


def _regression(preds, targets):
    """Check preds (N,) or (N, K), N ≥ 1, and targets of preds' shape (or (N,) when K = 1) and dtype."""
    preds = _checks.float_array(preds, "preds")
    if preds.ndim not in (1, 2) or preds.shape[0] == 0:
        raise ValueError(f"preds must be a float array of shape (N,) or (N, K) with N >= 1; got shape {preds.shape}")
    targets = _checks.float_array(targets, "targets", dtype=preds.dtype, like="preds")
    if targets.shape != preds.shape and not (preds.shape[1:] == (1,) and targets.shape == preds.shape[:1]):
        raise ValueError(f"targets must have preds' shape {preds.shape}; got shape {targets.shape}")
    return preds, targets


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
    preds, targets = _regression(preds, targets)
    return _checked_loss(_mse(preds, targets), preds, "preds")


def _mae(preds, targets):
    with np.errstate(over="ignore"):  # an error beyond the dtype's range: the public function raises
        diff = preds - targets.reshape(preds.shape)
        loss = _batch_mean(np.abs(diff))
    return float(loss), np.sign(diff) / preds.shape[0]


def mae(preds, targets):
    """The L1 loss: absolute error summed over outputs, averaged over the batch,
    L = (1/N) Σ_n ‖p_n − t_n‖₁ = (1/N) Σ_n Σ_k |p[n,k] − t[n,k]|.

    Derivative: ∂L/∂p = sign(p − t) / N, with sign(0) = 0 where p = t (|·| has no derivative
    there; 0 is the subgradient that leaves an exact fit alone). Every error pulls with the
    same force 1/N however large it is, so an outlier moves the fit less than under MSE.
    preds : ndarray of shape (N,) or (N, K).  targets : ndarray of preds' shape, or (N,) when K = 1.
    Returns loss (float) and dpreds of preds' shape.
    """
    preds, targets = _regression(preds, targets)
    return _checked_loss(_mae(preds, targets), preds, "preds")


def _huber(preds, targets, delta=1.0):
    with np.errstate(over="ignore"):  # an error beyond the dtype's range: the public function raises
        r = preds - targets.reshape(preds.shape)
        a = np.minimum(np.abs(r), delta)
        loss = _batch_mean(a * (np.abs(r) - a / 2))  # r²/2 where |r| ≤ δ, else δ(|r| − δ/2)
    return float(loss), np.clip(r, -delta, delta) / preds.shape[0]


def huber(preds, targets, delta=1.0):
    """Huber loss, summed over outputs and averaged over the batch: L = (1/N) Σ_n Σ_k h(p[n,k] − t[n,k]),
    h(r) = r²/2 for |r| ≤ δ and δ(|r| − δ/2) beyond: quadratic near 0, linear for outliers.

    With δ ≥ every |r| it is MSE / 2; h(r)/δ → |r| as δ → 0 (MAE). h is continuously
    differentiable, so it has no kink at 0 as MAE does.
    Derivative: ∂L/∂p = clip(p − t, −δ, δ) / N.
    preds : ndarray of shape (N,) or (N, K).  targets : ndarray of preds' shape, or (N,) when K = 1.
    delta : float > 0, where the quadratic part turns linear.
    Returns loss (float) and dpreds of preds' shape.
    """
    preds, targets = _regression(preds, targets)
    delta = _checks.real(delta, "delta", low=0, low_open=True)
    return _checked_loss(_huber(preds, targets, delta), preds, "preds")


def _weights(weights):
    """Check a penalty's weights: a mapping name -> finite float array."""
    _checks.mapping(weights, "weights")
    return {name: _checks.float_array(w, f"weights[{name!r}]") for name, w in weights.items()}


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
    return _l2_penalty(_weights(weights), _checks.real(reg, "reg", low=0))


def _l1_penalty(weights, reg):
    loss = reg * sum(float(np.abs(w).sum()) for w in weights.values())
    return loss, {name: reg * np.sign(w) for name, w in weights.items()}


def l1_penalty(weights, reg):
    """R = reg Σ_W Σ_ij |W_ij|, summed over every array in ``weights``.

    Derivative (a subgradient at 0): ∂R/∂W = reg·sign(W), with sign(0) = 0. The pull toward 0
    has the same size reg for every weight, small or large (L2's reg·W fades as W shrinks),
    so gradient steps push unhelpful weights to about 0: sparse weights. With a step size lr a
    weight at 0 then oscillates within about ±lr·reg instead of sitting exactly at 0.
    weights : mapping name -> ndarray of any shape.  reg : float ≥ 0.
    Returns R (float) and a dict name -> subgradient of the same shape.

    >>> l1_penalty({"W1": np.array([[1.0, -2.0, 0.0]])}, reg=0.5)
    (1.5, {'W1': array([[ 0.5, -0.5,  0. ]])})
    """
    return _l1_penalty(_weights(weights), _checks.real(reg, "reg", low=0))


def _elastic_net_penalty(weights, l1, l2):
    r1, g1 = _l1_penalty(weights, l1)
    r2, g2 = _l2_penalty(weights, l2)
    return r1 + r2, {name: g1[name] + g2[name] for name in weights}


def elastic_net_penalty(weights, l1, l2):
    """Elastic net: R = l1 Σ|W_ij| + (l2 / 2) Σ W_ij², the sum of ``l1_penalty`` and ``l2_penalty``.

    Derivative (a subgradient at 0): ∂R/∂W = l1·sign(W) + l2·W.
    weights : mapping name -> ndarray of any shape.  l1, l2 : floats ≥ 0.
    Returns R (float) and a dict name -> subgradient of the same shape.
    """
    return _elastic_net_penalty(_weights(weights), _checks.real(l1, "l1", low=0), _checks.real(l2, "l2", low=0))


# name -> (checked, unchecked); every entry maps (scores, targets) to (loss, dscores)
_LOSSES = {
    "softmax_cross_entropy": (softmax_cross_entropy, _softmax_cross_entropy),
    "binary_cross_entropy": (binary_cross_entropy_with_logits, _binary_cross_entropy_with_logits),
    "binary_hinge": (binary_hinge, _binary_hinge),
    "multiclass_hinge": (multiclass_hinge, _multiclass_hinge),
    "mse": (mse, _mse),
    "multiclass_squared_hinge": (multiclass_squared_hinge, _multiclass_squared_hinge),
    "multilabel_cross_entropy": (multilabel_cross_entropy_with_logits, _multilabel_cross_entropy_with_logits),
    "mae": (mae, _mae),
    "huber": (huber, _huber),
}
LOSSES = tuple(_LOSSES)


def get_loss(name):
    """Return the loss function called ``name``: one of the names in ``LOSSES``."""
    return _LOSSES[_checks.choice(name, "loss", LOSSES)][0]
