# ---
# jupyter:
#   kernelspec:
#     name: python3
#     display_name: Python 3
#     language: python
# ---

# %% [markdown]
# # Exercise: loss functions and regularization
#
# A loss function says what the network should get right; a regularizer says what else it
# should prefer while doing so. This notebook takes six statements of the chapter
# [Loss functions and regularization](../../losses-and-regularization/) and checks each one with a
# few lines of `nnnotes`:
#
# 1. the multiclass SVM is satisfied once the margin is met, softmax never quite is;
# 2. the log-sum-exp trick computes softmax cross-entropy where the plain formula overflows;
# 3. one outlier drags a line fitted with the L2 loss, much less with the L1 or Huber loss;
# 4. L1 regularization sets many weights to (almost) zero, L2 only makes them small;
# 5. inverted dropout keeps the expected activation, so evaluation needs no rescaling;
# 6. a max-norm constraint keeps training stable at a learning rate that is too high without it.
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
# ## 1. SVM and softmax on the same scores
#
# Take one sample of class 0 with three scores. The multiclass SVM loss (hinge loss) adds
# `max(0, s_j − s_y + Δ)` over the wrong classes *j*, with margin Δ = 1; the
# squared hinge loss squares each term; softmax cross-entropy is
# `−log(exp(s_y) / Σ_j exp(s_j))`. We keep the wrong scores at 2 and 0 and move the
# correct score *s*₀ from −4 to 8 (see [SVM vs. softmax](../../losses-and-regularization/#svm-vs-softmax)).

# %%
from nnnotes.losses import multiclass_hinge, multiclass_squared_hinge, softmax_cross_entropy

y0 = np.array([0])
s0 = np.linspace(-4, 8, 241)
LOSSES = {"hinge": multiclass_hinge, "squared hinge": multiclass_squared_hinge,
          "softmax cross-entropy": softmax_cross_entropy}
curves, slopes = {}, {}
for name, loss in LOSSES.items():
    values = [loss(np.array([[s, 2.0, 0.0]]), y0) for s in s0]
    curves[name] = np.array([value for value, _ in values])
    slopes[name] = np.array([dscores[0, 0] for _, dscores in values])

scores = np.array([[10.0, -2.0, 3.0]])
for name, loss in LOSSES.items():
    print(f"scores {scores[0]}: {name} = {loss(scores, y0)[0]:.5f}")

fig, (ax, ax_slope) = plt.subplots(1, 2, figsize=(7, 2.9))
for (name, curve), style in zip(curves.items(), ("-", "--", ":")):
    ax.plot(s0, curve, style, label=name, linewidth=1.8)
    ax_slope.plot(s0, slopes[name], style, label=name, linewidth=1.8)
for a in (ax, ax_slope):
    a.axvline(3, color="gray", linewidth=0.8)
    a.set_xlabel("correct-class score $s_0$ (others 2 and 0)")
ax.set(ylim=(0, 12), ylabel="loss", title="loss")
ax_slope.set(ylim=(-4.5, 0.5), ylabel=r"$\partial L / \partial s_0$", title="derivative with respect to $s_0$")
ax.legend(fontsize=8)
fig.tight_layout()
show(fig, "Left: the hinge, squared hinge and softmax cross-entropy losses of one sample as its correct-class "
          "score goes from −4 to 8, the two other scores fixed at 2 and 0; a gray line marks s0 = 3, where "
          "the margin of 1 is met. Both hinge losses reach exactly 0 there and stay 0; softmax cross-entropy "
          "keeps falling towards 0 without reaching it. Right: the derivatives with respect to s0: the hinge's "
          "is −2, then −1, then 0; the squared hinge's rises along straight lines from below the panel to 0 at "
          "s0 = 3; softmax's stays negative everywhere.")

# %% [markdown]
# **Check.** Once *s*₀ beats every wrong score by the margin (*s*₀ ≥ 3 here), both hinge
# losses are exactly 0 and so is their gradient: the SVM no longer cares about this sample.
# Softmax cross-entropy is still positive and its gradient still pushes *s*₀ up, however
# large it already is. For the scores (10, −2, 3) the SVM loss is 0, the softmax loss is not.

# %%
met = s0 >= 3
for name in ("hinge", "squared hinge"):
    assert np.all(curves[name][met] == 0) and np.all(slopes[name][met] == 0)
    assert np.all(curves[name][~met] > 0)
assert np.all(curves["softmax cross-entropy"] > 0) and np.all(np.diff(curves["softmax cross-entropy"]) < 0)
assert np.all(slopes["softmax cross-entropy"] < 0)
assert multiclass_hinge(scores, y0)[0] == 0 < softmax_cross_entropy(scores, y0)[0]

# %% [markdown]
# ## 2. The log-sum-exp trick
#
# Softmax cross-entropy needs `log Σ_j exp(s_j)`. Written as it stands, *e*¹⁰⁰⁰ overflows
# in float64 (the largest float64 is about 1.8 · 10³⁰⁸, or *e* to the power 709.8). Subtracting the
# largest score first changes nothing mathematically,
# `log Σ_j exp(s_j) = m + log Σ_j exp(s_j − m)` with `m = max_j s_j`, but every exponent is
# then at most 0 (see [the log-sum-exp trick](../../losses-and-regularization/#log-sum-exp)).

# %%
big = np.array([[1000.0, 1001.0, 1002.0]])
with np.errstate(over="ignore"):
    naive = np.log(np.sum(np.exp(big))) - big[0, 0]
m = big.max()
shifted = m + np.log(np.sum(np.exp(big - m))) - big[0, 0]
library = softmax_cross_entropy(big, y0)[0]
print(f"plain formula: {naive}")
print(f"shifted by the largest score: {shifted:.6f}")
print(f"nnnotes softmax_cross_entropy: {library:.6f}")
print(f"the same scores minus 1000: {softmax_cross_entropy(big - 1000, y0)[0]:.6f}")

# %% [markdown]
# **Check.** The plain formula returns infinity; the shifted one returns a finite loss, the
# same as `softmax_cross_entropy`, and the same as for the scores (0, 1, 2): adding a constant
# to every score does not change the softmax.

# %%
assert np.isinf(naive)
assert np.isfinite(shifted) and abs(shifted - library) < 1e-12
assert abs(library - softmax_cross_entropy(big - 1000, y0)[0]) < 1e-12

# %% [markdown]
# ## 3. One outlier under the L2, L1 and Huber losses
#
# Twenty points lie near the line *t* = 2*x*; we move the last one 10 below the line. A linear
# model `MLP([1, 1])` (no hidden layer) is fitted by full-batch gradient descent three times:
# with the L2 loss (`"mse"`), the L1 loss (`"mae"`) and the Huber loss (`"huber"`, δ = 1).
# The L2 loss grows with the square of the error, so the outlier's pull grows with its
# distance; the L1 loss pulls with the same force however far the point is, and Huber is
# quadratic for small errors and linear beyond δ
# (see [outliers](../../losses-and-regularization/#outliers)).

# %%
from nnnotes import MLP

x = np.linspace(-1, 1, 20)[:, None]
t = 2 * x[:, 0] + 0.1 * np.random.default_rng(0).standard_normal(20)
t[-1] -= 10  # the outlier
fits = {}
for loss in ("mse", "mae", "huber"):
    line = MLP([1, 1], rng=np.random.default_rng(0))
    line.fit(x, t, loss=loss, lr=0.1, epochs=2000)
    fits[loss] = line
    print(f"{loss:>5}: slope {line.params['W1'][0, 0]:.3f}, intercept {line.params['b1'][0]:.3f}")

fig, ax = plt.subplots(figsize=(5.5, 3.2))
ax.scatter(x[:-1, 0], t[:-1], s=14, color="black", label="data")
ax.scatter(x[-1, 0], t[-1], s=40, marker="x", color=PALETTE[4], label="outlier")
names = {"mse": "L2 loss", "mae": "L1 loss", "huber": "Huber loss"}
for (loss, line), style in zip(fits.items(), ("-", "--", ":")):
    ax.plot(x[:, 0], line.forward(x, train=False)[:, 0], style, linewidth=1.8, label=names[loss])
ax.set(xlabel="x", ylabel="t")
ax.legend(fontsize=8)
show(fig, f"Twenty points near the line t = 2x, the last one (a cross) moved 10 below it, with three fitted lines. "
          f"The L2 loss's line is tilted towards the outlier, slope {fits['mse'].params['W1'][0, 0]:.2f}; the "
          f"L1 loss's line follows the other points, slope {fits['mae'].params['W1'][0, 0]:.2f}; the Huber "
          f"loss's lies in between, close to the L1 line, slope {fits['huber'].params['W1'][0, 0]:.2f}.")

# %% [markdown]
# **Check.** The outlier pulls the L2 line's slope below half the true slope 2, while the L1 and
# Huber lines stay within a few tenths of it, the L1 line closest.

# %%
slope = {loss: line.params["W1"][0, 0] for loss, line in fits.items()}
assert slope["mse"] < 1.5
assert abs(slope["mae"] - 2) < abs(slope["huber"] - 2) < 0.3 < abs(slope["mse"] - 2)

# %% [markdown]
# ## 4. L1 makes weights sparse, L2 only small
#
# A linear softmax classifier `MLP([100, 5])` learns five classes from 100 input features. The data
# imitate MNIST (`digit_standin`): each class has a prototype that is nonzero on only a fifth of
# the features, so most features carry no information about the class. We train it twice,
# with the L1 penalty λΣ|*W*| (`l1=`) and with the L2 penalty
# (λ/2)Σ*W*² (`reg=`), and count the weights smaller than 0.01 in absolute value
# (see [L1](../../losses-and-regularization/#l1)).

# %%
from matplotlib.ticker import FuncFormatter, NullFormatter

from nnnotes.datasets import digit_standin

POWERS_OF_TEN = FuncFormatter(lambda v, _: f"$10^{{{np.log10(v):.0f}}}$")  # 10^-6 with an ASCII minus: the math font has no U+2212


def log_ticks(axis):
    axis.set_major_formatter(POWERS_OF_TEN)
    axis.set_minor_formatter(NullFormatter())


X, y = digit_standin(300, 100, 5, rng=np.random.default_rng(0))
penalties = {"L1, λ = 0.01": {"l1": 0.01}, "L2, λ = 0.01": {"reg": 0.01}}
weights, train_acc = {}, {}
for name, penalty in penalties.items():
    classifier = MLP([100, 5], rng=np.random.default_rng(1))
    classifier.fit(X, y, lr=0.5, epochs=300, **penalty)
    weights[name] = classifier.params["W1"].ravel()
    train_acc[name] = np.mean(classifier.predict(X) == y)
small = {name: np.mean(np.abs(w) < 0.01) for name, w in weights.items()}
for name in penalties:
    print(f"{name}: {small[name]:.1%} of the weights below 0.01, training accuracy {train_acc[name]:.1%}")

fig, axes = plt.subplots(1, 2, figsize=(7, 2.7), sharey=True)
bins = np.logspace(-6, 0.5, 40)
for ax, (name, w), color in zip(axes, weights.items(), (PALETTE[0], PALETTE[1])):
    ax.hist(np.maximum(np.abs(w), 1e-6), bins=bins, color=color)
    ax.axvline(0.01, color="black", linestyle=":", linewidth=1)
    ax.set(xscale="log", xlabel="|weight| (log scale)", title=f"{name}: {small[name]:.0%} below 0.01")
    log_ticks(ax.xaxis)
axes[0].set_ylabel("number of weights")
fig.tight_layout()
show(fig, f"Histograms of the absolute values of the 500 weights on a log axis, a dotted line at 0.01. Left, "
          f"with L1: a tall pile just below 0.01, around 0.001, holding {small['L1, λ = 0.01']:.0%} of the "
          f"weights, and a small group between about 0.05 and 1. Right, with L2: one hump from about 0.001 to 1, "
          f"with only "
          f"{small['L2, λ = 0.01']:.0%} of the weights below 0.01.")

# %% [markdown]
# **Check.** With the same strength, L1 drives most weights to (almost) zero and L2 only a few,
# and both classifiers still fit the training data. Why: the L2 gradient λ*w* shrinks with
# the weight, so it only ever makes a weight smaller; the L1 gradient λ·sign(*w*)
# is as strong near 0 as far from it and pushes an unneeded weight all the way there. With
# (sub)gradient descent the weight then hops around 0 by about lr·λ rather
# than being exactly 0.

# %%
assert small["L1, λ = 0.01"] > 0.5 > 0.2 > small["L2, λ = 0.01"]
assert min(train_acc.values()) > 0.95

# %% [markdown]
# ## 5. Inverted dropout keeps the expectation
#
# In training, `dropout_forward(h, p, train=True, rng=…)` sets each entry of `h` to 0 with
# probability *p* and divides the kept ones by 1 − *p*. On this site the dropout probability *p*
# is the probability of **dropping** a unit; in the code of the CS231n notes, p is the
# probability of keeping one. Each entry is then *h*/(1 − *p*) with probability 1 − *p* and 0 otherwise,
# so its expected value is *h*, and at evaluation (`train=False`) the layer passes *h* unchanged
# (see [inverted dropout](../../losses-and-regularization/#inverted-dropout)). We draw many masks
# for one row of activations and average.

# %%
from nnnotes.layers import dropout_forward

# ✎ change this setting
P_DROP = 0.5  # probability of dropping a unit, 0 ≤ p < 1

# %%
DRAWS = 20000
h = np.array([[0.5, 1.0, 1.5, 2.0]])
out, _ = dropout_forward(np.repeat(h, DRAWS, axis=0), P_DROP, train=True, rng=np.random.default_rng(0))
evaluation, _ = dropout_forward(h, P_DROP, train=False, rng=None)
print(f"activations h:            {h[0]}")
print(f"fraction dropped:         {np.mean(out == 0):.3f}")
print(f"mean over {DRAWS} masks:  {out.mean(axis=0).round(3)}")
print(f"evaluation output:        {evaluation[0]}")

net = MLP([2, 64, 3], dropout=P_DROP, rng=np.random.default_rng(0))
point = np.array([[0.3, -0.7]])
trained_mode = net.forward(np.repeat(point, DRAWS, axis=0), train=True, rng=np.random.default_rng(1))
print(f"MLP(dropout={P_DROP}) scores, mean of {DRAWS} training passes: {trained_mode.mean(axis=0).round(3)}")
print(f"MLP(dropout={P_DROP}) scores at evaluation:                 {net.forward(point, train=False)[0].round(3)}")

# %% [markdown]
# **Check.** About a fraction *p* of the entries is dropped, the average over the masks is close to
# *h* (within a few standard errors, `h · √(p / ((1 − p) · draws))`), and evaluation returns
# *h* itself. In a network with one hidden layer the scores are linear in the dropped-out
# activations, so the average of the training-mode scores matches the evaluation scores as well.

# %%
standard_error = h * np.sqrt(P_DROP / ((1 - P_DROP) * DRAWS))
assert abs(np.mean(out == 0) - P_DROP) < 0.01
assert np.all(np.abs(out.mean(axis=0) - h) < 4 * standard_error + 1e-12)
assert np.array_equal(evaluation, h)
spread = trained_mode.std(axis=0) / np.sqrt(DRAWS)
assert np.all(np.abs(trained_mode.mean(axis=0) - net.forward(point, train=False)[0]) < 4 * spread + 1e-12)

# %% [markdown]
# ## 6. Max-norm at a high learning rate
#
# A max-norm constraint rescales, after every update, each unit's incoming weight vector
# **w** to length at most *c*: `w ← w · min(1, c / ‖w‖)`
# (`fit(max_norm=c)`). The weights can then never grow large, however large an update is. We
# train `MLP([2, 50, 50, 3])` on three spirals with momentum 0.9 and learning rate 1, high for
# this net, with and without the constraint (see [max-norm](../../losses-and-regularization/#max-norm)).

# %%
from nnnotes.datasets import spirals

X, y = spirals(300, rng=np.random.default_rng(0))
runs, largest = {}, {}
for c in (None, 2.0):
    spiral_net = MLP([2, 50, 50, 3], rng=np.random.default_rng(1))
    runs[c] = spiral_net.fit(X, y, lr=1.0, epochs=200, momentum=0.9, max_norm=c)
    largest[c] = max(np.linalg.norm(spiral_net.params[f"W{i}"], axis=0).max() for i in (1, 2, 3))
    print(f"max_norm = {c}: loss at the start {runs[c].loss[0]:.3f}, highest {runs[c].loss.max():.2f}, "
          f"at the end {runs[c].loss[-1]:.3f}; training accuracy {runs[c].accuracy[-1]:.1%}; "
          f"longest weight vector {largest[c]:.1f}")

fig, ax = plt.subplots(figsize=(5.5, 3))
ax.plot(runs[None].loss, "-", label="no constraint")
ax.plot(runs[2.0].loss, "--", label="max-norm, c = 2")
ax.set(yscale="log", xlabel="epoch", ylabel="training loss (log scale)")
log_ticks(ax.yaxis)
ax.legend(fontsize=8)
show(fig, f"Training loss per epoch on a log axis for the same net and learning rate. Without the constraint "
          f"the loss jumps up several times, to a highest value of {runs[None].loss.max():.1f}, and ends at "
          f"{runs[None].loss[-1]:.2f}. With max-norm c = 2 it falls, with small bumps early on that stay below the start, to {runs[2.0].loss[-1]:.3f}.")

# %% [markdown]
# **Check.** Without the constraint the loss climbs far above its starting value several times and
# the weights grow long; with max-norm it never rises above the start, ends much lower, and
# no weight vector is longer than *c*.

# %%
free, capped = runs[None], runs[2.0]
assert free.loss.max() > 5 * free.loss[0] and np.sum(free.loss[1:] > 2 * free.loss[:-1]) >= 3
assert capped.loss.max() <= capped.loss[0] + 1e-9
assert capped.loss[-1] < 0.1 < free.loss[-1]
assert largest[2.0] <= 2.0 + 1e-9 < 10 < largest[None]

# %% [markdown]
# ## What to try next
#
# Each prompt has an answer below it; try it before you open the answer.
#
# **1.** In section 1, set the wrong scores to 2 and 2.5 instead of 2 and 0 (and move the gray
# line). Where does the hinge loss reach 0 now, and what changes for softmax?
#
# <details><summary>Answer</summary>
#
# The hinge loss needs *s*₀ to beat the *largest* wrong score by the margin, so it reaches 0 at
# *s*₀ = 3.5; the score of 2 no longer matters once *s*₀ ≥ 3. Softmax cross-entropy counts
# every wrong score: its curve moves up a little everywhere, and it still never reaches 0.
#
# </details>
#
# **2.** In section 3, move the outlier 50 below the line instead of 10. Which slopes change?
#
# <details><summary>Answer</summary>
#
# The L2 line tilts much further and its slope turns negative: the outlier's pull grows with its
# distance. The L1 and Huber lines do not move at all (the printed slopes are the same), because
# the pull of one point is capped, a derivative of at most 1 for L1 and at most δ for
# Huber, and the outlier was already beyond the cap. The check cell of section 3 still passes.
#
# </details>
#
# **3.** In section 4, train with `l1=0.01, reg=0.01` together (the elastic net). What fraction
# of the weights is below 0.01?
#
# <details><summary>Answer</summary>
#
# Close to the L1 run: the L1 term still pushes unneeded weights to zero, and the L2 term
# additionally shrinks the weights that stay. That is why the elastic net is used: sparse like
# L1, with the smoother shrinkage of L2 on what remains.
#
# </details>
#
# **4.** Set `P_DROP = 0.9` and run section 5 again. Does the average still match? Now give the
# network a second hidden layer, `MLP([2, 64, 64, 3], …)`: does the average of the training
# scores still match the evaluation scores?
#
# <details><summary>Answer</summary>
#
# With *p* = 0.9 the average still matches *h*, but the kept entries are ten times *h* and the
# spread of the outputs is much larger, so more draws are needed for the same precision. With two
# hidden layers the check fails for most points: the second layer's ReLU is not linear, and the
# average of ReLU of a noisy input is not ReLU of the average. Evaluating with every unit is
# then only an approximation of averaging over all the thinned networks, which is what the
# chapter's section on [dropout as an ensemble](../../losses-and-regularization/#dropout-ensemble)
# says.
#
# </details>
#
# **5.** In section 6, try `max_norm=0.5` and `max_norm=10`. What happens?
#
# <details><summary>Answer</summary>
#
# With *c* = 0.5 the constraint is too tight: the weights cannot grow to the size the spirals
# need, and the training loss stays high (the net underfits). With *c* = 10 the constraint
# rarely acts early on and the run looks more like the unconstrained one, with jumps in the
# loss. Like the strength λ of a penalty, *c* is a hyperparameter chosen on a validation
# set; values of 3 to 4 are common in the literature.
#
# </details>
