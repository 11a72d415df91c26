"""The training-setup experiments: preprocessing, symmetry, deep-net init, batch norm, search."""

import math

import numpy as np
import pytest

from nnnotes.batchnorm import BatchNormState, batchnorm_forward
from nnnotes.experiments.training_setup import (
    batchnorm,
    batchnorm_dropout,
    batchnorm_modes,
    hyperparameters,
    initialization,
    preprocessing,
    symmetry,
)
from nnnotes.monitoring import factor_toward_input

# The families of the chapter's claims, by name prefix, and the kind of change that breaks them.
CLAIM_FAMILIES = {
    ("training_setup.pre.",):
        "a preprocessing step computed wrongly (centring, scaling, PCA, whitening) or a change to the "
        "data or the step size after which gradient descent no longer speeds up with each step",
    ("training_setup.sym.",):
        "a change to backpropagation or to the initializers after which equal initial weights no longer "
        "stay equal, or random ones no longer learn the circles; for the all-zero start (sym.zero_*), "
        "tanh units whose W1 moves, sigmoid units whose W1 stays 0 on unequal classes or moves on balanced "
        "ones, or zero-started units that become different",
    ("training_setup.init.",):
        "an initializer whose variance changes (0.01, 1.0, Xavier, He, PyTorch's default), or an activation "
        "whose derivative changes how activations and gradients grow or shrink through ten layers",
    ("training_setup.bn.",):
        "a batch-norm forward or backward pass, or a change to the sweep, after which batch norm no longer "
        "rescues small or large initial weights, no longer trains faster, or x̂ is no longer standardized",
    ("training_setup.bnmode.",):
        "running averages that no longer follow the momentum 0.1 of BatchNormState, or a train/eval mode "
        "that no longer normalizes with the batch's statistics, or with the running ones",
    ("training_setup.bndrop.",):
        "a change to dropout, to batch norm's train/eval modes or running variance, or to the mini-batch "
        "training, after which dropout no longer narrows the train − held-out gap (with or without batch "
        "norm), the four nets no longer reach the Bayes rate within 2 points, or dropout before a batch-norm "
        "layer no longer inflates its running variance over the evaluation-mode variance",
    ("training_setup.hyper.",):
        "a change to the synthetic objective, the grid or the random draws after which random search no "
        "longer beats the grid on the parameter that matters",
}


def test_every_claim_family_says_what_breaks_it(undocumented_claims):
    assert undocumented_claims("nnnotes.experiments.training_setup", CLAIM_FAMILIES) == []

# ---------------------------------------------------------------------------- preprocessing


def test_correlated_cloud_has_the_stated_statistics_and_is_seeded():
    X = preprocessing.correlated_cloud(20000, seed=1)
    assert X.shape == (20000, 2)
    assert np.allclose(X.mean(axis=0), preprocessing.CLOUD_MEAN, atol=0.05)
    assert np.allclose(X.std(axis=0), preprocessing.CLOUD_STD, rtol=0.03)
    assert abs(np.corrcoef(X.T)[0, 1] - preprocessing.CLOUD_CORR) < 0.02
    assert np.array_equal(preprocessing.correlated_cloud(seed=3), preprocessing.correlated_cloud(seed=3))


def test_each_step_gives_its_defining_statistics():
    X = preprocessing.correlated_cloud()
    stats = preprocessing.PreprocessingStats.fit(X)
    centred = stats.transform(X, "centred")
    assert np.allclose(centred.mean(axis=0), 0, atol=1e-12)
    assert np.allclose(stats.transform(X, "normalized").std(axis=0), 1)
    rotated = stats.transform(X, "rotated")
    cov = rotated.T @ rotated / len(X)
    assert abs(cov[0, 1]) < 1e-10 and cov[0, 0] > cov[1, 1]  # decorrelated, largest axis first
    white = stats.transform(X, "whitened")
    assert np.allclose(white.T @ white / len(X), np.eye(2))
    assert np.array_equal(stats.transform(X, "raw"), X)
    with pytest.raises(ValueError, match="step must be one of"):
        stats.transform(X, "sorted")


def test_transform_applies_the_training_statistics_to_new_data():
    X_train, X_test = preprocessing.correlated_cloud(seed=0), preprocessing.correlated_cloud(seed=1)
    stats = preprocessing.PreprocessingStats.fit(X_train)
    test = stats.transform(X_test, "normalized")
    assert np.allclose(test, (X_test - X_train.mean(axis=0)) / X_train.std(axis=0))
    assert not np.allclose(test.mean(axis=0), 0, atol=1e-6)


def test_rotation_keeps_the_hessian_eigenvalues_and_whitening_makes_them_equal():
    centred = preprocessing.hessian_eigenvalues(preprocessing.preprocessed("centred"))
    assert np.allclose(preprocessing.hessian_eigenvalues(preprocessing.preprocessed("rotated")), centred)
    assert np.allclose(preprocessing.hessian_eigenvalues(preprocessing.preprocessed("whitened")), 2.0)


@pytest.mark.parametrize("step", preprocessing.PREPROCESSING_STEPS)
def test_descent_converges_within_the_slowest_direction_bound(step):
    run = preprocessing.descent_steps(step)
    assert 0 < run.steps <= run.predicted
    assert run.excess[0] == pytest.approx(1.0)
    assert run.excess[-1] < preprocessing.DESCENT_TOL <= run.excess[-2]


# ---------------------------------------------------------------------------- symmetry


def test_equal_weights_stay_equal_and_random_ones_do_not():
    constant, random = symmetry.symmetry_run("constant"), symmetry.symmetry_run("xavier_normal")
    assert constant.unit_spread == 0.0
    # every recorded snapshot: all hidden units share the same incoming weights
    assert np.all(constant.W1 == constant.W1[:, :, :1])
    assert constant.W1[0, 0, 0] == symmetry.SYMMETRY_VALUE
    assert random.unit_spread > 1
    assert constant.W1.shape == (symmetry.SYMMETRY_EPOCHS // symmetry.SYMMETRY_RECORD_EVERY + 1, 2, symmetry.SYMMETRY_HIDDEN)
    assert constant.loss.shape == (symmetry.SYMMETRY_EPOCHS,)


def test_all_zero_start_moves_sigmoid_units_together_and_leaves_tanh_units_at_zero():
    X, y = symmetry.unequal_data()
    assert np.bincount(y).tolist() == [int(np.sum(symmetry.symmetry_data()[1] == 0)), symmetry.ZERO_INNER]
    tanh, sigmoid = symmetry.zero_run("tanh"), symmetry.zero_run("sigmoid")
    assert tanh.w1_max == 0.0 and tanh.unit_spread == 0.0
    assert sigmoid.w1_max > 0.05 and sigmoid.unit_spread == 0.0
    assert symmetry.zero_run("sigmoid", balanced=True).w1_max < 1e-12


def test_unit_spread_is_zero_for_equal_units_only():
    params = {"W1": np.ones((2, 3)), "b1": np.zeros(3), "W2": np.ones((3, 2))}
    assert symmetry.unit_spread(params) == 0.0
    params["W2"] = params["W2"].copy()
    params["W2"][2, 1] = 1.5
    assert symmetry.unit_spread(params) == 0.5


# ---------------------------------------------------------------------------- batch norm × dropout


def test_variance_shift_is_one_when_running_variance_matches_evaluation_mode():
    from nnnotes.model import MLP

    X = np.random.default_rng(0).normal(size=(500, 2))
    net = MLP([2, 4, 4, 2], rng=np.random.default_rng(0), batchnorm=True)
    h1 = net.hidden_layers(X)[0][1]
    z2 = h1 @ net.params["W2"] + net.params["b2"]
    net.bn_states[1] = BatchNormState(net.bn_states[1].running_mean, z2.var(axis=0))
    assert batchnorm_dropout.variance_shift(net, X) == pytest.approx(1.0)
    net.bn_states[1] = BatchNormState(net.bn_states[1].running_mean, 2 * z2.var(axis=0))
    assert batchnorm_dropout.variance_shift(net, X) == pytest.approx(2.0)


def test_batchnorm_dropout_runs_are_seeded_and_the_variants_differ():
    runs = {v: batchnorm_dropout.bd_runs(v) for v in batchnorm_dropout.BD_VARIANTS}
    assert all(r.test.shape == (len(batchnorm_dropout.BD_SEEDS),) for r in runs.values())
    assert np.isnan(runs["plain"].shift).all() and not np.isnan(runs["both"].shift).any()
    assert len({tuple(r.train) for r in runs.values()}) == len(runs)


# ---------------------------------------------------------------------------- deep-net init


def test_pytorch_default_is_uniform_with_bound_one_over_root_fan_in():
    W = initialization.pytorch_linear_default((400, 300), rng=np.random.default_rng(0))
    assert W.shape == (400, 300)
    assert np.abs(W).max() <= 1 / math.sqrt(400)
    assert W.var() * 3 * 400 == pytest.approx(1.0, rel=0.02)


def test_init_statistics_shapes_and_histograms():
    stats = initialization.init_statistics("relu_he")
    for field in (stats.mean, stats.std, stats.saturated, stats.zero, stats.slope_sq):
        assert field.shape == (initialization.INIT_DEPTH,)
    assert stats.counts.shape == (initialization.INIT_DEPTH, initialization.INIT_BINS)
    assert stats.edges[0] == 0.0 and stats.edges[-1] == 3.0
    # ReLU: f'² is 1 on exactly the nonzero entries
    assert np.allclose(stats.slope_sq, 1 - stats.zero)
    assert np.all(stats.saturated <= 1 - stats.zero)


def test_the_backward_factor_formula_matches_the_measured_gradients():
    for setting in ("tanh_small", "relu_xavier", "relu_he"):
        measured = factor_toward_input(initialization.init_gradients(setting).bias[: initialization.INIT_DEPTH])
        assert measured == pytest.approx(initialization.predicted_backward_factor(setting), rel=0.1)


def test_weight_variance_of_each_setting():
    assert initialization.weight_variance("tanh_small") == pytest.approx(1e-4)
    assert initialization.weight_variance("tanh_large") == 1.0
    assert initialization.weight_variance("tanh_xavier") == pytest.approx(1 / initialization.INIT_WIDTH)
    assert initialization.weight_variance("relu_he") == pytest.approx(2 / initialization.INIT_WIDTH)


# ---------------------------------------------------------------------------- batch norm


def test_bn_steps_normalizes_then_scales_and_shifts():
    steps = batchnorm.bn_steps()
    assert steps.z.shape == (batchnorm.BN_STEP_BATCH, batchnorm.BN_STEP_UNITS)
    assert np.allclose(steps.x_hat.mean(axis=0), 0, atol=1e-12)
    assert np.allclose(steps.x_hat.var(axis=0), 1, atol=1e-3)
    assert np.allclose(steps.out, steps.gamma * steps.x_hat + steps.beta)
    assert np.all(np.diff(steps.units) > 0)


def test_bn_training_runs_have_one_loss_per_epoch_and_a_consistent_threshold_step():
    run = batchnorm.bn_training("he", 0.3, True)
    assert run.loss.shape == run.accuracy.shape == (batchnorm.BN_EPOCHS,)
    assert run.loss[run.steps] < batchnorm.BN_THRESHOLD
    assert np.all(run.loss[: run.steps] >= batchnorm.BN_THRESHOLD)
    assert batchnorm.final_loss(batchnorm.bn_training("large", 3.0, False)) == math.inf


def test_running_averages_follow_the_unrolled_formula():
    run = batchnorm_modes.running_average_run()
    m = run.momentum
    n = len(run.batch_mean)
    weights = m * (1 - m) ** (n - 1 - np.arange(n))
    assert run.running_mean[-1] == pytest.approx(weights @ run.batch_mean)
    assert run.running_var[-1] == pytest.approx((1 - m) ** n + weights @ run.batch_var)
    assert run.running_mean[0] == 0 and run.running_var[0] == 1
    assert run.predicted_mean[0] == 0 and run.predicted_var[0] == 1
    assert batchnorm_modes.steps_to_fraction(0.1, 0.99) == 44


def test_a_batch_of_two_normalizes_to_plus_and_minus_one():
    state = BatchNormState.initial(1)
    out, _, _ = batchnorm_forward(np.array([[2.0], [7.0]]), np.ones(1), np.zeros(1), state, train=True)
    assert np.allclose(out.ravel(), [-1, 1], atol=1e-5)
    outputs, eval_output = batchnorm_modes.batch_size_spread()
    assert outputs.shape == (len(batchnorm_modes.SPREAD_SIZES), batchnorm_modes.SPREAD_DRAWS)
    assert eval_output == pytest.approx((batchnorm_modes.SPREAD_SAMPLE - batchnorm_modes.RUNNING_MEAN) / batchnorm_modes.RUNNING_STD, rel=1e-5)
    spread = outputs.std(axis=1)
    assert spread[1] > spread[-1]  # larger batches, steadier outputs


def test_a_batch_of_one_is_refused_in_train_mode_only():
    state = BatchNormState.initial(1)
    with pytest.raises(ValueError, match="at least 2 rows"):
        batchnorm_forward(np.ones((1, 1)), np.ones(1), np.zeros(1), state, train=True)
    out, _, _ = batchnorm_forward(np.ones((1, 1)), np.ones(1), np.zeros(1), state, train=False)
    assert out.shape == (1, 1)


# ---------------------------------------------------------------------------- search


def test_objective_is_lowest_at_its_optimum_and_the_learning_rate_dominates():
    assert hyperparameters.objective(hyperparameters.LR_OPTIMUM, hyperparameters.REG_OPTIMUM) == pytest.approx(hyperparameters.BASE_ERROR)
    u = np.linspace(*hyperparameters.LR_RANGE, 101)
    v = np.linspace(*hyperparameters.REG_RANGE, 101)
    span_u = np.ptp(hyperparameters.objective(u, np.full_like(u, hyperparameters.REG_OPTIMUM)))
    span_v = np.ptp(hyperparameters.objective(np.full_like(v, hyperparameters.LR_OPTIMUM), v))
    assert span_u > 10 * span_v


def test_grid_and_random_points():
    grid = hyperparameters.grid_points()
    assert grid.shape == (9, 2)
    assert len(np.unique(grid[:, 0])) == 3 and len(np.unique(grid[:, 1])) == 3
    points = hyperparameters.random_points(1000, rng=np.random.default_rng(0))
    assert points[:, 0].min() >= hyperparameters.LR_RANGE[0] and points[:, 0].max() <= hyperparameters.LR_RANGE[1]
    assert points[:, 1].min() >= hyperparameters.REG_RANGE[0] and points[:, 1].max() <= hyperparameters.REG_RANGE[1]


def test_search_comparison_never_beats_the_true_minimum():
    c = hyperparameters.search_comparison()
    assert c.grid_best.shape == c.random_best.shape == (hyperparameters.SEARCH_REPEATS,)
    assert np.all(c.grid_best >= c.optimum - 1e-12) and np.all(c.random_best >= c.optimum - 1e-12)
