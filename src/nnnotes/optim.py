"""Stochastic gradient descent with optional momentum and (L2) weight decay, and the
max-norm constraint, a projection applied to the weights after each update.

>>> import numpy as np
>>> params = {"w": np.array([1.0, -2.0])}
>>> SGD(lr=0.1).step(params, {"w": np.array([1.0, 1.0])})
>>> params["w"]
array([ 0.9, -2.1])
"""

import numpy as np

from . import _checks


class SGD:
    """SGD as PyTorch defines it; for each parameter p with gradient g:

    g ← g + weight_decay·p;  v ← momentum·v + g (v starts at 0);  p ← p − lr·v.
    With momentum = 0 this is plain p ← p − lr·g. ``velocity`` holds v per parameter name, so
    an optimizer with momentum belongs to one set of parameters. lr > 0, momentum ∈ [0, 1)
    and weight_decay ≥ 0 are checked whenever they are set, also after construction.
    """

    lr = _checks.RealAttribute(low=0, low_open=True)
    momentum = _checks.RealAttribute(low=0, high=1, high_open=True)
    weight_decay = _checks.RealAttribute(low=0)

    def __init__(self, lr, momentum=0.0, weight_decay=0.0):
        self.lr, self.momentum, self.weight_decay = lr, momentum, weight_decay
        self.velocity = {}

    def __repr__(self):
        return f"SGD(lr={self.lr!r}, momentum={self.momentum!r}, weight_decay={self.weight_decay!r})"

    def step(self, params, grads):
        """Update every array of ``params`` in place from ``grads`` (read only), matched by name.

        params, grads : mappings name -> ndarray, the same names and shapes.
        """
        _checks.mapping(params, "params")
        _checks.mapping(grads, "grads")
        if params.keys() != grads.keys():
            raise ValueError(f"grads must have the same names as params {sorted(params)}; got {sorted(grads)}")
        for name, p in params.items():
            if not isinstance(p, np.ndarray) or p.dtype not in _checks.FLOAT_DTYPES or not p.flags.writeable:
                raise TypeError(f"params[{name!r}] must be a writeable float32 or float64 ndarray (updated in place)")
            g = _checks.float_array(grads[name], f"grads[{name!r}]", dtype=p.dtype, like=f"params[{name!r}]")
            _checks.same_shape(g, f"grads[{name!r}]", p.shape)
            if name in self.velocity:
                _checks.same_shape(p, f"params[{name!r}]", self.velocity[name].shape,
                                   like=" like the velocity this SGD keeps for it (use a new SGD for other parameters)")
        self._update(params, grads)

    def _update(self, params, grads):
        """``step`` without the checks (the model's training loop calls this)."""
        for name, p in params.items():
            g = grads[name]
            if self.weight_decay:
                g = g + self.weight_decay * p
            if self.momentum:
                v = self.velocity.get(name)
                if v is None:
                    v = self.velocity[name] = g.copy()
                else:
                    v *= self.momentum
                    v += g
                g = v
            p -= self.lr * g


def _project_max_norm(W, c):
    """Rescale the columns of W (D_in, D_out) in place to norm ≤ c (unchecked; see ``project_max_norm``)."""
    with np.errstate(over="ignore", invalid="ignore"):  # a diverged W: inf and NaN columns stay as they are
        big = np.abs(W).max(axis=0)
        unit = W / np.where(big > 0, big, 1)  # largest |entry| 1: the squares cannot overflow
        length = np.sqrt(np.einsum("ij,ij->j", unit, unit))
        outside = big * length > c
        W[:, outside] = unit[:, outside] * (c / length[outside])


def project_max_norm(W, c):
    """Max-norm constraint: each unit's incoming weight vector rescaled to Euclidean norm ≤ c.

    With out = x·W + b, unit j's incoming weights are the column W[:, j] (one weight per
    input), so the constraint is per column: W[:, j] ← W[:, j] · min(1, c / ‖W[:, j]‖₂).
    Columns already inside the ball are unchanged; the bias is not part of the vector.
    Applied after every update (a projected gradient step: Srivastava et al., 2014), it keeps
    the weights bounded however large the learning rate, so training cannot blow up through W.
    The result's norms are ≤ c up to rounding (a few units in the last place).

    W : ndarray of shape (D_in, D_out).  c : float > 0.
    Returns a new array of W's shape and dtype.

    >>> project_max_norm(np.array([[3.0, 0.3], [4.0, 0.4]]), c=1.0)   # column norms 5 and 0.5
    array([[0.6, 0.3],
           [0.8, 0.4]])
    """
    W = _checks.float_array(W, "W", ndim=2, shape="(D_in, D_out)")
    c = _checks.real(c, "c", low=0, low_open=True)
    out = W.copy()
    _project_max_norm(out, c)
    return out
