"""Gradient flow: how the size of the gradient changes from layer to layer.

Four experiments, each seeded and small enough for the build:

* per-layer gradient norms at initialization in deep sigmoid / tanh / ReLU nets
  (``deep_bias_gradients``), the vanishing gradient;
* Nielsen's "speed of learning" ‖∂C/∂b_l‖ per hidden layer of a [784, 30, 30, (30,) 10]
  sigmoid net, at initialization and during training (``learning_speeds``), on a synthetic
  stand-in for his 1000 MNIST images (``digit_standin``);
* the norm of a product of random n×n Gaussian matrices against depth and scale
  (``product_log_norms``), with the exact growth rate (``exact_growth_rate``);
* ReLU "knock-out": the gradient that reaches a lower layer when a fraction of the units of
  the layer above is dead (``knockout``).

Notation: hidden layer l computes z_l = h_{l−1} W_l + b_l and h_l = f(z_l), h_0 = x, with
W_l of shape (n_{l−1}, n_l). Backpropagation gives δ_l = ∂L/∂z_l = (δ_{l+1} W_{l+1}ᵀ) ⊙ f′(z_l),
∂L/∂b_l = Σ_n δ_l[n] and ∂L/∂W_l = h_{l−1}ᵀ δ_l (sums over the batch).
"""

from __future__ import annotations

import functools
import math

import numpy as np

from ..activations import get_activation
from ..init import fans, get_initializer, small_random
from ..losses import binary_cross_entropy_with_logits, softmax_cross_entropy
from ..model import MLP
from ..monitoring import gradient_norms, layer_statistics
from ..optim import SGD
from .claims import claim

SEED = 0

# ----------------------------------------------------------------------------------------
# data: a synthetic stand-in for Nielsen's first 1000 MNIST training images


def digit_standin(n_samples=1000, n_features=784, n_classes=10, *, density=0.2, noise=0.3, rng):
    """A 10-class data set shaped like Nielsen's MNIST subset: inputs in [0, 1], 784 features.

    Each class c has a prototype p_c whose entries are U(0, 1) on a random ``density``
    fraction of the features and 0 elsewhere; sample n of class y_n = n mod K is
    x_n = clip(p_{y_n} + noise·N(0, I), 0, 1).
    Returns X, float64 ndarray of shape (n_samples, n_features), and y, int ndarray of
    shape (n_samples,) with labels 0 … n_classes − 1 (balanced).
    """
    prototypes = rng.random((n_classes, n_features)) * (rng.random((n_classes, n_features)) < density)
    y = np.arange(n_samples) % n_classes
    X = np.clip(prototypes[y] + noise * rng.standard_normal((n_samples, n_features)), 0.0, 1.0)
    return X, y


@functools.cache
def standin_data(seed=SEED):
    """``digit_standin`` with its defaults and ``default_rng(seed)``: X (1000, 784), y (1000,).

    Cached and shared by every experiment on this page: do not modify the arrays.
    """
    return digit_standin(rng=np.random.default_rng(seed))


# ----------------------------------------------------------------------------------------
# vanishing gradients in deep nets

DEEP_DEPTH = 10  # hidden layers
DEEP_WIDTH = 100  # units per hidden layer


def scaled(init_name, factor):
    """The initializer ``init_name`` with every weight multiplied by ``factor`` (std × factor)."""
    base = get_initializer(init_name)

    def init(shape, *, rng, dtype=np.float64):
        return factor * base(shape, rng=rng, dtype=dtype)

    return init


# label -> (activation, initializer name, std factor); the order of the figure's legend
DEEP_SETTINGS = {
    "sigmoid_xavier": ("sigmoid", "xavier_normal", 1.0),
    "tanh_xavier": ("tanh", "xavier_normal", 1.0),
    "relu_he": ("relu", "he_normal", 1.0),
    "relu_xavier": ("relu", "xavier_normal", 1.0),
    "relu_he_x2": ("relu", "he_normal", 2.0),
}


def deep_net(setting, *, depth=DEEP_DEPTH, width=DEEP_WIDTH, seed=SEED):
    """The MLP [784] + [width]·depth + [10] of ``DEEP_SETTINGS[setting]``, weights from default_rng(seed)."""
    activation, init, factor = DEEP_SETTINGS[setting]
    X, _ = standin_data()
    sizes = [X.shape[1]] + [width] * depth + [10]
    return MLP(sizes, activation, init=scaled(init, factor), rng=np.random.default_rng(seed))


@functools.cache
def deep_bias_gradients(setting, *, depth=DEEP_DEPTH, width=DEEP_WIDTH, seed=SEED):
    """‖∂L/∂b_l‖ for the hidden layers l = 1 … depth of ``deep_net`` at initialization.

    L is the softmax cross-entropy averaged over the 1000 samples of ``standin_data``.
    Returns an ndarray of shape (depth,), index 0 = the layer next to the input.
    """
    X, y = standin_data()
    net = deep_net(setting, depth=depth, width=width, seed=seed)
    _, dscores = softmax_cross_entropy(net.forward(X, train=True), y)
    grads = net.backward(dscores)
    norms = gradient_norms({f"b{l}": grads[f"b{l}"] for l in range(1, depth + 1)})
    return np.array([norms[f"b{l}"] for l in range(1, depth + 1)])


def per_layer_factor(norms):
    """Geometric mean of the layer-to-layer ratio ‖g_l‖ / ‖g_{l+1}‖: (g_1 / g_L)^(1/(L−1)).

    norms : ndarray of shape (L,), L ≥ 2. A value below 1 means the gradient shrinks on its way down.
    """
    return float((norms[0] / norms[-1]) ** (1 / (len(norms) - 1)))


@functools.cache
def sigmoid_predicted_factor(depth=DEEP_DEPTH, width=DEEP_WIDTH, seed=SEED):
    """The typical per-layer factor r = √(n·Var(w)·E[σ′(z)²]) for the Xavier sigmoid net.

    For square Xavier layers n·Var(w) = n · 2/(n + n) = 1, so r = √(mean of σ′(z)²), the mean
    taken over every sample and unit of hidden layers 1 … depth − 1 (the σ′ that the gradient
    passes through on its way from layer ``depth`` down to layer 1).
    """
    X, _ = standin_data()
    net = deep_net("sigmoid_xavier", depth=depth, width=width, seed=seed)
    sigmoid = get_activation("sigmoid")
    squares = []
    for z, _ in net.hidden_layers(X)[:-1]:
        _, cache = sigmoid.forward(z)
        squares.append(np.mean(sigmoid.backward(np.ones_like(z), cache) ** 2))
    return float(math.sqrt(np.mean(squares)))


def sigmoid_slope_bound():
    """max σ′ = σ′(0) = 1/4, as the sigmoid's backward pass computes it."""
    sigmoid = get_activation("sigmoid")
    _, cache = sigmoid.forward(np.zeros(1))
    return float(sigmoid.backward(np.ones(1), cache)[0])


# ----------------------------------------------------------------------------------------
# Nielsen's speed of learning (Neural Networks and Deep Learning, ch. 5)

NIELSEN_HIDDEN = 30
NIELSEN_LR = 0.1
NIELSEN_LMBDA = 5.0
NIELSEN_EPOCHS = 500
NIELSEN_SEEDS = 20
NIELSEN_DTYPE = np.float32  # 500 full-batch epochs are twice as fast as in float64
# Nielsen's published speeds of the hidden layers at initialization, for comparison in the prose
NIELSEN_PUBLISHED = {2: (0.07, 0.31), 3: (0.012, 0.060, 0.283)}


def nielsen_sizes(n_hidden):
    """[784, 30, …, 30, 10] with ``n_hidden`` hidden layers of 30 sigmoid units."""
    return [784] + [NIELSEN_HIDDEN] * n_hidden + [10]


def nielsen_init(shape, *, rng, dtype=np.float64):
    """W ~ N(0, 1/fan_in): network2.py's default_weight_initializer, which generated Nielsen's numbers."""
    return small_random(shape, scale=1 / math.sqrt(fans(shape)[0]), rng=rng, dtype=dtype)


def unit_normal_init(shape, *, rng, dtype=np.float64):
    """W ~ N(0, 1): network2.py's large_weight_initializer (the init of Nielsen's chapter 1)."""
    return small_random(shape, scale=1.0, rng=rng, dtype=dtype)


NIELSEN_INITS = {"nielsen": nielsen_init, "unit_normal": unit_normal_init}


def nielsen_net(n_hidden, *, seed=SEED, init="nielsen"):
    """A sigmoid MLP ``nielsen_sizes(n_hidden)``: weights from NIELSEN_INITS[init], biases N(0, 1)
    (as network2.py), all drawn from default_rng(seed); parameters in NIELSEN_DTYPE."""
    rng = np.random.default_rng(seed)
    sizes = nielsen_sizes(n_hidden)
    net = MLP(sizes, "sigmoid", init=NIELSEN_INITS[init], rng=rng, dtype=NIELSEN_DTYPE)
    for l in range(1, len(sizes)):
        net.params[f"b{l}"][...] = rng.standard_normal(sizes[l])  # the model's own arrays, set in place
    return net


def nielsen_cost(scores, y):
    """Nielsen's cross-entropy cost on sigmoid outputs a = σ(s) with one-hot targets t:

    C = (1/N) Σ_n Σ_c [−t log a − (1 − t) log(1 − a)],  ∂C/∂s[n, c] = (a[n, c] − t[n, c]) / N.
    It is K times the binary cross-entropy averaged over all N·K outputs.
    scores : ndarray of shape (N, K).  y : int ndarray of shape (N,).
    Returns C (float) and dscores of shape (N, K).
    """
    n, k = scores.shape
    targets = np.eye(k, dtype=np.int64)[y]
    mean, dflat = binary_cross_entropy_with_logits(scores.reshape(-1), targets.reshape(-1))
    return k * mean, k * dflat.reshape(n, k)


def learning_speeds(net, X, y):
    """Nielsen's speed of learning of each hidden layer: ‖∂C/∂b_l‖, l = 1 … H, with C = ``nielsen_cost``
    averaged over (X, y). Returns the speeds, ndarray of shape (H,), and every gradient (dict)."""
    _, dscores = nielsen_cost(net.forward(X, train=True), y)
    grads = net.backward(dscores)
    hidden = len(net.sizes) - 2
    return np.array([np.linalg.norm(grads[f"b{l}"]) for l in range(1, hidden + 1)]), grads


@functools.cache
def nielsen_data():
    """``standin_data()`` with X in NIELSEN_DTYPE: X (1000, 784), y (1000,). Shared, do not modify."""
    X, y = standin_data()
    return X.astype(NIELSEN_DTYPE), y


@functools.cache
def speeds_at_init(n_hidden, seed=SEED, init="nielsen"):
    """``learning_speeds`` of ``nielsen_net(n_hidden, seed=seed, init=init)`` on ``nielsen_data()``: shape (H,)."""
    X, y = nielsen_data()
    return learning_speeds(nielsen_net(n_hidden, seed=seed, init=init), X, y)[0]


@functools.cache
def speeds_over_seeds(n_hidden, n_seeds=NIELSEN_SEEDS, init="nielsen"):
    """``speeds_at_init`` for seeds 0 … n_seeds − 1: ndarray of shape (n_seeds, H)."""
    return np.array([speeds_at_init(n_hidden, seed, init) for seed in range(n_seeds)])


def adjacent_ratios(speeds):
    """speed_{l+1} / speed_l along the last axis: shape (..., H − 1); above 1 = the upper layer learns faster."""
    return speeds[..., 1:] / speeds[..., :-1]


@functools.cache
def speeds_during_training(n_hidden, epochs=NIELSEN_EPOCHS, lr=NIELSEN_LR, lmbda=NIELSEN_LMBDA, seed=SEED):
    """Train ``nielsen_net(n_hidden)`` as Nielsen's generate_gradient.py does: full-batch gradient descent
    on the 1000 samples, W ← (1 − lr·λ/N) W − lr·∂C/∂W, b ← b − lr·∂C/∂b.

    Returns the speeds measured before each update, ndarray of shape (epochs, H) (row 0 = at
    initialization), and the training accuracy after the last update (float).
    """
    X, y = nielsen_data()
    net = nielsen_net(n_hidden, seed=seed)
    params = net.parameters()
    optimizer = SGD(lr)
    speeds = np.empty((epochs, n_hidden))
    decay = NIELSEN_DTYPE(lmbda / len(X))
    for epoch in range(epochs):
        speeds[epoch], grads = learning_speeds(net, X, y)
        for l in range(1, net.n_layers + 1):  # L2 on the weights only, (λ/2N)·Σ‖W‖² as in network2.py
            grads[f"W{l}"] = grads[f"W{l}"] + decay * params[f"W{l}"]
        optimizer.step(params, grads)
    return speeds, float(np.mean(net.predict(X) == y))


# ----------------------------------------------------------------------------------------
# exploding (and vanishing) products of random matrices (d2l, "Numerical stability and initialization")

PRODUCT_SIZE = 4
PRODUCT_DEPTH = 100
PRODUCT_TRIALS = 1000
PRODUCT_SCALES = (0.25, 0.5, 1.0, 2.0)  # the figure's curves, besides the critical scale


@functools.cache
def _unit_gaussian_matrices(trials, depth, n, seed):
    """A (trials, depth, n, n) array of N(0, 1) entries from default_rng(seed); shared, do not modify."""
    return np.random.default_rng(seed).standard_normal((trials, depth, n, n))


def product_log_norms(scale, *, depth=PRODUCT_DEPTH, n=PRODUCT_SIZE, trials=PRODUCT_TRIALS, seed=SEED):
    """ln ‖M_k‖ for M_k = (σA_1)(σA_2)…(σA_k), k = 1 … depth, A_i with N(0, 1) entries, σ = ``scale``.

    ‖·‖ is the Frobenius norm. Every scale uses the same matrices A_i (drawn from
    default_rng(seed)), so the curves of two scales differ only by σ.
    Returns an ndarray of shape (trials, depth).
    """
    A = _unit_gaussian_matrices(trials, depth, n, seed)
    M = np.broadcast_to(np.eye(n), (trials, n, n))
    out = np.empty((trials, depth))
    for k in range(depth):
        M = M @ (scale * A[:, k])
        out[:, k] = np.log(np.linalg.norm(M, axis=(1, 2)))
    return out


def digamma_half_integer(n):
    """ψ(n/2) for an integer n ≥ 1: ψ(k) = −γ + Σ_{j<k} 1/j and ψ(k + ½) = −γ − 2 ln 2 + Σ_{j≤k} 2/(2j − 1)."""
    k, odd = divmod(n, 2)
    if odd:
        return -np.euler_gamma - 2 * math.log(2) + sum(2 / (2 * j - 1) for j in range(1, k + 1))
    return -np.euler_gamma + sum(1 / j for j in range(1, k))


def exact_growth_rate(n=PRODUCT_SIZE, scale=1.0):
    """λ(σ) = lim (1/k) ln ‖M_k‖ = ln σ + ½ (ln 2 + ψ(n/2)) for n×n matrices with N(0, σ²) entries.

    For a unit vector u, A u ~ N(0, σ² I), so ‖A u‖² = σ²·χ²_n whatever u is; the factors
    ‖A_i u_{i−1}‖ along a product are independent, and E[ln χ²_n] = ln 2 + ψ(n/2).
    """
    return math.log(scale) + 0.5 * (math.log(2) + digamma_half_integer(n))


def exact_critical_scale(n=PRODUCT_SIZE):
    """The σ with λ(σ) = 0: σ_c = exp(−½ (ln 2 + ψ(n/2))) = 1 / √(2·e^{ψ(n/2)})."""
    return math.exp(-exact_growth_rate(n, 1.0))


@functools.cache
def measured_growth_rate(n=PRODUCT_SIZE, depth=PRODUCT_DEPTH, trials=PRODUCT_TRIALS, seed=SEED):
    """The slope of the mean of ln ‖M_k‖ (σ = 1) between k = depth/2 and k = depth; the slope
    leaves out the constant offset of the Frobenius norm."""
    logs = product_log_norms(1.0, depth=depth, n=n, trials=trials, seed=seed).mean(axis=0)
    half = depth // 2
    return float((logs[depth - 1] - logs[half - 1]) / (depth - half))


def measured_critical_scale(n=PRODUCT_SIZE):
    """exp(−measured growth rate): the scale at which the typical norm neither grows nor shrinks."""
    return math.exp(-measured_growth_rate(n))


def product_summary(scale, *, low=0.1, high=0.9, depth=PRODUCT_DEPTH):
    """log10 ‖M_k‖ over the trials, k = 1 … depth: the mean (log of the geometric-mean norm) and
    the ``low`` and ``high`` quantiles; three ndarrays of shape (depth,)."""
    logs = product_log_norms(scale, depth=depth) / math.log(10)
    return logs.mean(axis=0), np.quantile(logs, low, axis=0), np.quantile(logs, high, axis=0)


@functools.cache
def typical_log10_norm(scale, depth=PRODUCT_DEPTH):
    """Mean over the trials of log10 ‖M_depth‖ at ``scale``: the log of the geometric-mean norm."""
    return float(product_log_norms(scale, depth=depth)[:, depth - 1].mean() / math.log(10))


def d2l_product_norm(seed=SEED, depth=PRODUCT_DEPTH, n=PRODUCT_SIZE):
    """‖A_1 A_2 … A_depth‖ for n×n N(0, 1) matrices drawn one after another from default_rng(seed),
    as the page's code snippet does."""
    rng = np.random.default_rng(seed)
    M = np.eye(n)
    for _ in range(depth):
        M = M @ rng.standard_normal((n, n))
    return float(np.linalg.norm(M))


# ----------------------------------------------------------------------------------------
# ReLU knock-out

KNOCKOUT_SIZES = (784, 100, 100, 100, 10)
KNOCKOUT_LAYER = 2  # hidden layer whose units are killed
KNOCKOUT_FRACTIONS = (0.2, 0.5, 0.9, 1.0)
KNOCKOUT_SEEDS = 10
KNOCKOUT_SAMPLES = 250  # the first 250 samples of standin_data (keeps the sweep fast)
DEAD_BIAS = -1e3  # far below any h·W on this data: the unit outputs 0 for every sample


def knockout(dead_fractions=KNOCKOUT_FRACTIONS, *, seed=SEED):
    """Kill a fraction of the units of hidden layer KNOCKOUT_LAYER of a He-initialized ReLU net
    ``KNOCKOUT_SIZES`` by setting their biases to DEAD_BIAS; L = softmax cross-entropy on the
    first KNOCKOUT_SAMPLES samples of ``standin_data``. The killed units are a random subset
    drawn from default_rng(seed), after the weights.

    Returns a dict of ndarrays of shape (len(dead_fractions),): ``ratio`` = ‖∂L/∂W_1‖ with the
    dead units / without them, ``dead_grad`` = max |∂L/∂W| over the weights into the dead
    units, and ``dead_fraction`` = the fraction of that layer ``nnnotes.monitoring`` reports dead.
    """
    X, y = (a[:KNOCKOUT_SAMPLES] for a in standin_data())
    rng = np.random.default_rng(seed)
    net = MLP(list(KNOCKOUT_SIZES), "relu", init="he_normal", rng=rng)
    bias = net.params[f"b{KNOCKOUT_LAYER}"]
    healthy = bias.copy()

    def grads():
        _, dscores = softmax_cross_entropy(net.forward(X, train=True), y)
        return net.backward(dscores)

    reference = np.linalg.norm(grads()["W1"])
    out = {key: np.empty(len(dead_fractions)) for key in ("ratio", "dead_grad", "dead_fraction")}
    for i, fraction in enumerate(dead_fractions):
        dead = rng.choice(bias.size, size=round(fraction * bias.size), replace=False)
        bias[...] = healthy
        bias[dead] = DEAD_BIAS  # the model's own array, changed in place
        g = grads()
        out["ratio"][i] = np.linalg.norm(g["W1"]) / reference
        out["dead_grad"][i] = np.abs(g[f"W{KNOCKOUT_LAYER}"][:, dead]).max() if dead.size else 0.0
        out["dead_fraction"][i] = layer_statistics(net, X)[KNOCKOUT_LAYER - 1].dead_fraction
    return out


@functools.cache
def knockout_sweep(fractions=KNOCKOUT_FRACTIONS, n_seeds=KNOCKOUT_SEEDS):
    """``knockout`` for seeds 0 … n_seeds − 1: a dict of ndarrays of shape (len(fractions), n_seeds)."""
    runs = [knockout(fractions, seed=s) for s in range(n_seeds)]
    return {key: np.stack([r[key] for r in runs], axis=1) for key in runs[0]}


def knockout_mean_ratio(fraction):
    """Mean over the seeds of ``knockout``'s ratio at one of KNOCKOUT_FRACTIONS."""
    return float(knockout_sweep()["ratio"][KNOCKOUT_FRACTIONS.index(fraction)].mean())


# ----------------------------------------------------------------------------------------
# claims: the numbers the gradient-flow page states

_NIELSEN_RATIO_2 = NIELSEN_PUBLISHED[2][1] / NIELSEN_PUBLISHED[2][0]  # 4.4
_NIELSEN_RATIO_3 = NIELSEN_PUBLISHED[3][2] / NIELSEN_PUBLISHED[3][0]  # 23.6


@claim("gradflow.deep.depth", fmt="d", expect=lambda v: v == 10)
def _deep_depth():
    return DEEP_DEPTH


@claim("gradflow.deep.width", fmt="d", expect=lambda v: v == 100)
def _deep_width():
    return DEEP_WIDTH


@claim("gradflow.vanish.sigmoid_last_over_first", fmt=",.0f", expect=lambda v: 1e5 < v < 1e7)
def _sigmoid_last_over_first():
    """‖∂L/∂b_10‖ / ‖∂L/∂b_1‖ in the Xavier sigmoid net, to two significant digits: the first
    layer's gradient is hundreds of thousands of times smaller."""
    g = deep_bias_gradients("sigmoid_xavier")
    return float(f"{g[-1] / g[0]:.2g}")


@claim("gradflow.vanish.sigmoid_factor", fmt=".2f", expect=lambda v: 0.2 < v < 0.25)
def _sigmoid_factor():
    """Measured per-layer factor: just under the bound 1/4."""
    return per_layer_factor(deep_bias_gradients("sigmoid_xavier"))


@claim("gradflow.vanish.sigmoid_factor_predicted", fmt=".2f",
       expect=lambda v: abs(v - per_layer_factor(deep_bias_gradients("sigmoid_xavier"))) < 0.02)
def _sigmoid_factor_predicted():
    """√(mean σ′(z)²) over the net's hidden units: agrees with the measured factor to ±0.02."""
    return sigmoid_predicted_factor()


@claim("gradflow.vanish.sigmoid_z_std_max", fmt=".1f", expect=lambda v: v < 0.7)
def _sigmoid_z_std_max():
    """The largest standard deviation of the pre-activations z over the Xavier sigmoid net's
    hidden layers: small, so σ′(z) stays near its peak 1/4 (the net is not saturated)."""
    X, _ = standin_data()
    return max(float(z.std()) for z, _ in deep_net("sigmoid_xavier").hidden_layers(X))


@claim("gradflow.vanish.tanh_factor", fmt=".2f", expect=lambda v: 0.9 < v < 1.1)
def _tanh_factor():
    return per_layer_factor(deep_bias_gradients("tanh_xavier"))


@claim("gradflow.vanish.relu_he_factor", fmt=".2f", expect=lambda v: 0.9 < v < 1.1)
def _relu_he_factor():
    return per_layer_factor(deep_bias_gradients("relu_he"))


@claim("gradflow.vanish.relu_xavier_factor", fmt=".2f", expect=lambda v: 0.65 < v < 0.8)
def _relu_xavier_factor():
    """Close to √(1/2) ≈ 0.71: Xavier's variance is half of He's."""
    return per_layer_factor(deep_bias_gradients("relu_xavier"))


@claim("gradflow.vanish.relu_he_x2_factor", fmt=".1f", expect=lambda v: 1.8 < v < 2.2)
def _relu_he_x2_factor():
    """Weights twice He's std: the gradient doubles per layer on its way down."""
    return per_layer_factor(deep_bias_gradients("relu_he_x2"))


@claim("gradflow.vanish.relu_he_x2_first_over_last", fmt=".0f", expect=lambda v: 200 < v < 1000)
def _relu_he_x2_first_over_last():
    g = deep_bias_gradients("relu_he_x2")
    return float(g[0] / g[-1])


@claim("gradflow.nielsen.samples", fmt="d", expect=lambda v: v == 1000)
def _nielsen_samples():
    return len(standin_data()[0])


@claim("gradflow.nielsen.epochs", fmt="d", expect=lambda v: v == 500)
def _nielsen_epochs():
    return NIELSEN_EPOCHS


@claim("gradflow.nielsen.seeds", fmt="d", expect=lambda v: v == 20)
def _nielsen_seeds():
    return NIELSEN_SEEDS


def median_speeds(n_hidden):
    """Median over the NIELSEN_SEEDS seeds of each hidden layer's speed at initialization: shape (H,)."""
    return np.median(speeds_over_seeds(n_hidden), axis=0)


def speed_summary(n_hidden):
    """Median, minimum and maximum over the seeds of each hidden layer's speed at
    initialization: three ndarrays of shape (H,)."""
    s = speeds_over_seeds(n_hidden)
    return np.median(s, axis=0), s.min(axis=0), s.max(axis=0)


def _close_to_nielsen(n_hidden, layer):
    """The median speed is within ±40 % of Nielsen's published number for that layer."""
    return lambda v: abs(v / NIELSEN_PUBLISHED[n_hidden][layer] - 1) < 0.4


@claim("gradflow.nielsen.two_h1", fmt=".3f", expect=_close_to_nielsen(2, 0))
def _two_h1():
    return float(median_speeds(2)[0])


@claim("gradflow.nielsen.two_h2", fmt=".2f", expect=_close_to_nielsen(2, 1))
def _two_h2():
    return float(median_speeds(2)[1])


@claim("gradflow.nielsen.three_h1", fmt=".3f", expect=_close_to_nielsen(3, 0))
def _three_h1():
    return float(median_speeds(3)[0])


@claim("gradflow.nielsen.three_h2", fmt=".3f", expect=_close_to_nielsen(3, 1))
def _three_h2():
    return float(median_speeds(3)[1])


@claim("gradflow.nielsen.three_h3", fmt=".2f", expect=_close_to_nielsen(3, 2))
def _three_h3():
    return float(median_speeds(3)[2])


# the ratios, which is what the comparison is about: medians within 15 % of Nielsen's
@claim("gradflow.nielsen.two_ratio", fmt=".1f", expect=lambda v: abs(v / _NIELSEN_RATIO_2 - 1) < 0.15)
def _two_ratio():
    return float(np.median(adjacent_ratios(speeds_over_seeds(2))[:, 0]))


@claim("gradflow.nielsen.three_ratio", fmt=".1f", expect=lambda v: abs(v / _NIELSEN_RATIO_3 - 1) < 0.15)
def _three_ratio():
    s = speeds_over_seeds(3)
    return float(np.median(s[:, 2] / s[:, 0]))


@claim("gradflow.nielsen.three_ratio_min", fmt=".0f", expect=lambda v: 10 < v < _NIELSEN_RATIO_3)
def _three_ratio_min():
    s = speeds_over_seeds(3)
    return float((s[:, 2] / s[:, 0]).min())


@claim("gradflow.nielsen.three_ratio_max", fmt=".0f", expect=lambda v: _NIELSEN_RATIO_3 < v < 60)
def _three_ratio_max():
    s = speeds_over_seeds(3)
    return float((s[:, 2] / s[:, 0]).max())


@claim("gradflow.nielsen.published_two_ratio", fmt=".1f", expect=lambda v: abs(v - 4.4) < 0.05)
def _published_two_ratio():
    """0.31 / 0.07, from Nielsen's published speeds."""
    return _NIELSEN_RATIO_2


@claim("gradflow.nielsen.published_three_ratio", fmt=".1f", expect=lambda v: abs(v - 23.6) < 0.05)
def _published_three_ratio():
    """0.283 / 0.012, from Nielsen's published speeds."""
    return _NIELSEN_RATIO_3


@claim("gradflow.nielsen.published_three_h3_h2", fmt=".1f", expect=lambda v: abs(v - 4.7) < 0.05)
def _published_three_h3_h2():
    """0.283 / 0.060, from Nielsen's published speeds."""
    return NIELSEN_PUBLISHED[3][2] / NIELSEN_PUBLISHED[3][1]


@claim("gradflow.nielsen.published_inside_range", fmt="d", expect=lambda v: v == 5)
def _published_inside_range():
    """How many of Nielsen's five published speeds lie inside the range of our 20 initializations: all."""
    inside = 0
    for n_hidden, published in NIELSEN_PUBLISHED.items():
        _, low, high = speed_summary(n_hidden)
        inside += int(np.sum((low <= np.array(published)) & (np.array(published) <= high)))
    return inside


@claim("gradflow.nielsen.seeds_ratio_min", fmt=".1f", expect=lambda v: 2.5 < v < 4.4)
def _seeds_ratio_min():
    """Smallest adjacent-layer ratio over 20 seeds and both nets: every one is well above 1."""
    return float(min(adjacent_ratios(speeds_over_seeds(h)).min() for h in (2, 3)))


@claim("gradflow.nielsen.seeds_ratio_max", fmt=".1f", expect=lambda v: 4.7 < v < 10)
def _seeds_ratio_max():
    return float(max(adjacent_ratios(speeds_over_seeds(h)).max() for h in (2, 3)))


@claim("gradflow.nielsen.unit_normal_ratio_h3_h2", fmt=".1f", expect=lambda v: v < 2.5)
def _unit_normal_ratio_h3_h2():
    """With N(0, 1) weights the ratio between hidden layers 3 and 2 (median over 20 seeds) is far
    below Nielsen's 4.7: his numbers come from the N(0, 1/n_in) init of his code."""
    return float(np.median(adjacent_ratios(speeds_over_seeds(3, init="unit_normal"))[:, 1]))


@claim("gradflow.train.drop_50", fmt=".0f", expect=lambda v: v > 30)
def _drop_50():
    """How many times smaller the last hidden layer's speed is after 50 epochs than at the start
    (3-hidden-layer net): 'by more than an order of magnitude'."""
    s, _ = speeds_during_training(3)
    return float(s[0, -1] / s[50, -1])


@claim("gradflow.train.three_ratio_end", fmt=".1f", expect=lambda v: 2 < v < 6)
def _three_ratio_end():
    """After 500 epochs the first hidden layer of the 3-hidden-layer net is still several times
    slower than the third."""
    s, _ = speeds_during_training(3)
    return float(s[-1, 2] / s[-1, 0])


@claim("gradflow.train.three_h2_over_h1_end", fmt=".1f", expect=lambda v: v < 1)
def _three_h2_over_h1_end():
    """At the end the middle layer is the slowest: the order is not fixed during training."""
    s, _ = speeds_during_training(3)
    return float(s[-1, 1] / s[-1, 0])


@claim("gradflow.train.two_ratio_min", fmt=".1f", expect=lambda v: v < 1.5)
def _two_ratio_min():
    """In the 2-hidden-layer net the gap closes for a while (ratio down to about 1)."""
    s, _ = speeds_during_training(2)
    return float((s[:, 1] / s[:, 0]).min())


@claim("gradflow.train.two_ratio_end", fmt=".1f", expect=lambda v: v > 2)
def _two_ratio_end():
    s, _ = speeds_during_training(2)
    return float(s[-1, 1] / s[-1, 0])


@claim("gradflow.train.two_accuracy", fmt=".0%", expect=lambda v: v > 0.9)
def _two_accuracy():
    return speeds_during_training(2)[1]


@claim("gradflow.train.three_accuracy", fmt=".0%", expect=lambda v: v < 0.6)
def _three_accuracy():
    return speeds_during_training(3)[1]


@claim("gradflow.explode.d2l_norm", fmt=".1e", expect=lambda v: 1e20 < v < 1e30)
def _d2l_norm():
    return d2l_product_norm()


@claim("gradflow.explode.typical_log10", fmt=".0f", expect=lambda v: 23.5 < v < 26)
def _typical_log10():
    """Mean of log10 ‖M_100‖ over 1000 trials at σ = 1: 'about 10^25'."""
    return typical_log10_norm(1.0)


@claim("gradflow.explode.trials", fmt="d", expect=lambda v: v == 1000)
def _trials():
    return PRODUCT_TRIALS


@claim("gradflow.explode.rate_exact", fmt=".3f", expect=lambda v: abs(v - 0.558) < 1e-3)
def _rate_exact():
    return exact_growth_rate()


@claim("gradflow.explode.rate_measured", fmt=".3f", expect=lambda v: abs(v - exact_growth_rate()) < 0.01)
def _rate_measured():
    return measured_growth_rate()


@claim("gradflow.explode.critical_exact", fmt=".3f", expect=lambda v: abs(v - 0.572) < 1e-3)
def _critical_exact():
    return exact_critical_scale()


@claim("gradflow.explode.critical_measured", fmt=".3f",
       expect=lambda v: abs(v - exact_critical_scale()) < 0.01 and v > 0.5)
def _critical_measured():
    """Agrees with the exact σ_c and lies clearly above the mean-square value 1/√n = 0.5."""
    return measured_critical_scale()


@claim("gradflow.explode.critical_above_half", fmt=".0%", expect=lambda v: 0.1 < v < 0.2)
def _critical_above_half():
    """How far the exact σ_c for n = 4 lies above 1/√4 = 0.5."""
    return exact_critical_scale(4) * math.sqrt(4) - 1


@claim("gradflow.explode.critical_above_inv_sqrt_n_100", fmt=".1%", expect=lambda v: 0 < v < 0.01)
def _critical_above_inv_sqrt_n_100():
    """For 100×100 matrices σ_c is less than 1 % above 1/√100."""
    return exact_critical_scale(100) * math.sqrt(100) - 1


@claim("gradflow.explode.half_typical_log10", fmt=".1f", expect=lambda v: v < -4)
def _half_typical_log10():
    """At σ = 1/√4 = 0.5 the typical ‖M_100‖ still shrinks below 10^−4."""
    return typical_log10_norm(0.5)


@claim("gradflow.explode.tenth_more", fmt=",.0f", expect=lambda v: 1e4 < v < 2e4)
def _tenth_more():
    """1.1^100: what a 10 % larger scale does to the norm of a 100-factor product."""
    return 1.1 ** PRODUCT_DEPTH


@claim("gradflow.knockout.ratio_20", fmt=".2f", expect=lambda v: abs(v - math.sqrt(1 - 0.2)) < 0.05)
def _ko_ratio_20():
    """20 % of layer 2 dead: the first layer keeps most of its gradient; each ratio follows √(1 − p)."""
    return knockout_mean_ratio(0.2)


@claim("gradflow.knockout.ratio_50", fmt=".2f", expect=lambda v: abs(v - math.sqrt(1 - 0.5)) < 0.05)
def _ko_ratio_50():
    return knockout_mean_ratio(0.5)


@claim("gradflow.knockout.ratio_90", fmt=".2f", expect=lambda v: abs(v - math.sqrt(1 - 0.9)) < 0.05)
def _ko_ratio_90():
    return knockout_mean_ratio(0.9)


@claim("gradflow.knockout.ratio_100", fmt=".0f", expect=lambda v: v == 0.0)
def _ko_ratio_100():
    """The whole layer dead: exactly zero gradient below it."""
    return knockout_mean_ratio(1.0)


@claim("gradflow.knockout.dead_grad", fmt=".0f", expect=lambda v: v == 0.0)
def _ko_dead_grad():
    """The weights into a dead unit get exactly zero gradient, in every run."""
    return float(knockout_sweep()["dead_grad"].max())
