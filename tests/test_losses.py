"""Losses: dscores against centred differences, known values, stability at ±1000, dtypes."""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nnnotes import losses as L
from nnnotes.gradcheck import numerical_gradient, rel_error


def problem(name, rng):
    """(scores, targets) for each loss; hinge margins stay away from their kink at 0."""
    if name in ("softmax_cross_entropy", "multiclass_hinge"):
        y = rng.integers(0, 4, 6)
        scores = rng.standard_normal((6, 4)) * 2
        if name == "multiclass_hinge":  # scores on a grid of step 1/3: margins s_c − s_y + 1 never 0
            scores = np.round(scores * 3) / 3 + 0.1 * (np.arange(4) == y[:, None])
        return scores, y
    if name == "mse":
        return rng.standard_normal((6, 2)), rng.standard_normal((6, 2))
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


def test_l2_penalty_gradient():
    rng = np.random.default_rng(1)
    weights = {"W1": rng.standard_normal((3, 4)), "W2": rng.standard_normal(5)}
    loss, grads = L.l2_penalty(weights, reg=0.3)
    assert loss == pytest.approx(0.15 * sum(np.sum(w**2) for w in weights.values()))
    for name, w in weights.items():
        numeric = numerical_gradient(lambda v, name=name: np.asarray(L.l2_penalty({**weights, name: v}, 0.3)[0]), w, np.array(1.0))
        assert rel_error(grads[name], numeric) < 1e-7


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
        ("mse", [1e200, 0.0], [0.0, 0.0]),  # a squared error of 1e400
    ],
)
def test_a_loss_beyond_the_dtype_raises(name, scores, targets):
    argument = "preds" if name == "mse" else "scores"
    message = rf"^{argument} must keep each sample's loss within the range of float64 \(at most 1.798e\+308\)"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match=message):
            L.get_loss(name)(np.array(scores), np.array(targets))


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
    L.l2_penalty(weights, 1.0)[1]["W"][...] = 5
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
    if name == "mse":
        y = y.astype(dtype)
    loss, dscores = L.get_loss(name)(scores, y)
    assert dscores.dtype == dtype and dscores.shape == scores.shape and np.isfinite(loss)
