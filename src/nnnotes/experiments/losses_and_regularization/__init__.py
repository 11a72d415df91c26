"""Loss functions and regularization.

Regularization half (``sparsity``, ``max_norm``, ``dropout``); the loss-function half and this
docstring's full version come from the chapter's other part when the two are merged.
"""
