"""The capacity experiments: batched training, the bump construction, budgets, the Bayes rate."""

import math

import numpy as np
import pytest

from nnnotes.datasets import spirals, xor
from nnnotes.experiments import capacity
from nnnotes.losses import softmax_cross_entropy
from nnnotes.model import MLP


@pytest.fixture(scope="module")
def spiral_sample():
    return spirals(60, n_classes=3, noise=0.1, rng=np.random.default_rng(3))


def test_train_nets_makes_the_updates_of_fit_bit_for_bit_for_one_net(spiral_sample):
    X, y = spiral_sample
    alone = MLP([2, 8, 8, 3], rng=np.random.default_rng(1))
    alone.fit(X, y, lr=0.1, epochs=150, momentum=0.9, reg=0.01)
    batched = MLP([2, 8, 8, 3], rng=np.random.default_rng(1))
    capacity.train_nets([batched], X, y, loss="softmax_cross_entropy", lr=0.1, epochs=150, momentum=0.9, reg=0.01)
    for name, value in alone.params.items():
        assert np.array_equal(batched.params[name], value), name


@pytest.mark.parametrize("loss, outputs", [("softmax_cross_entropy", 3), ("binary_cross_entropy", 1)])
def test_train_nets_matches_fit_for_each_of_several_nets(spiral_sample, loss, outputs):
    X, y = spiral_sample
    if outputs == 1:
        y = (y == 0).astype(np.int64)
    regs = [0.0, 0.01, 0.1]
    nets = [MLP([2, 6, outputs], "tanh", rng=np.random.default_rng(seed)) for seed in range(3)]
    capacity.train_nets(nets, X, y, loss=loss, lr=0.2, epochs=200, momentum=0.9, reg=regs)
    for seed, (net, reg) in enumerate(zip(nets, regs)):
        alone = MLP([2, 6, outputs], "tanh", rng=np.random.default_rng(seed))
        alone.fit(X, y, loss=loss, lr=0.2, epochs=200, momentum=0.9, reg=reg)
        for name, value in alone.params.items():
            assert np.allclose(net.params[name], value, rtol=1e-9, atol=1e-11), (seed, name)


def test_train_nets_records_each_nets_loss_before_the_update(spiral_sample):
    X, y = spiral_sample
    nets = [MLP([2, 5, 3], rng=np.random.default_rng(seed)) for seed in range(2)]
    fresh = [MLP([2, 5, 3], rng=np.random.default_rng(seed)) for seed in range(2)]
    curves = capacity.train_nets(nets, X, y, loss="softmax_cross_entropy", lr=0.1, epochs=30, record_every=10)
    assert curves.shape == (3, 2)
    for j, net in enumerate(fresh):
        assert curves[0, j] == pytest.approx(softmax_cross_entropy(net.forward(X, train=False), y)[0], rel=1e-12)


def test_train_nets_with_dropout_and_noise_is_seeded_and_trains(spiral_sample):
    X, y = spiral_sample

    def run(seed):
        nets = [MLP([2, 16, 3], rng=np.random.default_rng(0))]
        curve = capacity.train_nets(nets, X, y, loss="softmax_cross_entropy", lr=0.1, epochs=200, momentum=0.9,
                                    p_drop=0.2, input_noise=0.1, seed=seed, record_every=1)
        return nets[0], curve

    a, curve = run(5)
    b, _ = run(5)
    c, _ = run(6)
    assert all(np.array_equal(a.params[k], b.params[k]) for k in a.params)
    assert not np.array_equal(a.params["W1"], c.params["W1"])
    assert curve[-10:].mean() < 0.5 * curve[0, 0]


def test_train_nets_rejects_nets_of_different_shapes(spiral_sample):
    X, y = spiral_sample
    nets = [MLP([2, 4, 3], rng=np.random.default_rng(0)), MLP([2, 5, 3], rng=np.random.default_rng(0))]
    with pytest.raises(ValueError, match="same sizes"):
        capacity.train_nets(nets, X, y, loss="softmax_cross_entropy", lr=0.1, epochs=1)


def test_a_steep_sigmoid_pair_is_a_bump_between_its_steps():
    x = np.array([-2.0, -1.02, -0.98, 0.0, 0.48, 0.52, 2.0])
    up, down, bump = capacity.single_bump(x, -1.0, 0.5, 0.7)
    assert np.allclose(bump, [0, 0, 0.7, 0.7, 0.7, 0, 0], atol=1e-6)
    assert np.allclose(up - down, bump)


def test_the_bump_net_is_the_piecewise_constant_midpoint_approximation():
    n = 6
    net = capacity.bump_net(n)
    assert net.sizes == [1, 2 * n, 1] and net.activations == ["sigmoid"]
    edges = np.linspace(capacity.UAT_LOW, capacity.UAT_HIGH, n + 1)
    mids = (edges[:-1] + edges[1:]) / 2
    g = capacity.bump_output(n, mids)
    assert np.allclose(g, capacity.uat_target(mids), atol=1e-9)
    # halfway up each inner step the output is the mean of the two neighbouring heights
    inner = capacity.bump_output(n, edges[1:-1])
    heights = capacity.uat_target(mids)
    assert np.allclose(inner, (heights[:-1] + heights[1:]) / 2, atol=1e-9)


def test_bumps_to_match_returns_the_first_count_below_the_error():
    target = capacity.bump_error(30)
    n = capacity.bumps_to_match(target)
    assert capacity.bump_error(n) <= target < capacity.bump_error(n - 1)
    with pytest.raises(ValueError, match="do not reach"):
        capacity.bumps_to_match(1e-9, high=16)


def test_uat_net_spreads_its_units_over_the_interval():
    net = capacity.uat_net(200)
    centres = -net.params["b1"] / net.params["W1"][0]
    assert centres.min() >= capacity.UAT_LOW and centres.max() <= capacity.UAT_HIGH
    assert np.std(centres) > 1.5


def test_same_budget_sizes_picks_the_closest_parameter_count():
    for depth in (2, 3, 4, 5):
        sizes = capacity.same_budget_sizes(depth, budget=300)
        assert len(sizes) == depth + 1 and sizes[0] == 2 and sizes[-1] == 5
        assert len(set(sizes[1:-1])) == 1
        count = capacity.n_parameters(sizes)
        assert count == MLP(sizes, rng=np.random.default_rng(0)).n_parameters
        for width in (sizes[1] - 1, sizes[1] + 1):
            other = [2] + [width] * (depth - 1) + [5]
            assert abs(capacity.n_parameters(other) - 300) >= abs(count - 300)


def test_bayes_accuracy_matches_the_sign_rule_on_a_large_sample():
    X, y = xor(200_000, noise=0.7, rng=np.random.default_rng(9))
    sign_rule = (np.sign(X[:, 0]) != np.sign(X[:, 1])).astype(np.int64)
    assert np.mean(sign_rule == y) == pytest.approx(capacity.bayes_accuracy(0.7), abs=0.003)
    assert capacity.bayes_accuracy(1e-3) == pytest.approx(1.0)
    assert capacity.bayes_accuracy(1e3) == pytest.approx(0.5, abs=1e-3)
    assert not math.isnan(capacity.bayes_accuracy())


def test_decision_grid_rows_follow_y_and_columns_follow_x():
    net = MLP([2, 1], rng=np.random.default_rng(0))
    net.params["W1"][:] = [[1.0], [10.0]]
    xs, ys, scores = capacity.decision_grid(net, (-1, 1, -2, 2), n=5)
    assert scores.shape == (5, 5, 1)
    assert np.allclose(scores[:, :, 0], xs[None, :] + 10 * ys[:, None])


def test_weight_norm_counts_weights_not_biases():
    net = MLP([2, 3, 1], rng=np.random.default_rng(0))
    for name in net.params:
        net.params[name][...] = 1.0
    assert capacity.weight_norm(net) == pytest.approx(math.sqrt(6 + 3))
