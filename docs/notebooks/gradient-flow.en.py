# ---
# jupyter:
#   kernelspec:
#     name: python3
#     display_name: Python 3
#     language: python
# ---

# %% [markdown]
# # Exercise: gradients layer by layer
#
# Backpropagation multiplies the gradient by one factor per layer on its way down to the
# input. If the typical factor is below 1 the gradient vanishes, if it is above 1 it explodes.
# In this notebook you will:
#
# 1. measure the gradient that reaches every hidden layer of four deep nets at initialization
#    and redraw the first figure of the chapter [Gradient flow](../../gradient-flow/);
# 2. make the nets deeper and see which of them still deliver a usable gradient to the first
#    layer.
#
# **Running it yourself.** Download the notebook with the button above and open it in Jupyter,
# VS Code or Colab. In the download, the first code cell installs what the notebook needs: the
# `nnnotes` these outputs were made with (from this site) and matplotlib. It then prepares the
# plots: fonts, colors and a compact PNG display. Run the cells from top to bottom.
#
# Each experiment ends with a **check** cell of `assert` statements. They hold for the values
# shipped here. If one fails after you change a setting, the sentence it checks is no longer
# true for your setting.

# %% [markdown]
# ## 1. Ten hidden layers at initialization
#
# The data are the chapter's synthetic stand-in for MNIST (`digit_standin`): 1000 samples of 784
# values in $[0, 1]$, 10 classes. Each net has hidden layers of 100 units, 10 outputs, softmax
# cross-entropy and zero biases. One forward and one backward pass give the gradient of every
# bias vector; its norm $\lVert\partial L/\partial b_l\rVert$ says how strongly layer $l$ is
# pushed. Each activation gets the initialization designed for it (Xavier for sigmoid and tanh,
# He for ReLU), plus one mismatch: ReLU with Xavier, which has half of He's variance.

# %%
from nnnotes import MLP, get_loss
from nnnotes.datasets import digit_standin
from nnnotes.monitoring import factor_toward_input

X, y = digit_standin(rng=np.random.default_rng(0))
cross_entropy = get_loss("softmax_cross_entropy")
SETTINGS = [("sigmoid", "xavier_normal"), ("tanh", "xavier_normal"), ("relu", "he_normal"), ("relu", "xavier_normal")]
INIT_NAMES = {"xavier_normal": "Xavier", "he_normal": "He"}
STYLES = [("-", "o"), ("--", "s"), ("-.", "^"), (":", "v")]  # line style and marker per setting


def bias_gradient_norms(activation, init, depth, width=100, seed=0):
    """‖∂L/∂b_l‖ for the hidden layers l = 1 … depth of a fresh net (index 0 = next to the input)."""
    net = MLP([X.shape[1]] + [width] * depth + [10], activation, init=init, rng=np.random.default_rng(seed))
    _, dscores = cross_entropy(net.forward(X, train=True), y)
    grads = net.backward(dscores)
    return np.array([np.linalg.norm(grads[f"b{l}"]) for l in range(1, depth + 1)])


norms = {setting: bias_gradient_norms(*setting, depth=10) for setting in SETTINGS}
for (activation, init), g in norms.items():
    print(f"{activation:8s} {init:14s} layer 10: {g[-1]:.1e}  layer 1: {g[0]:.1e}"
          f"  factor per layer {factor_toward_input(g):.3f}")


# %%
from matplotlib.ticker import FuncFormatter, MaxNLocator

POWERS_OF_TEN = FuncFormatter(lambda v, _: f"$10^{{{np.log10(v):.0f}}}$")  # the math font has a minus sign


def plot_norms(ax, norms, title):
    for ((activation, init), g), (style, marker) in zip(norms.items(), STYLES):
        ax.plot(np.arange(1, len(g) + 1), g, linestyle=style, marker=marker, markersize=4,
                label=f"{activation}, {INIT_NAMES[init]}")
    g = norms[SETTINGS[0]]  # the sigmoid net: a guide line from its top layer, × 1/4 per layer down
    layers = np.arange(1, len(g) + 1)
    ax.plot(layers, g[-1] * 0.25 ** (len(g) - layers), color="black", linewidth=0.8, linestyle=(0, (1, 3)),
            label="× 1/4 per layer")
    ax.set(yscale="log", xlabel="hidden layer l (1 = next to the input)", title=title,
           ylabel=r"$\|\partial L/\partial b_l\|$ (log scale)")
    ax.yaxis.set_major_formatter(POWERS_OF_TEN)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=8)


fig, ax = plt.subplots(figsize=(7, 3))
plot_norms(ax, norms, "Gradient per layer at initialization, 10 hidden layers")
fig.tight_layout()
show(fig, f"The norm of each hidden layer's bias gradient at initialization on a log scale, for 10 hidden "
          f"layers (layer 1 next to the input): sigmoid with Xavier, tanh with Xavier, ReLU with He, ReLU with "
          f"Xavier, and a dotted guide that shrinks by 1/4 per layer. The sigmoid line follows the guide down to "
          f"layer 1, which gets {norms[SETTINGS[0]][0] / norms[SETTINGS[0]][-1]:.1e} of layer 10's gradient; "
          f"tanh with Xavier and ReLU with He stay level, and ReLU with Xavier falls slowly toward the input.")

# %% [markdown]
# **Check.** The sigmoid's slope is at most $1/4$, so with Xavier's $n\,\mathrm{Var}(w) = 1$
# each layer multiplies the gradient by at most about $1/4$: after nine layers the first
# layer gets less than a ten-thousandth of what the tenth gets. Tanh with Xavier and ReLU with
# He keep a factor close to 1. ReLU with Xavier loses a factor of about $\sqrt{1/2} \approx 0.71$
# per layer, because ReLU passes the gradient on only half of its units.

# %%
factors = {setting: factor_toward_input(g) for setting, g in norms.items()}
sigmoid = norms[("sigmoid", "xavier_normal")]
print(f"sigmoid: layer 1 gets {sigmoid[0] / sigmoid[-1]:.1e} of the gradient of layer 10")

assert 0.15 < factors[("sigmoid", "xavier_normal")] < 0.26
assert sigmoid[0] / sigmoid[-1] < 1e-4
assert 0.8 < factors[("tanh", "xavier_normal")] < 1.25
assert 0.8 < factors[("relu", "he_normal")] < 1.25
assert 0.6 < factors[("relu", "xavier_normal")] < 0.85

# %% [markdown]
# ## 2. Your turn: make the nets deeper
#
# Set `DEPTH` below and measure again. Each extra sigmoid layer should cost another factor of
# about 4, so the first layer's gradient falls by orders of magnitude, while tanh with Xavier
# and ReLU with He stay level at any depth. Try 3, 20 and 40.

# %%
# ✎ change this setting
DEPTH = 20  # number of hidden layers (section 1 used 10)

# %%
deep = {setting: bias_gradient_norms(*setting, depth=DEPTH) for setting in SETTINGS}
for (activation, init), g in deep.items():
    print(f"{activation:8s} {init:14s} layer 1 / layer {DEPTH}: {g[0] / g[-1]:.1e}"
          f"  factor per layer {factor_toward_input(g):.3f}")

fig, ax = plt.subplots(figsize=(7, 3))
plot_norms(ax, deep, f"Gradient per layer at initialization, {DEPTH} hidden layers")
fig.tight_layout()
show(fig, f"The norm of each hidden layer's bias gradient at initialization on a log scale, for {DEPTH} "
          f"hidden layers (layer 1 next to the input), in the same four nets with the dotted guide that shrinks by "
          f"1/4 per layer. The sigmoid line still follows the guide, so the ratio layer 1 / layer {DEPTH} is "
          f"{deep[SETTINGS[0]][0] / deep[SETTINGS[0]][-1]:.1e}, while tanh with Xavier and ReLU with He stay level "
          f"and ReLU with Xavier falls steadily toward the input.")

# %% [markdown]
# **Check.** Depth does not change the factor per layer; it changes how often it is applied.
# The sigmoid still loses about 4 per layer. Tanh with Xavier and ReLU with He keep a factor
# close to 1, and every one of their layers stays within a factor of 5 of the top layer.

# %%
deep_factors = {setting: factor_toward_input(g) for setting, g in deep.items()}
assert deep_factors[("sigmoid", "xavier_normal")] < 0.26
for setting in [("tanh", "xavier_normal"), ("relu", "he_normal")]:
    assert 0.8 < deep_factors[setting] < 1.25
    assert 0.2 < deep[setting].min() / deep[setting][-1] and deep[setting].max() / deep[setting][-1] < 5

# %% [markdown]
# ## What to try next
#
# - Multiply He's weights by 2 (pass `init=lambda shape, *, rng, dtype=np.float64: 2 * he_normal(shape, rng=rng, dtype=dtype)`
#   with `from nnnotes.init import he_normal`): the ReLU gradient now grows towards the input.
#
#   <details><summary>Answer</summary>
#
#   It grows by a factor of about 2 per layer on the way down, as the factor
#   $r = \sqrt{n\,\mathrm{Var}(w)\,\mathbb{E}[f'(z)^2]}$ of the chapter predicts: twice He's
#   standard deviation is four times its variance, so $r = \sqrt{4 \cdot 2 \cdot 1/2} = 2$. With 10
#   hidden layers, layer 1 gets a few hundred times the gradient of layer 10; with 20 layers,
#   about $2 \times 10^5$ times. Nothing about ReLU changed, only the scale of the weights. `plot_norms`
#   looks up the name of the initialization, so print the numbers instead of plotting them:
#
#   ```python
#   from nnnotes.init import he_normal
#
#   def he_twice(shape, *, rng, dtype=np.float64):
#       return 2 * he_normal(shape, rng=rng, dtype=dtype)
#
#   g = bias_gradient_norms("relu", he_twice, depth=10)
#   print(f"{per_layer_factor(g):.2f} {g[0] / g[-1]:.0f}")
#   ```
#
#   </details>
#
# - Measure $\lVert\partial L/\partial W_l\rVert$ instead of the biases' gradient.
#
#   <details><summary>Answer</summary>
#
#   Replace `grads[f"b{l}"]` by `grads[f"W{l}"]` in `bias_gradient_norms`. The sigmoid net falls
#   by about 1/4 per layer as before. The weight gradient is
#   $\partial L/\partial W_l = h_{l-1}^\top \delta_l$, and the sigmoid's outputs $h$ all lie near
#   $1/2$, so it follows $\delta_l$. In the level nets layer 1 now stands out: its input is the data
#   itself, 784 values, rather than a hidden layer of 100. The surprise is ReLU with Xavier. Its
#   weight gradients are nearly level although its bias gradients fall. On the way up, the
#   forward pass shrinks the activations $h$ by about the same factor per layer as $\delta$ grows,
#   and the product $h_{l-1}^\top \delta_l$ hides both. The bias gradient measures $\delta_l$
#   alone, which is why the chapter uses it.
#
#   </details>
#
# - Train the 10-layer sigmoid net for a few epochs with `fit(..., record_stats=True)` and read
#   `history.grad_norm`: do the first layers catch up?
#
#   <details><summary>Answer</summary>
#
#   No. With the default learning rate 0.1, the weight gradient of layer 1 stays near $10^{-6}$
#   for the whole run while that of layer 10 falls as the top layers fit what they can. The ratio
#   of the two grows, but because the top slows down, not because the bottom speeds up. The loss
#   settles near $\ln 10 \approx 2.303$ and the training accuracy stays at 0.1: the net gives
#   every class probability $1/10$ and has learned nothing.
#
#   ```python
#   net = MLP([X.shape[1]] + [100] * 10 + [10], "sigmoid", init="xavier_normal",
#             rng=np.random.default_rng(0))
#   history = net.fit(X, y, lr=0.1, epochs=20, record_stats=True)
#   print(history.grad_norm[:, [0, 9]])
#   print(history.loss[-1], history.accuracy[-1])
#   ```
#
#   </details>
