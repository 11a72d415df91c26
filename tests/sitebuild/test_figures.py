"""The figure pipeline: cache keyed by what a script imports, CLI, failures and hangs that name
their script, byte-identical output."""

from __future__ import annotations

import itertools
import json
import re
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from hung_job import HANG

from sitebuild import deps
from sitebuild import figures as renderer
from sitebuild.figfiles import svg_name

ROOT = Path(__file__).resolve().parents[2]

WRITER = """import sys, pathlib
import sandstyle
from sandpkg import core
out = pathlib.Path(sys.argv[1])
for lang in ("ko", "en"):
    (out / f"{NAME}.{lang}.svg").write_text(f'<svg width="10pt" height="5pt">{lang} VERSION</svg>')
    (out / f"{NAME}.{lang}.narrow.svg").write_text(f'<svg width="6pt" height="8pt">{lang} narrow VERSION</svg>')
(out / f"{NAME}.json").write_text("{}")
"""
# A script that writes the outputs of ``render`` without matplotlib: SVGs and their sizes.
TRIVIAL = """import sys, pathlib
out = pathlib.Path(sys.argv[1])
for lang in ('ko', 'en'):
    for layout in ('', '.narrow'):
        (out / f'NAME.{lang}{layout}.svg').write_text('<svg width="1pt" height="1pt"/>')
(out / 'NAME.json').write_text('{}')
"""


@pytest.fixture
def sandbox(tmp_path, monkeypatch):
    """A renderer working on its own scripts, style, package and cache folders."""
    src, scripts, cache = tmp_path / "src", tmp_path / "scripts", tmp_path / "cache"
    (src / "sandpkg").mkdir(parents=True), (scripts / "figures").mkdir(parents=True)
    (src / "sandpkg" / "__init__.py").write_text("")
    (src / "sandpkg" / "core.py").write_text("X = 1\n")
    (src / "sandpkg" / "unused.py").write_text("Y = 1\n")
    (scripts / "sandstyle.py").write_text("STYLE = 1\n")
    monkeypatch.setattr(deps, "SOURCES", (src, scripts))
    monkeypatch.setattr(renderer, "SCRIPTS", scripts / "figures")
    monkeypatch.setattr(renderer, "CACHE", cache)
    monkeypatch.setenv("PYTHONPATH", f"{src}:{scripts}")

    def add(name: str, body: str = WRITER, version: str = "v1", page: str = "page") -> Path:
        path = scripts / "figures" / page / f"plot_{name}.py"
        path.parent.mkdir(exist_ok=True)
        path.write_text(body.replace("NAME", repr(name)).replace("VERSION", version))
        return path

    return add


def rendered(names=None, force=False) -> list[str]:
    lines = []
    renderer.render_figures(names, force=force, log=lines.append)
    return sorted(line.split()[1] for line in lines if line.startswith("figure "))


def test_renders_each_figure_in_both_languages_then_nothing_when_warm(sandbox):
    sandbox("a"), sandbox("b")
    assert rendered() == ["a", "b"]
    assert (renderer.CACHE / "a.ko.svg").read_text() == '<svg width="10pt" height="5pt">ko v1</svg>'
    assert (renderer.CACHE / "a.en.svg").read_text() == '<svg width="10pt" height="5pt">en v1</svg>'
    assert rendered() == []


def test_a_changed_script_renders_only_that_figure(sandbox):
    sandbox("a"), sandbox("b")
    rendered()
    sandbox("b", version="v2")
    assert rendered() == ["b"]
    assert (renderer.CACHE / "b.en.svg").read_text() == '<svg width="10pt" height="5pt">en v2</svg>'


@pytest.mark.parametrize("shared", ["scripts/sandstyle.py", "src/sandpkg/core.py", "src/sandpkg/__init__.py"])
def test_a_changed_module_that_a_script_imports_renders_it_again(sandbox, shared, tmp_path):
    sandbox("a"), sandbox("b", body=TRIVIAL.replace("NAME", "b"))
    rendered()
    (tmp_path / shared).write_text("CHANGED = 2\n")
    assert rendered() == ["a"]  # b imports nothing of the project


def test_comments_docstrings_and_unused_modules_render_nothing_again(sandbox, tmp_path):
    sandbox("a")
    rendered()
    (tmp_path / "src" / "sandpkg" / "core.py").write_text('"""Docs."""\n\nX = 1  # a comment\n')
    (tmp_path / "src" / "sandpkg" / "unused.py").write_text("Y = 2\n")
    assert rendered() == []


def test_force_and_only(sandbox):
    sandbox("a"), sandbox("b")
    rendered()
    assert rendered(["a"], force=True) == ["a"]


def test_a_deleted_output_is_rendered_again(sandbox):
    sandbox("a")
    rendered()
    (renderer.CACHE / "a.ko.svg").unlink()
    assert rendered() == ["a"]


def test_unknown_name_is_an_error_listing_known_names(sandbox):
    sandbox("a")
    with pytest.raises(renderer.FigureError, match=r"unknown figure 'nope'; known: a"):
        renderer.render_figures(["nope"])
    with pytest.raises(renderer.FigureError, match=r"unknown figure 'aa'; did you mean a\?"):
        renderer.render_figures(["aa"])


def test_a_failing_script_names_itself_and_shows_its_traceback(sandbox):
    sandbox("good")
    sandbox("bad", body="def draw():\n    return 1 / 0\ndraw()\n")
    with pytest.raises(renderer.FigureError) as err:
        renderer.render_figures(log=lambda line: None)
    message = str(err.value)
    assert "plot_bad.py" in message and "ZeroDivisionError" in message and "line 2, in draw" in message
    assert not (renderer.CACHE / "bad.ko.svg").exists()


def test_a_script_that_writes_nothing_is_an_error(sandbox):
    sandbox("silent", body="pass\n")
    with pytest.raises(renderer.FigureError, match=r"plot_silent.py did not write"):
        renderer.render_figures()


def test_a_script_that_writes_an_empty_svg_is_named(sandbox):
    sandbox("empty", body=TRIVIAL.replace("NAME", "empty") + "(out / 'empty.ko.svg').write_text('')\n")
    with pytest.raises(renderer.FigureError, match=r"plot_empty.py wrote empty.ko.svg, which is empty or not an SVG"):
        renderer.render_figures()


def test_a_hanging_script_is_stopped_at_its_limit_and_named(sandbox, monkeypatch):
    monkeypatch.setenv("NNNOTES_LIMIT_FIGURE", "2")
    sandbox("hang", body=HANG)
    with pytest.raises(renderer.FigureError, match=r"figure \S*plot_hang.py did not finish within its limit of 2 s"):
        renderer.render_figures(log=lambda line: None)


def test_two_scripts_with_one_name_are_an_error(sandbox):
    sandbox("a", page="one"), sandbox("a", page="two")
    with pytest.raises(renderer.FigureError, match=r"two plot scripts draw the figure 'a'"):
        renderer.all_figures()


def test_the_plugin_turns_a_failure_into_a_build_error(sandbox, monkeypatch):
    from mkdocs.exceptions import PluginError

    sandbox("bad", body="raise RuntimeError('broken figure')\n")
    plugin, config = renderer.FiguresPlugin(), SimpleNamespace(plugins={})
    plugin.on_pre_build(config)  # queued: the build goes on to choose its files meanwhile
    with pytest.raises(PluginError, match=r"(?s)plot_bad.py.*RuntimeError: broken figure"):
        plugin.on_files([], config)


def test_cli_lists_renders_and_rejects(sandbox, capsys):
    sandbox("a")
    assert renderer.main(["--list"]) == 0
    assert "a" in capsys.readouterr().out.split()
    assert renderer.main(["--only", "a"]) == 0
    assert "figure a" in capsys.readouterr().out
    assert renderer.main(["--only", "zzz"]) == 1
    assert "unknown figure" in capsys.readouterr().err


def test_render_draws_both_layouts_and_records_each_ones_width_and_smallest_text(tmp_path):
    from sitebuild import figstyle

    def draw(lang, layout):
        fig, (ax,) = layout.panels(1, height=2, narrow_height=3)
        ax.set_title(lang)
        ax.annotate("small", (0.5, 0.5), fontsize=layout.pick(9.5, 11))
        return fig

    figstyle.render(draw, argv=["scripts/figures/page/plot_demo.py", str(tmp_path)])
    sizes = json.loads((tmp_path / "demo.json").read_text())
    for lang in ("ko", "en"):
        wide, narrow = sizes[lang]["wide"], sizes[lang]["narrow"]
        assert wide == {"width_pt": figstyle.WIDE * 72, "height_pt": 144, "smallest_text_pt": 9}  # the ticks
        assert narrow == {"width_pt": figstyle.NARROW * 72, "height_pt": 216, "smallest_text_pt": 9}
        assert renderer.svg_size((tmp_path / f"demo.{lang}.narrow.svg").read_bytes()) == (figstyle.NARROW * 72, 216)


def test_render_draws_only_the_drawings_named_and_then_records_no_sizes(tmp_path, capsys):
    from sitebuild import figstyle

    def draw(lang, layout):
        fig, (ax,) = layout.panels(1, height=2, narrow_height=3)
        return fig

    figstyle.render(draw, argv=["plot_demo.py", str(tmp_path), "en/narrow"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.en.narrow.svg"]
    with pytest.raises(SystemExit, match="a DRAWING one of ko/wide, ko/narrow, en/wide, en/narrow"):
        figstyle.render(draw, argv=["plot_demo.py", str(tmp_path), "en/tall"])


def test_two_lines_of_hangul_keep_a_gap_between_them(tmp_path):
    """A wrapped Korean label: the second line starts at least 1.08 font sizes below the first
    (matplotlib's own spacing, from NanumGothic's metrics, gave 1.0: the lines touched)."""
    import matplotlib.pyplot as plt

    from sitebuild import figstyle

    figstyle.reset_style()
    fig, ax = plt.subplots()
    one, two = ax.text(0.2, 0.5, "학습 손실"), ax.text(0.6, 0.5, "학습 손실\n평균 제곱 오차")
    figstyle.save(fig, tmp_path / "wrapped.svg")
    pitch = two.get_window_extent().height - one.get_window_extent().height  # px
    plt.close(fig)
    assert pitch >= 1.08 * two.get_fontsize() * fig.dpi / 72


def test_a_save_measures_each_text_and_font_once_and_draws_what_matplotlib_draws(tmp_path, monkeypatch):
    """``save`` measures each text once and reads each font's ascent, descent and line gap once
    (matplotlib measured each text twice, once per renderer, and read the heights for every text);
    the SVG is byte for byte the one matplotlib writes on its own."""
    from contextlib import nullcontext

    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_svg import RendererSVG

    from sitebuild import figstyle

    def drawing(name: str) -> bytes:
        figstyle.reset_style()
        fig, ax = plt.subplots()
        ax.plot([0, 1], [0, 1], label="학습 손실 $\\ell$")
        ax.set_title("제목", fontweight="bold")
        ax.set_xlabel("epochs\n(two lines)", fontsize=13)
        ax.text(0.1, 0.5, "$\\sigma(x) = 1/(1+e^{-x})$", fontsize=11)
        ax.legend(title="범례")
        figstyle.save(fig, tmp_path / name)
        plt.close(fig)
        return (tmp_path / name).read_bytes()

    fonts, texts = [], []  # what was read and measured, in order
    read, measure = figstyle.font_heights, RendererSVG.get_text_width_height_descent

    def reading(prop):
        fonts.append(hash(prop))
        return read(prop)

    def measuring(renderer, text, prop, ismath):
        texts.append((text, hash(prop), ismath))
        return measure(renderer, text, prop, ismath)

    monkeypatch.setattr(figstyle, "font_heights", reading)
    monkeypatch.setattr(RendererSVG, "get_text_width_height_descent", measuring)
    once = drawing("once.svg")
    assert len(fonts) == len(set(fonts)) >= 4  # 9, 10, 11, 13 pt, bold
    assert len(texts) == len(set(texts)) > 10
    texts.clear()
    monkeypatch.setattr(figstyle, "measured_once", nullcontext)
    assert drawing("matplotlib.svg") == once
    assert len(texts) > len(set(texts))  # each text measured by each renderer


def test_a_save_draws_the_figure_once_and_writes_what_matplotlib_writes(tmp_path, monkeypatch):
    """matplotlib draws a figure with a layout engine twice to save it, the first time only to lay
    it out; ``save`` lays it out and draws it once. A figure without a layout engine is drawn once
    either way. Both SVGs are byte for byte the ones matplotlib writes on its own."""
    import functools
    from contextlib import nullcontext

    import matplotlib.pyplot as plt
    from matplotlib.axis import Axis

    from sitebuild import figstyle

    drawn = []  # every axis drawn, once per pass
    draw = Axis.draw

    @functools.wraps(draw)
    def counting(axis, renderer):
        drawn.append(axis)
        return draw(axis, renderer)

    def saved(layout: str, name: str) -> tuple[bytes, int]:
        figstyle.reset_style()
        fig, axes = plt.subplots(1, 2, layout=layout)
        for ax in axes:
            ax.plot([0, 1], [1, 3], label="학습 손실")
            ax.set(title="제목", xlabel="epochs", yscale="log")
            ax.legend()
        drawn.clear()
        figstyle.save(fig, tmp_path / name)
        plt.close(fig)
        return (tmp_path / name).read_bytes(), len(drawn)

    monkeypatch.setattr(Axis, "draw", counting)
    ours = {layout: saved(layout, f"{layout}.svg") for layout in ("constrained", "none")}
    monkeypatch.setattr(figstyle, "laid_out_once", lambda fig: nullcontext())
    theirs = {layout: saved(layout, f"{layout}.matplotlib.svg") for layout in ("constrained", "none")}
    assert ours["constrained"] == (theirs["constrained"][0], 4) and theirs["constrained"][1] == 8
    assert ours["none"] == theirs["none"] and ours["none"][1] == 4


def test_the_plugin_shows_the_narrow_layout_on_narrow_screens_inside_a_link_to_the_figure(sandbox):
    sandbox("a")
    plugin = renderer.FiguresPlugin()
    plugin.figures = {f.name: f for f in renderer.render_figures(log=lambda line: None)}
    config = type("Config", (), {"plugins": {}})()
    page = type("Page", (), {"file": type("File", (), {"src_uri": "p.md"})()})()
    html = plugin.on_page_content('<p><img alt="A plot." src="figures/a.svg" /></p>', page, config, None)
    assert html == ('<p><a class="nn-figure" href="figures/a.svg"><picture>'
                    f'<source media="{renderer.NARROW_SCREEN}" srcset="figures/a.narrow.svg" width="8" height="11">'
                    '<img alt="A plot." width="13" height="7" decoding="async" src="figures/a.svg" />'
                    '</picture></a></p>')


# --- the real figures --------------------------------------------------------------------


def test_every_real_figure_has_a_draw_function_and_uses_the_shared_render():
    for figure in renderer.all_figures():
        source = figure.script.read_text(encoding="utf-8")
        assert "def draw(lang, layout)" in source and "render(draw)" in source, figure.script.name


def first_difference(fresh: Path, built: Path) -> str:
    """The file's name and the first line where the two renders part, as each has it."""
    for line, (a, b) in enumerate(zip(fresh.read_text().splitlines(), built.read_text().splitlines()), 1):
        if a != b:
            return f"{fresh.name}:{line}: fresh {a[:120]!r} built {b[:120]!r}"
    return f"{fresh.name}: one render is longer"


def test_every_real_figure_renders_byte_identical_to_the_builds_copy(site, tmp_path):
    """A fresh render of each figure (two at a time) equals the one the build behind ``site`` cached.

    One of its four drawings, taking languages and layouts in turn from one figure to the next
    (what differs between renders, a hash or an id, shows in any of them; all four took most of a
    minute of both cores)."""
    figures = [f for f in renderer.all_figures() if f.name not in renderer.NONDETERMINISTIC]
    assert all(renderer.is_cached(f) for f in figures), "the build did not render every figure"
    drawings = {f.name: (lang, layout) for f, (lang, layout) in
                zip(figures, itertools.cycle(itertools.product(renderer.LANGS, renderer.LAYOUTS)))}

    def render(figure) -> float:
        lang, layout = drawings[figure.name]
        return renderer.jobs.run([sys.executable, str(figure.script), str(tmp_path), f"{lang}/{layout}"],
                                 kind="figure", name=figure.name, env={"MPLBACKEND": "svg"},
                                 preload=renderer.PRELOAD).seconds
    renderer.jobs.Batch(figures, render, label="figure", verb="rendered", total=len(figures),
                        name=lambda f: f.name, error=renderer.FigureError, log=lambda _: None).wait()
    pairs = [(tmp_path / name, renderer.CACHE / name) for name in
             (svg_name(f.name, *drawings[f.name]) for f in figures)]
    differ = [first_difference(fresh, built) for fresh, built in pairs if fresh.read_bytes() != built.read_bytes()]
    assert differ == [], "these figures differ between two renders"
    assert {drawings[f.name] for f in figures} == set(itertools.product(renderer.LANGS, renderer.LAYOUTS))
    assert not [fresh.name for fresh, _ in pairs if b"Date" in fresh.read_bytes()]


@pytest.mark.parametrize("crowd, message", [
    (lambda ax: ax.plot([0, 1], [1e6, 1e6 + 1]), "shows the offset text '+1e6' above its y axis"),
    (lambda ax: ax.xaxis.tick_top(), "has x ticks or its x label on top"),
    (lambda ax: ax.xaxis.set_label_position("top"), "has x ticks or its x label on top"),
])
def test_a_title_that_would_cover_what_is_above_its_axes_is_refused(tmp_path, crowd, message):
    """Titles sit at the top of their axes (axes.titley = 1), not lifted over what is there."""
    import matplotlib.pyplot as plt

    from sitebuild import figstyle

    figstyle.reset_style()
    fig, (left, right) = plt.subplots(1, 2)
    left.plot([0, 1], [1e6, 1e6 + 1])  # an offset text, but no title: allowed
    right.set_title("a title")
    crowd(right)
    with pytest.raises(SystemExit, match=re.escape(f"crowded.svg: an axes with a title {message}")):
        figstyle.save(fig, tmp_path / "crowded.svg")
    plt.close(fig)
