"""K nets trained at once: the updates of MLP.fit, a gradient-checked batched backward, bad input."""

import numpy as np
import pytest

from nnnotes import ensemble
from nnnotes.activations import _lookup
from nnnotes.datasets import spirals
from nnnotes.ensemble import train_nets
from nnnotes.gradcheck import numerical_gradient, rel_error
from nnnotes.losses import _LOSSES, softmax_cross_entropy
from nnnotes.model import MLP


@pytest.fixture(scope="module")
def spiral_sample():
    return spirals(60, n_classes=3, noise=0.1, rng=np.random.default_rng(3))


def targets_for(loss, y):
    """Labels or targets of the kind ``loss`` takes, and the number of outputs it needs."""
    if loss == "softmax_cross_entropy":
        return y, 3
    if loss == "mse":
        return (y - 1.0) / 2, 1
    return (y == 0).astype(np.int64), 1


@pytest.mark.parametrize("loss", ["softmax_cross_entropy", "binary_cross_entropy", "mse"])
def test_one_net_makes_the_updates_of_fit_bit_for_bit(spiral_sample, loss):
    X, y = spiral_sample
    y, outputs = targets_for(loss, y)
    alone = MLP([2, 8, 8, outputs], rng=np.random.default_rng(1))
    alone.fit(X, y, loss=loss, lr=0.1, epochs=150, momentum=0.9, reg=0.01)
    batched = MLP([2, 8, 8, outputs], rng=np.random.default_rng(1))
    train_nets([batched], X, y, loss=loss, lr=0.1, epochs=150, momentum=0.9, reg=0.01)
    for name, value in alone.params.items():
        assert np.array_equal(batched.params[name], value), name


@pytest.mark.parametrize("loss", ["softmax_cross_entropy", "binary_cross_entropy"])
def test_each_of_several_nets_matches_fit_up_to_rounding(spiral_sample, loss):
    X, y = spiral_sample
    y, outputs = targets_for(loss, y)
    regs = [0.0, 0.01, 0.1]
    nets = [MLP([2, 6, outputs], "tanh", rng=np.random.default_rng(seed)) for seed in range(3)]
    train_nets(nets, X, y, loss=loss, lr=0.2, epochs=200, momentum=0.9, reg=regs)
    for seed, (net, reg) in enumerate(zip(nets, regs)):
        alone = MLP([2, 6, outputs], "tanh", rng=np.random.default_rng(seed))
        alone.fit(X, y, loss=loss, lr=0.2, epochs=200, momentum=0.9, reg=reg)
        for name, value in alone.params.items():
            assert np.allclose(net.params[name], value, rtol=1e-9, atol=1e-11), (seed, name)


def stacked_problem(p_drop=0.0, noisy=False):
    """Three nets [3, 5, 4, 3] (ReLU, tanh) on 7 samples with a different λ each, stacked."""
    rng = np.random.default_rng(4)
    X = rng.standard_normal((7, 3))
    y = rng.integers(0, 3, 7)
    nets = [MLP([3, 5, 4, 3], ["relu", "tanh"], rng=np.random.default_rng(seed)) for seed in range(3)]
    params = {name: np.stack([net.params[name] for net in nets]) for name in nets[0].params}
    params = {name: p + 0.1 * rng.standard_normal(p.shape) for name, p in params.items()}  # nonzero biases
    h = X + 0.3 * rng.standard_normal((3, *X.shape)) if noisy else X
    acts = [_lookup(name, {}, checked=False) for name in ("relu", "tanh")]
    lam = np.array([0.0, 0.05, 0.3])[:, None, None]
    return params, h, np.concatenate([y] * 3), acts, _LOSSES["softmax_cross_entropy"][1], lam


@pytest.mark.parametrize("p_drop, noisy", [(0.0, False), (0.0, True), (0.4, False)])
def test_the_batched_backward_passes_the_gradient_check(p_drop, noisy):
    params, h, targets, acts, loss_fn, lam = stacked_problem(p_drop, noisy)

    def objective(name, point):
        # the same dropout masks at every point: one fresh generator per evaluation
        trial = {**params, name: point}
        return np.array(ensemble._objective_and_gradients(trial, h, targets, acts, loss_fn, lam, p_drop,
                                                          np.random.default_rng(7))[0])

    _, _, grads = ensemble._objective_and_gradients(params, h, targets, acts, loss_fn, lam, p_drop,
                                                     np.random.default_rng(7))
    assert set(grads) == set(params)
    for name, value in params.items():
        numeric = numerical_gradient(lambda point, name=name: objective(name, point), value, np.array(1.0))
        assert rel_error(grads[name], numeric) < 1e-7, name


def test_the_objective_is_the_sum_of_each_nets_own():
    params, h, targets, acts, loss_fn, lam = stacked_problem()
    total, scores, _ = ensemble._objective_and_gradients(params, h, targets, acts, loss_fn, lam)
    y = targets[: h.shape[0]]
    own = [softmax_cross_entropy(scores[k], y)[0]
           + lam[k, 0, 0] / 2 * sum(np.sum(params[f"W{i}"][k] ** 2) for i in (1, 2, 3)) for k in range(3)]
    assert total == pytest.approx(sum(own), rel=1e-12)


def test_records_each_nets_loss_before_the_update(spiral_sample):
    X, y = spiral_sample
    nets = [MLP([2, 5, 3], rng=np.random.default_rng(seed)) for seed in range(2)]
    fresh = [MLP([2, 5, 3], rng=np.random.default_rng(seed)) for seed in range(2)]
    curves = train_nets(nets, X, y, loss="softmax_cross_entropy", lr=0.1, epochs=30, record_every=10)
    assert curves.shape == (3, 2)
    for j, net in enumerate(fresh):
        assert curves[0, j] == pytest.approx(softmax_cross_entropy(net.forward(X, train=False), y)[0], rel=1e-12)
    assert train_nets(fresh, X, y, loss="softmax_cross_entropy", lr=0.1, epochs=1) is None


def test_dropout_and_input_noise_are_drawn_from_rng_and_still_train(spiral_sample):
    X, y = spiral_sample

    def run(seed):
        nets = [MLP([2, 16, 3], rng=np.random.default_rng(0))]
        curve = train_nets(nets, X, y, loss="softmax_cross_entropy", lr=0.1, epochs=200, momentum=0.9, p_drop=0.2,
                           input_noise=0.1, rng=np.random.default_rng(seed), record_every=1)
        return nets[0], curve

    a, curve = run(5)
    b, _ = run(5)
    c, _ = run(6)
    assert all(np.array_equal(a.params[k], b.params[k]) for k in a.params)
    assert not np.array_equal(a.params["W1"], c.params["W1"])
    assert curve[-10:].mean() < 0.5 * curve[0, 0]


def test_train_nets_leaves_its_data_alone(spiral_sample):
    X, y = spiral_sample
    X0, y0 = X.copy(), y.copy()
    train_nets([MLP([2, 4, 3], rng=np.random.default_rng(0))], X, y, loss="softmax_cross_entropy", lr=0.1,
               epochs=5, input_noise=0.5, rng=np.random.default_rng(0))
    assert np.array_equal(X, X0) and np.array_equal(y, y0)


def net(sizes=(2, 4, 3), **options):
    return MLP(list(sizes), rng=np.random.default_rng(0), **options)


@pytest.mark.parametrize("nets, options, error, match", [
    ([], {}, TypeError, "non-empty list of MLPs"),
    ("not nets", {}, TypeError, "non-empty list of MLPs"),
    ([object()], {}, TypeError, r"nets\[0\] must be an MLP"),
    ([net(), net((2, 5, 3))], {}, ValueError, "same sizes"),
    ([net(), net(activation="tanh")], {}, ValueError, "same sizes, activations"),
    ([net(batchnorm=True)], {}, ValueError, "without batch norm"),
    ([net()], {"loss": "cross_entropy"}, ValueError, "loss must be one of"),
    ([net()], {"lr": 0.0}, ValueError, "lr must be"),
    ([net()], {"epochs": 0}, ValueError, "epochs must be"),
    ([net()], {"momentum": 1.0}, ValueError, "momentum must be"),
    ([net()], {"reg": -0.1}, ValueError, "reg must be"),
    ([net(), net()], {"reg": [0.1, 0.2, 0.3]}, ValueError, r"reg must have shape \(2,\)"),
    ([net()], {"p_drop": 1.0}, ValueError, "p_drop must be"),
    ([net()], {"p_drop": 0.5}, TypeError, "rng must be a numpy.random.Generator"),
    ([net()], {"input_noise": 0.1, "rng": 0}, TypeError, "rng must be a numpy.random.Generator"),
    ([net()], {"record_every": 0}, ValueError, "record_every must be"),
])
def test_bad_arguments_are_named(spiral_sample, nets, options, error, match):
    X, y = spiral_sample
    arguments = {"loss": "softmax_cross_entropy", "lr": 0.1, "epochs": 2, **options}
    with pytest.raises(error, match=match):
        train_nets(nets, X, y, **arguments)


def test_bad_data_is_named(spiral_sample):
    X, y = spiral_sample
    with pytest.raises(TypeError, match="X must have dtype float32"):
        train_nets([net(dtype=np.float32)], X, y, loss="softmax_cross_entropy", lr=0.1, epochs=1)
    with pytest.raises(ValueError, match=r"X must have shape \(N, 2\)"):
        train_nets([net()], X[:, :1], y, loss="softmax_cross_entropy", lr=0.1, epochs=1)
    with pytest.raises(ValueError, match=r"y must have shape \(N,\)"):
        train_nets([net()], X, y[:-1], loss="softmax_cross_entropy", lr=0.1, epochs=1)
    with pytest.raises(ValueError, match="needs 1 output"):
        train_nets([net()], X, y, loss="binary_cross_entropy", lr=0.1, epochs=1)
