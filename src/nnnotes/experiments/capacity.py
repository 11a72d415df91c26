"""Capacity and size: universal approximation, depth at a fixed budget, overfitting, regularization, minima.

The settings, shared by the figures and the numbers on the page:

* universal approximation: the 1-D target f(x) = sin(3x)·exp(−x²/4) on [−3, 3], 200
  noise-free samples (``sample_function``, seed ``SEED``); ``MLP([1, H, 1], "tanh")`` for each
  width H in ``UAT_WIDTHS``, trained on the mean squared error by full-batch gradient descent
  with momentum; the error is measured on a grid of 6001 points;
* Nielsen's bumps: n pairs of steep sigmoids (w = ``STEEP``) written as the weights of an
  ``MLP([1, 2n, 1], "sigmoid")``, evaluated by the model's forward pass;
* overfitting and regularization: noisy XOR (``xor``, 100 points, noise 0.7, seed ``SEED``),
  a held-out set of 4000 points (seed ``TEST_SEED``), ``MLP([2, H, 1])`` with ReLU, binary
  cross-entropy, the initialization seeds ``SEEDS``;
* depth and minima: ``spirals`` with 5 arms (150 points, noise 0.1, seed ``SEED``), a held-out
  set of 2000 points (seed ``TEST_SEED``), ReLU nets, softmax cross-entropy.

Many small nets of one shape are trained at once by :func:`train_nets`, which stacks their
parameters and makes the updates ``MLP.fit`` would make for each of them (up to rounding; a
test checks this), so that 20 seeds cost little more than a few. Every experiment is deterministic and
cached (``functools.cache``); returned arrays are read-only.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np

from ..activations import get_activation
from ..datasets import sample_function, spirals, xor
from ..layers import dropout_backward, dropout_forward
from ..losses import get_loss, softmax_cross_entropy
from ..model import MLP
from ..optim import SGD
from .claims import claim

SEED = 0  # data, and the net that a figure draws
TEST_SEED = 1  # held-out data
MOMENTUM = 0.9  # every run on this page uses full-batch gradient descent with this momentum

# --- universal approximation
UAT_LOW, UAT_HIGH = -3.0, 3.0
UAT_SAMPLES = 200
UAT_GRID = 6001
UAT_WIDTHS = (1, 3, 10, 50)
UAT_LR = 0.03
UAT_EPOCHS = 3000
STEEP = 1000.0  # the weight of Nielsen's step-like sigmoids
BUMP_COUNTS = (5, 10, 20, 40, 80, 160)
SHOWN_BUMPS = 10

# --- capacity and regularization (noisy XOR)
XOR_SAMPLES = 100
XOR_NOISE = 0.7
XOR_TEST_SAMPLES = 4000
SIZE_WIDTHS = (3, 6, 20)
BIG = 20  # the width that the regularization section keeps
SEEDS = (0, 1, 2, 3, 4)
SIZE_LR = 0.5
SIZE_EPOCHS = 3000
L2_STRENGTHS = (0.001, 0.01, 0.1)
P_DROP = 0.2
P_DROP_HIGH = 0.5
INPUT_NOISE = 0.3

# --- depth and minima (5-arm spirals)
SPIRAL_SAMPLES = 150
SPIRAL_TEST_SAMPLES = 2000
SPIRAL_ARMS = 5
SPIRAL_NOISE = 0.1
BUDGET = 300  # parameters of every net in the depth comparison
DEPTHS = (2, 3, 4, 5)  # layers with weights: depth − 1 hidden layers
DEPTH_SEEDS = tuple(range(8))
DEPTH_LR = 0.1
DEPTH_LOW_LR = 0.03
DEPTH_EPOCHS = 1000
MINIMA_WIDTHS = (4, 40)  # small, large
MINIMA_SEEDS = tuple(range(20))
MINIMA_LR = 0.1
MINIMA_EPOCHS = 1000
RECORD_EVERY = 20


def _frozen(*arrays):
    for a in arrays:
        a.flags.writeable = False
    return arrays


# --- training many nets of one shape at once ------------------------------------------------

def train_nets(nets, X, y, *, loss, lr, epochs, momentum=0.0, reg=0.0, p_drop=0.0, input_noise=0.0,
               seed=SEED, record_every=None):
    """Train K nets of the same sizes at once by full-batch gradient descent (with momentum).

    nets : list of K ``MLP`` with equal ``sizes``, activations and dtype, without batch norm;
        their parameters are updated in place, as ``MLP.fit`` does.
    X : ndarray of shape (N, D).  y : labels of shape (N,) (or float targets for ``loss="mse"``).
    reg : L2 strength λ, one number or one per net (shape (K,)): adds (λ/2)·Σ‖W‖² as ``fit`` does.
    p_drop : inverted dropout on every hidden layer's output during training
        (``nnnotes.layers.dropout_forward``), probability of dropping a unit.
    input_noise : σ, one number or one per net: each epoch every net sees X + σ·N(0, 1), a fresh draw.
    seed : seeds the dropout masks and the input noise.
    record_every : if given, also return each net's training loss every that many epochs.

    Parameter ``W`` of layer i is stacked to shape (K, H_{i−1}, H_i), so every layer is one
    batched product z = h·W + b with h of shape (K, N, H_{i−1}) (or (N, D) at the input) and
    z of shape (K, N, H_i). The loss is evaluated on the K·N rows at once; it is the mean over
    K·N rows, so its gradient is multiplied by K to give each net the gradient of its own
    mean over N rows. Without dropout and input noise each net therefore makes the same updates
    as ``MLP.fit(X, y, lr=lr, epochs=epochs, momentum=momentum, reg=λ_k)``: bit for bit when
    K = 1, up to floating-point rounding otherwise (the 1/(K·N) scaling rounds differently).
    Over thousands of epochs at a high learning rate such rounding differences can grow, so a
    net trained here and the same net trained alone may end at different weights; the
    experiments only use this for statistics over seeds.

    Returns None, or when ``record_every`` is given an ndarray of shape (epochs // record_every, K):
    row r holds each net's data loss (no penalty) on its training pass at epoch r·record_every,
    before that epoch's update.
    """
    if not nets or len({(tuple(n.sizes), tuple(n.activations), n.dtype, n.batchnorm) for n in nets}) != 1:
        raise ValueError("nets must be a non-empty list of MLPs with the same sizes, activations and dtype")
    if nets[0].batchnorm:
        raise ValueError("train_nets does not handle batch norm")
    k, n_layers, dtype = len(nets), nets[0].n_layers, nets[0].dtype
    X = np.asarray(X, dtype=dtype)
    acts = [get_activation(name) for name in nets[0].activations]
    loss_fn = get_loss(loss)
    params = {name: np.stack([net.params[name] for net in nets]) for name in nets[0].params}
    lam = np.broadcast_to(np.asarray(reg, dtype=dtype), (k,))[:, None, None]
    sigma = np.broadcast_to(np.asarray(input_noise, dtype=dtype), (k,))[:, None, None]
    targets = np.concatenate([y] * k)
    rng = np.random.default_rng(seed)
    optimizer = SGD(lr, momentum)
    records = [] if record_every else None
    for epoch in range(epochs):
        h = X + sigma * rng.standard_normal((k, *X.shape)) if np.any(sigma) else X
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
        if records is not None and epoch % record_every == 0:
            records.append([loss_fn(z[j], y)[0] for j in range(k)])
        _, dz = loss_fn(z.reshape(k * X.shape[0], -1), targets)
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
        optimizer.step(params, grads)
    for j, net in enumerate(nets):
        for name, value in net.params.items():
            value[...] = params[name][j]
    return None if records is None else np.array(records)


def accuracy(net, X, y):
    """Fraction of rows of X (N, D) whose predicted class equals y (N,)."""
    return float(np.mean(net.predict(X) == y))


def decision_grid(net, extent, n=150):
    """The net's scores on an n × n grid over extent = (x_min, x_max, y_min, y_max).

    Returns (xs, ys, scores): xs and ys of shape (n,), scores of shape (n, n, C) with
    scores[i, j] the output for the point (xs[j], ys[i]).
    """
    xs = np.linspace(extent[0], extent[1], n)
    ys = np.linspace(extent[2], extent[3], n)
    gx, gy = np.meshgrid(xs, ys)
    scores = net.forward(np.column_stack([gx.ravel(), gy.ravel()]), train=False)
    return xs, ys, scores.reshape(n, n, -1)


# --- universal approximation ---------------------------------------------------------------

def uat_target(x):
    """f(x) = sin(3x)·exp(−x²/4), elementwise on an ndarray of any shape."""
    return np.sin(3 * x) * np.exp(-(x**2) / 4)


@functools.cache
def uat_data():
    """(X, y, grid): X of shape (200, 1) in [−3, 3], y = f(X) of shape (200,) without noise,
    grid of shape (6001,) spanning [−3, 3] (spacing 0.001) where the error is measured."""
    X, y = sample_function(uat_target, UAT_SAMPLES, low=UAT_LOW, high=UAT_HIGH, noise=0.0,
                           rng=np.random.default_rng(SEED))
    return _frozen(X, y, np.linspace(UAT_LOW, UAT_HIGH, UAT_GRID))


def uat_net(width, seed=SEED):
    """A fresh ``MLP([1, width, 1], "tanh")`` whose hidden units are spread over [−3, 3].

    Unit j computes tanh(w_j·x + b_j); its transition is centred at c_j = −b_j / w_j. With
    zero biases every centre would sit at x = 0, so we draw w_j ~ N(0, 1) and c_j ~ U(−3, 3)
    and set b_j = −w_j·c_j. The output layer keeps its Xavier-normal weights.
    """
    rng = np.random.default_rng(seed)
    net = MLP([1, width, 1], "tanh", rng=rng, init="xavier_normal")
    w = rng.standard_normal(width)
    centres = rng.uniform(UAT_LOW, UAT_HIGH, width)
    net.params["W1"][0] = w
    net.params["b1"][:] = -w * centres
    return net


@dataclass(frozen=True)
class Fit:
    """A trained one-hidden-layer fit: width, prediction on the grid (6001,), max |f − g|, final MSE."""

    width: int
    prediction: np.ndarray
    max_error: float
    training_mse: float


@functools.cache
def uat_fit(width):
    """Train ``uat_net(width)`` on the mean squared error and measure max |f(x) − g(x)| on the grid."""
    X, y, grid = uat_data()
    net = uat_net(width)
    history = net.fit(X, y, loss="mse", lr=UAT_LR, epochs=UAT_EPOCHS, momentum=MOMENTUM)
    prediction = net.forward(grid[:, None], train=False)[:, 0]
    (prediction,) = _frozen(prediction)
    return Fit(width, prediction, float(np.max(np.abs(prediction - uat_target(grid)))), float(history.loss[-1]))


def bump_net(n_bumps, *, steep=STEEP, f=uat_target, low=UAT_LOW, high=UAT_HIGH):
    """Nielsen's construction as an ``MLP([1, 2n, 1], "sigmoid")`` with hand-set weights.

    [low, high] is cut into n equal intervals [a_i, a_{i+1}]; bump i is
    h_i·σ(w(x − a_i)) − h_i·σ(w(x − a_{i+1})) with w = ``steep`` and the height h_i = f at the
    interval's midpoint. A unit σ(w·x + b) steps from 0 to 1 at s = −b/w, so hidden units
    2i and 2i + 1 have weight w and biases −w·a_i and −w·a_{i+1}, and output weights +h_i and −h_i.
    """
    edges = np.linspace(low, high, n_bumps + 1)
    heights = f((edges[:-1] + edges[1:]) / 2)
    net = MLP([1, 2 * n_bumps, 1], "sigmoid", rng=np.random.default_rng(SEED))
    net.params["W1"][:] = steep
    net.params["b1"][:] = -steep * np.column_stack([edges[:-1], edges[1:]]).ravel()
    net.params["W2"][:, 0] = np.column_stack([heights, -heights]).ravel()
    net.params["b2"][:] = 0.0
    return net


def bump_output(n_bumps, x, **kwargs):
    """g(x) of ``bump_net(n_bumps)`` for x of shape (M,); returns shape (M,)."""
    return bump_net(n_bumps, **kwargs).forward(np.asarray(x, dtype=np.float64)[:, None], train=False)[:, 0]


def single_bump(x, s1, s2, height, steep=STEEP):
    """The two steps h·σ(w(x − s1)) and h·σ(w(x − s2)) and their difference (a bump), each shape x.shape.

    Computed with ``nnnotes.activations`` sigmoid; the bias of each step is b = −w·s.
    """
    sigmoid = get_activation("sigmoid")
    up = height * sigmoid.forward(steep * x - steep * s1)[0]
    down = height * sigmoid.forward(steep * x - steep * s2)[0]
    return up, down, up - down


@functools.cache
def bump_error(n_bumps):
    """max |f − g| on the grid of ``uat_data`` for the sum of n bumps."""
    _, _, grid = uat_data()
    return float(np.max(np.abs(bump_output(n_bumps, grid) - uat_target(grid))))


@functools.cache
def bump_errors(counts=BUMP_COUNTS):
    """``bump_error(n)`` for every n in ``counts``; ndarray of shape (len(counts),)."""
    (errors,) = _frozen(np.array([bump_error(n) for n in counts]))
    return errors


def bumps_to_match(error, high=512):
    """Smallest n ≤ high with bump_error(n) ≤ error, by bisection (the error falls roughly as 1/n).

    Returns n with bump_error(n) ≤ error < bump_error(n − 1); raises ValueError if even
    ``high`` bumps do not reach ``error``.
    """
    if bump_error(high) > error:
        raise ValueError(f"{high} bumps do not reach a max error of {error}")
    low = 1  # invariant: bump_error(low) > error >= bump_error(high)
    if bump_error(low) <= error:
        return low
    while high - low > 1:
        mid = (low + high) // 2
        low, high = (low, mid) if bump_error(mid) <= error else (mid, high)
    return high


# --- capacity and regularization on noisy XOR -----------------------------------------------

@functools.cache
def xor_data():
    """(X, y, X_test, y_test): 100 training points and 4000 held-out points of noisy XOR (noise 0.7)."""
    X, y = xor(XOR_SAMPLES, noise=XOR_NOISE, rng=np.random.default_rng(SEED))
    Xt, yt = xor(XOR_TEST_SAMPLES, noise=XOR_NOISE, rng=np.random.default_rng(TEST_SEED))
    return _frozen(X, y, Xt, yt)


def bayes_accuracy(noise=XOR_NOISE):
    """Best possible accuracy on ``xor`` data: p² + (1 − p)² with p = Φ(1/noise).

    The optimal rule predicts from the signs of the two coordinates. Each sign matches its
    corner's with probability p = Φ(1/σ); the label comes out right when both match or both flip.
    """
    p = 0.5 * (1 + math.erf(1 / noise / math.sqrt(2)))
    return p * p + (1 - p) ** 2


@dataclass(frozen=True)
class Runs:
    """Nets trained from the seeds ``SEEDS`` (one per seed) and their accuracies, each of shape (K,)."""

    nets: tuple
    train_accuracy: np.ndarray
    test_accuracy: np.ndarray

    @property
    def shown(self):
        """The net the figures draw: the one from seed ``SEED``."""
        return self.nets[SEEDS.index(SEED)]


def _xor_runs(width, **options):
    X, y, Xt, yt = xor_data()
    nets = [MLP([2, width, 1], rng=np.random.default_rng(seed)) for seed in SEEDS]
    train_nets(nets, X, y, loss="binary_cross_entropy", lr=SIZE_LR, epochs=SIZE_EPOCHS, momentum=MOMENTUM,
               **options)
    train = np.array([accuracy(net, X, y) for net in nets])
    test = np.array([accuracy(net, Xt, yt) for net in nets])
    return Runs(tuple(nets), *_frozen(train, test))


@functools.cache
def size_runs(width):
    """``MLP([2, width, 1])`` on noisy XOR, no regularization, one net per seed in ``SEEDS``."""
    return _xor_runs(width)


@functools.cache
def l2_runs():
    """The 20-unit net with each L2 strength in ``L2_STRENGTHS``: a dict λ -> Runs (one batched run)."""
    X, y, Xt, yt = xor_data()
    nets = [MLP([2, BIG, 1], rng=np.random.default_rng(seed)) for _ in L2_STRENGTHS for seed in SEEDS]
    regs = [lam for lam in L2_STRENGTHS for _ in SEEDS]
    train_nets(nets, X, y, loss="binary_cross_entropy", lr=SIZE_LR, epochs=SIZE_EPOCHS, momentum=MOMENTUM,
               reg=regs)
    out, k = {}, len(SEEDS)
    for i, lam in enumerate(L2_STRENGTHS):
        group = nets[i * k : (i + 1) * k]
        train = np.array([accuracy(net, X, y) for net in group])
        test = np.array([accuracy(net, Xt, yt) for net in group])
        out[lam] = Runs(tuple(group), *_frozen(train, test))
    return out


@functools.cache
def dropout_runs(p_drop=P_DROP):
    """The 20-unit net trained with inverted dropout (probability ``p_drop``) on its hidden layer."""
    return _xor_runs(BIG, p_drop=p_drop)


@functools.cache
def input_noise_runs(sigma=INPUT_NOISE):
    """The 20-unit net trained on X + σ·N(0, 1), a fresh draw every epoch."""
    return _xor_runs(BIG, input_noise=sigma)


def weight_norm(net):
    """√(Σ‖W‖²) over the weight matrices of ``net`` (biases excluded), the quantity L2 penalizes."""
    return float(np.sqrt(sum(np.sum(net.params[f"W{i}"] ** 2) for i in range(1, net.n_layers + 1))))


# --- depth at a fixed parameter budget -----------------------------------------------------

def n_parameters(sizes):
    """Weights and biases of ``MLP(sizes)``: Σ_i (sizes[i] + 1)·sizes[i + 1]."""
    return sum((a + 1) * b for a, b in zip(sizes, sizes[1:]))


def same_budget_sizes(depth, budget=BUDGET, inputs=2, outputs=SPIRAL_ARMS):
    """Layer sizes [D, H, …, H, C] with depth − 1 equal hidden layers whose parameter count is
    closest to ``budget`` (the smaller H on a tie)."""
    best = None
    for width in range(1, budget + 1):
        sizes = [inputs] + [width] * (depth - 1) + [outputs]
        gap = abs(n_parameters(sizes) - budget)
        if best is None or gap < best[0]:
            best = (gap, sizes)
    return best[1]


@functools.cache
def spiral_data():
    """(X, y, X_test, y_test): 5-arm spirals, 150 training and 2000 held-out points, noise 0.1."""
    X, y = spirals(SPIRAL_SAMPLES, n_classes=SPIRAL_ARMS, noise=SPIRAL_NOISE, rng=np.random.default_rng(SEED))
    Xt, yt = spirals(SPIRAL_TEST_SAMPLES, n_classes=SPIRAL_ARMS, noise=SPIRAL_NOISE,
                     rng=np.random.default_rng(TEST_SEED))
    return _frozen(X, y, Xt, yt)


@dataclass(frozen=True)
class SpiralRuns:
    """Nets of one shape trained from several seeds on the spirals.

    sizes : the layer sizes.  final_loss, test_accuracy : ndarray of shape (K,), the training
    cross-entropy after the last update and the held-out accuracy.  curves : None, or ndarray
    of shape (epochs // RECORD_EVERY, K), the training loss every RECORD_EVERY epochs.
    """

    sizes: tuple
    final_loss: np.ndarray
    test_accuracy: np.ndarray
    curves: np.ndarray | None


def _spiral_runs(sizes, seeds, lr, epochs, record_every=None):
    X, y, Xt, yt = spiral_data()
    nets = [MLP(list(sizes), rng=np.random.default_rng(seed)) for seed in seeds]
    curves = train_nets(nets, X, y, loss="softmax_cross_entropy", lr=lr, epochs=epochs, momentum=MOMENTUM,
                        record_every=record_every)
    final = np.array([softmax_cross_entropy(net.forward(X, train=False), y)[0] for net in nets])
    test = np.array([accuracy(net, Xt, yt) for net in nets])
    if curves is not None:
        (curves,) = _frozen(curves)
    return SpiralRuns(tuple(sizes), *_frozen(final, test), curves)


@functools.cache
def depth_runs(depth, lr=DEPTH_LR):
    """The same-budget net with ``depth`` layers, trained from every seed in ``DEPTH_SEEDS``."""
    return _spiral_runs(tuple(same_budget_sizes(depth)), DEPTH_SEEDS, lr, DEPTH_EPOCHS)


STUCK_BELOW = 0.9  # held-out accuracy under which a spiral run counts as stuck


def stuck(runs):
    """Boolean (K,): runs whose held-out accuracy stayed below 90 % (chance is 20 % for 5 arms)."""
    return runs.test_accuracy < STUCK_BELOW


@functools.cache
def minima_runs(width):
    """``MLP([2, width, 5])`` on the spirals, one run per seed in ``MINIMA_SEEDS``."""
    return _spiral_runs((2, width, SPIRAL_ARMS), MINIMA_SEEDS, MINIMA_LR, MINIMA_EPOCHS, RECORD_EVERY)


# --- claims: settings ----------------------------------------------------------------------

@claim("capacity.seed", fmt="d", expect=lambda v: v == 0)
def claim_seed():
    return SEED


@claim("capacity.test_seed", fmt="d", expect=lambda v: v == 1)
def claim_test_seed():
    return TEST_SEED


@claim("capacity.momentum", fmt="g", expect=lambda v: v == 0.9)
def claim_momentum():
    return MOMENTUM


@claim("capacity.uat_samples", fmt="d", expect=lambda v: v == 200)
def claim_uat_samples():
    return UAT_SAMPLES


@claim("capacity.uat_lr", fmt="g", expect=lambda v: v == 0.03)
def claim_uat_lr():
    return UAT_LR


@claim("capacity.uat_epochs", fmt="d", expect=lambda v: v == 3000)
def claim_uat_epochs():
    return UAT_EPOCHS


@claim("capacity.steep", fmt=".0f", expect=lambda v: v == 1000)
def claim_steep():
    return STEEP


@claim("capacity.shown_bumps", fmt="d", expect=lambda v: v == 10)
def claim_shown_bumps():
    return SHOWN_BUMPS


@claim("capacity.xor_samples", fmt="d", expect=lambda v: v == 100)
def claim_xor_samples():
    return XOR_SAMPLES


@claim("capacity.xor_test_samples", fmt="d", expect=lambda v: v == 4000)
def claim_xor_test_samples():
    return XOR_TEST_SAMPLES


@claim("capacity.xor_noise", fmt="g", expect=lambda v: v == 0.7)
def claim_xor_noise():
    return XOR_NOISE


@claim("capacity.n_seeds", fmt="d", expect=lambda v: v == 5)
def claim_n_seeds():
    return len(SEEDS)


@claim("capacity.size_lr", fmt="g", expect=lambda v: v == 0.5)
def claim_size_lr():
    return SIZE_LR


@claim("capacity.size_epochs", fmt="d", expect=lambda v: v == 3000)
def claim_size_epochs():
    return SIZE_EPOCHS


@claim("capacity.p_drop", fmt="g", expect=lambda v: v == 0.2)
def claim_p_drop():
    return P_DROP


@claim("capacity.p_drop_high", fmt="g", expect=lambda v: v == 0.5)
def claim_p_drop_high():
    return P_DROP_HIGH


@claim("capacity.input_noise", fmt="g", expect=lambda v: v == 0.3)
def claim_input_noise():
    return INPUT_NOISE


@claim("capacity.spiral_samples", fmt="d", expect=lambda v: v == 150)
def claim_spiral_samples():
    return SPIRAL_SAMPLES


@claim("capacity.spiral_test_samples", fmt="d", expect=lambda v: v == 2000)
def claim_spiral_test_samples():
    return SPIRAL_TEST_SAMPLES


@claim("capacity.spiral_noise", fmt="g", expect=lambda v: v == 0.1)
def claim_spiral_noise():
    return SPIRAL_NOISE


@claim("capacity.budget", fmt="d", expect=lambda v: v == 300)
def claim_budget():
    return BUDGET


@claim("capacity.depth_seeds", fmt="d", expect=lambda v: v == 8)
def claim_depth_seeds():
    return len(DEPTH_SEEDS)


@claim("capacity.depth_lr", fmt="g", expect=lambda v: v == 0.1)
def claim_depth_lr():
    return DEPTH_LR


@claim("capacity.depth_low_lr", fmt="g", expect=lambda v: v == 0.03)
def claim_depth_low_lr():
    return DEPTH_LOW_LR


@claim("capacity.depth_epochs", fmt="d", expect=lambda v: v == 1000)
def claim_depth_epochs():
    return DEPTH_EPOCHS


@claim("capacity.minima_small", fmt="d", expect=lambda v: v == 4)
def claim_minima_small():
    return MINIMA_WIDTHS[0]


@claim("capacity.minima_large", fmt="d", expect=lambda v: v == 40)
def claim_minima_large():
    return MINIMA_WIDTHS[1]


@claim("capacity.minima_seeds", fmt="d", expect=lambda v: v == 20)
def claim_minima_seeds():
    return len(MINIMA_SEEDS)


@claim("capacity.minima_epochs", fmt="d", expect=lambda v: v == 1000)
def claim_minima_epochs():
    return MINIMA_EPOCHS


@claim("capacity.stuck_below", fmt=".0%", expect=lambda v: v == 0.9)
def claim_stuck_below():
    return STUCK_BELOW


# --- claims: universal approximation -------------------------------------------------------

@claim("capacity.uat_error_1", fmt=".3f", expect=lambda v: v > 0.5)
def claim_uat_error_1():
    """One tanh unit is monotone: it cannot follow the oscillation at all."""
    return uat_fit(1).max_error


@claim("capacity.uat_error_3", fmt=".3f", expect=lambda v: v < claim_uat_error_1())
def claim_uat_error_3():
    return uat_fit(3).max_error


@claim("capacity.uat_error_10", fmt=".3f", expect=lambda v: v < claim_uat_error_3())
def claim_uat_error_10():
    return uat_fit(10).max_error


@claim("capacity.uat_error_50", fmt=".3f", expect=lambda v: v < min(0.05, claim_uat_error_10()))
def claim_uat_error_50():
    return uat_fit(50).max_error


@claim("capacity.bump_error_10", fmt=".2f", expect=lambda v: 0.3 < v < 1.2)
def claim_bump_error_10():
    return bump_error(10)


@claim("capacity.bump_error_160", fmt=".3f", expect=lambda v: v < 0.1)
def claim_bump_error_160():
    return bump_error(BUMP_COUNTS[-1])


@claim("capacity.bump_counts_ratio", fmt="d", expect=lambda v: v == 16)
def claim_bump_counts_ratio():
    """160 bumps are 16 times 10 bumps."""
    return BUMP_COUNTS[-1] // 10


@claim("capacity.bump_error_factor", fmt=".1f", expect=lambda v: 10 < v < 25)
def claim_bump_error_factor():
    """16 times more bumps cut the max error by a factor near 16: the error falls about as 1/n."""
    return bump_error(10) / bump_error(BUMP_COUNTS[-1])


@claim("capacity.bump_error_25", fmt=".2f", expect=lambda v: v > 5 * claim_uat_error_50())
def claim_bump_error_25():
    """25 bumps use 50 hidden units, as many as the widest trained net."""
    return bump_error(25)


@claim("capacity.bumps_to_match", fmt="d", expect=lambda v: v > 100)
def claim_bumps_to_match():
    """Bumps needed to reach the max error of the trained 50-unit net (2n hidden units)."""
    return bumps_to_match(uat_fit(50).max_error)


@claim("capacity.bump_units_to_match", fmt="d", expect=lambda v: v == 2 * claim_bumps_to_match())
def claim_bump_units_to_match():
    return 2 * claim_bumps_to_match()


# --- claims: capacity and overfitting ------------------------------------------------------

@claim("capacity.bayes_accuracy", fmt=".1%", expect=lambda v: 0.85 < v < 0.87)
def claim_bayes_accuracy():
    return bayes_accuracy()


@claim("capacity.train_3", fmt=".1%", expect=lambda v: v < claim_train_6())
def claim_train_3():
    return float(size_runs(3).train_accuracy.mean())


@claim("capacity.train_6", fmt=".1%", expect=lambda v: v < claim_train_20())
def claim_train_6():
    return float(size_runs(6).train_accuracy.mean())


@claim("capacity.train_20", fmt=".1%", expect=lambda v: v > claim_bayes_accuracy() + 0.05)
def claim_train_20():
    """The 20-unit net beats the best possible classifier on its own training points: it fits noise."""
    return float(size_runs(20).train_accuracy.mean())


@claim("capacity.test_3", fmt=".1%", expect=lambda v: v < claim_test_6())
def claim_test_3():
    return float(size_runs(3).test_accuracy.mean())


@claim("capacity.test_6", fmt=".1%", expect=lambda v: v < claim_bayes_accuracy())
def claim_test_6():
    return float(size_runs(6).test_accuracy.mean())


@claim("capacity.test_20", fmt=".1%", expect=lambda v: v < claim_test_6())
def claim_test_20():
    """More units, more training accuracy, less held-out accuracy."""
    return float(size_runs(20).test_accuracy.mean())


@claim("capacity.gap_6", fmt=".1%", expect=lambda v: 0 < v < claim_gap_20())
def claim_gap_6():
    """Training minus held-out accuracy."""
    return claim_train_6() - claim_test_6()


@claim("capacity.gap_20", fmt=".1%", expect=lambda v: v > 0.1)
def claim_gap_20():
    return claim_train_20() - claim_test_20()


# --- claims: regularization ----------------------------------------------------------------

@claim("capacity.l2_train_0001", fmt=".1%", expect=lambda v: v < claim_train_20())
def claim_l2_train_0001():
    return float(l2_runs()[0.001].train_accuracy.mean())


@claim("capacity.l2_train_001", fmt=".1%", expect=lambda v: v < claim_l2_train_0001())
def claim_l2_train_001():
    return float(l2_runs()[0.01].train_accuracy.mean())


@claim("capacity.l2_train_01", fmt=".1%", expect=lambda v: v < claim_l2_train_001())
def claim_l2_train_01():
    return float(l2_runs()[0.1].train_accuracy.mean())


@claim("capacity.l2_test_0001", fmt=".1%", expect=lambda v: v > max(claim_test_20(), claim_test_6()))
def claim_l2_test_0001():
    return float(l2_runs()[0.001].test_accuracy.mean())


@claim("capacity.l2_test_001", fmt=".1%", expect=lambda v: v > max(claim_test_20(), claim_test_6()))
def claim_l2_test_001():
    return float(l2_runs()[0.01].test_accuracy.mean())


@claim("capacity.l2_test_01", fmt=".1%", expect=lambda v: v < min(claim_test_20(), claim_test_6()))
def claim_l2_test_01():
    """λ = 0.1 is too strong for 100 points: the net underfits."""
    return float(l2_runs()[0.1].test_accuracy.mean())


@claim("capacity.best_minus_bayes", fmt=".1%", expect=lambda v: 0 < v < 2 * claim_heldout_sampling_error())
def claim_best_minus_bayes():
    """Held-out accuracy at λ = 0.01 minus the Bayes rate: slightly above it, by less than two
    standard deviations of the held-out set's sampling error (so it is sampling error)."""
    return claim_l2_test_001() - claim_bayes_accuracy()


@claim("capacity.norm_none", fmt=".1f", expect=lambda v: v > 2 * claim_norm_0001())
def claim_norm_none():
    """Mean √(Σ‖W‖²) of the unregularized 20-unit nets."""
    return float(np.mean([weight_norm(net) for net in size_runs(BIG).nets]))


@claim("capacity.norm_0001", fmt=".1f", expect=lambda v: v > claim_norm_001())
def claim_norm_0001():
    return float(np.mean([weight_norm(net) for net in l2_runs()[0.001].nets]))


@claim("capacity.norm_001", fmt=".1f", expect=lambda v: v > claim_norm_01())
def claim_norm_001():
    return float(np.mean([weight_norm(net) for net in l2_runs()[0.01].nets]))


@claim("capacity.norm_01", fmt=".2f", expect=lambda v: 0 < v < 2)
def claim_norm_01():
    return float(np.mean([weight_norm(net) for net in l2_runs()[0.1].nets]))


@claim("capacity.dropout_train", fmt=".1%", expect=lambda v: v < claim_train_20())
def claim_dropout_train():
    return float(dropout_runs().train_accuracy.mean())


@claim("capacity.dropout_test", fmt=".1%", expect=lambda v: v > claim_test_20())
def claim_dropout_test():
    return float(dropout_runs().test_accuracy.mean())


@claim("capacity.dropout_high_test", fmt=".1%", expect=lambda v: v < claim_test_20())
def claim_dropout_high_test():
    """p = 0.5 drops half of only 20 units: too much for this net."""
    return float(dropout_runs(P_DROP_HIGH).test_accuracy.mean())


@claim("capacity.noise_train", fmt=".1%", expect=lambda v: v < claim_train_20())
def claim_noise_train():
    return float(input_noise_runs().train_accuracy.mean())


@claim("capacity.noise_test", fmt=".1%", expect=lambda v: v > claim_test_20())
def claim_noise_test():
    return float(input_noise_runs().test_accuracy.mean())


# --- claims: depth at a fixed budget -------------------------------------------------------

def _median_accuracy(depth, lr=DEPTH_LR):
    return float(np.median(depth_runs(depth, lr).test_accuracy))


def _median_loss(depth):
    return float(np.median(depth_runs(depth).final_loss))


@claim("capacity.params_2", fmt="d", expect=lambda v: abs(v - BUDGET) <= 0.05 * BUDGET)
def claim_params_2():
    return n_parameters(same_budget_sizes(2))


@claim("capacity.params_3", fmt="d", expect=lambda v: abs(v - BUDGET) <= 0.05 * BUDGET)
def claim_params_3():
    return n_parameters(same_budget_sizes(3))


@claim("capacity.params_4", fmt="d", expect=lambda v: abs(v - BUDGET) <= 0.05 * BUDGET)
def claim_params_4():
    return n_parameters(same_budget_sizes(4))


@claim("capacity.params_5", fmt="d", expect=lambda v: abs(v - BUDGET) <= 0.05 * BUDGET)
def claim_params_5():
    return n_parameters(same_budget_sizes(5))


@claim("capacity.depth_acc_2", fmt=".1%", expect=lambda v: v < claim_depth_acc_3() - 0.01)
def claim_depth_acc_2():
    """Median held-out accuracy over the seeds."""
    return _median_accuracy(2)


@claim("capacity.depth_acc_3", fmt=".1%", expect=lambda v: v > 0.97)
def claim_depth_acc_3():
    return _median_accuracy(3)


@claim("capacity.depth_acc_4", fmt=".1%", expect=lambda v: v < claim_depth_acc_3() + 0.005)
def claim_depth_acc_4():
    """A fourth layer adds nothing over three."""
    return _median_accuracy(4)


@claim("capacity.depth_acc_5", fmt=".1%", expect=lambda v: v < claim_depth_acc_2())
def claim_depth_acc_5():
    return _median_accuracy(5)


@claim("capacity.depth_loss_2", fmt=".3f", expect=lambda v: v > 2 * claim_depth_loss_3())
def claim_depth_loss_2():
    """Median final training loss."""
    return _median_loss(2)


@claim("capacity.depth_loss_3", fmt=".3f", expect=lambda v: v < 0.1)
def claim_depth_loss_3():
    return _median_loss(3)


@claim("capacity.depth_loss_4", fmt=".3f", expect=lambda v: abs(v - claim_depth_loss_3()) < 0.02)
def claim_depth_loss_4():
    return _median_loss(4)


@claim("capacity.stuck_2", fmt="d", expect=lambda v: v == 0)
def claim_stuck_2():
    return int(stuck(depth_runs(2)).sum())


@claim("capacity.stuck_3", fmt="d", expect=lambda v: v == 0)
def claim_stuck_3():
    return int(stuck(depth_runs(3)).sum())


@claim("capacity.stuck_4", fmt="d", expect=lambda v: 0 <= v <= 2)
def claim_stuck_4():
    return int(stuck(depth_runs(4)).sum())


@claim("capacity.stuck_5", fmt="d", expect=lambda v: v >= len(DEPTH_SEEDS) / 2)
def claim_stuck_5():
    """At the shared learning rate, most of the 5-layer runs get stuck."""
    return int(stuck(depth_runs(5)).sum())


@claim("capacity.stuck_5_low_lr", fmt="d", expect=lambda v: v < claim_stuck_5())
def claim_stuck_5_low_lr():
    return int(stuck(depth_runs(5, DEPTH_LOW_LR)).sum())


@claim("capacity.depth_acc_5_low_lr", fmt=".1%", expect=lambda v: v > claim_depth_acc_2())
def claim_depth_acc_5_low_lr():
    return _median_accuracy(5, DEPTH_LOW_LR)


# --- claims: minima ------------------------------------------------------------------------

def _losses(width):
    return minima_runs(width).final_loss


@claim("capacity.minima_mean_small", fmt=".3f", expect=lambda v: v > 3 * claim_minima_mean_large())
def claim_minima_mean_small():
    return float(_losses(MINIMA_WIDTHS[0]).mean())


@claim("capacity.minima_mean_large", fmt=".3f", expect=lambda v: 0 < v < 0.3)
def claim_minima_mean_large():
    return float(_losses(MINIMA_WIDTHS[1]).mean())


@claim("capacity.minima_std_small", fmt=".3f", expect=lambda v: v > claim_minima_std_large())
def claim_minima_std_small():
    """Small-net spread larger than large-net spread (standard deviation over the seeds)."""
    return float(_losses(MINIMA_WIDTHS[0]).std())


@claim("capacity.minima_std_large", fmt=".4f", expect=lambda v: 0 < v < 0.01)
def claim_minima_std_large():
    return float(_losses(MINIMA_WIDTHS[1]).std())


@claim("capacity.minima_std_ratio", fmt=".0f", expect=lambda v: v > 10)
def claim_minima_std_ratio():
    return claim_minima_std_small() / claim_minima_std_large()


@claim("capacity.minima_cv_small", fmt=".0%", expect=lambda v: v > 3 * claim_minima_cv_large())
def claim_minima_cv_small():
    """Relative spread std / mean: larger for the small net even after dividing out its larger loss."""
    return claim_minima_std_small() / claim_minima_mean_small()


@claim("capacity.minima_cv_large", fmt=".1%", expect=lambda v: 0 < v < 0.05)
def claim_minima_cv_large():
    return claim_minima_std_large() / claim_minima_mean_large()


@claim("capacity.minima_best_small", fmt=".3f", expect=lambda v: v > claim_minima_worst_large())
def claim_minima_best_small():
    """Even the luckiest small net ends above the unluckiest large one."""
    return float(_losses(MINIMA_WIDTHS[0]).min())


@claim("capacity.minima_worst_small", fmt=".3f", expect=lambda v: v > claim_minima_best_small() + 0.3)
def claim_minima_worst_small():
    return float(_losses(MINIMA_WIDTHS[0]).max())


@claim("capacity.minima_best_large", fmt=".3f", expect=lambda v: v <= claim_minima_worst_large())
def claim_minima_best_large():
    return float(_losses(MINIMA_WIDTHS[1]).min())


@claim("capacity.minima_worst_large", fmt=".3f", expect=lambda v: v < 0.3)
def claim_minima_worst_large():
    return float(_losses(MINIMA_WIDTHS[1]).max())


@claim("capacity.minima_test_small", fmt=".1%", expect=lambda v: v < claim_minima_test_large())
def claim_minima_test_small():
    return float(minima_runs(MINIMA_WIDTHS[0]).test_accuracy.mean())


@claim("capacity.minima_test_large", fmt=".1%", expect=lambda v: v > 0.9)
def claim_minima_test_large():
    return float(minima_runs(MINIMA_WIDTHS[1]).test_accuracy.mean())


@claim("capacity.uat_widths", fmt="s", expect=lambda v: v == "1, 3, 10, 50")
def claim_uat_widths():
    return ", ".join(map(str, UAT_WIDTHS))


@claim("capacity.uat_grid", fmt="d", expect=lambda v: v == 6001)
def claim_uat_grid():
    return UAT_GRID


@claim("capacity.minima_lr", fmt="g", expect=lambda v: v == 0.1)
def claim_minima_lr():
    return MINIMA_LR


@claim("capacity.heldout_sampling_error", fmt=".2%", expect=lambda v: 0.004 < v < 0.007)
def claim_heldout_sampling_error():
    """Standard deviation of an accuracy near the Bayes rate measured on the held-out set: √(b(1 − b)/n)."""
    b = bayes_accuracy()
    return math.sqrt(b * (1 - b) / XOR_TEST_SAMPLES)


@claim("capacity.depth_loss_5", fmt=".3f", expect=lambda v: v > claim_depth_loss_2())
def claim_depth_loss_5():
    return _median_loss(5)


LEFT_POINTS = np.array([[-1.0, 1.0], [-1.0, -1.0], [-2.0, 2.0], [-2.0, -2.0]])  # corners of the left half


def _left_half_of_small_net():
    net = size_runs(SIZE_WIDTHS[0]).shown
    hidden = net.hidden_layers(LEFT_POINTS)[0][1]
    probability = get_activation("sigmoid").forward(net.forward(LEFT_POINTS, train=False)[:, 0])[0]
    return hidden, probability


@claim("capacity.three_left_probability", fmt=".2f",
       expect=lambda v: v < 0.5 and not _left_half_of_small_net()[0].any()
       and np.ptp(_left_half_of_small_net()[1]) == 0)
def claim_three_left_probability():
    """The drawn 3-neuron net (seed 0): all its ReLUs are off at the left corners, so it outputs
    the constant σ(b₂) there, below 0.5: class 0 for the whole left half."""
    return float(_left_half_of_small_net()[1][0])
