"""The experiments behind the activation-functions chapter: each does what its docstring says."""

import math

import numpy as np
import pytest

from nnnotes.experiments import activation_functions as af


# --- why non-linear -----------------------------------------------------------------------

def test_a_stack_of_affine_layers_equals_the_merged_layer():
    stacked, merged = af.linear_stack()
    assert stacked.shape == merged.shape == (200, af.COLLAPSE_WIDTHS[-1])
    np.testing.assert_allclose(stacked, merged, atol=1e-12)


def test_the_relu_net_computes_abs_and_no_line_fits_it():
    x = np.linspace(-2, 2, 9)[:, None]
    np.testing.assert_array_equal(af.relu_abs_net(x), np.abs(x))
    assert af.relu_abs_unexplained() > 0.99


@pytest.mark.parametrize("gate", ["and", "or"])
def test_a_neuron_separates_and_and_or(gate):
    fit = af.train_neuron(gate)
    assert fit.accuracy == 1.0
    predicted = (af.BOOLEAN_INPUTS @ fit.w + fit.b > 0).astype(int)
    np.testing.assert_array_equal(predicted, af.BOOLEAN_TARGETS[gate])


def test_a_neuron_learns_nothing_on_xor_and_no_line_gets_more_than_three():
    fit = af.train_neuron("xor")
    assert abs(fit.loss - math.log(2)) < 1e-6
    assert np.linalg.norm(fit.w) < 1e-6
    u, t, accuracy = af.best_line("xor")
    assert accuracy == 0.75
    assert np.mean((af.BOOLEAN_INPUTS @ u > t) == af.BOOLEAN_TARGETS["xor"]) == 0.75
    # the chosen line keeps its distance from every point
    assert np.abs(af.BOOLEAN_INPUTS @ u - t).min() > 0.3


@pytest.mark.parametrize("gate", ["and", "or"])
def test_the_line_search_finds_a_separating_line_when_one_exists(gate):
    assert af.best_line(gate)[2] == 1.0


# --- zoo and saturation -------------------------------------------------------------------

def test_regions_turns_runs_of_true_into_intervals():
    x = np.arange(8.0)
    mask = np.array([True, True, False, False, True, False, True, True])
    assert af.regions(x, mask) == [(0.0, 1.0), (4.0, 4.0), (6.0, 7.0)]
    assert af.regions(x, np.zeros(8, bool)) == []


def test_saturated_is_strictly_below_the_fraction_of_the_peak():
    slope = np.array([1.0, 0.5, 0.01, 0.009, 0.0, -0.005])
    np.testing.assert_array_equal(af.saturated(slope), [False, False, False, True, True, True])


def test_zoo_saturated_regions():
    curves = af.zoo()
    sigmoid = curves["sigmoid"].regions
    assert len(sigmoid) == 2 and sigmoid[0][0] == -8.0 and sigmoid[1][1] == 8.0
    assert sigmoid[0][1] == pytest.approx(-sigmoid[1][0])  # symmetric
    assert curves["relu"].regions == [(-8.0, 0.0)]
    assert curves["leaky_relu"].regions == []
    assert all(c.regions == [] for c in curves["prelu"])
    assert curves["maxout_abs"].regions == []
    (low, high), = curves["elu"].regions
    assert low == -8.0 and high == pytest.approx(math.log(0.01), abs=0.01)


def test_zoo_derivatives_come_from_the_backward_passes():
    curves = af.zoo()
    x = af.ZOO_GRID
    s = 1 / (1 + np.exp(-x))
    np.testing.assert_allclose(curves["sigmoid"].fprime, s * (1 - s), atol=1e-15)
    np.testing.assert_array_equal(curves["relu"].fprime, (x > 0).astype(float))
    for alpha, curve in zip(af.PRELU_ALPHAS, curves["prelu"]):
        np.testing.assert_array_equal(curve.fprime, np.where(x > 0, 1.0, alpha))
    np.testing.assert_allclose(curves["maxout_abs"].f, np.abs(x), atol=1e-12)


def test_prelu_curve_gives_the_alpha_gradient_per_entry():
    x = np.array([-2.0, 0.0, 3.0])
    f, dfdx, dfda = af.prelu_curve(0.25, x)
    np.testing.assert_array_equal(f, [-0.5, 0.0, 3.0])
    np.testing.assert_array_equal(dfdx, [0.25, 0.25, 1.0])
    np.testing.assert_array_equal(dfda, [-2.0, 0.0, 0.0])


def test_saturation_thresholds_match_the_closed_forms():
    assert af.saturation_threshold("sigmoid", +1) == pytest.approx(math.log(399), abs=2e-3)
    assert af.saturation_threshold("tanh", +1) == pytest.approx(math.atanh(math.sqrt(0.99)), abs=2e-3)
    assert af.saturation_threshold("elu", -1) == pytest.approx(math.log(0.01), abs=2e-3)


@pytest.mark.parametrize("target", af.MAXOUT_TARGETS)
def test_maxout_fits_each_target_and_the_loss_falls(target):
    fit = af.fit_maxout(target)
    assert fit.W.shape == (2, 1, 1) and fit.b.shape == (2, 1)
    assert fit.max_error < 1e-10
    assert fit.losses[-1] < 1e-6 * fit.losses[0]


def test_sigmoid_saturates_with_large_initial_weights_only():
    large_fraction, large_slope = af.sigmoid_layer_at_init("small_random", scale=1.0)
    xavier_fraction, xavier_slope = af.sigmoid_layer_at_init("xavier_normal")
    # z ~ N(0, 100): P(|z| > 5.99) = P(|N(0, 1)| > 0.599) = erfc(0.599 / √2)
    assert large_fraction == pytest.approx(math.erfc(0.599 / math.sqrt(2)), abs=0.02)
    assert xavier_fraction == 0.0
    assert xavier_slope > 4 * large_slope


# --- zig-zag ------------------------------------------------------------------------------

def test_zigzag_inputs_are_positive_and_the_centred_copy_has_zero_mean():
    positive, centred = af.zigzag_inputs()
    assert positive.shape == centred.shape == (af.ZIGZAG_SAMPLES, 2)
    assert (positive > 0).all() and (positive < 1).all()
    np.testing.assert_allclose(centred.mean(axis=0), 0, atol=1e-15)
    np.testing.assert_allclose(positive - centred, np.broadcast_to(positive.mean(axis=0), positive.shape))


def test_every_per_example_step_on_positive_inputs_stays_in_one_orthant():
    run = af.zigzag_run("positive", True)
    delta = np.diff(run.path, axis=0)
    assert (np.sign(delta[:, 0]) == np.sign(delta[:, 1])).all()
    assert run.same_sign == 1.0
    assert np.linalg.norm(run.path[-1] - af.ZIGZAG_W_STAR) < af.ZIGZAG_TOL
    assert run.path.shape == (run.steps + 1, 2)


def test_centring_speeds_up_gradient_descent():
    for per_example, factor in ((True, 2), (False, 5)):
        assert af.zigzag_run("positive", per_example).steps > factor * af.zigzag_run("centred", per_example).steps
    assert af.zigzag_condition("positive") > 5 * af.zigzag_condition("centred")


def test_descend_runs_learning_rates_independently_and_flags_divergence():
    positive, _ = af.zigzag_inputs()
    steps, _ = af.descend(positive, [0.3, 1000.0], per_example=False)
    alone, _ = af.descend(positive, [0.3], per_example=False)
    assert steps[0] == alone[0] > 0
    assert steps[1] == -1  # diverged


def test_loss_surface_is_zero_at_the_minimum():
    w1 = np.array([0.0, 1.0])
    w2 = np.array([-1.0, 0.0])
    surface = af.zigzag_loss_surface("positive", w1, w2)
    assert surface.shape == (2, 2)
    assert surface[0, 1] == pytest.approx(0.0, abs=1e-15)
    assert (surface[[0, 1, 1], [0, 0, 1]] > 0).all()


# --- mean activations ---------------------------------------------------------------------

def test_mean_activations_match_the_closed_forms():
    assert af.mean_activation("relu") == pytest.approx(af.PHI, abs=0.01)
    assert af.mean_activation("leaky_relu") == pytest.approx((1 - af.LEAKY_ALPHA) * af.PHI, abs=0.01)
    assert af.mean_activation("elu") == pytest.approx(af.ELU_MEAN, abs=0.01)
    assert af.ELU_MEAN == pytest.approx(0.1605, abs=1e-3)
    assert abs(af.mean_activation("tanh")) < 0.01


def test_histograms_count_every_output_in_range():
    histograms = af.activation_histograms(bins=10, low=-5, high=5)
    for name in af.MEAN_FUNCTIONS:
        counts, edges = histograms[name]
        assert counts.sum() == af.MEAN_SAMPLES and edges.shape == (11,)


# --- parameters and cost ------------------------------------------------------------------

@pytest.mark.parametrize("k", [2, 3, 4])
def test_maxout_layer_has_k_times_the_parameters(k):
    assert af.maxout_layer_parameters(k) == k * af.relu_layer_parameters() == k * (100 * 100 + 100)


def test_activation_costs_are_positive_for_every_name():
    costs = af.activation_costs(af.COST_NAMES, 16, 32, 2)
    assert set(costs) == set(af.COST_NAMES)
    assert all(np.isfinite(v) and v > 0 for v in costs.values())


def test_affine_multiply_adds_per_output():
    assert af.affine_macs_per_output(d=10, m=7, n=3) == 30
