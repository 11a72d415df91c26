"""Gradient flow: how the size of the gradient changes from layer to layer.

Four experiments, each seeded and small enough for the build:

* per-layer gradient norms at initialization in deep sigmoid / tanh / ReLU nets
  (``deep_bias_gradients``), the vanishing gradient;
* Nielsen's "speed of learning" ‖∂C/∂b_l‖ per hidden layer of a [784, 30, 30, (30,) 10]
  sigmoid net, at initialization and during training (``learning_speeds``), on a synthetic
  stand-in for his 1000 MNIST images (``nnnotes.datasets.digit_standin``);
* the norm of a product of random n×n Gaussian matrices against depth and scale
  (``product_log_norms``), with the exact growth rate (``exact_growth_rate``);
* ReLU "knock-out": the gradient that reaches a lower layer when a fraction of the units of
  the layer above is dead (``knockout``).

Notation: hidden layer l computes z_l = h_{l−1} W_l + b_l and h_l = f(z_l), h_0 = x, with
W_l of shape (n_{l−1}, n_l). Backpropagation gives δ_l = ∂L/∂z_l = (δ_{l+1} W_{l+1}ᵀ) ⊙ f′(z_l),
∂L/∂b_l = Σ_n δ_l[n] and ∂L/∂W_l = h_{l−1}ᵀ δ_l (sums over the batch).
"""

SEED = 0  # every experiment of the chapter
