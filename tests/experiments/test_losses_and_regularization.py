"""The loss-function and regularization experiments."""

import numpy as np
import pytest

from nnnotes import losses
from nnnotes.experiments.losses_and_regularization import classification_losses, regression_losses

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
    # --- regularization
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
