"""The MLP: parameter counts, end-to-end gradients, training, determinism, dtypes."""

import time
import warnings

import numpy as np
import pytest

from nnnotes import datasets
from nnnotes.gradcheck import numerical_gradient, rel_error
from nnnotes.losses import get_loss
from nnnotes.model import MLP


@pytest.mark.parametrize(
    ("sizes", "batchnorm", "n_parameters", "n_neurons"),
    [([3, 4, 2], False, 26, 6), ([3, 4, 4, 1], False, 41, 9), ([3, 4, 2], True, 34, 6)],
)
def test_counts(sizes, batchnorm, n_parameters, n_neurons):
    net = MLP(sizes, rng=np.random.default_rng(0), batchnorm=batchnorm)
    assert net.n_parameters == n_parameters and net.n_neurons == n_neurons
    expected = ["W1", "b1", "W2", "b2"] if not batchnorm else ["W1", "b1", "gamma1", "beta1", "W2", "b2"]
    assert list(net.parameters())[: len(expected)] == expected


def gradient_errors(net, X, y, loss, train):
    """rel_error of every parameter's backward gradient against centred differences of the loss.

    A hidden bias followed by batch norm in train mode has a zero gradient (the batch mean
    subtracts it again): there both gradients must be ~0 and the error is their largest entry.
    """
    loss_fn = get_loss(loss)
    _, dscores = loss_fn(net.forward(X, train=train), y)
    grads = net.backward(dscores)
    assert list(grads) == list(net.parameters())
    errors = {}
    for name, value in net.parameters().items():

        def loss_at(v, name=name, value=value):
            net.params[name] = v
            try:
                return np.asarray(loss_fn(net.forward(X, train=train), y)[0])
            finally:
                net.params[name] = value

        numeric = numerical_gradient(loss_at, value, np.array(1.0))
        cancelled = net.batchnorm and train and name[0] == "b" and name[1:].isdigit() and name != f"b{net.n_layers}"
        errors[name] = max(np.abs(grads[name]).max(), np.abs(numeric).max()) if cancelled else rel_error(grads[name], numeric)
    return errors


@pytest.mark.parametrize(
    ("activation", "batchnorm", "loss", "train"),
    [
        ("tanh", False, "softmax_cross_entropy", True),
        ("relu", False, "softmax_cross_entropy", True),
        (["elu", "sigmoid"], True, "softmax_cross_entropy", True),
        (["leaky_relu", "tanh"], True, "softmax_cross_entropy", False),
        ("tanh", True, "binary_cross_entropy", True),
        ("sigmoid", False, "mse", True),
    ],
)
def test_end_to_end_gradient(activation, batchnorm, loss, train):
    rng = np.random.default_rng(0)
    n_out = {"softmax_cross_entropy": 3, "binary_cross_entropy": 1, "mse": 2}[loss]
    net = MLP([4, 6, 5, n_out], activation, rng=rng, batchnorm=batchnorm, init="xavier_normal")
    for name, p in net.parameters().items():  # non-trivial biases, γ and β
        if not name.startswith("W"):
            p += rng.uniform(-0.5, 0.5, p.shape)
    if batchnorm:
        net.forward(rng.standard_normal((8, 4)), train=True)  # running statistics away from (0, 1)
    X = rng.standard_normal((7, 4))
    y = rng.standard_normal((7, 2)) if loss == "mse" else rng.integers(0, max(n_out, 2), 7)
    errors = gradient_errors(net, X, y, loss, train)
    assert max(errors.values()) < 1e-7, errors


def test_xor_is_learned_by_a_2_4_1_tanh_net():
    X, y = datasets.xor(4, noise=0.0, rng=np.random.default_rng(0))
    net = MLP([2, 4, 1], activation="tanh", rng=np.random.default_rng(0), init="xavier_normal")
    history = net.fit(X, y, loss="binary_cross_entropy", lr=0.5, epochs=500)
    assert history.accuracy[-1] == 1.0 and net.predict(X).tolist() == [0, 1, 1, 0]
    assert history.loss[-1] < 0.05 < history.loss[0]


@pytest.mark.parametrize("loss", ["softmax_cross_entropy", "multiclass_hinge", "binary_hinge"])
def test_classification_losses_learn_blobs(loss):
    n_classes = 2 if loss == "binary_hinge" else 3
    X, y = datasets.blobs(150, n_classes=n_classes, noise=0.4, rng=np.random.default_rng(1))
    net = MLP([2, 16, 1 if loss == "binary_hinge" else n_classes], rng=np.random.default_rng(2))
    history = net.fit(X, y, loss=loss, lr=0.1, epochs=100, batch_size=32, rng=np.random.default_rng(3))
    assert history.accuracy[-1] > 0.95 and np.mean(net.predict(X) == y) > 0.95


def test_regression_with_mse():
    X, y = datasets.sample_function(np.sin, 100, noise=0.05, rng=np.random.default_rng(0))
    net = MLP([1, 32, 1], activation="tanh", rng=np.random.default_rng(1), init="xavier_normal")
    history = net.fit(X, y, loss="mse", lr=0.1, epochs=1500)
    assert history.accuracy is None
    assert history.loss[-1] < 0.02 < history.loss[0]


def test_spirals_with_batchnorm_and_statistics():
    # sizes kept small: OpenBLAS stays single-threaded (N·H·H < 2^18), fast even on a busy machine
    X, y = datasets.spirals(240, rng=np.random.default_rng(0))
    net = MLP([2, 32, 32, 3], rng=np.random.default_rng(1), batchnorm=True)
    history = net.fit(X, y, lr=0.5, epochs=200, reg=1e-4, momentum=0.9, record_stats=True)
    assert history.accuracy[-1] > 0.9
    assert history.activation_mean.shape == history.dead_fraction.shape == (200, 2)
    assert history.grad_norm.shape == (200, 3) and (history.grad_norm > 0).all()
    assert ((history.dead_fraction >= 0) & (history.dead_fraction <= 1)).all()


def test_same_rng_same_history_and_weights():
    X, y = datasets.circles(100, rng=np.random.default_rng(0))

    def train(seed):
        net = MLP([2, 8, 2], rng=np.random.default_rng(seed), batchnorm=True)
        history = net.fit(X, y, lr=0.2, epochs=20, batch_size=16, rng=np.random.default_rng(seed), record_stats=True)
        return history, net.parameters()

    (h1, p1), (h2, p2), (h3, _) = train(5), train(5), train(6)
    for field in ("loss", "accuracy", "activation_std", "grad_norm"):
        np.testing.assert_array_equal(getattr(h1, field), getattr(h2, field))
    for name in p1:
        np.testing.assert_array_equal(p1[name], p2[name])
    assert not np.array_equal(h1.loss, h3.loss)


@pytest.mark.parametrize(("sizes", "batchnorm", "lr"), [([2, 8, 3], False, 1e8), ([2, 8, 8, 3], True, 1e200)],
                         ids=["plain", "batchnorm"])
def test_divergence_is_recorded_not_raised(sizes, batchnorm, lr):
    """fit records a diverged run (batch norm's running variance overflowing included: before,
    BatchNormState raised about running_var in the middle of fit)."""
    X, y = datasets.blobs(50, rng=np.random.default_rng(0))
    net = MLP(sizes, rng=np.random.default_rng(0), batchnorm=batchnorm)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        history = net.fit(X, y, lr=lr, epochs=40)
    assert history.loss.shape == (40,) and not np.isfinite(history.loss).all()


def test_a_diverged_model_raises_instead_of_predicting_class_0():
    """Before, predict returned class 0 for every sample (argmax of NaN scores)."""
    X, y = datasets.blobs(50, rng=np.random.default_rng(0))
    net = MLP([2, 8, 3], rng=np.random.default_rng(0))
    history = net.fit(X, y, lr=1e8, epochs=40)
    epoch = int(np.flatnonzero(~np.isfinite(history.loss))[0])
    message = (rf"^params\['W1'\] must contain only finite values; got NaN or inf, as training that diverged leaves it: "
               rf"the last fit diverged at epoch {epoch + 1} \(History.loss\[{epoch}\]\). "
               r"Train a new model with a lower learning rate lr$")
    calls = [lambda: net.predict(X), lambda: net.forward(X, train=False), lambda: net.forward(X, train=True),
             lambda: net.hidden_layers(X), lambda: net.fit(X, y, lr=0.1, epochs=1)]
    for call in calls:
        with pytest.raises(ValueError, match=message):
            call()


def test_float32_end_to_end():
    X, y = datasets.blobs(64, rng=np.random.default_rng(0))
    X = X.astype(np.float32)
    net = MLP([2, 8, 8, 3], rng=np.random.default_rng(0), batchnorm=True, dtype=np.float32)
    scores = net.forward(X, train=True)
    grads = net.backward(np.ones_like(scores))
    net.fit(X, y, lr=0.1, epochs=5, reg=1e-3, momentum=0.5)
    arrays = [scores, *grads.values(), *net.parameters().values()]
    arrays += [s.running_mean for s in net.bn_states] + [s.running_var for s in net.bn_states]
    assert {a.dtype for a in arrays} == {np.dtype(np.float32)}


def test_no_mutation_of_data():
    X, y = datasets.xor(40, rng=np.random.default_rng(0))
    kept = X.copy(), y.copy()
    net = MLP([2, 4, 2], rng=np.random.default_rng(0))
    net.fit(X, y, epochs=3, batch_size=8, rng=np.random.default_rng(0))
    scores = net.forward(X, train=True)
    dscores = np.ones_like(scores)
    net.backward(dscores)
    np.testing.assert_array_equal(X, kept[0])
    np.testing.assert_array_equal(y, kept[1])
    assert (dscores == 1).all()


def test_eval_forward_leaves_batchnorm_state_alone():
    rng = np.random.default_rng(0)
    net = MLP([3, 4, 2], rng=rng, batchnorm=True)
    X = rng.standard_normal((10, 3))
    net.forward(X, train=False)
    assert net.bn_states[0].running_mean.tolist() == [0.0] * 4
    net.forward(X, train=True)
    assert net.bn_states[0].running_mean.any()


def test_a_small_net_trains_fast():
    X, y = datasets.spirals(200, n_classes=2, rng=np.random.default_rng(0))
    net = MLP([2, 20, 2], rng=np.random.default_rng(0))
    start = time.perf_counter()
    net.fit(X, y, lr=0.5, epochs=300)
    assert time.perf_counter() - start < 0.5  # about 0.02 s on 2 cores; a slow path would show
