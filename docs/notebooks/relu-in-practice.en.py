# ---
# jupyter:
#   kernelspec:
#     name: python3
#     display_name: Python 3
#     language: python
# ---

# %% [markdown]
# # Exercise: dead ReLU units
#
# A ReLU unit in the first hidden layer whose input is at most 0 on every training point
# outputs 0 everywhere and gets no gradient, so training cannot bring it back. Such a unit is
# *dead*. In this notebook you will:
#
# 1. train a small ReLU net at 13 learning rates and count its dead units, redrawing the
#    dead-unit figure of [ReLU in practice](../../relu-in-practice/) (the functions themselves
#    are defined in [The activation functions](../../activations/));
# 2. pick one learning rate, follow the dead fraction during training, and see where the dead
#    units' lines end up in the input plane.
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
# ## 1. Dead units against the learning rate
#
# The setting is the chapter's: three interleaved spirals (200 training points, 200 held-out
# points), the net `MLP([2, 50, 3])` with He-normal weights and zero biases, softmax
# cross-entropy, and full-batch gradient descent for 200 epochs. For each learning rate we
# train three nets (initialization seeds 0, 1, 2) and ask `layer_statistics` which fraction
# of the hidden units is dead on the training set.

# %%
from nnnotes import MLP
from nnnotes.datasets import spirals
from nnnotes.monitoring import layer_statistics

X, y = spirals(200, rng=np.random.default_rng(0))
X_test, y_test = spirals(200, rng=np.random.default_rng(100))
WIDTH, EPOCHS, SEEDS = 50, 200, (0, 1, 2)
LRS = 10 ** np.linspace(-1, 1, 13)  # 0.1 … 10, six rates per decade

dead_at_init = [layer_statistics(MLP([2, WIDTH, 3], rng=np.random.default_rng(s)), X)[0].dead_fraction
                for s in SEEDS]
dead = np.zeros((len(LRS), len(SEEDS)))
held_out = np.zeros_like(dead)
for i, lr in enumerate(LRS):
    for j, seed in enumerate(SEEDS):
        net = MLP([2, WIDTH, 3], rng=np.random.default_rng(seed))
        net.fit(X, y, lr=lr, epochs=EPOCHS)
        dead[i, j] = layer_statistics(net, X)[0].dead_fraction
        held_out[i, j] = np.mean(net.predict(X_test) == y_test)

print("learning rate     ", " ".join(f"{lr:5.2f}" for lr in LRS))
print("dead (mean)       ", " ".join(f"{d:5.2f}" for d in dead.mean(axis=1)))
print("held-out accuracy ", " ".join(f"{a:5.2f}" for a in held_out.mean(axis=1)))

# %%
fig, (ax_dead, ax_acc) = plt.subplots(1, 2, figsize=(7, 2.8), sharex=True)
for ax, values, label in ((ax_dead, dead, "fraction of dead units"), (ax_acc, held_out, "held-out accuracy")):
    ax.fill_between(LRS, values.min(axis=1), values.max(axis=1), color=PALETTE[0], alpha=0.2, linewidth=0,
                    label="range of 3 seeds" if ax is ax_dead else None)
    ax.plot(LRS, values.mean(axis=1), color=PALETTE[0], marker="o", markersize=3,
            label="mean of 3 seeds" if ax is ax_dead else None)
    ax.set(xscale="log", xlabel="learning rate (log scale)", ylabel=label, ylim=(-0.03, 1.03))
ax_acc.axhline(1 / 3, color="black", linestyle=":", linewidth=1, label="chance (1/3)")
ax_acc.set_xticks([0.1, 0.3, 1, 3, 10], ["0.1", "0.3", "1", "3", "10"])
ax_dead.legend(loc="upper left")
ax_acc.legend(loc="lower left")
fig.suptitle("Dead ReLU units appear only where the learning rate is too high", fontsize=10)
fig.tight_layout()
show(fig, f"Two panels against the learning rate on a log scale from 0.1 to 10, each with the mean of 3 "
          f"seeds (line) and their range (band): left the fraction of dead units in the hidden layer, right the "
          f"held-out accuracy with a dotted line at chance (1/3). Up to rate 1 no unit is dead; at rate "
          f"{LRS[-1]:g} the dead fraction reaches {dead[-1].mean():.2f} and the accuracy falls to "
          f"{held_out[-1].mean():.2f}, near chance.")

# %% [markdown]
# **Check.** No unit is dead at initialization: with zero biases every unit's line passes
# through the origin, which is inside the data cloud. Up to a learning rate of 1 no unit dies
# in any seed, and the best held-out accuracy is reached in that safe range or just above it.
# At the highest rates most units die and the accuracy falls towards chance.

# %%
best = LRS[held_out.mean(axis=1).argmax()]
print(f"best learning rate {best:.2f}; dead at the highest rate: {dead[-1].mean():.2f}")

assert max(dead_at_init) == 0
assert dead[LRS <= 1].max() == 0
assert best <= 3.2
assert dead[-1].mean() > 0.9 and held_out[-1].mean() < 0.45

# %% [markdown]
# ## 2. Your turn: one learning rate, followed over time
#
# Set `LR` below. We train seed 0 at that rate and, for comparison, at the safe rate 1, with
# `record_stats=True` so that the history holds the dead fraction after every epoch. At the
# shipped rate you should see units keep dying as training goes on. The right plot draws each
# dead unit as its line $\mathbf{w}_j \cdot \mathbf{x} + b_j = 0$: every such line lies outside
# the cloud, with all the points on the unit's silent side. Try 3, 6 and 10 too.

# %%
# ✎ change this setting
LR = 4.6  # learning rate of the run to follow (the sweep above found no dead unit up to 1)

# %%
runs, histories = {}, {}
for lr in (1.0, LR):
    net = MLP([2, WIDTH, 3], rng=np.random.default_rng(0))
    histories[lr] = net.fit(X, y, lr=lr, epochs=EPOCHS, record_stats=True).dead_fraction[:, 0]
    runs[lr] = net
    print(f"rate {lr:<4g} dead after 10, 50, 200 epochs: "
          + ", ".join(f"{histories[lr][e - 1]:.2f}" for e in (10, 50, 200))
          + f"   held-out accuracy {np.mean(net.predict(X_test) == y_test):.2f}")

fig, (ax_time, ax_plane) = plt.subplots(1, 2, figsize=(7, 3.1), gridspec_kw={"width_ratios": [1.3, 1]})
for (lr, history), style, marker in zip(histories.items(), ("-", "--"), ("o", "s")):
    ax_time.plot(np.arange(1, EPOCHS + 1), history, linestyle=style, marker=marker, markevery=25,
                 markersize=4, label=f"rate {lr:g}")
ax_time.set(xlabel="epoch", ylabel="fraction of dead units", title="Units keep dying")
ax_time.legend()

W, b = runs[LR].params["W1"], runs[LR].params["b1"]
is_dead = (X @ W + b).max(axis=0) <= 0
for j in np.flatnonzero(is_dead):  # the line w·x + b = 0 of each dead unit
    w = W[:, j]
    foot, along = -b[j] * w / (w @ w), np.array([-w[1], w[0]]) / np.linalg.norm(w)
    ax_plane.plot(*(foot + np.array([-6.0, 6.0])[:, None] * along).T, color=PALETTE[4], linestyle="--")
ax_plane.scatter(*X.T, s=3, color="black", zorder=3)
ax_plane.set(xlim=(-2, 2), ylim=(-2, 2), aspect="equal", xlabel="$x_1$", ylabel="$x_2$",
             title=f"rate {LR:g}: lines of the {is_dead.sum()} dead units")
ax_plane.grid(False)
fig.tight_layout()
show(fig, f"Left: the fraction of dead units at rate 1 (solid) and rate {LR:g} (dashed) over {EPOCHS} "
          f"epochs; it never goes down and ends at {histories[1.0][-1]:.2f} and {histories[LR][-1]:.2f}. Right: "
          f"the training points of the three spirals (black) and, for rate {LR:g}, the line w·x + b = 0 of each "
          f"of the {is_dead.sum()} dead units (dashed); every line misses the cloud, so all the points lie on the "
          f"side where the unit's output is 0.")

# %% [markdown]
# **Check.** The dead fraction never goes down during training: a unit of the first hidden
# layer that is silent on every point gets exactly zero gradient, so it stays as it is. We
# verify that by training 20 more epochs and comparing the dead units' weights bit for bit.
# At the shipped rate a large share of the units is dead, more than at rate 1.

# %%
net = runs[LR]
W1, b1, W2 = net.params["W1"], net.params["b1"], net.params["W2"]
is_dead = (X @ W1 + b1).max(axis=0) <= 0
frozen = W1[:, is_dead].copy(), b1[is_dead].copy(), W2[is_dead].copy()
net.fit(X, y, lr=LR, epochs=20)
print(f"dead units at rate {LR:g}: {is_dead.sum()}, unchanged after 20 more epochs: "
      f"{np.array_equal(W1[:, is_dead], frozen[0]) and np.array_equal(W2[is_dead], frozen[2])}")

assert all(np.all(np.diff(h) >= 0) for h in histories.values())
assert np.array_equal(W1[:, is_dead], frozen[0]) and np.array_equal(b1[is_dead], frozen[1])
assert np.array_equal(W2[is_dead], frozen[2])
if LR == 4.6:  # the statements about the shipped rate
    assert histories[LR][-1] > 0.2 > histories[1.0][-1]
    assert histories[LR][-1] > histories[LR][9]

# %% [markdown]
# ## What to try next
#
# - Use `MLP([2, WIDTH, 3], activation="leaky_relu")` in section 2. A unit whose line left the
#   cloud still gets a small gradient: does the dead fraction still only grow?
#
#   <details><summary>Answer</summary>
#
#   No. The fraction that `layer_statistics` reports counts the units whose pre-activation is at
#   most 0 on every point. For Leaky ReLU such a unit is silent rather than dead: its slope on
#   the negative side is 0.01, so it still gets 1% of the gradient, and its line can be pulled
#   back across the cloud. At the shipped rate the curve now goes down as well as up, and
#   fewer units end up silent than with ReLU (about half as many in this run). The check cell
#   then fails, as it should: the sentences it checks (the fraction never goes down, silent
#   units stay frozen bit for bit) hold for ReLU only. Note that a small gradient is no
#   guarantee: a silent Leaky ReLU unit moves a hundred times more slowly than a live one, and
#   many of them stay silent to the end.
#
#   </details>
#
# - Set every hidden bias to 0.01 before training (`net.params["b1"][...] = 0.01`) and compare
#   the dead fractions with section 1.
#
#   <details><summary>Answer</summary>
#
#   Up to a learning rate of 2.15 nothing changes: no unit dies either way, and the held-out
#   accuracies agree to about a point. Above it both series climb to all units dead at rate 10.
#   In between, at 4.6, the nets that start at bias 0.01 happen to lose fewer units in these three
#   seeds, but the gap is about as large as the spread between the seeds; the chapter, with five
#   seeds, finds it smaller than that spread. The reason is the size of the shift: a bias of 0.01
#   moves each unit's line by about 0.01 in the input plane, while a too-large step moves it by
#   more than the radius of the cloud.
#
#   ```python
#   net = MLP([2, WIDTH, 3], rng=np.random.default_rng(seed))
#   net.params["b1"][...] = 0.01
#   net.fit(X, y, lr=lr, epochs=EPOCHS)
#   ```
#
#   </details>
#
# - Kill 20% of the units on purpose at the start and train at rate 1: how much accuracy is lost?
#
#   <details><summary>Answer</summary>
#
#   Hardly any: about one point of held-out accuracy. Move the lines of 10 of the 50 units just
#   outside the cloud, as the chapter does, and train. The 10 units stay dead, no other unit
#   dies at rate 1, and the remaining 40 units are enough for the spirals: a dead unit is simply
#   a missing unit. Compare the high rates of section 1, where the accuracy falls much further:
#   most of that damage comes from the rate itself, not from the units it kills.
#
#   ```python
#   net = MLP([2, WIDTH, 3], rng=np.random.default_rng(0))
#   W1, b1 = net.params["W1"], net.params["b1"]
#   for j in range(WIDTH // 5):
#       b1[j] = -(X @ W1[:, j]).max() - 0.1
#   net.fit(X, y, lr=1.0, epochs=EPOCHS)
#   print(layer_statistics(net, X)[0].dead_fraction, np.mean(net.predict(X_test) == y_test))
#   ```
#
#   </details>
