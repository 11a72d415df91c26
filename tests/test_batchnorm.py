"""Batch normalization: gradients in both modes, train/eval semantics, running averages."""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nnnotes.batchnorm import BatchNormState, batchnorm_backward, batchnorm_forward
from nnnotes.gradcheck import check_backward


def bn(state, train):
    """batchnorm_forward as an (out, cache) function of (x, gamma, beta)."""
    return lambda x, gamma, beta: batchnorm_forward(x, gamma, beta, state, train=train)[:2]


@pytest.mark.parametrize("train", [True, False], ids=["train", "eval"])
def test_gradient(train):
    rng = np.random.default_rng(0)
    x = rng.standard_normal((6, 4)) * 3 + 1
    gamma, beta = rng.uniform(0.5, 2, 4), rng.standard_normal(4)
    state = BatchNormState(rng.standard_normal(4), rng.uniform(0.5, 2, 4))
    errors = check_backward(bn(state, train), [x, gamma, beta], rng.standard_normal((6, 4)), backward=batchnorm_backward)
    assert len(errors) == 3 and max(errors) < 1e-7


def test_train_normalizes_with_batch_statistics():
    rng = np.random.default_rng(1)
    x = rng.standard_normal((50, 3)) * [1.0, 5.0, 0.1] + [3.0, -2.0, 0.0]
    gamma, beta = np.array([1.0, 2.0, 0.5]), np.array([0.0, 1.0, -1.0])
    state = BatchNormState.initial(3)
    out, _, new_state = batchnorm_forward(x, gamma, beta, state, train=True)
    np.testing.assert_allclose(out.mean(axis=0), beta, atol=1e-12)
    var = x.var(axis=0)
    np.testing.assert_allclose(out.std(axis=0), gamma * np.sqrt(var / (var + 1e-5)), rtol=1e-12)  # eps shrinks it
    assert new_state is not state and new_state.momentum == 0.1 and new_state.eps == 1e-5
    np.testing.assert_array_equal(state.running_mean, 0.0)  # the old state is untouched
    np.testing.assert_array_equal(state.running_var, 1.0)


def test_eval_uses_running_statistics_and_keeps_state():
    state = BatchNormState(np.array([1.0, -1.0]), np.array([4.0, 0.25]), eps=0.0 + 1e-12)
    x = np.array([[3.0, 0.0], [1.0, -1.0], [5.0, 1.0]])
    out, _, same = batchnorm_forward(x, np.ones(2), np.zeros(2), state, train=False)
    assert same is state
    np.testing.assert_allclose(out, [[1.0, 2.0], [0.0, 0.0], [2.0, 4.0]])
    # each row is normalized on its own: a batch of one works in eval mode
    single, _, _ = batchnorm_forward(x[:1], np.ones(2), np.zeros(2), state, train=False)
    np.testing.assert_allclose(single, out[:1])


def test_running_averages_follow_the_closed_formula():
    rng = np.random.default_rng(2)
    m, steps = 0.1, 7
    batches = [rng.standard_normal((5, 3)) * (t + 1) + t for t in range(steps)]
    state = BatchNormState(np.full(3, 0.5), np.full(3, 2.0), momentum=m)
    for x in batches:
        _, _, state = batchnorm_forward(x, np.ones(3), np.zeros(3), state, train=True)
    # new = (1 − m)·old + m·batch unrolled: (1 − m)^n·initial + Σ_t m·(1 − m)^(n − 1 − t)·batch_t
    weights = [m * (1 - m) ** (steps - 1 - t) for t in range(steps)]
    mean = (1 - m) ** steps * 0.5 + sum(w * x.mean(axis=0) for w, x in zip(weights, batches))
    var = (1 - m) ** steps * 2.0 + sum(w * x.var(axis=0, ddof=1) for w, x in zip(weights, batches))
    np.testing.assert_allclose(state.running_mean, mean, rtol=1e-12)
    np.testing.assert_allclose(state.running_var, var, rtol=1e-12)


def test_same_batch_n_times():
    x = np.array([[0.0, 1.0], [2.0, 5.0], [4.0, 9.0]])
    state = BatchNormState.initial(2)
    for _ in range(20):
        _, _, state = batchnorm_forward(x, np.ones(2), np.zeros(2), state, train=True)
    decay = 0.9**20
    np.testing.assert_allclose(state.running_mean, (1 - decay) * x.mean(axis=0))
    np.testing.assert_allclose(state.running_var, decay + (1 - decay) * x.var(axis=0, ddof=1))


def test_batch_of_one_in_train_mode_is_an_error():
    with pytest.raises(ValueError, match=r"^x must have at least 2 rows in train mode"):
        batchnorm_forward(np.ones((1, 3)), np.ones(3), np.zeros(3), BatchNormState.initial(3), train=True)


@pytest.mark.parametrize(("dtype", "scale"), [(np.float64, 1e160), (np.float32, 1e20)])
def test_a_batch_whose_variance_overflows_names_x(dtype, scale):
    """The variance of ±1e160 is 1e320, beyond float64: the running state could not hold it.
    Before, BatchNormState blamed running_var; evaluation mode needs no variance and works."""
    x = np.array([[1.0, 0.0], [-1.0, 1.0]], dtype) * np.array([scale, 1.0], dtype)
    gamma, beta, state = np.ones(2, dtype), np.zeros(2, dtype), BatchNormState.initial(2, dtype=dtype)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match=r"^x must keep each feature's batch mean and variance .* within the range of"):
            batchnorm_forward(x, gamma, beta, state, train=True)
        out, _, _ = batchnorm_forward(x, gamma, beta, state, train=False)
        assert np.isfinite(out).all()
        out, _, new_state = batchnorm_forward(x / dtype(np.sqrt(scale)), gamma, beta, state, train=True)
        assert np.isfinite(out).all() and np.isfinite(new_state.running_var).all()  # variance = scale fits


def test_state_from_lists_holds_arrays():
    state = BatchNormState([0.0, 0.0], [1.0, 1.0])  # before: kept the lists, and forward failed on .shape
    assert isinstance(state.running_mean, np.ndarray) and isinstance(state.running_var, np.ndarray)
    out, _, _ = batchnorm_forward(np.ones((2, 2)), np.ones(2), np.zeros(2), state, train=True)
    assert out.shape == (2, 2)


def test_no_mutation():
    rng = np.random.default_rng(3)
    x, gamma, beta, dout = rng.standard_normal((4, 2)), np.ones(2), np.zeros(2), rng.standard_normal((4, 2))
    state = BatchNormState.initial(2)
    kept = [a.copy() for a in (x, gamma, beta, dout, state.running_mean, state.running_var)]
    for train in (True, False):
        _, cache, _ = batchnorm_forward(x, gamma, beta, state, train=train)
        batchnorm_backward(dout, cache)
    for a, k in zip((x, gamma, beta, dout, state.running_mean, state.running_var), kept):
        np.testing.assert_array_equal(a, k)


@settings(max_examples=30, deadline=None)
@given(dtype=st.sampled_from([np.float32, np.float64]), n=st.integers(2, 8), d=st.integers(1, 5), train=st.booleans())
def test_dtype_follows_input(dtype, n, d, train):
    x = np.random.default_rng(n * 10 + d).standard_normal((n, d)).astype(dtype)
    state = BatchNormState.initial(d, dtype=dtype)
    out, cache, new_state = batchnorm_forward(x, np.ones(d, dtype), np.zeros(d, dtype), state, train=train)
    grads = batchnorm_backward(np.ones_like(out), cache)
    dtypes = {out.dtype, new_state.running_mean.dtype, new_state.running_var.dtype, *(g.dtype for g in grads)}
    assert dtypes == {np.dtype(dtype)}
