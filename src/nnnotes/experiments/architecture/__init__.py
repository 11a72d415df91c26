"""Architecture: layers and their sizes, the forward pass as matrix products, XOR, backpropagation.

Conventions (row-major batch layout): a mini-batch X has shape (N, D), one sample per row;
a fully connected layer from D to M units has W of shape (D, M) and b of shape (M,), and
computes X·W + b, with b added to every row.

Sections, one module each:

- ``sizes``: sizes of the two reference nets [3, 4, 2] and [3, 4, 4, 1], read from ``MLP`` objects;
- ``forward``: one forward pass written out layer by layer, compared with ``MLP.forward``;
- ``collapse``: a stack of affine layers without activation functions equals one affine map;
- ``xor``: logistic regression (``MLP([2, 1])``) against one hidden layer (``MLP([2, H, 1])``);
- ``backprop``: backpropagation derived by hand for tanh hidden units, a sigmoid output and binary
  cross-entropy, checked against centred differences and against ``MLP.backward``, and used
  for full-batch gradient descent on XOR.
"""

from __future__ import annotations

from ..claims import setting

SEED = setting("architecture.seed", 0, fmt="d")  # every experiment of the chapter
