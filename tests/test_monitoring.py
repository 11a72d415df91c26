"""Dead units, activation statistics and gradient norms."""

import numpy as np
import pytest

from nnnotes.model import MLP
from nnnotes.monitoring import (
    activation_histogram,
    dead_fraction,
    factor_toward_input,
    factor_toward_output,
    gradient_norms,
    layer_statistics,
)


def test_dead_fraction():
    z = np.array([[-1.0, 0.0, 2.0, -3.0], [-2.0, 0.0, -1.0, 0.5]])
    assert dead_fraction(z) == 0.5  # units 0 and 1 are never positive


def test_histogram_counts_every_entry():
    counts, edges = activation_histogram(np.linspace(-1, 1, 40).reshape(10, 4), bins=8, value_range=(-1, 1))
    assert counts.sum() == 40 and counts.shape == (8,) and edges.shape == (9,)


def test_gradient_norms():
    assert gradient_norms({"W1": np.array([[3.0, 4.0]]), "b1": np.zeros(2)}) == {"W1": 5.0, "b1": 0.0}


def test_layer_statistics_of_a_model():
    rng = np.random.default_rng(0)
    net = MLP([2, 8, 6, 2], rng=rng)
    X = rng.standard_normal((50, 2))
    net.params["b1"][:4] = -100.0  # half the first layer can never fire
    first, second = layer_statistics(net, X)
    assert first.dead_fraction == 0.5
    z, a = net.hidden_layers(X)[1]
    assert second.mean == pytest.approx(a.mean()) and second.std == pytest.approx(a.std())
    assert second.dead_fraction == dead_fraction(z)


def test_factors_of_a_geometric_sequence_up_and_down():
    values = 3 * 0.5 ** np.arange(10)  # halves from each layer to the next toward the output
    assert factor_toward_output(values) == pytest.approx(0.5)
    assert factor_toward_input(values) == pytest.approx(2.0)
    assert factor_toward_output([1.0, 2.0, 4.0, 8.0]) == pytest.approx(2.0)


def test_the_factors_are_reciprocal_and_read_only_the_end_layers():
    values = np.array([0.3, 5.0, 0.01, 2.0, 1.2])
    assert factor_toward_output(values) * factor_toward_input(values) == pytest.approx(1.0)
    assert factor_toward_output(values) == pytest.approx((1.2 / 0.3) ** (1 / 4))
    assert factor_toward_output(np.array([1.0, 4.0], np.float32)) == 4.0
