"""The experiments behind the activation-functions chapter: each does what its docstring says."""

import math

import numpy as np
import pytest

from nnnotes.experiments.activations import (
    cost,
    depth,
    maxout,
    mean_activation,
    nonlinearity,
    shapes,
    sigmoid_init,
    sparsity,
    zigzag,
    zoo,
)

# The families of the chapter's claims, by name prefix, and the kind of change that breaks them.
CLAIM_FAMILIES = {
    ("activations.sigmoid.max_slope", "activations.tanh.max_slope", "activations.tanh.sigmoid_identity"):
        "a forward or backward pass of sigmoid or tanh computed wrongly (the peak slope, tanh = 2σ(2x) − 1)",
    ("activations.linear.",):
        "affine layers that no longer compose into one affine map, or a ReLU net that no longer computes |x|",
    ("activations.separability.",):
        "a neuron (loss, gradient, training) that no longer separates AND and OR, or fails to stall at ln 2 "
        "on XOR; a line search that finds more than 3 of XOR's 4 corners",
    ("activations.maxout.",):
        "a Maxout forward or backward pass that no longer fits ReLU, |x| and Leaky ReLU exactly, or a "
        "parameter count of a layer that changes",
    ("activations.sigmoid.saturation_", "activations.tanh.saturation_", "activations.elu.saturation_",
     "activations.sigmoid.slope_at_"):
        "a derivative from a backward pass that changes where a function saturates",
    ("activations.sigmoid.init",):
        "an initializer whose variance changes (large weights no longer saturate, Xavier's do)",
    ("activations.zigzag.",):
        "a gradient or an update that no longer keeps every per-example step of positive inputs in one "
        "orthant, or centring that no longer speeds gradient descent up",
    ("activations.mean.",):
        "an activation whose forward pass changes its mean output for N(0, 1) inputs",
    ("activations.cost.",):
        "an activation made much slower or faster: Leaky ReLU twice ReLU's time or more, PReLU or ELU "
        "less than twice, the sigmoid or tanh no longer than ReLU, or a fully connected layer no dearer "
        "than an activation (in more than one of the rounds)",
    ("activations.sigmoid.wide_net.",):
        "a sigmoid backward pass or an MLP backward that no longer multiplies by the weights: with N(0, 1) "
        "weights in 500-unit layers the bias gradient must not shrink by 4 per layer but grow toward the input",
    ("activations.sparsity.",):
        "a ReLU net that no longer memorizes random labels (training, initialization), or whose trained "
        "hidden outputs are no longer mostly exactly 0; held-out accuracy above chance on labels with no signal",
    ("activations.elu.max_slope", "activations.elu.explode."):
        "an ELU derivative above 1, or an ELU net with twice He's standard deviation whose gradient no "
        "longer grows about twofold per layer toward the input",
}


def test_every_claim_family_says_what_breaks_it(undocumented_claims):
    assert undocumented_claims("nnnotes.experiments.activations", CLAIM_FAMILIES) == []


def test_slopes_are_the_backward_pass_and_the_sigmoid_peaks_at_zero():
    sigma = 1 / (1 + np.exp(-shapes.GRID))
    np.testing.assert_allclose(shapes.slope("sigmoid"), sigma * (1 - sigma), atol=1e-16)
    assert shapes.sigmoid_peak() == (0.25, 0.0)


# --- why non-linear -----------------------------------------------------------------------

def test_a_stack_of_affine_layers_equals_the_merged_layer():
    stacked, merged = nonlinearity.linear_stack()
    assert stacked.shape == merged.shape == (200, nonlinearity.COLLAPSE_WIDTHS[-1])
    np.testing.assert_allclose(stacked, merged, atol=1e-12)


def test_the_relu_net_computes_abs_and_no_line_fits_it():
    x = np.linspace(-2, 2, 9)[:, None]
    np.testing.assert_array_equal(nonlinearity.relu_abs_net(x), np.abs(x))
    assert nonlinearity.relu_abs_unexplained() > 0.99


@pytest.mark.parametrize("gate", ["and", "or"])
def test_a_neuron_separates_and_and_or(gate):
    fit = nonlinearity.train_neuron(gate)
    assert fit.accuracy == 1.0
    predicted = (nonlinearity.BOOLEAN_INPUTS @ fit.w + fit.b > 0).astype(int)
    np.testing.assert_array_equal(predicted, nonlinearity.BOOLEAN_TARGETS[gate])


def test_a_neuron_learns_nothing_on_xor_and_no_line_gets_more_than_three():
    fit = nonlinearity.train_neuron("xor")
    assert abs(fit.loss - math.log(2)) < 1e-6
    assert np.linalg.norm(fit.w) < 1e-6
    u, t, accuracy = nonlinearity.best_line("xor")
    assert accuracy == 0.75
    assert np.mean((nonlinearity.BOOLEAN_INPUTS @ u > t) == nonlinearity.BOOLEAN_TARGETS["xor"]) == 0.75
    # the chosen line keeps its distance from every point
    assert np.abs(nonlinearity.BOOLEAN_INPUTS @ u - t).min() > 0.3


@pytest.mark.parametrize("gate", ["and", "or"])
def test_the_line_search_finds_a_separating_line_when_one_exists(gate):
    assert nonlinearity.best_line(gate)[2] == 1.0


# --- zoo and saturation -------------------------------------------------------------------

def test_regions_turns_runs_of_true_into_intervals():
    x = np.arange(8.0)
    mask = np.array([True, True, False, False, True, False, True, True])
    assert zoo.regions(x, mask) == [(0.0, 1.0), (4.0, 4.0), (6.0, 7.0)]
    assert zoo.regions(x, np.zeros(8, bool)) == []


def test_saturated_is_strictly_below_the_fraction_of_the_peak():
    slope = np.array([1.0, 0.5, 0.01, 0.009, 0.0, -0.005])
    np.testing.assert_array_equal(zoo.saturated(slope), [False, False, False, True, True, True])


def test_zoo_saturated_regions():
    curves = zoo.zoo()
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
    curves = zoo.zoo()
    x = zoo.ZOO_GRID
    s = 1 / (1 + np.exp(-x))
    np.testing.assert_allclose(curves["sigmoid"].fprime, s * (1 - s), atol=1e-15)
    np.testing.assert_array_equal(curves["relu"].fprime, (x > 0).astype(float))
    for alpha, curve in zip(zoo.PRELU_ALPHAS, curves["prelu"]):
        np.testing.assert_array_equal(curve.fprime, np.where(x > 0, 1.0, alpha))
    np.testing.assert_allclose(curves["maxout_abs"].f, np.abs(x), atol=1e-12)


def test_prelu_curve_gives_the_alpha_gradient_per_entry():
    x = np.array([-2.0, 0.0, 3.0])
    f, dfdx, dfda = zoo.prelu_curve(0.25, x)
    np.testing.assert_array_equal(f, [-0.5, 0.0, 3.0])
    np.testing.assert_array_equal(dfdx, [0.25, 0.25, 1.0])
    np.testing.assert_array_equal(dfda, [-2.0, 0.0, 0.0])


def test_saturation_thresholds_match_the_closed_forms():
    assert zoo.saturation_threshold("sigmoid", +1) == pytest.approx(math.log(399), abs=2e-3)
    assert zoo.saturation_threshold("tanh", +1) == pytest.approx(math.atanh(math.sqrt(0.99)), abs=2e-3)
    assert zoo.saturation_threshold("elu", -1) == pytest.approx(math.log(0.01), abs=2e-3)


@pytest.mark.parametrize("target", zoo.MAXOUT_TARGETS)
def test_maxout_fits_each_target_and_the_loss_falls(target):
    fit = zoo.fit_maxout(target)
    assert fit.W.shape == (2, 1, 1) and fit.b.shape == (2, 1)
    assert fit.max_error < 1e-10
    assert fit.losses[-1] < 1e-6 * fit.losses[0]


def test_sigmoid_saturates_with_large_initial_weights_only():
    large_fraction, large_slope = sigmoid_init.sigmoid_layer_at_init("small_random", scale=1.0)
    xavier_fraction, xavier_slope = sigmoid_init.sigmoid_layer_at_init("xavier_normal")
    # z ~ N(0, 100): P(|z| > 5.99) = P(|N(0, 1)| > 0.599) = erfc(0.599 / √2)
    assert large_fraction == pytest.approx(math.erfc(0.599 / math.sqrt(2)), abs=0.02)
    assert xavier_fraction == 0.0
    assert xavier_slope > 4 * large_slope


# --- zig-zag ------------------------------------------------------------------------------

def test_zigzag_inputs_are_positive_and_the_centred_copy_has_zero_mean():
    positive, centred = zigzag.zigzag_inputs()
    assert positive.shape == centred.shape == (zigzag.ZIGZAG_SAMPLES, 2)
    assert (positive > 0).all() and (positive < 1).all()
    np.testing.assert_allclose(centred.mean(axis=0), 0, atol=1e-15)
    np.testing.assert_allclose(positive - centred, np.broadcast_to(positive.mean(axis=0), positive.shape))


def test_every_per_example_step_on_positive_inputs_stays_in_one_orthant():
    run = zigzag.zigzag_run("positive", True)
    delta = np.diff(run.path, axis=0)
    assert (np.sign(delta[:, 0]) == np.sign(delta[:, 1])).all()
    assert run.same_sign == 1.0
    assert np.linalg.norm(run.path[-1] - zigzag.ZIGZAG_W_STAR) < zigzag.ZIGZAG_TOL
    assert run.path.shape == (run.steps + 1, 2)


def test_centring_speeds_up_gradient_descent():
    for per_example, factor in ((True, 2), (False, 5)):
        assert zigzag.zigzag_run("positive", per_example).steps > factor * zigzag.zigzag_run("centred", per_example).steps
    assert zigzag.zigzag_condition("positive") > 5 * zigzag.zigzag_condition("centred")


def test_descend_runs_learning_rates_independently_and_flags_divergence():
    positive, _ = zigzag.zigzag_inputs()
    steps, _ = zigzag.descend(positive, [0.3, 1000.0], per_example=False)
    alone, _ = zigzag.descend(positive, [0.3], per_example=False)
    assert steps[0] == alone[0] > 0
    assert steps[1] == -1  # diverged


def test_loss_surface_is_zero_at_the_minimum():
    w1 = np.array([0.0, 1.0])
    w2 = np.array([-1.0, 0.0])
    surface = zigzag.zigzag_loss_surface("positive", w1, w2)
    assert surface.shape == (2, 2)
    assert surface[0, 1] == pytest.approx(0.0, abs=1e-15)
    assert (surface[[0, 1, 1], [0, 0, 1]] > 0).all()


# --- mean activations ---------------------------------------------------------------------

def test_mean_activations_match_the_closed_forms():
    assert mean_activation.mean_activation("relu") == pytest.approx(mean_activation.PHI, abs=0.01)
    assert mean_activation.mean_activation("leaky_relu") == pytest.approx((1 - zoo.LEAKY_ALPHA) * mean_activation.PHI, abs=0.01)
    assert mean_activation.mean_activation("elu") == pytest.approx(mean_activation.ELU_MEAN, abs=0.01)
    assert mean_activation.ELU_MEAN == pytest.approx(0.1605, abs=1e-3)
    assert abs(mean_activation.mean_activation("tanh")) < 0.01


def test_histograms_count_every_output_in_range():
    histograms = mean_activation.activation_histograms(bins=10, low=-5, high=5)
    for name in mean_activation.MEAN_FUNCTIONS:
        counts, edges = histograms[name]
        assert counts.sum() == mean_activation.MEAN_SAMPLES and edges.shape == (11,)


# --- parameters and cost ------------------------------------------------------------------

@pytest.mark.parametrize("k", [2, 3, 4])
def test_maxout_layer_has_k_times_the_parameters(k):
    assert maxout.maxout_layer_parameters(k) == k * maxout.relu_layer_parameters() == k * (100 * 100 + 100)


def test_activation_costs_are_positive_for_every_name_and_round():
    costs = cost.time_costs(cost.COST_NAMES, 16, 32, 2, 0, rounds=3)
    assert set(costs) == set(cost.COST_NAMES)
    assert all(len(v) == 3 and np.all(np.isfinite(v)) and min(v) > 0 for v in costs.values())


def test_rounds_are_counted_per_round(monkeypatch):
    fake = {"relu": [1.0, 1.0, 1.0], "leaky_relu": [1.2, 2.1, 1.1], "affine": [9.0, 9.0, 0.5],
            **{name: [2.0, 2.0, 1.9] for name in cost.PRELU_ELU},
            **{name: [1.1, 1.0, 1.1] for name in cost.SIGMOID_TANH}}
    monkeypatch.setattr(cost, "activation_costs", lambda: fake)
    assert cost.cost_like_relu_rounds() == 2  # the second round's 2.1 is not below 2
    assert cost.cost_prelu_elu_rounds() == 2  # the third round's 1.9 is not at least 2
    assert cost.cost_sigmoid_tanh_rounds() == 2  # the second round's 1.0 is not longer than ReLU's
    assert cost.cost_affine_rounds() == 2  # the third round's affine is faster than the rest


def test_activation_costs_are_timed_in_a_process_with_one_blas_thread(monkeypatch):
    runs = []
    real_run = cost.subprocess.run

    def run(argv, env, **kwargs):
        runs.append(env)
        return real_run(argv, env=env, **kwargs)

    monkeypatch.setattr(cost.subprocess, "run", run)
    costs = cost.activation_costs.__wrapped__(("relu", "affine"), 8, 16, 2, 2)
    assert set(costs) == {"relu", "affine"} and all(len(v) == 2 and min(v) > 0 for v in costs.values())
    assert [env["OPENBLAS_NUM_THREADS"] for env in runs] == ["1"]


def test_the_sparse_relu_net_memorizes_random_labels():
    fit = sparsity.random_label_fit()
    assert fit.zero_fraction > 0.4 and fit.train_accuracy == 1.0 and abs(fit.test_accuracy - 0.5) < 0.15


def test_the_wide_sigmoid_gradient_grows_toward_the_input_and_the_elu_one_explodes():
    sigmoid = depth.sigmoid_wide_norms()
    assert sigmoid.shape == (depth.SIGMOID_DEPTH,) and sigmoid[-1] > sigmoid[0]
    assert np.all(sigmoid[1:] / sigmoid[:-1] > 0.25)  # no layer shrinks it by 4
    elu = depth.elu_large_norms()
    assert np.all(np.diff(elu) > 0)  # grows at every layer on the way down
    assert depth.elu_max_slope() == 1.0


def test_affine_multiply_adds_per_output():
    assert cost.affine_macs_per_output(d=10, m=7, n=3) == 30
