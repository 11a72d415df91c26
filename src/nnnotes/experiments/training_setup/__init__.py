"""Setting up training: preprocessing, weight initialization, batch normalization, search.

Six groups of experiments, each seeded and small enough for the build, one module each:

* ``preprocessing`` (``correlated_cloud``, ``preprocessed``, ``descent_steps``): a correlated 2-D
  cloud far from the origin, zero-centred, normalized, PCA-rotated and whitened, and the
  number of gradient-descent steps a linear neuron with squared loss needs on each version;
* ``symmetry`` (``symmetry_run``, ``zero_run``): a one-hidden-layer tanh net whose weights all
  start equal, against the same net started at random; and tanh or sigmoid nets started at 0;
* ``initialization`` in a deep net (``init_statistics``, ``init_gradients``): a 10-layer net of
  500 units per layer, per-layer activation statistics after one forward pass and
  per-layer gradient norms after one backward pass, for five (activation, init) settings;
* ``batchnorm`` (``bn_training``, ``bn_steps``) and ``batchnorm_modes`` (``running_average_run``,
  ``batch_size_spread``): training with and without batch norm over learning rates and
  init scales, the algorithm on one mini-batch, the running averages of evaluation mode;
* ``batchnorm_dropout`` (``bd_runs``): a small ReLU net with neither, batch norm, dropout or both,
  trained by mini-batch SGD on noisy XOR, and the variance shift dropout causes in batch norm;
* ``hyperparameters``, the search (``objective``, ``grid_points``, ``random_points``,
  ``search_comparison``): grid against random search on a synthetic objective in which
  one of two hyperparameters matters much more than the other.

Notation: hidden layer l computes z_l = h_{l−1} W_l + b_l and h_l = f(z_l) with h_0 = x and
W_l of shape (n_{l−1}, n_l). If the entries of W_l and h_{l−1} are independent with zero
mean, Var(z_l) = n_{l−1} · Var(W_l) · E[h_{l−1}²].
"""

SEED = 0  # every experiment of the chapter
