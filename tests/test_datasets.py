"""Toy data sets: shapes, dtypes, labels, geometry and determinism."""

import numpy as np
import pytest

from nnnotes import datasets

CLASSIFICATION = {
    "xor": (datasets.xor, 2),
    "spirals": (datasets.spirals, 3),
    "circles": (datasets.circles, 2),
    "blobs": (datasets.blobs, 3),
}


@pytest.mark.parametrize("name", CLASSIFICATION)
def test_shapes_labels_and_determinism(name):
    make, n_classes = CLASSIFICATION[name]
    X, y = make(n_samples=90, rng=np.random.default_rng(0))
    assert X.shape == (90, 2) and X.dtype == np.float64 and np.isfinite(X).all()
    assert y.shape == (90,) and y.dtype.kind == "i"
    assert sorted(set(y.tolist())) == list(range(n_classes))
    assert np.bincount(y).max() - np.bincount(y).min() <= 1  # balanced
    X2, y2 = make(n_samples=90, rng=np.random.default_rng(0))
    X3, _ = make(n_samples=90, rng=np.random.default_rng(1))
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(y, y2)
    assert not np.array_equal(X, X3)


def test_xor_truth_table_and_labels_by_quadrant():
    X, y = datasets.xor(4, noise=0.0, rng=np.random.default_rng(0))
    assert X.tolist() == [[-1, -1], [-1, 1], [1, -1], [1, 1]] and y.tolist() == [0, 1, 1, 0]
    X, y = datasets.xor(400, noise=0.2, rng=np.random.default_rng(0))
    assert np.mean((X[:, 0] * X[:, 1] < 0) == (y == 1)) > 0.98


def test_circles_radii_without_noise():
    X, y = datasets.circles(50, noise=0.0, factor=0.3, rng=np.random.default_rng(0))
    np.testing.assert_allclose(np.hypot(X[:, 0], X[:, 1]), np.where(y == 1, 0.3, 1.0))


def test_blobs_centres():
    X, y = datasets.blobs(3000, n_classes=4, noise=0.1, rng=np.random.default_rng(0))
    centres = np.array([X[y == k].mean(axis=0) for k in range(4)])
    np.testing.assert_allclose(centres, [[2, 0], [0, 2], [-2, 0], [0, -2]], atol=0.02)


def test_spirals_radius_grows_along_each_arm():
    X, y = datasets.spirals(60, n_classes=2, noise=0.0, rng=np.random.default_rng(0))
    radius = np.hypot(X[:, 0], X[:, 1])
    for k in range(2):
        assert np.all(np.diff(radius[y == k]) > 0)


def test_sample_function():
    X, y = datasets.sample_function(np.cos, 30, low=-1, high=2, noise=0.0, rng=np.random.default_rng(0))
    assert X.shape == (30, 1) and y.shape == (30,) and y.dtype == np.float64
    assert np.all(np.diff(X[:, 0]) >= 0) and X.min() >= -1 and X.max() <= 2
    np.testing.assert_allclose(y, np.cos(X[:, 0]))
