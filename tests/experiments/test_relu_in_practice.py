"""The experiments behind the page "ReLU in practice": dead units, convergence, PReLU slopes."""

import numpy as np
import pytest

from nnnotes.experiments.relu_in_practice import convergence, dead_units, prelu, spirals
from nnnotes.gradcheck import numerical_gradient, rel_error
from nnnotes.model import MLP
from nnnotes.monitoring import dead_fraction

# The families of the chapter's claims, by name prefix, and the kind of change that breaks them.
CLAIM_FAMILIES = {
    ("relu_in_practice.dead.",):
        "a change of initialization, learning-rate sweep or training that kills units at safe rates, spares "
        "them at high ones, or makes the bias 0.01 matter; a dead-unit count from monitoring that changes",
    ("relu_in_practice.killed.",):
        "a gradient that revives a unit dead from the start (it must stay dead), or a net that no longer "
        "recovers its accuracy with 10–20 % of its units dead",
    ("relu_in_practice.conv.",):
        "a change to an activation's forward or backward pass, the initialization or the learning rates that "
        "reorders how fast the functions reach 25 % error, or moves a fastest rate to the grid's edge",
    ("relu_in_practice.prelu.",):
        "a PReLU gradient with respect to α that is wrong (the learned slopes no longer spread below zero), "
        "or a PReLU net that no longer learns the spirals",
}


def test_every_claim_family_says_what_breaks_it(undocumented_claims):
    assert undocumented_claims("nnnotes.experiments.relu_in_practice", CLAIM_FAMILIES) == []


def test_the_setting_is_the_one_the_page_states():
    X, y, Xt, yt = spirals.spiral_data()
    assert X.shape == Xt.shape == (spirals.N_SAMPLES, 2) and set(y) == set(yt) == {0, 1, 2}
    assert not np.array_equal(X, Xt)  # the held-out set is a different draw
    assert len(spirals.SEEDS) >= 5 and 50 <= spirals.WIDTH <= 100
    assert dead_units.SWEEP_LRS[0] == pytest.approx(0.1) and dead_units.SWEEP_LRS[-1] == pytest.approx(10)
    assert dead_units.SHOWN_LR in dead_units.SWEEP_LRS and convergence.SAME_LR in convergence.LR_GRID


def test_bias_init_sets_every_hidden_bias():
    net = spirals.relu_net(0, bias_init=0.01, hidden=(spirals.WIDTH, spirals.WIDTH))
    assert np.all(net.params["b1"] == 0.01) and np.all(net.params["b2"] == 0.01) and np.all(net.params["b3"] == 0)


def test_a_killed_unit_is_dead_and_never_updates():
    X, y, _, _ = spirals.spiral_data()
    net = spirals.relu_net(3)
    killed = dead_units.kill_units(net, X, 0.2)
    assert len(killed) == round(0.2 * spirals.WIDTH)
    z = X @ net.params["W1"] + net.params["b1"]
    assert np.all(z[:, killed] <= -0.1 + 1e-12)
    assert dead_fraction(z) == pytest.approx(0.2)
    W1, b1, W2 = (net.params[k][killed].copy() if k != "W1" else net.params[k][:, killed].copy()
                  for k in ("W1", "b1", "W2"))
    net.fit(X, y, lr=dead_units.SENSIBLE_LR, epochs=50)
    assert np.array_equal(net.params["W1"][:, killed], W1) and np.array_equal(net.params["b1"][killed], b1)
    assert np.array_equal(net.params["W2"][killed], W2)  # its outgoing weights get no gradient either


def test_dead_units_only_accumulate_during_training():
    history = dead_units.dead_history()
    assert history.shape == (dead_units.SWEEP_EPOCHS,)
    assert np.all(np.diff(history) >= 0)
    assert history[-1] == dead_units.dead_sweep(0.0).dead[dead_units.dead_sweep(0.0).at(dead_units.SHOWN_LR), spirals.SEEDS.index(dead_units.SHOWN_SEED)]


def test_dead_sweep_shapes_ranges_and_read_only():
    sweep = dead_units.dead_sweep(0.0)
    L, S = len(dead_units.SWEEP_LRS), len(spirals.SEEDS)
    assert sweep.dead.shape == sweep.test_acc.shape == sweep.train_acc.shape == (L, S)
    assert sweep.W1.shape == (L, S, 2, spirals.WIDTH) and sweep.b1.shape == (L, S, spirals.WIDTH)
    assert np.all((0 <= sweep.dead) & (sweep.dead <= 1)) and np.all((0 <= sweep.test_acc) & (sweep.test_acc <= 1))
    with pytest.raises(ValueError):
        sweep.dead[0, 0] = 1.0


def test_dead_sweep_agrees_with_the_stored_hidden_layer():
    X = spirals.spiral_data()[0]
    sweep = dead_units.dead_sweep(0.0)
    for i in (sweep.at(dead_units.SHOWN_LR), sweep.at(dead_units.SENSIBLE_LR)):
        for s in range(len(spirals.SEEDS)):
            assert dead_fraction(X @ sweep.W1[i, s] + sweep.b1[i, s]) == sweep.dead[i, s]


def test_first_reach():
    errors = np.array([[0.5, 0.3, 0.2, 0.1], [0.5, 0.4, 0.3, 0.3]])
    assert list(convergence.first_reach(errors, 0.25)) == [2, np.inf]
    assert convergence.first_reach(np.array([0.1, 0.5]), 0.25) == 0


def test_chunked_training_matches_one_long_run():
    for act in ("relu", "tanh"):
        assert np.array_equal(convergence.epochs_to_target(act, convergence.SAME_LR), convergence.epochs_same_lr(act))


def test_best_lr_is_the_exact_argmin_of_the_grid():
    means = [convergence.epochs_to_target("relu", lr).mean() for lr in convergence.LR_GRID]
    lr, epochs = convergence.best_lr("relu")
    assert lr == convergence.LR_GRID[int(np.argmin(means))]
    assert np.array_equal(epochs, convergence.epochs_to_target("relu", lr))


def test_error_curves_are_the_models_own_history():
    X, y, _, _ = spirals.spiral_data()
    curves = convergence.error_curves("tanh", convergence.SAME_LR)
    history = MLP([2, spirals.WIDTH, 3], activation="tanh", rng=np.random.default_rng(spirals.SEEDS[1])).fit(
        X, y, lr=convergence.SAME_LR, epochs=20)
    assert np.array_equal(curves[1, :20], 1 - history.accuracy)


def test_speedup_pairs_seeds_and_rejects_unknown_settings():
    ratio = convergence.speedup("tanh", "same")
    per_seed = convergence.epochs_same_lr("tanh") / convergence.epochs_same_lr("relu")
    assert (ratio.mean, ratio.low, ratio.high) == (per_seed.mean(), per_seed.min(), per_seed.max())
    with pytest.raises(ValueError, match="setting"):
        convergence.speedup("tanh", "fastest")


def test_linear_share_is_one_for_the_identity_and_lower_for_relu():
    assert convergence.linear_share("identity") == pytest.approx(1.0, abs=1e-12)
    assert convergence.linear_share("relu") < convergence.linear_share("tanh") < 1


def test_prelu_gradients_match_centred_differences():
    X, y, _, _ = spirals.spiral_data()
    X, y = X[::5], y[::5]
    params = prelu.prelu_params(1, alpha0=-0.3)
    params["b1"] = np.random.default_rng(1).normal(0, 0.5, spirals.WIDTH)  # no pre-activation at the kink
    z = X @ params["W1"] + params["b1"]
    assert np.abs(z).min() > 1e-4  # far from the kink compared with the step h = 1e-5
    _, _, grads = prelu.prelu_loss_grads(params, X, y)
    for name, value in params.items():

        def loss_at(v, name=name):
            return prelu.prelu_loss_grads({**params, name: v}, X, y)[0]

        assert rel_error(grads[name], numerical_gradient(loss_at, value, np.array(1.0))) < 1e-7, name


def test_prelu_with_zero_slopes_trains_like_relu():
    """α = 0 is ReLU; the α gradient is then non-zero, so compare one forward/backward only."""
    X, y, _, _ = spirals.spiral_data()
    params = prelu.prelu_params(2, alpha0=0.0)
    net = MLP([2, spirals.WIDTH, 3], rng=np.random.default_rng(2))  # same draws: W1 then W2
    assert np.array_equal(net.params["W1"], params["W1"]) and np.array_equal(net.params["W2"], params["W2"])
    _, scores, grads = prelu.prelu_loss_grads(params, X, y)
    assert np.allclose(scores, net.forward(X, train=True))
    from nnnotes.losses import softmax_cross_entropy

    model_grads = net.backward(softmax_cross_entropy(scores, y)[1])
    for name in ("W1", "b1", "W2", "b2"):
        assert np.allclose(grads[name], model_grads[name])


def test_prelu_training_shapes_and_start():
    alphas, errors = prelu.prelu_training()
    assert alphas.shape == (len(spirals.SEEDS), prelu.PRELU_EPOCHS + 1, spirals.WIDTH)
    assert errors.shape == (len(spirals.SEEDS), prelu.PRELU_EPOCHS)
    assert np.all(alphas[:, 0] == prelu.PRELU_ALPHA0)
    assert errors[:, -1].mean() < errors[:, 0].mean()
