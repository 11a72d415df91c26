"""The interactive demos in Chromium: their math equals nnnotes', and each responds to its controls.

* parity: docs/assets/javascripts/nn.js, imported in the served page, gives the numbers nnnotes
  gives (activations and derivatives with their α, the initializers given the same normal draws,
  batch norm in both modes, an MLP forward, backward and SGD steps with L2, momentum and batch
  norm, the bumps, the datasets' construction) to 1e-9;
* the activation explorer (activations page), the 2-D classifier playground and the bumps
  (capacity page), in Korean and English: controls change the plots and the live readout,
  play/pause/step/reset behave, the keyboard moves a slider, the UI speaks the page's language,
  nothing overflows at 360 px, dark mode redraws, axe finds nothing, no console error, no
  request to another host.
"""

from __future__ import annotations

import inspect
import math
import re
from pathlib import Path

import numpy as np
import pytest
from network_quiet import wait_until_quiet
from page_audit import audit, formulas_as_boxes

from nnnotes import activations, batchnorm, datasets, init
from nnnotes.experiments import capacity
from nnnotes.experiments.activations import zoo
from nnnotes.experiments.capacity import overfitting, universal_approximation
from nnnotes.losses import binary_cross_entropy_with_logits, l2_penalty, softmax_cross_entropy
from nnnotes.model import MLP

ROOT = Path(__file__).resolve().parents[2]
from sitebuild import figstyle

TOL = 1e-9
LANGS = ("ko", "en")
PAGES = {"activations": ["activations"], "capacity": ["bumps", "playground"]}
JS = (ROOT / "docs" / "assets" / "javascripts")


def url(lang, page):
    return f"{page}/" if lang == "ko" else f"en/{page}/"


BLANK = "nn-blank.html"  # an empty page at the site's address, answered by the test: nothing but nn.js to load


def nn(page, script, arg=None):
    """Evaluate ``script`` (the body of an async function of ``nn`` and ``arg``) with nn.js imported,
    on an empty page of the served site (a page of the site loads far more than nn.js)."""
    if not page.url.endswith(BLANK):
        page.route(f"**/{BLANK}", lambda route: route.fulfill(content_type="text/html",
                                                              body="<!doctype html><title>nn.js</title>"))
        page.goto(BLANK)
    return page.evaluate(
        "async ([body, arg]) => { const nn = await import(new URL('assets/javascripts/nn.js', document.baseURI));"
        " return await new Function('nn', 'arg', `return (async () => { ${body} })()`)(nn, arg); }",
        [script, arg],
    )


def flat(a):
    return np.asarray(a, dtype=np.float64).ravel().tolist()


def max_diff(js, py):
    """Largest |js − py| / max(1, |py|) over matching arrays (same length required)."""
    js, py = np.asarray(js, dtype=np.float64).ravel(), np.asarray(py, dtype=np.float64).ravel()
    assert js.shape == py.shape, (js.shape, py.shape)
    assert np.array_equal(np.isfinite(js), np.isfinite(py))
    ok = np.isfinite(py)
    return float(np.max(np.abs(js[ok] - py[ok]) / np.maximum(1, np.abs(py[ok])), initial=0.0))


# --- parity: nn.js computes what nnnotes computes -------------------------------------------

ACTIVATION_CASES = [
    ("identity", {}), ("sigmoid", {}), ("tanh", {}), ("relu", {}),
    ("leaky_relu", {}), ("leaky_relu", {"alpha": 0.2}), ("leaky_relu", {"alpha": 0.0}), ("leaky_relu", {"alpha": 1.0}),
    ("elu", {}), ("elu", {"alpha": 0.5}), ("elu", {"alpha": 2.0}),
]


def test_activations_and_derivatives_match_nnnotes(page):
    x = np.concatenate([np.linspace(-6, 6, 121), [0.0, -0.0, 1e-8, -1e-8, -30, 30, -800, 800]])
    dout = np.random.default_rng(0).standard_normal(x.size)
    cases = [[name, params.get("alpha")] for name, params in ACTIVATION_CASES]
    js = nn(page, """
        return arg.cases.map(([name, alpha]) => {
          const act = nn.ACTIVATIONS[name];
          const [out, cache] = alpha === null ? act.forward(Float64Array.from(arg.x)) : act.forward(Float64Array.from(arg.x), alpha);
          return [Array.from(out), Array.from(act.backward(Float64Array.from(arg.dout), cache))];
        });""", {"x": flat(x), "dout": flat(dout), "cases": cases})
    worst = 0.0
    for (name, params), (out, dx) in zip(ACTIVATION_CASES, js):
        act = activations.get_activation(name, **params)
        want_out, cache = act.forward(x)
        want_dx = act.backward(dout, cache)
        worst = max(worst, max_diff(out, want_out), max_diff(dx, want_dx))
        assert max_diff(out, want_out) <= TOL, (name, params, "forward")
        assert max_diff(dx, want_dx) <= TOL, (name, params, "backward")
    print(f"activations: max diff {worst:.3g}")


def test_prelu_matches_nnnotes_for_shared_and_per_unit_alpha(page):
    rng = np.random.default_rng(1)
    x, dout = rng.standard_normal((6, 3)), rng.standard_normal((6, 3))
    alphas = [0.25, -0.3, [0.1, -0.2, 0.5]]
    js = nn(page, """
        return arg.alphas.map((alpha) => {
          const [out, cache] = nn.preluForward(Float64Array.from(arg.x), 6, 3, alpha);
          const [dx, da] = nn.preluBackward(Float64Array.from(arg.dout), cache);
          return [Array.from(out), Array.from(dx), typeof da === "number" ? [da] : Array.from(da)];
        });""", {"x": flat(x), "dout": flat(dout), "alphas": alphas})
    for alpha, (out, dx, dalpha) in zip(alphas, js):
        want_out, cache = activations.prelu_forward(x, np.asarray(alpha) if isinstance(alpha, list) else alpha)
        want_dx, want_dalpha = activations.prelu_backward(dout, cache)
        for got, want in ((out, want_out), (dx, want_dx), (dalpha, want_dalpha)):
            assert max_diff(got, want) <= TOL, alpha


def test_default_alphas_match_the_library_signatures(page):
    js = nn(page, "return nn.DEFAULT_ALPHA;")
    for name, forward in (("leaky_relu", activations.leaky_relu_forward), ("elu", activations.elu_forward)):
        assert js[name] == inspect.signature(forward).parameters["alpha"].default


def test_the_palette_is_the_figures_palette(page):
    assert tuple(nn(page, "return nn.PALETTE;")) == figstyle.PALETTE


MLP_CASES = [
    # sizes, activations, loss, reg, lr, momentum, batch norm
    ([2, 5, 4, 3], ["tanh", "leaky_relu"], "softmax_cross_entropy", 0.01, 0.1, 0.9, False),
    ([2, 6, 1], ["elu"], "binary_cross_entropy", 0.001, 0.5, 0.9, False),
    ([2, 7, 1], ["relu"], "binary_cross_entropy", 0.0, 0.3, 0.0, False),
    ([2, 4, 4, 5], ["sigmoid", "relu"], "softmax_cross_entropy", 0.1, 1.0, 0.5, False),
    ([2, 6, 1], ["relu"], "binary_cross_entropy", 0.001, 0.5, 0.9, True),
    ([2, 5, 4, 3], ["tanh", "elu"], "softmax_cross_entropy", 0.01, 0.3, 0.5, True),
]
LOSS_FN = {"softmax_cross_entropy": softmax_cross_entropy, "binary_cross_entropy": binary_cross_entropy_with_logits}
EPOCHS = 3


def start_net(sizes, acts, batchnorm):
    """nnnotes' MLP from seed 3; with batch norm, γ and β moved off 1 and 0 so that they matter."""
    net = MLP(sizes, acts, rng=np.random.default_rng(3), batchnorm=batchnorm)
    rng = np.random.default_rng(4)
    for name, p in net.params.items():
        if name.startswith("gamma"):
            p += 0.3 * rng.standard_normal(p.shape)
        elif name.startswith("beta"):
            p += 0.2 * rng.standard_normal(p.shape)
    return net


@pytest.mark.parametrize("case", MLP_CASES, ids=lambda c: f"{c[0]}-{c[2]}{'-bn' if c[6] else ''}")
def test_mlp_forward_backward_and_sgd_steps_match_nnnotes(page, case):
    sizes, acts, loss, reg, lr, momentum, batchnorm = case
    rng = np.random.default_rng(2)
    n = 9
    X = rng.standard_normal((n, 2))
    y = rng.integers(0, max(2, sizes[-1]), n)
    net = start_net(sizes, acts, batchnorm)
    start = {name: p.copy() for name, p in net.params.items()}
    # one forward and backward, with the L2 term added as MLP.fit adds it
    scores = net.forward(X, train=True)
    value, dscores = LOSS_FN[loss](scores, y)
    grads = net.backward(dscores)
    weights = {name: net.params[name] for name in start if name.startswith("W")}
    penalty, dweights = l2_penalty(weights, reg)
    for name in weights:
        grads[name] = grads[name] + dweights[name]
    # SGD steps: one epoch, then EPOCHS epochs (momentum carries over between steps)
    steps = {}
    for epochs in (1, EPOCHS):
        trained = start_net(sizes, acts, batchnorm)
        history = trained.fit(X, y, loss=loss, lr=lr, epochs=epochs, reg=reg, momentum=momentum)
        running = [[s.running_mean, s.running_var] for s in trained.bn_states]
        steps[epochs] = (history, trained.params, running, trained.forward(X, train=False))
    js = nn(page, """
        const p = Object.fromEntries(Object.entries(arg.start).map(([k, v]) => [k, Float64Array.from(v)]));
        const X = Float64Array.from(arg.X), y = Int32Array.from(arg.y), c = arg.sizes[arg.sizes.length - 1];
        const net = new nn.MLP(arg.sizes, arg.acts, { params: p, batchnorm: arg.batchnorm });
        const fwd = net.forward(X, arg.n, { train: true });
        const [value, dscores] = nn.LOSSES[arg.loss](fwd.scores, y, arg.n, c);
        const grads = net.backward(dscores, fwd);
        const weights = Object.fromEntries(net.weightNames().map((k) => [k, net.params[k]]));
        const [penalty, dw] = nn.l2Penalty(weights, arg.reg);
        for (const k of Object.keys(dw)) grads[k] = grads[k].map((g, i) => g + dw[k][i]);
        const arr = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Array.from(v)]));
        const steps = {};
        for (const epochs of [1, arg.epochs]) {
          const trained = new nn.MLP(arg.sizes, arg.acts, { params: p, batchnorm: arg.batchnorm });
          const opt = new nn.SGD(arg.lr, arg.momentum);
          const hist = [];
          for (let e = 0; e < epochs; e++) hist.push(nn.trainEpoch(trained, X, y, arg.n, { loss: arg.loss, reg: arg.reg, optimizer: opt }));
          steps[epochs] = {
            loss: hist.map((h) => h.loss), accuracy: hist.map((h) => h.accuracy), params: arr(trained.params),
            running: trained.bnStates.map((s) => [Array.from(s.mean), Array.from(s.variance)]),
            evaluated: Array.from(trained.forward(X, arg.n).scores),
          };
        }
        return { scores: Array.from(fwd.scores), value, dscores: Array.from(dscores), grads: arr(grads), penalty, steps };
    """, {"start": {k: flat(v) for k, v in start.items()}, "X": flat(X), "y": y.tolist(), "n": n, "sizes": sizes,
          "acts": acts, "loss": loss, "reg": reg, "lr": lr, "momentum": momentum, "epochs": EPOCHS,
          "batchnorm": batchnorm})
    diffs = {
        "scores": max_diff(js["scores"], scores),
        "loss": max_diff([js["value"]], [value]),
        "dscores": max_diff(js["dscores"], dscores),
        "penalty": max_diff([js["penalty"]], [penalty]),
    }
    assert list(js["grads"]) == list(grads), "gradients in the order of the parameters"
    for name, g in grads.items():
        diffs[f"d{name}"] = max_diff(js["grads"][name], g)
    for epochs, (history, params, running, evaluated) in steps.items():
        got = js["steps"][str(epochs)]
        diffs[f"loss@{epochs}"] = max_diff(got["loss"], history.loss)
        assert got["accuracy"] == pytest.approx(history.accuracy.tolist(), abs=0)
        for name, p in params.items():
            diffs[f"{name}@{epochs}"] = max_diff(got["params"][name], p)
        assert len(got["running"]) == len(running) == (len(sizes) - 2 if batchnorm else 0)
        for i, (stats, want) in enumerate(zip(got["running"], running)):
            diffs[f"running{i + 1}@{epochs}"] = max_diff(stats, want)
        diffs[f"eval scores@{epochs}"] = max_diff(got["evaluated"], evaluated)
    print(f"{sizes} {loss}: max diff {max(diffs.values()):.3g}")
    assert max(diffs.values()) <= TOL, {k: v for k, v in diffs.items() if v > TOL}


def test_batchnorm_matches_nnnotes_in_train_and_evaluation_mode(page):
    rng = np.random.default_rng(5)
    x, dout = 3 + 2 * rng.standard_normal((6, 4)), rng.standard_normal((6, 4))
    gamma, beta = 1 + 0.3 * rng.standard_normal(4), 0.2 * rng.standard_normal(4)
    state = batchnorm.BatchNormState(rng.standard_normal(4), 0.5 + rng.random(4))
    js = nn(page, """
        const f = (a) => Float64Array.from(a), state = { ...nn.batchnormState(4), mean: f(arg.mean), variance: f(arg.variance) };
        return [true, false].map((train) => {
          const [out, cache, next] = nn.batchnormForward(f(arg.x), 6, 4, f(arg.gamma), f(arg.beta), state, train);
          return [out, next.mean, next.variance, ...nn.batchnormBackward(f(arg.dout), cache)].map((a) => Array.from(a));
        });""", {"x": flat(x), "dout": flat(dout), "gamma": flat(gamma), "beta": flat(beta),
                 "mean": flat(state.running_mean), "variance": flat(state.running_var)})
    for train, got in zip((True, False), js):
        out, cache, new_state = batchnorm.batchnorm_forward(x, gamma, beta, state, train=train)
        want = [out, new_state.running_mean, new_state.running_var, *batchnorm.batchnorm_backward(dout, cache)]
        for name, a, b in zip(["out", "running mean", "running var", "dx", "dgamma", "dbeta"], got, want):
            assert max_diff(a, b) <= TOL, (train, name)
    assert js[1][1] == flat(state.running_mean), "evaluation leaves the running state as it is"


def test_the_playgrounds_initializers_match_nnnotes_given_the_same_draws(page):
    """nn.js draws its own normals; given NumPy's draws instead, every initializer and the MLP built
    with it give nnnotes' weights. The names are nnnotes.init's."""
    sizes = [2, 5, 4, 3]
    names = nn(page, "return nn.INITIALIZERS;")
    assert set(names) == {"small_random", "xavier_normal", "he_normal", "zeros"} <= set(init.INITIALIZERS)
    for name in names:
        rng = np.random.default_rng(6)
        want = MLP(sizes, "relu", rng=rng, init=name).params
        rng = np.random.default_rng(6)  # the same draws, shape by shape, as MLP makes them
        draws = [] if name == "zeros" else [rng.standard_normal((a, b)).ravel().tolist() for a, b in zip(sizes, sizes[1:])]
        js = nn(page, """
            const queue = arg.draws.flat();
            const rng = { normals: (k) => Float64Array.from(queue.splice(0, k)) };
            const net = new nn.MLP(arg.sizes, "relu", { rng, init: arg.name });
            return [Object.fromEntries(Object.entries(net.params).map(([k, v]) => [k, Array.from(v)])), queue.length];
        """, {"draws": draws, "sizes": sizes, "name": name})
        params, left = js
        assert left == 0, "one draw per weight"
        assert list(params) == list(want)
        for key, p in want.items():
            assert max_diff(params[key], p) <= 1e-15, (name, key)
        if name != "zeros":  # the scale: σ = std(W) of a big layer, from nn.js's own generator
            std = nn(page, "const W = new nn.MLP([400, 300, 1], 'relu', { rng: new nn.Rng(0), init: arg }).params.W1;"
                           " return Math.sqrt(W.reduce((s, w) => s + w * w, 0) / W.length);", name)
            want_std = {"small_random": 0.01, "xavier_normal": math.sqrt(2 / 700), "he_normal": math.sqrt(2 / 400)}[name]
            assert abs(std / want_std - 1) < 0.01, name


def test_all_zero_init_never_breaks_the_symmetry(page):
    """Trained from all-zero weights, nn.js and nnnotes agree, and every hidden unit stays a copy of
    the others: same weights in, same weights out."""
    rng = np.random.default_rng(7)
    n, sizes = 40, [2, 6, 6, 1]
    X, y = rng.standard_normal((n, 2)), rng.integers(0, 2, n)
    want = MLP(sizes, "sigmoid", rng=np.random.default_rng(0), init="zeros")
    want.fit(X, y, loss="binary_cross_entropy", lr=0.5, epochs=20, momentum=0.9)
    js = nn(page, """
        const net = new nn.MLP(arg.sizes, "sigmoid", { init: "zeros" }), optimizer = new nn.SGD(0.5, 0.9);
        for (let e = 0; e < 20; e++) nn.trainEpoch(net, Float64Array.from(arg.X), Int32Array.from(arg.y), arg.n, { loss: "binary_cross_entropy", optimizer });
        return Object.fromEntries(Object.entries(net.params).map(([k, v]) => [k, Array.from(v)]));
    """, {"sizes": sizes, "X": flat(X), "y": y.tolist(), "n": n})
    for key, p in want.params.items():
        assert max_diff(js[key], p) <= TOL, key
    for i in (1, 2):
        W_in = np.reshape(js[f"W{i}"], (sizes[i - 1], sizes[i]))
        W_out = np.reshape(js[f"W{i + 1}"], (sizes[i], sizes[i + 1]))
        assert np.all(W_in == W_in[:, :1]) and np.all(W_out == W_out[:1]), f"layer {i}: the units differ"
        assert np.any(W_out != 0), "the weights moved, all together"


@pytest.mark.parametrize("steep", [universal_approximation.STEEP, 100.0])
def test_bumps_match_capacity_bump_net(page, steep):
    grid = np.linspace(universal_approximation.UAT_LOW, universal_approximation.UAT_HIGH, universal_approximation.UAT_GRID)
    counts = [5, universal_approximation.SHOWN_BUMPS, 20]
    js = nn(page, """
        const grid = nn.linspace(-3, 3, arg.grid);
        return arg.counts.map((n) => {
          const heights = Array.from(nn.midpoints(n), nn.uatTarget);
          const g = nn.bumpNet(heights, arg.steep).forward(grid, grid.length).scores;
          return [Array.from(grid), Array.from(g), Math.max(...Array.from(grid, (x, i) => Math.abs(nn.uatTarget(x) - g[i])))];
        });""", {"grid": universal_approximation.UAT_GRID, "counts": counts, "steep": steep})
    for n, (js_grid, g, error) in zip(counts, js):
        assert js_grid == grid.tolist(), "the same grid, bit for bit"
        want = universal_approximation.bump_output(n, grid, steep=steep)
        assert max_diff(g, want) <= TOL
        assert abs(error - np.max(np.abs(want - universal_approximation.uat_target(grid)))) <= TOL
        print(f"bumps n={n} w={steep:g}: max diff {max_diff(g, want):.3g}")
    if steep == universal_approximation.STEEP:
        assert abs(js[1][2] - universal_approximation.bump_error(universal_approximation.SHOWN_BUMPS)) <= TOL


def test_datasets_follow_the_nnnotes_construction(page):
    """Without noise the sets are deterministic: nn.js must build the same points and labels."""
    js = nn(page, """
        const rng = new nn.Rng(0), out = {};
        for (const [name, d] of Object.entries({
          xor: nn.xor(10, 0, rng), spirals: nn.spirals(150, 5, 0, rng),
          blobs: nn.blobs(200, 3, 0, rng), circles: nn.circles(200, 0, rng),
        })) out[name] = [Array.from(d.X), Array.from(d.y)];
        return out;""")
    rng = np.random.default_rng(0)
    want = {
        "xor": datasets.xor(10, noise=0.0, rng=rng),
        "spirals": datasets.spirals(150, n_classes=5, noise=0.0, rng=rng),
        "blobs": datasets.blobs(200, n_classes=3, noise=0.0, rng=rng),
    }
    for name, (X, y) in want.items():
        assert js[name][1] == y.tolist(), name
        assert max_diff(js[name][0], X) <= 1e-12, name
    Xc, yc = datasets.circles(200, noise=0.0, rng=rng)
    X = np.reshape(js["circles"][0], (-1, 2))
    assert js["circles"][1] == yc.tolist()
    assert np.allclose(np.hypot(*X.T), np.hypot(*Xc.T), atol=1e-12, rtol=0)


# --- the demos on their pages ---------------------------------------------------------------

def open_demo(page, lang, name, width=1280):
    page.set_viewport_size({"width": width, "height": 900})
    page_name = next(p for p, demos in PAGES.items() if name in demos)
    page.goto(url(lang, page_name))
    demo = page.locator(f".nn-demo[data-demo={name}]")
    demo.and_(page.locator(".nn-demo--ready")).wait_for()
    demo.scroll_into_view_if_needed()
    return demo


def readout(demo):
    """{key: text} of the demo's live readout."""
    return demo.locator(".nn-demo__readout").evaluate(
        "el => Object.fromEntries([...el.querySelectorAll('[data-key]')].map((s) => [s.dataset.key, s.textContent]))")


def number(text):
    return float(text.replace("−", "-").rstrip("%"))


def pixels(canvas):
    return canvas.evaluate("c => c.toDataURL()")


def clean(page):
    assert page.errors == []
    assert page.external == []


EXPLORER = {
    "ko": {"fn": "활성화 함수", "sigma": "입력 표준편차 σ", "mean": "출력 평균", "sat": "포화 영역"},
    "en": {"fn": "Activation function", "sigma": "Input standard deviation σ", "mean": "mean output", "sat": "saturated"},
}


@pytest.mark.parametrize("lang", LANGS)
def test_activation_explorer_responds_to_its_controls(page, lang):
    text = EXPLORER[lang]
    demo = open_demo(page, lang, "activations")
    assert demo.locator(".nn-demo__readout").get_attribute("aria-live") == "polite"
    assert text["mean"] in demo.locator(".nn-demo__readout").inner_text()
    assert f"{zoo.SATURATION_EPS:.0%}" in demo.locator(".nn-demo__legend").first.inner_text()
    curve, hist = demo.locator("canvas").all()
    for canvas in (curve, hist):
        assert canvas.get_attribute("role") == "img" and canvas.get_attribute("aria-label")
    before, shown = readout(demo), pixels(curve)
    # ReLU on N(0, 1): mean 1/√(2π), half the inputs in the saturated region (x < 0)
    assert abs(number(before["mean"]) - 1 / math.sqrt(2 * math.pi)) < 0.02
    assert abs(number(before["saturated"]) - 50) < 2

    fn = demo.get_by_label(text["fn"])
    fn.select_option("tanh")
    assert pixels(curve) != shown
    assert abs(number(readout(demo)["mean"])) < 0.02, "tanh is zero-centred"
    assert "x < −" in curve.get_attribute("aria-label") or "x > " in curve.get_attribute("aria-label")

    sigma = demo.get_by_label(text["sigma"])
    before, shown = readout(demo), pixels(hist)
    sigma.focus()
    page.keyboard.press("ArrowRight")
    assert sigma.input_value() == "1.1"
    after = readout(demo)
    assert after != before and number(after["saturated"]) > number(before["saturated"])
    assert pixels(hist) != shown

    fn.select_option("leaky_relu")
    alpha = demo.locator(".nn-demo__field:not([hidden]) input[type=range]").first
    default_alpha = inspect.signature(activations.leaky_relu_forward).parameters["alpha"].default
    assert alpha.input_value() == str(default_alpha)
    assert number(readout(demo)["saturated"]) == 0, "α = 0.01 is not below 1 % of the maximum slope"
    before = readout(demo)
    alpha.focus()
    page.keyboard.press("ArrowRight")
    assert readout(demo)["mean"] != before["mean"]
    fn.select_option("sigmoid")
    assert demo.locator(".nn-demo__field[hidden]").count() == 1, "sigmoid has no α"
    clean(page)


PLAY = {
    "ko": {"play": "재생", "pause": "일시 정지", "step": "한 에포크", "reset": "처음으로", "noise": "잡음 표준편차",
           "hidden": "은닉층의 뉴런 수", "reg": "L2 규제 세기 λ", "lr": "학습률", "dead": "죽은 ReLU 유닛",
           "init": "가중치 초기화", "bn": "배치 정규화", "act": "활성화 함수", "distinct": "서로 다른 은닉 유닛"},
    "en": {"play": "Play", "pause": "Pause", "step": "Step", "reset": "Reset", "noise": "Noise (standard deviation)",
           "hidden": "Neurons per hidden layer", "reg": "L2 strength λ", "lr": "Learning rate", "dead": "dead ReLU units",
           "init": "Weight initialization", "bn": "Batch normalization", "act": "Activation function",
           "distinct": "distinct hidden units"},
}


@pytest.mark.parametrize("lang", LANGS)
def test_playground_plays_pauses_steps_and_resets(page, lang):
    text = PLAY[lang]
    demo = open_demo(page, lang, "playground")
    regions = demo.locator("canvas").first
    start, shown = readout(demo), pixels(regions)
    assert start["epoch"] == "0" and start["dead"].endswith(f"/ {overfitting.BIG}")
    assert text["dead"] in demo.locator(".nn-demo__readout").inner_text()

    demo.get_by_role("button", name=text["step"], exact=True).click()
    one = readout(demo)
    assert one["epoch"] == "1" and one["loss"] != start["loss"]
    demo.get_by_role("button", name=text["step"], exact=True).click()
    assert readout(demo)["epoch"] == "2"

    demo.get_by_role("button", name=text["reset"], exact=True).click()
    assert readout(demo) == start and pixels(regions) == shown

    demo.get_by_role("button", name=text["play"], exact=True).click()
    page.wait_for_function("el => Number(el.querySelector('[data-key=epoch]').textContent) >= 50",
                           arg=demo.element_handle())
    demo.get_by_role("button", name=text["pause"], exact=True).click()
    paused = readout(demo)
    assert paused["loss"] != start["loss"] and paused["train"] != "—"
    page.wait_for_timeout(300)
    assert readout(demo) == paused, "nothing moves while paused"
    assert pixels(regions) != shown

    demo.get_by_role("button", name=text["reset"], exact=True).click()
    assert readout(demo) == start and pixels(regions) == shown, "reset restores the data, the net and the loss"

    noise = demo.get_by_label(text["noise"])
    noise.focus()
    page.keyboard.press("ArrowRight")
    moved = readout(demo)
    assert moved["epoch"] == "0" and moved["loss"] != start["loss"], "new noise, new data"
    assert pixels(regions) != shown
    page.keyboard.press("ArrowLeft")
    assert readout(demo) == start and pixels(regions) == shown, "the same noise gives the same data"

    demo.get_by_label(text["hidden"]).focus()
    page.keyboard.press("ArrowRight")
    assert readout(demo)["dead"].endswith(f"/ {overfitting.BIG + 1}")
    clean(page)


def steps(demo, text, k):
    """Press the step button ``k`` times, from the keyboard: a mouse click aims at coordinates,
    which a block of the page laid out at that moment can shift (site.css lays blocks out near
    the screen); a loaded CI run once counted 14 epochs after 15 clicks."""
    for _ in range(k):
        demo.get_by_role("button", name=text["step"], exact=True).press("Enter")
    return readout(demo)


@pytest.mark.parametrize("lang", LANGS)
def test_playground_initialization_and_batch_norm_knobs(page, lang):
    text = PLAY[lang]
    demo = open_demo(page, lang, "playground")
    total = f"/ {overfitting.BIG}"
    assert text["distinct"] in demo.locator(".nn-demo__readout").inner_text()
    he = steps(demo, text, 10)
    assert he["distinct"] == f"{overfitting.BIG} {total}"

    init = demo.get_by_label(text["init"], exact=True)
    assert init.input_value() == "he_normal", "the chapter's He initialization by default"
    init.select_option("zeros")
    assert readout(demo)["distinct"] == f"1 {total}", "all-zero weights: every hidden unit the same"
    zero = steps(demo, text, 10)
    assert zero["distinct"] == f"1 {total}" and zero["dead"] == f"{overfitting.BIG} {total}"
    demo.get_by_label(text["act"]).select_option("sigmoid")  # sigmoid(0) = ½: the units do learn, all alike
    sigmoid = steps(demo, text, 10)
    assert sigmoid["distinct"] == f"1 {total}"
    assert number(sigmoid["train"]) < 60, "one unit's worth of net cannot fit XOR"
    demo.get_by_label(text["act"]).select_option("relu")

    results = {}
    for name in ("small_random", "xavier_normal", "he_normal"):
        init.select_option(name)
        results[name] = steps(demo, text, 10)
        assert results[name]["distinct"] == f"{overfitting.BIG} {total}"
    assert results["he_normal"] == he, "the same initialization, the same training"
    assert len({r["loss"] for r in results.values()}) == 3

    bn = demo.get_by_label(text["bn"], exact=True)
    assert not bn.is_checked()
    bn.focus()
    page.keyboard.press("Space")
    assert bn.is_checked() and readout(demo)["epoch"] == "0"
    with_bn = steps(demo, text, 10)
    assert with_bn["loss"] != he["loss"] and with_bn["distinct"] == f"{overfitting.BIG} {total}"
    page.wait_for_function("() => location.search.includes('playground.bn=1')")
    clean(page)


def test_playground_defaults_are_the_chapters_settings(page):
    demo = open_demo(page, "en", "playground")
    text = PLAY["en"]
    attrs = demo.evaluate("el => ({...el.dataset})")
    assert attrs == {
        "demo": "playground", "samples": str(overfitting.XOR_SAMPLES), "noise": f"{overfitting.XOR_NOISE:g}",
        "layers": "1", "hidden": str(overfitting.BIG), "activation": "relu", "reg": "0",
        "lr": f"{overfitting.SIZE_LR:g}", "momentum": f"{capacity.MOMENTUM:g}", "epochs": str(overfitting.SIZE_EPOCHS),
        "testSamples": str(overfitting.XOR_TEST_SAMPLES), "seed": str(capacity.SEED), "testSeed": str(capacity.TEST_SEED),
    }
    assert float(demo.get_by_label(text["noise"]).input_value()) == overfitting.XOR_NOISE
    assert int(demo.get_by_label(text["hidden"]).input_value()) == overfitting.BIG
    assert float(demo.get_by_label(text["lr"]).input_value()) == overfitting.SIZE_LR
    assert float(demo.get_by_label(text["reg"]).input_value()) == 0
    assert float(demo.get_by_label("Momentum").input_value()) == capacity.MOMENTUM
    # trained to the figure's epoch, the 20-neuron net fits noise: training accuracy far above the
    # Bayes rate, held-out accuracy below it (the chapter's finding, on the demo's own draw)
    demo.get_by_role("button", name=text["play"], exact=True).click()
    demo.locator(".nn-demo__status").filter(has_text=f"epoch {overfitting.SIZE_EPOCHS}").wait_for(timeout=120_000)
    done = readout(demo)
    assert done["epoch"] == str(overfitting.SIZE_EPOCHS)
    bayes = 100 * overfitting.bayes_accuracy()
    assert number(done["train"]) > bayes + 5 and number(done["test"]) < bayes
    clean(page)


BUMPS = {
    "ko": {"mid": "높이를 구간 가운데의 f 값으로", "zero": "높이를 모두 0으로", "steep": "은닉층 가중치 w(계단의 가파름)",
           "bump": "범프 5의 높이", "bump6": "범프 6의 높이", "error": "최대 오차"},
    "en": {"mid": "Heights = f at the midpoints", "zero": "All heights 0", "steep": "Hidden weight w (steepness of the steps)",
           "bump": "height of bump 5", "bump6": "height of bump 6", "error": "max error"},
}


def set_heights(demo, heights):
    demo.locator(".nn-demo__bump input").evaluate_all(
        "(inputs, hs) => inputs.forEach((el, i) => { el.value = hs[i]; el.dispatchEvent(new Event('input')); })", heights)


@pytest.mark.parametrize("lang", LANGS)
def test_bumps_error_falls_as_heights_approach_the_target(page, lang):
    text = BUMPS[lang]
    demo = open_demo(page, lang, "bumps")
    n = universal_approximation.SHOWN_BUMPS
    sliders = demo.locator(".nn-demo__bump input")
    assert sliders.count() == n
    assert text["error"] in demo.locator(".nn-demo__readout").inner_text()
    grid = np.linspace(universal_approximation.UAT_LOW, universal_approximation.UAT_HIGH, universal_approximation.UAT_GRID)
    zero = readout(demo)
    assert zero["error"] == f"{np.max(np.abs(universal_approximation.uat_target(grid))):.3f}" and zero["units"] == str(2 * n)

    edges = np.linspace(universal_approximation.UAT_LOW, universal_approximation.UAT_HIGH, n + 1)
    mid = universal_approximation.uat_target((edges[:-1] + edges[1:]) / 2)
    errors = []
    for share in (0.0, 0.5, 0.8):
        set_heights(demo, np.round(share * mid, 2).tolist())
        errors.append(number(readout(demo)["error"]))
    assert errors == sorted(errors, reverse=True) and len(set(errors)) == 3, errors

    plot = demo.locator("canvas")
    shown = pixels(plot)
    demo.get_by_role("button", name=text["mid"], exact=True).click()
    assert readout(demo)["error"] == f"{universal_approximation.bump_error(n):.3f}", "the figure's construction, the chapter's error"
    assert number(readout(demo)["error"]) > errors[-1], "the midpoint is not the best height for the max error"
    assert pixels(plot) != shown

    demo.get_by_label(text["steep"]).select_option("10")
    smooth = readout(demo)
    assert smooth["error"] != f"{universal_approximation.bump_error(n):.3f}" and pixels(plot) != shown
    demo.get_by_label(text["steep"]).select_option(f"{universal_approximation.STEEP:g}")

    demo.get_by_role("button", name=text["zero"], exact=True).click()
    assert readout(demo) == zero
    # f is odd: the zero staircase is worst at x = −0.5 (bump 5) and x = 0.5 (bump 6), where
    # |f| is largest; moving both bumps toward f by keyboard lowers the max error
    for label, key in ((text["bump"], "ArrowLeft"), (text["bump6"], "ArrowRight")):
        bump = demo.get_by_label(label)
        bump.focus()
        before = readout(demo)
        for _ in range(10):
            page.keyboard.press(key)
        assert bump.input_value() == ("-0.1" if key == "ArrowLeft" else "0.1")
        assert readout(demo) != before
    assert number(readout(demo)["error"]) < number(zero["error"])
    clean(page)


# --- settings in the URL ---------------------------------------------------------------------

def controls(demo):
    """The value of every control of a demo, in order (checkboxes as booleans)."""
    return demo.locator("input, select").evaluate_all(
        "els => els.map((e) => e.type === 'checkbox' ? e.checked : e.value)")


def state(page, names):
    """{demo: (control values, readout, canvas pixels)} of the demos on the page."""
    out = {}
    for name in names:
        demo = page.locator(f".nn-demo--ready[data-demo={name}]")
        demo.wait_for()
        out[name] = (controls(demo), readout(demo), [pixels(c) for c in demo.locator("canvas").all()])
    return out


def shared_url(page, *fragments):
    """The page's URL once it holds every fragment (the demos write it at most 5 times a second)."""
    page.wait_for_function("parts => parts.every((p) => location.search.includes(p))", arg=list(fragments))
    return page.url


def test_activation_explorer_settings_survive_in_the_url(page, new_tab):
    demo = open_demo(page, "en", "activations")
    demo.get_by_label(EXPLORER["en"]["fn"]).select_option("elu")
    for label, key, presses in (("α", "ArrowRight", 3), ("Input mean μ", "ArrowLeft", 5), ("Input standard deviation σ", "ArrowRight", 7)):
        demo.locator(".nn-demo__field:not([hidden])").filter(has_text=label).locator("input").focus()
        for _ in range(presses):
            page.keyboard.press(key)
    link = shared_url(page, "activations.fn=elu", "activations.alpha=1.15", "activations.mu=-0.5", "activations.sigma=1.7")
    before = state(page, ["activations"])
    assert before["activations"][0] == ["elu", "1.15", "-0.5", "1.7"]
    tab = new_tab()
    tab.goto(link)
    assert state(tab, ["activations"]) == before
    assert tab.url == link and tab.errors == []
    tab.context.close()
    clean(page)


def test_playground_settings_survive_in_the_url_and_train_the_same(page, new_tab):
    text = PLAY["en"]
    demo = open_demo(page, "en", "playground")
    demo.get_by_label("Data", exact=True).select_option("circles")
    demo.get_by_label(text["noise"]).focus()
    page.keyboard.press("ArrowRight")
    demo.get_by_label("Hidden layers").select_option("2")
    demo.get_by_label(text["hidden"]).focus()
    for _ in range(8):
        page.keyboard.press("ArrowLeft")
    demo.get_by_label(text["act"]).select_option("tanh")
    demo.get_by_label(text["init"], exact=True).select_option("xavier_normal")
    demo.get_by_label(text["bn"], exact=True).check()
    demo.get_by_label(text["reg"]).select_option("0.001")
    demo.get_by_label(text["lr"]).select_option("0.1")
    demo.get_by_label("Momentum").select_option("0.5")
    trained = steps(demo, text, 15)
    link = shared_url(page, "playground.data=circles", "playground.noise=0.1", "playground.layers=2",
                      "playground.hidden=12", "playground.act=tanh", "playground.init=xavier_normal",
                      "playground.bn=1", "playground.reg=0.001", "playground.lr=0.1", "playground.momentum=0.5")
    assert "epoch" not in link, "training is not a setting"
    set_up = controls(demo)
    tab = new_tab()
    tab.goto(link)
    again = tab.locator(".nn-demo--ready[data-demo=playground]")
    again.wait_for()
    assert controls(again) == set_up
    assert steps(again, text, 15) == trained, "the same settings and seed, the same training"
    assert pixels(again.locator("canvas").first) == pixels(demo.locator("canvas").first)
    assert tab.errors == []
    tab.context.close()
    clean(page)


def test_two_demos_on_one_page_keep_their_own_settings(page, new_tab):
    page.goto(url("ko", "capacity"))
    bumps, playground = (page.locator(f".nn-demo--ready[data-demo={name}]") for name in ("bumps", "playground"))
    bumps.wait_for()
    playground.wait_for()
    playground.get_by_label(PLAY["ko"]["act"]).select_option("leaky_relu")
    bumps.get_by_label("범프 수 n").select_option("20")
    bumps.get_by_label(BUMPS["ko"]["steep"]).select_option("100")
    heights = [round(0.05 * i - 0.5, 2) for i in range(20)]
    set_heights(bumps, heights)
    link = shared_url(page, "playground.act=leaky_relu", "bumps.n=20", "bumps.w=100",
                      "bumps.h=" + "_".join(f"{h:g}" for h in heights))
    assert "playground.n=" not in link and "bumps.act=" not in link
    before = state(page, ["bumps", "playground"])
    tab = new_tab()
    tab.goto(link)
    assert state(tab, ["bumps", "playground"]) == before
    # back to a default: its key leaves the URL, the other demo's keys stay
    playground.get_by_label(PLAY["ko"]["act"]).select_option("relu")
    page.wait_for_function("() => !location.search.includes('playground.') && location.search.includes('bumps.n=20')")
    assert tab.errors == []
    tab.context.close()
    clean(page)


def test_bumps_keep_exact_heights_in_the_url(page, new_tab):
    """The midpoint heights are not on the sliders' 0.01 grid: the URL keeps them exactly."""
    demo = open_demo(page, "en", "bumps")
    demo.get_by_role("button", name=BUMPS["en"]["mid"], exact=True).click()
    link = shared_url(page, "bumps.h=")
    tab = new_tab()
    tab.goto(link)
    again = tab.locator(".nn-demo--ready[data-demo=bumps]")
    again.wait_for()
    assert readout(again)["error"] == f"{universal_approximation.bump_error(universal_approximation.SHOWN_BUMPS):.3f}"
    assert readout(again) == readout(demo)
    tab.context.close()
    clean(page)


MALFORMED = [  # a valid query (or none), then bad values: the demos show what the valid query gives
    ("activations", "", "activations.fn=%3Cscript%3Ealert(1)%3C/script%3E&activations.mu=NaN&activations.sigma=-1"),
    ("activations", "activations.fn=elu", "activations.alpha=0.015&activations.mu=0x10&activations.sigma=1e308"),
    ("activations", "activations.fn=prelu", "activations.alpha=-1.5&activations.mu=Infinity&activations.sigma="),
    ("capacity", "", "playground.data=__proto__&playground.init=constructor&playground.act=toString&playground.bn=2"),
    ("capacity", "", "playground.hidden=1e9&playground.layers=3&playground.lr=Infinity&playground.noise=0.123&playground.reg=-1"),
    ("capacity", "", "playground.hidden=-5&playground.momentum=0.90000001&playground.noise=%E0%A4%A&bumps.n=7&bumps.w=-100"),
    ("capacity", "bumps.n=5", "bumps.h=1_2_3&playground.hidden=2.5&playground.data=&playground.lr=1%2F0"),
    ("capacity", "", "bumps.h=%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&bumps.n=10%20OR%201%3D1&x=%3Cb%3E"),
]


@pytest.mark.parametrize(("page_name", "valid", "bad"), MALFORMED)
def test_malformed_settings_in_the_url_fall_back_to_the_defaults_quietly(page, page_name, valid, bad):
    messages = []

    def listen(msg):
        messages.append(f"{msg.type}: {msg.text}")

    page.on("console", listen)
    names = PAGES[page_name]
    page.goto(f"{url('en', page_name)}?{valid}")
    expected = state(page, names)
    page.goto(f"{url('en', page_name)}?{'&'.join(filter(None, [valid, bad]))}#top")
    assert state(page, names) == expected
    assert messages == [] and page.errors == []
    page.wait_for_timeout(250)  # the demos drop the keys they could not use
    kept = [kv.split("=")[0] for kv in page.evaluate("location.search").lstrip("?").split("&") if kv]
    assert [k for k in kept if k.split(".")[0] in names] == [kv.split("=")[0] for kv in valid.split("&") if kv]
    assert page.evaluate("location.hash") == "#top"
    assert "alert" not in "".join(page.locator(".nn-demo").evaluate_all("els => els.map((e) => e.innerHTML)"))
    clean(page)
    page.remove_listener("console", listen)  # the next test takes turns in this tab (conftest.py)


def test_canvases_follow_the_device_pixel_ratio(browser, base_url):
    context = browser.new_context(base_url=base_url, viewport={"width": 360, "height": 800}, device_scale_factor=2)
    tab = context.new_page()
    tab.goto("en/capacity/")
    tab.locator(".nn-demo--ready[data-demo=playground]").wait_for()
    sizes = tab.locator(".nn-demo canvas").evaluate_all("cs => cs.map((c) => [c.width, c.clientWidth, c.height, c.clientHeight])")
    context.close()
    for width, css_width, height, css_height in sizes:
        assert (width, height) == (2 * css_width, 2 * css_height)


# --- every demo: language, layout at phone width, dark mode, accessibility -------------------

UI_WORD = {"ko": {"activations": "활성화 함수", "playground": "학습률", "bumps": "범프 수"},
           "en": {"activations": "Activation function", "playground": "Learning rate", "bumps": "Bumps n"}}
OTHER = {"ko": "en", "en": "ko"}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", ["activations", "playground", "bumps"])
def test_demo_speaks_the_page_language_and_fits_a_phone(page, lang, name):
    demo = open_demo(page, lang, name, width=360)
    labels = demo.locator(".nn-demo__label").all_inner_texts()
    assert any(UI_WORD[lang][name] in t for t in labels), labels
    assert not any(UI_WORD[OTHER[lang]][name] in t for t in labels)
    if lang == "ko":
        assert re.search(r"[가-힣]", demo.locator("canvas").first.get_attribute("aria-label"))
    else:
        assert not re.search(r"[가-힣]", demo.inner_text() + demo.locator("canvas").first.get_attribute("aria-label"))
    assert demo.locator("noscript").count() == 1
    width = demo.evaluate("el => [el.scrollWidth, el.clientWidth]")
    assert width[0] <= width[1], f"the demo overflows at 360 px: {width}"
    for canvas in demo.locator("canvas").all():
        box = canvas.bounding_box()
        assert box["width"] <= width[1] and box["height"] > 100
        assert canvas.evaluate("c => c.width === Math.round(c.clientWidth * devicePixelRatio)")
    clean(page)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page_name", list(PAGES))
def test_demos_redraw_in_dark_mode_and_pass_axe(page, lang, page_name):
    page.goto(url(lang, page_name))
    for name in PAGES[page_name]:
        page.locator(f".nn-demo--ready[data-demo={name}]").wait_for()
    canvases = page.locator(".nn-demo canvas").all()
    light = [pixels(c) for c in canvases]
    formulas_as_boxes(page, keep=".nn-demo")  # the audit is of the demos: the chapter's formulas out of its way
    for scheme in ("default", "slate"):
        page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
        page.wait_for_timeout(50)
        if scheme == "slate":
            dark = [pixels(c) for c in canvases]
            assert all(a != b for a, b in zip(light, dark)), "every canvas redraws with the scheme's colours"
        violations = [(v["id"], [n["target"] for n in v["nodes"]]) for v in audit(page, {"include": [".nn-demo"]}, {})]
        assert violations == [], (scheme, violations)
    clean(page)


def test_demo_modules_stay_small_and_load_only_where_used(page):
    for path in [JS / "nn.js", JS / "demos.js", *sorted((JS / "demos").glob("*.js"))]:
        assert path.stat().st_size < 40_000, path
    page.goto("neurons/")
    wait_until_quiet(page)
    loaded = page.evaluate("performance.getEntriesByType('resource').map((r) => r.name)")
    assert not [u for u in loaded if "/demos/" in u or u.endswith("/nn.js")], loaded
    clean(page)
