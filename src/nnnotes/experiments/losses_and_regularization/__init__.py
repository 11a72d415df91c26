"""Loss functions and regularization.

Regularization half: ``sparsity`` (L1 against L2 at matched held-out accuracy, and penalized
biases), ``max_norm`` (the max-norm constraint at a high learning rate) and ``dropout`` (vanilla
and inverted dropout, the scaled net against the ensemble of thinned nets).
"""

# Minimal on purpose: when the two halves of the chapter are merged, this file becomes the
# loss-function half's __init__.py (its docstring describes the whole chapter); nothing here is
# imported by the regularization modules.
