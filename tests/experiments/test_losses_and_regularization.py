"""The loss-function and regularization experiments."""

import numpy as np
import pytest

from nnnotes import losses
from nnnotes.experiments.losses_and_regularization import (
    classification_losses,
    dropout,
    max_norm,
    regression_losses,
    sparsity,
)

# The families of the chapter's claims, by name prefix, and the kind of change that breaks them.
CLAIM_FAMILIES = {
    # --- loss functions (classification_losses, regression_losses)
    ("losses_and_regularization.hinge_", "losses_and_regularization.squared_hinge_",
     "losses_and_regularization.scale_hinge_"):
        "a multiclass hinge or squared hinge whose margin is not 1, or whose loss and gradient do not "
        "vanish once every margin is met",
    ("losses_and_regularization.softmax_", "losses_and_regularization.prob_",
     "losses_and_regularization.scale_softmax_"):
        "a softmax cross-entropy whose loss or gradient p − y is computed wrongly, so that it reaches 0 "
        "at a finite score or no longer sharpens as the scores grow",
    ("losses_and_regularization.log_max_", "losses_and_regularization.overflow_"):
        "a softmax that overflows at another score (a change of dtype or of the exponential)",
    ("losses_and_regularization.slope_", "losses_and_regularization.mse_slope_",
     "losses_and_regularization.mae_slope_", "losses_and_regularization.huber_slope_",
     "losses_and_regularization.pull_"):
        "an MSE, MAE or Huber loss (or its gradient) computed wrongly, or a change to the data or the "
        "training after which one outlier no longer pulls the least-squares line far and the others little",
    # --- regularization (sparsity, max_norm, dropout)
    ("losses_and_regularization.l1_", "losses_and_regularization.l2_"):
        "an L1 penalty whose subgradient no longer pulls every weight by the same amount (so weights no "
        "longer reach about 0), or a change to the data or training after which L1 and L2 no longer reach "
        "matched held-out accuracy",
    ("losses_and_regularization.bias_",):
        "penalize_biases no longer leaving the biases alone, or penalized biases changing the accuracy",
    ("losses_and_regularization.max_norm_", "losses_and_regularization.free_"):
        "a max-norm projection that no longer bounds each unit's incoming weights after every update, or "
        "a change to the run after which the unconstrained net no longer diverges at the high rate",
    ("losses_and_regularization.inverted_", "losses_and_regularization.vanilla_"):
        "dropout masks that drop with a probability other than p, or a scaling (1 / (1 − p) in training, "
        "1 − p at test time) moved or lost",
    ("losses_and_regularization.thinned_", "losses_and_regularization.ensemble_",
     "losses_and_regularization.scaled_"):
        "a model whose evaluation mode no longer uses every unit unscaled after inverted dropout, so the "
        "scaled net no longer approximates the average of the thinned nets",
}


def test_every_claim_family_says_what_breaks_it(undocumented_claims):
    assert undocumented_claims("nnnotes.experiments.losses_and_regularization", CLAIM_FAMILIES) == []


# ---------------------------------------------------------------------------- classification losses


def test_the_score_sweep_gives_cs231n_cat_example():
    sweep = classification_losses.score_sweep()
    i = sweep.at(classification_losses.CAT_SCORE)
    assert sweep.scores[i] == pytest.approx([3.2, 5.1, -1.7])
    assert sweep.loss["multiclass_hinge"][i] == pytest.approx(2.9)
    assert sweep.loss["softmax_cross_entropy"][i] == pytest.approx(2.04, abs=0.005)


def test_the_softmax_gradient_on_the_correct_class_is_p_minus_1_everywhere():
    for sweep in (classification_losses.score_sweep(), classification_losses.scale_sweep()):
        np.testing.assert_allclose(sweep.grad["softmax_cross_entropy"], sweep.probs[:, 0] - 1, atol=1e-15)
        assert np.all(sweep.loss["softmax_cross_entropy"] > 0)
        np.testing.assert_allclose(sweep.probs.sum(axis=1), 1)


def test_the_hinges_vanish_exactly_from_the_margin_on_and_not_before():
    sweep = classification_losses.score_sweep()
    start = sweep.at(classification_losses.hinge_zero_from())
    for name in ("multiclass_hinge", "multiclass_squared_hinge"):
        assert np.all(sweep.loss[name][start:] == 0) and np.all(sweep.grad[name][start:] == 0)
        assert np.all(sweep.loss[name][:start - 1] > 0)
    # the squared hinge's derivative is continuous at the margin, the hinge's jumps from −1 to 0
    assert sweep.grad["multiclass_hinge"][start - 1] == -1
    assert abs(sweep.grad["multiclass_squared_hinge"][start - 1]) < 0.05


def test_first_zero_needs_the_loss_to_end_at_zero():
    sweep = classification_losses.score_sweep()
    with pytest.raises(ValueError, match="softmax_cross_entropy is not 0"):
        sweep.first_zero("softmax_cross_entropy")


def test_naive_softmax_agrees_below_the_overflow_and_fails_at_it():
    for dtype in (np.float64, np.float32):
        s = classification_losses.overflow_score(dtype)
        below = np.array([s - 1, 0], dtype=dtype)
        np.testing.assert_allclose(classification_losses.naive_softmax(below),
                                   classification_losses.softmax(below[None, :])[0], rtol=1e-6)
        assert not np.all(np.isfinite(classification_losses.naive_softmax(np.array([s, 0], dtype=dtype))))
        assert np.all(np.isfinite(classification_losses.softmax(np.array([[s, 0]], dtype=dtype))))


# ---------------------------------------------------------------------------- regression losses


def test_line_data_moves_only_the_point_with_the_largest_x():
    x, t = regression_losses.line_data()
    x0, t0 = regression_losses.line_data(0.0)
    assert np.array_equal(x, x0) and x[-1] == x.max()
    assert t0[-1] - t[-1] == pytest.approx(regression_losses.OUTLIER_SHIFT)
    assert np.array_equal(t[:-1], t0[:-1])


def test_each_fitted_line_minimizes_its_loss():
    x, t = regression_losses.line_data()
    # MSE: the least-squares line
    assert regression_losses.fitted_line("mse") == pytest.approx(tuple(np.polyfit(x, t, 1)), abs=1e-6)
    # Huber with the stated δ: the gradient vanishes at the fit
    slope, intercept = regression_losses.fitted_line("huber")
    _, dpreds = losses.huber(slope * x + intercept, t, delta=regression_losses.HUBER_DELTA)
    assert abs(dpreds @ x) < 1e-9 and abs(dpreds.sum()) < 1e-9
    # MAE: within a small margin of the best line on a fine grid around it
    slope, intercept = regression_losses.fitted_line("mae")
    slopes, intercepts = np.meshgrid(slope + np.linspace(-0.1, 0.1, 201), intercept + np.linspace(-0.1, 0.1, 201))
    grid = np.abs(slopes[..., None] * x + intercepts[..., None] - t).mean(axis=-1)
    assert losses.mae(slope * x + intercept, t)[0] < grid.min() + 1e-3


def test_the_outlier_pulls_mse_linearly_and_mae_not_at_all_beyond_its_reach():
    slopes = regression_losses.outlier_sweep()
    shifts = np.array(regression_losses.SWEEP_SHIFTS)
    np.testing.assert_allclose(np.diff(slopes["mse"]) / np.diff(shifts),
                               -regression_losses.mse_slope_per_shift(), rtol=1e-6)
    assert np.ptp(slopes["mae"][1:]) < 0.01 and np.ptp(slopes["huber"][1:]) < 1e-6


# --- regularization ---------------------------------------------------------------------------

def test_only_the_first_two_features_decide_the_class():
    X, y = sparsity.two_relevant_features(500, np.random.default_rng(3))
    X2 = X.copy()
    X2[:, 2:] = np.random.default_rng(4).standard_normal(X2[:, 2:].shape)
    _, y_again = sparsity.two_relevant_features(500, np.random.default_rng(3))
    assert np.array_equal(y, y_again) and set(np.unique(y)) == {0, 1, 2}
    assert np.array_equal(y, (X2[:, 0] + X2[:, 1] > 0).astype(int) + (X2[:, 0] - X2[:, 1] > 0))


def test_near_zero_counts_weights_below_the_threshold():
    runs = sparsity.PenaltyRuns(np.array([[0.0, 0.5 * sparsity.NEAR_ZERO, -2 * sparsity.NEAR_ZERO, 1.0]]),
                                np.zeros((1, 1)), np.array([0.5]))
    assert runs.near_zero == 0.5


def test_the_penalty_runs_are_fit_with_that_penalty():
    runs = sparsity.l1_runs()
    X, y, Xt, yt = sparsity.sparsity_data()
    from nnnotes.model import MLP
    net = MLP([sparsity.SPARSITY_FEATURES, sparsity.SPARSITY_HIDDEN, 3], rng=np.random.default_rng(0))
    net.fit(X, y, lr=sparsity.SPARSITY_LR, epochs=sparsity.SPARSITY_EPOCHS, momentum=sparsity.SPARSITY_MOMENTUM,
            l1=sparsity.L1_STRENGTH)
    assert np.array_equal(runs.weights[0], np.concatenate([net.params["W1"].ravel(), net.params["W2"].ravel()]))
    with pytest.raises(ValueError, match="read-only"):
        runs.weights[0, 0] = 1.0


def test_the_first_layer_shares_split_its_weights_by_input():
    runs = sparsity.l1_runs()
    d, h = sparsity.SPARSITY_FEATURES, sparsity.SPARSITY_HIDDEN
    first_layer = np.mean(np.abs(runs.weights[:, : d * h]) < sparsity.NEAR_ZERO)
    relevant, irrelevant = sparsity._first_layer_near_zero(slice(0, 2)), sparsity._first_layer_near_zero(slice(2, None))
    assert np.isclose(first_layer, (2 * relevant + (d - 2) * irrelevant) / d)


def test_a_run_diverges_when_its_loss_overflows_or_ends_above_its_start():
    def run(*loss):
        return max_norm.MaxNormRun(np.array(loss), None, 1.0)
    assert run(2.0, np.inf, np.nan).diverged and run(2.0, np.inf, np.nan).diverged_at == 2
    assert run(2.0, 1e30, 5.0).diverged and run(2.0, 1e30, 5.0).diverged_at is None
    assert not run(2.0, 30.0, 0.05).diverged and run(2.0, 30.0, 0.05).trained
    assert not run(2.0, 0.5).trained


def test_max_norm_bounds_every_column_and_the_free_run_overflows():
    free, bounded = max_norm.max_norm_run(max_norm.HIGH_LR), max_norm.max_norm_run(max_norm.HIGH_LR, max_norm.MAX_NORM)
    assert free.diverged_at is not None and not np.isfinite(free.loss[free.diverged_at - 1])
    assert np.isfinite(bounded.loss).all() and bounded.largest_norm <= max_norm.MAX_NORM * (1 + 1e-12)


def test_one_mask_drops_units_and_scales_the_rest():
    m = dropout.mask_means()
    kept = m.vanilla[0] > 0
    assert kept.any() and (~kept & (m.h > 0)).any()
    # the same rng state draws the same mask for both kinds: vanilla keeps h, inverted h / (1 − p)
    assert np.allclose(m.vanilla[0][kept], m.h[kept])
    assert np.allclose(m.inverted[0][kept], m.h[kept] / (1 - dropout.DROPOUT_P))
    assert np.all(m.inverted[0][~kept] == 0)
    assert m.error("inverted") < 0.05 and m.error("vanilla") < 0.05


def test_the_ensemble_is_measured_against_its_largest_size():
    g = dropout.ensemble_gaps()
    assert g.gap.shape == g.noise.shape == (len(dropout.ENSEMBLE_SIZES),)
    assert g.noise[-1] == 0 and np.all(np.diff(g.noise[[0, 4, 8, -1]]) < 0)
