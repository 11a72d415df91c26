"""ReLU in practice: dead units versus learning rate, convergence speed by activation, learned PReLU slopes.

One setting is shared by every experiment here, so the numbers on the page can be compared
with each other:

* data: ``spirals`` with N = 200 points in 3 classes (noise 0.2) drawn with seed ``DATA_SEED``;
  a held-out set of the same size drawn with seed ``TEST_SEED``;
* net: ``MLP([2, WIDTH, 3])`` — one hidden layer of ``WIDTH`` units, He-normal weights, zero
  biases unless stated, softmax cross-entropy;
* training: full-batch gradient descent (one update per epoch), no momentum, no regularization;
* repetitions: the initialization seeds ``SEEDS`` (the data stay the same).

The setting is in ``spirals``; the sections are ``dead_units``, ``convergence`` and ``prelu``.
Every function is deterministic and cached, the expensive ones across processes (``@shared``),
so the claims and the figure scripts share one computation. Returned arrays are read-only.
"""
