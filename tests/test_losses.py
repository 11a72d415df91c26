"""Losses and penalties: gradients against centred differences, known values, formulas against
direct NumPy, stability at ±1000 and at the dtype's largest numbers, dtypes."""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nnnotes import losses as L
from nnnotes.gradcheck import numerical_gradient, rel_error


REGRESSION = ("mse", "mae", "huber")


def problem(name, rng):
    """(scores, targets) for each loss; hinge margins and absolute errors stay away from their
    kinks at 0 (the squared hinge has none, but its second derivative jumps there)."""
    if name in ("softmax_cross_entropy", "multiclass_hinge", "multiclass_squared_hinge"):
        y = rng.integers(0, 4, 6)
        scores = rng.standard_normal((6, 4)) * 2
        if name != "softmax_cross_entropy":  # scores on a grid of step 1/3: margins s_c − s_y + 1 never 0
            scores = np.round(scores * 3) / 3 + 0.1 * (np.arange(4) == y[:, None])
        return scores, y
    if name == "multilabel_cross_entropy":
        return rng.standard_normal((6, 3)) * 2, rng.integers(0, 2, (6, 3))
    if name in REGRESSION:  # errors of both signs, 0.1 to 2.5 in size: both sides of Huber's δ = 1
        preds = rng.standard_normal((6, 2))
        errors = rng.uniform(0.1, 2.5, (6, 2)) * rng.choice([-1.0, 1.0], (6, 2))
        return preds, preds - errors
    y = rng.integers(0, 2, 6)
    scores = rng.standard_normal((6, 1)) * 2
    if name == "binary_hinge":
        scores = np.where(np.abs(np.abs(scores) - 1) < 0.1, scores * 1.5, scores)
    return scores, y


@pytest.mark.parametrize("name", L.LOSSES)
def test_dscores_match_centred_differences(name):
    rng = np.random.default_rng(0)
    scores, y = problem(name, rng)
    loss_fn = L.get_loss(name)
    loss, dscores = loss_fn(scores, y)
    assert isinstance(loss, float) and dscores.shape == scores.shape
    numeric = numerical_gradient(lambda s: np.asarray(loss_fn(s, y)[0]), scores, np.array(1.0))
    assert rel_error(dscores, numeric) < 1e-7


PENALTIES = {  # name -> (the penalty with its strengths bound, R computed directly)
    "l2": (lambda w: L.l2_penalty(w, reg=0.3), lambda ws: 0.15 * sum(np.sum(w**2) for w in ws)),
    "l1": (lambda w: L.l1_penalty(w, reg=0.3), lambda ws: 0.3 * sum(np.sum(np.abs(w)) for w in ws)),
    "elastic_net": (lambda w: L.elastic_net_penalty(w, l1=0.2, l2=0.5),
                    lambda ws: sum(0.2 * np.sum(np.abs(w)) + 0.25 * np.sum(w**2) for w in ws)),
}


@pytest.mark.parametrize("name", PENALTIES)
def test_penalty_value_and_gradient(name):
    penalty, direct = PENALTIES[name]
    rng = np.random.default_rng(1)
    weights = {"W1": rng.standard_normal((3, 4)), "W2": rng.standard_normal(5)}  # no entry within 1e-5 of |·|'s kink
    loss, grads = penalty(weights)
    assert isinstance(loss, float) and loss == pytest.approx(direct(weights.values()), rel=1e-14)
    for key, w in weights.items():
        numeric = numerical_gradient(lambda v, key=key: np.asarray(penalty({**weights, key: v})[0]), w, np.array(1.0))
        assert grads[key].shape == w.shape and rel_error(grads[key], numeric) < 1e-7


def test_l1_subgradient_is_0_at_0_and_elastic_net_is_the_sum():
    w = {"W": np.array([[-2.0, 0.0, 3.0]])}
    assert L.l1_penalty(w, 0.5)[1]["W"].tolist() == [[-0.5, 0.0, 0.5]]
    (r1, g1), (r2, g2), (r, g) = L.l1_penalty(w, 0.5), L.l2_penalty(w, 0.1), L.elastic_net_penalty(w, l1=0.5, l2=0.1)
    assert r == r1 + r2 and np.array_equal(g["W"], g1["W"] + g2["W"])
    assert L.elastic_net_penalty(w, l1=0.0, l2=0.1)[1]["W"].tolist() == g2["W"].tolist()


def test_known_values():
    assert L.softmax_cross_entropy(np.zeros((3, 5)), np.array([0, 1, 4]))[0] == pytest.approx(np.log(5))
    assert L.binary_cross_entropy_with_logits(np.zeros(4), np.array([0, 1, 1, 0]))[0] == pytest.approx(np.log(2))
    # t = (−1, +1), s = (0.5, 0.5): margins 1.5 and 0.5
    loss, dscores = L.binary_hinge(np.array([0.5, 0.5]), np.array([0, 1]))
    assert loss == 1.0 and dscores.tolist() == [0.5, -0.5]
    # CS231n's example: scores (3.2, 5.1, −1.7), true class 0 → max(0, 2.9) + max(0, −3.9) = 2.9
    loss, dscores = L.multiclass_hinge(np.array([[3.2, 5.1, -1.7]]), np.array([0]))
    assert loss == pytest.approx(2.9) and dscores.tolist() == [[-1.0, 1.0, 0.0]]
    loss, dpreds = L.mse(np.array([[1.0], [3.0]]), np.array([0.0, 1.0]))
    assert loss == 2.5 and dpreds.tolist() == [[1.0], [2.0]]
    # the same scores under the squared hinge: 2.9² = 8.41, gradient 2·2.9 on the violating class
    loss, dscores = L.multiclass_squared_hinge(np.array([[3.2, 5.1, -1.7]]), np.array([0]))
    assert loss == pytest.approx(8.41)
    np.testing.assert_allclose(dscores, [[-5.8, 5.8, 0.0]], rtol=1e-14)
    # errors 1, −3, 0: MAE (1 + 3 + 0) / 3, subgradient sign(0) = 0; Huber δ = 1: (0.5 + 2.5 + 0) / 3
    preds, targets = np.array([1.0, -3.0, 2.0]), np.array([0.0, 0.0, 2.0])
    loss, dpreds = L.mae(preds, targets)
    assert loss == pytest.approx(4 / 3) and dpreds.tolist() == pytest.approx([1 / 3, -1 / 3, 0.0])
    loss, dpreds = L.huber(preds, targets)
    assert loss == pytest.approx(1.0) and dpreds.tolist() == pytest.approx([1 / 3, -1 / 3, 0.0])
    assert L.huber(preds, targets, delta=2.0)[0] == pytest.approx((0.5 + 2 * (3 - 1)) / 3)


def sigmoid(s):
    return 1 / (1 + np.exp(-s))


@pytest.mark.parametrize("name", L.LOSSES)
def test_matches_a_direct_numpy_formula(name):
    """Each loss and gradient against the textbook formula, written out naively on small inputs."""
    scores, y = problem(name, np.random.default_rng(4))
    n = len(scores)
    if name == "softmax_cross_entropy":
        p = np.exp(scores) / np.exp(scores).sum(axis=1, keepdims=True)
        loss, grad = -np.mean(np.log(p[np.arange(n), y])), (p - np.eye(4)[y]) / n
    elif name in ("multiclass_hinge", "multiclass_squared_hinge"):
        power = 2 if name == "multiclass_squared_hinge" else 1
        loss, grad = 0.0, np.zeros_like(scores)
        for i in range(n):
            for c in range(4):
                margin = scores[i, c] - scores[i, y[i]] + 1
                if c != y[i] and margin > 0:
                    loss += margin**power / n
                    grad[i, c] += power * margin ** (power - 1) / n
                    grad[i, y[i]] -= power * margin ** (power - 1) / n
    elif name in ("binary_cross_entropy", "multilabel_cross_entropy"):
        s, t = scores, (y if name == "multilabel_cross_entropy" else y[:, None])
        loss = -np.sum(t * np.log(sigmoid(s)) + (1 - t) * np.log(1 - sigmoid(s))) / n
        grad = (sigmoid(s) - t) / n
    elif name == "binary_hinge":
        t = 2 * y[:, None] - 1
        loss, grad = np.mean(np.maximum(0, 1 - t * scores)), np.where(1 - t * scores > 0, -t, 0) / n
    else:
        r = scores - y
        loss, grad = {
            "mse": (np.sum(r**2) / n, 2 * r / n),
            "mae": (np.sum(np.abs(r)) / n, np.sign(r) / n),
            "huber": (np.sum(np.where(np.abs(r) <= 1, r**2 / 2, np.abs(r) - 0.5)) / n, np.clip(r, -1, 1) / n),
        }[name]
    value, dscores = L.get_loss(name)(scores, y)
    assert value == pytest.approx(loss, rel=1e-12)
    np.testing.assert_allclose(dscores, grad, rtol=1e-12, atol=1e-15)


def test_multilabel_is_binary_cross_entropy_per_label():
    """Column c of the multi-label loss is the binary cross-entropy of label c: the loss is the
    sum over columns, the gradient the columns side by side."""
    rng = np.random.default_rng(5)
    logits, y = rng.standard_normal((8, 3)) * 3, rng.integers(0, 2, (8, 3))
    loss, dlogits = L.multilabel_cross_entropy_with_logits(logits, y)
    columns = [L.binary_cross_entropy_with_logits(logits[:, c], y[:, c]) for c in range(3)]
    assert loss == pytest.approx(sum(c[0] for c in columns), rel=1e-14)
    np.testing.assert_allclose(dlogits, np.column_stack([c[1] for c in columns]), rtol=1e-14)


def test_huber_between_mse_and_mae():
    """Huber is MSE / 2 while every |error| ≤ δ, and Huber / δ tends to MAE as δ → 0; an
    outlier's gradient is δ / N under Huber and 1 / N under MAE, but grows with it under MSE."""
    rng = np.random.default_rng(6)
    preds, targets = rng.standard_normal(20), rng.standard_normal(20)
    big = float(np.abs(preds - targets).max()) + 1
    assert L.huber(preds, targets, delta=big)[0] == pytest.approx(L.mse(preds, targets)[0] / 2, rel=1e-14)
    np.testing.assert_allclose(L.huber(preds, targets, delta=big)[1], L.mse(preds, targets)[1] / 2, rtol=1e-14)
    assert L.huber(preds, targets, delta=1e-9)[0] / 1e-9 == pytest.approx(L.mae(preds, targets)[0], rel=1e-6)
    outlier = targets.copy()
    outlier[0] = preds[0] - 100  # an error of 100 on sample 0
    assert L.mse(preds, outlier)[1][0] == pytest.approx(2 * 100 / 20)
    assert L.mae(preds, outlier)[1][0] == 1 / 20 and L.huber(preds, outlier, delta=0.5)[1][0] == 0.5 / 20


def test_bce_equals_two_class_softmax():
    rng = np.random.default_rng(2)
    s, y = rng.standard_normal(8) * 3, rng.integers(0, 2, 8)
    both = np.column_stack([np.zeros(8), s])
    assert L.binary_cross_entropy_with_logits(s, y)[0] == pytest.approx(L.softmax_cross_entropy(both, y)[0], rel=1e-12)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_stable_at_plus_minus_1000(dtype):
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        scores = np.array([[1000.0, -1000.0], [-1000.0, 1000.0], [1000.0, 1000.0]], dtype)
        loss, dscores = L.softmax_cross_entropy(scores, np.array([1, 1, 0]))
        assert loss == pytest.approx((2000 + 0 + np.log(2)) / 3)
        assert np.isfinite(dscores).all()
        loss, dlogits = L.binary_cross_entropy_with_logits(np.array([1000.0, -1000.0, 1000.0], dtype), np.array([0, 0, 1]))
        assert loss == pytest.approx(1000 / 3) and np.isfinite(dlogits).all()
        assert dlogits.tolist() == pytest.approx([1 / 3, 0.0, 0.0])
        loss, dlogits = L.multilabel_cross_entropy_with_logits(np.array([[1000.0, -1000.0], [1000.0, 0.0]], dtype),
                                                               np.array([[0, 0], [1, 1]]))
        assert loss == pytest.approx((1000 + np.log(2)) / 2)
        np.testing.assert_allclose(dlogits, [[0.5, 0.0], [0.0, -0.25]], rtol=1e-6)
        loss, dscores = L.multiclass_squared_hinge(scores, np.array([1, 1, 0]))
        assert loss == pytest.approx((2001**2 + 0 + 1) / 3, rel=1e-6) and np.isfinite(dscores).all()


BIG = {np.float64: 1e308, np.float32: 3e38}  # near each dtype's largest number


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize(
    ("name", "scores", "y", "loss"),
    [
        # one output: a huge right logit/score costs ~0, a huge wrong one |s| (the hinge 1 + |s|)
        ("binary_cross_entropy", [1, -1], [1, 0], 0.0),
        ("binary_cross_entropy", [1, -1], [0, 1], 1.0),
        ("binary_cross_entropy", [1, -1, 1, -1], [1, 0, 0, 1], 0.5),
        ("binary_hinge", [1, -1], [1, 0], 0.0),
        ("binary_hinge", [1, 1], [0, 0], 1.0),
        # the wrong class scores BIG above the right one in every row: the sum of the rows overflows, not the mean
        ("softmax_cross_entropy", [[1, 0], [1, 0]], [1, 1], 1.0),
        ("softmax_cross_entropy", [[1, -1], [-1, 1]], [0, 1], 0.0),
        ("multiclass_hinge", [[1, 0], [1, 0]], [1, 1], 1.0),
        ("multiclass_hinge", [[1, -1], [-1, 1]], [0, 1], 0.0),
        ("multiclass_squared_hinge", [[1, -1], [-1, 1]], [0, 1], 0.0),
        # one label per row BIG on the wrong side: each row costs BIG, the sum of the rows overflows
        ("multilabel_cross_entropy", [[1, -1], [-1, 1]], [[1, 0], [0, 1]], 0.0),
        ("multilabel_cross_entropy", [[1, -1], [-1, 1]], [[0, 0], [0, 0]], 1.0),
        ("multilabel_cross_entropy", [[1, 1], [-1, -1]], [[1, 0], [0, 0]], 0.5),
    ],
)
def test_finite_at_the_largest_scores(name, scores, y, loss, dtype):
    """Scores of ±BIG give the true loss (here 0, BIG or BIG/2) and a finite gradient; before,
    the mean over the batch overflowed to inf."""
    scores = np.array(scores, dtype) * BIG[dtype]
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        value, dscores = L.get_loss(name)(scores, np.array(y))
    assert value == pytest.approx(loss * float(BIG[dtype]), rel=1e-6, abs=1e-6)
    assert np.isfinite(dscores).all() and dscores.dtype == dtype


@pytest.mark.parametrize(
    ("name", "scores", "targets"),
    [
        ("softmax_cross_entropy", [[1e308, -1e308]], [1]),  # the sample's loss is 2e308
        ("multiclass_hinge", [[1e308, -1e308]], [1]),
        ("multiclass_squared_hinge", [[1e200, 0.0]], [1]),  # a squared margin of 1e400
        ("multilabel_cross_entropy", [[1e308, 1e308]], [[0, 0]]),  # two labels of 1e308 each
        ("mse", [1e200, 0.0], [0.0, 0.0]),  # a squared error of 1e400
        ("mae", [1e308, 0.0], [-1e308, 0.0]),  # an error of 2e308
        ("huber", [1e308, 0.0], [-1e308, 0.0]),
    ],
)
def test_a_loss_beyond_the_dtype_raises(name, scores, targets):
    argument = {"multilabel_cross_entropy": "logits", **dict.fromkeys(REGRESSION, "preds")}.get(name, "scores")
    message = rf"^{argument} must keep each sample's loss within the range of float64 \(at most 1.798e\+308\)"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match=message):
            L.get_loss(name)(np.array(scores), np.array(targets))


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("name", ["mae", "huber"])
def test_regression_losses_finite_at_the_largest_errors(name, dtype):
    """Errors of ±BIG (whose sum overflows) give the mean error, less δ/2 for Huber, and a finite gradient."""
    preds, targets = np.array([1, -1, 0], dtype) * BIG[dtype], np.zeros(3, dtype)
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        value, dpreds = L.get_loss(name)(preds, targets)
    assert value == pytest.approx(float(BIG[dtype]) * (2 / 3), rel=1e-6)
    assert dpreds.tolist() == pytest.approx([1 / 3, -1 / 3, 0.0]) and dpreds.dtype == dtype


def test_scores_of_shape_n_by_1_keep_their_shape():
    for loss_fn in (L.binary_cross_entropy_with_logits, L.binary_hinge):
        assert loss_fn(np.zeros((3, 1)), np.array([0, 1, 0]))[1].shape == (3, 1)
        assert loss_fn(np.zeros(3), np.array([0, 1, 0]))[1].shape == (3,)


def test_no_mutation():
    rng = np.random.default_rng(3)
    for name in L.LOSSES:
        scores, y = problem(name, rng)
        kept = scores.copy(), y.copy()
        L.get_loss(name)(scores, y)
        np.testing.assert_array_equal(scores, kept[0])
        np.testing.assert_array_equal(y, kept[1])
    weights = {"W": np.ones(3)}
    for penalty in (L.l2_penalty, L.l1_penalty, lambda w, reg: L.elastic_net_penalty(w, reg, reg)):
        penalty(weights, 1.0)[1]["W"][...] = 5
    assert weights["W"].tolist() == [1.0, 1.0, 1.0]


@settings(max_examples=40, deadline=None)
@given(
    dtype=st.sampled_from([np.float32, np.float64]),
    name=st.sampled_from(L.LOSSES),
    n=st.integers(1, 7),
)
def test_dscores_dtype_follows_scores(dtype, name, n):
    rng = np.random.default_rng(n)
    scores, y = problem(name, rng)
    scores, y = scores[:n].astype(dtype), y[:n]
    if name in REGRESSION:
        y = y.astype(dtype)
    loss, dscores = L.get_loss(name)(scores, y)
    assert dscores.dtype == dtype and dscores.shape == scores.shape and np.isfinite(loss)
