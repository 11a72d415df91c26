"""The activation functions compared: why non-linear, their shapes and saturated regions,
sigmoid saturation at initialization, the zig-zag of all-positive inputs, mean outputs for
zero-mean inputs, Maxout, and measured compute cost.

Every curve is what nnnotes computes: f(x) is a forward pass and f′(x) is the backward pass
for an upstream gradient of ones. Every experiment is seeded (keyword ``seed``) and small.
"""

SEED = 0  # every experiment of the chapter
