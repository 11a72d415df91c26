"""ReLU in practice: dead units versus learning rate, convergence speed by activation, learned PReLU slopes.

One setting is shared by every experiment here, so the numbers on the page can be compared
with each other:

* data: ``spirals`` with N = 200 points in 3 classes (noise 0.2) drawn with seed ``DATA_SEED``;
  a held-out set of the same size drawn with seed ``TEST_SEED``;
* net: ``MLP([2, WIDTH, 3])`` — one hidden layer of ``WIDTH`` units, He-normal weights, zero
  biases unless stated, softmax cross-entropy;
* training: full-batch gradient descent (one update per epoch), no momentum, no regularization;
* repetitions: the initialization seeds ``SEEDS`` (the data stay the same).

Every function is deterministic and cached (``functools.cache``): the claims and the figure
scripts share one computation. Returned arrays are read-only.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from ..activations import prelu_backward, prelu_forward
from ..datasets import spirals
from ..init import he_normal
from ..layers import affine_backward, affine_forward
from ..losses import softmax_cross_entropy
from ..model import MLP
from ..monitoring import dead_fraction, layer_statistics
from ..optim import SGD
from .claims import claim

N_SAMPLES = 200
DATA_SEED = 0
TEST_SEED = 100
WIDTH = 50
SEEDS = (0, 1, 2, 3, 4)

# dead units: 13 learning rates, log-spaced from 0.1 to 10 (six per decade)
SWEEP_LRS = tuple(float(10 ** (k / 6)) for k in range(-6, 7))
SWEEP_EPOCHS = 200
BIAS_INITS = (0.0, 0.01)
SENSIBLE_LR = 1.0  # the learning rate used wherever one "ordinary" rate is needed
SHOWN_LR = SWEEP_LRS[10]  # 10^(2/3) ≈ 4.64: the rate whose run the dead_relu figure draws
SHOWN_SEED = 0
KILLED_FRACTIONS = (0.0, 0.1, 0.2, 0.4)

# convergence: epochs (= full-batch updates) until the training error first reaches TARGET_ERROR
ACTIVATIONS = ("relu", "leaky_relu", "elu", "tanh", "sigmoid")
TARGET_ERROR = 0.25
SAME_LR = 1.0
LR_GRID = (0.3, 1.0, 3.0, 10.0, 30.0)
CURVE_EPOCHS = 700
MAX_EPOCHS = 700
CHUNK = 10

# PReLU: one slope per hidden unit, initialised as in He et al. (2015)
PRELU_ALPHA0 = 0.25
PRELU_LR = 1.0
PRELU_EPOCHS = 300


def _frozen(*arrays):
    for a in arrays:
        a.flags.writeable = False
    return arrays


@functools.cache
def spiral_data():
    """(X, y, X_test, y_test): X of shape (N, 2), y int of shape (N,), N = N_SAMPLES, 3 classes."""
    X, y = spirals(N_SAMPLES, rng=np.random.default_rng(DATA_SEED))
    Xt, yt = spirals(N_SAMPLES, rng=np.random.default_rng(TEST_SEED))
    return _frozen(X, y, Xt, yt)


def relu_net(seed, *, bias_init=0.0, hidden=(WIDTH,), activation="relu"):
    """A fresh ``MLP([2, *hidden, 3])`` from ``seed``, every hidden bias set to ``bias_init``."""
    net = MLP([2, *hidden, 3], activation=activation, rng=np.random.default_rng(seed))
    for i in range(1, len(hidden) + 1):
        net.params[f"b{i}"][...] = bias_init
    return net


def accuracy(net, X, y):
    """Fraction of rows of X (N, 2) that ``net`` classifies as y (N,)."""
    return float(np.mean(net.predict(X) == y))


# --- dead units versus learning rate -------------------------------------------------------

@dataclass(frozen=True)
class DeadSweep:
    """Dead ReLU units after training, for L learning rates and S seeds, one bias init.

    lrs : ndarray (L,).  dead : ndarray (L, S), fraction of the WIDTH hidden units whose
    pre-activation is ≤ 0 on every training point.  train_acc, test_acc : ndarray (L, S).
    W1 : ndarray (L, S, 2, WIDTH) and b1 : ndarray (L, S, WIDTH), the trained hidden layer
    (each unit j is the line W1[:, j]·x + b1[j] = 0 in the input plane).
    """

    bias_init: float
    lrs: np.ndarray
    dead: np.ndarray
    train_acc: np.ndarray
    test_acc: np.ndarray
    W1: np.ndarray
    b1: np.ndarray

    def at(self, lr):
        """Row index of ``lr`` in ``lrs``."""
        return int(np.flatnonzero(np.isclose(self.lrs, lr))[0])


@functools.cache
def dead_sweep(bias_init=0.0):
    """Train ``relu_net(seed, bias_init=bias_init)`` for SWEEP_EPOCHS full-batch epochs at every
    learning rate of SWEEP_LRS and every seed of SEEDS; measure dead fraction and accuracies."""
    X, y, Xt, yt = spiral_data()
    shape = (len(SWEEP_LRS), len(SEEDS))
    dead, train_acc, test_acc = np.zeros(shape), np.zeros(shape), np.zeros(shape)
    W1, b1 = np.zeros(shape + (2, WIDTH)), np.zeros(shape + (WIDTH,))
    for i, lr in enumerate(SWEEP_LRS):
        for j, seed in enumerate(SEEDS):
            net = relu_net(seed, bias_init=bias_init)
            net.fit(X, y, lr=lr, epochs=SWEEP_EPOCHS)
            dead[i, j] = layer_statistics(net, X)[0].dead_fraction
            train_acc[i, j], test_acc[i, j] = accuracy(net, X, y), accuracy(net, Xt, yt)
            W1[i, j], b1[i, j] = net.params["W1"], net.params["b1"]
    return DeadSweep(bias_init, *_frozen(np.array(SWEEP_LRS), dead, train_acc, test_acc, W1, b1))


@functools.cache
def dead_history(lr=SHOWN_LR, seed=SHOWN_SEED):
    """Dead fraction after each of SWEEP_EPOCHS epochs, ndarray (SWEEP_EPOCHS,), for one run."""
    X, y, _, _ = spiral_data()
    history = relu_net(seed).fit(X, y, lr=lr, epochs=SWEEP_EPOCHS, record_stats=True)
    return _frozen(history.dead_fraction[:, 0].copy())[0]


def kill_units(net, X, fraction):
    """Move the lines of the first round(fraction · H) hidden units just outside the data cloud.

    Unit j gets b1[j] = −max_n (X·W1)[n, j] − 0.1, so its pre-activation is ≤ −0.1 on every row
    of X (N, 2): the unit starts dead, as after a bad initialization. Returns the indices killed.
    """
    W1, b1 = net.params["W1"], net.params["b1"]
    k = int(round(fraction * W1.shape[1]))
    b1[:k] = -(X @ W1[:, :k]).max(axis=0) - 0.1
    return np.arange(k)


@functools.cache
def killed_units_experiment(lr=SENSIBLE_LR):
    """Accuracy with a given fraction of units dead from the start, trained at a sensible rate.

    For each fraction f of KILLED_FRACTIONS and each seed: ``kill_units`` at initialization, then
    SWEEP_EPOCHS epochs at ``lr``. Returns (dead, train_acc, test_acc), each ndarray (F, S).
    """
    X, y, Xt, yt = spiral_data()
    shape = (len(KILLED_FRACTIONS), len(SEEDS))
    dead, train_acc, test_acc = np.zeros(shape), np.zeros(shape), np.zeros(shape)
    for i, fraction in enumerate(KILLED_FRACTIONS):
        for j, seed in enumerate(SEEDS):
            net = relu_net(seed)
            kill_units(net, X, fraction)
            net.fit(X, y, lr=lr, epochs=SWEEP_EPOCHS)
            dead[i, j] = layer_statistics(net, X)[0].dead_fraction
            train_acc[i, j], test_acc[i, j] = accuracy(net, X, y), accuracy(net, Xt, yt)
    return _frozen(dead, train_acc, test_acc)


# --- convergence speed by activation --------------------------------------------------------

@functools.cache
def error_curves(activation, lr=SAME_LR, epochs=CURVE_EPOCHS):
    """Training error after e full-batch updates, e = 0 … epochs − 1: ndarray (S, epochs).

    Net ``relu_net(seed, activation=activation)`` (same sizes, He-normal init and data for
    every activation); error = 1 − accuracy of the batch before each update (``History.accuracy``).
    """
    X, y, _, _ = spiral_data()
    curves = np.array([1 - relu_net(seed, activation=activation).fit(X, y, lr=lr, epochs=epochs).accuracy
                       for seed in SEEDS])
    return _frozen(curves)[0]


def first_reach(errors, target=TARGET_ERROR):
    """Index of the first entry ≤ target along the last axis of ``errors`` (…, E); inf if none."""
    hit = np.asarray(errors) <= target
    return np.where(hit.any(axis=-1), hit.argmax(axis=-1), np.inf)


def updates_to_target(activation, lr, seed, *, hidden=(WIDTH,), target=TARGET_ERROR, max_epochs=MAX_EPOCHS):
    """Number of full-batch updates until the training error first is ≤ target, else inf.

    Trains in chunks of CHUNK epochs (identical to one long run: plain gradient descent keeps no
    state between calls) and stops at the target, after max_epochs, on a non-finite loss, or
    when every hidden ReLU unit is dead (the scores are then constant and cannot improve).
    """
    X, y, _, _ = spiral_data()
    net = relu_net(seed, hidden=hidden, activation=activation)
    for start in range(0, max_epochs, CHUNK):
        history = net.fit(X, y, lr=lr, epochs=CHUNK)
        reached = first_reach(1 - history.accuracy, target)
        if np.isfinite(reached):
            return float(start + reached)
        if not np.isfinite(history.loss).all():
            return np.inf
        if activation == "relu" and layer_statistics(net, X)[0].dead_fraction == 1.0:
            return np.inf
    return np.inf


@functools.cache
def epochs_to_target(activation, lr, hidden=(WIDTH,)):
    """``updates_to_target`` for every seed of SEEDS: ndarray (S,)."""
    return _frozen(np.array([updates_to_target(activation, lr, seed, hidden=hidden) for seed in SEEDS]))[0]


@functools.cache
def best_lr(activation):
    """(lr, epochs (S,)): the rate of LR_GRID with the fewest mean epochs to the target.

    Exact but frugal: the rates are tried from SAME_LR outwards, and a rate is abandoned as soon
    as its seeds have used more epochs in total than the best rate so far needed (it cannot have
    a smaller mean any more). Ties go to the rate tried first.
    """
    order = sorted(LR_GRID, key=lambda lr: (abs(np.log(lr / SAME_LR)), lr))
    best, best_epochs = None, None
    for lr in order:
        budget = np.inf if best is None else float(best_epochs.sum())
        epochs = []
        for seed in SEEDS:
            cap = budget - sum(epochs)
            if cap < 0:
                break
            epochs.append(updates_to_target(activation, lr, seed, max_epochs=int(min(cap + 1, MAX_EPOCHS))))
        else:
            if np.all(np.isfinite(epochs)) and (best is None or sum(epochs) < budget):
                best, best_epochs = lr, np.array(epochs)
    if best is None:
        raise RuntimeError(f"{activation} reached {TARGET_ERROR:.0%} training error at no rate of {LR_GRID}")
    return best, _frozen(best_epochs)[0]


def epochs_same_lr(activation):
    """Epochs to the target at SAME_LR for each seed, ndarray (S,), read from ``error_curves``."""
    return first_reach(error_curves(activation, SAME_LR))


@dataclass(frozen=True)
class Ratio:
    """Per-seed ratio epochs(activation) / epochs(ReLU), paired by seed: mean, min, max."""

    mean: float
    low: float
    high: float


def speedup(activation, setting="same"):
    """How many times more epochs ``activation`` needs than ReLU to reach TARGET_ERROR.

    setting : "same" — every function at SAME_LR; "best" — each at its own ``best_lr``.
    """
    if setting == "same":
        slow, fast = epochs_same_lr(activation), epochs_same_lr("relu")
    elif setting == "best":
        slow, fast = best_lr(activation)[1], best_lr("relu")[1]
    else:
        raise ValueError(f"setting must be 'same' or 'best'; got {setting!r}")
    r = slow / fast
    return Ratio(float(r.mean()), float(r.min()), float(r.max()))


def deep_speedup(activation):
    """Mean per-seed epochs ratio activation / ReLU at SAME_LR for two hidden layers [2, WIDTH, WIDTH, 3]."""
    deep = (WIDTH, WIDTH)
    return float(np.mean(epochs_to_target(activation, SAME_LR, deep) / epochs_to_target("relu", SAME_LR, deep)))


@functools.cache
def linear_share(activation):
    """How linear the hidden layer is at initialization, averaged over the seeds.

    H = f(X·W1 + b1) of shape (N, WIDTH) is fitted by least squares with a linear function of the
    inputs, H ≈ [X, 1]·B; returns R² = 1 − ‖H − [X, 1]·B‖² / ‖H − mean(H)‖² (1 = exactly linear).
    """
    X = spiral_data()[0]
    design = np.column_stack([X, np.ones(len(X))])
    shares = []
    for seed in SEEDS:
        net = relu_net(seed, activation=activation)
        H = net.hidden_layers(X)[0][1]
        B, *_ = np.linalg.lstsq(design, H, rcond=None)
        shares.append(1 - np.sum((H - design @ B) ** 2) / np.sum((H - H.mean(axis=0)) ** 2))
    return float(np.mean(shares))


# --- PReLU: the negative slope is learned ----------------------------------------------------

def prelu_params(seed, alpha0=PRELU_ALPHA0):
    """Parameters of ``[2, WIDTH, 3]`` with a PReLU hidden layer: W1 (2, WIDTH), b1 (WIDTH,),
    alpha (WIDTH,) — one slope per unit —, W2 (WIDTH, 3), b2 (3,). He-normal weights from
    ``seed``, zero biases, every α_j = alpha0 (He et al. 2015 start at 0.25)."""
    rng = np.random.default_rng(seed)
    return {"W1": he_normal((2, WIDTH), rng=rng), "b1": np.zeros(WIDTH), "alpha": np.full(WIDTH, alpha0),
            "W2": he_normal((WIDTH, 3), rng=rng), "b2": np.zeros(3)}


def prelu_loss_grads(params, X, y):
    """Loss, scores (N, 3) and the gradient of every parameter for the PReLU net on X (N, 2), y (N,).

    Forward: z = X·W1 + b1, h = PReLU(z; α) (h = z if z > 0 else α_j·z), s = h·W2 + b2, softmax
    cross-entropy L. Backward by the chain rule through the same layers, with
    ∂L/∂α_j = Σ_n ∂L/∂h[n, j] · (z[n, j] if z[n, j] ≤ 0 else 0).
    """
    z, affine1 = affine_forward(X, params["W1"], params["b1"])
    h, act = prelu_forward(z, params["alpha"])
    scores, affine2 = affine_forward(h, params["W2"], params["b2"])
    loss, dscores = softmax_cross_entropy(scores, y)
    dh, dW2, db2 = affine_backward(dscores, affine2)
    dz, dalpha = prelu_backward(dh, act)
    _, dW1, db1 = affine_backward(dz, affine1)
    return loss, scores, {"W1": dW1, "b1": db1, "alpha": dalpha, "W2": dW2, "b2": db2}


@functools.cache
def prelu_training(lr=PRELU_LR, epochs=PRELU_EPOCHS, alpha0=PRELU_ALPHA0):
    """Train the PReLU net (``prelu_params``, ``prelu_loss_grads``) for each seed of SEEDS with plain
    full-batch gradient descent on every parameter, α included and without weight decay (as in
    He et al. 2015).

    Returns (alpha, error): alpha ndarray (S, epochs + 1, WIDTH), the slopes before the first
    and after each update; error ndarray (S, epochs), the training error before each update.
    """
    X, y, _, _ = spiral_data()
    alphas = np.zeros((len(SEEDS), epochs + 1, WIDTH))
    errors = np.zeros((len(SEEDS), epochs))
    for s, seed in enumerate(SEEDS):
        params, optimizer = prelu_params(seed, alpha0), SGD(lr)
        alphas[s, 0] = params["alpha"]
        for e in range(epochs):
            _, scores, grads = prelu_loss_grads(params, X, y)
            errors[s, e] = np.mean(scores.argmax(axis=1) != y)
            optimizer.step(params, grads)
            alphas[s, e + 1] = params["alpha"]
    return _frozen(alphas, errors)


# --- claims: the setting -----------------------------------------------------------------

@claim("relu_practice.width", fmt="d", expect=lambda v: 50 <= v <= 100)
def claim_width():
    return WIDTH


@claim("relu_practice.n_samples", fmt="d", expect=lambda v: v == N_SAMPLES)
def claim_n_samples():
    return len(spiral_data()[0])


@claim("relu_practice.n_seeds", fmt="d", expect=lambda v: v >= 5)
def claim_n_seeds():
    return len(SEEDS)


@claim("relu_practice.sweep_epochs", fmt="d", expect=lambda v: v == SWEEP_EPOCHS)
def claim_sweep_epochs():
    return SWEEP_EPOCHS


@claim("relu_practice.lr_min", fmt=".1f", expect=lambda v: np.isclose(v, 0.1))
def claim_lr_min():
    return min(SWEEP_LRS)


@claim("relu_practice.lr_max", fmt=".0f", expect=lambda v: np.isclose(v, 10))
def claim_lr_max():
    return max(SWEEP_LRS)


@claim("relu_practice.n_lrs", fmt="d", expect=lambda v: v >= 9)
def claim_n_lrs():
    return len(SWEEP_LRS)


# --- claims: dead units ---------------------------------------------------------------------

@claim("relu_practice.dead.at_init", fmt=".0%", expect=lambda v: v == 0)
def claim_dead_at_init():
    """Largest dead fraction at initialization over the seeds and both bias inits."""
    X = spiral_data()[0]
    return max(dead_fraction(X @ net.params["W1"] + net.params["b1"])
               for net in (relu_net(seed, bias_init=b) for seed in SEEDS for b in BIAS_INITS))


@claim("relu_practice.dead.last_clean_lr", fmt=".2f", expect=lambda v: 1 <= v < 5)
def claim_last_clean_lr():
    """Largest learning rate below which no unit died in any seed (every smaller rate included)."""
    sweep = dead_sweep(0.0)
    first_dead = int(np.argmax(np.any(sweep.dead > 0, axis=1)))
    return float(sweep.lrs[first_dead - 1])


@claim("relu_practice.dead.best_test_lr", fmt=".2f", expect=lambda v: v <= claim_last_clean_lr())
def claim_best_test_lr():
    """Learning rate with the highest mean held-out accuracy (bias 0): no unit dies there."""
    sweep = dead_sweep(0.0)
    return float(sweep.lrs[np.argmax(sweep.test_acc.mean(axis=1))])


@claim("relu_practice.dead.best_test_acc", fmt=".1%", expect=lambda v: v > 0.95)
def claim_best_test_acc():
    return float(dead_sweep(0.0).test_acc.mean(axis=1).max())


def _row(lr, bias=0.0):
    sweep = dead_sweep(bias)
    return sweep, sweep.at(lr)


@claim("relu_practice.dead.first_dead_lr", fmt=".2f", expect=lambda v: v > claim_last_clean_lr())
def claim_first_dead_lr():
    sweep = dead_sweep(0.0)
    return float(sweep.lrs[int(np.argmax(np.any(sweep.dead > 0, axis=1)))])


@claim("relu_practice.dead.first_dead_fraction", fmt=".0%", expect=lambda v: 0 < v < 0.1)
def claim_first_dead_fraction():
    """Mean dead fraction at the smallest rate where any unit died: a few percent."""
    sweep, i = _row(claim_first_dead_lr())
    return float(sweep.dead[i].mean())


@claim("relu_practice.dead.first_dead_acc", fmt=".1%", expect=lambda v: v > claim_best_test_acc() - 0.03)
def claim_first_dead_acc():
    sweep, i = _row(claim_first_dead_lr())
    return float(sweep.test_acc[i].mean())


@claim("relu_practice.dead.shown_lr", fmt=".2f", expect=lambda v: 3 < v < 6)
def claim_shown_lr():
    return SHOWN_LR


@claim("relu_practice.dead.mid_mean", fmt=".0%", expect=lambda v: 0.25 < v < 0.7)
def claim_mid_mean():
    """Mean dead fraction at SHOWN_LR (bias 0): the order of CS231n's "as much as 40%"."""
    sweep, i = _row(SHOWN_LR)
    return float(sweep.dead[i].mean())


@claim("relu_practice.dead.mid_low", fmt=".0%", expect=lambda v: v < claim_mid_mean())
def claim_mid_low():
    sweep, i = _row(SHOWN_LR)
    return float(sweep.dead[i].min())


@claim("relu_practice.dead.mid_high", fmt=".0%", expect=lambda v: v > claim_mid_mean())
def claim_mid_high():
    sweep, i = _row(SHOWN_LR)
    return float(sweep.dead[i].max())


@claim("relu_practice.dead.mid_acc", fmt=".0%", expect=lambda v: v < claim_best_test_acc() - 0.1)
def claim_mid_acc():
    """Mean held-out accuracy at SHOWN_LR: clearly worse than at the best rate."""
    sweep, i = _row(SHOWN_LR)
    return float(sweep.test_acc[i].mean())


@claim("relu_practice.dead.shown_run", fmt=".0%", expect=lambda v: 0.25 <= v <= 0.6)
def claim_shown_run():
    """Dead fraction of the one run the figure draws (SHOWN_LR, SHOWN_SEED, bias 0)."""
    sweep, i = _row(SHOWN_LR)
    return float(sweep.dead[i, SEEDS.index(SHOWN_SEED)])


@claim("relu_practice.dead.shown_run_after_10", fmt=".0%", expect=lambda v: 0 < v < claim_shown_run())
def claim_shown_run_after_10():
    """Dead fraction of the shown run after 10 epochs: units keep dying later in training."""
    return float(dead_history()[9])


@claim("relu_practice.dead.high_lr", fmt=".2f", expect=lambda v: v > claim_shown_lr())
def claim_high_lr():
    return SWEEP_LRS[11]


@claim("relu_practice.dead.high_mean", fmt=".0%", expect=lambda v: v > 0.8)
def claim_high_mean():
    sweep, i = _row(SWEEP_LRS[11])
    return float(sweep.dead[i].mean())


@claim("relu_practice.dead.high_acc", fmt=".0%", expect=lambda v: v < 0.7)
def claim_high_acc():
    sweep, i = _row(SWEEP_LRS[11])
    return float(sweep.test_acc[i].mean())


@claim("relu_practice.dead.max_lr_mean", fmt=".0%", expect=lambda v: v > 0.95)
def claim_max_lr_mean():
    sweep, i = _row(SWEEP_LRS[-1])
    return float(sweep.dead[i].mean())


@claim("relu_practice.dead.max_lr_acc", fmt=".0%", expect=lambda v: v < 0.4)
def claim_max_lr_acc():
    """Held-out accuracy at lr 10: chance level for 3 balanced classes is 1/3."""
    sweep, i = _row(SWEEP_LRS[-1])
    return float(sweep.test_acc[i].mean())


@claim("relu_practice.dead.transition_factor", fmt=".1f", expect=lambda v: v < 5)
def claim_transition_factor():
    """Ratio of the first rate where the mean dead fraction exceeds 80% to the last clean rate."""
    sweep = dead_sweep(0.0)
    first_mostly_dead = sweep.lrs[int(np.argmax(sweep.dead.mean(axis=1) > 0.8))]
    return float(first_mostly_dead / claim_last_clean_lr())


# --- claims: bias init 0.01 -----------------------------------------------------------------

def _bias_gaps():
    zero, small = dead_sweep(0.0), dead_sweep(0.01)
    return zero, small, small.dead.mean(axis=1) - zero.dead.mean(axis=1)


@claim("relu_practice.dead.bias_clean_dead", fmt=".0%", expect=lambda v: v == 0)
def claim_bias_clean_dead():
    """Largest dead fraction with bias 0.01 at rates up to the last clean rate: none either."""
    _, small, _ = _bias_gaps()
    return float(small.dead[small.lrs <= claim_last_clean_lr() + 1e-9].max())


@claim("relu_practice.dead.bias_max_acc_gap", fmt=".1%", expect=lambda v: v < 0.01)
def claim_bias_max_acc_gap():
    """Largest |mean held-out accuracy, bias 0.01 − bias 0| over the clean rates."""
    zero, small, _ = _bias_gaps()
    clean = zero.lrs <= claim_last_clean_lr() + 1e-9
    return float(np.abs(small.test_acc.mean(axis=1) - zero.test_acc.mean(axis=1))[clean].max())


@claim("relu_practice.dead.bias_max_dead_gap", fmt=".0%", expect=lambda v: v < claim_bias_seed_spread())
def claim_bias_max_dead_gap():
    """Largest |mean dead fraction difference| between the bias inits over all rates..."""
    return float(np.abs(_bias_gaps()[2]).max())


@claim("relu_practice.dead.bias_max_dead_gap_lr", fmt=".2f", expect=lambda v: v > claim_last_clean_lr())
def claim_bias_max_dead_gap_lr():
    zero, _, gap = _bias_gaps()
    return float(zero.lrs[np.argmax(np.abs(gap))])


@claim("relu_practice.dead.bias_seed_spread", fmt=".0%", expect=lambda v: v > 0)
def claim_bias_seed_spread():
    """... compared with the spread (max − min over seeds, bias 0) at that same rate."""
    zero, _, gap = _bias_gaps()
    i = int(np.argmax(np.abs(gap)))
    return float(np.ptp(zero.dead[i]))


@claim("relu_practice.dead.bias_line_shift", fmt=".3f", expect=lambda v: v < 0.02)
def claim_bias_line_shift():
    """Mean distance 0.01 / ‖w_j‖ by which bias 0.01 moves a unit's line, at initialization."""
    return float(np.mean([0.01 / np.linalg.norm(relu_net(seed).params["W1"], axis=0) for seed in SEEDS]))


# --- claims: units dead from the start, trained at a sensible rate ----------------------------

def _killed(fraction):
    dead, _, test_acc = killed_units_experiment()
    i = KILLED_FRACTIONS.index(fraction)
    return dead[i], test_acc[i]


@claim("relu_practice.killed.acc_0", fmt=".1%", expect=lambda v: v > 0.95)
def claim_killed_acc_0():
    return float(_killed(0.0)[1].mean())


@claim("relu_practice.killed.acc_10", fmt=".1%", expect=lambda v: abs(v - claim_killed_acc_0()) < 0.02)
def claim_killed_acc_10():
    return float(_killed(0.1)[1].mean())


@claim("relu_practice.killed.acc_20", fmt=".1%", expect=lambda v: abs(v - claim_killed_acc_0()) < 0.02)
def claim_killed_acc_20():
    return float(_killed(0.2)[1].mean())


@claim("relu_practice.killed.acc_40", fmt=".1%", expect=lambda v: v > claim_mid_acc() + 0.1)
def claim_killed_acc_40():
    """With 40% dead from the start but a sensible rate, accuracy stays far above the SHOWN_LR runs."""
    return float(_killed(0.4)[1].mean())


@claim("relu_practice.killed.extra_dead", fmt=".0%", expect=lambda v: v == 0)
def claim_killed_extra_dead():
    """Largest dead fraction beyond the killed units after training at the sensible rate."""
    dead, _, _ = killed_units_experiment()
    return float((dead - np.array(KILLED_FRACTIONS)[:, None]).max())


# --- claims: convergence ---------------------------------------------------------------------

@claim("relu_practice.conv.target", fmt=".0%", expect=lambda v: v == 0.25)
def claim_conv_target():
    return TARGET_ERROR


@claim("relu_practice.conv.same_lr", fmt=".0f", expect=lambda v: v in LR_GRID)
def claim_conv_same_lr():
    return SAME_LR


@claim("relu_practice.conv.max_epochs", fmt="d", expect=lambda v: v == CURVE_EPOCHS == MAX_EPOCHS)
def claim_conv_max_epochs():
    return MAX_EPOCHS


def _register_epochs(act, expect_mean, expect_rate=lambda v: True):
    @claim(f"relu_practice.conv.same_epochs_{act}", fmt=".0f", expect=expect_mean)
    def mean_epochs():
        return float(epochs_same_lr(act).mean())

    @claim(f"relu_practice.conv.best_epochs_{act}", fmt=".0f", expect=lambda v: v <= mean_epochs())
    def best_epochs():
        return float(best_lr(act)[1].mean())

    @claim(f"relu_practice.conv.best_lr_{act}", fmt="g", expect=lambda v: v in LR_GRID and expect_rate(v))
    def best_rate():
        return best_lr(act)[0]


def _same(act):
    return float(epochs_same_lr(act).mean())


# finite, and in the order the prose discusses at the same rate: ReLU = Leaky ReLU < tanh < ELU < sigmoid;
# tanh and sigmoid are fastest at other rates than ReLU, so one shared rate cannot suit them all
_register_epochs("relu", lambda v: v < _same("tanh"))
_register_epochs("leaky_relu", lambda v: v < _same("tanh"))
_register_epochs("tanh", lambda v: v < _same("elu"), expect_rate=lambda v: v != best_lr("relu")[0])
_register_epochs("elu", lambda v: v < _same("sigmoid"))
_register_epochs("sigmoid", lambda v: v < MAX_EPOCHS, expect_rate=lambda v: v != best_lr("relu")[0])


def _register_ratio(act, setting, bounds, stat_bounds=None):
    lo, hi = bounds

    @claim(f"relu_practice.conv.{setting}_ratio_{act}", fmt=".1f", expect=lambda v: lo < v < hi)
    def mean_ratio():
        return speedup(act, setting).mean

    @claim(f"relu_practice.conv.{setting}_ratio_{act}_low", fmt=".1f", expect=lambda v: 0 < v <= mean_ratio())
    def low_ratio():
        return speedup(act, setting).low

    @claim(f"relu_practice.conv.{setting}_ratio_{act}_high", fmt=".1f", expect=lambda v: v >= mean_ratio())
    def high_ratio():
        return speedup(act, setting).high


# what the prose says: tanh several times slower than ReLU (close to AlexNet's 6x when each
# function gets its fastest rate), sigmoid an order of magnitude, ELU slower than ReLU in this
# shallow net, Leaky ReLU the same as ReLU
_register_ratio("tanh", "same", (2, 6))
_register_ratio("tanh", "best", (4, 8))
_register_ratio("sigmoid", "same", (10, 50))
_register_ratio("sigmoid", "best", (8, 40))
_register_ratio("elu", "same", (2, 10))
_register_ratio("elu", "best", (2, 20))
_register_ratio("leaky_relu", "same", (0.9, 1.1))
_register_ratio("leaky_relu", "best", (0.8, 1.25))


@claim("relu_practice.conv.deep_ratio_tanh", fmt=".1f", expect=lambda v: 1 < v < speedup("tanh", "same").mean)
def claim_deep_ratio_tanh():
    """With two hidden layers tanh is still slower than ReLU, by less than with one."""
    return deep_speedup("tanh")


@claim("relu_practice.conv.deep_ratio_elu", fmt=".1f", expect=lambda v: 1 < v < speedup("elu", "same").mean)
def claim_deep_ratio_elu():
    """With two hidden layers ELU is still slower than ReLU, by less than with one."""
    return deep_speedup("elu")


# ReLU far from linear, the smooth functions nearly linear; ELU less linear than tanh (yet slower):
# the prose says all of this
_LINEAR_EXPECT = {
    "relu": lambda v: 0.5 < v < 0.9,
    "elu": lambda v: 0.9 < v < linear_share("tanh"),
    "tanh": lambda v: 0.9 < v < 1,
    "sigmoid": lambda v: 0.95 < v < 1,
}
for _act, _expect in _LINEAR_EXPECT.items():
    claim(f"relu_practice.conv.linear_share_{_act}", fmt=".1%", expect=_expect)(functools.partial(linear_share, _act))


# --- claims: PReLU -----------------------------------------------------------------------------

@claim("relu_practice.prelu.alpha0", fmt=".2f", expect=lambda v: v == 0.25)
def claim_prelu_alpha0():
    return PRELU_ALPHA0


@claim("relu_practice.prelu.epochs", fmt="d", expect=lambda v: v == PRELU_EPOCHS)
def claim_prelu_epochs():
    return prelu_training()[1].shape[1]


@claim("relu_practice.prelu.final_mean", fmt=".2f", expect=lambda v: v < 0)
def claim_prelu_final_mean():
    """Mean learned slope over all units of all seeds after training: below zero."""
    return float(prelu_training()[0][:, -1].mean())


@claim("relu_practice.prelu.final_median", fmt=".2f", expect=lambda v: -0.3 < v < 0.1)
def claim_prelu_final_median():
    return float(np.median(prelu_training()[0][:, -1]))


@claim("relu_practice.prelu.final_p10", fmt=".2f", expect=lambda v: v < -0.3)
def claim_prelu_final_p10():
    return float(np.percentile(prelu_training()[0][:, -1], 10))


@claim("relu_practice.prelu.final_p90", fmt=".2f", expect=lambda v: 0 < v)
def claim_prelu_final_p90():
    return float(np.percentile(prelu_training()[0][:, -1], 90))


@claim("relu_practice.prelu.negative_share", fmt=".0%", expect=lambda v: 0.3 < v < 0.9)
def claim_prelu_negative_share():
    """Share of the units whose learned slope ended below zero (V-shaped units)."""
    return float(np.mean(prelu_training()[0][:, -1] < 0))


@claim("relu_practice.prelu.final_error", fmt=".1%", expect=lambda v: v < 0.05)
def claim_prelu_final_error():
    return float(prelu_training()[1][:, -1].mean())
