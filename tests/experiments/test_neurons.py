"""The single-neuron experiments: data, boundary geometry, losses against margin, L2 decay."""

import numpy as np
import pytest

from nnnotes.activations import get_activation
from nnnotes.datasets import two_clouds
from nnnotes.experiments import neurons

# The families of the chapter's claims, by name prefix, and the kind of change that breaks them.
CLAIM_FAMILIES = {
    ("neurons.logistic_", "neurons.hinge_", "neurons.boundary_angle", "neurons.norm_ratio"):
        "a change to the two losses, the data or the training (rate, steps, λ) that moves where the two "
        "neurons end: less accurate, boundaries no longer parallel, the logistic w no longer the longer one",
    ("neurons.boundary_probability", "neurons.band_width"):
        "a sigmoid or a boundary computed wrongly: σ on the line is not 1/2, the 0.1–0.9 band has another width",
    ("neurons.unused_weight_", "neurons.used_weight_"):
        "L2 that is not the shrink (1 − lr·λ)·w of every step, or a gradient reaching an input that is always 0",
    ("neurons.norm_", "neurons.sweep_", "neurons.extent_", "neurons.max_confidence_"):
        "a λ sweep that stops short of the minimum, or an L2 term that no longer shrinks w as λ grows",
}


def test_every_claim_family_says_what_breaks_it(undocumented_claims):
    assert undocumented_claims("nnnotes.experiments.neurons", CLAIM_FAMILIES) == []


def test_the_data_is_the_settings_sample_of_two_clouds():
    X, y = neurons.data()
    X0, y0 = two_clouds(neurons.N_SAMPLES, rng=np.random.default_rng(neurons.SEED))
    assert np.array_equal(X, X0) and np.array_equal(y, y0)
    assert not np.array_equal(X, neurons.data(seed=4)[0])


@pytest.mark.parametrize("loss", neurons.LOSSES)
def test_boundary_points_have_zero_score(loss):
    neuron = neurons.train_neuron(loss)
    points = neurons.boundary_points(neuron, np.linspace(-5, 5, 11))
    assert np.abs(neuron.scores(points)).max() < 1e-12
    # consecutive points are 1 apart: t is the distance along the line
    assert np.allclose(np.linalg.norm(np.diff(points, axis=0), axis=1), 1.0)


def test_the_band_width_is_where_the_probability_reaches_0_1_and_0_9():
    neuron = neurons.train_neuron("binary_cross_entropy")
    unit = neuron.w / np.linalg.norm(neuron.w)
    half = neurons.probability_band_width(neuron) / 2
    centre = neurons.boundary_points(neuron, np.zeros(1))
    p = neuron.probability(np.vstack([centre - half * unit, centre + half * unit]))
    assert np.allclose(p, [0.1, 0.9])


def test_losses_against_margin_match_their_formulas():
    m = np.linspace(-4, 4, 81)
    losses = neurons.loss_vs_margin(m)
    assert np.allclose(losses["binary_cross_entropy"], np.logaddexp(0, -m))
    assert np.allclose(losses["binary_hinge"], np.maximum(0, 1 - m))


def test_the_logistic_probability_is_the_sigmoid_of_the_score():
    neuron = neurons.train_neuron("binary_cross_entropy")
    X, _ = neurons.data()
    expected, _ = get_activation("sigmoid").forward(X @ neuron.w + neuron.b)
    assert np.array_equal(neuron.probability(X), expected)


def test_unused_weight_follows_the_geometric_decay_for_every_reg():
    for reg in neurons.DECAY_REGS:
        t, w3, predicted, _ = neurons.unused_weight_decay(reg)
        assert t[0] == 0 and t[-1] == neurons.DECAY_STEPS
        assert np.allclose(w3, predicted, rtol=1e-12, atol=0)
        assert np.all(np.diff(w3) < 0)


def test_weight_length_falls_with_every_step_up_in_reg():
    weights, _, accuracies, _ = neurons.norm_vs_reg()
    norms = np.linalg.norm(weights, axis=1)
    assert np.all(np.diff(norms) < 0)
    assert np.all(accuracies > 0.9)


def test_boundary_angle_is_zero_for_parallel_normals_and_90_for_orthogonal():
    a = neurons.Neuron(np.array([1.0, 0.0]), 0.0, "x", 1.0)
    b = neurons.Neuron(np.array([3.0, 0.0]), 2.0, "x", 1.0)
    c = neurons.Neuron(np.array([0.0, -2.0]), 0.0, "x", 1.0)
    assert neurons.boundary_angle_deg(a, b) == 0.0
    assert neurons.boundary_angle_deg(a, c) == pytest.approx(90.0)
