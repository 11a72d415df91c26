# ---
# jupyter:
#   kernelspec:
#     name: python3
#     display_name: Python 3
#     language: python
# ---

# %% [markdown]
# # Exercise: counting parameters and solving XOR
#
# A fully connected net is described by its list of layer sizes. In this notebook you will:
#
# 1. count the neurons and parameters of the two nets drawn in the chapter
#    [Architecture](../../architecture/), by formula and from the model objects;
# 2. train logistic regression and a net with one hidden layer on XOR and redraw the chapter's
#    XOR figure;
# 3. change the width of the hidden layer and find the smallest one that solves XOR.
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
# ## 1. Neurons and parameters
#
# For layer sizes $[n_0, n_1, \dots, n_L]$, layer $l$ holds a weight matrix of
# $n_{l-1} \times n_l$ entries and $n_l$ biases. The inputs are not neurons, so the net has
# $\sum_{l \ge 1} n_l$ neurons and $\sum_{l \ge 1} (n_{l-1} + 1)\, n_l$ parameters.

# %%
from nnnotes import MLP


def count(sizes):
    """(neurons, parameters) of a fully connected net, by the formula."""
    return sum(sizes[1:]), sum((n_in + 1) * n_out for n_in, n_out in zip(sizes, sizes[1:]))


for sizes in ([3, 4, 2], [3, 4, 4, 1]):
    net = MLP(sizes, rng=np.random.default_rng(0))
    shapes = ", ".join(f"{name} {p.shape}" for name, p in net.parameters().items())
    print(f"{sizes}: formula {count(sizes)}, model ({net.n_neurons}, {net.n_parameters});  {shapes}")

# %% [markdown]
# **Check.** The model's own arrays add up to the formula, and both nets have the counts that
# the CS231n notes give for them (the last line of the cell below).

# %%
for sizes in ([3, 4, 2], [3, 4, 4, 1]):
    net = MLP(sizes, rng=np.random.default_rng(0))
    assert (net.n_neurons, net.n_parameters) == count(sizes)
    assert net.n_parameters == sum(p.size for p in net.parameters().values())
assert count([3, 4, 2]) == (6, 26) and count([3, 4, 4, 1]) == (9, 41)

# %% [markdown]
# ## 2. XOR: one line against one hidden layer
#
# The XOR data put 200 noisy points around the corners $(\pm 1, \pm 1)$; the label is 1 where
# the two coordinates have different signs. No straight line separates the classes.
# Logistic regression is `MLP([2, 1])`: one neuron, one line. The second net puts a hidden
# layer of 4 tanh neurons in between, `MLP([2, 4, 1])`. Both use binary cross-entropy, Xavier
# weights and full-batch gradient descent. A second draw of 1000 points measures accuracy on
# data the nets never saw.

# %%
from matplotlib.colors import LinearSegmentedColormap

from nnnotes import get_activation
from nnnotes.datasets import xor

X, y = xor(200, noise=0.3, rng=np.random.default_rng(0))
X_test, y_test = xor(1000, noise=0.3, rng=np.random.default_rng(1))
LR, EPOCHS = 0.5, 1000


def train(hidden, seed=0):
    """Train MLP([2, *hidden, 1]) with tanh on the XOR sample; return the net and its final loss."""
    net = MLP([2, *hidden, 1], activation="tanh", init="xavier_normal", rng=np.random.default_rng(seed))
    history = net.fit(X, y, loss="binary_cross_entropy", lr=LR, epochs=EPOCHS)
    return net, history.loss[-1]


def accuracy(net, X, y):
    return np.mean(net.predict(X) == y)


logistic, logistic_loss = train([])
hidden4, hidden4_loss = train([4])
for name, net, loss in (("logistic regression", logistic, logistic_loss), ("one hidden layer (4)", hidden4, hidden4_loss)):
    print(f"{name:22s} loss {loss:.3f}  training accuracy {accuracy(net, X, y):.3f}"
          f"  held-out accuracy {accuracy(net, X_test, y_test):.3f}")

# %%
sigmoid = get_activation("sigmoid")
tint = LinearSegmentedColormap.from_list("tint", [PALETTE[0], "white", PALETTE[4]])
gx, gy = np.meshgrid(np.linspace(-2.2, 2.2, 120), np.linspace(-2.2, 2.2, 120))
grid = np.column_stack([gx.ravel(), gy.ravel()])


def draw_probability(ax, net, title):
    """The predicted probability of class 1 as shading, the boundary p = 0.5 and the data."""
    p = sigmoid.forward(net.forward(grid, train=False))[0].reshape(gx.shape)
    ax.contourf(gx, gy, p, levels=np.linspace(0, 1, 11), cmap=tint, alpha=0.45)
    if p.min() < 0.5 < p.max():
        ax.contour(gx, gy, p, levels=[0.5], colors="black")
    ax.scatter(*X[y == 0].T, s=8, marker="o", color=PALETTE[0])
    ax.scatter(*X[y == 1].T, s=10, marker="^", color=PALETTE[4])
    ax.set(xlim=(-2.2, 2.2), ylim=(-2.2, 2.2), aspect="equal", title=title)
    ax.grid(False)


fig, axes = plt.subplots(1, 2, figsize=(7, 3.3))
draw_probability(axes[0], logistic, f"Logistic regression: {accuracy(logistic, X, y):.0%} correct")
draw_probability(axes[1], hidden4, f"4 tanh neurons: {accuracy(hidden4, X, y):.0%} correct")
axes[0].scatter([], [], marker="o", color=PALETTE[0], label="class 0")
axes[0].scatter([], [], marker="^", color=PALETTE[4], label="class 1")
axes[0].plot([], [], color="black", label="boundary p = 0.5")
fig.legend(loc="lower center", ncol=3)
fig.tight_layout(rect=(0, 0.07, 1, 1))
show(fig, f"Two panels with the same XOR training points, blue circles (class 0) near (1, 1) and (−1, −1), "
          f"orange triangles (class 1) near (−1, 1) and (1, −1), shaded by the predicted probability of class 1 "
          f"with the boundary p = 0.5 in black. Left: logistic regression, one straight boundary over an almost "
          f"uniformly pale background, {accuracy(logistic, X, y):.0%} correct, no better than a coin toss; "
          f"right: 4 tanh hidden neurons, whose curved boundary separates the four corners, "
          f"{accuracy(hidden4, X, y):.0%} correct.")

# %% [markdown]
# **Check.** Logistic regression does no better than a coin toss, and its loss stays at
# $\ln 2$, the loss of answering $1/2$ for every point: the gradients of the four corners
# cancel. The net with one hidden layer classifies nearly every training point and nearly
# every new point correctly.

# %%
assert accuracy(logistic, X, y) < 0.6 and abs(logistic_loss - np.log(2)) < 0.01
assert accuracy(hidden4, X, y) > 0.98 and accuracy(hidden4, X_test, y_test) > 0.95

# %% [markdown]
# ## 3. Your turn: how wide must the hidden layer be?
#
# Set `HIDDEN` below. Each hidden neuron is a linear unit: its input is zero on a line
# (dotted in the plot). With one neuron the output depends on $\mathbf{x}$ only through that one
# line, so the boundary is still straight and the accuracy stays near what the best line can do
# (three corners out of four). From two neurons on, the lines can cut off two opposite corners.
# Try 1, 2, 3 and 8.

# %%
# ✎ change this setting
HIDDEN = 1  # neurons in the hidden layer (section 2 used 4)

# %%
net, loss = train([HIDDEN])
print(f"MLP([2, {HIDDEN}, 1]): {net.n_parameters} parameters, loss {loss:.3f}, training accuracy "
      f"{accuracy(net, X, y):.3f}, held-out accuracy {accuracy(net, X_test, y_test):.3f}")

fig, ax = plt.subplots(figsize=(5.5, 3.3))
draw_probability(ax, net, f"{HIDDEN} tanh neuron(s): {accuracy(net, X, y):.0%} correct")
W1, b1 = net.params["W1"], net.params["b1"]
t = np.linspace(-4, 4, 2)
for j in range(HIDDEN):  # the line where hidden neuron j has input 0
    w = W1[:, j]
    line = -b1[j] * w / (w @ w) + t[:, None] * np.array([-w[1], w[0]]) / np.linalg.norm(w)
    ax.plot(*line.T, color=PALETTE[2], linestyle=":", linewidth=1.5, label="hidden neuron's line" if j == 0 else None)
ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1))
fig.tight_layout()
show(fig, f"The XOR training points shaded by the predicted probability of class 1 of the net with HIDDEN = "
          f"{HIDDEN} tanh hidden neurons, with its boundary p = 0.5 (black) and, dotted green, the line where each "
          f"hidden neuron's input is zero; it classifies {accuracy(net, X, y):.0%} of the points correctly. With one neuron the "
          f"boundary is a straight line parallel to that neuron's line and misses at least one corner; from two "
          f"neurons on, the lines can cut off two opposite corners.")

# %% [markdown]
# **Check.** The parameter count follows the formula of section 1. One hidden neuron draws a
# single line and misses at least one corner; two or more neurons solve XOR.

# %%
assert net.n_parameters == count([2, HIDDEN, 1])[1]
if HIDDEN == 1:
    assert accuracy(net, X, y) < 0.8 and accuracy(net, X_test, y_test) < 0.8
else:
    assert accuracy(net, X, y) > 0.95 and accuracy(net, X_test, y_test) > 0.95

# %% [markdown]
# ## What to try next
#
# Each prompt has an answer below it; try it before you open the answer.
#
# **1.** Use `activation="relu"` and `init="he_normal"` in `train` instead of tanh and Xavier: how
# many ReLU neurons does XOR need?
#
# <details><summary>Answer</summary>
#
# In principle two. With $h_1 = \mathrm{relu}(x_1 - x_2)$ and $h_2 = \mathrm{relu}(x_2 - x_1)$, the
# score $h_1 + h_2 - 1$ is positive exactly where $|x_1 - x_2| > 1$, at the two class-1 corners. In
# training, ReLU is less reliable than tanh here. Depending on the width and the seed, the net
# either solves XOR or stops at three corners out of four, an accuracy near 75%, the best a single
# line can do. In a run that stops there, every hidden ReLU is off at the corner it gets wrong: the
# net outputs a constant there, and the points of that corner send no gradient to the first layer,
# so nothing moves a line toward them. Try a few seeds with `train([HIDDEN], seed=...)`. More
# neurons make it more likely that some unit is on at every corner, but they do not guarantee it.
# Tanh units are never exactly off, and two of them solve XOR reliably.
#
# </details>
#
# **2.** Train `MLP([2, 4, 1])` with `activation="identity"`. Without a non-linearity the hidden
# layer adds nothing, and the result looks like logistic regression.
#
# <details><summary>Answer</summary>
#
# The loss stays at about $\ln 2 \approx 0.693$ and the accuracy near one half, as for logistic
# regression in section 2. Without an activation the two layers multiply out to one affine map,
# $\mathbf{x}W_1W_2 + (\mathbf{b}_1W_2 + \mathbf{b}_2)$: the net *is* logistic regression, with its
# weight vector written as a product of two matrices. The chapter shows the same collapse for a
# grid of points, in the section on depth without an activation function.
#
# </details>
#
# **3.** Raise the noise of the data (`noise=0.7`, in both `xor` calls) and compare training and
# held-out accuracy.
#
# <details><summary>Answer</summary>
#
# Many points now cross an axis, and there even the best classifier is wrong: at this noise no
# classifier can expect more than about 86% on new data (the Bayes rate, chapter
# [Capacity and size](../../capacity/#overfitting)). The net with 4 hidden neurons no longer
# classifies every training point, and its held-out accuracy drops to about that rate, a few
# points below its training accuracy. The gap is the part of the training sample's noise that the
# net has learned. Logistic regression stays at a coin toss. The check cells fail: they state what
# holds at noise 0.3.
#
# </details>
