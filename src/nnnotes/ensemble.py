"""Many small nets of one shape trained at once, for statistics over initialization seeds.

Training twenty seeds of ``MLP([2, 40, 5])`` one after another spends its time in Python and
in small matrix products. ``train_nets`` stacks the K nets' parameters, W of layer i to shape
(K, H_{i−1}, H_i) and b to (K, H_i), so that every layer is one batched product
z = h·W + b with h of shape (K, N, H_{i−1}) (or (N, D) at the input) and z of shape (K, N, H_i),
and makes for each net the full-batch gradient-descent updates ``MLP.fit`` would make.

>>> import numpy as np
>>> from nnnotes.datasets import xor
>>> from nnnotes.model import MLP
>>> X, y = xor(40, noise=0.1, rng=np.random.default_rng(0))
>>> nets = [MLP([2, 8, 1], "tanh", rng=np.random.default_rng(seed)) for seed in range(3)]
>>> train_nets(nets, X, y, loss="binary_cross_entropy", lr=0.5, epochs=300, momentum=0.9)
>>> [float(np.mean(net.predict(X) == y)) for net in nets]
[1.0, 1.0, 1.0]
"""

import numpy as np

from . import _checks
from .activations import _lookup
from .layers import dropout_backward, dropout_forward
from .losses import _LOSSES, LOSSES
from .optim import SGD


def _same_shape_nets(nets):
    """``nets`` as a list after checking they are MLPs of one shape without batch norm."""
    if not isinstance(nets, (list, tuple)) or not nets:
        raise TypeError(f"nets must be a non-empty list of MLPs; got {nets!r:.60}")
    for i, net in enumerate(nets):
        if not all(hasattr(net, name) for name in ("sizes", "activations", "dtype", "batchnorm", "params")):
            raise TypeError(f"nets[{i}] must be an MLP; got {type(net).__name__}")
    if len({(tuple(n.sizes), tuple(n.activations), n.dtype) for n in nets}) != 1:
        raise ValueError("nets must be MLPs with the same sizes, activations and dtype")
    if nets[0].batchnorm:
        raise ValueError("nets must be MLPs without batch norm (train_nets does not handle it)")
    return list(nets)


def _per_net(value, name, k, dtype):
    """One number ≥ 0, or one per net (shape (K,)), as an array of shape (K, 1, 1) to broadcast."""
    arr = np.asarray(value)
    if arr.ndim == 0:
        _checks.real(value, name, low=0)
    else:
        arr = _checks.float_array(arr.astype(np.float64) if arr.dtype.kind in "iu" else arr, name, ndim=1,
                                  shape=f"(K,) = ({k},)")
        _checks.same_shape(arr, name, (k,), like=", one per net")
        if (arr < 0).any():
            raise ValueError(f"{name} must be ≥ 0 for every net; got {arr.min():g}")
    return np.broadcast_to(np.asarray(value, dtype=dtype), (k,))[:, None, None]


def _objective_and_gradients(params, h, targets, acts, loss_fn, lam, p_drop=0.0, rng=None):
    """Forward and backward pass of K stacked nets on one batch.

    params : dict name -> stacked array, W{i} of shape (K, H_{i−1}, H_i), b{i} of shape (K, H_i).
    h : the input, ndarray of shape (N, D) shared by every net, or (K, N, D) one per net.
    targets : the N labels (or targets) repeated K times, shape (K·N,).  acts : the hidden
    layers' activations.  lam : L2 strengths, shape (K, 1, 1).  p_drop, rng : inverted dropout
    on every hidden layer's output.
    Returns (objective, scores, grads): objective = Σ_k [mean data loss of net k over its N rows
    + (λ_k/2)·Σ_i ‖W_i[k]‖²]; scores of shape (K, N, C); grads shaped like params, the gradient
    of net k's own objective in row k. The loss is evaluated on the K·N rows at once as their
    mean, so its gradient is multiplied by K to give each net the gradient of its own mean.
    """
    k, n_layers = lam.shape[0], len(acts) + 1
    inputs, caches = [], []
    for i in range(1, n_layers + 1):
        inputs.append(h)
        z = np.matmul(h, params[f"W{i}"]) + params[f"b{i}"][:, None, :]
        if i < n_layers:
            h, act_cache = acts[i - 1].forward(z)
            drop_cache = None
            if p_drop:
                h, drop_cache = dropout_forward(h, p_drop, train=True, rng=rng)
            caches.append((act_cache, drop_cache))
    mean, dz = loss_fn(z.reshape(k * z.shape[1], -1), targets)
    scores = z
    dz = dz.reshape(z.shape) * k
    grads = {}
    for i in range(n_layers, 0, -1):
        W = params[f"W{i}"]
        grads[f"W{i}"] = np.matmul(np.swapaxes(inputs[i - 1], -1, -2), dz) + lam * W
        grads[f"b{i}"] = dz.sum(axis=-2)
        if i > 1:
            dh = np.matmul(dz, np.swapaxes(W, -1, -2))
            act_cache, drop_cache = caches[i - 2]
            if drop_cache is not None:
                dh = dropout_backward(dh, drop_cache)
            dz = acts[i - 2].backward(dh, act_cache)
    penalty = sum(float(np.sum(lam * params[f"W{i}"] ** 2)) / 2 for i in range(1, n_layers + 1))
    return k * mean + penalty, scores, {name: grads[name] for name in params}


def train_nets(nets, X, y, *, loss, lr, epochs, momentum=0.0, reg=0.0, p_drop=0.0, input_noise=0.0, rng=None,
               record_every=None):
    """Train K nets of one shape at once by full-batch gradient descent (with momentum).

    nets : list of K ``MLP`` with equal sizes, activations and dtype, without batch norm; their
        parameters are updated in place, as ``MLP.fit`` updates its own.
    X : ndarray of shape (N, D) in the nets' dtype.  y : int labels of shape (N,), or float
        targets for ``loss="mse"``.  loss : a name in ``nnnotes.losses.LOSSES``.
    lr : learning rate > 0.  epochs : full-batch updates.  momentum : in [0, 1).
    reg : L2 strength λ ≥ 0, one number or one per net (shape (K,)): adds (λ/2)·Σ‖W‖², as fit does.
    p_drop : inverted dropout on every hidden layer's output during training, in [0, 1).
    input_noise : σ ≥ 0, one number or one per net: each epoch every net sees X + σ·N(0, 1), a fresh draw.
    rng : numpy.random.Generator for the dropout masks and the input noise (needed only with them).
    record_every : None, or an int ≥ 1 to record each net's data loss every that many epochs.

    Without dropout and input noise each net makes the updates of
    ``MLP.fit(X, y, loss=loss, lr=lr, epochs=epochs, momentum=momentum, reg=λ_k)``: bit for bit
    when K = 1, up to floating-point rounding otherwise (the mean over K·N rows rounds
    differently). Over thousands of epochs at a high learning rate such differences can grow,
    so use it for statistics over seeds rather than to reproduce one particular net.

    Returns None, or with ``record_every`` an ndarray of shape (epochs // record_every, K) whose
    row r holds each net's data loss (no penalty) on its training pass at epoch r·record_every,
    before that epoch's update.
    """
    nets = _same_shape_nets(nets)
    first = nets[0]
    k, dtype = len(nets), first.dtype
    X = _checks.at_least_one_row(first._check_x(X, "X"), "X")
    loss = _checks.choice(loss, "loss", LOSSES)
    y = first._check_targets(y, X.shape[0], loss)
    epochs = _checks.positive_int(epochs, "epochs")
    p_drop = _checks.real(p_drop, "p_drop", low=0, high=1, high_open=True)
    lam = _per_net(reg, "reg", k, dtype)
    sigma = _per_net(input_noise, "input_noise", k, dtype)
    noisy = bool(np.any(sigma))
    if p_drop or noisy:
        _checks.generator(rng)
    if record_every is not None:
        record_every = _checks.positive_int(record_every, "record_every")
    optimizer = SGD(lr, momentum)  # checks lr and momentum
    for net in nets[1:]:
        net._check_x(X[:1], "X")  # every net's parameters are finite and shaped as made
    acts = [_lookup(name, {}, checked=False) for name in first.activations]
    loss_fn = _LOSSES[loss][1]
    params = {name: np.stack([net.params[name] for net in nets]) for name in first.params}
    targets = np.concatenate([y] * k)
    records = [] if record_every else None
    for epoch in range(epochs):
        h = X + sigma * rng.standard_normal((k, *X.shape)) if noisy else X
        _, scores, grads = _objective_and_gradients(params, h, targets, acts, loss_fn, lam, p_drop, rng)
        if records is not None and epoch % record_every == 0:
            records.append([loss_fn(scores[j], y)[0] for j in range(k)])
        optimizer.step(params, grads)
    for j, net in enumerate(nets):
        for name, value in net.params.items():
            value[...] = params[name][j]
    return None if records is None else np.array(records)
