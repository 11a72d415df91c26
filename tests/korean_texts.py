"""The Korean texts of the site as a reader sees them, with the line numbers of their files.

Every Korean text a reader sees: the Korean pages, the markdown cells of the Korean notebooks, the
Korean label tables of the figure scripts and of the interactive demos (``korean_texts``), and the Korean comments, messages and
alt texts in the notebooks' code cells (``notebook_code``). Each reader blanks what it does not
return and keeps line breaks, so an offset in its text is a line of the file (``where``). The
checks on Korean (tests/test_glossary.py, tests/test_korean_style.py) share these readers.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HANGUL = "가-힣"
IS_HANGUL = re.compile(f"[{HANGUL}]")


def mask(text: str, pattern: re.Pattern) -> str:
    """Blank out every match, keeping line breaks so that line numbers stay right."""
    return pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


NOT_PROSE = [  # what a reader does not read as Korean prose: code, URLs, markup
    re.compile(r"^[ \t]*(```|~~~).*?^[ \t]*\1[ \t]*$", re.MULTILINE | re.DOTALL),   # fenced code
    re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.DOTALL),                           # code spans
    re.compile(r"<!--.*?-->", re.DOTALL),
    re.compile(r"<code>.*?</code>", re.DOTALL),
    re.compile(r"\]\([^)]*\)"),                                                      # link targets
    re.compile(r"<https?://[^>]*>|https?://\S+"),                                    # URLs
    re.compile(r"</?[A-Za-z][^<>\n]*>"),                                             # HTML tags
]


def prose(text: str) -> str:
    for pattern in NOT_PROSE:
        text = mask(text, pattern)
    return text


def markdown_lines(source: str) -> set[int]:
    """The line numbers (from 1) inside the markdown cells of a jupytext percent-format notebook."""
    lines, in_markdown = set(), False
    for number, line in enumerate(source.splitlines(), 1):
        if line.startswith("# %%"):
            in_markdown = "[markdown]" in line or "[md]" in line
        elif in_markdown:
            lines.add(number)
    return lines


def notebook_markdown(source: str) -> str:
    """The markdown cells of a jupytext percent-format notebook, other lines blanked."""
    markdown = markdown_lines(source)
    return "\n".join(line[2:] if number in markdown and (line.startswith("# ") or line == "#") else ""
                     for number, line in enumerate(source.splitlines(), 1))


def notebook_code(source: str) -> str:
    """The comments and string literals of a jupytext notebook's code cells, other text blanked.

    These are what a reader of the notebook sees in its code: comments, docstrings, printed messages,
    plot labels and the alt text given to ``show``. Markdown cells are left to ``notebook_markdown``.
    """
    skip = markdown_lines(source)
    lines = [""] * (source.count("\n") + 1)
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type not in (tokenize.COMMENT, tokenize.STRING) or token.start[0] in skip:
            continue
        if token.string.startswith("# %%"):     # a cell marker
            continue
        for number, piece in enumerate(token.string.split("\n"), token.start[0]):
            lines[number - 1] += " " + piece
    return "\n".join(lines)


def korean_labels(source: str) -> str:
    """The strings of ``TEXT["ko"]`` in a figure script, each on its own source line."""
    lines = [""] * (source.count("\n") + 1)
    for node in ast.parse(source).body:
        if not (isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "TEXT" for t in node.targets)):
            continue
        if not isinstance(node.value, ast.Dict):
            continue
        for key, value in zip(node.value.keys, node.value.values):
            if isinstance(key, ast.Constant) and key.value == "ko":
                for sub in ast.walk(value):
                    if isinstance(sub, ast.Dict):
                        strings = sub.values
                    elif isinstance(sub, (ast.List, ast.Tuple, ast.JoinedStr)):
                        strings = sub.elts if hasattr(sub, "elts") else sub.values
                    else:
                        continue
                    for s in strings:
                        if isinstance(s, ast.Constant) and isinstance(s.value, str):
                            lines[s.lineno - 1] += " " + s.value.replace("\n", " ")
    return "\n".join(lines)


JS_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`')


def demo_labels(source: str) -> str:
    """The strings of ``TEXT.ko`` in a demo module (docs/assets/javascripts/demos/), each on its own source line."""
    lines = [""] * (source.count("\n") + 1)
    start = source.find("\n  ko: {")
    if start < 0:
        return "\n".join(lines)
    for m in JS_STRING.finditer(source, start, source.index("\n  en: {", start)):
        lines[source.count("\n", 0, m.start())] += " " + m.group(0)[1:-1].replace("\n", " ")
    return "\n".join(lines)


def korean_texts(root: Path = ROOT, *, code: bool = False) -> list[tuple[Path, str, str]]:
    """(file, text as a reader sees it with the file's line numbers, kind) for every Korean text.

    The kinds are "page", "notebook" (markdown cells) and "labels"; with ``code``, also
    "notebook code" (the comments and strings of the notebooks' code cells).
    """
    docs = root / "docs"
    texts = [(p, p.read_text(encoding="utf-8"), "page") for p in sorted(docs.rglob("*.ko.md"))
             if "assets" not in p.relative_to(docs).parts]
    texts += [(p, notebook_markdown(p.read_text(encoding="utf-8")), "notebook")
              for p in sorted((docs / "notebooks").glob("*.ko.py"))]
    texts += [(p, korean_labels(p.read_text(encoding="utf-8")), "labels")
              for p in sorted((root / "scripts" / "figures").glob("*/plot_*.py"))]
    texts += [(p, demo_labels(p.read_text(encoding="utf-8")), "labels")
              for p in sorted((docs / "assets" / "javascripts" / "demos").glob("*.js"))]
    if code:
        texts += [(p, notebook_code(p.read_text(encoding="utf-8")), "notebook code")
                  for p in sorted((docs / "notebooks").glob("*.ko.py"))]
    return texts


def where(path: Path, text: str, offset: int) -> str:
    try:
        name = path.relative_to(ROOT).as_posix()
    except ValueError:
        name = path.as_posix()
    return f"{name}:{text.count(chr(10), 0, offset) + 1}"
