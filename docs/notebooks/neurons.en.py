# ---
# jupyter:
#   kernelspec:
#     name: python3
#     display_name: Python 3
#     language: python
# ---

# %% [markdown]
# # Exercise: a single neuron
#
# One neuron with two inputs is a complete linear classifier. In this notebook you will:
#
# 1. train the same neuron with two losses, cross-entropy (logistic regression) and the hinge
#    loss (a binary SVM), and redraw the figure of the chapter [Neurons](../../neurons/);
# 2. raise the L2 strength $\lambda$ and watch the weight vector $\mathbf{w}$ shrink while the
#    decision boundary stays where it was.
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
# ## 1. One neuron, two losses
#
# The data are the chapter's two overlapping clouds (`two_clouds`): 200 points in the plane,
# half in each class. `MLP([2, 1])` has no hidden layer: it is one neuron with score
# $s = \mathbf{w}^\top\mathbf{x} + b$, so two weights and one bias. We train it by full-batch
# gradient descent, once with each loss, with the same L2 strength `REG`.

# %%
from nnnotes import MLP, get_activation, get_loss
from nnnotes.datasets import two_clouds

SEED = 0
LR, EPOCHS, REG = 0.5, 2000, 0.01  # the chapter's learning rate, steps and λ
X, y = two_clouds(200, rng=np.random.default_rng(SEED))

neurons = {}
for loss in ("binary_cross_entropy", "binary_hinge"):
    net = MLP([2, 1], rng=np.random.default_rng(SEED))
    net.fit(X, y, loss=loss, lr=LR, epochs=EPOCHS, reg=REG)
    neurons[loss] = net
    w = net.params["W1"][:, 0]
    print(f"{loss:21s} parameters {net.n_parameters}  accuracy {np.mean(net.predict(X) == y):.3f}"
          f"  ‖w‖ = {np.linalg.norm(w):.2f}")

# %% [markdown]
# ## 2. The figure: boundary, margins and the two losses
#
# Left: the logistic neuron's probability $\sigma(s)$ as colored bands, its decision
# boundary $\sigma(s) = 1/2$, and the hinge neuron's boundary $s = 0$ with its margins
# $s = \pm 1$. Right: the loss of one point as a function of its margin $t \cdot s$, with
# $t = \pm 1$ the correct sign, computed by `nnnotes.losses`.

# %%
from matplotlib.colors import LinearSegmentedColormap

sigmoid = get_activation("sigmoid")
logistic, svm = neurons["binary_cross_entropy"], neurons["binary_hinge"]
gx, gy = np.meshgrid(np.linspace(-3.2, 4.2, 150), np.linspace(-3.2, 2.6, 120))
grid = np.column_stack([gx.ravel(), gy.ravel()])
p_grid = sigmoid.forward(logistic.forward(grid, train=False))[0].reshape(gx.shape)
s_svm = svm.forward(grid, train=False).reshape(gx.shape)

margin = np.linspace(-3, 4, 141)
one = np.ones(1, dtype=int)  # a single point of class 1, so t = 1 and s = margin
curves = {name: np.array([get_loss(name)(np.array([m]), one)[0] for m in margin])
          for name in ("binary_cross_entropy", "binary_hinge")}

tint = LinearSegmentedColormap.from_list("tint", [PALETTE[0], "white", PALETTE[4]])
fig, (ax, ax_loss) = plt.subplots(1, 2, figsize=(7, 3.4), gridspec_kw={"width_ratios": [1.35, 1]})
ax.contourf(gx, gy, p_grid, levels=[0, 0.1, 0.25, 0.5, 0.75, 0.9, 1], cmap=tint, alpha=0.35)
ax.scatter(*X[y == 0].T, s=9, marker="o", color=PALETTE[0], label="class 0")
ax.scatter(*X[y == 1].T, s=11, marker="^", color=PALETTE[4], label="class 1")
ax.contour(gx, gy, p_grid, levels=[0.5], colors="black", linestyles="-")
ax.contour(gx, gy, s_svm, levels=[-1, 0, 1], colors=PALETTE[2], linestyles=[":", "--", ":"])
ax.plot([], [], color="black", label="logistic: σ = 0.5")
ax.plot([], [], color=PALETTE[2], linestyle="--", label="hinge: s = 0 (dotted: s = ±1)")
ax.set(xlim=(-3.2, 4.2), ylim=(-3.2, 2.6), aspect="equal", xlabel="$x_1$", ylabel="$x_2$",
       title="Decision boundary of one neuron")
ax.grid(False)
ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2, fontsize=7)
ax_loss.plot(margin, curves["binary_cross_entropy"], color="black", label="cross-entropy")
ax_loss.plot(margin, curves["binary_hinge"], color=PALETTE[2], linestyle="--", label="hinge")
ax_loss.set(xlabel="margin t·s", ylabel="loss of one point", title="Loss against margin")
ax_loss.legend()
fig.tight_layout()
show(fig, f"Left: two clouds of points, blue circles (class 0) and orange triangles (class 1), over color "
          f"bands of the logistic neuron's probability, with the logistic decision boundary (black line), the "
          f"hinge decision boundary (green dashed) and the hinge margins s = ±1 (green dotted); after training "
          f"with λ = {REG:g}, the two boundaries almost coincide. Right: the loss of one point against its margin t·s, "
          f"cross-entropy (black) and hinge (green dashed): the hinge is exactly 0 from margin 1 on, while the "
          f"cross-entropy only approaches 0.")

# %% [markdown]
# **Check.** Both neurons classify most points but not all of them (the clouds overlap). Their
# boundaries point in nearly the same direction, yet the logistic $\mathbf{w}$ is longer. On the
# logistic boundary $\sigma$ is exactly $1/2$. The hinge loss is exactly 0 from margin 1 on,
# while the cross-entropy only approaches 0.

# %%
w_log, b_log = logistic.params["W1"][:, 0], logistic.params["b1"][0]
w_svm = svm.params["W1"][:, 0]
accuracy = {name: np.mean(net.predict(X) == y) for name, net in neurons.items()}
angle = np.degrees(np.arccos(w_log @ w_svm / (np.linalg.norm(w_log) * np.linalg.norm(w_svm))))
ratio = np.linalg.norm(w_log) / np.linalg.norm(w_svm)
foot = -b_log * w_log / (w_log @ w_log)  # the boundary point closest to the origin
along = np.array([-w_log[1], w_log[0]])  # a direction along the boundary
on_boundary = foot + np.linspace(-3, 3, 7)[:, None] * along
p_boundary = sigmoid.forward(on_boundary @ w_log + b_log)[0]
print(f"angle between the two w: {angle:.1f}°, ‖w‖ logistic / hinge: {ratio:.2f}")

assert all(0.9 < a < 1 for a in accuracy.values())
assert angle < 5
assert ratio > 1.2
assert np.allclose(p_boundary, 0.5, rtol=0, atol=1e-12)
assert np.all(curves["binary_hinge"][margin >= 1] == 0) and np.all(curves["binary_cross_entropy"] > 0)

# %% [markdown]
# ## 3. Your turn: change the L2 strength
#
# Every gradient step multiplies each weight by $1 - \mathrm{lr}\cdot\lambda$ before the data
# pull it back. Set `NEW_REG` below and retrain the logistic neuron. With a larger $\lambda$
# you should see a shorter $\mathbf{w}$, about the same accuracy, and a wider band in which the
# neuron is unsure: the probability goes from 0.1 to 0.9 over a distance
# $2\ln 9 / \lVert\mathbf{w}\rVert$. Try 0.001, 0.1 and 1.9 as well (keep $\mathrm{lr}\cdot\lambda < 1$).

# %%
# ✎ change this setting
NEW_REG = 1.0  # L2 strength λ of the second run (the first used REG)

# %%
strong = MLP([2, 1], rng=np.random.default_rng(SEED))
strong.fit(X, y, loss="binary_cross_entropy", lr=LR, epochs=EPOCHS, reg=NEW_REG)
runs = {REG: logistic, NEW_REG: strong}
summary = {}
for reg, net in runs.items():
    w = net.params["W1"][:, 0]
    _, dscores = get_loss("binary_cross_entropy")(net.forward(X, train=False), y)
    pull = net.backward(dscores)["W1"][:, 0] + reg * w  # gradient of loss + L2 penalty
    summary[reg] = {"norm": np.linalg.norm(w), "accuracy": np.mean(net.predict(X) == y),
                    "band": 2 * np.log(9) / np.linalg.norm(w), "residual": np.linalg.norm(pull)}
    print(f"λ = {reg:<6g} ‖w‖ = {summary[reg]['norm']:.2f}  accuracy {summary[reg]['accuracy']:.3f}"
          f"  0.1–0.9 band width {summary[reg]['band']:.2f}")

fig, ax = plt.subplots(figsize=(7, 2.8))
distance = np.linspace(-5, 5, 201)  # signed distance from each neuron's own boundary
for (reg, net), style in zip(runs.items(), ("-", "--")):
    w, b = net.params["W1"][:, 0], net.params["b1"][0]
    points = -b * w / (w @ w) + distance[:, None] * w / np.linalg.norm(w)
    p = sigmoid.forward(net.forward(points, train=False))[0][:, 0]
    ax.plot(distance, p, linestyle=style, label=f"λ = {reg:g}")
for level in (0.1, 0.9):
    ax.axhline(level, color="grey", linestyle=":", linewidth=1)
ax.set(xlabel="distance from the decision boundary", ylabel="σ(s) = P(class 1)",
       title="Stronger L2: same boundary, less confidence")
ax.legend()
fig.tight_layout()
show(fig, f"The logistic neuron's probability of class 1, σ(s), against the distance from its decision "
          f"boundary, trained with λ = {REG:g} (solid) and λ = {NEW_REG:g} (dashed), with dotted lines at 0.1 and "
          f"0.9. Both curves pass 0.5 on the boundary and the larger λ gives the flatter curve: the band from 0.1 "
          f"to 0.9 is {summary[REG]['band']:.2f} and {summary[NEW_REG]['band']:.2f} wide, in that order.")

# %% [markdown]
# **Check.** A larger $\lambda$ gives a shorter $\mathbf{w}$ (a smaller one a longer $\mathbf{w}$),
# and the accuracy barely changes. Both runs stopped where the gradient of loss plus penalty is
# zero: there the shrinking force $\lambda\mathbf{w}$ and the pull of the data cancel, so the
# weights the data use are not forgotten.

# %%
old, new = summary[REG], summary[NEW_REG]
if NEW_REG != REG:
    assert (new["norm"] < old["norm"]) == (NEW_REG > REG)
    assert (new["band"] > old["band"]) == (NEW_REG > REG)
assert abs(new["accuracy"] - old["accuracy"]) < 0.05
assert old["residual"] < 1e-3 and new["residual"] < 1e-3

# %% [markdown]
# ## What to try next
#
# - Add a third input that is 0 for every point (`np.column_stack([X, np.zeros(len(X))])`,
#   `MLP([3, 1])`) and set its weight to 1: after $t$ steps it equals $(1 - \mathrm{lr}\cdot\lambda)^t$.
#
#   <details><summary>Answer</summary>
#
#   It does, up to rounding. The third input is 0 for every point, so the data give its weight
#   a gradient of exactly 0 and only the L2 term acts: each step multiplies the weight by
#   $1 - 0.5 \cdot 0.01 = 0.995$, and after the 2000 steps of `EPOCHS` it is
#   $0.995^{2000} \approx 4.4 \times 10^{-5}$. The two other weights end exactly where they end
#   without the third input: a weight the data never use changes nothing for the others. With
#   `reg=NEW_REG` (factor 0.5) the weight is gone after a few dozen steps.
#
#   ```python
#   X3 = np.column_stack([X, np.zeros(len(X))])
#   net3 = MLP([3, 1], rng=np.random.default_rng(SEED))
#   net3.params["W1"][2, 0] = 1.0
#   net3.fit(X3, y, loss="binary_cross_entropy", lr=LR, epochs=EPOCHS, reg=REG)
#   print(net3.params["W1"][2, 0], (1 - LR * REG) ** EPOCHS)
#   ```
#
#   </details>
#
# - Retrain the hinge neuron with `NEW_REG` and compare its $\lVert\mathbf{w}\rVert$ with the logistic one.
#
#   <details><summary>Answer</summary>
#
#   At `NEW_REG = 1` the order is reversed: the hinge neuron's $\mathbf{w}$ is now about twice as
#   long as the logistic one's, while at $\lambda = 0.01$ it was the shorter of the two (the
#   chapter's figure). Each neuron stops where the pull of the data balances the decay
#   $\lambda\mathbf{w}$. A strong $\lambda$ keeps $\mathbf{w}$ short, so nearly every point has a
#   score between $-1$ and $1$. Inside the margin the hinge pulls each point with its full
#   gradient $-t$, whereas the cross-entropy pulls with $\sigma(s) - y$, only about $\pm 1/2$ near
#   $s = 0$. The stronger pull balances the decay at a longer $\mathbf{w}$. The two accuracies
#   stay close.
#
#   ```python
#   svm_strong = MLP([2, 1], rng=np.random.default_rng(SEED))
#   svm_strong.fit(X, y, loss="binary_hinge", lr=LR, epochs=EPOCHS, reg=NEW_REG)
#   print(np.linalg.norm(svm_strong.params["W1"]), summary[NEW_REG]["norm"])
#   ```
#
#   </details>
#
# - Count the points with margin $t \cdot s \ge 1$ for the hinge neuron: they get no gradient at all.
#
#   <details><summary>Answer</summary>
#
#   For the hinge neuron of section 1 it is 170 of the 200 points, the 85% of the chapter. The
#   other 30 are the support vectors: 22 inside the margin and 8 on the wrong side of the
#   boundary. Only they push the boundary: you could move any of the 170 others, as long as
#   they stay beyond the margin, and the minimum that training reaches would stay where it is. With `reg=NEW_REG` the margin
#   is wider in the input plane, and most points fall inside it.
#
#   ```python
#   t = 2 * y - 1
#   margin = t * svm.forward(X, train=False)[:, 0]
#   print((margin >= 1).sum(), ((margin >= 0) & (margin < 1)).sum(), (margin < 0).sum())
#   ```
#
#   </details>
