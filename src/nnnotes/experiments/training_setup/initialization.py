"""Initialization in a deep net: a 10-layer net of 500 units per layer, per-layer activation
statistics after one forward pass and per-layer gradient norms after one backward pass, for five
(activation, init) settings."""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np

from ...init import fans, get_initializer
from ...model import MLP
from ...monitoring import activation_histogram, factor_toward_input, factor_toward_output, gradient_norms
from ..claims import claim, setting
from ..shared import shared
from . import SEED

INIT_SAMPLES = setting("training_setup.init.samples", 1000, fmt="d")
INIT_WIDTH = setting("training_setup.init.width", 500, fmt="d")
INIT_DEPTH = setting("training_setup.init.depth", 10, fmt="d")  # hidden layers
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


# the linear prediction of the tanh_small net's per-layer factor, 0.01·√500
setting("training_setup.init.tanh_small_predicted_factor",
        INIT_SETTINGS["tanh_small"][2]["scale"] * math.sqrt(INIT_WIDTH), fmt=".3f")


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


@shared
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


@shared
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


@claim("training_setup.init.tanh_small_std_first", fmt=".2f", expect=lambda v: 0.15 < v < 0.3)
def init_tanh_small_std_first():
    return float(init_statistics("tanh_small").std[0])


@claim("training_setup.init.tanh_small_std_last", fmt=".0e", expect=lambda v: 0 < v < 1e-5)
def init_tanh_small_std_last():
    return float(init_statistics("tanh_small").std[-1])


@claim("training_setup.init.tanh_small_factor", fmt=".3f", expect=lambda v: abs(v - 0.01 * math.sqrt(500)) < 0.01)
def init_tanh_small_factor():
    """Per-layer factor of the activations' std; the linear prediction is 0.01·√500 = 0.224."""
    return factor_toward_output(init_statistics("tanh_small").std)


@claim("training_setup.init.tanh_small_bias_factor", fmt=".1f", expect=lambda v: 3 < v < 6)
def init_tanh_small_bias_factor():
    """How much ‖∂L/∂b‖ shrinks per layer toward the input (the inverse of the forward factor)."""
    return factor_toward_output(init_gradients("tanh_small").bias[:INIT_DEPTH])


@claim("training_setup.init.tanh_small_weight_grad", fmt=".0e", expect=lambda v: 0 < v < 1e-5)
def init_tanh_small_weight_grad():
    """The largest weight-gradient norm of any layer: every layer's is tiny."""
    return float(init_gradients("tanh_small").weight.max())


@claim("training_setup.init.tanh_small_weight_spread", fmt=".2f", expect=lambda v: 1 <= v < 1.5)
def init_tanh_small_weight_spread():
    """max/min of the weight-gradient norms over the hidden layers: they are nearly equal."""
    w = init_gradients("tanh_small").weight[:INIT_DEPTH]
    return float(w.max() / w.min())


@claim("training_setup.init.tanh_large_saturated", fmt=".0%", expect=lambda v: v > 0.85)
def init_tanh_large_saturated():
    """Smallest fraction of saturated entries (|tanh| > 0.99) over the ten layers."""
    return float(init_statistics("tanh_large").saturated.min())


@claim("training_setup.init.tanh_large_std", fmt=".2f", expect=lambda v: v > 0.95)
def init_tanh_large_std():
    return float(init_statistics("tanh_large").std[-1])


@claim("training_setup.init.tanh_large_grad_factor", fmt=".1f", expect=lambda v: v > 2)
def init_tanh_large_grad_factor():
    """How much ‖∂L/∂W‖ grows per layer toward the input (the gradients explode, not vanish)."""
    return factor_toward_input(init_gradients("tanh_large").weight[:INIT_DEPTH])


@claim("training_setup.init.tanh_large_grad_predicted", fmt=".1f", expect=lambda v: abs(v - init_tanh_large_grad_factor()) < 0.3)
def init_tanh_large_grad_predicted():
    return predicted_backward_factor("tanh_large")


@claim("training_setup.init.tanh_large_mean_slope_sq", fmt=".3f", expect=lambda v: v < 0.05)
def init_tanh_large_mean_slope_sq():
    """E[tanh′(z)²], averaged over the layers: most units pass almost no gradient."""
    return float(init_statistics("tanh_large").slope_sq.mean())


@claim("training_setup.init.tanh_large_first_weight_grad", fmt=".0e", expect=lambda v: v > 1e4)
def init_tanh_large_first_weight_grad():
    return float(init_gradients("tanh_large").weight[0])


@claim("training_setup.init.tanh_xavier_std_first", fmt=".2f", expect=lambda v: 0.5 < v < 0.8)
def init_tanh_xavier_std_first():
    return float(init_statistics("tanh_xavier").std[0])


@claim("training_setup.init.tanh_xavier_std_last", fmt=".2f", expect=lambda v: 0.15 < v < 0.35)
def init_tanh_xavier_std_last():
    return float(init_statistics("tanh_xavier").std[-1])


@claim("training_setup.init.tanh_xavier_weight_spread", fmt=".1f", expect=lambda v: 1 <= v < 2)
def init_tanh_xavier_weight_spread():
    w = init_gradients("tanh_xavier").weight[:INIT_DEPTH]
    return float(w.max() / w.min())


@claim("training_setup.init.relu_xavier_factor", fmt=".2f", expect=lambda v: abs(v - 1 / math.sqrt(2)) < 0.05)
def init_relu_xavier_factor():
    """Per-layer factor of the ReLU activations' std with Xavier; the prediction is 1/√2 = 0.71."""
    return factor_toward_output(init_statistics("relu_xavier").std)


@claim("training_setup.init.relu_xavier_std_last", fmt=".3f", expect=lambda v: v < 0.05)
def init_relu_xavier_std_last():
    return float(init_statistics("relu_xavier").std[-1])


@claim("training_setup.init.relu_xavier_bias_factor", fmt=".2f", expect=lambda v: abs(v - math.sqrt(2)) < 0.1)
def init_relu_xavier_bias_factor():
    """How much ‖∂L/∂b‖ shrinks per layer toward the input with Xavier (prediction √2)."""
    return factor_toward_output(init_gradients("relu_xavier").bias[:INIT_DEPTH])


@claim("training_setup.init.relu_he_std_first", fmt=".2f", expect=lambda v: 0.7 < v < 1.0)
def init_relu_he_std_first():
    return float(init_statistics("relu_he").std[0])


@claim("training_setup.init.relu_he_std_last", fmt=".2f", expect=lambda v: 0.6 < v < 1.3)
def init_relu_he_std_last():
    return float(init_statistics("relu_he").std[-1])


@claim("training_setup.init.relu_he_mean_first", fmt=".3f", expect=lambda v: abs(v - 1 / math.sqrt(math.pi)) < 0.02)
def init_relu_he_mean_first():
    """Mean of relu(z), z ~ N(0, 2): √2/√(2π) = 1/√π = 0.564."""
    return float(init_statistics("relu_he").mean[0])


@claim("training_setup.init.relu_zero_fraction", fmt=".0%", expect=lambda v: 0.45 < v < 0.55)
def init_relu_zero_fraction():
    """Fraction of exact zeros in the He net's activations, averaged over the layers."""
    return float(init_statistics("relu_he").zero.mean())


@claim("training_setup.init.relu_he_bias_spread", fmt=".2f", expect=lambda v: 1 <= v < 1.5)
def init_relu_he_bias_spread():
    b = init_gradients("relu_he").bias[:INIT_DEPTH]
    return float(b.max() / b.min())


@claim("training_setup.init.pytorch_factor", fmt=".2f", expect=lambda v: abs(v - 1 / math.sqrt(6)) < 0.05)
def init_pytorch_factor():
    """Per-layer factor of the std in the ReLU stack with PyTorch's nn.Linear default (prediction 1/√6)."""
    X, _ = init_inputs()
    stds = [h.std() for _, h in deep_net("relu_pytorch").hidden_layers(X)]
    return factor_toward_output(stds)


@claim("training_setup.init.tanh_small_first_grad", fmt=".0e", expect=lambda v: 0 < v < 1e-6)
def init_tanh_small_first_grad():
    """‖δ‖ reaching layer 1 with tanh and 0.01·N(0, 1): almost nothing arrives."""
    return float(init_gradients("tanh_small").bias[0])


@claim("training_setup.init.tanh_large_first_grad", fmt=".0e", expect=lambda v: v > 1e3)
def init_tanh_large_first_grad():
    """‖δ‖ reaching layer 1 with tanh and 1.0·N(0, 1): it has grown on the way down."""
    return float(init_gradients("tanh_large").bias[0])


@claim("training_setup.init.output_grad", fmt=".1f",
       expect=lambda v: v == float(init_gradients("tanh_large").bias[-1]) and 0 < v < 1)
def init_output_grad():
    """‖δ‖ at the output layer, the same upstream gradient for every setting."""
    return float(init_gradients("tanh_small").bias[-1])


@claim("training_setup.init.tanh_large_last_weight_grad", fmt=".0f", expect=lambda v: 0 < v < 10)
def init_tanh_large_last_weight_grad():
    """‖∂L/∂W‖ of the output layer with tanh and 1.0·N(0, 1)."""
    return float(init_gradients("tanh_large").weight[-1])
