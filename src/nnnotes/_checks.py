"""Argument checks shared by every public function: one place for each error message.

Each check either returns the (possibly converted) value or raises ``TypeError`` (wrong
kind of value) / ``ValueError`` (right kind, wrong shape or range), and the message names
the argument and says what was expected. The checks are cheap: finiteness costs one pass.
"""

import difflib
import functools
import numbers
from collections.abc import Mapping

import numpy as np

FLOAT_DTYPES = (np.dtype(np.float32), np.dtype(np.float64))


def float_array(value, name, *, ndim=None, shape="", dtype=None, like="x", finite=True):
    """Return ``value`` as a finite float32/float64 ndarray, checking ndim and dtype.

    ``shape`` is the expected shape as written in the docs, e.g. ``"(N, D)"``; ``dtype``,
    when given, is the dtype the array must share with ``like`` (no silent up- or down-casts).
    ``finite=False`` leaves NaN and inf to the caller (see ``trained``).
    """
    try:
        arr = np.asarray(value)
    except ValueError as error:  # e.g. a ragged list
        raise TypeError(f"{name} must be a float32 or float64 array; got {type(value).__name__} ({error})") from None
    if arr.dtype not in FLOAT_DTYPES:
        array_like = isinstance(value, (np.ndarray, np.generic, list, tuple, numbers.Number))
        got = f"dtype {arr.dtype}" if array_like else type(value).__name__  # None, a str, a dict …
        raise TypeError(f"{name} must be a float32 or float64 array; got {got}")
    if ndim is not None and arr.ndim != ndim:
        raise ValueError(f"{name} must be a {ndim}-D float array of shape {shape}; got shape {arr.shape}")
    if dtype is not None and arr.dtype != dtype:
        raise TypeError(f"{name} must have dtype {dtype} like {like}; got {arr.dtype}")
    if finite and not np.isfinite(arr).all():
        raise ValueError(f"{name} must contain only finite values; got NaN or inf")
    return arr


def trained(arr, name, *, diverged_at=None):
    """Raise ValueError if a model's array holds NaN or inf, as a diverged training run leaves it.

    ``diverged_at`` is the index of the epoch whose loss was not finite in the last fit, if any.
    """
    if not np.isfinite(arr).all():
        when = "" if diverged_at is None else f": the last fit diverged at epoch {diverged_at + 1}"
        when += "" if diverged_at is None else f" (History.loss[{diverged_at}])"
        raise ValueError(
            f"{name} must contain only finite values; got NaN or inf, as training that diverged leaves it{when}. "
            "Train a new model with a lower learning rate lr"
        )


def float_dtype(dtype, name="dtype"):
    """Return ``np.dtype(dtype)`` after checking it is float32 or float64."""
    try:
        dtype = np.dtype(dtype)
    except TypeError:
        raise TypeError(f"{name} must be float32 or float64; got {dtype!r}") from None
    if dtype not in FLOAT_DTYPES:
        raise TypeError(f"{name} must be float32 or float64; got {dtype}")
    return dtype


def same_shape(arr, name, shape, *, like=""):
    """Raise ValueError unless ``arr.shape == shape``; ``like`` says where that shape comes from."""
    if arr.shape != tuple(shape):
        raise ValueError(f"{name} must have shape {tuple(shape)}{like}; got shape {arr.shape}")


def at_least_one_row(arr, name):
    """Raise ValueError unless the array has a first axis of length ≥ 1 (one row per sample)."""
    if arr.shape[0] == 0:
        raise ValueError(f"{name} must have at least one row (sample); got shape {arr.shape}")
    return arr


def dout_like(dout, shape, dtype, name="dout"):
    """Check an upstream gradient against the forward output's shape and dtype."""
    arr = float_array(dout, name, dtype=dtype, like="the forward output")
    if arr.shape != tuple(shape):
        raise ValueError(f"{name} must have the forward output's shape {tuple(shape)}; got shape {arr.shape}")
    return arr


def representable(value, name, quantity, dtype):
    """Raise ValueError unless ``value`` (computed from the finite argument ``name``) is finite.

    A finite input whose result overflows to inf has a true value beyond the dtype's range.
    """
    if not np.isfinite(value).all():
        dtype = np.dtype(dtype)
        raise ValueError(
            f"{name} must keep {quantity} within the range of {dtype} (at most {np.finfo(dtype).max:.4g}); "
            f"got {name} for which it overflows to inf: scale {name} down"
        )


def real(value, name, *, low=None, high=None, low_open=False, high_open=False):
    """Return ``value`` as a float after checking it is a finite real number in range."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number; got {type(value).__name__}")
    try:
        number = float(value)
    except OverflowError:  # an int beyond the float range
        number = np.inf
    too_low = low is not None and (number < low or (low_open and number == low))
    too_high = high is not None and (number > high or (high_open and number == high))
    if not np.isfinite(number) or too_low or too_high:
        left = "(" if low_open or low is None else "["
        right = ")" if high_open or high is None else "]"
        lo = "-inf" if low is None else f"{low:g}"
        hi = "inf" if high is None else f"{high:g}"
        got = repr(value.item() if isinstance(value, np.generic) else value)  # -5, not np.float64(-5.0)
        got = got if len(got) <= 30 else f"{got[:20]}… ({len(got)} digits)"  # an int beyond the float range
        raise ValueError(f"{name} must be a finite number in {left}{lo}, {hi}{right}; got {got}")
    return number


class RealAttribute:
    """An attribute checked by ``real`` on every assignment, in the constructor and after.

    >>> class Step:
    ...     lr = RealAttribute(low=0, low_open=True)
    >>> step = Step()
    >>> step.lr = -5
    Traceback (most recent call last):
    ValueError: lr must be a finite number in (0, inf); got -5
    """

    def __init__(self, **bounds):
        self.bounds = bounds

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        try:
            return obj.__dict__[self.name]
        except KeyError:
            raise AttributeError(self.name) from None

    def __set__(self, obj, value):
        obj.__dict__[self.name] = real(value, self.name, **self.bounds)


def interval(value, name):
    """Return ``value`` as a pair of floats (low, high), both finite, with low < high."""
    expected = f"{name} must be a pair (low, high) of finite numbers with low < high"
    if not isinstance(value, (tuple, list, np.ndarray)) or len(value) != 2:
        raise TypeError(f"{expected}; got {value!r}")
    low, high = (real(v, f"{name}[{i}]") for i, v in enumerate(value))
    if not low < high:
        raise ValueError(f"{expected}; got {value!r}")
    return low, high


def positive_int(value, name, *, minimum=1):
    """Return ``value`` as an int after checking it is an integer >= ``minimum``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer; got {type(value).__name__}")
    if value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}; got {value}")
    return int(value)


def generator(rng, name="rng"):
    """Raise TypeError unless ``rng`` is a ``numpy.random.Generator``."""
    if not isinstance(rng, np.random.Generator):
        raise TypeError(
            f"{name} must be a numpy.random.Generator, e.g. np.random.default_rng(0); got {type(rng).__name__}"
        )
    return rng


def choice(value, name, known):
    """Raise ValueError unless ``value`` is one of ``known``, suggesting the closest known names.

    >>> choice("rellu", "activation", ("sigmoid", "relu", "leaky_relu"))
    Traceback (most recent call last):
    ValueError: activation must be one of 'sigmoid', 'relu', 'leaky_relu'; got 'rellu' (did you mean 'relu'?)
    """
    if isinstance(value, str) and value in known:
        return value
    message = f"{name} must be one of {', '.join(repr(k) for k in known)}; got {value!r}"
    close = _closest(value, known) if isinstance(value, str) else []
    if close:
        message += f" (did you mean {' or '.join(repr(k) for k in close)}?)"
    raise ValueError(message)


def _closest(value, known):
    """The known names that differ only in case from ``value``, else contain it, else are the
    most similar by difflib's ratio (within 0.1 of the best, and at least 0.6)."""
    lower = value.lower()
    close = [k for k in known if k.lower() == lower] or [k for k in known if len(lower) >= 2 and lower in k.lower()]
    if close:
        return close
    ratios = {k: difflib.SequenceMatcher(None, lower, k.lower()).ratio() for k in known}
    best = max(ratios.values(), default=0.0)
    return [k for k in sorted(ratios, key=ratios.get, reverse=True) if ratios[k] >= max(0.6, best - 0.1)]


def labels(y, name, n, *, classes=None, like="the scores"):
    """Return integer labels of shape (n,), each in ``range(classes)`` when given; ``like`` has the n rows."""
    arr = np.asarray(y)
    if arr.dtype.kind not in "iu":
        raise TypeError(f"{name} must be an integer array of labels; got dtype {arr.dtype}")
    if arr.shape != (n,):
        one_hot = arr.ndim == 2 and arr.shape[0] == n
        one_hot = " (one-hot rows? pass the class indices y.argmax(axis=1))" if one_hot else ""
        raise ValueError(f"{name} must have shape (N,) = ({n},) matching {like}; got shape {arr.shape}{one_hot}")
    if classes is not None and n and (arr.min() < 0 or arr.max() >= classes):
        signs = " (binary labels are 0 and 1, not -1 and +1)" if classes == 2 and arr.min() == -1 else ""
        raise ValueError(
            f"{name} must hold class indices in [0, {classes}); got values in [{arr.min()}, {arr.max()}]{signs}"
        )
    return arr


def binary_labels(y, name, shape, *, like="the logits"):
    """Return 0/1 integer labels of shape ``shape`` (one column per label, as multi-label targets are)."""
    arr = np.asarray(y)
    if arr.dtype.kind not in "iu":
        raise TypeError(f"{name} must be an integer array of 0/1 labels; got dtype {arr.dtype}")
    if arr.shape != tuple(shape):
        hint = " (class indices? multi-label targets hold one 0/1 column per label)" if arr.shape == shape[:1] else ""
        raise ValueError(f"{name} must have shape (N, C) = {tuple(shape)} matching {like}; got shape {arr.shape}{hint}")
    if arr.size and (arr.min() < 0 or arr.max() > 1):
        raise ValueError(f"{name} must hold only 0 and 1; got values in [{arr.min()}, {arr.max()}]")
    return arr


def strengths(value, name, n):
    """Return ``value`` as a list of n floats ≥ 0: one number for all n layers, or a sequence of n, one per layer."""
    if isinstance(value, (list, tuple)) or (isinstance(value, np.ndarray) and value.ndim == 1):
        if len(value) != n:
            raise ValueError(f"{name} must be a number >= 0 or a sequence of {n} numbers (one per layer); "
                             f"got {len(value)} numbers")
        return [real(v, f"{name}[{i}]", low=0) for i, v in enumerate(value)]
    return [real(value, name, low=0)] * n


def flag(value, name):
    """Raise TypeError unless ``value`` is a bool (modes are explicit: ``train=True``)."""
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be a bool; got {type(value).__name__}")
    return bool(value)


def mapping(value, name):
    """Raise TypeError unless ``value`` is a mapping name -> array (a dict of parameters or gradients)."""
    if not isinstance(value, Mapping):
        raise TypeError(f"{name} must be a mapping name -> array; got {type(value).__name__}")
    return value


class Cache(tuple):
    """The cache a public forward returns: the tuple its backward reads, tagged with the forward's name."""


def makes_cache(forward):
    """Decorate a public forward ``(…) -> (out, cache, …)``: tag the cache with the forward's name."""

    @functools.wraps(forward)
    def tagged(*args, **kwargs):
        out, cache, *rest = forward(*args, **kwargs)
        cache = Cache(cache)
        cache.forward = forward.__name__
        return (out, cache, *rest)

    return tagged


def takes_cache(forward):
    """Decorate a public backward ``(dout, cache)``: raise TypeError unless ``forward`` made the cache."""

    def decorate(backward):
        @functools.wraps(backward)
        def checked(dout, cache):
            if getattr(cache, "forward", None) != forward.__name__ or not isinstance(cache, Cache):
                got = f"the cache of {cache.forward}" if isinstance(cache, Cache) else type(cache).__name__
                raise TypeError(
                    f"cache must be the cache returned by {forward.__name__} (its second return value); got {got}"
                )
            return backward(dout, cache)

        return checked

    return decorate
