"""Collect the code on the site's pages as tests (Sybil).

Every ```python fence in ``docs/**/*.md``, in both languages, runs: a fence that starts with
``>>>`` as a doctest, any other as plain code. Fences with attributes (```python
title="x.py"```) count too: the parser matches on the first word of the info line, where
Sybil's stock parser compares the whole line and would skip them silently. The blocks of
one page share a namespace and run in order. A ```py fence is shown (highlighted as Python)
but not run: it is for code that needs a library nnnotes does not depend on, e.g. PyTorch.
"""

import re

from sybil import Sybil
from sybil.parsers.abstract.codeblock import AbstractCodeBlockParser
from sybil.parsers.markdown import PythonCodeBlockParser
from sybil.parsers.markdown.lexers import RawFencedCodeBlockLexer

FENCE_INFO = re.compile(r"(?P<language>[\w-]+)(?:[ \t{][^\n]*)?$\n", re.MULTILINE)


class FirstWordCodeBlockParser(AbstractCodeBlockParser):
    """A fenced-block parser keyed on the first word of the fence's info line."""

    def __init__(self, language, evaluator=None):
        lexer = RawFencedCodeBlockLexer(FENCE_INFO, mapping={"language": "arguments", "source": "source"})
        super().__init__([lexer], language, evaluator)


class PythonFenceParser(PythonCodeBlockParser):
    codeblock_parser_class = FirstWordCodeBlockParser


pytest_collect_file = Sybil(
    parsers=[PythonFenceParser()],
    patterns=["*.md"],
    path="docs",
    excludes=["assets/*"],
).pytest()

# The notebooks are scripts for Jupyter, not modules: tests/test_notebooks.py executes them.
collect_ignore_glob = ["docs/notebooks/*.py"]
