"""Activations: gradients, known values, stability, the registry, dtypes and no mutation."""

import functools
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from nnnotes import activations as A
from nnnotes.gradcheck import check_backward

# name -> (forward taking only x, backward); non-default alphas so that α is exercised
ELEMENTWISE = {
    "identity": (A.identity_forward, A.identity_backward),
    "sigmoid": (A.sigmoid_forward, A.sigmoid_backward),
    "tanh": (A.tanh_forward, A.tanh_backward),
    "relu": (A.relu_forward, A.relu_backward),
    "leaky_relu": (functools.partial(A.leaky_relu_forward, alpha=0.2), A.leaky_relu_backward),
    "elu": (functools.partial(A.elu_forward, alpha=0.7), A.elu_backward),
}


def away_from_zero(rng, shape):
    """Entries in ±[0.1, 3]: no kink of a ReLU-like function within a finite-difference step."""
    return rng.uniform(0.1, 3, shape) * rng.choice([-1.0, 1.0], shape)


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_elementwise_gradient(name):
    rng = np.random.default_rng(0)
    forward, backward = ELEMENTWISE[name]
    x, dout = away_from_zero(rng, (4, 5)), rng.standard_normal((4, 5))
    assert check_backward(forward, [x], dout, backward=backward)[0] < 1e-7


@pytest.mark.parametrize("alpha_shape", [(), (5,)], ids=["shared", "per_unit"])
def test_prelu_gradient(alpha_shape):
    rng = np.random.default_rng(1)
    x, dout = away_from_zero(rng, (4, 5)), rng.standard_normal((4, 5))
    alpha = rng.uniform(-0.5, 0.5, alpha_shape)
    errors = check_backward(A.prelu_forward, [x, alpha], dout, backward=A.prelu_backward)
    assert max(errors) < 1e-7
    assert A.prelu_backward(dout, A.prelu_forward(x, alpha)[1])[1].shape == alpha_shape


@pytest.mark.parametrize("k", [2, 3])
def test_maxout_gradient(k):
    rng = np.random.default_rng(2)
    x, W, b = rng.standard_normal((4, 3)), rng.standard_normal((k, 3, 5)), rng.standard_normal((k, 5))
    dout = rng.standard_normal((4, 5))
    errors = check_backward(A.maxout_forward, [x, W, b], dout, backward=A.maxout_backward)
    assert len(errors) == 3 and max(errors) < 1e-7


def test_maxout_is_the_max_of_affine_pieces():
    rng = np.random.default_rng(3)
    x, W, b = rng.standard_normal((6, 3)), rng.standard_normal((2, 3, 4)), rng.standard_normal((2, 4))
    out, _ = A.maxout_forward(x, W, b)
    np.testing.assert_allclose(out, np.maximum(x @ W[0] + b[0], x @ W[1] + b[1]))


def test_sigmoid_known_values():
    grid = np.linspace(-6, 6, 1201)  # contains 0 exactly
    out, cache = A.sigmoid_forward(grid)
    slope = A.sigmoid_backward(np.ones_like(grid), cache)
    assert out[600] == 0.5
    assert slope.max() == 0.25 and grid[slope.argmax()] == 0.0


def test_tanh_is_a_rescaled_sigmoid():
    grid = np.linspace(-8, 8, 321)
    np.testing.assert_allclose(A.tanh_forward(grid)[0], 2 * A.sigmoid_forward(2 * grid)[0] - 1, atol=1e-12)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("name", ELEMENTWISE)
def test_stable_at_plus_minus_1000(name, dtype):
    forward, backward = ELEMENTWISE[name]
    x = np.array([-1000.0, -40.0, 0.5, 40.0, 1000.0], dtype)
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        out, cache = forward(x)
        dx = backward(np.ones_like(x), cache)
    assert np.isfinite(out).all() and np.isfinite(dx).all()


def test_sigmoid_limits_at_plus_minus_1000():
    out, _ = A.sigmoid_forward(np.array([-1000.0, 1000.0]))
    assert out.tolist() == [0.0, 1.0]
    assert A.sigmoid_forward(np.array([-30.0]))[0][0] == pytest.approx(np.exp(-30.0), rel=1e-12)


def test_relu_like_values():
    x = np.array([-2.0, 3.0])
    assert A.relu_forward(x)[0].tolist() == [0.0, 3.0]
    assert A.leaky_relu_forward(x)[0].tolist() == [-0.02, 3.0]
    assert A.elu_forward(x)[0].tolist() == pytest.approx([np.expm1(-2.0), 3.0])
    assert A.prelu_forward(x[None], np.array([0.5, 0.5]))[0].tolist() == [[-1.0, 3.0]]


def test_registry_binds_parameters_and_matches_functions():
    x = np.linspace(-3, 3, 8)
    for name in ["sigmoid", "tanh", "relu", "leaky_relu", "elu", "identity"]:
        act = A.get_activation(name)
        assert isinstance(act, A.Activation) and act.name == name
        out, cache = act.forward(x)  # the figure scripts' usage
        assert act.backward(np.ones_like(x), cache).shape == x.shape
        np.testing.assert_array_equal(out, getattr(A, f"{name}_forward")(x)[0])
    leaky = A.get_activation("leaky_relu", alpha=0.3)
    out, cache = leaky.forward(np.array([-1.0]))
    assert out[0] == -0.3 and leaky.backward(np.ones(1), cache)[0] == 0.3
    with pytest.raises(AttributeError):
        leaky.name = "relu"  # frozen


def test_unknown_activation_lists_known_names():
    with pytest.raises(ValueError, match=r"name must be one of .*'sigmoid'.*'elu'.*got 'swish'"):
        A.get_activation("swish")


def test_registry_checks_parameter_values_eagerly():
    with pytest.raises(ValueError, match=r"alpha"):
        A.get_activation("elu", alpha=-1.0)


def test_inputs_and_dout_are_not_mutated():
    rng = np.random.default_rng(4)
    x, dout = away_from_zero(rng, (3, 4)), rng.standard_normal((3, 4))
    calls = [(forward, backward, [x]) for forward, backward in ELEMENTWISE.values()]
    calls.append((A.prelu_forward, A.prelu_backward, [x, np.full(4, 0.2)]))
    W, b = rng.standard_normal((2, 4, 4)), rng.standard_normal((2, 4))
    calls.append((A.maxout_forward, A.maxout_backward, [x, W, b]))
    for forward, backward, inputs in calls:
        before = [a.copy() for a in inputs] + [dout.copy()]
        out, cache = forward(*inputs)
        backward(dout, cache)
        out[...] = 7.0  # writing to the output must not reach the input
        for after, kept in zip(inputs + [dout], before):
            np.testing.assert_array_equal(after, kept)


@settings(max_examples=40, deadline=None)
@given(
    x=hnp.arrays(
        dtype=st.sampled_from([np.float32, np.float64]),
        shape=hnp.array_shapes(min_dims=0, max_dims=3, max_side=5),
        elements=st.floats(-50, 50, width=32),
    ),
    name=st.sampled_from(sorted(ELEMENTWISE)),
)
def test_elementwise_shape_and_dtype_follow_input(x, name):
    forward, backward = ELEMENTWISE[name]
    out, cache = forward(x)
    dx = backward(np.ones_like(x), cache)
    assert out.shape == dx.shape == x.shape
    assert out.dtype == dx.dtype == x.dtype
    assert np.isfinite(out).all() and np.isfinite(dx).all()


@settings(max_examples=25, deadline=None)
@given(
    dtype=st.sampled_from([np.float32, np.float64]),
    n=st.integers(1, 6),
    d=st.integers(1, 5),
    m=st.integers(1, 4),
    k=st.integers(2, 3),
)
def test_maxout_and_prelu_dtypes(dtype, n, d, m, k):
    rng = np.random.default_rng(n * 100 + d * 10 + m)
    x = rng.standard_normal((n, d)).astype(dtype)
    W, b = rng.standard_normal((k, d, m)).astype(dtype), rng.standard_normal((k, m)).astype(dtype)
    out, cache = A.maxout_forward(x, W, b)
    grads = A.maxout_backward(np.ones_like(out), cache)
    assert out.shape == (n, m) and {g.dtype for g in (out, *grads)} == {np.dtype(dtype)}
    out, cache = A.prelu_forward(x, 0.25)
    dx, dalpha = A.prelu_backward(np.ones_like(out), cache)
    assert out.dtype == dx.dtype == dalpha.dtype == dtype and dalpha.shape == ()
