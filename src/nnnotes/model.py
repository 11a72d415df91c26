"""A multilayer perceptron built from the package's layers, with a vectorized SGD training loop.

Each hidden layer is affine → (batch norm) → activation → (inverted dropout, in training);
the output layer is affine only (linear scores: logits for cross-entropy, raw scores for the
hinge, predictions for the regression losses). ``fit`` regularizes with L2 and/or L1 penalties
(elastic net), per layer if wanted, and the max-norm constraint.

>>> import numpy as np
>>> net = MLP([3, 4, 2], rng=np.random.default_rng(0))
>>> net.n_neurons, net.n_parameters      # 4 + 2 units; 3·4 + 4 + 4·2 + 2 weights and biases
(6, 26)
"""

from dataclasses import dataclass

import numpy as np

from . import _checks
from .activations import ACTIVATIONS, _lookup
from .batchnorm import BatchNormState, _batchnorm, _batchnorm_grad
from .init import get_initializer
from .layers import _affine, _affine_grad, _dropout_mask
from .losses import _LOSSES, LOSSES, _elastic_net_penalty
from .monitoring import _statistics
from .optim import SGD, _project_max_norm

_BINARY = ("binary_cross_entropy", "binary_hinge")  # one output: a logit / score
_MULTICLASS = ("softmax_cross_entropy", "multiclass_hinge", "multiclass_squared_hinge")  # C >= 2 outputs
_MULTILABEL = ("multilabel_cross_entropy",)  # C >= 1 outputs, one logit per label
_REGRESSION = ("mse", "mae", "huber")  # float targets


def _labels(scores):
    """Predicted classes from scores (N, C): argmax, or [score > 0] for a single output."""
    return (scores[:, 0] > 0).astype(np.int64) if scores.shape[1] == 1 else scores.argmax(axis=1)


def _correct(scores, y):
    """Samples classified right; for 0/1 labels of shape (N, C), the labels right divided by C."""
    if y.ndim == 2:
        return np.count_nonzero((scores > 0) == y) / y.shape[1]
    return int(np.count_nonzero(_labels(scores) == y))


@dataclass(frozen=True)
class History:
    """Per-epoch record of ``MLP.fit``; E = epochs, H = hidden layers, L = layers.

    loss : ndarray of shape (E,), the training objective (data loss, on the dropped-out forward
        pass when the model has dropout, + the L2 and L1 penalties), averaged over the epoch's
        batches before each update. When it stops being finite (training diverged), fit stops:
        that epoch holds inf or NaN and the later ones NaN.
    accuracy : ndarray of shape (E,), measured the same way, or None for regression (MSE, MAE,
        Huber); for the multi-label loss the fraction of labels right ([score > 0] = y).
    activation_mean, activation_std, dead_fraction : ndarray of shape (E, H), on the whole
        training set in evaluation mode after the epoch, or None unless ``record_stats``.
    grad_norm : ndarray of shape (E, L), ‖dW‖ of each layer at the epoch's last update, or None.
    """

    loss: np.ndarray
    accuracy: np.ndarray | None = None
    activation_mean: np.ndarray | None = None
    activation_std: np.ndarray | None = None
    dead_fraction: np.ndarray | None = None
    grad_norm: np.ndarray | None = None


class MLP:
    """A fully connected net with layer sizes ``sizes = [D, H1, …, C]``.

    activation : name of every hidden layer's activation, or a list with one name per hidden layer.
    rng : numpy.random.Generator for the weights.  batchnorm : batch norm before each activation.
    dropout : probability p in [0, 1) of dropping each hidden unit's output, in training only
        (``forward(x, train=True, rng=…)`` and ``fit``): inverted dropout, so the kept outputs
        are scaled by 1 / (1 − p) and evaluation (``train=False``, ``predict``) uses every unit
        unscaled. The masks are drawn from the ``rng`` given to ``forward`` or ``fit``.
    init : initializer name (see ``nnnotes.init``) or a callable ``(shape, *, rng, dtype)``;
        biases start at 0, batch norm's γ at 1 and β at 0.
    dtype : float32 or float64, the dtype of every parameter and of the inputs it accepts.
    Parameters are named W1, b1, (gamma1, beta1), …, WL, bL.
    """

    def __init__(self, sizes, activation="relu", *, rng, batchnorm=False, dropout=0.0, init="he_normal",
                 dtype=np.float64):
        if not isinstance(sizes, (list, tuple)) or len(sizes) < 2:
            raise ValueError(f"sizes must be a list of at least 2 layer sizes [D, ..., C]; got {sizes!r}")
        self.sizes = [_checks.positive_int(n, "sizes entries") for n in sizes]
        n_hidden = len(sizes) - 2
        names = [activation] * n_hidden if isinstance(activation, str) else activation
        if not isinstance(names, (list, tuple)) or len(names) != n_hidden:
            raise ValueError(f"activation must be a name or a list of {n_hidden} names (one per hidden layer); "
                             f"got {activation!r}")
        self.activations = [_checks.choice(name, "activation", ACTIVATIONS) for name in names]
        self._acts = [_lookup(name, {}, checked=False) for name in names]
        self.batchnorm = _checks.flag(batchnorm, "batchnorm")
        self.dropout = _checks.real(dropout, "dropout", low=0, high=1, high_open=True)
        self.dtype = _checks.float_dtype(dtype)
        init = get_initializer(init) if isinstance(init, str) else init
        if not callable(init):
            raise TypeError(f"init must be an initializer name or a callable; got {type(init).__name__}")
        _checks.generator(rng)
        self.params = {}
        self.bn_states = []
        for i, (fan_in, fan_out) in enumerate(zip(self.sizes, self.sizes[1:]), start=1):
            W = _checks.float_array(init((fan_in, fan_out), rng=rng, dtype=self.dtype), "init's result",
                                    dtype=self.dtype, like="the model")
            _checks.same_shape(W, "init's result", (fan_in, fan_out))
            self.params[f"W{i}"] = W
            self.params[f"b{i}"] = np.zeros(fan_out, self.dtype)
            if self.batchnorm and i <= n_hidden:
                self.params[f"gamma{i}"] = np.ones(fan_out, self.dtype)
                self.params[f"beta{i}"] = np.zeros(fan_out, self.dtype)
                self.bn_states.append(BatchNormState.initial(fan_out, dtype=self.dtype))
        self._shapes = {name: p.shape for name, p in self.params.items()}
        self._caches, self._batch_size, self._diverged_at = None, 0, None

    @property
    def n_layers(self):
        """Number of affine layers L (hidden layers + the output layer)."""
        return len(self.sizes) - 1

    @property
    def n_parameters(self):
        """Number of learnable numbers: weights, biases and batch norm's γ, β."""
        return sum(p.size for p in self.params.values())

    @property
    def n_neurons(self):
        """Number of units, hidden and output (inputs are not neurons): sum of sizes[1:]."""
        return sum(self.sizes[1:])

    def parameters(self):
        """A dict name -> ndarray of the model's own arrays (an optimizer updates them in place)."""
        return dict(self.params)

    def _check_x(self, x, name="x"):
        """x as a checked array, after checking the parameters it meets (a diverged fit leaves NaN)."""
        for key, shape in self._shapes.items():
            p = _checks.float_array(self.params.get(key), f"params[{key!r}]", dtype=self.dtype, like="the model",
                                    finite=False)
            _checks.same_shape(p, f"params[{key!r}]", shape, like=" as the model made it")
            _checks.trained(p, f"params[{key!r}]", diverged_at=self._diverged_at)
        for i, state in enumerate(self.bn_states):
            _checks.trained(state.running_mean, f"bn_states[{i}].running_mean", diverged_at=self._diverged_at)
            _checks.trained(state.running_var, f"bn_states[{i}].running_var", diverged_at=self._diverged_at)
        x = _checks.float_array(x, name, ndim=2, shape=f"(N, {self.sizes[0]})", dtype=self.dtype,
                                like="the model's parameters")
        if x.shape[1] != self.sizes[0]:
            raise ValueError(f"{name} must have shape (N, {self.sizes[0]}) for this model; got shape {x.shape}")
        return x

    def _scores(self, x, train, rng=None):
        """``_forward`` of a checked x, after checking the scores did not overflow (finite but
        huge parameters, as a diverged fit may leave, or a huge x)."""
        scores, caches, states, trace = self._forward(x, train, rng)
        if not np.isfinite(scores).all():
            if self._diverged_at is not None:
                _checks.trained(scores, "the scores", diverged_at=self._diverged_at)
            largest = max(float(np.abs(p).max(initial=0)) for p in self.params.values())
            _checks.representable(scores, "x", f"the scores (largest |parameter| = {largest:.3g})", self.dtype)
        return scores, caches, states, trace

    def _forward(self, x, train, rng=None):
        """Scores, backward caches, new batch-norm states and (pre-activation, activation) per
        hidden layer; ``rng`` draws the dropout masks (needed when train and self.dropout)."""
        states, caches, trace = list(self.bn_states), [], []
        h = x
        for i in range(1, self.n_layers + 1):
            z, affine_cache = _affine(h, self.params[f"W{i}"], self.params[f"b{i}"])
            if i == self.n_layers:
                caches.append((affine_cache, None, None, None))
                return z, caches, states, trace
            bn_cache = None
            if self.batchnorm:
                gamma, beta = self.params[f"gamma{i}"], self.params[f"beta{i}"]
                z, bn_cache, states[i - 1] = _batchnorm(z, gamma, beta, states[i - 1], train)
            h, act_cache = self._acts[i - 1].forward(z)
            trace.append((z, h))
            mask = _dropout_mask(h.shape, h.dtype, self.dropout, rng) if train and self.dropout else None
            if mask is not None:
                h = h * mask
            caches.append((affine_cache, bn_cache, act_cache, mask))

    def _backward(self, dscores, caches):
        grads = {}
        d = dscores
        for i in range(self.n_layers, 0, -1):
            affine_cache, bn_cache, act_cache, mask = caches[i - 1]
            if i < self.n_layers:
                if mask is not None:
                    d = d * mask
                d = self._acts[i - 1].backward(d, act_cache)
                if self.batchnorm:
                    d, grads[f"gamma{i}"], grads[f"beta{i}"] = _batchnorm_grad(d, bn_cache)
            d, grads[f"W{i}"], grads[f"b{i}"] = _affine_grad(d, affine_cache, need_dx=i > 1)
        return {name: grads[name] for name in self.params}

    def forward(self, x, *, train, rng=None):
        """Scores of shape (N, C) for x of shape (N, D); keeps the cache for ``backward``.

        train : True uses batch statistics in batch norm (N ≥ 2) and updates its running state,
        and drops hidden units when the model has dropout; False uses the running state and
        every unit. rng : numpy.random.Generator for the dropout masks, needed when train is
        True and the model has dropout (the same rng state gives the same masks).
        Raises ValueError when a parameter is NaN or inf (what a diverged ``fit`` leaves) or
        when the scores overflow, rather than return NaN scores.
        """
        x = self._check_x(x)
        train = _checks.flag(train, "train")
        if (train and self.dropout) or rng is not None:
            _checks.generator(rng)
        if train and self.batchnorm and x.shape[0] < 2:
            raise ValueError(f"x must have at least 2 rows for batch norm in train mode; got shape {x.shape}")
        with np.errstate(over="ignore", invalid="ignore"):  # an overflow raises, naming x
            scores, self._caches, states, _ = self._scores(x, train, rng)
        self.bn_states = states
        self._batch_size = x.shape[0]
        return scores

    def backward(self, dscores):
        """Gradients of the loss for every parameter, from dscores of shape (N, C) (the last forward's).

        Returns a dict name -> ndarray shaped like ``parameters()``.
        """
        if self._caches is None:
            raise ValueError("dscores cannot be propagated before a forward pass: call forward(x, train=...) first")
        dscores = _checks.dout_like(dscores, (self._batch_size, self.sizes[-1]), self.dtype, "dscores")
        return self._backward(dscores, self._caches)

    def hidden_layers(self, x):
        """(pre-activation, activation) of each hidden layer in evaluation mode, each of shape (N, H_i)."""
        return self._forward(self._check_x(x), False)[3]

    def predict(self, x):
        """Class labels, int ndarray of shape (N,): argmax of the scores, or [score > 0] when C = 1,
        in evaluation mode (no dropout).

        Raises ValueError like ``forward`` (a diverged model has no meaningful class: argmax of
        NaN scores would be class 0 for every sample). For regression read the scores from
        ``forward(x, train=False)`` instead, and for multi-label outputs ``forward(x, train=False) > 0``.
        """
        x = self._check_x(x)
        with np.errstate(over="ignore", invalid="ignore"):  # an overflow raises, naming x
            return _labels(self._scores(x, False)[0])

    def fit(self, X, y, *, loss="softmax_cross_entropy", lr=0.1, epochs=100, batch_size=None, reg=0.0, l1=0.0,
            penalize_biases=False, max_norm=None, momentum=0.0, rng=None, record_stats=False):
        """Train with SGD on (X, y) and return a History.

        X : ndarray of shape (N, D).  y : int labels of shape (N,); int 0/1 labels of shape (N, C)
        for ``loss="multilabel_cross_entropy"``; float targets of shape (N,) or (N, C) for the
        regression losses "mse", "mae", "huber" (δ = 1).  loss : a name in ``nnnotes.losses.LOSSES``.
        lr : learning rate > 0.  epochs : passes over the data.  batch_size : None for full-batch
        gradient descent, else mini-batches of that size in an order drawn from ``rng`` each epoch.
        reg : L2 strength λ ≥ 0, adding (λ/2)·Σ‖W‖² over the weights W1…WL; or a sequence of L
            strengths, λ_i for W_i.
        l1 : L1 strength λ ≥ 0 (or L of them), adding λ·Σ|W| (subgradient λ·sign(W)); with reg
            too, the elastic net.
        penalize_biases : also apply layer i's reg and l1 to its bias b_i. False by default, as
            is usual: a bias multiplies no input, so it does not set how much any input sways
            the output. Batch norm's γ and β are never penalized.
        max_norm : None, or c > 0: after every update each unit's incoming weight vector (column
            j of W_i, every layer) is rescaled to norm ≤ c (``nnnotes.optim.project_max_norm``).
        momentum : SGD momentum in [0, 1) (each call starts from zero velocity).
        rng : numpy.random.Generator, needed for mini-batches and for a model with dropout.
        record_stats : also fill History's per-layer arrays.

        A learning rate too high makes training diverge: the loss overflows to inf or NaN. fit
        then stops and returns the History (see ``History.loss``) instead of raising, so that
        divergence can be studied; the parameters are left NaN or inf, and ``forward``, ``predict``,
        ``hidden_layers`` and a further ``fit`` raise ValueError naming the epoch it happened.
        """
        X = _checks.at_least_one_row(self._check_x(X, "X"), "X")
        n = X.shape[0]
        y = self._check_targets(y, n, _checks.choice(loss, "loss", LOSSES))
        lr = _checks.real(lr, "lr", low=0, low_open=True)
        l2s, l1s = (_checks.strengths(value, name, self.n_layers) for value, name in ((reg, "reg"), (l1, "l1")))
        kinds = ("W", "b") if _checks.flag(penalize_biases, "penalize_biases") else ("W",)
        penalties = [(f"{kind}{i}", l2s[i - 1], l1s[i - 1])
                     for i in range(1, self.n_layers + 1) for kind in kinds if l2s[i - 1] or l1s[i - 1]]
        max_norm = None if max_norm is None else _checks.real(max_norm, "max_norm", low=0, low_open=True)
        epochs = _checks.positive_int(epochs, "epochs")
        batch_size = n if batch_size is None else _checks.positive_int(batch_size, "batch_size")
        if batch_size < n or self.dropout or rng is not None:
            _checks.generator(rng)
        if self.batchnorm and (batch_size == 1 or n % batch_size == 1):
            raise ValueError(f"batch_size must not leave a batch of 1 for batch norm (N = {n}); got {batch_size}")
        record_stats = _checks.flag(record_stats, "record_stats")
        optimizer = SGD(lr, momentum)
        with np.errstate(all="ignore"):  # a diverging run shows up as inf/NaN in History.loss
            return self._train(X, y, loss, optimizer, epochs, batch_size, penalties, max_norm, rng, record_stats)

    def _check_targets(self, y, n, loss):
        c = self.sizes[-1]
        if loss in _REGRESSION:
            y = _checks.float_array(y, "y", dtype=self.dtype, like="the model's parameters")
            shapes = [(n, c), (n,)] if c == 1 else [(n, c)]
            if y.shape not in shapes:
                expected = " or ".join(map(str, shapes))
                raise ValueError(f"y must have shape {expected} for loss={loss!r} (N rows like X); got shape {y.shape}")
            return y
        if loss in _MULTILABEL:
            return _checks.binary_labels(y, "y", (n, c), like="X and the output layer")
        if (loss in _BINARY) != (c == 1):
            need = "1 output" if loss in _BINARY else "at least 2 outputs"
            raise ValueError(f"loss {loss!r} needs {need}; got an output layer of size {c}")
        return _checks.labels(y, "y", n, classes=max(c, 2), like="X")

    def _train(self, X, y, loss, optimizer, epochs, batch_size, penalties, max_norm, rng, record_stats):
        n = X.shape[0]
        loss_fn = _LOSSES[loss][1]
        classify = loss not in _REGRESSION
        weights = [f"W{i}" for i in range(1, self.n_layers + 1)]
        history = {key: np.full(epochs, np.nan) for key in ("loss", "accuracy")}
        if record_stats:
            hidden, layers = len(self.sizes) - 2, self.n_layers
            for key in ("activation_mean", "activation_std", "dead_fraction"):
                history[key] = np.full((epochs, hidden), np.nan)
            history["grad_norm"] = np.full((epochs, layers), np.nan)
        self._diverged_at = None
        for epoch in range(epochs):
            order = rng.permutation(n) if batch_size < n else None
            total, correct = 0.0, 0
            for start in range(0, n, batch_size):
                if order is None:
                    xb, yb = X, y
                else:
                    batch = order[start : start + batch_size]
                    xb, yb = X[batch], y[batch]
                scores, caches, states, _ = self._forward(xb, True, rng)
                value, dscores = loss_fn(scores, yb)
                grads = self._backward(dscores, caches)
                self.bn_states = states
                for name, l2, l1 in penalties:
                    penalty, dparam = _elastic_net_penalty({name: self.params[name]}, l1, l2)
                    value += penalty
                    grads[name] += dparam[name]
                total += value * len(xb)
                if classify:
                    correct += _correct(scores, yb)
                optimizer._update(self.params, grads)
                if max_norm is not None:
                    for name in weights:
                        _project_max_norm(self.params[name], max_norm)
            history["loss"][epoch] = total / n
            history["accuracy"][epoch] = correct / n
            if record_stats:
                for j, (z, a) in enumerate(self._forward(X, False)[3]):
                    s = _statistics(z, a)
                    history["activation_mean"][epoch, j] = s.mean
                    history["activation_std"][epoch, j] = s.std
                    history["dead_fraction"][epoch, j] = s.dead_fraction
                history["grad_norm"][epoch] = [np.linalg.norm(grads[name]) for name in weights]
            if not np.isfinite(total):
                self._diverged_at = epoch
                break
        if not classify:
            history["accuracy"] = None
        return History(**history)
