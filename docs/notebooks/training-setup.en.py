# ---
# jupyter:
#   kernelspec:
#     name: python3
#     display_name: Python 3
#     language: python
# ---

# %% [markdown]
# # Exercise: initialization in a deep net
#
# A unit with $n$ inputs multiplies the variance of its inputs by $n\,\mathrm{Var}(w)$. In a
# deep net this factor is applied once per layer, so the scale of the initial weights decides
# whether the activations shrink to zero, blow up, or keep their size. In this notebook you will:
#
# 1. push one batch through nets of 10 hidden layers with five choices of activation and
#    initialization and redraw the standard deviation per layer from the chapter
#    [Setting up training](../../training-setup/);
# 2. scale He's weights by a factor of your choice and check that the activations grow or
#    shrink by exactly that factor per layer.
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
# ## 1. Five initializations, one forward pass each
#
# The inputs are 500 samples of 500 values drawn from $\mathcal{N}(0, 1)$. Each net has 10
# hidden layers of 500 units and zero biases; we only run it forward (in float32, which is
# faster and precise enough here) and ask `layer_statistics` for the standard deviation
# of every hidden layer's activations. The settings: tanh with weights $0.01\cdot\mathcal{N}(0, 1)$
# (too small) and $1.0\cdot\mathcal{N}(0, 1)$ (too large), tanh with Xavier,
# $\mathrm{Var}(w) = 2/(n_\text{in} + n_\text{out})$, and ReLU with Xavier and with He,
# $\mathrm{Var}(w) = 2/n_\text{in}$.

# %%
from nnnotes import MLP, get_initializer
from nnnotes.monitoring import factor_toward_output, layer_statistics

DEPTH, WIDTH = 10, 500
X = np.random.default_rng(0).standard_normal((500, WIDTH), dtype=np.float32)
SETTINGS = {  # label: (activation, initializer)
    "tanh, 0.01·N(0,1)": ("tanh", get_initializer("small_random", scale=0.01)),
    "tanh, 1.0·N(0,1)": ("tanh", get_initializer("small_random", scale=1.0)),
    "tanh, Xavier": ("tanh", get_initializer("xavier_normal")),
    "ReLU, Xavier": ("relu", get_initializer("xavier_normal")),
    "ReLU, He": ("relu", get_initializer("he_normal")),
}


def deep_net(activation, init, seed=1):
    return MLP([WIDTH] * (DEPTH + 1) + [10], activation, init=init, rng=np.random.default_rng(seed),
               dtype=np.float32)


nets = {label: deep_net(*setting) for label, setting in SETTINGS.items()}
stds = {label: np.array([s.std for s in layer_statistics(net, X)]) for label, net in nets.items()}
for label, s in stds.items():
    print(f"{label:18s} std layer 1: {s[0]:.2e}  layer 10: {s[-1]:.2e}  factor per layer {factor_toward_output(s):.3f}")

# %%
from matplotlib.ticker import FuncFormatter

POWERS_OF_TEN = FuncFormatter(lambda v, _: f"$10^{{{np.log10(v):.0f}}}$")  # the math font has a minus sign
STYLES = [("-", "o"), ("--", "s"), ("-.", "^"), (":", "v"), ((0, (5, 1, 1, 1)), "D")]
layers = np.arange(1, DEPTH + 1)

fig, ax = plt.subplots(figsize=(7, 3))
for (label, s), (style, marker) in zip(stds.items(), STYLES):
    ax.plot(layers, s, linestyle=style, marker=marker, markersize=4, label=label)
ax.set(yscale="log", xticks=layers, xlabel="hidden layer", ylabel="std of the activations (log scale)",
       title="Standard deviation per layer at initialization")
ax.yaxis.set_major_formatter(POWERS_OF_TEN)
ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=8)
fig.tight_layout()
show(fig, f"The standard deviation of the activations in each of 10 hidden layers at initialization, log "
          f"scale, for tanh with 0.01·N(0,1), tanh with 1.0·N(0,1), tanh with Xavier, ReLU with Xavier and ReLU "
          f"with He. With 0.01·N(0,1) it falls by orders of magnitude, to "
          f"{stds['tanh, 0.01·N(0,1)'][-1]:.1e} in layer 10; tanh with 1.0·N(0,1) stays near 1 because its units "
          f"are saturated; tanh and ReLU with Xavier shrink steadily, ReLU faster; and ReLU with He stays level.")

# %% [markdown]
# **Check.** Too small: with $0.01\cdot\mathcal{N}(0, 1)$ each tanh layer multiplies the
# standard deviation by $0.01\sqrt{500} \approx 0.22$ (tanh is nearly the identity near 0), so it
# falls by orders of magnitude. Too large: with $\mathcal{N}(0, 1)$ most tanh outputs sit in the
# flat tails, $|h| > 0.99$, in every layer; the units are saturated. ReLU with Xavier has half
# the variance it needs and loses a factor of about $\sqrt{1/2} \approx 0.71$ per layer. ReLU with
# He keeps the standard deviation within a factor of 2 across all 10 layers.

# %%
factor = {label: factor_toward_output(s) for label, s in stds.items()}
small = stds["tanh, 0.01·N(0,1)"]
saturated = [np.mean(np.abs(h) > 0.99) for _, h in nets["tanh, 1.0·N(0,1)"].hidden_layers(X)]
print(f"0.01·N(0,1): layer 10 / layer 1 = {small[-1] / small[0]:.1e};"
      f"  1.0·N(0,1): saturated share of the weakest layer {min(saturated):.2f}")

assert abs(factor["tanh, 0.01·N(0,1)"] - 0.01 * np.sqrt(WIDTH)) < 0.1 * 0.01 * np.sqrt(WIDTH)
assert small[-1] / small[0] < 1e-4
assert min(saturated) > 0.85
assert 0.62 < factor["ReLU, Xavier"] < 0.8
he = stds["ReLU, He"]
assert he.max() / he.min() < 2

# %% [markdown]
# ## 2. Your turn: scale He's weights
#
# Multiply every weight of the ReLU net by `GAIN`. Then $\mathrm{Var}(w)$ is $\mathrm{GAIN}^2$
# times He's $2/n$, so each layer multiplies the variance of the activations by $\mathrm{GAIN}^2$
# and their standard deviation by `GAIN`: after nine layers by $\mathrm{GAIN}^9$. `GAIN = 1` is
# He; $\sqrt{1/2}$ is Xavier for these square layers; $0.01\sqrt{500/2} \approx 0.16$ is
# $0.01\cdot\mathcal{N}(0, 1)$. Try 0.5, 1 and 2 as well.

# %%
# ✎ change this setting
GAIN = 1.5  # weights = GAIN × He's weights

# %%
from nnnotes.init import he_normal


def scaled_he(shape, *, rng, dtype=np.float64):
    return (GAIN * he_normal(shape, rng=rng, dtype=dtype)).astype(dtype)


scaled = np.array([s.std for s in layer_statistics(deep_net("relu", scaled_he), X)])
measured = factor_toward_output(scaled)
print(f"GAIN = {GAIN:g}: factor per layer {measured:.3f}, layer 10 / layer 1 = {scaled[-1] / scaled[0]:.3g}"
      f" (predicted {GAIN ** (DEPTH - 1):.3g})")

fig, ax = plt.subplots(figsize=(7, 2.8))
ax.plot(layers, he, linestyle="--", marker="s", markersize=4, color=PALETTE[0], label="He (GAIN = 1)")
ax.plot(layers, scaled, linestyle="-", marker="o", markersize=4, color=PALETTE[4], label=f"GAIN = {GAIN:g}, measured")
ax.plot(layers, scaled[0] * GAIN ** (layers - 1), linestyle=":", color="black", label=r"layer 1 × GAIN$^{l-1}$")
ax.set(yscale="log", xticks=layers, xlabel="hidden layer l", ylabel="std of the activations (log scale)",
       title="Each layer multiplies the scale by GAIN")
ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=8)
fig.tight_layout()
show(fig, f"The standard deviation of the activations per hidden layer at initialization, log scale, for "
          f"ReLU with He's weights (GAIN = 1, dashed), with He's weights times GAIN = {GAIN:g} (solid), and the "
          f"prediction layer 1 × GAIN^(l−1) (dotted). He's line stays level, while the scaled one changes by a "
          f"factor of {measured:.2f} per layer and follows the prediction.")

# %% [markdown]
# **Check.** The measured factor per layer matches `GAIN` within 10%, and the standard
# deviation of layer 10 is within a factor of 2 of the prediction $\mathrm{GAIN}^9$ times layer 1.

# %%
assert abs(measured - GAIN) < 0.1 * GAIN
assert 0.5 < (scaled[-1] / scaled[0]) / GAIN ** (DEPTH - 1) < 2

# %% [markdown]
# ## What to try next
#
# Each prompt has an answer below it; try it before you open the answer.
#
# **1.** Use `"tanh"` in section 2 (`deep_net("tanh", scaled_he)`): is the factor still `GAIN` once
# the activations are large?
#
# <details><summary>Answer</summary>
#
# No, not even while they are small. Near 0 tanh is almost the identity, so a layer multiplies the
# standard deviation by $\mathrm{GAIN}\cdot\sqrt{2}$: He's weights carry the factor 2 that only
# ReLU's lost half needs. With `GAIN = 0.5` you see about 0.7 per layer. Once the activations reach
# about 1, tanh saturates. Its output cannot leave $(-1, 1)$, so the standard deviation stops
# growing and settles at a level below 1 (about 0.75 for `GAIN = 1.5`), and the factor per layer
# goes to 1. The rule "the scale changes by a fixed factor per layer" holds only for a unit that is
# linear, or piecewise linear like ReLU, over the range of its inputs. The check cell fails.
#
# </details>
#
# **2.** Set `WIDTH = 100`. The factor of $0.01\cdot\mathcal{N}(0, 1)$ becomes $0.01\sqrt{100}$,
# while Xavier and He scale their weights with the width and keep their factors.
#
# <details><summary>Answer</summary>
#
# The printed factor of $0.01\cdot\mathcal{N}(0, 1)$ falls from about 0.22 to about 0.1, so after nine
# layers the activations are smaller still. Xavier and He print the same factors as with 500 units,
# up to the noise of a random net: their variance is $1/n$ or $2/n$, so $n\,\mathrm{Var}(w)$ does not
# depend on the width. That is the point of scaling by the fan-in. $1.0\cdot\mathcal{N}(0, 1)$
# stays saturated, since an input spread of $\sqrt{100} = 10$ is still far into tanh's flat tails.
#
# </details>
#
# **3.** Measure the gradients of the same nets with `net.backward` (see the exercise on gradient
# flow).
#
# <details><summary>Answer</summary>
#
# One backward pass per net, with the same random gradient at the scores for all of them, as in the
# chapter's section on the gradients of the same nets:
#
# ```python
# G = np.random.default_rng(0).standard_normal((500, 10)).astype(np.float32) / 500
# for label, net in nets.items():
#     net.forward(X, train=True)
#     grads = net.backward(G)
#     print(f"{label:18s}", [f"{np.linalg.norm(grads[f'W{l}']):.1e}" for l in (1, DEPTH)])
# ```
#
# You see the picture of the chapter's figure. With $0.01\cdot\mathcal{N}(0, 1)$ the weight
# gradients of layer 1 and layer 10 are about equally large, but both tiny: the whole net learns
# almost nothing. With $1.0\cdot\mathcal{N}(0, 1)$ the gradient of layer 1 is many orders of
# magnitude larger than that of layer 10: it explodes toward the input. With Xavier for tanh and He
# for ReLU the two are of similar, usable size. (The gradient that reaches a layer, `grads[f"b{l}"]`,
# does vanish toward the input with the small weights; the weight gradient does not, because the
# layer's input grows as that gradient shrinks.)
#
# </details>
