"""Stochastic gradient descent with optional momentum and (L2) weight decay.

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
