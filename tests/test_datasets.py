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


def test_two_clouds_alternates_classes_and_is_seeded():
    X, y = datasets.two_clouds(50, rng=np.random.default_rng(3))
    X2, y2 = datasets.two_clouds(50, rng=np.random.default_rng(3))
    assert X.shape == (50, 2) and X.dtype == np.float64 and y.tolist() == [0, 1] * 25
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(y, y2)
    assert not np.array_equal(X, datasets.two_clouds(50, rng=np.random.default_rng(4))[0])


def test_two_clouds_centres_and_the_oblique_spread_of_class_1():
    X, y = datasets.two_clouds(40_000, rng=np.random.default_rng(0))
    np.testing.assert_allclose(X[y == 0].mean(axis=0), [-0.6, 0.6], atol=0.02)
    np.testing.assert_allclose(X[y == 1].mean(axis=0), [0.6, -0.6], atol=0.03)
    np.testing.assert_allclose(X[y == 0].std(axis=0), [0.5, 0.5], rtol=0.03)
    eigvals, eigvecs = np.linalg.eigh(np.cov(X[y == 1].T))
    np.testing.assert_allclose(np.sqrt(eigvals), [0.4, 1.6], rtol=0.03)
    assert np.degrees(np.arctan2(*eigvecs[::-1, 1])) % 180 == pytest.approx(35, abs=1)


def test_digit_standin_looks_like_an_mnist_subset():
    X, y = datasets.digit_standin(rng=np.random.default_rng(0))
    assert X.shape == (1000, 784) and y.shape == (1000,)
    assert X.min() >= 0 and X.max() <= 1
    assert np.bincount(y).tolist() == [100] * 10
    a, b = (datasets.digit_standin(50, 20, 5, rng=np.random.default_rng(3)) for _ in range(2))
    np.testing.assert_array_equal(a[0], b[0])
    np.testing.assert_array_equal(a[1], b[1])


def test_digit_standin_without_noise_is_its_prototypes():
    X, y = datasets.digit_standin(30, 400, 3, density=0.25, noise=0.0, rng=np.random.default_rng(1))
    for c in range(3):
        rows = X[y == c]
        np.testing.assert_array_equal(rows, np.broadcast_to(rows[0], rows.shape))  # one prototype per class
        assert np.mean(rows[0] > 0) == pytest.approx(0.25, abs=0.07)
