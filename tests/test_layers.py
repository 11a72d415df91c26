"""Affine layer and dropout, inverted and vanilla."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nnnotes.gradcheck import check_backward
from nnnotes.layers import (
    affine_backward,
    affine_forward,
    dropout_backward,
    dropout_forward,
    vanilla_dropout_backward,
    vanilla_dropout_forward,
)

DROPOUTS = {"inverted": (dropout_forward, dropout_backward), "vanilla": (vanilla_dropout_forward, vanilla_dropout_backward)}


def test_affine_gradient():
    rng = np.random.default_rng(0)
    x, W, b = rng.standard_normal((4, 3)), rng.standard_normal((3, 5)), rng.standard_normal(5)
    errors = check_backward(affine_forward, [x, W, b], rng.standard_normal((4, 5)), backward=affine_backward)
    assert len(errors) == 3 and max(errors) < 1e-7


def test_affine_values():
    x = np.array([[1.0, 2.0]])
    W = np.array([[1.0, 0.0, -1.0], [0.5, 1.0, 2.0]])
    out, cache = affine_forward(x, W, np.array([0.0, 1.0, 2.0]))
    assert out.tolist() == [[2.0, 3.0, 5.0]]
    dx, dW, db = affine_backward(np.array([[1.0, 0.0, 1.0]]), cache)
    assert dx.tolist() == [[0.0, 2.5]] and db.tolist() == [1.0, 0.0, 1.0]
    assert dW.tolist() == [[1.0, 0.0, 1.0], [2.0, 0.0, 2.0]]


def dropout_with_seed(forward, seed, p_drop=0.3):
    """Dropout whose mask is the same on every call: a fresh generator with a fixed seed."""
    return lambda x: forward(x, p_drop, train=True, rng=np.random.default_rng(seed))


@pytest.mark.parametrize("kind", DROPOUTS)
@pytest.mark.parametrize("train", [True, False])
def test_dropout_gradient(kind, train):
    forward, backward = DROPOUTS[kind]
    rng = np.random.default_rng(1)
    x, dout = rng.standard_normal((6, 5)), rng.standard_normal((6, 5))
    f = dropout_with_seed(forward, 7) if train else (lambda v: forward(v, 0.3, train=False, rng=None))
    assert check_backward(f, [x], dout, backward=backward)[0] < 1e-7


@pytest.mark.parametrize("kind", DROPOUTS)
@pytest.mark.parametrize("p_drop", [0.2, 0.5, 0.8])
def test_dropout_expected_training_output_is_the_evaluation_output(kind, p_drop):
    """E[out in training] = out at evaluation, for both kinds: x in training (inverted) or
    (1 − p)·x at evaluation (vanilla). Measured over N = 40 000 masks per entry; the tolerance
    is 6 standard errors of the mean, |x|·√(p(1 − p))·(1 or 1/(1 − p))/√N, and the rng is fixed."""
    forward, _ = DROPOUTS[kind]
    n, x = 40_000, np.array([-2.0, -0.5, 0.0, 0.3, 1.0, 4.0])
    train = forward(np.tile(x, (n, 1)), p_drop, train=True, rng=np.random.default_rng(8))[0].mean(axis=0)
    evaluation = forward(x, p_drop, train=False, rng=None)[0]
    scale = 1 / (1 - p_drop) if kind == "inverted" else 1.0
    tolerance = 6 * np.abs(x) * np.sqrt(p_drop * (1 - p_drop)) * scale / np.sqrt(n)
    assert (np.abs(train - evaluation) <= tolerance).all(), (train, evaluation)
    np.testing.assert_allclose(evaluation, x if kind == "inverted" else (1 - p_drop) * x, rtol=1e-15)


def test_vanilla_and_inverted_differ_only_in_where_they_scale():
    """The same rng state draws the same mask: training outputs differ by the factor 1 − p,
    and so do the evaluation outputs, the other way round."""
    x = np.random.default_rng(9).standard_normal((50, 40))
    inverted = dropout_forward(x, 0.4, train=True, rng=np.random.default_rng(10))[0]
    vanilla = vanilla_dropout_forward(x, 0.4, train=True, rng=np.random.default_rng(10))[0]
    np.testing.assert_allclose(vanilla, 0.6 * inverted, rtol=1e-15)
    assert set(np.unique(vanilla[x != 0] / x[x != 0]).round(12)) == {0.0, 1.0}
    out, cache = vanilla_dropout_forward(x, 0.4, train=False, rng=None)
    np.testing.assert_array_equal(out, 0.6 * x)
    np.testing.assert_array_equal(vanilla_dropout_backward(np.ones_like(x), cache), np.full_like(x, 0.6))


def test_dropout_train_scales_and_eval_is_identity():
    x = np.ones((200, 500))
    out, cache = dropout_forward(x, 0.25, train=True, rng=np.random.default_rng(2))
    kept = out != 0
    assert set(np.unique(out)) == {0.0, 1 / 0.75}
    assert abs(1 - kept.mean() - 0.25) < 0.01 and abs(out.mean() - 1) < 0.02  # E[out] = x
    np.testing.assert_array_equal(dropout_backward(np.ones_like(x), cache), out)
    out, cache = dropout_forward(x, 0.25, train=False, rng=None)
    np.testing.assert_array_equal(out, x)
    np.testing.assert_array_equal(dropout_backward(2 * x, cache), 2 * x)


def test_dropout_zero_probability_keeps_everything():
    x = np.arange(1.0, 7.0)
    out, _ = dropout_forward(x, 0.0, train=True, rng=np.random.default_rng(0))
    np.testing.assert_array_equal(out, x)


def test_dropout_is_deterministic_under_the_same_rng():
    x = np.ones((10, 10))
    a = dropout_forward(x, 0.5, train=True, rng=np.random.default_rng(3))[0]
    b = dropout_forward(x, 0.5, train=True, rng=np.random.default_rng(3))[0]
    c = dropout_forward(x, 0.5, train=True, rng=np.random.default_rng(4))[0]
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)


def test_no_mutation():
    rng = np.random.default_rng(5)
    x, W, b, dout = rng.standard_normal((3, 4)), rng.standard_normal((4, 2)), rng.standard_normal(2), np.ones((3, 2))
    kept = [a.copy() for a in (x, W, b, dout)]
    out, cache = affine_forward(x, W, b)
    affine_backward(dout, cache)
    for forward, backward in DROPOUTS.values():
        for train in (True, False):
            out, cache = forward(x, 0.5, train=train, rng=np.random.default_rng(0))
            out[...] = 0
            backward(np.ones_like(x), cache)[...] = 0
    for a, k in zip((x, W, b, dout), kept):
        np.testing.assert_array_equal(a, k)


@settings(max_examples=40, deadline=None)
@given(
    dtype=st.sampled_from([np.float32, np.float64]),
    n=st.integers(0, 6),
    d=st.integers(1, 6),
    m=st.integers(1, 6),
    train=st.booleans(),
)
def test_shapes_and_dtypes_follow_input(dtype, n, d, m, train):
    rng = np.random.default_rng(n + 10 * d + 100 * m)
    x = rng.standard_normal((n, d)).astype(dtype)
    W, b = rng.standard_normal((d, m)).astype(dtype), np.zeros(m, dtype)
    out, cache = affine_forward(x, W, b)
    grads = affine_backward(np.ones_like(out), cache)
    assert out.shape == (n, m) and [g.shape for g in grads] == [(n, d), (d, m), (m,)]
    assert {a.dtype for a in (out, *grads)} == {np.dtype(dtype)}
    for forward, backward in DROPOUTS.values():
        out, cache = forward(x, 0.5, train=train, rng=rng)
        dx = backward(np.ones_like(out), cache)
        assert out.dtype == dx.dtype == dtype and out.shape == dx.shape == x.shape
