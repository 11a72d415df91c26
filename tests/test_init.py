"""Initializers: scale formulas, fans, dtypes, determinism, lookup."""

import numpy as np
import pytest

from nnnotes import init


def sample(name, shape=(400, 600), dtype=np.float64, seed=0):
    return init.get_initializer(name)(shape, rng=np.random.default_rng(seed), dtype=dtype)


@pytest.mark.parametrize(
    ("name", "variance"),
    [
        ("small_random", 1e-4),
        ("xavier_normal", 2 / 1000),
        ("xavier_uniform", 2 / 1000),
        ("he_normal", 2 / 400),
        ("he_uniform", 2 / 400),
    ],
)
def test_variance(name, variance):
    W = sample(name)
    assert W.shape == (400, 600)
    assert abs(W.mean()) < 0.05 * np.sqrt(variance)
    assert W.var() == pytest.approx(variance, rel=0.02)


@pytest.mark.parametrize(("name", "bound"), [("xavier_uniform", np.sqrt(6 / 1000)), ("he_uniform", np.sqrt(6 / 400))])
def test_uniform_bounds(name, bound):
    W = sample(name)
    assert np.abs(W).max() <= bound and np.abs(W).max() > 0.99 * bound


def test_constant_and_zeros():
    assert init.constant((2, 3), 0.5).tolist() == [[0.5] * 3] * 2
    assert init.get_initializer("constant", value=2.0)((2,)).tolist() == [2.0, 2.0]
    assert not init.zeros((3, 2)).any()
    assert init.get_initializer("small_random", scale=1.0)((300, 300), rng=np.random.default_rng(0)).std() > 0.9


def test_fans_of_dense_and_stacked_weights():
    assert init.fans((3, 7)) == (3, 7)
    assert init.fans((4, 3, 7)) == (3, 7)  # maxout pieces (k, D, M)


@pytest.mark.parametrize("name", init.INITIALIZERS)
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_dtype_and_determinism(name, dtype):
    a, b, c = sample(name, (5, 4), dtype), sample(name, (5, 4), dtype), sample(name, (5, 4), dtype, seed=1)
    assert a.dtype == dtype and a.shape == (5, 4)
    np.testing.assert_array_equal(a, b)
    assert np.array_equal(a, c) == (name in ("constant", "zeros"))


def test_unknown_name_lists_known_names():
    with pytest.raises(ValueError, match=r"^init must be one of .*'he_normal'.*got 'glorot'"):
        init.get_initializer("glorot")
