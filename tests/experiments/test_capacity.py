"""The capacity experiments: the bump construction, budgets, the Bayes rate, the runs over seeds.

Training many nets at once (``nnnotes.ensemble``) is tested in tests/test_ensemble.py.
"""

import math

import numpy as np
import pytest

from nnnotes.datasets import xor
from nnnotes.ensemble import train_nets
from nnnotes.experiments.capacity import depth, minima, overfitting, spirals, universal_approximation
from nnnotes.model import MLP

# The families of the chapter's claims, by name prefix, and the kind of change that breaks them.
CLAIM_FAMILIES = {
    ("capacity.uat_",):
        "a change to the fitted nets' initialization or training (rate, momentum, epochs) after which more "
        "tanh units no longer fit the function better",
    ("capacity.bump",):
        "a bump net whose steps or heights are set differently, so that its error no longer falls as 1/n",
    ("capacity.bayes_", "capacity.heldout_", "capacity.best_minus_"):
        "a change to the noisy XOR data (its noise) or to the Bayes-rate formula",
    ("capacity.train_", "capacity.test_", "capacity.gap_", "capacity.three_left_"):
        "a change to the data, the training or the batched updates after which wider nets no longer fit "
        "the noise (training accuracy up, held-out accuracy down)",
    ("capacity.l2_", "capacity.norm_", "capacity.dropout_", "capacity.noise_"):
        "an L2 penalty, dropout or input noise that no longer regularizes: weights no longer shrink, "
        "held-out accuracy no longer rises",
    ("capacity.small_",):
        "a change to the data, the training or the L2 penalty after which, on the small training sample, the "
        "20-unit net with λ = 0.01 no longer beats the 3- and 6-unit nets by 2 points and no longer lands "
        "within a point of the Bayes rate with a seed spread far below theirs, or λ = 0.1 no longer underfits",
    ("capacity.params_", "capacity.depth_", "capacity.stuck_"):
        "a budget that no longer gives every depth about 300 parameters, or a change to training after which "
        "depth 3 is no longer best or depth 5 no longer gets stuck at the shared rate",
    ("capacity.minima_",):
        "a change to the minima runs after which large nets no longer end at similar, low losses and small "
        "ones at scattered, higher ones",
}


def test_every_claim_family_says_what_breaks_it(undocumented_claims):
    assert undocumented_claims("nnnotes.experiments.capacity", CLAIM_FAMILIES) == []


def test_xor_data_takes_the_training_size_and_keeps_the_held_out_points():
    X, y, Xt, yt = overfitting.xor_data(overfitting.SMALL_SAMPLES)
    assert X.shape == (overfitting.SMALL_SAMPLES, 2) and y.shape == (overfitting.SMALL_SAMPLES,)
    _, _, Xt_full, _ = overfitting.xor_data()
    assert np.array_equal(Xt, Xt_full)


def test_the_runs_over_seeds_are_what_train_nets_gives_each_seed():
    X, y, Xt, yt = overfitting.xor_data()
    runs = overfitting.size_runs(3)
    nets = [MLP([2, 3, 1], rng=np.random.default_rng(seed)) for seed in overfitting.SEEDS]
    train_nets(nets, X, y, loss="binary_cross_entropy", lr=overfitting.SIZE_LR, epochs=overfitting.SIZE_EPOCHS,
               momentum=0.9)
    assert [float(np.mean(net.predict(Xt) == yt)) for net in nets] == runs.test_accuracy.tolist()
    assert runs.shown is runs.nets[overfitting.SEEDS.index(0)]
    with pytest.raises(ValueError, match="read-only"):
        runs.test_accuracy[0] = 1.0


def test_spiral_runs_record_the_loss_every_few_epochs():
    runs = spirals.spiral_runs((2, 6, 5), (0, 1), lr=0.1, epochs=40, record_every=10)
    assert runs.curves.shape == (4, 2) and runs.final_loss.shape == runs.test_accuracy.shape == (2,)
    assert np.all(runs.final_loss < runs.curves[0])
    assert minima.minima_runs(minima.MINIMA_WIDTHS[1]).curves.shape == (
        minima.MINIMA_EPOCHS // minima.RECORD_EVERY, len(minima.MINIMA_SEEDS))


def test_a_steep_sigmoid_pair_is_a_bump_between_its_steps():
    x = np.array([-2.0, -1.02, -0.98, 0.0, 0.48, 0.52, 2.0])
    up, down, bump = universal_approximation.single_bump(x, -1.0, 0.5, 0.7)
    assert np.allclose(bump, [0, 0, 0.7, 0.7, 0.7, 0, 0], atol=1e-6)
    assert np.allclose(up - down, bump)


def test_the_bump_net_is_the_piecewise_constant_midpoint_approximation():
    n = 6
    net = universal_approximation.bump_net(n)
    assert net.sizes == [1, 2 * n, 1] and net.activations == ["sigmoid"]
    edges = np.linspace(universal_approximation.UAT_LOW, universal_approximation.UAT_HIGH, n + 1)
    mids = (edges[:-1] + edges[1:]) / 2
    g = universal_approximation.bump_output(n, mids)
    assert np.allclose(g, universal_approximation.uat_target(mids), atol=1e-9)
    # halfway up each inner step the output is the mean of the two neighbouring heights
    inner = universal_approximation.bump_output(n, edges[1:-1])
    heights = universal_approximation.uat_target(mids)
    assert np.allclose(inner, (heights[:-1] + heights[1:]) / 2, atol=1e-9)


def test_bumps_to_match_returns_the_first_count_below_the_error():
    target = universal_approximation.bump_error(30)
    n = universal_approximation.bumps_to_match(target)
    assert universal_approximation.bump_error(n) <= target < universal_approximation.bump_error(n - 1)
    with pytest.raises(ValueError, match="do not reach"):
        universal_approximation.bumps_to_match(1e-9, high=16)


def test_uat_net_spreads_its_units_over_the_interval():
    net = universal_approximation.uat_net(200)
    centres = -net.params["b1"] / net.params["W1"][0]
    assert centres.min() >= universal_approximation.UAT_LOW and centres.max() <= universal_approximation.UAT_HIGH
    assert np.std(centres) > 1.5


def test_same_budget_sizes_picks_the_closest_parameter_count():
    for layers in (2, 3, 4, 5):
        sizes = depth.same_budget_sizes(layers, budget=300)
        assert len(sizes) == layers + 1 and sizes[0] == 2 and sizes[-1] == 5
        assert len(set(sizes[1:-1])) == 1
        count = depth.n_parameters(sizes)
        assert count == MLP(sizes, rng=np.random.default_rng(0)).n_parameters
        for width in (sizes[1] - 1, sizes[1] + 1):
            other = [2] + [width] * (layers - 1) + [5]
            assert abs(depth.n_parameters(other) - 300) >= abs(count - 300)


def test_bayes_accuracy_matches_the_sign_rule_on_a_large_sample():
    X, y = xor(200_000, noise=0.7, rng=np.random.default_rng(9))
    sign_rule = (np.sign(X[:, 0]) != np.sign(X[:, 1])).astype(np.int64)
    assert np.mean(sign_rule == y) == pytest.approx(overfitting.bayes_accuracy(0.7), abs=0.003)
    assert overfitting.bayes_accuracy(1e-3) == pytest.approx(1.0)
    assert overfitting.bayes_accuracy(1e3) == pytest.approx(0.5, abs=1e-3)
    assert not math.isnan(overfitting.bayes_accuracy())


def test_weight_norm_counts_weights_not_biases():
    net = MLP([2, 3, 1], rng=np.random.default_rng(0))
    for name in net.params:
        net.params[name][...] = 1.0
    assert overfitting.weight_norm(net) == pytest.approx(math.sqrt(6 + 3))
