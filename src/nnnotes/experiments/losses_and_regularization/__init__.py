"""Loss functions and regularization: what a network minimizes, data loss plus penalty.

The sections, one module each, every experiment seeded and small enough for the build:

* ``classification_losses``: the multiclass SVM (hinge, squared hinge) and softmax
  cross-entropy on the same three class scores, as the correct class's score moves
  (``score_sweep``) and as every score is scaled (``scale_sweep``); where ``exp`` overflows
  and the shift by the largest score that avoids it (``naive_softmax``, ``overflow_score``);
* ``regression_losses``: a line fitted under L2 (MSE), L1 (MAE) and Huber to noisy points
  with one outlier (``line_data``, ``fitted_line``, ``outlier_sweep``).

The regularization half: ``sparsity`` (L1 against L2 at matched held-out accuracy, and
penalized biases), ``max_norm`` (the max-norm constraint at a high learning rate) and
``dropout`` (vanilla and inverted dropout, the scaled net against the ensemble of thinned
nets); those modules keep their own seeds.
"""

from ..claims import setting

SEED = setting("losses_and_regularization.seed", 0, fmt="d")  # every experiment of the chapter
