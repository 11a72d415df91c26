"""Math is typeset at build time: KaTeX in QuickJS, cached, strict; no page runs a script for it."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from sitebuild import katex as mathrender
from sitebuild.katex import MathPlugin

hook = MathPlugin()


@pytest.fixture
def katex(tmp_path, monkeypatch):
    renderer = mathrender.KaTeX(cache_file=tmp_path / "katex.json")
    monkeypatch.setattr(hook, "katex", renderer)
    return renderer


def test_inline_and_display_math_become_katex_html_with_mathml(katex):
    inline = katex.render(r"\sigma'(x)", display=False)
    display = katex.render(r"\sum_i w_i x_i", display=True)
    assert inline.startswith('<span class="katex">') and "<math" in inline
    assert 'class="katex-display"' in display and 'display="block"' in display


def test_a_formula_katex_cannot_typeset_names_itself(katex):
    with pytest.raises(mathrender.MathError, match=r"cannot typeset '\\\\frac\{1\}'"):
        katex.render(r"\frac{1}", display=False)


def test_renders_come_back_from_the_cache_without_running_katex(katex, monkeypatch):
    html = katex.render("x^2", display=False)
    katex.save()
    cached = mathrender.KaTeX(cache_file=katex.cache_file)
    monkeypatch.setattr(cached, "_typeset", lambda *args: pytest.fail("rendered again"))
    assert cached.render("x^2", display=False) == html


def test_the_cache_keeps_only_what_the_last_build_used(katex):
    katex.render("a", display=False)
    katex.save()
    again = mathrender.KaTeX(cache_file=katex.cache_file)
    again.render("b", display=False)
    again.save()
    assert list(mathrender.KaTeX(cache_file=katex.cache_file).renders) == ["inline:b"]


def test_a_build_that_used_what_the_cache_holds_does_not_write_it_again(katex):
    katex.render("a", display=False)
    katex.save()
    written = katex.cache_file.stat().st_mtime_ns
    again = mathrender.KaTeX(cache_file=katex.cache_file)
    again.render("a", display=False)
    again.save()
    assert katex.cache_file.stat().st_mtime_ns == written


def page(uri="neurons.ko.md"):
    return SimpleNamespace(file=SimpleNamespace(src_uri=uri))


def test_the_hook_typesets_all_three_kinds_and_leaves_other_text_alone(katex):
    html = (
        '<p>cost $5 <span class="arithmatex">\\(a &lt; b\\)</span></p>'
        '<div class="arithmatex">\\[x^2\\]</div>'
        '<figcaption>slope \\(1/4\\)</figcaption>'
        '<div class="jp-RenderedHTMLCommon jp-RenderedMarkdown jp-MarkdownOutput"><p>$y$ and $$z$$</p></div>'
    )
    out = hook.on_post_page(html, page(), config=None)
    assert out.startswith("<p>cost $5 ")  # a dollar outside a notebook cell is just a dollar
    assert out.count('class="katex"') == 5 and out.count('class="katex-display"') == 2
    assert "<mo>&lt;</mo>" in out  # KaTeX got "a < b", not the escaped "a &lt; b"
    assert "\\(" not in out and "\\[" not in out and "$y$" not in out


def test_a_code_block_in_a_notebook_cell_neither_ends_its_math_nor_is_typeset(katex):
    cell = '<div class="jp-RenderedHTMLCommon jp-RenderedMarkdown jp-MarkdownOutput">'
    html = (
        f'{cell}<p>$a$</p><details><div class="highlight"><pre>label = "$b$"</pre></div>'
        '<p><code>"$c$"</code> then $d$</p></details></div>'
        f'<div class="jp-Cell"><pre>$e$</pre></div>{cell}<p>$f$</p></div><p>cost $5 and $6</p>'
    )
    out = hook.on_post_page(html, page(), config=None)
    assert out.count('class="katex"') == 3  # a, d and f
    assert 'label = "$b$"' in out and '<code>"$c$"</code>' in out and "<pre>$e$</pre>" in out
    assert out.endswith("<p>cost $5 and $6</p>")


def test_a_bad_formula_stops_the_build_naming_the_page(katex):
    from mkdocs.exceptions import PluginError

    with pytest.raises(PluginError, match=r"neurons\.ko\.md: KaTeX cannot typeset"):
        hook.on_post_page('<span class="arithmatex">\\(\\frac{1}\\)</span>', page(), config=None)


# --- the built site -----------------------------------------------------------------------

def visible_text(html: str) -> str:
    """The page without scripts, styles, code and KaTeX's output (whose MathML keeps the TeX)."""
    html = re.sub(r"<(script|style|code|pre|annotation)\b.*?</\1>", "", html, flags=re.DOTALL)
    return re.sub(r"<[^>]+>", "", html)


def test_no_page_loads_a_script_for_math_or_shows_raw_tex(site):
    pages = sorted(site.rglob("*.html"))
    typeset = 0
    for path in pages:
        html = path.read_text(encoding="utf-8")
        assert "katex.min.js" not in html and "auto-render" not in html, path
        text = visible_text(html)
        assert not re.search(r"\\\(|\\\[|\$\$|\$\\[a-zA-Z]", text), f"{path.relative_to(site)} shows raw TeX"
        typeset += 'class="katex"' in html
    assert typeset >= 20, "the chapters and notebooks have math"
    assert not (site / "assets" / "katex" / "katex.min.js").exists()
