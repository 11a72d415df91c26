"""Batch normalization (Ioffe & Szegedy, 2015) with an explicit train/eval switch and typed state.

Training normalizes with the statistics of the batch and returns an updated running state;
evaluation normalizes with the running state and returns it unchanged. The running averages
follow PyTorch: new = (1 − m)·old + m·batch with m = 0.1, and the running variance takes
the unbiased batch variance (divided by N − 1) while the normalization uses the biased one
(divided by N).

>>> import numpy as np
>>> state = BatchNormState.initial(2)
>>> x = np.array([[1.0, 2.0], [3.0, 6.0]])
>>> out, cache, state = batchnorm_forward(x, np.ones(2), np.zeros(2), state, train=True)
>>> out.round(3)
array([[-1., -1.],
       [ 1.,  1.]])
>>> state.running_mean, state.running_var
(array([0.2, 0.4]), array([1.1, 1.7]))
"""

import copy
import dataclasses

import numpy as np

from . import _checks


@dataclasses.dataclass(frozen=True)
class BatchNormState:
    """Running statistics of one batch-norm layer (never mutated; training returns a new one).

    running_mean, running_var : ndarray of shape (D,).
    momentum : float in (0, 1], the weight m of the newest batch.  eps : float > 0 added to the variance.
    """

    running_mean: np.ndarray
    running_var: np.ndarray
    momentum: float = 0.1
    eps: float = 1e-5

    def __post_init__(self):
        mean = _checks.float_array(self.running_mean, "running_mean", ndim=1, shape="(D,)")
        var = _checks.float_array(self.running_var, "running_var", ndim=1, shape="(D,)", dtype=mean.dtype,
                                  like="running_mean")
        _checks.same_shape(var, "running_var", mean.shape)
        if (var < 0).any():
            raise ValueError("running_var must be >= 0 everywhere; got a negative entry")
        object.__setattr__(self, "running_mean", mean)  # lists become arrays (frozen: no plain assignment)
        object.__setattr__(self, "running_var", var)
        _checks.real(self.momentum, "momentum", low=0, high=1, low_open=True)
        _checks.real(self.eps, "eps", low=0, low_open=True)

    @classmethod
    def initial(cls, n_features, *, momentum=0.1, eps=1e-5, dtype=np.float64):
        """The state before training: running_mean = 0, running_var = 1, both of shape (n_features,)."""
        n_features = _checks.positive_int(n_features, "n_features")
        dtype = _checks.float_dtype(dtype)
        return cls(np.zeros(n_features, dtype), np.ones(n_features, dtype), momentum, eps)

    def _updated(self, running_mean, running_var):
        """A copy with new running statistics, unchecked: a diverging ``MLP.fit`` may make them
        inf or NaN (``MLP.forward`` then says so); ``batchnorm_forward`` checks them."""
        new = copy.copy(self)
        object.__setattr__(new, "running_mean", running_mean)
        object.__setattr__(new, "running_var", running_var)
        return new


def _batchnorm(x, gamma, beta, state, train):
    if train:
        n = x.shape[0]
        mean = x.mean(axis=0)
        centred = x - mean
        var = (centred * centred).mean(axis=0)
        m = state.momentum
        running_mean = (1 - m) * state.running_mean + m * mean
        state = state._updated(running_mean, (1 - m) * state.running_var + m * var * (n / (n - 1)))
    else:
        centred = x - state.running_mean
        var = state.running_var
    inv_std = 1 / np.sqrt(var + state.eps)
    x_hat = centred * inv_std
    return gamma * x_hat + beta, (x_hat, gamma, inv_std, train), state


def _batchnorm_grad(dout, cache):
    x_hat, gamma, inv_std, train = cache
    dgamma = (dout * x_hat).sum(axis=0)
    dbeta = dout.sum(axis=0)
    dx_hat = dout * gamma
    if train:
        # mean and variance depend on x too: subtract their share of the gradient
        n = dout.shape[0]
        dx = inv_std / n * (n * dx_hat - dx_hat.sum(axis=0) - x_hat * (dx_hat * x_hat).sum(axis=0))
    else:
        dx = dx_hat * inv_std
    return dx, dgamma, dbeta


@_checks.makes_cache
def batchnorm_forward(x, gamma, beta, state, *, train):
    """out = γ·x̂ + β, with x̂ = (x − μ) / √(σ² + ε).

    Training: μ, σ² are the batch mean and (biased) variance, per feature; the returned state
    holds running_mean ← (1 − m)·running_mean + m·μ and
    running_var ← (1 − m)·running_var + m·σ²·N/(N − 1). Needs N ≥ 2, and a batch whose mean
    and variance fit in the dtype (|x| up to about 1e154 in float64): else ValueError naming x.
    Evaluation: μ, σ² are the state's running averages; the state is returned unchanged.

    x : ndarray of shape (N, D).  gamma, beta : ndarray of shape (D,).  state : BatchNormState.
    Returns out of shape (N, D), the cache and the new state.
    """
    x = _checks.float_array(x, "x", ndim=2, shape="(N, D)")
    d = x.shape[1]
    gamma = _checks.float_array(gamma, "gamma", ndim=1, shape="(D,)", dtype=x.dtype)
    _checks.same_shape(gamma, "gamma", (d,))
    beta = _checks.float_array(beta, "beta", ndim=1, shape="(D,)", dtype=x.dtype)
    _checks.same_shape(beta, "beta", (d,))
    if not isinstance(state, BatchNormState):
        raise TypeError(f"state must be a BatchNormState; got {type(state).__name__}")
    if state.running_mean.shape != (d,) or state.running_mean.dtype != x.dtype:
        raise ValueError(
            f"state must hold running statistics of shape ({d},) and dtype {x.dtype} like x; "
            f"got shape {state.running_mean.shape} and dtype {state.running_mean.dtype}"
        )
    _checks.trained(state.running_mean, "state.running_mean")  # a diverged MLP.fit's state can hold inf
    _checks.trained(state.running_var, "state.running_var")
    if not _checks.flag(train, "train"):
        return _batchnorm(x, gamma, beta, state, False)
    if x.shape[0] < 2:
        raise ValueError(f"x must have at least 2 rows in train mode (batch statistics); got shape {x.shape}")
    with np.errstate(over="ignore", invalid="ignore"):  # reported below, naming x
        out, cache, new_state = _batchnorm(x, gamma, beta, state, True)
    quantity = "each feature's batch mean and variance (the running state keeps them)"
    _checks.representable(np.stack([new_state.running_mean, new_state.running_var]), "x", quantity, x.dtype)
    return out, cache, new_state


@_checks.takes_cache(batchnorm_forward)
def batchnorm_backward(dout, cache):
    """Gradients of out = γ·x̂ + β; dγ = Σ_n dout·x̂, dβ = Σ_n dout, and

    training:   dx = (1/N)·(1/√(σ² + ε))·(N·g − Σ_n g − x̂·Σ_n g·x̂)  with g = dout·γ;
    evaluation: dx = dout·γ / √(σ² + ε)  (the running statistics do not depend on x).

    dout : ndarray of shape (N, D). Returns dx (N, D), dgamma (D,) and dbeta (D,).
    """
    x_hat = cache[0]
    dout = _checks.dout_like(dout, x_hat.shape, x_hat.dtype)
    return _batchnorm_grad(dout, cache)
