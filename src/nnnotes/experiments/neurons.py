"""One neuron: a linear classifier under two losses, and L2 regularization as forgetting.

Everything here trains a single neuron, the model ``MLP([D, 1])`` (one affine unit whose
score is s = w·x + b), by full-batch gradient descent with ``MLP.fit`` on the sample
``two_clouds`` of ``nnnotes.datasets``:

- with ``loss="binary_cross_entropy"`` the neuron is logistic regression: σ(s) is read as
  P(y = 1 | x) and the loss is −log P(correct label);
- with ``loss="binary_hinge"`` it is a binary SVM: the loss is max(0, 1 − t·s), t = 2y − 1.

``reg`` is the L2 strength λ; each gradient step is w ← w − lr·(∂L/∂w + λw)
= (1 − lr·λ)·w − lr·∂L/∂w, so every step first shrinks every weight by the factor 1 − lr·λ.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from ..activations import get_activation
from ..datasets import two_clouds
from ..losses import binary_cross_entropy_with_logits, binary_hinge
from ..model import MLP
from .claims import claim, listed, setting
from .common import line_points
from .shared import shared

SEED = setting("neurons.seed", 0, fmt="d")  # data and initial weights
N_SAMPLES = setting("neurons.n_samples", 200, fmt="d")
LR = setting("neurons.lr", 0.5, fmt="g")  # learning rate of every run on this page
EPOCHS = setting("neurons.epochs", 2000, fmt="d")  # full-batch steps for the classifiers
REG = setting("neurons.reg", 0.01, fmt="g")  # λ of the two classifiers
LOSSES = ("binary_cross_entropy", "binary_hinge")
setting("neurons.decay_factor", 1 - LR * REG, fmt=".3f")  # what each step multiplies a weight by

DECAY_REGS = setting("neurons.decay_regs", (0.001, 0.01, 0.03), fmt=listed("g"))  # λ for the "unused weight" runs
DECAY_STEPS = setting("neurons.decay_steps", 600, fmt="d")
SWEEP_REGS = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0)
setting("neurons.sweep_reg_min", SWEEP_REGS[0], fmt="g")
setting("neurons.sweep_reg_max", SWEEP_REGS[-1], fmt="g")
SWEEP_EPOCHS = setting("neurons.sweep_epochs", 4000, fmt="d")


def data(seed: int = SEED):
    """The page's sample: ``two_clouds(N_SAMPLES)`` drawn from ``default_rng(seed)``.

    Returns X, ndarray of shape (N_SAMPLES, 2), and y, int ndarray of shape (N_SAMPLES,) in {0, 1}.
    """
    return two_clouds(N_SAMPLES, rng=np.random.default_rng(seed))


@dataclass(frozen=True)
class Neuron:
    """A trained single neuron: score s = x·w + b.

    w : ndarray of shape (D,).  b : float.  loss : the training loss's name.
    accuracy : training accuracy of the rule "class 1 where s > 0".
    """

    w: np.ndarray
    b: float
    loss: str
    accuracy: float

    def scores(self, X):
        """s = X·w + b, ndarray of shape (N,) for X of shape (N, D)."""
        return X @ self.w + self.b

    def probability(self, X):
        """σ(s) for X of shape (N, D): the logistic reading P(y = 1 | x), shape (N,)."""
        return get_activation("sigmoid").forward(self.scores(X))[0]


@shared
def train_neuron(loss: str, *, reg: float = REG, lr: float = LR, epochs: int = EPOCHS, seed: int = SEED) -> Neuron:
    """Train MLP([2, 1]) on ``data(seed)`` with full-batch gradient descent.

    loss : "binary_cross_entropy" (logistic regression) or "binary_hinge" (binary SVM).
    The objective is the mean loss + (reg/2)·‖w‖² (the bias is not regularized).
    """
    X, y = data(seed)
    net = MLP([2, 1], rng=np.random.default_rng(seed))
    net.fit(X, y, loss=loss, lr=lr, epochs=epochs, reg=reg)
    accuracy = float(np.mean(net.predict(X) == y))
    return Neuron(net.params["W1"][:, 0].copy(), float(net.params["b1"][0]), loss, accuracy)


def boundary_points(neuron: Neuron, t: np.ndarray) -> np.ndarray:
    """Points on the decision boundary w·x + b = 0 (``common.line_points``).

    t : ndarray of shape (K,), signed distance along the boundary from its point closest to
    the origin. Returns ndarray of shape (K, 2).
    """
    return line_points(neuron.w, neuron.b, t)


def boundary_angle_deg(a: Neuron, b: Neuron) -> float:
    """Angle in degrees between the normals w of two boundaries (0 = parallel lines)."""
    cos = a.w @ b.w / (np.linalg.norm(a.w) * np.linalg.norm(b.w))
    return float(np.degrees(np.arccos(np.clip(cos, -1.0, 1.0))))


def margins(neuron: Neuron, seed: int = SEED) -> np.ndarray:
    """t·s on the training set (t = 2y − 1): positive when the point is on its class's side."""
    X, y = data(seed)
    return (2 * y - 1) * neuron.scores(X)


def loss_vs_margin(m: np.ndarray) -> dict[str, np.ndarray]:
    """The two losses of one sample as functions of its margin m = t·s.

    Evaluated by nnnotes.losses on a single sample with label y = 1 (so t = 1 and s = m):
    binary cross-entropy log(1 + e^(−m)) and hinge max(0, 1 − m); each of shape m.shape.
    """
    one = np.ones(1, dtype=np.int64)
    bce = [binary_cross_entropy_with_logits(np.array([v]), one)[0] for v in m]
    hinge = [binary_hinge(np.array([v]), one)[0] for v in m]
    return {"binary_cross_entropy": np.array(bce), "binary_hinge": np.array(hinge)}


def probability_band_width(neuron: Neuron, low: float = 0.1) -> float:
    """Distance between the lines σ(s) = low and σ(s) = 1 − low: 2·log((1 − low)/low) / ‖w‖."""
    return float(2 * np.log((1 - low) / low) / np.linalg.norm(neuron.w))


# --- L2 regularization as forgetting ----------------------------------------------------

@functools.cache
def unused_weight_decay(reg: float, *, lr: float = LR, steps: int = DECAY_STEPS, every: int = 20,
                        seed: int = SEED):
    """A weight the data never moves, trained with L2: measured vs (1 − lr·λ)^t.

    The neuron MLP([3, 1]) is trained (binary cross-entropy, full batch) on ``data`` with a
    third input that is 0 for every sample, so ∂L/∂w₃ = 0 and only the L2 term acts on w₃.
    w₃ starts at 1. Returns (t, w3, predicted, w12): t of shape (K,) the step counts 0, every,
    2·every, …, steps; w3 of shape (K,) the measured third weight; predicted = (1 − lr·λ)^t;
    w12 of shape (K, 2) the two weights the data does move.
    """
    X, y = data(seed)
    X3 = np.column_stack([X, np.zeros(len(X))])
    net = MLP([3, 1], rng=np.random.default_rng(seed))
    net.params["W1"][2, 0] = 1.0
    t = np.arange(0, steps + 1, every)
    w3, w12 = [net.params["W1"][2, 0]], [net.params["W1"][:2, 0].copy()]
    for _ in t[1:]:
        net.fit(X3, y, loss="binary_cross_entropy", lr=lr, epochs=every, reg=reg)
        w3.append(net.params["W1"][2, 0])
        w12.append(net.params["W1"][:2, 0].copy())
    return t, np.array(w3), (1 - lr * reg) ** t, np.array(w12)


@shared
def norm_vs_reg(regs: tuple[float, ...] = SWEEP_REGS, *, lr: float = LR, epochs: int = SWEEP_EPOCHS,
                seed: int = SEED):
    """The logistic neuron trained on ``data`` for each λ in ``regs``.

    Returns (weights, biases, accuracies, residuals): weights of shape (K, 2), the learned w
    for each of the K values of λ; biases of shape (K,); accuracies of shape (K,), training
    accuracy; residuals of shape (K,),
    ‖∂L/∂w + λw‖ / ‖λw‖ at the end of training (0 at the minimum, where the shrink λw and
    the data's pull −∂L/∂w balance).
    """
    X, y = data(seed)
    weights, biases, accuracies, residuals = [], [], [], []
    for reg in regs:
        net = MLP([2, 1], rng=np.random.default_rng(seed))
        net.fit(X, y, loss="binary_cross_entropy", lr=lr, epochs=epochs, reg=reg)
        w = net.params["W1"]
        _, dscores = binary_cross_entropy_with_logits(net.forward(X, train=False), y)
        dw = net.backward(dscores)["W1"]
        weights.append(w[:, 0].copy())
        biases.append(net.params["b1"][0])
        accuracies.append(np.mean(net.predict(X) == y))
        residuals.append(np.linalg.norm(dw + reg * w) / np.linalg.norm(reg * w))
    return np.array(weights), np.array(biases), np.array(accuracies), np.array(residuals)


def data_extent(w: np.ndarray, seed: int = SEED) -> float:
    """Spread of ``data`` along the direction of w: max − min of x·w/‖w‖ over the sample."""
    X, _ = data(seed)
    projection = X @ w / np.linalg.norm(w)
    return float(projection.max() - projection.min())


# --- claims -------------------------------------------------------------------------------

@claim("neurons.logistic_accuracy", fmt=".1%", expect=lambda v: 0.9 < v < 1)
def claim_logistic_accuracy():
    """Both neurons classify well above 90 % but not all points (the clouds overlap)."""
    return train_neuron("binary_cross_entropy").accuracy


@claim("neurons.hinge_accuracy", fmt=".1%", expect=lambda v: 0.9 < v < 1)
def claim_hinge_accuracy():
    return train_neuron("binary_hinge").accuracy


@claim("neurons.boundary_angle", fmt=".1f", expect=lambda v: 0 < v < 5)
def claim_boundary_angle():
    """The two boundaries point within a few degrees of each other."""
    return boundary_angle_deg(train_neuron("binary_cross_entropy"), train_neuron("binary_hinge"))


@claim("neurons.norm_ratio", fmt=".1f", expect=lambda v: v > 1.2)
def claim_norm_ratio():
    """‖w‖ of the logistic neuron over ‖w‖ of the hinge neuron: same direction, longer w."""
    return float(np.linalg.norm(train_neuron("binary_cross_entropy").w) / np.linalg.norm(train_neuron("binary_hinge").w))


@claim("neurons.logistic_norm", fmt=".2f", expect=lambda v: 2 < v < 6)
def claim_logistic_norm():
    return float(np.linalg.norm(train_neuron("binary_cross_entropy").w))


@claim("neurons.band_width", fmt=".2f", expect=lambda v: 0.5 < v < 2.5)
def claim_band_width():
    """Width of the band 0.1 < σ(s) < 0.9 of the logistic neuron, in input units."""
    return probability_band_width(train_neuron("binary_cross_entropy"))


@functools.cache
def _boundary_probability():
    neuron = train_neuron("binary_cross_entropy")
    return neuron.probability(boundary_points(neuron, np.linspace(-3, 3, 101)))


@claim("neurons.boundary_probability", fmt=".3f", expect=lambda v: abs(v - 0.5) < 1e-12)
def claim_boundary_probability():
    """σ(w·x + b) at the point of the learned boundary farthest from 0.5, among 101 points."""
    p = _boundary_probability()
    return float(p[np.abs(p - 0.5).argmax()])


@claim("neurons.hinge_idle_fraction", fmt=".0%", expect=lambda v: 0.5 < v < 1)
def claim_hinge_idle_fraction():
    """Share of training points with margin t·s ≥ 1: the hinge gives them zero gradient."""
    return float(np.mean(margins(train_neuron("binary_hinge")) >= 1))


@claim("neurons.logistic_smallest_push", fmt=".4f", expect=lambda v: 0 < v < 1e-2)
def claim_logistic_smallest_push():
    """min over points of |σ(s) − y|, the size of each point's ∂L/∂s (times N): never 0."""
    X, y = data()
    return float(np.min(np.abs(train_neuron("binary_cross_entropy").probability(X) - y)))


@claim("neurons.unused_weight_after", fmt=".4f", expect=lambda v: 0.03 < v < 0.07)
def claim_unused_weight_after():
    """w₃ after DECAY_STEPS steps at λ = REG, starting from 1."""
    return float(unused_weight_decay(REG)[1][-1])


@claim("neurons.unused_weight_predicted", fmt=".4f", expect=lambda v: abs(v - claim_unused_weight_after()) < 1e-12)
def claim_unused_weight_predicted():
    """(1 − lr·λ)^t for the same run: the page says measured and predicted agree."""
    return float(unused_weight_decay(REG)[2][-1])


@claim("neurons.unused_weight_rel_error", fmt=".0e", expect=lambda v: v < 1e-12)
def claim_unused_weight_rel_error():
    """max over λ in DECAY_REGS and over t of |w₃ − (1 − lr·λ)^t| / (1 − lr·λ)^t."""
    return max(float(np.max(np.abs(w3 - pred) / pred)) for _, w3, pred, _ in map(unused_weight_decay, DECAY_REGS))


@claim("neurons.used_weight_norm_after", fmt=".2f", expect=lambda v: v > 1 and abs(v - claim_logistic_norm()) < 1e-3)
def claim_used_weight_norm_after():
    """‖(w₁, w₂)‖ at the end of the same run: the weights the data supports are not forgotten;
    they end where the two-input neuron ends."""
    return float(np.linalg.norm(unused_weight_decay(REG)[3][-1]))


@claim("neurons.norm_smallest_reg", fmt=".2f", expect=lambda v: v > 4)
def claim_norm_smallest_reg():
    return float(np.linalg.norm(norm_vs_reg()[0][0]))


@claim("neurons.norm_largest_reg", fmt=".2f", expect=lambda v: v < 0.5)
def claim_norm_largest_reg():
    return float(np.linalg.norm(norm_vs_reg()[0][-1]))


@claim("neurons.sweep_max_residual", fmt=".0e", expect=lambda v: v < 1e-4)
def claim_sweep_max_residual():
    """Every run of the sweep has reached its minimum, where ∂L/∂w = −λw."""
    return float(norm_vs_reg()[3].max())


@claim("neurons.sweep_accuracy_smallest_reg", fmt=".1%", expect=lambda v: v > 0.9)
def claim_sweep_accuracy_smallest_reg():
    return float(norm_vs_reg()[2][0])


@claim("neurons.sweep_accuracy_largest_reg", fmt=".1%", expect=lambda v: v > 0.9)
def claim_sweep_accuracy_largest_reg():
    return float(norm_vs_reg()[2][-1])


@claim("neurons.band_width_largest_reg", fmt=".1f", expect=lambda v: v > claim_extent_largest_reg())
def claim_band_width_largest_reg():
    """At λ = 1 the band 0.1 < σ < 0.9 (width 2·log 9 / ‖w‖) is wider than the whole sample."""
    return float(2 * np.log(9) / np.linalg.norm(norm_vs_reg()[0][-1]))


@claim("neurons.extent_largest_reg", fmt=".1f", expect=lambda v: 3 < v < 10)
def claim_extent_largest_reg():
    """Spread of the sample along the λ = 1 neuron's w."""
    return data_extent(norm_vs_reg()[0][-1])


@claim("neurons.max_confidence_largest_reg", fmt=".2f", expect=lambda v: 0.5 < v < 0.9)
def claim_max_confidence_largest_reg():
    """At λ = 1: the largest probability the neuron gives any training point's more likely class."""
    X, _ = data()
    weights, biases, _, _ = norm_vs_reg()
    p = get_activation("sigmoid").forward(X @ weights[-1] + biases[-1])[0]
    return float(np.maximum(p, 1 - p).max())
