"""The gradient-flow experiments: data, Nielsen's cost and setting, exact rates, knock-out."""

import math

import numpy as np
import pytest

from nnnotes.datasets import digit_standin
from nnnotes.experiments.gradient_flow import data, exploding, knockout, nielsen, vanishing
from nnnotes.gradcheck import numerical_gradient, rel_error
from nnnotes.monitoring import factor_toward_input

# The families of the chapter's claims, by name prefix, and the kind of change that breaks them.
CLAIM_FAMILIES = {
    ("gradient_flow.vanish.",):
        "a change of initialization (Xavier, He) or of an activation's derivative that changes the factor "
        "by which the gradient shrinks or grows per layer on its way down",
    ("gradient_flow.minimum.",):
        "a softmax cross-entropy that no longer gives ln 10 for equal scores, or a sigmoid net whose loss at "
        "initialization beats guessing, whose output-layer gradient vanishes, or whose first layer's does not",
    ("gradient_flow.nielsen.",):
        "a change to Nielsen's setting (his init, his cost, the data) or to backpropagation that moves the "
        "speeds at initialization away from his published ones",
    ("gradient_flow.train.",):
        "a change to the training (rate, L2, epochs) or to backpropagation that changes how the layers' "
        "speeds evolve, or lets the 3-hidden-layer net learn as well as the 2-hidden-layer one",
    ("gradient_flow.explode.",):
        "a wrong exact growth rate (digamma, χ²) or a product of matrices computed differently",
    ("gradient_flow.knockout.",):
        "a ReLU backward pass that lets gradient through a dead unit, or a dead-unit count that changes",
}


def test_every_claim_family_says_what_breaks_it(undocumented_claims):
    assert undocumented_claims("nnnotes.experiments.gradient_flow", CLAIM_FAMILIES) == []


def test_standin_data_has_mnist_shape_and_range():
    X, y = data.standin_data()
    assert X.shape == (1000, 784) and y.shape == (1000,)
    assert X.min() >= 0 and X.max() <= 1
    assert np.bincount(y).tolist() == [100] * 10


def test_standin_data_is_the_datasets_stand_in_and_read_only():
    X, y = data.standin_data()
    X0, y0 = digit_standin(rng=np.random.default_rng(data.SEED))
    assert np.array_equal(X, X0) and np.array_equal(y, y0)
    with pytest.raises(ValueError, match="read-only"):
        X[0, 0] = 1.0


def test_nielsen_cost_gradient_matches_centred_differences():
    rng = np.random.default_rng(0)
    scores, y = rng.standard_normal((6, 4)), rng.integers(0, 4, size=6)
    _, dscores = nielsen.nielsen_cost(scores, y)
    numeric = numerical_gradient(lambda s: np.array(nielsen.nielsen_cost(s, y)[0]), scores, np.array(1.0))
    assert rel_error(dscores, numeric) < 1e-7


def test_nielsen_cost_is_the_summed_binary_cross_entropy():
    scores, y = np.array([[0.0, 2.0], [-1.0, 0.5]]), np.array([1, 0])
    a = 1 / (1 + np.exp(-scores))
    t = np.eye(2)[y]
    expected = np.mean(np.sum(-t * np.log(a) - (1 - t) * np.log(1 - a), axis=1))
    cost, dscores = nielsen.nielsen_cost(scores, y)
    assert cost == pytest.approx(expected)
    assert np.allclose(dscores, (a - t) / 2)


def test_nielsen_net_follows_network2():
    net = nielsen.nielsen_net(3, seed=1)
    assert net.sizes == [784, 30, 30, 30, 10] and net.activations == ["sigmoid"] * 3
    big = nielsen.nielsen_init((4000, 300), rng=np.random.default_rng(0), dtype=np.float64)
    assert big.var() * 4000 == pytest.approx(1.0, rel=0.02)  # Var(w) = 1/fan_in
    assert abs(net.params["b1"].std() - 1) < 0.5 and net.params["b1"].any()  # biases N(0, 1), not 0


def test_speeds_are_the_bias_gradient_norms_of_the_hidden_layers():
    X, y = nielsen.nielsen_data()
    net = nielsen.nielsen_net(2, seed=0)
    speeds, grads = nielsen.learning_speeds(net, X[:50], y[:50])
    assert speeds.shape == (2,)
    assert speeds[1] == pytest.approx(np.linalg.norm(grads["b2"]))


def test_experiments_are_deterministic():
    assert np.array_equal(nielsen.speeds_at_init(2, 5), nielsen.learning_speeds(nielsen.nielsen_net(2, seed=5), *nielsen.nielsen_data())[0])
    assert exploding.d2l_product_norm() == exploding.d2l_product_norm()


def test_deep_profiles_have_one_norm_per_hidden_layer():
    for setting in vanishing.DEEP_SETTINGS:
        g = vanishing.deep_bias_gradients(setting)
        assert g.shape == (vanishing.DEEP_DEPTH,) and np.all(g > 0)


def test_the_sigmoid_factor_is_the_one_the_page_predicts():
    measured = factor_toward_input(vanishing.deep_bias_gradients("sigmoid_xavier"))
    assert measured < vanishing.sigmoid_slope_bound() == 0.25
    assert measured == pytest.approx(vanishing.sigmoid_predicted_factor(), abs=0.02)


@pytest.mark.parametrize("n, value", [(1, -np.euler_gamma - 2 * math.log(2)), (2, -np.euler_gamma),
                                      (4, 1 - np.euler_gamma), (3, 2 - np.euler_gamma - 2 * math.log(2))])
def test_digamma_at_half_integers(n, value):
    assert exploding.digamma_half_integer(n) == pytest.approx(value, abs=1e-15)


def test_exact_growth_rate_matches_log_chi_square_by_monte_carlo():
    chi2 = np.random.default_rng(0).chisquare(4, size=400_000)
    assert 0.5 * np.log(chi2).mean() == pytest.approx(exploding.exact_growth_rate(4), abs=3e-3)


def test_critical_scale_tends_to_one_over_sqrt_n():
    assert exploding.exact_growth_rate(4, exploding.exact_critical_scale(4)) == pytest.approx(0.0, abs=1e-12)
    assert exploding.exact_critical_scale(10_000) * 100 == pytest.approx(1.0, abs=1e-3)


def test_scaling_the_matrices_scales_the_product_exactly():
    base = exploding.product_log_norms(1.0, depth=10, trials=5)
    half = exploding.product_log_norms(0.5, depth=10, trials=5)
    assert np.allclose(half - base, np.arange(1, 11) * math.log(0.5))


def test_knockout_kills_exactly_the_chosen_units():
    out = knockout.knockout((0.3, 1.0), seed=2)
    # nnnotes.monitoring sees at least the killed units (a unit may already be dead at init)
    assert out["dead_fraction"][0] >= 0.3 and out["dead_fraction"][1] == 1.0
    assert out["dead_grad"].tolist() == [0.0, 0.0]
    assert 0 < out["ratio"][0] < 1 and out["ratio"][1] == 0.0
