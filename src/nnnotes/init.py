"""Weight initialization: constant, small random, Xavier/Glorot and He, normal and uniform.

Every initializer has the signature ``(shape, *, rng, dtype=np.float64) -> ndarray of shape``;
``rng`` is a ``numpy.random.Generator`` (ignored, and may be None, by the constant ones).
A weight of shape (fan_in, fan_out) maps fan_in inputs to fan_out outputs; leading axes, as in
maxout's (k, D, M), count as separate pieces: fan_in = shape[-2], fan_out = shape[-1].

>>> import numpy as np
>>> W = he_normal((500, 400), rng=np.random.default_rng(0))
>>> round(float(W.std() ** 2 * 500), 1)   # Var(W) = 2 / fan_in
2.0
"""

import functools
import inspect
import math

import numpy as np

from . import _checks


def fans(shape):
    """(fan_in, fan_out) = (shape[-2], shape[-1]) of a weight with at least 2 axes."""
    shape = _shape(shape)
    if len(shape) < 2:
        raise ValueError(f"shape must have at least 2 axes (..., fan_in, fan_out) for fan-based init; got {shape}")
    return shape[-2], shape[-1]


def _shape(shape):
    if isinstance(shape, int):
        shape = (shape,)
    if not isinstance(shape, (tuple, list)):
        raise TypeError(f"shape must be a tuple of positive ints; got {type(shape).__name__}")
    return tuple(_checks.positive_int(n, "shape entries") for n in shape)


def constant(shape, value=0.0, *, rng=None, dtype=np.float64):
    """W = value everywhere, shape ``shape``. Identical rows make identical units: fine for
    biases, a symmetry trap for weights."""
    return np.full(_shape(shape), _checks.real(value, "value"), dtype=_checks.float_dtype(dtype))


def zeros(shape, *, rng=None, dtype=np.float64):
    """W = 0 everywhere, shape ``shape``."""
    return np.zeros(_shape(shape), dtype=_checks.float_dtype(dtype))


def _normal(shape, std, rng, dtype):
    return _checks.generator(rng).standard_normal(_shape(shape), dtype=_checks.float_dtype(dtype)) * std


def _uniform(shape, bound, rng, dtype):
    u = _checks.generator(rng).random(_shape(shape), dtype=_checks.float_dtype(dtype))
    return (2 * u - 1) * bound


def small_random(shape, scale=0.01, *, rng, dtype=np.float64):
    """W ~ scale · N(0, 1), scale = 0.01 by default (fine for shallow nets; signals shrink with depth)."""
    return _normal(shape, _checks.real(scale, "scale", low=0), rng, dtype)


def xavier_normal(shape, *, rng, dtype=np.float64):
    """W ~ N(0, σ²) with σ = √(2 / (fan_in + fan_out)) (Glorot & Bengio, 2010)."""
    fan_in, fan_out = fans(shape)
    return _normal(shape, math.sqrt(2 / (fan_in + fan_out)), rng, dtype)


def xavier_uniform(shape, *, rng, dtype=np.float64):
    """W ~ U(−a, a) with a = √(6 / (fan_in + fan_out)), so Var(W) = a²/3 = 2 / (fan_in + fan_out)."""
    fan_in, fan_out = fans(shape)
    return _uniform(shape, math.sqrt(6 / (fan_in + fan_out)), rng, dtype)


def he_normal(shape, *, rng, dtype=np.float64):
    """W ~ N(0, σ²) with σ = √(2 / fan_in) (He et al., 2015), which keeps ReLU activations' scale."""
    fan_in, _ = fans(shape)
    return _normal(shape, math.sqrt(2 / fan_in), rng, dtype)


def he_uniform(shape, *, rng, dtype=np.float64):
    """W ~ U(−a, a) with a = √(6 / fan_in), so Var(W) = 2 / fan_in."""
    fan_in, _ = fans(shape)
    return _uniform(shape, math.sqrt(6 / fan_in), rng, dtype)


_INITIALIZERS = {
    f.__name__: f for f in (constant, zeros, small_random, xavier_normal, xavier_uniform, he_normal, he_uniform)
}
INITIALIZERS = tuple(_INITIALIZERS)


def get_initializer(name, **params):
    """The initializer ``name`` with ``params`` bound (``value`` for constant, ``scale`` for small_random).

    >>> w = get_initializer("small_random", scale=1.0)((2, 3), rng=np.random.default_rng(0))
    >>> w.shape
    (2, 3)
    """
    init = _INITIALIZERS[_checks.choice(name, "init", INITIALIZERS)]
    accepted = [key for key, p in inspect.signature(init).parameters.items() if p.kind == p.POSITIONAL_OR_KEYWORD]
    unknown = sorted(set(params) - set(accepted[1:]))
    if unknown:
        raise TypeError(f"params of initializer {name!r} must be among {accepted[1:]}; got {unknown}")
    if not params:
        return init
    init((1, 1), rng=np.random.default_rng(0), **params)  # check the values now rather than at the first call
    return functools.partial(init, **params)
