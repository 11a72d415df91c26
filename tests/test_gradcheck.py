"""The checker itself: it must accept right gradients and reject wrong ones."""

import numpy as np
import pytest

from nnnotes.gradcheck import check_backward, numerical_gradient, rel_error


def square_forward(x):
    return x * x, x


def square_backward(dout, x):
    return 2 * x * dout


def test_numerical_gradient_of_a_square():
    x = np.array([[1.0, -2.0], [0.5, 3.0]])
    dout = np.array([[1.0, 2.0], [3.0, 4.0]])
    np.testing.assert_allclose(numerical_gradient(lambda v: v * v, x, dout), 2 * x * dout, rtol=1e-9)


def test_rel_error_definition():
    assert rel_error(np.zeros(3), np.zeros(3)) == 0.0
    assert rel_error(np.array([1.0, 0.0]), np.array([1.1, 0.0])) == pytest.approx(0.1 / 2.1)
    # relative to the largest entry, not entry by entry
    assert rel_error(np.array([100.0, 1e-9]), np.array([100.0, 2e-9])) < 1e-11


def test_check_backward_accepts_a_right_and_rejects_a_wrong_backward():
    x = np.linspace(-1, 1, 7)
    assert check_backward(square_forward, [x], np.ones(7), backward=square_backward)[0] < 1e-9

    def wrong_backward(dout, x):
        return 2.02 * x * dout

    assert check_backward(square_forward, [x], np.ones(7), backward=wrong_backward)[0] > 1e-3


def test_inputs_are_not_modified():
    x = np.array([1.0, 2.0])
    numerical_gradient(lambda v: v**3, x, np.ones(2))
    assert x.tolist() == [1.0, 2.0]


def test_float32_is_refused():
    with pytest.raises(TypeError, match=r"^x must be float64"):
        numerical_gradient(lambda v: v, np.ones(2, np.float32), np.ones(2))
