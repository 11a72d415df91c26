"""The figure pipeline: cache, CLI, failures that name their script, byte-identical output."""

from __future__ import annotations

from pathlib import Path

import pytest
from hookfile import load_hook

ROOT = Path(__file__).resolve().parent.parent


hook = load_hook("figures")
renderer = hook.renderer

WRITER = """import sys, pathlib
out = pathlib.Path(sys.argv[1])
for lang in ("ko", "en"):
    (out / f"{NAME}.{lang}.svg").write_text(f"<svg>{lang} VERSION</svg>")
"""


@pytest.fixture
def sandbox(tmp_path, monkeypatch):
    """A renderer working on its own scripts, package and cache folders."""
    scripts, package, cache = tmp_path / "scripts", tmp_path / "pkg", tmp_path / "cache"
    scripts.mkdir(), package.mkdir()
    (scripts / "style.py").write_text("STYLE = 1\n")
    (package / "core.py").write_text("X = 1\n")
    monkeypatch.setattr(renderer, "ROOT", tmp_path)
    monkeypatch.setattr(renderer, "SCRIPTS", scripts)
    monkeypatch.setattr(renderer, "PACKAGE", package)
    monkeypatch.setattr(renderer, "CACHE", cache)

    def add(name: str, body: str = WRITER, version: str = "v1") -> Path:
        path = scripts / f"plot_{name}.py"
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
    assert (renderer.CACHE / "a.ko.svg").read_text() == "<svg>ko v1</svg>"
    assert (renderer.CACHE / "a.en.svg").read_text() == "<svg>en v1</svg>"
    assert rendered() == []


def test_a_changed_script_renders_only_that_figure(sandbox):
    sandbox("a"), sandbox("b")
    rendered()
    sandbox("b", version="v2")
    assert rendered() == ["b"]
    assert (renderer.CACHE / "b.en.svg").read_text() == "<svg>en v2</svg>"


@pytest.mark.parametrize("shared", ["scripts/style.py", "pkg/core.py"])
def test_a_changed_style_or_package_renders_every_figure(sandbox, shared):
    sandbox("a"), sandbox("b")
    rendered()
    (renderer.ROOT / shared).write_text("CHANGED = 2\n")
    assert rendered() == ["a", "b"]


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
    with pytest.raises(renderer.FigureError, match=r"unknown figure.*'nope'.*known: \['a'\]"):
        renderer.render_figures(["nope"])


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


def test_the_build_hook_turns_a_failure_into_a_build_error(sandbox, monkeypatch):
    from mkdocs.exceptions import PluginError

    sandbox("bad", body="raise RuntimeError('broken figure')\n")
    with pytest.raises(PluginError, match=r"(?s)plot_bad.py.*RuntimeError: broken figure"):
        hook.on_pre_build(config=None)


def test_cli_lists_renders_and_rejects(sandbox, capsys):
    sandbox("a")
    assert renderer.main(["--list"]) == 0
    assert "a" in capsys.readouterr().out.split()
    assert renderer.main(["--only", "a"]) == 0
    assert "figure a" in capsys.readouterr().out
    assert renderer.main(["--only", "zzz"]) == 1
    assert "unknown figure" in capsys.readouterr().err


# --- the real figures --------------------------------------------------------------------

REAL = [f.name for f in renderer.all_figures()]
DETERMINISTIC = [name for name in REAL if name not in renderer.NONDETERMINISTIC]


def test_every_real_figure_has_a_draw_function_and_uses_the_shared_render():
    for figure in renderer.all_figures():
        source = figure.script.read_text(encoding="utf-8")
        assert "def draw(lang)" in source and "render(draw)" in source, figure.script.name


@pytest.mark.parametrize("name", DETERMINISTIC)
def test_real_figure_renders_byte_identical_to_the_builds_copy(name, site, tmp_path):
    """A fresh render equals the one the build (the ``site`` fixture) put in the cache."""
    figure = next(f for f in renderer.all_figures() if f.name == name)
    assert renderer.is_cached(figure, renderer._shared_digest()), "the build did not render this figure"
    renderer.run_script(figure, tmp_path)
    for fresh, built in zip(figure.outputs(tmp_path), figure.outputs(renderer.CACHE)):
        assert fresh.read_bytes() == built.read_bytes(), f"{fresh.name} differs between two renders"
        assert b"Date" not in fresh.read_bytes()
