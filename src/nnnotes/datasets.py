"""Small classification sets, a 1-D regression sampler and a stand-in for MNIST, drawn from ``rng``.

Classification sets return X, a float64 ndarray of shape (N, 2) (N, F for ``digit_standin``),
and y, an int ndarray of shape (N,) with labels 0 … K − 1. ``noise`` is the standard deviation of Gaussian noise
added to the coordinates (in radians of angle for ``spirals``).

>>> import numpy as np
>>> X, y = xor(4, noise=0.0, rng=np.random.default_rng(0))
>>> X, y
(array([[-1., -1.],
       [-1.,  1.],
       [ 1., -1.],
       [ 1.,  1.]]), array([0, 1, 1, 0]))
"""

import numpy as np

from . import _checks

# the four corners in truth-table order: label 1 where the two signs differ
_CORNERS = np.array([[-1.0, -1.0], [-1.0, 1.0], [1.0, -1.0], [1.0, 1.0]])


def _common(n_samples, noise, rng):
    return (
        _checks.positive_int(n_samples, "n_samples"),
        _checks.real(noise, "noise", low=0),
        _checks.generator(rng),
    )


def _per_class(n_samples, n_classes):
    """Class labels 0, 0, …, 1, 1, …: n_samples split as evenly as possible."""
    n_classes = _checks.positive_int(n_classes, "n_classes", minimum=2)
    if n_samples < n_classes:
        raise ValueError(f"n_samples must be >= n_classes = {n_classes}; got {n_samples}")
    return np.arange(n_samples) * n_classes // n_samples


def xor(n_samples=200, *, noise=0.2, rng):
    """Points around the corners (±1, ±1), taken in turn; y = 1 where the coordinates' signs differ.

    With n_samples = 4 and noise = 0 this is the XOR truth table on {−1, 1}².
    """
    n_samples, noise, rng = _common(n_samples, noise, rng)
    corner = np.arange(n_samples) % 4
    X = _CORNERS[corner] + noise * rng.standard_normal((n_samples, 2))
    return X, np.array([0, 1, 1, 0])[corner]


def spirals(n_samples=300, *, n_classes=3, noise=0.2, rng):
    """K interleaved spiral arms: arm k has radius r ∈ [0, 1] and angle 4r + 2πk/K + noise·N(0, 1)."""
    n_samples, noise, rng = _common(n_samples, noise, rng)
    y = _per_class(n_samples, n_classes)
    r = np.concatenate([np.linspace(0, 1, c) for c in np.bincount(y)])
    angle = 4 * r + 2 * np.pi * y / n_classes + noise * rng.standard_normal(n_samples)
    return np.column_stack([r * np.cos(angle), r * np.sin(angle)]), y


def circles(n_samples=200, *, noise=0.05, factor=0.5, rng):
    """Two concentric circles, outer radius 1 (y = 0) and inner radius ``factor`` (y = 1), at random angles."""
    n_samples, noise, rng = _common(n_samples, noise, rng)
    factor = _checks.real(factor, "factor", low=0, high=1, low_open=True, high_open=True)
    y = _per_class(n_samples, 2)
    angle = rng.uniform(0, 2 * np.pi, n_samples)
    radius = np.where(y == 1, factor, 1.0)
    X = radius[:, None] * np.column_stack([np.cos(angle), np.sin(angle)])
    return X + noise * rng.standard_normal((n_samples, 2)), y


def blobs(n_samples=200, *, n_classes=3, noise=0.5, rng):
    """K Gaussian blobs of standard deviation ``noise`` centred on a circle of radius 2."""
    n_samples, noise, rng = _common(n_samples, noise, rng)
    y = _per_class(n_samples, n_classes)
    angle = 2 * np.pi * np.arange(n_classes) / n_classes
    centres = 2 * np.column_stack([np.cos(angle), np.sin(angle)])
    return centres[y] + noise * rng.standard_normal((n_samples, 2)), y


def sample_function(f=np.sin, n_samples=100, *, low=-3.0, high=3.0, noise=0.1, rng):
    """Regression data: x ~ U(low, high), sorted, and y = f(x) + noise·N(0, 1).

    f : callable mapping an ndarray of shape (N,) to one of shape (N,).
    Returns X, float64 ndarray of shape (N, 1), and y, float64 ndarray of shape (N,).
    """
    n_samples, noise, rng = _common(n_samples, noise, rng)
    if not callable(f):
        raise TypeError(f"f must be a callable mapping x of shape (N,) to y of shape (N,); got {type(f).__name__}")
    low, high = _checks.real(low, "low"), _checks.real(high, "high")
    if not low < high:
        raise ValueError(f"high must be greater than low = {low}; got {high}")
    x = np.sort(rng.uniform(low, high, n_samples))
    with np.errstate(all="ignore"):  # e.g. np.log below 0: reported below, naming f
        y = f(x)
    try:
        y = np.asarray(y, dtype=np.float64)
    except (TypeError, ValueError):
        raise TypeError(f"f must return real numbers, an array of shape ({n_samples},); got {y!r:.60}") from None
    if y.shape != x.shape:
        raise ValueError(f"f must return an array of shape ({n_samples},); got shape {y.shape}")
    if not np.isfinite(y).all():
        bad = x[~np.isfinite(y)][0]
        raise ValueError(f"f must return finite values on [low, high] = [{low:g}, {high:g}]; got NaN or inf at x = "
                         f"{bad:g}")
    return x[:, None], y + noise * rng.standard_normal(n_samples)


def two_clouds(n_samples=200, *, rng):
    """Two overlapping Gaussian classes in 2-D whose best linear boundary is oblique.

    Class 0 (even rows): round, std 0.5, centred at (−0.6, 0.6). Class 1 (odd rows): std 1.6
    and 0.4 along axes rotated by 35°, centred at (0.6, −0.6).
    """
    n_samples = _checks.positive_int(n_samples, "n_samples")
    rng = _checks.generator(rng)
    y = np.arange(n_samples) % 2
    angle = np.deg2rad(35.0)
    rotation = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    z = rng.standard_normal((n_samples, 2))
    class0 = 0.5 * z + np.array([-0.6, 0.6])
    class1 = (z * np.array([1.6, 0.4])) @ rotation.T + np.array([0.6, -0.6])
    return np.where(y[:, None] == 1, class1, class0), y


def digit_standin(n_samples=1000, n_features=784, n_classes=10, *, density=0.2, noise=0.3, rng):
    """A stand-in for a subset of MNIST: inputs in [0, 1], one noisy prototype per class.

    Class c has a prototype p_c whose entries are U(0, 1) on a random ``density`` fraction of
    the features and 0 elsewhere; sample n, of class y_n = n mod K, is
    x_n = clip(p_{y_n} + noise·N(0, I), 0, 1). X has shape (n_samples, n_features).
    """
    n_samples = _checks.positive_int(n_samples, "n_samples")
    n_features = _checks.positive_int(n_features, "n_features")
    n_classes = _checks.positive_int(n_classes, "n_classes", minimum=2)
    density = _checks.real(density, "density", low=0, high=1, low_open=True)
    noise = _checks.real(noise, "noise", low=0)
    rng = _checks.generator(rng)
    prototypes = rng.random((n_classes, n_features)) * (rng.random((n_classes, n_features)) < density)
    y = np.arange(n_samples) % n_classes
    X = np.clip(prototypes[y] + noise * rng.standard_normal((n_samples, n_features)), 0.0, 1.0)
    return X, y
