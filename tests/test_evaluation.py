"""Accuracy and the decision grid of a trained net."""

import numpy as np
import pytest

from nnnotes.evaluation import accuracy, decision_grid
from nnnotes.model import MLP


def test_accuracy_is_the_share_of_rows_classified_right():
    net = MLP([2, 3], rng=np.random.default_rng(0))
    net.params["W1"][:] = [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]  # argmax picks the larger coordinate, or class 2
    X = np.array([[2.0, 1.0], [1.0, 2.0], [-1.0, -1.0], [3.0, 0.0], [0.0, 3.0]])
    assert accuracy(net, X, np.array([0, 1, 2, 0, 0])) == 0.8
    assert accuracy(net, X, net.predict(X)) == 1.0


def test_accuracy_of_a_single_output_is_the_sign_rule():
    net = MLP([1, 1], rng=np.random.default_rng(0))
    net.params["W1"][:] = 1.0
    X = np.array([[-2.0], [-0.5], [0.5], [3.0]])
    assert accuracy(net, X, np.array([0, 0, 1, 0])) == 0.75


def test_decision_grid_rows_follow_y_and_columns_follow_x():
    net = MLP([2, 1], rng=np.random.default_rng(0))
    net.params["W1"][:] = [[1.0], [10.0]]
    xs, ys, scores = decision_grid(net, (-1, 1, -2, 2), n=5)
    assert scores.shape == (5, 5, 1)
    np.testing.assert_array_equal(xs, np.linspace(-1, 1, 5))
    np.testing.assert_array_equal(ys, np.linspace(-2, 2, 5))
    assert np.allclose(scores[:, :, 0], xs[None, :] + 10 * ys[:, None])


def test_decision_grid_of_a_float32_net_has_one_score_per_class():
    net = MLP([2, 4, 3], rng=np.random.default_rng(0), dtype=np.float32)
    _, _, scores = decision_grid(net, (0, 1, 0, 1), n=7)
    assert scores.shape == (7, 7, 3) and scores.dtype == np.float32
    assert scores[2, 5] == pytest.approx(net.forward(np.array([[5 / 6, 2 / 6]], np.float32), train=False)[0])
