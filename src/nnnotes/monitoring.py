"""What to watch while a net trains: dead ReLU units, activation statistics, gradient norms,
and how such a per-layer quantity changes from layer to layer.

>>> import numpy as np
>>> dead_fraction(np.array([[-1.0, 2.0], [-3.0, -1.0]]))   # unit 0 is never positive
0.5
>>> factor_toward_output([1.0, 0.5, 0.25]), factor_toward_input([1.0, 0.5, 0.25])
(0.5, 2.0)
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


def _profile(values):
    v = _checks.float_array(values, "values", ndim=1, shape="(L,)").astype(np.float64)
    if v.size < 2:
        raise ValueError(f"values must have one entry per layer, at least 2; got shape {v.shape}")
    if not (v > 0).all():
        raise ValueError(f"values must be positive (a norm or a standard deviation per layer); got {v.min():g}")
    return v


def factor_toward_output(values):
    """The mean factor by which a per-layer quantity changes from one layer to the next one up:
    the geometric mean of values[l+1] / values[l], which is (values[L−1] / values[0])^(1/(L−1)).

    values : positive ndarray of shape (L,), L ≥ 2, one entry per layer from the input side
    (e.g. each hidden layer's activation std). Above 1 the quantity grows toward the output.
    """
    v = _profile(values)
    return float((v[-1] / v[0]) ** (1 / (v.size - 1)))


def factor_toward_input(values):
    """The mean factor by which a per-layer quantity changes from one layer to the next one down:
    the geometric mean of values[l] / values[l+1], which is (values[0] / values[L−1])^(1/(L−1)),
    the reciprocal of ``factor_toward_output``.

    values : positive ndarray of shape (L,), L ≥ 2, one entry per layer from the input side
    (e.g. each hidden layer's ‖∂L/∂b‖). Below 1 a gradient shrinks on its way down to the input.
    """
    v = _profile(values)
    return float((v[0] / v[-1]) ** (1 / (v.size - 1)))


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
