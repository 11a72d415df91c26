# ---
# jupyter:
#   kernelspec:
#     name: python3
#     display_name: Python 3
#     language: python
# ---

# %% [markdown]
# # Exercise: capacity and overfitting
#
# A wider net can draw more complicated decision boundaries, including boundaries that follow
# the noise of its training sample. In this notebook you will:
#
# 1. train nets with 3, 6 and 20 hidden neurons on noisy XOR and redraw their decision regions,
#    the capacity figure of the chapter [Capacity and size](../../capacity/);
# 2. keep the 20-neuron net and add L2 regularization, and watch what it does to the boundary,
#    the weights and the accuracy on new data.
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
# ## 1. Three widths on noisy XOR
#
# The data are XOR with a lot of noise: 100 training points around the corners $(\pm 1, \pm 1)$
# with Gaussian noise of standard deviation $\sigma = 0.7$, and 4000 held-out points from the
# same distribution. The label is 1 where the signs of the corner's coordinates differ. Since
# the noise can push a point across an axis, even the best possible classifier, which predicts
# from the two signs, is sometimes wrong. Its accuracy, the **Bayes rate**, is
# $p^2 + (1 - p)^2$ with $p = \Phi(1/\sigma)$, the probability that one sign survives the noise.
# Each net is `MLP([2, H, 1])` with ReLU, trained by full-batch gradient descent with momentum.

# %%
import math

from matplotlib.colors import LinearSegmentedColormap

from nnnotes import MLP, get_activation
from nnnotes.datasets import xor

NOISE = 0.7
X, y = xor(100, noise=NOISE, rng=np.random.default_rng(0))
X_test, y_test = xor(4000, noise=NOISE, rng=np.random.default_rng(1))
p = 0.5 * (1 + math.erf(1 / NOISE / math.sqrt(2)))  # Φ(1/σ)
BAYES = p**2 + (1 - p) ** 2
print(f"Bayes rate: {BAYES:.3f}")


def train(width, reg=0.0, seed=0):
    """MLP([2, width, 1]) with ReLU, trained like the chapter's nets (full batch, momentum 0.9)."""
    net = MLP([2, width, 1], rng=np.random.default_rng(seed))
    net.fit(X, y, loss="binary_cross_entropy", lr=0.5, epochs=3000, momentum=0.9, reg=reg)
    return net


def accuracy(net, X, y):
    return np.mean(net.predict(X) == y)


WIDTHS = (3, 6, 20)
nets = {width: train(width) for width in WIDTHS}
scores = {width: (accuracy(net, X, y), accuracy(net, X_test, y_test)) for width, net in nets.items()}
for width, (train_acc, test_acc) in scores.items():
    print(f"{width:2d} hidden neurons: training {train_acc:.3f}  held-out {test_acc:.3f}"
          f"  gap {train_acc - test_acc:.3f}")

# %%
sigmoid = get_activation("sigmoid")
tint = LinearSegmentedColormap.from_list("tint", [PALETTE[0], "white", PALETTE[4]])
gx, gy = np.meshgrid(np.linspace(-3, 3, 120), np.linspace(-3, 3, 120))
grid = np.column_stack([gx.ravel(), gy.ravel()])


def draw_regions(ax, net, title):
    """Probability of class 1 as shading, the decision boundary p = 0.5 and the training points."""
    prob = sigmoid.forward(net.forward(grid, train=False))[0].reshape(gx.shape)
    ax.contourf(gx, gy, prob, levels=np.linspace(0, 1, 11), cmap=tint, alpha=0.45)
    ax.contour(gx, gy, prob, levels=[0.5], colors="black", linewidths=1.2)
    ax.scatter(*X[y == 0].T, s=8, marker="o", color=PALETTE[0])
    ax.scatter(*X[y == 1].T, s=10, marker="^", color=PALETTE[4])
    ax.set(xlim=(-3, 3), ylim=(-3, 3), aspect="equal", xticks=[-2, 0, 2], yticks=[-2, 0, 2])
    ax.set_title(title, fontsize=9)
    ax.grid(False)


fig, axes = plt.subplots(1, 3, figsize=(7, 2.9))
for ax, width in zip(axes, WIDTHS):
    train_acc, test_acc = scores[width]
    draw_regions(ax, nets[width], f"{width} neurons\ntraining {train_acc:.0%}, held-out {test_acc:.0%}")
fig.tight_layout()
show(fig, f"Three panels of decision regions on the same noisy XOR training points (blue circles class 0, "
          f"orange triangles class 1) for nets with 3, 6 and 20 hidden neurons, each titled with its training and "
          f"held-out accuracy. 3 neurons miss a whole quadrant, 6 form the four quadrants, and 20 bend the "
          f"boundary around single points near the center: their training accuracy, {scores[20][0]:.0%}, is "
          f"above the Bayes rate, {BAYES:.0%}, the best any classifier can expect on new data.")

# %% [markdown]
# **Check.** Three neurons are too few: they miss a whole quadrant. More neurons fit the
# training points better and better. The 20-neuron net fits them far better than the Bayes
# rate allows any classifier to do on new data, so part of what it learned is noise: its gap
# between training and held-out accuracy is wider than the 6-neuron net's. That is
# overfitting.

# %%
train_acc = {width: s[0] for width, s in scores.items()}
gap = {width: s[0] - s[1] for width, s in scores.items()}
assert train_acc[3] < train_acc[6] < train_acc[20]
assert scores[3][1] < 0.75
assert train_acc[20] > BAYES + 0.05
assert gap[20] > gap[6] + 0.01

# %% [markdown]
# ## 2. Your turn: regularize instead of shrinking
#
# Instead of removing neurons, keep all 20 and add the L2 penalty $\frac{\lambda}{2}\sum\lVert W\rVert^2$.
# Set its strength `REG` below. With a moderate $\lambda$ you should see a smoother boundary,
# smaller weights, a lower training accuracy and a higher held-out accuracy, close to the Bayes
# rate. Try 0.001 and 0.1 as well: a $\lambda$ that is too strong makes the net underfit.

# %%
# ✎ change this setting
REG = 0.01  # L2 strength λ for the 20-neuron net (section 1 used 0)

# %%
def weight_norm(net):
    """√(Σ‖W‖²) over the weight matrices, the quantity that L2 penalizes."""
    return math.sqrt(sum(np.sum(net.params[name] ** 2) for name in ("W1", "W2")))


regularized = train(20, reg=REG)
results = {0.0: nets[20], REG: regularized}
for reg, net in results.items():
    print(f"λ = {reg:<6g} training {accuracy(net, X, y):.3f}  held-out {accuracy(net, X_test, y_test):.3f}"
          f"  weight norm {weight_norm(net):.1f}")

fig, (ax, ax_bar) = plt.subplots(1, 2, figsize=(7, 2.9), gridspec_kw={"width_ratios": [1, 1.3]})
draw_regions(ax, regularized, f"20 neurons, λ = {REG:g}")
positions = np.arange(len(results))
bars = ((-0.2, X, y, "training", PALETTE[0], ""), (0.2, X_test, y_test, "held-out", PALETTE[1], "//"))
for offset, data_X, data_y, label, color, hatch in bars:
    ax_bar.bar(positions + offset, [accuracy(net, data_X, data_y) for net in results.values()], width=0.4,
               label=label, color=color, hatch=hatch, edgecolor="white")
ax_bar.axhline(BAYES, color="black", linestyle=":", linewidth=1, label="Bayes rate")
ax_bar.set(xticks=positions, xticklabels=[f"λ = {reg:g}" for reg in results], ylim=(0.7, 1.0),
           ylabel="accuracy", title="20 neurons with and without L2")
ax_bar.legend(loc="upper right", fontsize=8)
fig.tight_layout()
show(fig, f"Left: decision regions of the 20-neuron net trained with L2 strength λ = {REG:g} on the noisy "
          f"XOR training points. Right: its training (solid) and held-out (hatched) accuracy for λ = 0 and "
          f"λ = {REG:g}, with a dotted line at the Bayes rate, {BAYES:.1%}: the training accuracy goes from "
          f"{accuracy(nets[20], X, y):.1%} to {accuracy(regularized, X, y):.1%} and the held-out accuracy from "
          f"{accuracy(nets[20], X_test, y_test):.1%} to {accuracy(regularized, X_test, y_test):.1%}.")

# %% [markdown]
# **Check.** The penalty shrinks the weights and lowers the training accuracy: the net no
# longer bends its boundary around single points. For the shipped $\lambda$ the held-out
# accuracy goes up and lands within two points of the Bayes rate, above the unregularized net.

# %%
plain = nets[20]
if REG > 0:
    assert weight_norm(regularized) < weight_norm(plain)
    assert accuracy(regularized, X, y) <= accuracy(plain, X, y)
if REG == 0.01:  # the statements about the shipped λ
    assert accuracy(regularized, X_test, y_test) > accuracy(plain, X_test, y_test)
    assert abs(accuracy(regularized, X_test, y_test) - BAYES) < 0.02

# %% [markdown]
# ## What to try next
#
# Each prompt has an answer below it; try it before you open the answer.
#
# **1.** Train the 20-neuron net with other seeds (`train(20, seed=1)`, …): how much do the
# accuracies move from seed to seed?
#
# <details><summary>Answer</summary>
#
# The training accuracy moves by several points, up to about ten, because each seed bends the
# boundary around a different set of noisy points. The held-out accuracy moves less and stays below
# the Bayes rate in every run: what each run memorizes differs, but the cost on new data is similar.
# Now add `reg=0.01` to the same seeds: the runs agree much more closely, near the Bayes rate.
# Regularization also makes the result depend less on the seed.
#
# </details>
#
# **2.** Lower the noise to `NOISE = 0.4`: does the 20-neuron net still overfit?
#
# <details><summary>Answer</summary>
#
# Barely. The Bayes rate rises to about 98.8%: only about one point in 80 lands in a quadrant of the
# other class, so there is little noise to memorize. The 6- and 20-neuron nets both fit every
# training point, and their held-out accuracies stay within about a point of the Bayes rate, the
# 20-neuron net slightly lower. 3 neurons still miss a quadrant: too few is still too few. The check
# cell of section 1 fails, because no training accuracy can lie 5 points above a Bayes rate of 98.8%.
#
# </details>
#
# **3.** Replace L2 by fewer epochs (early stopping): pass `epochs=300` inside `train` and compare.
#
# <details><summary>Answer</summary>
#
# After 300 epochs the 20-neuron net has a lower training accuracy and a higher held-out accuracy
# than after 3000, close to what L2 with $\lambda = 0.01$ reaches: its boundary has not yet had time
# to bend around single points. Stopping early is a regularizer too. The weights start small and grow
# during training, so fewer steps keep them smaller, much as the L2 penalty does. The number of
# epochs is then a hyperparameter like $\lambda$, chosen on a validation set: in practice one watches
# the validation loss during training and keeps the weights from the epoch where it was lowest.
#
# </details>
