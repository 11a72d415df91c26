"""How a trained classifier does: its accuracy on a data set, its scores over a patch of the plane.

>>> import numpy as np
>>> from nnnotes.model import MLP
>>> net = MLP([2, 1], rng=np.random.default_rng(0))
>>> net.params["W1"][:] = [[1.0], [0.0]]          # class 1 where x₁ > 0
>>> accuracy(net, np.array([[1.0, 0.0], [-1.0, 3.0], [2.0, -5.0], [-2.0, 0.0]]), np.array([1, 0, 0, 0]))
0.75
"""

import numpy as np

from . import _checks


def _classifier(net, method):
    if not callable(getattr(net, method, None)):
        raise TypeError(f"net must be a classifier with a {method} method (an MLP); got {type(net).__name__}")
    return net


def accuracy(net, X, y):
    """Fraction of the rows of X whose class ``net.predict`` gives is the label in y.

    net : an MLP (anything with ``predict``).  X : ndarray of shape (N, D), N ≥ 1.
    y : int ndarray of shape (N,). Returns a float in [0, 1].
    """
    predicted = _classifier(net, "predict").predict(X)  # checks X against the net
    if len(predicted) == 0:
        raise ValueError("X must have at least one row (sample); got none")
    y = _checks.labels(y, "y", len(predicted), like="X")
    return float(np.mean(predicted == y))


def decision_grid(net, extent, n=150):
    """The net's scores on an n × n grid of the plane, for drawing its decision regions.

    net : an MLP with 2 inputs (anything with ``forward(x, train=False)``).
    extent : (x_min, x_max, y_min, y_max), with x_min < x_max and y_min < y_max.  n : int ≥ 2.
    Returns (xs, ys, scores): xs and ys of shape (n,), evenly spaced over the extent, and
    scores of shape (n, n, C) with scores[i, j] the output for the point (xs[j], ys[i]).
    """
    _classifier(net, "forward")
    if not isinstance(extent, (tuple, list, np.ndarray)) or len(extent) != 4:
        raise TypeError(f"extent must be (x_min, x_max, y_min, y_max); got {extent!r}")
    x_range = _checks.interval(extent[:2], "extent[0:2] (x_min, x_max)")
    y_range = _checks.interval(extent[2:], "extent[2:4] (y_min, y_max)")
    n = _checks.positive_int(n, "n", minimum=2)
    xs = np.linspace(*x_range, n)
    ys = np.linspace(*y_range, n)
    gx, gy = np.meshgrid(xs, ys)
    points = np.column_stack([gx.ravel(), gy.ravel()]).astype(getattr(net, "dtype", np.float64))
    scores = net.forward(points, train=False)
    return xs, ys, scores.reshape(n, n, -1)
