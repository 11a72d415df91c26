"""Fully connected (affine) layer and dropout (inverted, and vanilla for comparison), forward and backward.

>>> import numpy as np
>>> out, cache = affine_forward(np.ones((2, 3)), np.ones((3, 4)), np.zeros(4))
>>> out
array([[3., 3., 3., 3.],
       [3., 3., 3., 3.]])
>>> [g.shape for g in affine_backward(np.ones((2, 4)), cache)]
[(2, 3), (3, 4), (4,)]
"""

from . import _checks


def _affine(x, W, b):
    return x @ W + b, (x, W)


def _affine_grad(dout, cache, *, need_dx=True):
    x, W = cache
    dx = dout @ W.T if need_dx else None
    return dx, x.T @ dout, dout.sum(axis=0)


@_checks.makes_cache
def affine_forward(x, W, b):
    """out = x·W + b (b added to every row).

    x : ndarray of shape (N, D).  W : ndarray of shape (D, M).  b : ndarray of shape (M,).
    Returns out of shape (N, M) and the cache.
    Derivatives: ∂out/∂x = Wᵀ (per row), ∂out/∂W = xᵀ, ∂out/∂b = 1.
    """
    x = _checks.float_array(x, "x", ndim=2, shape="(N, D)")
    W = _checks.float_array(W, "W", ndim=2, shape="(D, M)", dtype=x.dtype)
    if W.shape[0] != x.shape[1]:
        raise ValueError(f"W must have shape (D, M) with D = {x.shape[1]} as in x; got shape {W.shape}")
    b = _checks.float_array(b, "b", ndim=1, shape="(M,)", dtype=x.dtype)
    _checks.same_shape(b, "b", (W.shape[1],))
    return _affine(x, W, b)


@_checks.takes_cache(affine_forward)
def affine_backward(dout, cache):
    """dx = dout·Wᵀ,  dW = xᵀ·dout,  db = Σ_n dout[n].

    dout : ndarray of shape (N, M). Returns dx (N, D), dW (D, M) and db (M,).
    """
    x, W = cache
    dout = _checks.dout_like(dout, (x.shape[0], W.shape[1]), x.dtype)
    return _affine_grad(dout, cache)


def _dropout_mask(shape, dtype, p_drop, rng, *, inverted=True):
    """m ~ Bernoulli(1 − p) per entry (1 keeps, 0 drops), divided by 1 − p when ``inverted``."""
    keep = (rng.random(shape, dtype=dtype) >= p_drop).astype(dtype)
    return keep / (1 - p_drop) if inverted else keep


def _dropout(x, p_drop, train, rng, *, inverted):
    """Checked dropout; the cache holds the factor dout is multiplied by (None: identity)."""
    x = _checks.float_array(x, "x")
    p_drop = _checks.real(p_drop, "p_drop", low=0, high=1, high_open=True)
    if _checks.flag(train, "train"):
        factor = _dropout_mask(x.shape, x.dtype, p_drop, _checks.generator(rng), inverted=inverted)
    else:
        factor = None if inverted else x.dtype.type(1 - p_drop)
    return (x.copy() if factor is None else x * factor), (x.shape, x.dtype, factor)


def _dropout_grad(dout, cache):
    shape, dtype, factor = cache
    dout = _checks.dout_like(dout, shape, dtype)
    return dout.copy() if factor is None else dout * factor


@_checks.makes_cache
def dropout_forward(x, p_drop, *, train, rng):
    """Inverted dropout (what ``MLP(dropout=p)`` uses): out = x · m / (1 − p) with
    m ~ Bernoulli(1 − p) per entry, in training; out = x at evaluation. The scaling by
    1 / (1 − p) at training time keeps E[out] = x, so nothing changes at test time.

    x : ndarray of shape (*).  p_drop : float in [0, 1), the probability of dropping an entry.
    rng : numpy.random.Generator (may be None when ``train`` is False).
    Returns out of shape (*) and the cache. Derivative: ∂out/∂x = m / (1 − p) (1 at evaluation).
    """
    return _dropout(x, p_drop, train, rng, inverted=True)


@_checks.takes_cache(dropout_forward)
def dropout_backward(dout, cache):
    """dx = dout · m / (1 − p) in training, dx = dout at evaluation; dout and dx have shape (*)."""
    return _dropout_grad(dout, cache)


@_checks.makes_cache
def vanilla_dropout_forward(x, p_drop, *, train, rng):
    """Vanilla (non-inverted) dropout, as first proposed: out = x · m with m ~ Bernoulli(1 − p)
    per entry, in training; out = (1 − p) · x at evaluation. E[x · m] = (1 − p) · x, so the
    test-time output must be scaled by 1 − p to match; inverted dropout (``dropout_forward``)
    moves that scaling into training instead and leaves evaluation alone.

    x : ndarray of shape (*).  p_drop : float in [0, 1), the probability of dropping an entry.
    rng : numpy.random.Generator (may be None when ``train`` is False). The same rng state
    draws the same mask as ``dropout_forward``.
    Returns out of shape (*) and the cache. Derivative: ∂out/∂x = m ((1 − p) at evaluation).
    """
    return _dropout(x, p_drop, train, rng, inverted=False)


@_checks.takes_cache(vanilla_dropout_forward)
def vanilla_dropout_backward(dout, cache):
    """dx = dout · m in training, dx = (1 − p) · dout at evaluation; dout and dx have shape (*)."""
    return _dropout_grad(dout, cache)
