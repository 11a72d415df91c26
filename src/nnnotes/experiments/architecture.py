"""Architecture: layers and their sizes, the forward pass as matrix products, XOR, backpropagation.

Conventions (row-major batch layout): a mini-batch X has shape (N, D), one sample per row;
a fully connected layer from D to M units has W of shape (D, M) and b of shape (M,), and
computes X·W + b, with b added to every row.

Sections:

- sizes of the two reference nets [3, 4, 2] and [3, 4, 4, 1], read from ``MLP`` objects;
- one forward pass written out layer by layer, compared with ``MLP.forward``;
- a stack of affine layers without activation functions equals one affine map;
- XOR: logistic regression (``MLP([2, 1])``) against one hidden layer (``MLP([2, H, 1])``);
- backpropagation derived by hand for tanh hidden units, a sigmoid output and binary
  cross-entropy, checked against centred differences and against ``MLP.backward``, and used
  for full-batch gradient descent on XOR.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np

from ..activations import get_activation, sigmoid_forward, tanh_forward
from ..datasets import xor
from ..gradcheck import numerical_gradient, rel_error
from ..layers import affine_forward
from ..losses import binary_cross_entropy_with_logits
from ..model import MLP
from .claims import claim

SEED = 0

# ---------------------------------------------------------------------------------------
# Sizes of the two reference nets
# ---------------------------------------------------------------------------------------

REFERENCE_SIZES = ((3, 4, 2), (3, 4, 4, 1))  # the two nets drawn in the CS231n notes


def reference_nets(*, seed=SEED):
    """The two reference nets as ``MLP`` objects: [3, 4, 2] (2 layers) and [3, 4, 4, 1] (3 layers).

    Returns a tuple of two MLPs (ReLU hidden layers, weights drawn from ``seed``).
    """
    rng = np.random.default_rng(seed)
    return tuple(MLP(list(sizes), rng=rng) for sizes in REFERENCE_SIZES)


@dataclass(frozen=True)
class Size:
    """What a net is made of, counted from its parameter arrays.

    layers : affine layers L (the input layer is not counted).  neurons : units of the hidden
    and output layers, Σ_{l≥1} n_l.  weights : Σ_l n_{l−1}·n_l, the entries of W1 … WL.
    biases : Σ_l n_l, the entries of b1 … bL.  parameters : weights + biases.
    """

    layers: int
    neurons: int
    weights: int
    biases: int
    parameters: int


def size(net):
    """Count the layers, neurons, weights, biases and parameters of an ``MLP`` (no batch norm).

    Weights and biases are summed over the model's own arrays W1…WL and b1…bL; the total is
    checked against ``MLP.n_parameters``.
    """
    weights = sum(net.params[f"W{i}"].size for i in range(1, net.n_layers + 1))
    biases = sum(net.params[f"b{i}"].size for i in range(1, net.n_layers + 1))
    if weights + biases != net.n_parameters:
        raise ValueError("size() counts weights and biases only; this net has other parameters (batch norm?)")
    return Size(net.n_layers, net.n_neurons, weights, biases, net.n_parameters)


@functools.cache
def reference_sizes():
    """(Size of [3, 4, 2], Size of [3, 4, 4, 1])."""
    return tuple(size(net) for net in reference_nets())


def _size_claim(index, field, value, label):
    @claim(f"architecture.{label}_{field}", fmt="d", expect=lambda v: v == value)
    def compute():
        return getattr(reference_sizes()[index], field)

    compute.__doc__ = f"The {field} of the reference net {list(REFERENCE_SIZES[index])}."
    return compute


# the values the CS231n notes state: [3, 4, 2]: 6 neurons, 20 + 6 = 26; [3, 4, 4, 1]: 9, 32 + 9 = 41
for _field, _small, _large in (("layers", 2, 3), ("neurons", 6, 9), ("weights", 20, 32), ("biases", 6, 9),
                               ("parameters", 26, 41)):
    _size_claim(0, _field, _small, "small")
    _size_claim(1, _field, _large, "large")


# ---------------------------------------------------------------------------------------
# The forward pass of a 3-layer net as matrix products
# ---------------------------------------------------------------------------------------

FORWARD_BATCH = 5


def forward_by_hand(net, X):
    """The forward pass of ``net`` written out: h_l = f(h_{l−1}·W_l + b_l), out = h_{L−1}·W_L + b_L.

    X : ndarray of shape (N, D). Returns a list [h_1, …, h_{L−1}, out] of arrays of shapes
    (N, n_1), …, (N, n_L); the output layer has no activation function.
    """
    p = net.parameters()
    outputs, h = [], X
    for i in range(1, net.n_layers + 1):
        z = h @ p[f"W{i}"] + p[f"b{i}"]
        h = z if i == net.n_layers else get_activation(net.activations[i - 1]).forward(z)[0]
        outputs.append(h)
    return outputs


@functools.cache
def forward_check(*, seed=SEED):
    """(shapes of [h1, h2, out], max |out_by_hand − MLP.forward|) for the 3-layer reference net
    [3, 4, 4, 1] with sigmoid hidden layers (weights from ``default_rng(seed)``) on a batch X of
    shape (FORWARD_BATCH, 3) drawn from ``default_rng(seed + 1)``: the page's snippet."""
    net = MLP(list(REFERENCE_SIZES[1]), activation="sigmoid", rng=np.random.default_rng(seed))
    X = np.random.default_rng(seed + 1).standard_normal((FORWARD_BATCH, REFERENCE_SIZES[1][0]))
    outputs = forward_by_hand(net, X)
    difference = float(np.abs(outputs[-1] - net.forward(X, train=False)).max())
    return tuple(o.shape for o in outputs), difference


@claim("architecture.forward_max_difference", fmt=".1g", expect=lambda v: v < 1e-12)
def forward_max_difference():
    return forward_check()[1]


# ---------------------------------------------------------------------------------------
# A stack of affine layers is one affine map
# ---------------------------------------------------------------------------------------

COLLAPSE_LAYERS = 3
GRID_LINES = 9  # lines in each direction across [−1, 1]²
GRID_POINTS = 65  # points along each line: the nodes of the grid are every 8th point


def grid_lines(n_lines=GRID_LINES, n_points=GRID_POINTS):
    """A square grid on [−1, 1]²: ndarray of shape (2·n_lines, n_points, 2); the first n_lines
    lines are horizontal (constant x₂), the others vertical (constant x₁)."""
    level = np.linspace(-1, 1, n_lines)
    t = np.linspace(-1, 1, n_points)
    horizontal = np.stack(np.broadcast_arrays(t[None, :], level[:, None]), axis=-1)
    vertical = np.stack(np.broadcast_arrays(level[:, None], t[None, :]), axis=-1)
    return np.concatenate([horizontal, vertical])


@dataclass(frozen=True)
class Collapse:
    """Three affine layers on 2-D points, run one by one and as the single product map.

    layers : list of (W_i of shape (2, 2), b_i of shape (2,)).  W, b : the product map
    W = W1·W2·W3 and b = (b1·W2 + b2)·W3 + b3.  grid : input lines, shape (L, P, 2).
    stacked, collapsed : the grid after the three layers and after x·W + b, shape (L, P, 2).
    bent : the grid through the same layers with tanh after layers 1 and 2, shape (L, P, 2).
    max_difference : max |stacked − collapsed| over every point and coordinate.
    """

    layers: list
    W: np.ndarray
    b: np.ndarray
    grid: np.ndarray
    stacked: np.ndarray
    collapsed: np.ndarray
    bent: np.ndarray
    max_difference: float


def rotation(angle):
    """The 2 × 2 rotation matrix by ``angle`` radians (for row vectors: x ↦ x·R turns x by −angle)."""
    c, s = np.cos(angle), np.sin(angle)
    return np.array([[c, -s], [s, c]])


def random_layer(rng):
    """One 2 → 2 affine layer: W = R(α)·diag(s1, s2)·R(β) with α, β ~ U(0, 2π) and stretches
    s ~ U(STRETCH), b ~ N(0, BIAS_STD²). Every 2 × 2 matrix has this form (its singular value
    decomposition); bounding the stretches keeps the layer from flattening the plane."""
    alpha, beta = rng.uniform(0, 2 * np.pi, 2)
    W = rotation(alpha) @ np.diag(rng.uniform(*STRETCH, 2)) @ rotation(beta)
    return W, BIAS_STD * rng.standard_normal(2)


STRETCH = (0.6, 1.5)
BIAS_STD = 0.3


@functools.cache
def linear_collapse(*, seed=SEED):
    """Three 2 → 2 affine layers (``random_layer``) applied to ``grid_lines()``, one by one and
    merged: (x·W1 + b1)·W2 + b2 = x·(W1·W2) + (b1·W2 + b2), and so on for W3, b3.
    """
    rng = np.random.default_rng(seed)
    layers = [random_layer(rng) for _ in range(COLLAPSE_LAYERS)]
    grid = grid_lines()
    points = grid.reshape(-1, 2)
    h, bent = points, points
    W, b = np.eye(2), np.zeros(2)
    tanh = get_activation("tanh")
    for i, (Wi, bi) in enumerate(layers):
        h, _ = affine_forward(h, Wi, bi)
        bent, _ = affine_forward(bent, Wi, bi)
        if i < len(layers) - 1:
            bent, _ = tanh.forward(bent)
        W, b = W @ Wi, b @ Wi + bi
    collapsed, _ = affine_forward(points, W, b)
    shape = grid.shape
    return Collapse(layers, W, b, grid, h.reshape(shape), collapsed.reshape(shape), bent.reshape(shape),
                    float(np.abs(h - collapsed).max()))


@claim("architecture.grid_lines", fmt="d", expect=lambda v: v == 9)
def grid_lines_claim():
    return GRID_LINES


@claim("architecture.stretch_min", fmt="g", expect=lambda v: v == 0.6)
def stretch_min():
    return STRETCH[0]


@claim("architecture.stretch_max", fmt="g", expect=lambda v: v == 1.5)
def stretch_max():
    return STRETCH[1]


@claim("architecture.bias_std", fmt="g", expect=lambda v: v == 0.3)
def bias_std():
    return BIAS_STD


@claim("architecture.collapse_layers", fmt="d", expect=lambda v: v == 3)
def collapse_layers():
    return len(linear_collapse().layers)


@claim("architecture.collapse_max_difference", fmt=".0e", expect=lambda v: v < 1e-12)
def collapse_max_difference():
    """Rounding error only: the stack and the product map are the same function."""
    return linear_collapse().max_difference


# ---------------------------------------------------------------------------------------
# XOR: one line fails, one hidden layer solves it
# ---------------------------------------------------------------------------------------

XOR_SAMPLES = 200
XOR_NOISE = 0.3
XOR_TEST_SAMPLES = 1000
HIDDEN = 4
LR = 0.5
EPOCHS = 1000
LINE_DIRECTIONS = 3600


def xor_data(n_samples=XOR_SAMPLES, *, seed=SEED):
    """``nnnotes.datasets.xor`` with noise XOR_NOISE: X of shape (N, 2), y of shape (N,)."""
    return xor(n_samples, noise=XOR_NOISE, rng=np.random.default_rng(seed))


def accuracy(net, X, y):
    """Fraction of rows where ``net.predict`` equals y."""
    return float(np.mean(net.predict(X) == y))


@functools.cache
def xor_logistic(*, seed=SEED):
    """Logistic regression on ``xor_data``: ``MLP([2, 1])`` (no hidden layer), binary
    cross-entropy, full-batch gradient descent, learning rate LR for EPOCHS epochs.
    Returns (net, History)."""
    X, y = xor_data(seed=seed)
    net = MLP([2, 1], init="xavier_normal", rng=np.random.default_rng(seed))
    return net, net.fit(X, y, loss="binary_cross_entropy", lr=LR, epochs=EPOCHS)


@functools.cache
def xor_mlp(*, seed=SEED):
    """One hidden layer on ``xor_data``: ``MLP([2, HIDDEN, 1])`` with tanh, trained like
    ``xor_logistic`` (same loss, learning rate and epochs). Returns (net, History)."""
    X, y = xor_data(seed=seed)
    net = MLP([2, HIDDEN, 1], activation="tanh", init="xavier_normal", rng=np.random.default_rng(seed))
    return net, net.fit(X, y, loss="binary_cross_entropy", lr=LR, epochs=EPOCHS)


@functools.cache
def best_line(*, seed=SEED, n_directions=LINE_DIRECTIONS):
    """The most accurate linear rule [u·x > t] on ``xor_data``, by exhaustive search over unit
    normals u = (cos θ, sin θ), θ = 2πk/n_directions, and every threshold t between
    consecutive projections u·x. Returns (u of shape (2,), t, accuracy)."""
    X, y = xor_data(seed=seed)
    best = (None, None, -1.0)
    for theta in np.arange(n_directions) * (2 * np.pi / n_directions):
        u = np.array([np.cos(theta), np.sin(theta)])
        s = X @ u
        p = np.sort(s)
        cuts = np.concatenate([[p[0] - 1], (p[:-1] + p[1:]) / 2, [p[-1] + 1]])
        correct = np.mean((s[None, :] > cuts[:, None]) == y[None, :], axis=1)
        k = int(correct.argmax())
        if correct[k] > best[2]:
            best = (u, float(cuts[k]), float(correct[k]))
    return best


def line(w, b, t):
    """Points x(t) = −b·w/‖w‖² + t·w⊥/‖w‖ of the line w·x + b = 0 in the plane.

    w : ndarray of shape (2,).  b : float.  t : ndarray of shape (K,), signed distance along the
    line from its point nearest the origin. Returns ndarray of shape (K, 2).
    """
    w = np.asarray(w, dtype=np.float64)
    foot = -b * w / (w @ w)
    along = np.array([-w[1], w[0]]) / np.linalg.norm(w)
    return foot + t[:, None] * along


def probability(net, X):
    """σ(score) of a net with one output, for X of shape (N, 2): ndarray of shape (N,)."""
    return sigmoid_forward(net.forward(X, train=False)[:, 0])[0]


@claim("architecture.xor_samples", fmt="d", expect=lambda v: v == 200)
def xor_samples():
    return XOR_SAMPLES


@claim("architecture.xor_noise", fmt="g", expect=lambda v: v == 0.3)
def xor_noise():
    return XOR_NOISE


@claim("architecture.seed", fmt="d", expect=lambda v: v == 0)
def seed():
    return SEED


@claim("architecture.hidden", fmt="d", expect=lambda v: v == 4)
def hidden():
    return HIDDEN


@claim("architecture.lr", fmt="g", expect=lambda v: v == 0.5)
def lr():
    return LR


@claim("architecture.epochs", fmt="d", expect=lambda v: v == 1000)
def epochs():
    return EPOCHS


@claim("architecture.xor_logistic_accuracy", fmt=".1%", expect=lambda v: 0.4 < v < 0.6)
def xor_logistic_accuracy():
    """Logistic regression on XOR: about a coin toss."""
    net, _ = xor_logistic()
    return accuracy(net, *xor_data())


@claim("architecture.xor_logistic_loss", fmt=".3f", expect=lambda v: abs(v - math.log(2)) < 0.005)
def xor_logistic_loss():
    """Its final loss: within 0.005 of ln 2, the loss of answering p = 1/2 everywhere."""
    return float(xor_logistic()[1].loss[-1])


@claim("architecture.xor_logistic_max_confidence", fmt=".3f", expect=lambda v: 0.5 < v < 0.55)
def xor_logistic_max_confidence():
    """The largest probability the trained logistic regression gives either class on any sample."""
    net, _ = xor_logistic()
    p = probability(net, xor_data()[0])
    return float(np.maximum(p, 1 - p).max())


@claim("architecture.xor_best_line_accuracy", fmt=".1%", expect=lambda v: 0.7 <= v <= 0.8)
def xor_best_line_accuracy():
    """The best line over LINE_DIRECTIONS directions: about three corners out of four."""
    return best_line()[2]


@claim("architecture.line_directions", fmt=",d", expect=lambda v: v == 3600)
def line_directions():
    return LINE_DIRECTIONS


@claim("architecture.xor_mlp_accuracy", fmt=".0%", expect=lambda v: v == 1.0)
def xor_mlp_accuracy():
    """One hidden layer: every training sample right."""
    net, _ = xor_mlp()
    return accuracy(net, *xor_data())


@claim("architecture.xor_test_samples", fmt=",d", expect=lambda v: v == 1000)
def xor_test_samples():
    return XOR_TEST_SAMPLES


@claim("architecture.xor_test_seed", fmt="d", expect=lambda v: v == 1)
def xor_test_seed():
    return SEED + 1


@claim("architecture.xor_mlp_test_accuracy", fmt=".1%", expect=lambda v: v > 0.97)
def xor_mlp_test_accuracy():
    """The same net on new XOR samples drawn with another seed."""
    net, _ = xor_mlp()
    return accuracy(net, *xor_data(XOR_TEST_SAMPLES, seed=SEED + 1))


# ---------------------------------------------------------------------------------------
# Backpropagation by hand: tanh hidden layer, sigmoid output, binary cross-entropy
# ---------------------------------------------------------------------------------------

PARAMS = ("W1", "b1", "W2", "b2")


def init_params(d=2, h=HIDDEN, *, seed=SEED):
    """W1 (d, h), b1 (h,), W2 (h, 1), b2 (1,): the initial parameters of
    ``MLP([d, h, 1], activation="tanh", init="xavier_normal", rng=default_rng(seed))``, copied."""
    net = MLP([d, h, 1], activation="tanh", init="xavier_normal", rng=np.random.default_rng(seed))
    return {name: p.copy() for name, p in net.parameters().items()}


def forward(params, X):
    """The forward pass, one sample per row.

    Z1 = X·W1 + b1 (N, h),  A1 = tanh(Z1) (N, h),  Z2 = A1·W2 + b2 (N, 1),  A2 = σ(Z2) (N, 1).
    Returns the dict {"Z1", "A1", "Z2", "A2"}.
    """
    Z1 = X @ params["W1"] + params["b1"]
    A1, _ = tanh_forward(Z1)
    Z2 = A1 @ params["W2"] + params["b2"]
    A2, _ = sigmoid_forward(Z2)
    return {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def loss(params, X, Y):
    """L = −(1/N) Σ_n [Y_n log A2_n + (1 − Y_n) log(1 − A2_n)], Y of shape (N, 1) in {0, 1}."""
    A2 = forward(params, X)["A2"]
    return float(-np.mean(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)))


def backprop(params, X, Y):
    """The loss and its gradients by the hand-derived formulas (the 1/N of the mean is in dZ2).

    dZ2 = (A2 − Y)/N (N, 1)     dW2 = A1ᵀ·dZ2 (h, 1)     db2 = Σ_n dZ2 (1,)
    dA1 = dZ2·W2ᵀ (N, h)        dZ1 = dA1 ⊙ (1 − A1²) (N, h)
    dW1 = Xᵀ·dZ1 (d, h)         db1 = Σ_n dZ1 (h,)
    X : (N, d), Y : (N, 1). Returns (L, {"W1", "b1", "W2", "b2"} shaped like params).
    """
    n = X.shape[0]
    f = forward(params, X)
    A1, A2 = f["A1"], f["A2"]
    L = float(-np.mean(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)))
    dZ2 = (A2 - Y) / n
    dW2 = A1.T @ dZ2
    db2 = dZ2.sum(axis=0)
    dA1 = dZ2 @ params["W2"].T
    dZ1 = dA1 * (1 - A1**2)
    dW1 = X.T @ dZ1
    db1 = dZ1.sum(axis=0)
    return L, {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}


def targets(y):
    """Labels y of shape (N,) as the float column Y of shape (N, 1)."""
    return y.astype(np.float64)[:, None]


@functools.cache
def gradient_check(*, seed=SEED):
    """Hand-derived gradients at the initial parameters on ``xor_data``, compared per parameter:

    Returns two dicts name -> rel_error: against centred differences of ``loss`` (h = 1e-5,
    float64) and against ``MLP.backward`` of the same net with ``binary_cross_entropy_with_logits``.
    """
    X, y = xor_data(seed=seed)
    Y = targets(y)
    params = init_params(seed=seed)
    _, grads = backprop(params, X, Y)
    numeric = {}
    for name in PARAMS:

        def f(point, name=name):
            return np.array(loss({**params, name: point}, X, Y))

        numeric[name] = rel_error(grads[name], numerical_gradient(f, params[name], np.array(1.0)))
    net = MLP([2, HIDDEN, 1], activation="tanh", init="xavier_normal", rng=np.random.default_rng(seed))
    _, dscores = binary_cross_entropy_with_logits(net.forward(X, train=True), y)
    library = net.backward(dscores)
    return numeric, {name: rel_error(grads[name], library[name]) for name in PARAMS}


@functools.cache
def train_by_hand(*, seed=SEED, lr=LR, epochs=EPOCHS):
    """Full-batch gradient descent with ``backprop`` on ``xor_data``: θ ← θ − lr·∂L/∂θ.

    Returns (final params, losses of shape (epochs,)), each loss taken before its update.
    """
    X, y = xor_data(seed=seed)
    Y = targets(y)
    params = init_params(seed=seed)
    losses = np.empty(epochs)
    for epoch in range(epochs):
        losses[epoch], grads = backprop(params, X, Y)
        params = {name: params[name] - lr * grads[name] for name in PARAMS}
    return params, losses


def epochs_to(threshold, losses):
    """The first epoch (counting from 1) whose loss is below ``threshold``, or None."""
    below = np.flatnonzero(losses < threshold)
    return int(below[0]) + 1 if below.size else None


@claim("architecture.bp_gradcheck_max_rel_error", fmt=".0e", expect=lambda v: v < 1e-7)
def bp_gradcheck_max_rel_error():
    """The largest of the four relative errors against centred differences."""
    return max(gradient_check()[0].values())


@claim("architecture.bp_vs_mlp_max_rel_error", fmt=".1g", expect=lambda v: v < 1e-14)
def bp_vs_mlp_max_rel_error():
    """Against ``MLP.backward``: the same arithmetic, so rounding at most."""
    return max(gradient_check()[1].values())


@claim("architecture.bp_double_mean_rel_error", fmt=".2f", expect=lambda v: v > 1e-2)
def bp_double_mean_rel_error():
    """The bug of dividing by N twice (once in dZ2, once more in dW1): the gradient check's
    relative error for W1, far above CS231n's 1e-2 mark for a wrong gradient."""
    X, y = xor_data()
    Y = targets(y)
    params = init_params()
    _, grads = backprop(params, X, Y)

    def f(point):
        return np.array(loss({**params, "W1": point}, X, Y))

    return rel_error(grads["W1"] / X.shape[0], numerical_gradient(f, params["W1"], np.array(1.0)))


@claim("architecture.bp_initial_loss", fmt=".3f", expect=lambda v: 0.6 < v < 0.8)
def bp_initial_loss():
    return float(train_by_hand()[1][0])


@claim("architecture.bp_final_loss", fmt=".4f", expect=lambda v: v < 0.01)
def bp_final_loss():
    return float(train_by_hand()[1][-1])


@claim("architecture.bp_epochs_to_0_1", fmt="d", expect=lambda v: v is not None and 20 < v < 300)
def bp_epochs_to_0_1():
    """Epochs until the loss first falls below 0.1."""
    return epochs_to(0.1, train_by_hand()[1])


@claim("architecture.bp_accuracy", fmt=".0%", expect=lambda v: v == 1.0)
def bp_accuracy():
    params, _ = train_by_hand()
    X, y = xor_data()
    return float(np.mean((forward(params, X)["Z2"][:, 0] > 0) == y))


@claim("architecture.bp_vs_fit_loss_difference", fmt=".0e", expect=lambda v: v < 1e-12)
def bp_vs_fit_loss_difference():
    """max over epochs of |loss by hand − ``MLP.fit``'s loss| from the same initial weights."""
    return float(np.abs(train_by_hand()[1] - xor_mlp()[1].loss).max())
