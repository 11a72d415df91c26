"""Check a backward pass against centred differences.

For a function f with upstream gradient dout, the gradient of the scalar Σ f(x)·dout with
respect to x is estimated entry by entry as
(Σ f(x + h·e_i)·dout − Σ f(x − h·e_i)·dout) / (2h), whose error is O(h²).
Work in float64: with h = 1e-5 the estimate is good to about 1e-10 relative to the gradient.

>>> import numpy as np
>>> from nnnotes.activations import tanh_forward, tanh_backward
>>> x = np.linspace(-2, 2, 5)
>>> errors = check_backward(tanh_forward, [x], np.ones(5), backward=tanh_backward)
>>> errors[0] < 1e-7
True
"""

import numpy as np

from . import _checks


def numerical_gradient(f, x, dout, h=1e-5):
    """Centred-difference gradient of Σ f(x)·dout with respect to x.

    f : callable mapping an ndarray of x's shape to an ndarray of dout's shape.
    x : float64 ndarray of any shape (not modified; a copy is perturbed).  dout : float64 ndarray.
    Returns an ndarray of x's shape.
    """
    if not callable(f):
        raise TypeError(f"f must be a callable mapping x's shape to dout's shape; got {type(f).__name__}")
    x = _float64(x, "x")
    dout = _float64(dout, "dout")
    h = _checks.real(h, "h", low=0, low_open=True)
    out_shape = np.shape(f(x))
    if out_shape != dout.shape:
        raise ValueError(f"f must return an array of dout's shape {dout.shape}; got shape {out_shape}")
    point = x.copy()
    flat = point.reshape(-1)  # a view: writing flat[i] moves the point
    grad = np.empty_like(point)
    grad_flat = grad.reshape(-1)
    for i in range(flat.size):
        old = flat[i]
        flat[i] = old + h
        up = np.sum(np.asarray(f(point)) * dout)
        flat[i] = old - h
        down = np.sum(np.asarray(f(point)) * dout)
        flat[i] = old
        grad_flat[i] = (up - down) / (2 * h)
    return grad


def rel_error(a, b):
    """max_i |a_i − b_i| / max(max_i (|a_i| + |b_i|), tiny), tiny = the smallest normal float64.

    Relative to the largest entry rather than entry by entry, so gradient entries near zero
    (where any finite difference is mostly noise) cannot dominate; 0 when both are all zero.
    a, b : ndarrays of the same shape. Returns a float.
    """
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    for name, arr in (("a", a), ("b", b)):
        _checks.float_array(arr, name)  # NaN would make every comparison with a tolerance False
    if a.shape != b.shape:
        raise ValueError(f"b must have a's shape {a.shape}; got shape {b.shape}")
    if a.size == 0:
        return 0.0
    scale = max(float(np.max(np.abs(a) + np.abs(b))), np.finfo(np.float64).tiny)
    return float(np.max(np.abs(a - b))) / scale


def check_backward(forward, inputs, dout, *, backward, h=1e-5):
    """Run ``forward(*inputs) -> (out, cache)`` and ``backward(dout, cache)``, and compare each
    returned gradient with ``numerical_gradient``.

    inputs : sequence of float64 ndarrays (bind any non-array argument into ``forward``).
    dout : float64 ndarray of the output's shape.
    Returns a tuple with one rel_error per input, in order.
    """
    if not isinstance(inputs, (list, tuple)):
        raise TypeError(f"inputs must be a list of float64 arrays, one per forward argument, e.g. [x]; "
                        f"got {type(inputs).__name__}")
    inputs = [_float64(x, f"inputs[{i}]") for i, x in enumerate(inputs)]
    result = forward(*inputs)
    if not (isinstance(result, tuple) and len(result) == 2):
        raise TypeError(f"forward must return a pair (out, cache); got {type(result).__name__}")
    _, cache = result
    grads = backward(dout, cache)
    if len(inputs) == 1:
        grads = (grads,)
    if len(grads) != len(inputs):
        raise ValueError(f"backward must return one gradient per input ({len(inputs)}); got {len(grads)}")
    for i, (grad, x) in enumerate(zip(grads, inputs)):
        if np.shape(grad) != x.shape:
            raise ValueError(f"backward must return gradients shaped like the inputs: inputs[{i}] has shape "
                             f"{x.shape}; got shape {np.shape(grad)}")
    errors = []
    for i, grad in enumerate(grads):

        def f(point, i=i):
            return forward(*inputs[:i], point, *inputs[i + 1 :])[0]

        errors.append(rel_error(grad, numerical_gradient(f, inputs[i], dout, h)))
    return tuple(errors)


def _float64(x, name):
    arr = _checks.float_array(x, name)
    if arr.dtype != np.float64:
        raise TypeError(f"{name} must be float64 for a gradient check (float32 rounding swamps h); got {arr.dtype}")
    return arr
