"""What to watch while a net trains: dead ReLU units, activation statistics, gradient norms.

>>> import numpy as np
>>> dead_fraction(np.array([[-1.0, 2.0], [-3.0, -1.0]]))   # unit 0 is never positive
0.5
"""

from dataclasses import dataclass

import numpy as np

from . import _checks


def dead_fraction(pre_activation):
    """Fraction of units whose pre-activation is ≤ 0 for every sample: a ReLU unit in that
    state outputs 0 and passes no gradient on the whole data set.

    pre_activation : ndarray of shape (N, H), N ≥ 1. Returns a float in [0, 1].
    """
    z = _checks.float_array(pre_activation, "pre_activation", ndim=2, shape="(N, H)")
    return _dead_fraction(_checks.at_least_one_row(z, "pre_activation"))


def _dead_fraction(z):
    return float(np.mean(z.max(axis=0) <= 0))


def activation_histogram(activations, bins=50, value_range=None):
    """Histogram of every entry of one layer's activations.

    activations : ndarray of shape (N, H).  bins : int ≥ 1.
    value_range : (low, high), finite with low < high, or None for the data's range.
    Returns counts, int ndarray of shape (bins,), and edges, ndarray of shape (bins + 1,).
    """
    a = _checks.float_array(activations, "activations", ndim=2, shape="(N, H)")
    bins = _checks.positive_int(bins, "bins")
    value_range = None if value_range is None else _checks.interval(value_range, "value_range")
    return np.histogram(a, bins=bins, range=value_range)


def gradient_norms(grads):
    """The Frobenius norm ‖g‖ = √(Σ g²) of each gradient.

    grads : mapping name -> ndarray. Returns a dict name -> float.
    """
    grads = _checks.mapping(grads, "grads")
    return {name: float(np.linalg.norm(_checks.float_array(g, f"grads[{name!r}]"))) for name, g in grads.items()}


@dataclass(frozen=True)
class LayerStatistics:
    """One hidden layer on a data set: mean and std of its activations (all entries) and
    the fraction of dead units (pre-activation ≤ 0 on every sample)."""

    mean: float
    std: float
    dead_fraction: float


def layer_statistics(model, X):
    """LayerStatistics of each hidden layer of ``model`` (an MLP) on X, in evaluation mode.

    X : ndarray of shape (N, D), N ≥ 1. Returns a list with one LayerStatistics per hidden layer.
    """
    if not callable(getattr(model, "hidden_layers", None)):
        raise TypeError(f"model must be an MLP (a model with hidden_layers); got {type(model).__name__}")
    layers = model.hidden_layers(X)  # checks X against the model
    _checks.at_least_one_row(np.asarray(X), "X")
    return [_statistics(z, a) for z, a in layers]


def _statistics(pre_activation, activation):
    return LayerStatistics(float(activation.mean()), float(activation.std()), _dead_fraction(pre_activation))
