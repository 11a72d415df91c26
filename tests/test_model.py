"""The MLP: parameter counts, end-to-end gradients, training, determinism, dtypes, regularization."""

import time
import warnings

import numpy as np
import pytest

from nnnotes import datasets
from nnnotes.gradcheck import numerical_gradient, rel_error
from nnnotes.losses import elastic_net_penalty, get_loss
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
    Dropout masks are the same in every forward pass: each gets a fresh rng with one seed.
    """
    loss_fn = get_loss(loss)

    def forward():
        return net.forward(X, train=train, rng=np.random.default_rng(11) if net.dropout else None)

    _, dscores = loss_fn(forward(), y)
    grads = net.backward(dscores)
    assert list(grads) == list(net.parameters())
    errors = {}
    for name, value in net.parameters().items():

        def loss_at(v, name=name, value=value):
            net.params[name] = v
            try:
                return np.asarray(loss_fn(forward(), y)[0])
            finally:
                net.params[name] = value

        numeric = numerical_gradient(loss_at, value, np.array(1.0))
        cancelled = net.batchnorm and train and name[0] == "b" and name[1:].isdigit() and name != f"b{net.n_layers}"
        errors[name] = max(np.abs(grads[name]).max(), np.abs(numeric).max()) if cancelled else rel_error(grads[name], numeric)
    return errors


@pytest.mark.parametrize(
    ("activation", "batchnorm", "loss", "train", "dropout"),
    [
        ("tanh", False, "softmax_cross_entropy", True, 0.0),
        ("relu", False, "softmax_cross_entropy", True, 0.0),
        (["elu", "sigmoid"], True, "softmax_cross_entropy", True, 0.0),
        (["leaky_relu", "tanh"], True, "softmax_cross_entropy", False, 0.0),
        ("tanh", True, "binary_cross_entropy", True, 0.0),
        ("sigmoid", False, "mse", True, 0.0),
        ("tanh", False, "multiclass_squared_hinge", True, 0.0),
        ("tanh", False, "multilabel_cross_entropy", True, 0.0),
        ("sigmoid", False, "mae", True, 0.0),
        ("tanh", False, "huber", True, 0.0),
        ("tanh", False, "softmax_cross_entropy", True, 0.4),
        (["elu", "relu"], True, "softmax_cross_entropy", True, 0.5),
        ("tanh", False, "softmax_cross_entropy", False, 0.5),  # evaluation: no units dropped
    ],
)
def test_end_to_end_gradient(activation, batchnorm, loss, train, dropout):
    rng = np.random.default_rng(0)
    n_out = {"binary_cross_entropy": 1, "mse": 2, "mae": 2, "huber": 2}.get(loss, 3)
    net = MLP([4, 6, 5, n_out], activation, rng=rng, batchnorm=batchnorm, dropout=dropout, init="xavier_normal")
    for name, p in net.parameters().items():  # non-trivial biases, γ and β
        if not name.startswith("W"):
            p += rng.uniform(-0.5, 0.5, p.shape)
    if batchnorm:
        net.forward(rng.standard_normal((8, 4)), train=True, rng=rng)  # running statistics away from (0, 1)
    X = rng.standard_normal((7, 4))
    if loss in ("mse", "mae", "huber"):
        y = rng.standard_normal((7, 2)) * 2
    elif loss == "multilabel_cross_entropy":
        y = rng.integers(0, 2, (7, 3))
    else:
        y = rng.integers(0, max(n_out, 2), 7)
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


# --- regularization -------------------------------------------------------------------------

def irrelevant_features(n=100, d=10, seed=0):
    """X of shape (n, d) ~ N(0, 1) and 3 classes decided by the first 2 features alone."""
    X = np.random.default_rng(seed).standard_normal((n, d))
    return X, (X[:, 0] + X[:, 1] > 0).astype(np.int64) + (X[:, 0] - X[:, 1] > 0)


@pytest.mark.parametrize(
    "options",
    [
        {"reg": 0.1},
        {"l1": 0.05},
        {"reg": 0.1, "l1": 0.05},
        {"reg": [0.1, 0.0, 0.3], "l1": (0.0, 0.02, 0.05), "penalize_biases": True},
        {"l1": 0.05, "penalize_biases": True, "max_norm": 0.8},
    ],
    ids=["l2", "l1", "elastic net", "per layer with biases", "max-norm"],
)
def test_fit_takes_the_penalized_step(options):
    """One full-batch epoch of fit against a step written out with the public functions:
    W ← W − lr·(∂data/∂W + l1_i·sign(W) + l2_i·W), b likewise when penalized, then the
    projection; the recorded loss is the data loss plus every penalty."""
    X, y = irrelevant_features(20, 4)
    sizes, lr = [4, 5, 5, 3], 0.5
    fitted, manual = (MLP(sizes, "tanh", rng=np.random.default_rng(1)) for _ in range(2))
    rng = np.random.default_rng(2)
    for i in range(1, len(sizes)):  # biases away from 0, where sign(b) is ±1
        fitted.params[f"b{i}"][...] = manual.params[f"b{i}"][...] = rng.uniform(-0.5, 0.5, sizes[i])
    history = fitted.fit(X, y, lr=lr, epochs=1, **options)

    layers = range(1, len(sizes))
    per_layer = {key: np.broadcast_to(options.get(key, 0.0), len(layers)) for key in ("reg", "l1")}
    objective, dscores = get_loss("softmax_cross_entropy")(manual.forward(X, train=True), y)
    grads = manual.backward(dscores)
    kinds = "Wb" if options.get("penalize_biases") else "W"
    for i in layers:
        for kind in kinds:
            name = f"{kind}{i}"
            penalty, dparam = elastic_net_penalty({name: manual.params[name]}, per_layer["l1"][i - 1], per_layer["reg"][i - 1])
            objective += penalty
            grads[name] = grads[name] + dparam[name]
    for name, p in manual.parameters().items():
        p -= lr * grads[name]
        if name[0] == "W" and "max_norm" in options:
            p *= np.minimum(1, options["max_norm"] / np.linalg.norm(p, axis=0))
        np.testing.assert_allclose(fitted.params[name], p, rtol=1e-13, atol=1e-15, err_msg=name)
    assert history.loss[0] == pytest.approx(objective, rel=1e-13)


def test_l1_drives_weights_to_zero_where_l2_does_not():
    """A net that only needs 2 of its 10 inputs, trained under L1 or L2 of the same strength to
    about the same training accuracy: L1 leaves a large share of the weights within 0.01 of 0
    (about 40 % here), L2 very few (about 2 %); L1 has them oscillate within ~lr·λ of 0."""
    X, y = irrelevant_features()
    near_zero, accuracy = {}, {}
    for penalty in ("reg", "l1"):
        net = MLP([10, 16, 3], rng=np.random.default_rng(1))
        accuracy[penalty] = net.fit(X, y, lr=0.1, epochs=300, **{penalty: 0.01}).accuracy[-1]
        weights = np.concatenate([net.params["W1"].ravel(), net.params["W2"].ravel()])
        near_zero[penalty] = np.mean(np.abs(weights) < 0.01)
    assert min(accuracy.values()) > 0.9
    assert near_zero["l1"] > 0.3 and near_zero["reg"] < 0.1, near_zero


def test_max_norm_keeps_every_unit_inside_the_ball():
    """After fit with max_norm = c each column of every W has norm ≤ c (to rounding); the same
    training without it leaves columns well outside, so the constraint is what holds them."""
    X, y = datasets.spirals(60, rng=np.random.default_rng(0))
    c = 2.0
    norms = {}
    for max_norm in (None, c):
        net = MLP([2, 16, 16, 3], rng=np.random.default_rng(1))
        net.fit(X, y, lr=0.3, epochs=30, batch_size=20, momentum=0.9, max_norm=max_norm, rng=np.random.default_rng(2))
        norms[max_norm] = np.concatenate([np.linalg.norm(net.params[f"W{i}"], axis=0) for i in (1, 2, 3)])
    assert (norms[c] <= c * (1 + 4 * np.finfo(np.float64).eps)).all()
    assert (norms[c] > 0.99 * c).any()  # the constraint is active
    assert np.mean(norms[None] > c) > 0.2


def test_penalties_leave_biases_alone_unless_asked():
    """With only a huge L1 strength, an unpenalized bias still follows the data; a penalized one
    is pinned near 0 like the weights."""
    X, y = irrelevant_features(60, 3)
    y = np.zeros_like(y)  # every sample in class 0: the output bias should grow toward class 0
    biases = {}
    for penalize in (False, True):
        net = MLP([3, 3], rng=np.random.default_rng(0))
        net.fit(X, y, lr=0.1, epochs=100, l1=1.0, penalize_biases=penalize)
        biases[penalize] = net.params["b1"]
        assert np.abs(net.params["W1"]).max() < 0.2
    assert biases[False][0] > 1.0 and np.abs(biases[True]).max() < 0.2


def test_dropout_is_off_in_evaluation_and_seeded_in_training():
    X, y = datasets.blobs(60, rng=np.random.default_rng(0))
    net = MLP([2, 50, 3], rng=np.random.default_rng(1), dropout=0.5)
    plain = MLP([2, 50, 3], rng=np.random.default_rng(1))  # the same weights, no dropout
    evaluation = net.forward(X, train=False)
    np.testing.assert_array_equal(evaluation, plain.forward(X, train=False))
    np.testing.assert_array_equal(net.predict(X), plain.predict(X))
    assert [z.shape for z, _ in net.hidden_layers(X)] == [(60, 50)]
    a = net.forward(X, train=True, rng=np.random.default_rng(2))
    b = net.forward(X, train=True, rng=np.random.default_rng(2))
    c = net.forward(X, train=True, rng=np.random.default_rng(3))
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c) and not np.allclose(a, evaluation)
    # averaged over many masks, the training scores approach the evaluation scores (the net is
    # linear after the dropped layer): the error shrinks like 1/√(masks)
    rng = np.random.default_rng(4)
    mean = np.mean([net.forward(X, train=True, rng=rng) for _ in range(400)], axis=0)
    assert np.abs(mean - evaluation).max() < 0.2 * np.abs(a - evaluation).max()


def test_fit_with_dropout_trains_and_is_deterministic():
    X, y = datasets.blobs(90, noise=0.4, rng=np.random.default_rng(0))

    def train(seed):
        net = MLP([2, 32, 3], rng=np.random.default_rng(1), dropout=0.3)
        history = net.fit(X, y, lr=0.1, epochs=60, batch_size=30, momentum=0.9, rng=np.random.default_rng(seed))
        return history, net

    (h1, n1), (h2, n2), (h3, _) = train(5), train(5), train(6)
    np.testing.assert_array_equal(h1.loss, h2.loss)
    np.testing.assert_array_equal(n1.params["W1"], n2.params["W1"])
    assert not np.array_equal(h1.loss, h3.loss)
    assert np.mean(n1.predict(X) == y) > 0.95


def test_multilabel_fit_learns_independent_labels():
    """Two labels, each a half-plane: one output logit per label, trained together."""
    X = np.random.default_rng(0).standard_normal((80, 2))
    Y = np.column_stack([X[:, 0] > 0, X[:, 0] + X[:, 1] > 0.5]).astype(np.int64)
    net = MLP([2, 8, 2], "tanh", rng=np.random.default_rng(1), init="xavier_normal")
    history = net.fit(X, Y, loss="multilabel_cross_entropy", lr=0.5, epochs=300)
    right = (net.forward(X, train=False) > 0) == Y
    assert history.accuracy[-1] == pytest.approx(right.mean(), abs=0.05) and right.mean(axis=0).min() > 0.95


def test_mae_and_huber_resist_outliers_where_mse_does_not():
    """A line t = 2x + 0.5 (noise 0.05) with 10 % of the targets moved up by 10: the linear
    fit under MSE is pulled far off (slope about 1.0), under MAE and Huber (δ = 1) it stays near."""
    rng = np.random.default_rng(0)
    X = rng.uniform(-1, 1, (50, 1))
    t = 2 * X[:, 0] + 0.5 + 0.05 * rng.standard_normal(50)
    t[:5] += 10
    slopes = {}
    for loss in ("mse", "mae", "huber"):
        net = MLP([1, 1], rng=np.random.default_rng(1))
        assert net.fit(X, t, loss=loss, lr=0.3, epochs=600).accuracy is None
        slopes[loss] = float(net.params["W1"][0, 0])
    assert abs(slopes["mse"] - 2) > 0.5 and abs(slopes["mae"] - 2) < 0.1 and abs(slopes["huber"] - 2) < 0.2, slopes


def test_existing_calls_make_the_same_updates():
    """The new options off make fit exactly today's: per-layer strengths equal to one number,
    l1=0, no projection, dropout=0 all give the parameters of a plain reg=… fit."""
    X, y = datasets.spirals(60, rng=np.random.default_rng(0))

    def train(**options):
        net = MLP([2, 8, 8, 3], rng=np.random.default_rng(1), **options.pop("model", {}))
        net.fit(X, y, lr=0.3, epochs=40, momentum=0.9, **options)
        return net.parameters()

    reference = train(reg=0.01)
    for variant in (train(reg=[0.01] * 3, l1=0.0), train(reg=0.01, max_norm=None, model={"dropout": 0.0})):
        for name, value in reference.items():
            np.testing.assert_array_equal(variant[name], value, err_msg=name)
