"""Stochastic gradient descent with optional momentum and (L2) weight decay.

>>> import numpy as np
>>> params = {"w": np.array([1.0, -2.0])}
>>> SGD(lr=0.1).step(params, {"w": np.array([1.0, 1.0])})
>>> params["w"]
array([ 0.9, -2.1])
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from . import _checks


@dataclass
class SGD:
    """SGD as PyTorch defines it; for each parameter p with gradient g:

    g ← g + weight_decay·p;  v ← momentum·v + g (v starts at 0);  p ← p − lr·v.
    With momentum = 0 this is plain p ← p − lr·g. ``velocity`` holds v per parameter name.
    """

    lr: float
    momentum: float = 0.0
    weight_decay: float = 0.0
    velocity: dict = field(default_factory=dict, repr=False)

    def __post_init__(self):
        self.lr = _checks.real(self.lr, "lr", low=0, low_open=True)
        self.momentum = _checks.real(self.momentum, "momentum", low=0, high=1, high_open=True)
        self.weight_decay = _checks.real(self.weight_decay, "weight_decay", low=0)

    def step(self, params, grads):
        """Update every array of ``params`` in place from ``grads`` (read only), matched by name.

        params, grads : mappings name -> ndarray, the same names and shapes.
        """
        if not isinstance(params, Mapping) or not isinstance(grads, Mapping):
            raise TypeError("params and grads must be mappings name -> array")
        if params.keys() != grads.keys():
            raise ValueError(f"grads must have the same names as params {sorted(params)}; got {sorted(grads)}")
        for name, p in params.items():
            if not isinstance(p, np.ndarray) or p.dtype not in _checks.FLOAT_DTYPES:
                raise TypeError(f"params[{name!r}] must be a float32 or float64 ndarray (updated in place)")
            g = _checks.float_array(grads[name], f"grads[{name!r}]", dtype=p.dtype)
            _checks.same_shape(g, f"grads[{name!r}]", p.shape)
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
