"""The experiments of the chapter "Loss functions and regularization"."""

import numpy as np
import pytest

from nnnotes.experiments.losses_and_regularization import dropout, max_norm, sparsity

# The families of the chapter's claims, by name prefix, and the kind of change that breaks them.
CLAIM_FAMILIES = {
    # regularization
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
