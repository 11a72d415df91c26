"""Setting up training: preprocessing, weight initialization, batch normalization, search.

Five groups of experiments, each seeded and small enough for the build:

* preprocessing (``correlated_cloud``, ``preprocess``, ``descent_steps``): a correlated 2-D
  cloud far from the origin, zero-centred, normalized, PCA-rotated and whitened, and the
  number of gradient-descent steps a linear neuron with squared loss needs on each version;
* symmetry (``symmetry_run``): a one-hidden-layer tanh net whose weights all start equal,
  against the same net started at random;
* initialization in a deep net (``init_statistics``, ``init_gradients``): a 10-layer net of
  500 units per layer, per-layer activation statistics after one forward pass and
  per-layer gradient norms after one backward pass, for five (activation, init) settings;
* batch normalization (``bn_training``, ``bn_steps``, ``running_average_run``,
  ``batch_size_spread``): training with and without batch norm over learning rates and
  init scales, the algorithm on one mini-batch, the running averages of evaluation mode;
* hyperparameter search (``objective``, ``grid_points``, ``random_points``,
  ``search_comparison``): grid against random search on a synthetic objective in which
  one of two hyperparameters matters much more than the other.

Notation: hidden layer l computes z_l = h_{l−1} W_l + b_l and h_l = f(z_l) with h_0 = x and
W_l of shape (n_{l−1}, n_l). If the entries of W_l and h_{l−1} are independent with zero
mean, Var(z_l) = n_{l−1} · Var(W_l) · E[h_{l−1}²].
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np

from ..batchnorm import BatchNormState, batchnorm_forward
from ..datasets import circles, spirals
from ..init import fans, get_initializer
from ..layers import affine_forward
from ..losses import softmax_cross_entropy
from ..model import MLP
from ..monitoring import activation_histogram, gradient_norms
from .claims import claim

SEED = 0


# ========================================================================================
# Preprocessing
# ========================================================================================

CLOUD_SAMPLES = 500
CLOUD_MEAN = (5.0, 3.0)  # far from the origin, like raw pixel values
CLOUD_STD = (2.0, 0.5)  # the two features have different scales
CLOUD_CORR = 0.7  # and are correlated
PREPROCESSING_STEPS = ("raw", "centred", "normalized", "rotated", "whitened")
DESCENT_TOL = 1e-6  # converged when L − L* < DESCENT_TOL · (L_0 − L*)
DESCENT_MAX_STEPS = 12000
TARGET_W = np.array([0.8, -1.5])  # the regression target t = x·TARGET_W + TARGET_B + noise
TARGET_B = 0.5
TARGET_NOISE = 0.3


def correlated_cloud(n_samples=CLOUD_SAMPLES, *, seed=SEED):
    """A Gaussian cloud in 2-D: mean CLOUD_MEAN, standard deviations CLOUD_STD, correlation CLOUD_CORR.

    x_n = μ + L·z_n with z_n ~ N(0, I) and L the Cholesky factor of the covariance
    Σ = [[s₁², r·s₁·s₂], [r·s₁·s₂, s₂²]]. Returns X, float64 ndarray of shape (n_samples, 2).
    """
    s1, s2 = CLOUD_STD
    cov = np.array([[s1 * s1, CLOUD_CORR * s1 * s2], [CLOUD_CORR * s1 * s2, s2 * s2]])
    z = np.random.default_rng(seed).standard_normal((n_samples, 2))
    return z @ np.linalg.cholesky(cov).T + np.array(CLOUD_MEAN)


@dataclass(frozen=True)
class PreprocessingStats:
    """Statistics of a training set X of shape (N, D), used to transform any data set.

    mean, std : ndarray of shape (D,), per feature (std divides by N).
    eigvals : ndarray of shape (D,), eigenvalues of the covariance XcᵀXc/N (Xc = X − mean), largest first.
    eigvecs : ndarray of shape (D, D), the matching eigenvectors as columns (the principal axes).
    """

    mean: np.ndarray
    std: np.ndarray
    eigvals: np.ndarray
    eigvecs: np.ndarray

    @classmethod
    def fit(cls, X):
        """The statistics of the training set X (N, D)."""
        centred = X - X.mean(axis=0)
        eigvals, eigvecs = np.linalg.eigh(centred.T @ centred / X.shape[0])
        return cls(X.mean(axis=0), X.std(axis=0), eigvals[::-1], eigvecs[:, ::-1])

    def transform(self, X, step):
        """X (N, D) after ``step``, with this object's (training) statistics:

        raw: X;  centred: X − μ;  normalized: (X − μ)/σ;  rotated: (X − μ)·U (PCA axes);
        whitened: (X − μ)·U / √λ (each PCA axis divided by its standard deviation).
        """
        centred = X - self.mean
        if step == "raw":
            return X.copy()
        if step == "centred":
            return centred
        if step == "normalized":
            return centred / self.std
        if step == "rotated":
            return centred @ self.eigvecs
        if step == "whitened":
            return centred @ self.eigvecs / np.sqrt(self.eigvals)
        raise ValueError(f"step must be one of {PREPROCESSING_STEPS}; got {step!r}")


@functools.cache
def preprocessed(step, *, seed=SEED):
    """``correlated_cloud(seed=seed)`` after ``step``, statistics from the cloud itself: (N, 2)."""
    X = correlated_cloud(seed=seed)
    return PreprocessingStats.fit(X).transform(X, step)


def regression_targets(*, seed=SEED):
    """t = x·TARGET_W + TARGET_B + TARGET_NOISE·N(0, 1) on the raw cloud: ndarray of shape (N,).

    Every preprocessing step is an invertible affine map of x, so the best affine fit and its
    loss L* are the same on every version of the data."""
    X = correlated_cloud(seed=seed)
    noise = np.random.default_rng(seed + 1).standard_normal(X.shape[0])
    return X @ TARGET_W + TARGET_B + TARGET_NOISE * noise


def hessian_eigenvalues(X):
    """Eigenvalues (ascending) of the Hessian of L(w, b) = (1/N) Σ_n (x_n·w + b − t_n)²,
    H = (2/N)·AᵀA with A = [X 1] of shape (N, D + 1). The Hessian does not depend on t."""
    A = np.column_stack([X, np.ones(X.shape[0])])
    return np.linalg.eigvalsh(2 * A.T @ A / X.shape[0])


@dataclass(frozen=True)
class DescentRun:
    """Full-batch gradient descent of a linear neuron on one version of the cloud.

    condition : κ = λ_max/λ_min of the Hessian.  lr : 2/(λ_max + λ_min), the constant learning
    rate that is best for a quadratic loss.  steps : updates until L − L* < DESCENT_TOL·(L_0 − L*).
    predicted : ⌈log(DESCENT_TOL) / (2·log((κ − 1)/(κ + 1)))⌉, the bound from the slowest direction.
    excess : ndarray of shape (steps + 1,), (L_k − L*)/(L_0 − L*) for k = 0 … steps.
    """

    condition: float
    lr: float
    steps: int
    predicted: int
    excess: np.ndarray


@functools.cache
def descent_steps(step, *, seed=SEED):
    """Train MLP([2, 1]) (a linear neuron, weights and bias starting at 0) with loss="mse" on
    ``preprocessed(step)`` and the targets ``regression_targets()``; returns a DescentRun."""
    X, t = preprocessed(step, seed=seed), regression_targets(seed=seed)
    eig = hessian_eigenvalues(X)
    condition, lr = float(eig[-1] / eig[0]), float(2 / (eig[-1] + eig[0]))
    A = np.column_stack([X, np.ones(X.shape[0])])
    best, *_ = np.linalg.lstsq(A, t, rcond=None)
    optimum = float(np.mean((A @ best - t) ** 2))
    rate = (condition - 1) / (condition + 1)
    predicted = 1 if rate < 1e-12 else math.ceil(math.log(DESCENT_TOL) / (2 * math.log(rate)))
    # the excess loss shrinks at least by rate² per step, so predicted + a few steps always suffice
    net = MLP([2, 1], rng=np.random.default_rng(seed), init="zeros")
    history = net.fit(X, t, loss="mse", lr=lr, epochs=min(predicted + 5, DESCENT_MAX_STEPS))
    excess = (history.loss - optimum) / (history.loss[0] - optimum)
    below = np.flatnonzero(excess < DESCENT_TOL)
    steps = int(below[0]) if below.size else -1
    return DescentRun(condition, lr, steps, predicted, excess[: steps + 1] if steps >= 0 else excess)


@claim("setup.pre.samples", fmt="d", expect=lambda v: v == 500)
def pre_samples():
    return CLOUD_SAMPLES


@claim("setup.pre.tol", fmt="s", expect=lambda v: v == "10⁻⁶")
def pre_tol():
    """DESCENT_TOL written as a power of ten with a superscript exponent."""
    exponent = str(round(math.log10(DESCENT_TOL)))
    return "10" + exponent.translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))


@claim("setup.pre.raw_condition", fmt=".0f", expect=lambda v: v > 1000)
def pre_raw_condition():
    return descent_steps("raw").condition


@claim("setup.pre.centred_condition", fmt=".0f", expect=lambda v: 10 < v < 100)
def pre_centred_condition():
    return descent_steps("centred").condition


@claim("setup.pre.normalized_condition", fmt=".1f", expect=lambda v: 1 < v < 10)
def pre_normalized_condition():
    return descent_steps("normalized").condition


@claim("setup.pre.raw_steps", fmt="d", expect=lambda v: v > 2000)
def pre_raw_steps():
    return descent_steps("raw").steps


@claim("setup.pre.centred_steps", fmt="d", expect=lambda v: 0 < v < pre_raw_steps() / 10)
def pre_centred_steps():
    return descent_steps("centred").steps


@claim("setup.pre.normalized_steps", fmt="d", expect=lambda v: 0 < v < pre_centred_steps())
def pre_normalized_steps():
    return descent_steps("normalized").steps


@claim("setup.pre.rotated_steps", fmt="d", expect=lambda v: v == pre_centred_steps())
def pre_rotated_steps():
    """PCA rotation alone changes nothing: gradient descent does not care how the axes are turned."""
    return descent_steps("rotated").steps


@claim("setup.pre.whitened_steps", fmt="d", expect=lambda v: v == 1)
def pre_whitened_steps():
    return descent_steps("whitened").steps


@claim("setup.pre.raw_over_centred", fmt=".0f", expect=lambda v: v > 10)
def pre_raw_over_centred():
    return descent_steps("raw").steps / descent_steps("centred").steps


@claim("setup.pre.raw_predicted", fmt="d", expect=lambda v: v >= pre_raw_steps())
def pre_raw_predicted():
    """The slowest-direction bound for the raw cloud (the measured count may only be lower)."""
    return descent_steps("raw").predicted


@claim("setup.pre.bound_holds", fmt="d", expect=lambda v: v == len(PREPROCESSING_STEPS))
def pre_bound_holds():
    """Number of versions whose measured steps lie at or below the bound, and within 1 step of
    it except for the raw cloud."""
    runs = {step: descent_steps(step) for step in PREPROCESSING_STEPS}
    return sum(1 for step, r in runs.items() if r.steps <= r.predicted and (step == "raw" or r.predicted - r.steps <= 1))


# ========================================================================================
# Symmetry: all-equal initial weights
# ========================================================================================

SYMMETRY_HIDDEN = 8
SYMMETRY_VALUE = 0.5  # every weight starts at this value in the constant net
SYMMETRY_LR = 0.5
SYMMETRY_EPOCHS = 1000
SYMMETRY_RECORD_EVERY = 10
SYMMETRY_SAMPLES = 200
SYMMETRY_NOISE = 0.1


def symmetry_data(*, seed=SEED):
    """``circles(SYMMETRY_SAMPLES, noise=SYMMETRY_NOISE)``: X (N, 2), y (N,) in {0, 1}."""
    return circles(SYMMETRY_SAMPLES, noise=SYMMETRY_NOISE, rng=np.random.default_rng(seed))


@dataclass(frozen=True)
class SymmetryRun:
    """One run of MLP([2, H, 2], "tanh") trained by full-batch gradient descent.

    epochs : int ndarray of shape (T,), the epochs at which W1 was recorded (0 = before training).
    W1 : ndarray of shape (T, 2, H), the hidden layer's weights at those epochs.
    loss, accuracy : ndarray of shape (SYMMETRY_EPOCHS,), per epoch.
    unit_spread : max over the hidden units j of |W1[:, j] − W1[:, 0]|, |b1[j] − b1[0]| and
    |W2[j, :] − W2[0, :]| after training (0 means the units are identical).
    """

    epochs: np.ndarray
    W1: np.ndarray
    loss: np.ndarray
    accuracy: np.ndarray
    unit_spread: float


@functools.cache
def symmetry_run(init, *, seed=SEED):
    """Train MLP([2, SYMMETRY_HIDDEN, 2], "tanh") on ``symmetry_data`` with full-batch gradient
    descent (lr = SYMMETRY_LR, SYMMETRY_EPOCHS epochs, softmax cross-entropy).

    init : "constant" (every weight SYMMETRY_VALUE) or an initializer name, e.g. "xavier_normal".
    """
    X, y = symmetry_data(seed=seed)
    initializer = get_initializer("constant", value=SYMMETRY_VALUE) if init == "constant" else init
    net = MLP([2, SYMMETRY_HIDDEN, 2], "tanh", rng=np.random.default_rng(seed), init=initializer)
    epochs, snapshots, losses, accuracies = [0], [net.params["W1"].copy()], [], []
    for _ in range(SYMMETRY_EPOCHS // SYMMETRY_RECORD_EVERY):
        history = net.fit(X, y, lr=SYMMETRY_LR, epochs=SYMMETRY_RECORD_EVERY)
        losses.append(history.loss)
        accuracies.append(history.accuracy)
        epochs.append(epochs[-1] + SYMMETRY_RECORD_EVERY)
        snapshots.append(net.params["W1"].copy())
    W1, b1, W2 = net.params["W1"], net.params["b1"], net.params["W2"]
    spread = max(np.abs(W1 - W1[:, :1]).max(), np.abs(b1 - b1[0]).max(), np.abs(W2 - W2[:1]).max())
    return SymmetryRun(np.array(epochs), np.array(snapshots), np.concatenate(losses), np.concatenate(accuracies),
                       float(spread))


@claim("setup.sym.hidden", fmt="d", expect=lambda v: v == 8)
def sym_hidden():
    return SYMMETRY_HIDDEN


@claim("setup.sym.value", fmt="g", expect=lambda v: v == 0.5)
def sym_value():
    return SYMMETRY_VALUE


@claim("setup.sym.lr", fmt="g", expect=lambda v: v == 0.5)
def sym_lr():
    return SYMMETRY_LR


@claim("setup.sym.epochs", fmt="d", expect=lambda v: v == 1000)
def sym_epochs():
    return SYMMETRY_EPOCHS


@claim("setup.sym.samples", fmt="d", expect=lambda v: v == 200)
def sym_samples():
    return SYMMETRY_SAMPLES


@claim("setup.sym.constant_spread", fmt="g", expect=lambda v: v == 0)
def sym_constant_spread():
    return symmetry_run("constant").unit_spread


@claim("setup.sym.random_spread", fmt=".1f", expect=lambda v: v > 1)
def sym_random_spread():
    return symmetry_run("xavier_normal").unit_spread


@claim("setup.sym.constant_accuracy", fmt=".0%", expect=lambda v: v < 0.7)
def sym_constant_accuracy():
    return float(symmetry_run("constant").accuracy[-1])


@claim("setup.sym.random_accuracy", fmt=".0%", expect=lambda v: v > 0.95)
def sym_random_accuracy():
    return float(symmetry_run("xavier_normal").accuracy[-1])


@claim("setup.sym.constant_loss", fmt=".3f", expect=lambda v: v > 0.5)
def sym_constant_loss():
    return float(symmetry_run("constant").loss[-1])


@claim("setup.sym.random_loss", fmt=".3f", expect=lambda v: v < 0.1)
def sym_random_loss():
    return float(symmetry_run("xavier_normal").loss[-1])


# ========================================================================================
# Initialization in a deep net: activations and gradients, one pass each
# ========================================================================================

INIT_SAMPLES = 1000
INIT_WIDTH = 500
INIT_DEPTH = 10  # hidden layers
INIT_CLASSES = 10
INIT_BINS = 50
INIT_DTYPE = np.float32  # one pass over ten 500 × 500 layers is twice as fast as in float64
SATURATION = 0.99  # a tanh unit is saturated where |tanh(z)| > SATURATION (slope < 0.02)

# (activation, initializer name, initializer parameters): the five settings of the figures
INIT_SETTINGS = {
    "tanh_small": ("tanh", "small_random", {"scale": 0.01}),
    "tanh_large": ("tanh", "small_random", {"scale": 1.0}),
    "tanh_xavier": ("tanh", "xavier_normal", {}),
    "relu_xavier": ("relu", "xavier_normal", {}),
    "relu_he": ("relu", "he_normal", {}),
}


def pytorch_linear_default(shape, *, rng, dtype=np.float64):
    """PyTorch's default weights for nn.Linear: kaiming_uniform_ with a = √5, which works out to
    W ~ U(−1/√fan_in, 1/√fan_in), so Var(W) = 1/(3·fan_in). shape : (fan_in, fan_out)."""
    bound = 1 / math.sqrt(fans(shape)[0])
    return (2 * rng.random(shape, dtype=dtype) - 1) * bound


@functools.cache
def init_inputs(*, seed=SEED):
    """(X, G): X ~ N(0, 1) of shape (INIT_SAMPLES, INIT_WIDTH), the inputs of every deep net, and
    G ~ N(0, 1)/INIT_SAMPLES of shape (INIT_SAMPLES, INIT_CLASSES), the upstream gradient ∂L/∂scores
    of the loss L = Σ_n Σ_c G[n, c]·s[n, c] (a loss whose gradient is random and independent of
    the net, so that only the layers shape what reaches each layer)."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((INIT_SAMPLES, INIT_WIDTH), dtype=INIT_DTYPE)
    G = rng.standard_normal((INIT_SAMPLES, INIT_CLASSES), dtype=INIT_DTYPE) / INIT_SAMPLES
    return X, G


def deep_net(setting, *, seed=SEED):
    """MLP([INIT_WIDTH] * (INIT_DEPTH + 1) + [INIT_CLASSES]) with the activation and init of
    ``setting`` (a key of INIT_SETTINGS, or "relu_pytorch" for ``pytorch_linear_default``); biases 0."""
    if setting == "relu_pytorch":
        activation, init = "relu", pytorch_linear_default
    else:
        activation, name, params = INIT_SETTINGS[setting]
        init = get_initializer(name, **params)
    sizes = [INIT_WIDTH] * (INIT_DEPTH + 1) + [INIT_CLASSES]
    return MLP(sizes, activation, rng=np.random.default_rng(seed + 1), init=init, dtype=INIT_DTYPE)


@dataclass(frozen=True)
class LayerSummary:
    """Statistics of the activations h_l of each hidden layer l = 1 … INIT_DEPTH on ``init_inputs``.

    mean, std : ndarray of shape (L,), over all N·n entries of h_l.
    saturated : ndarray of shape (L,), fraction of entries with |h| > SATURATION.
    zero : ndarray of shape (L,), fraction of entries equal to 0.
    slope_sq : ndarray of shape (L,), E[f′(z_l)²] over all entries: (1 − h²)² for tanh, [h > 0] for ReLU.
    counts : int ndarray of shape (L, INIT_BINS), histogram of the entries in ``edges``
    (for ReLU only the nonzero entries are counted).  edges : ndarray of shape (INIT_BINS + 1,).
    """

    mean: np.ndarray
    std: np.ndarray
    saturated: np.ndarray
    zero: np.ndarray
    slope_sq: np.ndarray
    counts: np.ndarray
    edges: np.ndarray


def histogram_range(setting):
    """The range of the histograms: (−1, 1) for tanh, (0, 3) for ReLU."""
    return (-1.0, 1.0) if setting.startswith("tanh") else (0.0, 3.0)


@functools.cache
def init_statistics(setting, *, seed=SEED):
    """One forward pass (evaluation mode) of ``deep_net(setting)`` on ``init_inputs``; a LayerSummary."""
    X, _ = init_inputs(seed=seed)
    net = deep_net(setting, seed=seed)
    keys = ("mean", "std", "saturated", "zero", "slope_sq", "counts")
    rows = {key: [] for key in keys}
    edges = None
    tanh = setting.startswith("tanh")
    for _, h in net.hidden_layers(X):
        h = h.astype(np.float64)
        rows["mean"].append(h.mean())
        rows["std"].append(h.std())
        rows["saturated"].append(np.mean(np.abs(h) > SATURATION))
        rows["zero"].append(np.mean(h == 0))
        rows["slope_sq"].append(np.mean((1 - h * h) ** 2) if tanh else np.mean(h > 0))
        entries = h if tanh else h[h > 0].reshape(-1, 1)
        counts, edges = activation_histogram(entries, bins=INIT_BINS, value_range=histogram_range(setting))
        rows["counts"].append(counts)
    return LayerSummary(*(np.array(rows[key]) for key in keys), edges)


def weight_variance(setting):
    """Var(W) of the hidden layers' weights in ``setting`` (all layers are INIT_WIDTH × INIT_WIDTH)."""
    _, name, params = INIT_SETTINGS[setting]
    return {"small_random": params.get("scale", 0.01) ** 2, "xavier_normal": 2 / (2 * INIT_WIDTH),
            "he_normal": 2 / INIT_WIDTH}[name]


def predicted_backward_factor(setting):
    """√(n·Var(W)·E[f′(z)²]): the factor by which the gradient δ_l = ∂L/∂z_l grows per layer going
    down toward the input, with E[f′²] measured on the forward pass (mean over the layers 2 … L)."""
    slope_sq = init_statistics(setting).slope_sq[1:].mean()
    return math.sqrt(INIT_WIDTH * weight_variance(setting) * slope_sq)


@dataclass(frozen=True)
class GradientSummary:
    """Per-layer gradient norms after one backward pass; layers 1 … INIT_DEPTH + 1 (the last is
    the output layer). weight : ‖∂L/∂W_l‖.  bias : ‖∂L/∂b_l‖ = ‖Σ_n δ_l[n]‖, a measure of the
    gradient δ_l = ∂L/∂z_l that reaches layer l. Both ndarrays of shape (INIT_DEPTH + 1,)."""

    weight: np.ndarray
    bias: np.ndarray


@functools.cache
def init_gradients(setting, *, seed=SEED):
    """One forward and one backward pass of ``deep_net(setting)`` on ``init_inputs``: X in,
    upstream gradient G at the scores; a GradientSummary computed with nnnotes.monitoring."""
    X, G = init_inputs(seed=seed)
    net = deep_net(setting, seed=seed)
    net.forward(X, train=True)
    norms = gradient_norms(net.backward(G))
    layers = range(1, INIT_DEPTH + 2)
    weight = np.array([norms[f"W{i}"] for i in layers], dtype=np.float64)
    return GradientSummary(weight, np.array([norms[f"b{i}"] for i in layers], dtype=np.float64))


def per_layer_factor(values):
    """Geometric mean of values[l+1]/values[l] over the layers: (values[-1]/values[0])^(1/(L−1))."""
    values = np.asarray(values, dtype=float)
    return float((values[-1] / values[0]) ** (1 / (values.size - 1)))


@claim("setup.init.samples", fmt="d", expect=lambda v: v == 1000)
def init_samples():
    return INIT_SAMPLES


@claim("setup.init.width", fmt="d", expect=lambda v: v == 500)
def init_width():
    return INIT_WIDTH


@claim("setup.init.depth", fmt="d", expect=lambda v: v == 10)
def init_depth():
    return INIT_DEPTH


@claim("setup.init.tanh_small_std_first", fmt=".2f", expect=lambda v: 0.15 < v < 0.3)
def init_tanh_small_std_first():
    return float(init_statistics("tanh_small").std[0])


@claim("setup.init.tanh_small_std_last", fmt=".0e", expect=lambda v: 0 < v < 1e-5)
def init_tanh_small_std_last():
    return float(init_statistics("tanh_small").std[-1])


@claim("setup.init.tanh_small_factor", fmt=".3f", expect=lambda v: abs(v - 0.01 * math.sqrt(500)) < 0.01)
def init_tanh_small_factor():
    """Per-layer factor of the activations' std; the linear prediction is 0.01·√500 = 0.224."""
    return per_layer_factor(init_statistics("tanh_small").std)


@claim("setup.init.tanh_small_predicted_factor", fmt=".3f", expect=lambda v: abs(v - 0.2236) < 1e-3)
def init_tanh_small_predicted_factor():
    return 0.01 * math.sqrt(INIT_WIDTH)


@claim("setup.init.tanh_small_bias_factor", fmt=".1f", expect=lambda v: 3 < v < 6)
def init_tanh_small_bias_factor():
    """How much ‖∂L/∂b‖ shrinks per layer toward the input (the inverse of the forward factor)."""
    return per_layer_factor(init_gradients("tanh_small").bias[:INIT_DEPTH])


@claim("setup.init.tanh_small_weight_grad", fmt=".0e", expect=lambda v: 0 < v < 1e-5)
def init_tanh_small_weight_grad():
    """The largest weight-gradient norm of any layer: every layer's is tiny."""
    return float(init_gradients("tanh_small").weight.max())


@claim("setup.init.tanh_small_weight_spread", fmt=".2f", expect=lambda v: 1 <= v < 1.5)
def init_tanh_small_weight_spread():
    """max/min of the weight-gradient norms over the hidden layers: they are nearly equal."""
    w = init_gradients("tanh_small").weight[:INIT_DEPTH]
    return float(w.max() / w.min())


@claim("setup.init.tanh_large_saturated", fmt=".0%", expect=lambda v: v > 0.85)
def init_tanh_large_saturated():
    """Smallest fraction of saturated entries (|tanh| > 0.99) over the ten layers."""
    return float(init_statistics("tanh_large").saturated.min())


@claim("setup.init.tanh_large_std", fmt=".2f", expect=lambda v: v > 0.95)
def init_tanh_large_std():
    return float(init_statistics("tanh_large").std[-1])


@claim("setup.init.tanh_large_grad_factor", fmt=".1f", expect=lambda v: v > 2)
def init_tanh_large_grad_factor():
    """How much ‖∂L/∂W‖ grows per layer toward the input (the gradients explode, not vanish)."""
    return 1 / per_layer_factor(init_gradients("tanh_large").weight[:INIT_DEPTH])


@claim("setup.init.tanh_large_grad_predicted", fmt=".1f", expect=lambda v: abs(v - init_tanh_large_grad_factor()) < 0.3)
def init_tanh_large_grad_predicted():
    return predicted_backward_factor("tanh_large")


@claim("setup.init.tanh_large_mean_slope_sq", fmt=".3f", expect=lambda v: v < 0.05)
def init_tanh_large_mean_slope_sq():
    """E[tanh′(z)²], averaged over the layers: most units pass almost no gradient."""
    return float(init_statistics("tanh_large").slope_sq.mean())


@claim("setup.init.tanh_large_first_weight_grad", fmt=".0e", expect=lambda v: v > 1e4)
def init_tanh_large_first_weight_grad():
    return float(init_gradients("tanh_large").weight[0])


@claim("setup.init.tanh_xavier_std_first", fmt=".2f", expect=lambda v: 0.5 < v < 0.8)
def init_tanh_xavier_std_first():
    return float(init_statistics("tanh_xavier").std[0])


@claim("setup.init.tanh_xavier_std_last", fmt=".2f", expect=lambda v: 0.15 < v < 0.35)
def init_tanh_xavier_std_last():
    return float(init_statistics("tanh_xavier").std[-1])


@claim("setup.init.tanh_xavier_weight_spread", fmt=".1f", expect=lambda v: 1 <= v < 2)
def init_tanh_xavier_weight_spread():
    w = init_gradients("tanh_xavier").weight[:INIT_DEPTH]
    return float(w.max() / w.min())


@claim("setup.init.relu_xavier_factor", fmt=".2f", expect=lambda v: abs(v - 1 / math.sqrt(2)) < 0.05)
def init_relu_xavier_factor():
    """Per-layer factor of the ReLU activations' std with Xavier; the prediction is 1/√2 = 0.71."""
    return per_layer_factor(init_statistics("relu_xavier").std)


@claim("setup.init.relu_xavier_std_last", fmt=".3f", expect=lambda v: v < 0.05)
def init_relu_xavier_std_last():
    return float(init_statistics("relu_xavier").std[-1])


@claim("setup.init.relu_xavier_bias_factor", fmt=".2f", expect=lambda v: abs(v - math.sqrt(2)) < 0.1)
def init_relu_xavier_bias_factor():
    """How much ‖∂L/∂b‖ shrinks per layer toward the input with Xavier (prediction √2)."""
    return per_layer_factor(init_gradients("relu_xavier").bias[:INIT_DEPTH])


@claim("setup.init.relu_he_std_first", fmt=".2f", expect=lambda v: 0.7 < v < 1.0)
def init_relu_he_std_first():
    return float(init_statistics("relu_he").std[0])


@claim("setup.init.relu_he_std_last", fmt=".2f", expect=lambda v: 0.6 < v < 1.3)
def init_relu_he_std_last():
    return float(init_statistics("relu_he").std[-1])


@claim("setup.init.relu_he_mean_first", fmt=".3f", expect=lambda v: abs(v - 1 / math.sqrt(math.pi)) < 0.02)
def init_relu_he_mean_first():
    """Mean of relu(z), z ~ N(0, 2): √2/√(2π) = 1/√π = 0.564."""
    return float(init_statistics("relu_he").mean[0])


@claim("setup.init.relu_zero_fraction", fmt=".0%", expect=lambda v: 0.45 < v < 0.55)
def init_relu_zero_fraction():
    """Fraction of exact zeros in the He net's activations, averaged over the layers."""
    return float(init_statistics("relu_he").zero.mean())


@claim("setup.init.relu_he_bias_spread", fmt=".2f", expect=lambda v: 1 <= v < 1.5)
def init_relu_he_bias_spread():
    b = init_gradients("relu_he").bias[:INIT_DEPTH]
    return float(b.max() / b.min())


@claim("setup.init.pytorch_factor", fmt=".2f", expect=lambda v: abs(v - 1 / math.sqrt(6)) < 0.05)
def init_pytorch_factor():
    """Per-layer factor of the std in the ReLU stack with PyTorch's nn.Linear default (prediction 1/√6)."""
    X, _ = init_inputs()
    stds = [h.std() for _, h in deep_net("relu_pytorch").hidden_layers(X)]
    return per_layer_factor(stds)


# ========================================================================================
# Batch normalization: training with and without, over learning rates and init scales
# ========================================================================================

BN_SAMPLES = 200
BN_NOISE = 0.1
BN_WIDTH = 32
BN_HIDDEN = 4
BN_EPOCHS = 150
BN_LRS = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0)  # the sweep for the speed comparison (He init)
BN_FIGURE_LRS = (0.01, 0.3, 3.0)  # the figure's columns, for every init
BN_INITS = ("small", "he", "large")  # the figure's rows
BN_INIT_SCALES = {"small": 0.01, "large": 1.0}  # W ~ scale·N(0, 1); "he" is he_normal
BN_THRESHOLD = 0.2  # "trained" = training loss below this


@functools.cache
def bn_data(*, seed=SEED):
    """Three-class spirals, ``spirals(BN_SAMPLES, noise=BN_NOISE)``, each feature standardized: X (N, 2), y (N,)."""
    X, y = spirals(BN_SAMPLES, noise=BN_NOISE, rng=np.random.default_rng(seed))
    return (X - X.mean(axis=0)) / X.std(axis=0), y


def bn_initializer(init):
    """The initializer of a row: small_random with scale 0.01 or 1.0, or he_normal."""
    if init == "he":
        return get_initializer("he_normal")
    return get_initializer("small_random", scale=BN_INIT_SCALES[init])


def bn_net(init, batchnorm, *, seed=SEED):
    """MLP([2] + [BN_WIDTH] * BN_HIDDEN + [3], "relu"), with or without batch norm before each ReLU."""
    sizes = [2] + [BN_WIDTH] * BN_HIDDEN + [3]
    return MLP(sizes, "relu", rng=np.random.default_rng(seed + 1), init=bn_initializer(init), batchnorm=batchnorm)


@dataclass(frozen=True)
class BNRun:
    """One full-batch training run. loss, accuracy : ndarray of shape (BN_EPOCHS,) (NaN after a
    divergence).  steps : first epoch with loss < BN_THRESHOLD, or −1.  net : the trained MLP."""

    loss: np.ndarray
    accuracy: np.ndarray
    steps: int
    net: MLP


@functools.cache
def bn_training(init, lr, batchnorm, *, seed=SEED):
    """Train ``bn_net(init, batchnorm)`` on ``bn_data`` by full-batch gradient descent at ``lr``
    for BN_EPOCHS epochs (softmax cross-entropy); a BNRun."""
    X, y = bn_data(seed=seed)
    net = bn_net(init, batchnorm, seed=seed)
    history = net.fit(X, y, lr=lr, epochs=BN_EPOCHS)
    below = np.flatnonzero(history.loss < BN_THRESHOLD)
    return BNRun(history.loss, history.accuracy, int(below[0]) if below.size else -1, net)


def final_loss(run):
    """The last finite training loss, or inf when the run diverged."""
    return float(run.loss[-1]) if np.isfinite(run.loss[-1]) else math.inf


def best_steps(batchnorm, lrs=BN_LRS, init="he"):
    """(steps, lr): the fewest epochs to loss < BN_THRESHOLD over the learning rates ``lrs``."""
    runs = [(bn_training(init, lr, batchnorm).steps, lr) for lr in sorted(lrs)]
    return min((s, lr) for s, lr in runs if s >= 0)


@functools.cache
def bn_first_gradients(init, batchnorm, *, seed=SEED):
    """‖∂L/∂W_l‖ for l = 1 … BN_HIDDEN + 1 at initialization: one forward (train mode) and one
    backward pass of the softmax cross-entropy on ``bn_data``. ndarray of shape (BN_HIDDEN + 1,)."""
    X, y = bn_data(seed=seed)
    net = bn_net(init, batchnorm, seed=seed)
    _, dscores = softmax_cross_entropy(net.forward(X, train=True), y)
    norms = gradient_norms(net.backward(dscores))
    return np.array([norms[f"W{i}"] for i in range(1, BN_HIDDEN + 2)])


@claim("setup.bn.samples", fmt="d", expect=lambda v: v == 200)
def bn_samples():
    return BN_SAMPLES


@claim("setup.bn.width", fmt="d", expect=lambda v: v == 32)
def bn_width():
    return BN_WIDTH


@claim("setup.bn.hidden", fmt="d", expect=lambda v: v == 4)
def bn_hidden():
    return BN_HIDDEN


@claim("setup.bn.epochs", fmt="d", expect=lambda v: v == 150)
def bn_epochs():
    return BN_EPOCHS


@claim("setup.bn.threshold", fmt="g", expect=lambda v: v == 0.2)
def bn_threshold():
    return BN_THRESHOLD


@claim("setup.bn.ln3", fmt=".3f", expect=lambda v: abs(v - 1.0986) < 1e-4)
def bn_ln3():
    return math.log(3)


@claim("setup.bn.small_plain_loss", fmt=".3f", expect=lambda v: abs(v - math.log(3)) < 1e-3)
def bn_small_plain_loss():
    """Without batch norm, from weights 0.01·N(0, 1): the final loss at every learning rate of the
    figure stays at ln 3 (the farthest from it is reported)."""
    losses = [final_loss(bn_training("small", lr, False)) for lr in BN_FIGURE_LRS]
    return max(losses, key=lambda v: abs(v - math.log(3)))


@claim("setup.bn.small_bn_loss", fmt=".3f", expect=lambda v: v < 0.15)
def bn_small_bn_loss():
    """With batch norm, from the same weights: the worst final loss over the figure's learning rates."""
    return max(final_loss(bn_training("small", lr, True)) for lr in BN_FIGURE_LRS)


@claim("setup.bn.small_grad_plain", fmt=".0e", expect=lambda v: v < 1e-5)
def bn_small_grad_plain():
    """‖∂L/∂W_1‖ at initialization, weights 0.01·N(0, 1), no batch norm."""
    return float(bn_first_gradients("small", False)[0])


@claim("setup.bn.small_grad_bn", fmt=".2f", expect=lambda v: v > 0.01)
def bn_small_grad_bn():
    return float(bn_first_gradients("small", True)[0])


@claim("setup.bn.bias_grad_before_bn", fmt=".0e", expect=lambda v: v < 1e-12)
def bn_bias_grad_before_bn():
    """Largest ‖∂L/∂b_l‖ over the hidden layers of the He net with batch norm at initialization:
    subtracting the batch mean removes any constant added before it, so the bias gets no gradient."""
    X, y = bn_data()
    net = bn_net("he", True)
    _, dscores = softmax_cross_entropy(net.forward(X, train=True), y)
    grads = net.backward(dscores)
    return max(float(np.linalg.norm(grads[f"b{i}"])) for i in range(1, BN_HIDDEN + 1))


@claim("setup.bn.large_plain_diverged", fmt="d", expect=lambda v: v == 2)
def bn_large_plain_diverged():
    """How many of the figure's three learning rates make the plain net from weights 1.0·N(0, 1)
    diverge (the loss overflows to inf or NaN)."""
    return sum(1 for lr in BN_FIGURE_LRS if not math.isfinite(final_loss(bn_training("large", lr, False))))


@claim("setup.bn.large_bn_loss", fmt=".3f", expect=lambda v: v < 0.15)
def bn_large_bn_loss():
    return max(final_loss(bn_training("large", lr, True)) for lr in BN_FIGURE_LRS)


@claim("setup.bn.large_low_lr_plain_steps", fmt="d", expect=lambda v: 0 < v < bn_large_low_lr_bn_steps() / 3)
def bn_large_low_lr_plain_steps():
    """Weights 1.0·N(0, 1), the smallest learning rate: the plain net reaches the threshold first."""
    return bn_training("large", min(BN_LRS), False).steps


@claim("setup.bn.large_low_lr_bn_steps", fmt="d", expect=lambda v: v > 50)
def bn_large_low_lr_bn_steps():
    return bn_training("large", min(BN_LRS), True).steps


@claim("setup.bn.low_lr", fmt="g", expect=lambda v: v == 0.01)
def bn_low_lr():
    return min(BN_LRS)


@claim("setup.bn.he_high_lr_plain", fmt=".3f", expect=lambda v: abs(v - math.log(3)) < 1e-3)
def bn_he_high_lr_plain():
    """Without batch norm, He init, the largest swept learning rate: the loss ends at ln 3."""
    return final_loss(bn_training("he", max(BN_LRS), False))


@claim("setup.bn.he_high_lr_bn", fmt=".3f", expect=lambda v: v < 0.1)
def bn_he_high_lr_bn():
    return final_loss(bn_training("he", max(BN_LRS), True))


@claim("setup.bn.high_lr", fmt="g", expect=lambda v: v == 3.0)
def bn_high_lr():
    return max(BN_LRS)


@claim("setup.bn.lrs", fmt="s", expect=lambda v: v == "0.01, 0.03, 0.1, 0.3, 1, 3")
def bn_lrs():
    return ", ".join(f"{lr:g}" for lr in BN_LRS)


@claim("setup.bn.figure_lrs", fmt="s", expect=lambda v: v == "0.01, 0.3, 3")
def bn_figure_lrs():
    return ", ".join(f"{lr:g}" for lr in BN_FIGURE_LRS)


@claim("setup.bn.plain_best_steps", fmt="d", expect=lambda v: v > 20)
def bn_plain_best_steps():
    return best_steps(False)[0]


@claim("setup.bn.plain_best_lr", fmt="g", expect=lambda v: v in BN_LRS)
def bn_plain_best_lr():
    return best_steps(False)[1]


@claim("setup.bn.bn_best_steps", fmt="d", expect=lambda v: 0 < v < 20)
def bn_bn_best_steps():
    return best_steps(True)[0]


@claim("setup.bn.bn_best_lr", fmt="g", expect=lambda v: v in BN_LRS)
def bn_bn_best_lr():
    return best_steps(True)[1]


@claim("setup.bn.speedup", fmt=".1f", expect=lambda v: v > 2)
def bn_speedup():
    return best_steps(False)[0] / best_steps(True)[0]


@claim("setup.bn.plain_max_lr", fmt="g", expect=lambda v: v < 3.0)
def bn_plain_max_lr():
    """The largest swept learning rate at which the He net without batch norm reaches the threshold."""
    return max(lr for lr in BN_LRS if bn_training("he", lr, False).steps >= 0)


# ========================================================================================
# Batch normalization step by step on one mini-batch
# ========================================================================================

BN_STEP_BATCH = 16
BN_STEP_UNITS = 4  # units of the first hidden layer shown: those whose γ, β moved most
BN_STEP_RUN = ("small", 3.0)  # the trained net whose first layer (W1, b1, γ1, β1) is used


@dataclass(frozen=True)
class BNSteps:
    """Batch norm of the first hidden layer on one mini-batch, for BN_STEP_UNITS units.

    units : int ndarray of shape (K,), the units' indices (from 0) in the layer.
    z : (B, K) pre-activations x·W1 + b1 (the input of batch norm).  x_hat : (B, K), normalized
    with the batch's mean and variance.  out : (B, K) = γ·x_hat + β.  gamma, beta : (K,).
    """

    units: np.ndarray
    z: np.ndarray
    x_hat: np.ndarray
    out: np.ndarray
    gamma: np.ndarray
    beta: np.ndarray


@functools.cache
def bn_steps(*, seed=SEED):
    """Run nnnotes' batchnorm_forward (train mode) on a random mini-batch of BN_STEP_BATCH points
    of ``bn_data``, through the first layer of the net trained with batch norm (BN_STEP_RUN)."""
    X, _ = bn_data(seed=seed)
    net = bn_training(*BN_STEP_RUN, True, seed=seed).net
    rows = np.random.default_rng(seed + 2).choice(X.shape[0], BN_STEP_BATCH, replace=False)
    moved = np.abs(net.params["gamma1"] - 1) + np.abs(net.params["beta1"])
    units = np.sort(np.argsort(-moved, kind="stable")[:BN_STEP_UNITS])
    W, b = net.params["W1"][:, units], net.params["b1"][units]
    gamma, beta = net.params["gamma1"][units], net.params["beta1"][units]
    z, _ = affine_forward(X[rows], W, b)
    state = BatchNormState.initial(BN_STEP_UNITS)
    x_hat, _, _ = batchnorm_forward(z, np.ones(BN_STEP_UNITS), np.zeros(BN_STEP_UNITS), state, train=True)
    out, _, _ = batchnorm_forward(z, gamma, beta, state, train=True)
    return BNSteps(units, z, x_hat, out, gamma.copy(), beta.copy())


@claim("setup.bn.step_batch", fmt="d", expect=lambda v: v == 16)
def bn_step_batch():
    return BN_STEP_BATCH


@claim("setup.bn.step_max_mean_after", fmt=".0e", expect=lambda v: v < 1e-12)
def bn_step_max_mean_after():
    """Largest |mean| of x̂ over the shown units: 0 up to rounding."""
    return float(np.abs(bn_steps().x_hat.mean(axis=0)).max())


@claim("setup.bn.step_max_var_gap", fmt=".0e", expect=lambda v: v < 1e-3)
def bn_step_max_var_gap():
    """Largest |Var(x̂) − 1| over the shown units: ε = 1e-5 in the denominator keeps it just below 1."""
    return float(np.abs(bn_steps().x_hat.var(axis=0) - 1).max())


# ========================================================================================
# Train mode and evaluation mode: running averages and the batch size
# ========================================================================================

RUNNING_MEAN = 3.0  # the feature stream whose statistics the running averages learn
RUNNING_STD = 2.0
RUNNING_BATCH = 32
RUNNING_STEPS = 60
RUNNING_PROBE = 256  # a fixed batch on which train and eval outputs are compared
SPREAD_SAMPLE = 5.0  # the one sample whose train-mode output is followed
SPREAD_SIZES = (2, 4, 8, 16, 32, 64, 128)
SPREAD_DRAWS = 200


@dataclass(frozen=True)
class RunningRun:
    """The running averages of one batch-norm feature fed batches of N(RUNNING_MEAN, RUNNING_STD²).

    batch_mean, batch_var : ndarray of shape (S,), each step's batch mean and unbiased variance.
    running_mean, running_var : ndarray of shape (S + 1,), the state before step 1 … after step S.
    predicted_mean, predicted_var : ndarray of shape (S + 1,), μ + (1 − m)^n·(μ₀ − μ) with the
    true μ, σ² and the initial state μ₀ = 0, σ₀² = 1.
    gap : ndarray of shape (S + 1,), max |eval-mode output − train-mode output| on a fixed probe
    batch, with the state after each step.  momentum : m.
    """

    batch_mean: np.ndarray
    batch_var: np.ndarray
    running_mean: np.ndarray
    running_var: np.ndarray
    predicted_mean: np.ndarray
    predicted_var: np.ndarray
    gap: np.ndarray
    momentum: float


@functools.cache
def running_average_run(*, seed=SEED):
    """Feed RUNNING_STEPS batches of RUNNING_BATCH samples to nnnotes' batchnorm_forward (train
    mode, γ = 1, β = 0, one feature) and record its running state; a RunningRun."""
    rng = np.random.default_rng(seed + 3)
    gamma, beta = np.ones(1), np.zeros(1)
    state = BatchNormState.initial(1)
    probe = RUNNING_MEAN + RUNNING_STD * rng.standard_normal((RUNNING_PROBE, 1))
    train_out, _, _ = batchnorm_forward(probe, gamma, beta, state, train=True)

    def gap(s):
        eval_out, _, _ = batchnorm_forward(probe, gamma, beta, s, train=False)
        return float(np.abs(eval_out - train_out).max())

    means, variances, gaps = [state.running_mean[0]], [state.running_var[0]], [gap(state)]
    batch_means, batch_vars = [], []
    for _ in range(RUNNING_STEPS):
        batch = RUNNING_MEAN + RUNNING_STD * rng.standard_normal((RUNNING_BATCH, 1))
        batch_means.append(batch.mean())
        batch_vars.append(batch.var(ddof=1))
        _, _, state = batchnorm_forward(batch, gamma, beta, state, train=True)
        means.append(state.running_mean[0])
        variances.append(state.running_var[0])
        gaps.append(gap(state))
    m = state.momentum
    decay = (1 - m) ** np.arange(RUNNING_STEPS + 1)
    return RunningRun(np.array(batch_means), np.array(batch_vars), np.array(means), np.array(variances),
                      RUNNING_MEAN * (1 - decay), RUNNING_STD**2 + decay * (1 - RUNNING_STD**2), np.array(gaps), m)


def steps_to_fraction(momentum, fraction):
    """Steps n after which the initial state's weight (1 − m)^n drops below 1 − fraction."""
    return math.ceil(math.log(1 - fraction) / math.log(1 - momentum))


@functools.cache
def batch_size_spread(*, seed=SEED):
    """Train-mode output of one sample x = SPREAD_SAMPLE normalized together with N − 1 random
    batch-mates drawn from N(RUNNING_MEAN, RUNNING_STD²), SPREAD_DRAWS times per N in SPREAD_SIZES.

    Returns (outputs, eval_output): outputs, ndarray of shape (len(SPREAD_SIZES), SPREAD_DRAWS);
    eval_output, the evaluation-mode output with the true statistics, (x − μ)/√(σ² + ε)."""
    rng = np.random.default_rng(seed + 4)
    gamma, beta = np.ones(1), np.zeros(1)
    state = BatchNormState.initial(1)
    outputs = np.empty((len(SPREAD_SIZES), SPREAD_DRAWS))
    for i, n in enumerate(SPREAD_SIZES):
        for k in range(SPREAD_DRAWS):
            mates = RUNNING_MEAN + RUNNING_STD * rng.standard_normal((n - 1, 1))
            batch = np.vstack([[[SPREAD_SAMPLE]], mates])
            out, _, _ = batchnorm_forward(batch, gamma, beta, state, train=True)
            outputs[i, k] = out[0, 0]
    true_state = BatchNormState(np.array([RUNNING_MEAN]), np.array([RUNNING_STD**2]))
    eval_out, _, _ = batchnorm_forward(np.array([[SPREAD_SAMPLE]]), gamma, beta, true_state, train=False)
    return outputs, float(eval_out[0, 0])


@claim("setup.bnmode.momentum", fmt="g", expect=lambda v: v == 0.1)
def bnmode_momentum():
    return running_average_run().momentum


@claim("setup.bnmode.batch", fmt="d", expect=lambda v: v == 32)
def bnmode_batch():
    return RUNNING_BATCH


@claim("setup.bnmode.steps", fmt="d", expect=lambda v: v == 60)
def bnmode_steps():
    return RUNNING_STEPS


@claim("setup.bnmode.share_after_10", fmt=".0%", expect=lambda v: abs(v - (1 - 0.9**10)) < 1e-12)
def bnmode_share_after_10():
    """The weight 1 − (1 − m)^10 that the batches carry in the running mean after 10 steps."""
    return 1 - (1 - running_average_run().momentum) ** 10


@claim("setup.bnmode.steps_to_99", fmt="d", expect=lambda v: v == 44)
def bnmode_steps_to_99():
    return steps_to_fraction(running_average_run().momentum, 0.99)


@claim("setup.bnmode.mean_after_10", fmt=".2f", expect=lambda v: abs(v - 3 * (1 - 0.9**10)) < 0.3)
def bnmode_mean_after_10():
    return float(running_average_run().running_mean[10])


@claim("setup.bnmode.predicted_after_10", fmt=".2f", expect=lambda v: abs(v - 3 * (1 - 0.9**10)) < 1e-9)
def bnmode_predicted_after_10():
    return float(running_average_run().predicted_mean[10])


@claim("setup.bnmode.mean_final", fmt=".2f", expect=lambda v: abs(v - 3) < 0.3)
def bnmode_mean_final():
    return float(running_average_run().running_mean[-1])


@claim("setup.bnmode.var_final", fmt=".2f", expect=lambda v: abs(v - 4) < 0.8)
def bnmode_var_final():
    return float(running_average_run().running_var[-1])


@claim("setup.bnmode.gap_start", fmt=".2f", expect=lambda v: v > 1)
def bnmode_gap_start():
    return float(running_average_run().gap[0])


@claim("setup.bnmode.gap_final", fmt=".2f", expect=lambda v: v < 0.2)
def bnmode_gap_final():
    return float(running_average_run().gap[-1])


@claim("setup.bnmode.sample", fmt="g", expect=lambda v: v == 5)
def bnmode_sample():
    return SPREAD_SAMPLE


@claim("setup.bnmode.eval_output", fmt=".2f", expect=lambda v: abs(v - 1) < 1e-3)
def bnmode_eval_output():
    return batch_size_spread()[1]


@claim("setup.bnmode.pair_unit_fraction", fmt=".0%", expect=lambda v: v > 0.95)
def bnmode_pair_unit_fraction():
    """With N = 2 a train-mode output is ±d/√(d² + 4ε) for the gap d between the two samples, so
    ±1 unless the two are closer than about √ε: the fraction of draws with | |out| − 1 | < 0.01."""
    outputs, _ = batch_size_spread()
    return float(np.mean(np.abs(np.abs(outputs[SPREAD_SIZES.index(2)]) - 1) < 0.01))


@claim("setup.bnmode.spread_4", fmt=".2f", expect=lambda v: v > 0.3)
def bnmode_spread_4():
    outputs, _ = batch_size_spread()
    return float(outputs[SPREAD_SIZES.index(4)].std())


@claim("setup.bnmode.spread_128", fmt=".2f", expect=lambda v: v < 0.15)
def bnmode_spread_128():
    outputs, _ = batch_size_spread()
    return float(outputs[SPREAD_SIZES.index(128)].std())


# ========================================================================================
# Hyperparameter search: grid against random
# ========================================================================================

SEARCH_TRIALS = 9  # budget of each method; the grid is 3 × 3
SEARCH_REPEATS = 1000
LR_RANGE = (-5.0, 0.0)  # log10 of the learning rate
REG_RANGE = (-6.0, -1.0)  # log10 of the L2 strength
LR_OPTIMUM = -2.3  # log10 of the best learning rate of the figure's objective
REG_OPTIMUM = -3.4
LR_WIDTH = 0.35  # the important hyperparameter's valley, in decades
REG_WIDTH = 1.5
LR_WEIGHT = 0.6  # how much error each hyperparameter can add
REG_WEIGHT = 0.03
BASE_ERROR = 0.1


def objective(u, v, *, u_opt=LR_OPTIMUM, v_opt=REG_OPTIMUM):
    """A synthetic validation error over u = log10(learning rate) and v = log10(L2 strength):

    E(u, v) = BASE_ERROR + LR_WEIGHT·(1 − exp(−(u − u*)²/(2·LR_WIDTH²)))
                         + REG_WEIGHT·(1 − exp(−(v − v*)²/(2·REG_WIDTH²))).

    The learning rate can add up to LR_WEIGHT = 0.6 of error, the L2 strength only 0.03.
    u, v : ndarrays of the same shape (broadcast). Returns an ndarray of that shape."""
    u, v = np.asarray(u, dtype=float), np.asarray(v, dtype=float)
    important = LR_WEIGHT * (1 - np.exp(-((u - u_opt) ** 2) / (2 * LR_WIDTH**2)))
    minor = REG_WEIGHT * (1 - np.exp(-((v - v_opt) ** 2) / (2 * REG_WIDTH**2)))
    return BASE_ERROR + important + minor


def grid_points(n_per_axis=3):
    """The n × n grid over LR_RANGE × REG_RANGE at the centres of n equal cells: (n², 2) of (u, v)."""
    cells = (np.arange(n_per_axis) + 0.5) / n_per_axis
    u = LR_RANGE[0] + cells * (LR_RANGE[1] - LR_RANGE[0])
    v = REG_RANGE[0] + cells * (REG_RANGE[1] - REG_RANGE[0])
    gu, gv = np.meshgrid(u, v)
    return np.column_stack([gu.ravel(), gv.ravel()])


def random_points(n=SEARCH_TRIALS, *, rng):
    """n points drawn uniformly from LR_RANGE × REG_RANGE (uniform on the log scales): (n, 2)."""
    low = np.array([LR_RANGE[0], REG_RANGE[0]])
    high = np.array([LR_RANGE[1], REG_RANGE[1]])
    return low + rng.random((n, 2)) * (high - low)


@dataclass(frozen=True)
class SearchComparison:
    """Grid (3 × 3) against random search (9 trials) on SEARCH_REPEATS objectives whose optimum
    (u*, v*) is drawn uniformly from the ranges, one set of random trials per objective.

    grid_best, random_best : ndarray of shape (SEARCH_REPEATS,), the smallest error found.
    optimum : ndarray of shape (SEARCH_REPEATS,), the true minimum BASE_ERROR of every objective.
    """

    grid_best: np.ndarray
    random_best: np.ndarray
    optimum: np.ndarray


@functools.cache
def search_comparison(*, seed=SEED):
    """SearchComparison over SEARCH_REPEATS random objectives (vectorized)."""
    rng = np.random.default_rng(seed + 5)
    optima = random_points(SEARCH_REPEATS, rng=rng)
    trials = np.stack([random_points(SEARCH_TRIALS, rng=rng) for _ in range(SEARCH_REPEATS)])
    grid = grid_points()
    u_opt, v_opt = optima[:, :1], optima[:, 1:]
    grid_err = objective(grid[None, :, 0], grid[None, :, 1], u_opt=u_opt, v_opt=v_opt)
    random_err = objective(trials[:, :, 0], trials[:, :, 1], u_opt=u_opt, v_opt=v_opt)
    return SearchComparison(grid_err.min(axis=1), random_err.min(axis=1), np.full(SEARCH_REPEATS, BASE_ERROR))


@functools.cache
def figure_search(*, seed=SEED):
    """(grid, random): the two sets of SEARCH_TRIALS points of the figure, each (9, 2) of (u, v)."""
    return grid_points(), random_points(rng=np.random.default_rng(seed + 6))


def best_trial(points):
    """(index, error) of the best of ``points`` (n, 2) on the figure's objective."""
    errors = objective(points[:, 0], points[:, 1])
    i = int(np.argmin(errors))
    return i, float(errors[i])


@claim("setup.hyper.trials", fmt="d", expect=lambda v: v == 9)
def hyper_trials():
    return SEARCH_TRIALS


@claim("setup.hyper.repeats", fmt="d", expect=lambda v: v == 1000)
def hyper_repeats():
    return SEARCH_REPEATS


@claim("setup.hyper.grid_distinct_lr", fmt="d", expect=lambda v: v == 3)
def hyper_grid_distinct_lr():
    return len(np.unique(figure_search()[0][:, 0]))


@claim("setup.hyper.random_distinct_lr", fmt="d", expect=lambda v: v == 9)
def hyper_random_distinct_lr():
    return len(np.unique(figure_search()[1][:, 0]))


@claim("setup.hyper.base_error", fmt=".2f", expect=lambda v: v == 0.1)
def hyper_base_error():
    return BASE_ERROR


@claim("setup.hyper.grid_best", fmt=".3f", expect=lambda v: v > hyper_random_best())
def hyper_grid_best():
    return best_trial(figure_search()[0])[1]


@claim("setup.hyper.random_best", fmt=".3f", expect=lambda v: 0.1 <= v < 0.2)
def hyper_random_best():
    return best_trial(figure_search()[1])[1]


@claim("setup.hyper.grid_best_lr", fmt=".4f", expect=lambda v: 1e-5 < v < 1)
def hyper_grid_best_lr():
    grid = figure_search()[0]
    return float(10 ** grid[best_trial(grid)[0], 0])


@claim("setup.hyper.random_best_lr", fmt=".4f", expect=lambda v: 1e-5 < v < 1)
def hyper_random_best_lr():
    points = figure_search()[1]
    return float(10 ** points[best_trial(points)[0], 0])


@claim("setup.hyper.true_best_lr", fmt=".4f", expect=lambda v: abs(v - 10**-2.3) < 1e-6)
def hyper_true_best_lr():
    return 10**LR_OPTIMUM


@claim("setup.hyper.random_wins", fmt=".0%", expect=lambda v: v > 0.5)
def hyper_random_wins():
    """Fraction of the random objectives on which random search found a lower error than the grid."""
    c = search_comparison()
    return float(np.mean(c.random_best < c.grid_best))


@claim("setup.hyper.grid_median_excess", fmt=".3f", expect=lambda v: v > hyper_random_median_excess())
def hyper_grid_median_excess():
    c = search_comparison()
    return float(np.median(c.grid_best - c.optimum))


@claim("setup.hyper.random_median_excess", fmt=".3f", expect=lambda v: v >= 0)
def hyper_random_median_excess():
    c = search_comparison()
    return float(np.median(c.random_best - c.optimum))


@claim("setup.hyper.initial_loss", fmt=".3f", expect=lambda v: abs(v - math.log(3)) < 1e-3)
def hyper_initial_loss():
    """Sanity check before any search: the loss of a 3-class net with small weights at step 0 is ln 3."""
    return float(bn_training("small", min(BN_LRS), False).loss[0])


# ========================================================================================
# Constants of the settings, stated in the prose
# ========================================================================================


@claim("setup.pre.cloud_mean", fmt="s", expect=lambda v: v == "(5, 3)")
def pre_cloud_mean():
    return "({:g}, {:g})".format(*CLOUD_MEAN)


@claim("setup.pre.cloud_std1", fmt="g", expect=lambda v: v == 2)
def pre_cloud_std1():
    return CLOUD_STD[0]


@claim("setup.pre.cloud_std2", fmt="g", expect=lambda v: v == 0.5)
def pre_cloud_std2():
    return CLOUD_STD[1]


@claim("setup.pre.cloud_corr", fmt="g", expect=lambda v: v == 0.7)
def pre_cloud_corr():
    return CLOUD_CORR


@claim("setup.pre.target", fmt="s", expect=lambda v: v == "0.8·x₁ − 1.5·x₂ + 0.5")
def pre_target():
    w1, w2 = TARGET_W
    return f"{w1:g}·x₁ {'−' if w2 < 0 else '+'} {abs(w2):g}·x₂ + {TARGET_B:g}"


@claim("setup.pre.target_noise", fmt="g", expect=lambda v: v == 0.3)
def pre_target_noise():
    return TARGET_NOISE


@claim("setup.sym.noise", fmt="g", expect=lambda v: v == 0.1)
def sym_noise():
    return SYMMETRY_NOISE


@claim("setup.bn.noise", fmt="g", expect=lambda v: v == 0.1)
def bn_noise():
    return BN_NOISE


@claim("setup.bnmode.true_mean", fmt="g", expect=lambda v: v == 3)
def bnmode_true_mean():
    return RUNNING_MEAN


@claim("setup.bnmode.true_std", fmt="g", expect=lambda v: v == 2)
def bnmode_true_std():
    return RUNNING_STD


@claim("setup.bnmode.true_var", fmt="g", expect=lambda v: v == 4)
def bnmode_true_var():
    return RUNNING_STD**2


@claim("setup.bnmode.probe", fmt="d", expect=lambda v: v == 256)
def bnmode_probe():
    return RUNNING_PROBE


@claim("setup.bnmode.draws", fmt="d", expect=lambda v: v == 200)
def bnmode_draws():
    return SPREAD_DRAWS


@claim("setup.hyper.lr_range", fmt="s", expect=lambda v: v == "[-5, 0]")
def hyper_lr_range():
    return "[{:g}, {:g}]".format(*LR_RANGE)


@claim("setup.hyper.reg_range", fmt="s", expect=lambda v: v == "[-6, -1]")
def hyper_reg_range():
    return "[{:g}, {:g}]".format(*REG_RANGE)


@claim("setup.hyper.lr_weight", fmt="g", expect=lambda v: v == 0.6)
def hyper_lr_weight():
    return LR_WEIGHT


@claim("setup.hyper.reg_weight", fmt="g", expect=lambda v: v == 0.03)
def hyper_reg_weight():
    return REG_WEIGHT


@claim("setup.hyper.weight_ratio", fmt=".0f", expect=lambda v: abs(v - 20) < 1e-9)
def hyper_weight_ratio():
    return LR_WEIGHT / REG_WEIGHT
