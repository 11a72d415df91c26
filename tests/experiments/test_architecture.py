"""The architecture experiments: sizes, forward pass, linear collapse, XOR, hand-derived backprop."""

import numpy as np
import pytest

from nnnotes.evaluation import accuracy
from nnnotes.experiments.architecture import backprop, collapse, forward, sizes, xor
from nnnotes.experiments.common import best_line, line_points
from nnnotes.gradcheck import numerical_gradient, rel_error
from nnnotes.losses import binary_cross_entropy_with_logits
from nnnotes.model import MLP

# The families of the chapter's claims, by name prefix, and the kind of change that breaks them.
CLAIM_FAMILIES = {
    ("architecture.small_", "architecture.large_"):
        "an MLP that makes, counts or reports its layers, neurons, weights or biases differently",
    ("architecture.forward_", "architecture.collapse_"):
        "an MLP forward pass or an affine layer that no longer computes h·W + b layer after layer",
    ("architecture.xor_",):
        "a change to the XOR data, the loss, the training or the initialization that lets logistic "
        "regression beat a coin toss, or stops one hidden layer from solving XOR",
    ("architecture.bp_",):
        "hand-derived gradients that disagree with centred differences or with MLP.backward, a gradient "
        "check that no longer catches the 1/N applied twice, or training by hand that no longer solves XOR",
}


def test_every_claim_family_says_what_breaks_it(undocumented_claims):
    assert undocumented_claims("nnnotes.experiments.architecture", CLAIM_FAMILIES) == []


# --- sizes ------------------------------------------------------------------------------

@pytest.mark.parametrize("widths", [[3, 4, 2], [3, 4, 4, 1], [5, 7, 3], [2, 1], [10, 20, 30, 40, 5]])
def test_size_matches_the_formulas(widths):
    s = sizes.size(MLP(widths, rng=np.random.default_rng(0)))
    weights = sum(a * b for a, b in zip(widths, widths[1:]))
    biases = sum(widths[1:])
    assert s == sizes.Size(len(widths) - 1, sum(widths[1:]), weights, biases, weights + biases)


def test_reference_nets_are_the_cs231n_examples():
    small, large = sizes.reference_nets()
    assert small.sizes == [3, 4, 2] and large.sizes == [3, 4, 4, 1]
    assert sizes.reference_sizes() == (sizes.Size(2, 6, 20, 6, 26), sizes.Size(3, 9, 32, 9, 41))


def test_size_refuses_a_net_with_batchnorm_parameters():
    with pytest.raises(ValueError, match="batch norm"):
        sizes.size(MLP([3, 4, 2], batchnorm=True, rng=np.random.default_rng(0)))


# --- forward pass -----------------------------------------------------------------------

@pytest.mark.parametrize("activation", ["relu", "tanh", "sigmoid"])
def test_forward_by_hand_is_the_model_forward(activation):
    rng = np.random.default_rng(3)
    net = MLP([4, 6, 5, 3], activation=activation, rng=rng)
    X = rng.standard_normal((7, 4))
    outputs = forward.forward_by_hand(net, X)
    assert [o.shape for o in outputs] == [(7, 6), (7, 5), (7, 3)]
    assert np.allclose(outputs[-1], net.forward(X, train=False), rtol=0, atol=1e-13)


def test_forward_check_reports_shapes_and_agreement():
    shapes, difference = forward.forward_check()
    assert shapes == ((5, 4), (5, 4), (5, 1))
    assert difference < 1e-12


# --- linear collapse --------------------------------------------------------------------

def test_grid_lines_are_horizontal_then_vertical():
    g = collapse.grid_lines(5, 9)
    assert g.shape == (10, 9, 2)
    assert np.all(g[:5, :, 1] == g[:5, :1, 1])  # constant x2 along horizontal lines
    assert np.all(g[5:, :, 0] == g[5:, :1, 0])  # constant x1 along vertical lines
    assert g.min() == -1 and g.max() == 1


def test_the_product_map_is_the_stack():
    c = collapse.linear_collapse()
    W1, W2, W3 = (W for W, _ in c.layers)
    b1, b2, b3 = (b for _, b in c.layers)
    assert np.allclose(c.W, W1 @ W2 @ W3)
    assert np.allclose(c.b, (b1 @ W2 + b2) @ W3 + b3)
    assert c.max_difference < 1e-12
    assert np.array_equal(c.max_difference, np.abs(c.stacked - c.collapsed).max())


def test_random_layers_keep_their_stretches_in_range():
    rng = np.random.default_rng(1)
    for _ in range(20):
        W, b = collapse.random_layer(rng)
        singular = np.linalg.svd(W, compute_uv=False)
        assert collapse.STRETCH[0] <= singular.min() and singular.max() <= collapse.STRETCH[1]
        assert b.shape == (2,)


def test_tanh_between_the_layers_is_not_affine():
    """Least squares cannot fit the bent grid with any affine map."""
    c = collapse.linear_collapse()
    points = c.grid.reshape(-1, 2)
    design = np.column_stack([points, np.ones(len(points))])
    bent = c.bent.reshape(-1, 2)
    coef, *_ = np.linalg.lstsq(design, bent, rcond=None)
    assert np.abs(design @ coef - bent).max() > 0.01
    straight = c.stacked.reshape(-1, 2)
    coef, *_ = np.linalg.lstsq(design, straight, rcond=None)
    assert np.abs(design @ coef - straight).max() < 1e-12


# --- XOR --------------------------------------------------------------------------------

def test_line_points_lie_on_the_line_one_unit_apart():
    w, b = np.array([0.3, -2.0]), 0.7
    points = line_points(w, b, np.linspace(-3, 3, 7))
    assert np.abs(points @ w + b).max() < 1e-12
    assert np.allclose(np.linalg.norm(np.diff(points, axis=0), axis=1), 1.0)


def test_best_line_is_at_least_as_good_as_logistic_regression_and_right_about_itself():
    X, y = xor.xor_data()
    u, t, acc = xor.best_line()
    assert np.isclose(np.linalg.norm(u), 1.0)
    assert acc == np.mean((X @ u > t) == y)
    net, _ = xor.xor_logistic()
    assert acc > accuracy(net, X, y)


def test_the_logistic_gradient_vanishes_at_zero_on_the_noise_free_corners():
    X, y = np.array([[-1.0, -1.0], [-1.0, 1.0], [1.0, -1.0], [1.0, 1.0]]), np.array([0, 1, 1, 0])
    _, dscores = binary_cross_entropy_with_logits(np.zeros(4), y)
    assert np.array_equal(X.T @ dscores, np.zeros(2)) and dscores.sum() == 0


def test_xor_data_is_seeded():
    X1, y1 = xor.xor_data(seed=5)
    X2, y2 = xor.xor_data(seed=5)
    assert np.array_equal(X1, X2) and np.array_equal(y1, y2)
    assert X1.shape == (xor.XOR_SAMPLES, 2)


def test_the_best_line_prefers_the_widest_margin_among_the_most_accurate():
    X = np.array([[-2.0, 0.0], [-1.0, 0.0], [1.0, 0.0], [3.0, 0.0]])
    u, t, acc = best_line(X, np.array([0, 0, 1, 1]), n_directions=360)
    assert acc == 1.0
    assert np.allclose(u, [1.0, 0.0]) and t == pytest.approx(0.0)  # halfway between −1 and 1


# --- backpropagation --------------------------------------------------------------------

def random_problem(seed, n=13, d=3, h=5):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, d))
    Y = (rng.random((n, 1)) < 0.5).astype(np.float64)
    params = backprop.init_params(d, h, seed=seed)
    params = {name: p + 0.3 * rng.standard_normal(p.shape) for name, p in params.items()}  # nonzero biases
    return X, Y, params


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_backprop_passes_the_gradient_check(seed):
    X, Y, params = random_problem(seed)
    L, grads = backprop.backprop(params, X, Y)
    assert L == pytest.approx(backprop.loss(params, X, Y))
    for name in backprop.PARAMS:
        assert grads[name].shape == params[name].shape

        def f(point, name=name):
            return np.array(backprop.loss({**params, name: point}, X, Y))

        assert rel_error(grads[name], numerical_gradient(f, params[name], np.array(1.0))) < 1e-7


@pytest.mark.parametrize("seed", [0, 1])
def test_backprop_matches_the_mlp_backward(seed):
    X, Y, params = random_problem(seed)
    net = MLP([3, 5, 1], activation="tanh", rng=np.random.default_rng(seed))
    for name in backprop.PARAMS:
        net.params[name][...] = params[name]
    _, dscores = binary_cross_entropy_with_logits(net.forward(X, train=True), Y[:, 0].astype(np.int64))
    library = net.backward(dscores)
    _, grads = backprop.backprop(params, X, Y)
    for name in backprop.PARAMS:
        assert rel_error(grads[name], library[name]) < 1e-12


def test_backprop_does_not_modify_its_inputs():
    X, Y, params = random_problem(0)
    copies = {name: p.copy() for name, p in params.items()}
    X0, Y0 = X.copy(), Y.copy()
    backprop.backprop(params, X, Y)
    assert all(np.array_equal(params[n], copies[n]) for n in params)
    assert np.array_equal(X, X0) and np.array_equal(Y, Y0)


def test_gradient_check_results_are_all_small():
    numeric, library = backprop.gradient_check()
    assert set(numeric) == set(library) == set(backprop.PARAMS)
    assert max(numeric.values()) < 1e-7 and max(library.values()) < 1e-14


def test_training_by_hand_is_mlp_fit_and_solves_xor():
    params, losses = backprop.train_by_hand()
    _, history = xor.xor_mlp()
    assert losses.shape == (xor.EPOCHS,)
    assert np.abs(losses - history.loss).max() < 1e-12
    assert losses[-1] < losses[0]
    X, y = xor.xor_data()
    assert np.mean((backprop.forward(params, X)["A2"][:, 0] > 0.5) == y) == 1.0


def test_epochs_to():
    losses = np.array([0.7, 0.5, 0.09, 0.2, 0.05])
    assert backprop.epochs_to(0.1, losses) == 3
    assert backprop.epochs_to(0.01, losses) is None
