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

The sections, one module each: ``universal_approximation``, ``overfitting`` (capacity and
regularization), ``depth`` and ``minima`` (both on the spirals of ``spirals``). Many small
nets of one shape are trained at once by ``nnnotes.ensemble.train_nets``, so that 20 seeds
cost little more than a few. Every experiment is deterministic and cached, the expensive ones
across processes (``@shared``); returned arrays are read-only.
"""

from ..claims import setting

SEED = setting("capacity.seed", 0, fmt="d")  # data, and the net that a figure draws
TEST_SEED = setting("capacity.test_seed", 1, fmt="d")  # held-out data
# every run of the chapter uses full-batch gradient descent with this momentum
MOMENTUM = setting("capacity.momentum", 0.9, fmt="g")
