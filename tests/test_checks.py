"""Bad input across the public API: the exception type, and a message that names the argument."""

import numpy as np
import pytest

from nnnotes import activations as A
from nnnotes import datasets, evaluation, init, losses, monitoring
from nnnotes.batchnorm import BatchNormState, batchnorm_backward, batchnorm_forward
from nnnotes.gradcheck import check_backward, numerical_gradient, rel_error
from nnnotes.layers import (
    affine_backward,
    affine_forward,
    dropout_backward,
    dropout_forward,
    vanilla_dropout_backward,
    vanilla_dropout_forward,
)
from nnnotes.model import MLP
from nnnotes.optim import SGD, project_max_norm

RNG = np.random.default_rng(0)
X = np.ones((3, 4))
BN = BatchNormState.initial(4)


def net(**kwargs):
    return MLP([4, 5, 3], rng=np.random.default_rng(0), **kwargs)


def reused_sgd():
    """An SGD with momentum stepped on a parameter of shape (3,), then on one of shape (2,)."""
    sgd = SGD(lr=0.1, momentum=0.9)
    sgd.step({"w": np.ones(3)}, {"w": np.ones(3)})
    sgd.step({"w": np.ones(2)}, {"w": np.ones(2)})


def with_replaced_param():
    model = net()
    model.params["W1"] = np.ones((3, 3))
    return model


# (id, call, exception, regex the message must match: it starts with the argument's name)
BAD = [
    ("int array", lambda: A.sigmoid_forward(np.array([1, 2])), TypeError, r"^x must be a float32 or float64 array; got dtype int64"),
    ("str array", lambda: A.relu_forward(np.array(["a"])), TypeError, r"^x must be a float32 or float64"),
    ("object array", lambda: A.tanh_forward(np.array([None, 1.0])), TypeError, r"^x must be .*got dtype object"),
    ("bool array", lambda: A.elu_forward(np.array([True])), TypeError, r"^x must be .*got dtype bool"),
    ("ragged list", lambda: A.relu_forward([[1.0], [1.0, 2.0]]), TypeError, r"^x must be a float32 or float64 array; got list"),
    ("NaN", lambda: A.relu_forward(np.array([0.0, np.nan])), ValueError, r"^x must contain only finite values"),
    ("inf", lambda: affine_forward(np.array([[np.inf]]), np.ones((1, 1)), np.ones(1)), ValueError, r"^x must contain only finite"),
    ("leaky alpha < 0", lambda: A.leaky_relu_forward(X, alpha=-0.1), ValueError, r"^alpha must be a finite number in \[0, 1\]"),
    ("leaky alpha str", lambda: A.leaky_relu_forward(X, alpha="0.1"), TypeError, r"^alpha must be a real number; got str"),
    ("elu alpha < 0", lambda: A.elu_forward(X, alpha=-1.0), ValueError, r"^alpha must be a finite number in \[0, inf\)"),
    ("elu alpha nan", lambda: A.elu_forward(X, alpha=float("nan")), ValueError, r"^alpha must be a finite number"),
    ("dout shape", lambda: A.sigmoid_backward(np.ones(3), A.sigmoid_forward(X)[1]), ValueError, r"^dout must have the forward output's shape \(3, 4\)"),
    ("dout dtype", lambda: A.relu_backward(np.ones((3, 4), np.float32), A.relu_forward(X)[1]), TypeError, r"^dout must have dtype float64"),
    ("prelu x 1-D", lambda: A.prelu_forward(np.ones(3), 0.25), ValueError, r"^x must be a 2-D float array of shape \(N, D\); got shape \(3,\)"),
    ("prelu alpha shape", lambda: A.prelu_forward(X, np.ones(3)), ValueError, r"^alpha must have shape \(\) or \(D,\) = \(4,\); got shape \(3,\)"),
    ("maxout k = 1", lambda: A.maxout_forward(X, np.ones((1, 4, 2)), np.ones((1, 2))), ValueError, r"^W must hold k >= 2 maxout pieces"),
    ("maxout W 2-D", lambda: A.maxout_forward(X, np.ones((4, 2)), np.ones((2, 2))), ValueError, r"^W must be a 3-D float array of shape \(k, D, M\)"),
    ("maxout D mismatch", lambda: A.maxout_forward(X, np.ones((2, 3, 2)), np.ones((2, 2))), ValueError, r"^W must have shape \(k, D, M\) with D = 4"),
    ("maxout b shape", lambda: A.maxout_forward(X, np.ones((2, 4, 2)), np.ones((2, 3))), ValueError, r"^b must have shape \(2, 2\)"),
    ("unknown activation", lambda: A.get_activation("swish"), ValueError, r"^name must be one of 'identity', 'sigmoid', 'tanh', 'relu'"),
    ("activation param", lambda: A.get_activation("relu", alpha=0.1), TypeError, r"^params of activation 'relu' must be among \[\]; got \['alpha'\]"),
    ("affine x 1-D", lambda: affine_forward(np.ones(3), np.ones((3, 2)), np.ones(2)), ValueError, r"^x must be a 2-D float array of shape \(N, D\); got shape \(3,\)"),
    ("affine W mismatch", lambda: affine_forward(X, np.ones((3, 2)), np.ones(2)), ValueError, r"^W must have shape \(D, M\) with D = 4"),
    ("affine b shape", lambda: affine_forward(X, np.ones((4, 2)), np.ones(3)), ValueError, r"^b must have shape \(2,\); got shape \(3,\)"),
    ("affine mixed dtype", lambda: affine_forward(X, np.ones((4, 2), np.float32), np.ones(2)), TypeError, r"^W must have dtype float64 like x; got float32"),
    ("p_drop = 1", lambda: dropout_forward(X, 1.0, train=True, rng=RNG), ValueError, r"^p_drop must be a finite number in \[0, 1\)"),
    ("p_drop < 0", lambda: dropout_forward(X, -0.1, train=True, rng=RNG), ValueError, r"^p_drop must be"),
    ("train not bool", lambda: dropout_forward(X, 0.5, train="yes", rng=RNG), TypeError, r"^train must be a bool; got str"),
    ("rng missing", lambda: dropout_forward(X, 0.5, train=True, rng=None), TypeError, r"^rng must be a numpy.random.Generator"),
    ("rng seed int", lambda: init.he_normal((3, 2), rng=42), TypeError, r"^rng must be a numpy.random.Generator.*got int"),
    ("BN batch of 1", lambda: batchnorm_forward(np.ones((1, 4)), np.ones(4), np.zeros(4), BN, train=True), ValueError, r"^x must have at least 2 rows in train mode"),
    ("BN gamma shape", lambda: batchnorm_forward(X, np.ones(3), np.zeros(4), BN, train=True), ValueError, r"^gamma must have shape \(4,\)"),
    ("BN state type", lambda: batchnorm_forward(X, np.ones(4), np.zeros(4), {"mean": 0}, train=True), TypeError, r"^state must be a BatchNormState"),
    ("BN state size", lambda: batchnorm_forward(X, np.ones(4), np.zeros(4), BatchNormState.initial(3), train=False), ValueError, r"^state must hold running statistics of shape \(4,\)"),
    ("BN momentum 0", lambda: BatchNormState(np.zeros(2), np.ones(2), momentum=0.0), ValueError, r"^momentum must be a finite number in \(0, 1\]"),
    ("BN negative var", lambda: BatchNormState(np.zeros(2), -np.ones(2)), ValueError, r"^running_var must be >= 0"),
    ("BN zero features", lambda: BatchNormState.initial(0), ValueError, r"^n_features must be an integer >= 1; got 0"),
    ("labels out of range", lambda: losses.softmax_cross_entropy(np.zeros((2, 3)), np.array([0, 3])), ValueError, r"^y must hold class indices in \[0, 3\)"),
    ("labels float", lambda: losses.softmax_cross_entropy(np.zeros((2, 3)), np.array([0.0, 1.0])), TypeError, r"^y must be an integer array of labels; got dtype float64"),
    ("labels length", lambda: losses.multiclass_hinge(np.zeros((2, 3)), np.array([0, 1, 2])), ValueError, r"^y must have shape \(N,\) = \(2,\)"),
    ("scores 1-D", lambda: losses.softmax_cross_entropy(np.zeros(3), np.array([0, 1, 2])), ValueError, r"^scores must be a float array of shape \(N, C\)"),
    ("empty batch", lambda: losses.softmax_cross_entropy(np.zeros((0, 3)), np.array([], int)), ValueError, r"^scores must .* with N >= 1"),
    ("BCE label 2", lambda: losses.binary_cross_entropy_with_logits(np.zeros(2), np.array([0, 2])), ValueError, r"^y must hold class indices in \[0, 2\)"),
    ("hinge 2 columns", lambda: losses.binary_hinge(np.zeros((2, 2)), np.array([0, 1])), ValueError, r"^scores must be a float array of shape \(N,\) or \(N, 1\)"),
    ("mse targets", lambda: losses.mse(np.zeros((3, 2)), np.zeros(3)), ValueError, r"^targets must have preds' shape \(3, 2\)"),
    ("l2 list", lambda: losses.l2_penalty([np.ones(2)], 0.1), TypeError, r"^weights must be a mapping"),
    ("l2 reg < 0", lambda: losses.l2_penalty({"W": np.ones(2)}, -1.0), ValueError, r"^reg must be a finite number in \[0, inf\)"),
    ("unknown loss", lambda: losses.get_loss("cross_entropy"), ValueError, r"^loss must be one of 'softmax_cross_entropy'"),
    ("unknown init", lambda: init.get_initializer("glorot"), ValueError, r"^init must be one of 'constant', 'zeros'"),
    ("init 1-D shape", lambda: init.he_normal((3,), rng=RNG), ValueError, r"^shape must have at least 2 axes"),
    ("init zero size", lambda: init.xavier_normal((0, 3), rng=RNG), ValueError, r"^shape entries must be an integer >= 1; got 0"),
    ("init dtype", lambda: init.small_random((2, 2), rng=RNG, dtype=int), TypeError, r"^dtype must be float32 or float64; got int64"),
    ("init param", lambda: init.get_initializer("he_normal", scale=2.0), TypeError, r"^params of initializer 'he_normal'"),
    ("lr = 0", lambda: SGD(lr=0.0), ValueError, r"^lr must be a finite number in \(0, inf\)"),
    ("momentum = 1", lambda: SGD(lr=0.1, momentum=1.0), ValueError, r"^momentum must be a finite number in \[0, 1\)"),
    ("grads names", lambda: SGD(lr=0.1).step({"W": np.ones(2)}, {"b": np.ones(2)}), ValueError, r"^grads must have the same names as params \['W'\]"),
    ("sizes too short", lambda: MLP([3], rng=RNG), ValueError, r"^sizes must be a list of at least 2 layer sizes"),
    ("size zero", lambda: MLP([3, 0, 2], rng=RNG), ValueError, r"^sizes entries must be an integer >= 1; got 0"),
    ("size float", lambda: MLP([3, 4.0, 2], rng=RNG), TypeError, r"^sizes entries must be an integer; got float"),
    ("activation list", lambda: MLP([3, 4, 4, 2], ["relu"], rng=RNG), ValueError, r"^activation must be a name or a list of 2 names .*got \[.relu.\]"),
    ("activation name", lambda: MLP([3, 4, 2], "swish", rng=RNG), ValueError, r"^activation must be one of"),
    ("model dtype", lambda: MLP([3, 4, 2], rng=RNG, dtype=np.float16), TypeError, r"^dtype must be float32 or float64; got float16"),
    ("model rng", lambda: MLP([3, 4, 2], rng=None), TypeError, r"^rng must be a numpy.random.Generator"),
    ("model x width", lambda: net().forward(np.ones((2, 3)), train=True), ValueError, r"^x must have shape \(N, 4\) for this model; got shape \(2, 3\)"),
    ("model x dtype", lambda: net().forward(np.ones((2, 4), np.float32), train=True), TypeError, r"^x must have dtype float64 like the model's parameters"),
    ("model train", lambda: net().forward(X, train=1), TypeError, r"^train must be a bool; got int"),
    ("backward first", lambda: net().backward(np.ones((3, 3))), ValueError, r"^dscores cannot be propagated before a forward pass"),
    ("fit loss name", lambda: net().fit(X, np.zeros(3, int), loss="nll"), ValueError, r"^loss must be one of"),
    ("fit loss vs outputs", lambda: net().fit(X, np.zeros(3, int), loss="binary_cross_entropy"), ValueError, r"^loss 'binary_cross_entropy' needs 1 output"),
    ("fit epochs", lambda: net().fit(X, np.zeros(3, int), epochs=0), ValueError, r"^epochs must be an integer >= 1"),
    ("fit mini-batch rng", lambda: net().fit(X, np.zeros(3, int), batch_size=2), TypeError, r"^rng must be a numpy.random.Generator"),
    ("fit BN batch of 1", lambda: net(batchnorm=True).fit(X, np.zeros(3, int), batch_size=2, rng=RNG), ValueError, r"^batch_size must not leave a batch of 1"),
    ("fit labels", lambda: net().fit(X, np.array([0, 1, 5])), ValueError, r"^y must hold class indices in \[0, 3\)"),
    ("dataset size", lambda: datasets.xor(0, rng=RNG), ValueError, r"^n_samples must be an integer >= 1; got 0"),
    ("dataset noise", lambda: datasets.spirals(noise=-0.1, rng=RNG), ValueError, r"^noise must be a finite number in \[0, inf\)"),
    ("dataset classes", lambda: datasets.blobs(n_classes=1, rng=RNG), ValueError, r"^n_classes must be an integer >= 2"),
    ("dataset factor", lambda: datasets.circles(factor=1.5, rng=RNG), ValueError, r"^factor must be a finite number in \(0, 1\)"),
    ("dataset range", lambda: datasets.sample_function(low=1.0, high=1.0, rng=RNG), ValueError, r"^high must be greater than low"),
    ("gradcheck float32", lambda: numerical_gradient(lambda v: v, np.ones(2, np.float32), np.ones(2)), TypeError, r"^x must be float64"),
    ("rel_error shapes", lambda: rel_error(np.ones(2), np.ones(3)), ValueError, r"^b must have a's shape"),
    ("dead_fraction 1-D", lambda: monitoring.dead_fraction(np.ones(3)), ValueError, r"^pre_activation must be a 2-D float array of shape \(N, H\)"),
    # before these checks: a NumPy or Python error that names no argument, or no error at all
    ("x None", lambda: A.relu_forward(None), TypeError, r"^x must be a float32 or float64 array; got NoneType$"),
    ("alpha str", lambda: A.prelu_forward(X, "0.25"), TypeError, r"^alpha must be a float32 or float64 array; got str$"),
    ("lr beyond float", lambda: SGD(lr=10**400), ValueError, r"^lr must be a finite number in \(0, inf\); got 1000.* \(401 digits\)$"),
    ("lr assigned", lambda: setattr(SGD(lr=0.1), "lr", -5), ValueError, r"^lr must be a finite number in \(0, inf\); got -5$"),
    ("momentum assigned", lambda: setattr(SGD(lr=0.1), "momentum", 1.0), ValueError, r"^momentum must be a finite number in \[0, 1\)"),
    ("weight_decay assigned", lambda: setattr(SGD(lr=0.1), "weight_decay", "a"), TypeError, r"^weight_decay must be a real number; got str"),
    ("SGD other shapes", reused_sgd, ValueError, r"^params\['w'\] must have shape \(3,\) like the velocity this SGD keeps for it \(use a new SGD for other parameters\); got shape \(2,\)"),
    ("SGD grads dtype", lambda: SGD(lr=0.1).step({"w": np.ones(2)}, {"w": np.ones(2, np.float32)}), TypeError, r"^grads\['w'\] must have dtype float64 like params\['w'\]; got float32"),
    ("SGD read-only param", lambda: SGD(lr=0.1).step({"w": np.broadcast_to(1.0, (3,))}, {"w": np.ones(3)}), TypeError, r"^params\['w'\] must be a writeable float32 or float64 ndarray"),
    ("SGD params list", lambda: SGD(lr=0.1).step([np.ones(2)], {"w": np.ones(2)}), TypeError, r"^params must be a mapping name -> array; got list"),
    ("init dtype name", lambda: init.zeros((2, 2), dtype="banana"), TypeError, r"^dtype must be float32 or float64; got 'banana'"),
    ("model dtype name", lambda: MLP([3, 4, 2], rng=RNG, dtype="banana"), TypeError, r"^dtype must be float32 or float64; got 'banana'"),
    ("BN state dtype", lambda: BatchNormState.initial(3, dtype=int), TypeError, r"^dtype must be float32 or float64; got int64"),
    ("BN state mixed dtypes", lambda: BatchNormState(np.zeros(2), np.ones(2, np.float32)), TypeError, r"^running_var must have dtype float64 like running_mean; got float32"),
    ("lr numpy scalar", lambda: SGD(lr=np.float64(-1)), ValueError, r"^lr must be a finite number in \(0, inf\); got -1.0$"),
    ("mse targets dtype", lambda: losses.mse(np.zeros(2), np.zeros(2, np.float32)), TypeError, r"^targets must have dtype float64 like preds; got float32"),
    ("one-hot labels", lambda: losses.softmax_cross_entropy(np.zeros((2, 3)), np.eye(3, dtype=int)[:2]), ValueError, r"^y must have shape \(N,\) = \(2,\) matching the scores; got shape \(2, 3\) \(one-hot rows\? pass the class indices y.argmax\(axis=1\)\)"),
    ("labels -1 and +1", lambda: losses.binary_hinge(np.zeros(2), np.array([-1, 1])), ValueError, r"^y must hold class indices in \[0, 2\); got values in \[-1, 1\] \(binary labels are 0 and 1, not -1 and \+1\)"),
    ("histogram range reversed", lambda: monitoring.activation_histogram(X, value_range=(1, 0)), ValueError, r"^value_range must be a pair \(low, high\) of finite numbers with low < high; got \(1, 0\)"),
    ("histogram range inf", lambda: monitoring.activation_histogram(X, value_range=(0, np.inf)), ValueError, r"^value_range\[1\] must be a finite number in \(-inf, inf\); got inf"),
    ("histogram range number", lambda: monitoring.activation_histogram(X, value_range=5), TypeError, r"^value_range must be a pair \(low, high\)"),
    ("gradient_norms list", lambda: monitoring.gradient_norms([np.ones(2)]), TypeError, r"^grads must be a mapping name -> array; got list"),
    ("statistics of a str", lambda: monitoring.layer_statistics("net", X), TypeError, r"^model must be an MLP \(a model with hidden_layers\); got str"),
    ("statistics no rows", lambda: monitoring.layer_statistics(net(), np.zeros((0, 4))), ValueError, r"^X must have at least one row \(sample\); got shape \(0, 4\)"),
    ("fit no rows", lambda: net().fit(np.zeros((0, 4)), np.zeros(0, int)), ValueError, r"^X must have at least one row \(sample\); got shape \(0, 4\)"),
    ("fit no rows mini-batch", lambda: net().fit(np.zeros((0, 4)), np.zeros(0, int), batch_size=2, rng=RNG), ValueError, r"^X must have at least one row"),
    ("fit y rows", lambda: net().fit(X, np.zeros(4, int)), ValueError, r"^y must have shape \(N,\) = \(3,\) matching X; got shape \(4,\)"),
    ("fit rng ignored", lambda: net().fit(X, np.zeros(3, int), rng=42), TypeError, r"^rng must be a numpy.random.Generator.*got int"),
    ("model param replaced", lambda: with_replaced_param().predict(X), ValueError, r"^params\['W1'\] must have shape \(4, 5\) as the model made it; got shape \(3, 3\)"),
    ("model scores overflow", lambda: net().predict(np.full((2, 4), 1.7e308)), ValueError, r"^x must keep the scores \(largest \|parameter\| = .*\) within the range of float64"),
    ("model dscores", lambda: (lambda m: (m.forward(X, train=True), m.backward(np.ones((3, 2)))))(net()), ValueError, r"^dscores must have the forward output's shape \(3, 3\)"),
    ("f gives NaN", lambda: datasets.sample_function(np.log, 10, rng=RNG), ValueError, r"^f must return finite values on \[low, high\] = \[-3, 3\]; got NaN or inf at x = -2"),
    ("f gives str", lambda: datasets.sample_function(lambda x: ["a"] * len(x), 10, rng=RNG), TypeError, r"^f must return real numbers"),
    ("gradcheck f not callable", lambda: numerical_gradient(5, np.ones(2), np.ones(2)), TypeError, r"^f must be a callable"),
    ("gradcheck f shape", lambda: numerical_gradient(lambda v: np.outer(v, v), np.ones(3), np.ones(3)), ValueError, r"^f must return an array of dout's shape \(3,\); got shape \(3, 3\)"),
    ("gradcheck bare array", lambda: check_backward(A.relu_forward, np.ones((2, 3)), np.ones(3), backward=A.relu_backward), TypeError, r"^inputs must be a list of float64 arrays"),
    ("gradcheck forward not a pair", lambda: check_backward(lambda v: 2 * v, [np.ones(2)], np.ones(2), backward=lambda d, c: d), TypeError, r"^forward must return a pair \(out, cache\); got ndarray"),
    ("gradcheck gradient shape", lambda: check_backward(lambda v: (2 * v, v), [np.ones(3)], np.ones(3), backward=lambda d, c: d[:2]), ValueError, r"^backward must return gradients shaped like the inputs: inputs\[0\] has shape \(3,\); got shape \(2,\)"),
    ("rel_error NaN", lambda: rel_error(np.array([np.nan]), np.ones(1)), ValueError, r"^a must contain only finite values"),
    # the losses, penalties and regularizers of the chapter on loss functions and regularization
    ("squared hinge labels", lambda: losses.multiclass_squared_hinge(np.zeros((2, 3)), np.array([0, 3])), ValueError, r"^y must hold class indices in \[0, 3\)"),
    ("multilabel logits 1-D", lambda: losses.multilabel_cross_entropy_with_logits(np.zeros(3), np.zeros((3, 1), int)), ValueError, r"^logits must be a float array of shape \(N, C\) with N >= 1; got shape \(3,\)"),
    ("multilabel label 2", lambda: losses.multilabel_cross_entropy_with_logits(np.zeros((2, 2)), np.array([[0, 1], [2, 0]])), ValueError, r"^y must hold only 0 and 1; got values in \[0, 2\]"),
    ("multilabel label -1", lambda: losses.multilabel_cross_entropy_with_logits(np.zeros((1, 2)), np.array([[-1, 1]])), ValueError, r"^y must hold only 0 and 1; got values in \[-1, 1\]"),
    ("multilabel float labels", lambda: losses.multilabel_cross_entropy_with_logits(np.zeros((2, 2)), np.zeros((2, 2))), TypeError, r"^y must be an integer array of 0/1 labels; got dtype float64"),
    ("multilabel class indices", lambda: losses.multilabel_cross_entropy_with_logits(np.zeros((2, 3)), np.array([0, 2])), ValueError, r"^y must have shape \(N, C\) = \(2, 3\) matching the logits; got shape \(2,\) \(class indices\? multi-label targets hold one 0/1 column per label\)$"),
    ("multilabel shape", lambda: losses.multilabel_cross_entropy_with_logits(np.zeros((2, 3)), np.zeros((2, 2), int)), ValueError, r"^y must have shape \(N, C\) = \(2, 3\) matching the logits; got shape \(2, 2\)$"),
    ("BCE logits 2 columns", lambda: losses.binary_cross_entropy_with_logits(np.zeros((2, 2)), np.array([0, 1])), ValueError, r"^logits must be a float array of shape \(N,\) or \(N, 1\)"),
    ("mae targets", lambda: losses.mae(np.zeros((3, 2)), np.zeros(3)), ValueError, r"^targets must have preds' shape \(3, 2\)"),
    ("mae preds int", lambda: losses.mae(np.zeros(3, int), np.zeros(3)), TypeError, r"^preds must be a float32 or float64 array; got dtype int64"),
    ("huber delta 0", lambda: losses.huber(np.zeros(2), np.zeros(2), delta=0.0), ValueError, r"^delta must be a finite number in \(0, inf\); got 0.0$"),
    ("huber delta str", lambda: losses.huber(np.zeros(2), np.zeros(2), delta="1"), TypeError, r"^delta must be a real number; got str"),
    ("huber preds 3-D", lambda: losses.huber(np.zeros((2, 1, 1)), np.zeros((2, 1, 1))), ValueError, r"^preds must be a float array of shape \(N,\) or \(N, K\)"),
    ("l1 reg < 0", lambda: losses.l1_penalty({"W": np.ones(2)}, -0.1), ValueError, r"^reg must be a finite number in \[0, inf\); got -0.1$"),
    ("l1 weights NaN", lambda: losses.l1_penalty({"W": np.array([np.nan])}, 0.1), ValueError, r"^weights\['W'\] must contain only finite values"),
    ("elastic net l1 < 0", lambda: losses.elastic_net_penalty({"W": np.ones(2)}, -1.0, 0.1), ValueError, r"^l1 must be a finite number in \[0, inf\)"),
    ("elastic net l2 inf", lambda: losses.elastic_net_penalty({"W": np.ones(2)}, 0.1, np.inf), ValueError, r"^l2 must be a finite number in \[0, inf\); got inf"),
    ("elastic net list", lambda: losses.elastic_net_penalty([np.ones(2)], 0.1, 0.1), TypeError, r"^weights must be a mapping"),
    ("max-norm c = 0", lambda: project_max_norm(np.ones((2, 2)), 0.0), ValueError, r"^c must be a finite number in \(0, inf\); got 0.0$"),
    ("max-norm c None", lambda: project_max_norm(np.ones((2, 2)), None), TypeError, r"^c must be a real number; got NoneType"),
    ("max-norm W 1-D", lambda: project_max_norm(np.ones(3), 1.0), ValueError, r"^W must be a 2-D float array of shape \(D_in, D_out\); got shape \(3,\)"),
    ("max-norm W int", lambda: project_max_norm(np.ones((2, 2), int), 1.0), TypeError, r"^W must be a float32 or float64 array; got dtype int64"),
    ("vanilla p_drop = 1", lambda: vanilla_dropout_forward(X, 1.0, train=True, rng=RNG), ValueError, r"^p_drop must be a finite number in \[0, 1\)"),
    ("vanilla rng missing", lambda: vanilla_dropout_forward(X, 0.5, train=True, rng=None), TypeError, r"^rng must be a numpy.random.Generator"),
    ("vanilla train not bool", lambda: vanilla_dropout_forward(X, 0.5, train=None, rng=RNG), TypeError, r"^train must be a bool; got NoneType"),
    ("model dropout = 1", lambda: net(dropout=1.0), ValueError, r"^dropout must be a finite number in \[0, 1\); got 1.0$"),
    ("model dropout < 0", lambda: net(dropout=-0.2), ValueError, r"^dropout must be a finite number in \[0, 1\)"),
    ("model dropout bool", lambda: net(dropout=True), TypeError, r"^dropout must be a real number; got bool"),
    ("dropout forward rng", lambda: net(dropout=0.5).forward(X, train=True), TypeError, r"^rng must be a numpy.random.Generator.*got NoneType"),
    ("forward rng seed", lambda: net().forward(X, train=False, rng=3), TypeError, r"^rng must be a numpy.random.Generator.*got int"),
    ("dropout fit rng", lambda: net(dropout=0.5).fit(X, np.zeros(3, int)), TypeError, r"^rng must be a numpy.random.Generator.*got NoneType"),
    ("fit reg < 0", lambda: net().fit(X, np.zeros(3, int), reg=-1e-3), ValueError, r"^reg must be a finite number in \[0, inf\); got -0.001$"),
    ("fit l1 < 0", lambda: net().fit(X, np.zeros(3, int), l1=-1.0), ValueError, r"^l1 must be a finite number in \[0, inf\); got -1.0$"),
    ("fit l1 str", lambda: net().fit(X, np.zeros(3, int), l1="0.1"), TypeError, r"^l1 must be a real number; got str"),
    ("fit reg per layer count", lambda: net().fit(X, np.zeros(3, int), reg=[0.1, 0.1, 0.1]), ValueError, r"^reg must be a number >= 0 or a sequence of 2 numbers \(one per layer\); got 3 numbers$"),
    ("fit l1 per layer < 0", lambda: net().fit(X, np.zeros(3, int), l1=(0.1, -0.1)), ValueError, r"^l1\[1\] must be a finite number in \[0, inf\); got -0.1$"),
    ("fit max_norm 0", lambda: net().fit(X, np.zeros(3, int), max_norm=0), ValueError, r"^max_norm must be a finite number in \(0, inf\); got 0$"),
    ("fit max_norm str", lambda: net().fit(X, np.zeros(3, int), max_norm="3"), TypeError, r"^max_norm must be a real number; got str"),
    ("fit penalize_biases", lambda: net().fit(X, np.zeros(3, int), penalize_biases="yes"), TypeError, r"^penalize_biases must be a bool; got str"),
    ("fit multilabel labels", lambda: net().fit(X, np.full((3, 3), 2), loss="multilabel_cross_entropy"), ValueError, r"^y must hold only 0 and 1; got values in \[2, 2\]"),
    ("fit multilabel indices", lambda: net().fit(X, np.zeros(3, int), loss="multilabel_cross_entropy"), ValueError, r"^y must have shape \(N, C\) = \(3, 3\) matching X and the output layer; got shape \(3,\) \(class indices\?"),
    ("fit huber int targets", lambda: net().fit(X, np.zeros((3, 3), int), loss="huber"), TypeError, r"^y must be a float32 or float64 array; got dtype int64"),
    ("fit mae shape", lambda: net().fit(X, np.zeros(3), loss="mae"), ValueError, r"^y must have shape \(3, 3\) for loss='mae' \(N rows like X\); got shape \(3,\)"),
    ("fit squared hinge 1 output", lambda: MLP([4, 1], rng=RNG).fit(X, np.zeros(3, int), loss="multiclass_squared_hinge"), ValueError, r"^loss 'multiclass_squared_hinge' needs at least 2 outputs; got an output layer of size 1"),
    ("two_clouds rng", lambda: datasets.two_clouds(10, rng=0), TypeError, r"^rng must be a numpy.random.Generator"),
    ("two_clouds size", lambda: datasets.two_clouds(0, rng=RNG), ValueError, r"^n_samples must be an integer >= 1; got 0"),
    ("standin classes", lambda: datasets.digit_standin(10, 5, 1, rng=RNG), ValueError, r"^n_classes must be an integer >= 2"),
    ("standin density", lambda: datasets.digit_standin(10, 5, density=0.0, rng=RNG), ValueError, r"^density must be a finite number in \(0, 1\]"),
    ("standin noise", lambda: datasets.digit_standin(10, 5, noise=-1.0, rng=RNG), ValueError, r"^noise must be a finite number in \[0, inf\)"),
    ("factor one layer", lambda: monitoring.factor_toward_output([2.0]), ValueError, r"^values must have one entry per layer, at least 2; got shape \(1,\)"),
    ("factor zero", lambda: monitoring.factor_toward_input([1.0, 0.0]), ValueError, r"^values must be positive"),
    ("factor 2-D", lambda: monitoring.factor_toward_input(np.ones((2, 2))), ValueError, r"^values must be a 1-D float array of shape \(L,\)"),
    ("accuracy of a str", lambda: evaluation.accuracy("net", X, np.zeros(3, int)), TypeError, r"^net must be a classifier with a predict method"),
    ("accuracy labels", lambda: evaluation.accuracy(net(), X, np.zeros(4, int)), ValueError, r"^y must have shape \(N,\) = \(3,\) matching X"),
    ("accuracy float labels", lambda: evaluation.accuracy(net(), X, np.zeros(3)), TypeError, r"^y must be an integer array of labels"),
    ("accuracy no rows", lambda: evaluation.accuracy(net(), np.zeros((0, 4)), np.zeros(0, int)), ValueError, r"^X must have at least one row"),
    ("grid extent", lambda: evaluation.decision_grid(net(), (0, 1, 2)), TypeError, r"^extent must be \(x_min, x_max, y_min, y_max\)"),
    ("grid extent reversed", lambda: evaluation.decision_grid(net(), (0, 1, 2, -2)), ValueError, r"^extent\[2:4\] \(y_min, y_max\) must be a pair"),
    ("grid size", lambda: evaluation.decision_grid(net(), (0, 1, 0, 1), n=1), ValueError, r"^n must be an integer >= 2"),
    ("grid inputs", lambda: evaluation.decision_grid(net(), (0, 1, 0, 1)), ValueError, r"^x must have shape \(N, 4\) for this model"),
]


@pytest.mark.parametrize(("call", "error", "message"), [case[1:] for case in BAD], ids=[case[0] for case in BAD])
def test_bad_input(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_the_table_is_large_and_distinct():
    assert len(BAD) >= 30 and len({case[0] for case in BAD}) == len(BAD)


def forward_backward_pairs():
    """(forward with its arguments bound, backward, dout) for every public backward."""
    state = BatchNormState.initial(4)
    return [
        (A.identity_forward, A.identity_backward, [X]),
        (A.sigmoid_forward, A.sigmoid_backward, [X]),
        (A.tanh_forward, A.tanh_backward, [X]),
        (A.relu_forward, A.relu_backward, [X]),
        (A.leaky_relu_forward, A.leaky_relu_backward, [X]),
        (A.elu_forward, A.elu_backward, [X]),
        (A.prelu_forward, A.prelu_backward, [X, 0.25]),
        (A.maxout_forward, A.maxout_backward, [X, np.ones((2, 4, 4)), np.ones((2, 4))]),
        (affine_forward, affine_backward, [X, np.ones((4, 4)), np.ones(4)]),
        (lambda x: dropout_forward(x, 0.5, train=True, rng=RNG), dropout_backward, [X]),
        (lambda x: vanilla_dropout_forward(x, 0.5, train=True, rng=RNG), vanilla_dropout_backward, [X]),
        (lambda x: batchnorm_forward(x, np.ones(4), np.zeros(4), state, train=True), batchnorm_backward, [X]),
    ]


PAIRS = forward_backward_pairs()


@pytest.mark.parametrize(("forward", "backward", "inputs"), PAIRS, ids=[p[1].__name__ for p in PAIRS])
def test_every_backward_takes_only_its_own_forwards_cache(forward, backward, inputs):
    """Before, None gave "'NoneType' object is not subscriptable" and a cache of the same
    length from another forward (relu's (x,) in sigmoid's place) a silently wrong gradient."""
    made_by = backward.__name__.replace("_backward", "_forward")
    dout = np.ones((3, 4))
    backward(dout, forward(*inputs)[1])  # its own cache is accepted
    other, other_inputs = (A.sigmoid_forward, [X]) if backward is A.relu_backward else (A.relu_forward, [X])
    bad = [(None, "NoneType"), ((X,), "tuple"), (other(*other_inputs)[1], f"the cache of {other.__name__}")]
    for cache, got in bad:
        with pytest.raises(TypeError, match=rf"^cache must be the cache returned by {made_by} \(its second return value\); got {got}$"):
            backward(dout, cache)


@pytest.mark.parametrize(
    ("call", "suggestion"),
    [
        (lambda: A.get_activation("rellu"), r"\(did you mean 'relu'\?\)$"),
        (lambda: A.get_activation("ReLU"), r"\(did you mean 'relu'\?\)$"),
        (lambda: MLP([3, 4, 2], "tahn", rng=RNG), r"\(did you mean 'tanh'\?\)$"),
        (lambda: init.get_initializer("he"), r"\(did you mean 'he_normal' or 'he_uniform'\?\)$"),
        (lambda: losses.get_loss("crossentropy"),
         r"\(did you mean 'binary_cross_entropy' or 'softmax_cross_entropy' or 'multilabel_cross_entropy'\?\)$"),
        (lambda: net().fit(X, np.zeros(3, int), loss="hinge"),
         r"\(did you mean 'binary_hinge' or 'multiclass_hinge' or 'multiclass_squared_hinge'\?\)$"),
        (lambda: A.get_activation("swish"), r"got 'swish'$"),  # nothing close: the list alone
    ],
    ids=["rellu", "ReLU", "tahn", "he", "crossentropy", "hinge", "swish"],
)
def test_unknown_names_suggest_the_closest(call, suggestion):
    with pytest.raises(ValueError, match=r"must be one of .*" + suggestion):
        call()
