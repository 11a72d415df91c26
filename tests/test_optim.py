"""SGD: plain, momentum and weight decay updates; grads left alone. The max-norm projection."""

import warnings

import numpy as np
import pytest

from nnnotes.optim import SGD, project_max_norm


def test_plain_step():
    params = {"w": np.array([1.0, 2.0]), "b": np.array([0.5])}
    grads = {"w": np.array([0.5, -1.0]), "b": np.array([2.0])}
    kept = {k: g.copy() for k, g in grads.items()}
    w = params["w"]
    SGD(lr=0.1).step(params, grads)
    assert params["w"] is w  # updated in place: the model sees it
    np.testing.assert_allclose(params["w"], [0.95, 2.1])
    np.testing.assert_allclose(params["b"], [0.3])
    for k in grads:
        np.testing.assert_array_equal(grads[k], kept[k])


def test_momentum_and_weight_decay_follow_the_formula():
    p0, g = np.array([1.0, -1.0]), np.array([0.2, 0.4])
    params = {"p": p0.copy()}
    opt = SGD(lr=0.1, momentum=0.9, weight_decay=0.01)
    p, v = p0.copy(), np.zeros(2)
    for _ in range(3):
        opt.step(params, {"p": g})
        v = 0.9 * v + (g + 0.01 * p)
        p = p - 0.1 * v
    np.testing.assert_allclose(params["p"], p, rtol=1e-14)
    np.testing.assert_allclose(opt.velocity["p"], v, rtol=1e-14)
    assert g.tolist() == [0.2, 0.4]


def test_float32_stays_float32():
    params = {"p": np.ones(3, np.float32)}
    SGD(lr=0.1, momentum=0.5, weight_decay=0.1).step(params, {"p": np.ones(3, np.float32)})
    assert params["p"].dtype == np.float32


def test_mismatched_shapes():
    with pytest.raises(ValueError, match=r"^grads\['p'\] must have shape \(3,\)"):
        SGD(lr=0.1).step({"p": np.ones(3)}, {"p": np.ones(2)})


def test_settings_are_checked_on_assignment_and_kept():
    sgd = SGD(lr=0.1, momentum=0.5)
    sgd.lr, sgd.weight_decay = 0.2, 1e-4
    assert (sgd.lr, sgd.momentum, sgd.weight_decay) == (0.2, 0.5, 1e-4)
    assert repr(sgd) == "SGD(lr=0.2, momentum=0.5, weight_decay=0.0001)"
    with pytest.raises(ValueError, match=r"^lr must be"):
        sgd.lr = 0.0
    assert sgd.lr == 0.2  # a rejected value leaves the old one


def test_a_new_shape_needs_a_new_optimizer_but_plain_sgd_keeps_no_state():
    plain = SGD(lr=0.1)
    plain.step({"w": np.ones(3)}, {"w": np.ones(3)})
    plain.step({"w": np.ones(2)}, {"w": np.ones(2)})  # no velocity: any shape
    assert plain.velocity == {}


def test_max_norm_rescales_only_the_columns_outside_the_ball():
    """Unit j's incoming weights are column W[:, j]: columns with norm > c end with norm c and
    their direction kept; columns inside (the zero column too) are returned unchanged."""
    rng = np.random.default_rng(0)
    W = rng.standard_normal((30, 40)) * rng.uniform(0.01, 0.5, 40)  # column norms about 0.05 to 3
    W[:, 0] = 0.0
    kept = W.copy()
    c = 1.0
    out = project_max_norm(W, c)
    norms, new = np.linalg.norm(W, axis=0), np.linalg.norm(out, axis=0)
    outside = norms > c
    assert 5 < outside.sum() < 35  # both kinds of column occur
    np.testing.assert_array_equal(out[:, ~outside], W[:, ~outside])
    np.testing.assert_allclose(new[outside], c, rtol=1e-15)
    np.testing.assert_allclose(out[:, outside], W[:, outside] / norms[outside], rtol=1e-14)  # same direction
    assert (new <= c * (1 + 4 * np.finfo(np.float64).eps)).all()
    np.testing.assert_array_equal(W, kept)  # W itself is not modified
    np.testing.assert_allclose(out, W * np.minimum(1, c / np.maximum(norms, 1e-300)), rtol=1e-14)  # the direct formula


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_max_norm_at_the_largest_weights(dtype):
    """A column of entries near the dtype's largest number (its sum of squares overflows) is
    still rescaled to norm c, without warnings; the dtype is kept."""
    big = np.finfo(dtype).max / 2
    W = np.array([[big, 3.0], [big, 4.0]], dtype)
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        out = project_max_norm(W, 2.0)
    assert out.dtype == dtype
    np.testing.assert_allclose(out, [[np.sqrt(2), 1.2], [np.sqrt(2), 1.6]], rtol=1e-6)
