"""Fully connected (affine) layer and inverted dropout, forward and backward.

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


@_checks.makes_cache
def dropout_forward(x, p_drop, *, train, rng):
    """Inverted dropout: out = x · m / (1 − p) with m ~ Bernoulli(1 − p) per entry, in training;
    out = x at evaluation (the 1 / (1 − p) scaling keeps E[out] = x, so nothing changes at test time).

    x : ndarray of shape (*).  p_drop : float in [0, 1), the probability of dropping an entry.
    rng : numpy.random.Generator (may be None when ``train`` is False).
    Returns out of shape (*) and the cache. Derivative: ∂out/∂x = m / (1 − p) (1 at evaluation).
    """
    x = _checks.float_array(x, "x")
    p_drop = _checks.real(p_drop, "p_drop", low=0, high=1, high_open=True)
    if not _checks.flag(train, "train"):
        return x.copy(), (x.shape, x.dtype, None)
    keep = _checks.generator(rng).random(x.shape, dtype=x.dtype) >= p_drop
    mask = keep.astype(x.dtype) / (1 - p_drop)
    return x * mask, (x.shape, x.dtype, mask)


@_checks.takes_cache(dropout_forward)
def dropout_backward(dout, cache):
    """dx = dout · m / (1 − p) in training, dx = dout at evaluation; dout and dx have shape (*)."""
    shape, dtype, mask = cache
    dout = _checks.dout_like(dout, shape, dtype)
    return dout.copy() if mask is None else dout * mask
