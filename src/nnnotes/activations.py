"""Activation functions, each with its forward pass and the derivative used by its backward pass.

Every ``*_forward`` returns ``(out, cache)``; every ``*_backward(dout, cache)`` returns the
gradient with respect to each forward input, in order. Elementwise functions accept an array
of any shape ``(*)``; the output has the same shape and dtype.

>>> import numpy as np
>>> out, cache = sigmoid_forward(np.array([0.0]))
>>> out, sigmoid_backward(np.array([1.0]), cache)
(array([0.5]), array([0.25]))
"""

import functools
import inspect
import numbers
from dataclasses import dataclass
from typing import Callable

import numpy as np

from . import _checks


def sigmoid_forward(x):
    """σ(x) = 1 / (1 + e^(−x)), computed without overflow; σ′(x) = σ(x)(1 − σ(x)).

    x : ndarray of shape (*). Returns out of shape (*) and the cache ``out``.
    For x < 0 the equivalent form e^x / (1 + e^x) is used, so e^(−|x|) never overflows.
    """
    x = _checks.float_array(x, "x")
    with np.errstate(under="ignore"):
        z = np.exp(-np.abs(x))
    out = np.where(x >= 0, 1, z) / (1 + z)
    return out, out


def sigmoid_backward(dout, cache):
    """dx = dout · σ(x)(1 − σ(x)); dout and dx have shape (*)."""
    out = cache
    dout = _checks.dout_like(dout, out.shape, out.dtype)
    return dout * out * (1 - out)


def tanh_forward(x):
    """tanh(x) = (e^x − e^(−x)) / (e^x + e^(−x)) = 2σ(2x) − 1; tanh′(x) = 1 − tanh(x)².

    x : ndarray of shape (*). Returns out of shape (*) and the cache ``out``.
    """
    x = _checks.float_array(x, "x")
    out = np.tanh(x)
    return out, out


def tanh_backward(dout, cache):
    """dx = dout · (1 − tanh(x)²); dout and dx have shape (*)."""
    out = cache
    dout = _checks.dout_like(dout, out.shape, out.dtype)
    return dout * (1 - out * out)


def relu_forward(x):
    """relu(x) = max(0, x); relu′(x) = 1 if x > 0 else 0 (0 is used at x = 0).

    x : ndarray of shape (*). Returns out of shape (*) and the cache ``x``.
    """
    x = _checks.float_array(x, "x")
    return np.maximum(x, 0), x


def relu_backward(dout, cache):
    """dx = dout · [x > 0]; dout and dx have shape (*)."""
    x = cache
    dout = _checks.dout_like(dout, x.shape, x.dtype)
    return np.where(x > 0, dout, 0)


def leaky_relu_forward(x, alpha=0.01):
    """f(x) = x if x > 0 else α·x; f′(x) = 1 if x > 0 else α (α ≥ 0 is fixed, not learned).

    x : ndarray of shape (*). Returns out of shape (*) and the cache ``(x, alpha)``.
    """
    x = _checks.float_array(x, "x")
    alpha = _checks.real(alpha, "alpha", low=0)
    return np.where(x > 0, x, alpha * x), (x, alpha)


def leaky_relu_backward(dout, cache):
    """dx = dout · (1 if x > 0 else α); dout and dx have shape (*)."""
    x, alpha = cache
    dout = _checks.dout_like(dout, x.shape, x.dtype)
    return np.where(x > 0, dout, alpha * dout)


def elu_forward(x, alpha=1.0):
    """f(x) = x if x > 0 else α(e^x − 1); f′(x) = 1 if x > 0 else α·e^x = f(x) + α (α ≥ 0).

    x : ndarray of shape (*). Returns out of shape (*) and the cache ``(x, out, alpha)``.
    """
    x = _checks.float_array(x, "x")
    alpha = _checks.real(alpha, "alpha", low=0)
    with np.errstate(under="ignore"):
        negative = alpha * np.expm1(np.minimum(x, 0))
    out = np.where(x > 0, x, negative)
    return out, (x, out, alpha)


def elu_backward(dout, cache):
    """dx = dout · (1 if x > 0 else f(x) + α); dout and dx have shape (*)."""
    x, out, alpha = cache
    dout = _checks.dout_like(dout, x.shape, x.dtype)
    return np.where(x > 0, dout, dout * (out + alpha))


def identity_forward(x):
    """f(x) = x; f′(x) = 1 (the linear output of a regression net).

    x : ndarray of shape (*). Returns a copy of x and the cache ``x``.
    """
    x = _checks.float_array(x, "x")
    return x.copy(), x


def identity_backward(dout, cache):
    """dx = dout (a copy); dout and dx have shape (*)."""
    x = cache
    return _checks.dout_like(dout, x.shape, x.dtype).copy()


def prelu_forward(x, alpha):
    """PReLU: f(x) = x if x > 0 else α·x, with α learned (He et al., 2015).

    x : ndarray of shape (N, D).
    alpha : float, ndarray of shape () (one α shared by all units) or of shape (D,) (one per unit).
    Returns out of shape (N, D) and the cache ``(x, alpha)``.
    Derivatives: ∂f/∂x = 1 if x > 0 else α;  ∂f/∂α = 0 if x > 0 else x.
    """
    x = _checks.float_array(x, "x", ndim=2, shape="(N, D)")
    if isinstance(alpha, numbers.Real):
        alpha = np.asarray(_checks.real(alpha, "alpha"), dtype=x.dtype)
    alpha = _checks.float_array(alpha, "alpha", dtype=x.dtype)
    if alpha.shape not in ((), (x.shape[1],)):
        raise ValueError(f"alpha must have shape () or (D,) = ({x.shape[1]},); got shape {alpha.shape}")
    return np.where(x > 0, x, alpha * x), (x, alpha)


def prelu_backward(dout, cache):
    """dx = dout · (1 if x > 0 else α);  dα = Σ over samples (and units, if shared) of dout · min(x, 0).

    dout : ndarray of shape (N, D). Returns dx of shape (N, D) and dalpha of alpha's shape.
    """
    x, alpha = cache
    dout = _checks.dout_like(dout, x.shape, x.dtype)
    dx = np.where(x > 0, dout, alpha * dout)
    per_sample = np.where(x > 0, 0, dout * x)
    dalpha = per_sample.sum() if alpha.ndim == 0 else per_sample.sum(axis=0)
    return dx, np.asarray(dalpha, dtype=x.dtype)


def maxout_forward(x, W, b):
    """Maxout (Goodfellow et al., 2013): out[n, m] = max over j of z[j, n, m], z[j] = x·W[j] + b[j].

    x : ndarray of shape (N, D).  W : ndarray of shape (k, D, M) with k ≥ 2 pieces.
    b : ndarray of shape (k, M).  Returns out of shape (N, M) and the cache.
    Derivative: the gradient flows only through the winning piece j* = argmax_j z[j, n, m].
    """
    x = _checks.float_array(x, "x", ndim=2, shape="(N, D)")
    W = _checks.float_array(W, "W", ndim=3, shape="(k, D, M)", dtype=x.dtype)
    k, d, m = W.shape
    if k < 2:
        raise ValueError(f"W must have k >= 2 maxout pieces along axis 0 (shape (k, D, M)); got k = {k}")
    if d != x.shape[1]:
        raise ValueError(f"W must have shape (k, D, M) with D = {x.shape[1]} matching x; got shape {W.shape}")
    b = _checks.float_array(b, "b", ndim=2, shape="(k, M)", dtype=x.dtype)
    _checks.same_shape(b, "b", (k, m))
    z = np.matmul(x, W) + b[:, None, :]
    return z.max(axis=0), (x, W, z.argmax(axis=0))


def maxout_backward(dout, cache):
    """dz[j] = dout · [j = j*];  dx = Σ_j dz[j]·W[j]ᵀ;  dW[j] = xᵀ·dz[j];  db[j] = Σ_n dz[j, n].

    dout : ndarray of shape (N, M). Returns dx (N, D), dW (k, D, M), db (k, M).
    """
    x, W, winner = cache
    dout = _checks.dout_like(dout, winner.shape, x.dtype)
    k = W.shape[0]
    dz = np.where(np.arange(k)[:, None, None] == winner, dout, 0)
    dx = np.matmul(dz, W.transpose(0, 2, 1)).sum(axis=0)
    dW = np.matmul(x.T, dz)
    db = dz.sum(axis=1)
    return dx, dW, db


@dataclass(frozen=True)
class Activation:
    """An elementwise activation with its parameters bound.

    ``forward(x) -> (out, cache)`` and ``backward(dout, cache) -> dx``, shapes (*).
    """

    name: str
    forward: Callable
    backward: Callable


_ELEMENTWISE = {
    "identity": (identity_forward, identity_backward),
    "sigmoid": (sigmoid_forward, sigmoid_backward),
    "tanh": (tanh_forward, tanh_backward),
    "relu": (relu_forward, relu_backward),
    "leaky_relu": (leaky_relu_forward, leaky_relu_backward),
    "elu": (elu_forward, elu_backward),
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
    _checks.choice(name, "name", ACTIVATIONS)
    forward, backward = _ELEMENTWISE[name]
    accepted = list(inspect.signature(forward).parameters)[1:]
    unknown = sorted(set(params) - set(accepted))
    if unknown:
        raise TypeError(f"params for {name!r} must be among {accepted}; got {unknown}")
    if params:
        # check the values now, not at the first forward pass
        forward(np.zeros(1), **params)
        forward = functools.partial(forward, **params)
    return Activation(name, forward, backward)
