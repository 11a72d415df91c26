"""Activation functions: each forward pass with the derivative its backward pass uses.

Every ``*_forward`` returns ``(out, cache)``; every ``*_backward(dout, cache)`` returns the
gradient with respect to each forward input, in order, and raises TypeError for a cache
that its own forward did not return. Elementwise functions accept an array
of any shape ``(*)`` and return the same shape and dtype. The public functions check their
arguments; the private ``_name`` / ``_name_grad`` pairs hold the math and skip the checks
(the model calls them, so a diverging run yields inf/NaN instead of an error).

>>> import numpy as np
>>> out, cache = sigmoid_forward(np.array([0.0]))
>>> out, sigmoid_backward(np.array([1.0]), cache)
(array([0.5]), array([0.25]))
"""

import functools
import inspect
import numbers
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from . import _checks


def _checked_dout(dout, cache):
    """An elementwise cache starts with an array of the input's shape and dtype."""
    return _checks.dout_like(dout, cache[0].shape, cache[0].dtype)


def _sigmoid(x):
    # e^(−x) overflows to inf for x < −709 (float64) and 1 / (1 + inf) = 0 is the exact limit,
    # so IEEE arithmetic keeps the plain formula stable; only the overflow flag is silenced
    out = np.negative(x, out=np.empty_like(x))  # out= keeps a 0-d input an array, for the in-place steps
    with np.errstate(over="ignore", under="ignore"):
        np.exp(out, out=out)
    out += 1
    np.reciprocal(out, out=out)
    return out, (out,)


def _sigmoid_grad(dout, cache):
    (out,) = cache
    slope = 1 - out
    slope *= out  # σ(1 − σ)
    slope *= dout
    return slope


@_checks.makes_cache
def sigmoid_forward(x):
    """σ(x) = 1 / (1 + e^(−x)), finite for every finite x.  Derivative: σ′(x) = σ(x)(1 − σ(x)).

    x : ndarray of shape (*). Returns out of shape (*) and the cache.
    """
    return _sigmoid(_checks.float_array(x, "x"))


@_checks.takes_cache(sigmoid_forward)
def sigmoid_backward(dout, cache):
    """dx = dout · σ(x)(1 − σ(x)); dout and dx have shape (*)."""
    return _sigmoid_grad(_checked_dout(dout, cache), cache)


def _tanh(x):
    out = np.tanh(x)
    return out, (out,)


def _tanh_grad(dout, cache):
    (out,) = cache
    slope = np.multiply(out, out, out=np.empty_like(out))
    np.subtract(1, slope, out=slope)  # 1 − tanh²
    slope *= dout
    return slope


@_checks.makes_cache
def tanh_forward(x):
    """tanh(x) = (e^x − e^(−x)) / (e^x + e^(−x)) = 2σ(2x) − 1.  Derivative: 1 − tanh(x)².

    x : ndarray of shape (*). Returns out of shape (*) and the cache.
    """
    return _tanh(_checks.float_array(x, "x"))


@_checks.takes_cache(tanh_forward)
def tanh_backward(dout, cache):
    """dx = dout · (1 − tanh(x)²); dout and dx have shape (*)."""
    return _tanh_grad(_checked_dout(dout, cache), cache)


def _relu(x):
    return np.maximum(x, 0), (x,)


def _relu_grad(dout, cache):
    (x,) = cache
    return dout * (x > 0)  # multiplying by the mask is much faster than np.where


@_checks.makes_cache
def relu_forward(x):
    """relu(x) = max(0, x).  Derivative: 1 if x > 0 else 0 (0 is taken at x = 0).

    x : ndarray of shape (*). Returns out of shape (*) and the cache.
    """
    return _relu(_checks.float_array(x, "x"))


@_checks.takes_cache(relu_forward)
def relu_backward(dout, cache):
    """dx = dout · [x > 0]; dout and dx have shape (*)."""
    return _relu_grad(_checked_dout(dout, cache), cache)


def _leaky_relu(x, alpha):
    out = np.multiply(x, alpha, out=np.empty_like(x))
    np.maximum(out, x, out=out)  # max(αx, x) picks x for x > 0 and αx for x < 0 when α ≤ 1
    return out, (x, alpha)


def _slope(x, alpha):
    """1 where x > 0 and alpha elsewhere, in x's dtype, without np.where (slow on mixed signs)."""
    slope = np.multiply(x > 0, 1 - alpha, dtype=x.dtype)
    slope += alpha
    return slope


def _leaky_relu_grad(dout, cache):
    x, alpha = cache
    slope = _slope(x, alpha)
    slope *= dout
    return slope


@_checks.makes_cache
def leaky_relu_forward(x, alpha=0.01):
    """f(x) = x if x > 0 else α·x = max(x, αx), with a fixed α ∈ [0, 1].  Derivative: 1 if x > 0 else α.

    x : ndarray of shape (*). Returns out of shape (*) and the cache.
    """
    return _leaky_relu(_checks.float_array(x, "x"), _checks.real(alpha, "alpha", low=0, high=1))


@_checks.takes_cache(leaky_relu_forward)
def leaky_relu_backward(dout, cache):
    """dx = dout · (1 if x > 0 else α); dout and dx have shape (*)."""
    return _leaky_relu_grad(_checked_dout(dout, cache), cache)


def _elu(x, alpha):
    negative = np.minimum(x, 0, out=np.empty_like(x))  # expm1 only sees x ≤ 0: no overflow
    with np.errstate(under="ignore"):
        np.expm1(negative, out=negative)
    negative *= alpha
    out = np.maximum(x, 0)
    out += negative  # x for x > 0, α(e^x − 1) for x ≤ 0
    return out, (x, out, alpha)


def _elu_grad(dout, cache):
    x, out, alpha = cache
    slope = np.minimum(out, 0)
    slope += alpha  # α·e^x = f(x) + α for x ≤ 0, α for x > 0
    slope += np.multiply(x > 0, 1 - alpha, dtype=x.dtype)  # 1 for x > 0
    slope *= dout
    return slope


@_checks.makes_cache
def elu_forward(x, alpha=1.0):
    """f(x) = x if x > 0 else α(e^x − 1), α ≥ 0.  Derivative: 1 if x > 0 else α·e^x = f(x) + α.

    x : ndarray of shape (*). Returns out of shape (*) and the cache.
    """
    return _elu(_checks.float_array(x, "x"), _checks.real(alpha, "alpha", low=0))


@_checks.takes_cache(elu_forward)
def elu_backward(dout, cache):
    """dx = dout · (1 if x > 0 else f(x) + α); dout and dx have shape (*)."""
    return _elu_grad(_checked_dout(dout, cache), cache)


def _identity(x):
    return x.copy(), (x,)


def _identity_grad(dout, cache):
    return dout.copy()


@_checks.makes_cache
def identity_forward(x):
    """f(x) = x (the linear output of a regression net).  Derivative: 1.

    x : ndarray of shape (*). Returns a copy of x and the cache.
    """
    return _identity(_checks.float_array(x, "x"))


@_checks.takes_cache(identity_forward)
def identity_backward(dout, cache):
    """dx = dout (a copy); dout and dx have shape (*)."""
    return _identity_grad(_checked_dout(dout, cache), cache)


@_checks.makes_cache
def prelu_forward(x, alpha):
    """PReLU (He et al., 2015): f(x) = x if x > 0 else α·x, with α learned (any sign).

    x : ndarray of shape (N, D).
    alpha : float or ndarray of shape () (one α shared by every unit) or (D,) (one per unit).
    Returns out of shape (N, D) and the cache.
    Derivatives: ∂f/∂x = 1 if x > 0 else α;  ∂f/∂α = 0 if x > 0 else x.
    """
    x = _checks.float_array(x, "x", ndim=2, shape="(N, D)")
    if isinstance(alpha, numbers.Real):
        alpha = np.asarray(_checks.real(alpha, "alpha"), dtype=x.dtype)
    alpha = _checks.float_array(alpha, "alpha", dtype=x.dtype)
    if alpha.shape not in ((), (x.shape[1],)):
        raise ValueError(f"alpha must have shape () or (D,) = ({x.shape[1]},); got shape {alpha.shape}")
    out = np.minimum(x, 0)
    out *= alpha
    out += np.maximum(x, 0)
    return out, (x, alpha)


@_checks.takes_cache(prelu_forward)
def prelu_backward(dout, cache):
    """dx = dout · (1 if x > 0 else α);  dα = Σ of dout · (0 if x > 0 else x) over the samples
    (and over the units too when α is shared).

    dout : ndarray of shape (N, D). Returns dx of shape (N, D) and dalpha of alpha's shape.
    """
    x, alpha = cache
    dout = _checked_dout(dout, cache)
    dx = _slope(x, alpha)
    dx *= dout
    per_entry = np.minimum(x, 0)
    per_entry *= dout
    dalpha = per_entry.sum() if alpha.ndim == 0 else per_entry.sum(axis=0)
    return dx, np.asarray(dalpha, dtype=x.dtype)


@_checks.makes_cache
def maxout_forward(x, W, b):
    """Maxout (Goodfellow et al., 2013): out[n, m] = max_j z[j, n, m], with z[j] = x·W[j] + b[j].

    x : ndarray of shape (N, D).  W : ndarray of shape (k, D, M), k ≥ 2 pieces.
    b : ndarray of shape (k, M).  Returns out of shape (N, M) and the cache.
    Derivative: the gradient flows only through the winning piece j* = argmax_j z[j, n, m].
    """
    x = _checks.float_array(x, "x", ndim=2, shape="(N, D)")
    W = _checks.float_array(W, "W", ndim=3, shape="(k, D, M)", dtype=x.dtype)
    k, d, m = W.shape
    if k < 2:
        raise ValueError(f"W must hold k >= 2 maxout pieces along axis 0 of shape (k, D, M); got k = {k}")
    if d != x.shape[1]:
        raise ValueError(f"W must have shape (k, D, M) with D = {x.shape[1]} as in x; got shape {W.shape}")
    b = _checks.float_array(b, "b", ndim=2, shape="(k, M)", dtype=x.dtype)
    _checks.same_shape(b, "b", (k, m))
    z = np.matmul(x, W) + b[:, None, :]
    winner = z.argmax(axis=0)
    return z.max(axis=0), (x, W, winner)


@_checks.takes_cache(maxout_forward)
def maxout_backward(dout, cache):
    """dz[j] = dout · [j = j*];  dx = Σ_j dz[j]·W[j]ᵀ;  dW[j] = xᵀ·dz[j];  db[j] = Σ_n dz[j, n].

    dout : ndarray of shape (N, M). Returns dx (N, D), dW (k, D, M) and db (k, M).
    """
    x, W, winner = cache
    dout = _checks.dout_like(dout, winner.shape, x.dtype)
    dz = (np.arange(W.shape[0])[:, None, None] == winner) * dout  # (k, N, M)
    dx = np.matmul(dz, W.transpose(0, 2, 1)).sum(axis=0)
    return dx, np.matmul(x.T, dz), dz.sum(axis=1)


@dataclass(frozen=True)
class Activation:
    """An elementwise activation with its parameters bound.

    ``forward(x) -> (out, cache)`` and ``backward(dout, cache) -> dx``; arrays of shape (*).
    """

    name: str
    forward: Callable
    backward: Callable


# name -> (checked forward, checked backward, unchecked forward, unchecked backward)
_ELEMENTWISE = {
    "identity": (identity_forward, identity_backward, _identity, _identity_grad),
    "sigmoid": (sigmoid_forward, sigmoid_backward, _sigmoid, _sigmoid_grad),
    "tanh": (tanh_forward, tanh_backward, _tanh, _tanh_grad),
    "relu": (relu_forward, relu_backward, _relu, _relu_grad),
    "leaky_relu": (leaky_relu_forward, leaky_relu_backward, _leaky_relu, _leaky_relu_grad),
    "elu": (elu_forward, elu_backward, _elu, _elu_grad),
}
ACTIVATIONS = tuple(_ELEMENTWISE)


def get_activation(name, **params):
    """Return the elementwise activation ``name`` with ``params`` (e.g. ``alpha``) bound.

    Known names: identity, sigmoid, tanh, relu, leaky_relu, elu.

    >>> act = get_activation("leaky_relu", alpha=0.1)
    >>> out, cache = act.forward(np.array([-2.0, 3.0]))
    >>> out, act.backward(np.ones(2), cache)
    (array([-0.2,  3. ]), array([0.1, 1. ]))
    """
    return _lookup(name, params, checked=True)


def _lookup(name, params, *, checked):
    """The registry entry for ``name``; unchecked entries get the public defaults bound."""
    _checks.choice(name, "name", ACTIVATIONS)
    forward, backward, core, core_grad = _ELEMENTWISE[name]
    defaults = {key: p.default for key, p in inspect.signature(forward).parameters.items() if key != "x"}
    unknown = sorted(set(params) - set(defaults))
    if unknown:
        raise TypeError(f"params of activation {name!r} must be among {sorted(defaults)}; got {unknown}")
    if params:
        forward(np.zeros(1), **params)  # check the values now rather than at the first call
    if checked:
        return Activation(name, functools.partial(forward, **params) if params else forward, backward)
    return Activation(name, functools.partial(core, **{**defaults, **params}), core_grad)
