"""A notebook as a reader downloads it: ``NAME.LANG.ipynb``, standing alone anywhere.

The download is the executed notebook (its outputs included, as the page shows them) with:

- a first cell saying where it comes from and how to run it (Jupyter, VS Code, Colab);
- a setup cell that first installs, when they are missing, exactly the ``nnnotes`` wheel the
  site publishes (by its URL, never by name from the package index, where another package
  has that name) and what the notebook needs (matplotlib, and the Korean font for Korean);
- links to the site made absolute, so they work outside it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import urljoin

from .wheel import Wheel

ABOUT = {
    "ko": ("> 이 노트북은 [{site}]({home})의 [{chapter}]({chapter_url}) 장에 딸린 실습이다. "
           "Jupyter나 VS Code(Jupyter 확장)에서 열거나 Google Colab에 올린 뒤 위에서부터 차례로 실행하면 "
           "된다. 첫 코드 셀이 필요한 패키지, 즉 이 노트북을 실행한 것과 같은 nnnotes와 matplotlib, "
           "한글 글꼴을 설치한다. 지금 보이는 출력은 사이트를 만들 때 실행한 결과다."),
    "en": ("> This notebook is the exercise of the chapter [{chapter}]({chapter_url}) of [{site}]({home}). "
           "Open it in Jupyter or VS Code (with the Jupyter extension), or upload it to Google Colab, and run "
           "it top to bottom. Its first code cell installs what it needs: the same nnnotes it was executed "
           "with, and matplotlib. The outputs you see come from the run that built the site."),
}
INSTALL = '''# Installs what this notebook needs when it is missing (Colab, a fresh environment): the nnnotes
# it was executed with, from the site that published it, and the packages for the plots.
import importlib.metadata
import importlib.util
import subprocess
import sys

def _missing(module, distribution=None, version=None):
    if importlib.util.find_spec(module) is None:
        return True
    try:
        return version is not None and importlib.metadata.version(distribution) != version
    except importlib.metadata.PackageNotFoundError:
        return True

_needed = {{{needed}}}
_install = [spec for module, (spec, version) in _needed.items() if _missing(module, spec if version else None, version)]
if _install:
    subprocess.check_call([sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *_install])
    importlib.invalidate_caches()

'''
NEEDS = {  # module -> pip requirement, for every notebook; nnnotes is added with its wheel
    "matplotlib": "matplotlib", "PIL": "pillow",
}
KOREAN_NEEDS = {"koreanize_matplotlib": "koreanize-matplotlib"}
MARKDOWN_LINK = re.compile(r"\]\((?!https?:|mailto:|#)([^)\s]+)\)")


def install_cell(wheel: Wheel, wheel_url: str, lang: str) -> str:
    needs = {"nnnotes": (wheel_url, wheel.version)}
    needs |= {module: (spec, None) for module, spec in (NEEDS | (KOREAN_NEEDS if lang == "ko" else {})).items()}
    entries = ", ".join(f"{module!r}: ({spec!r}, {version!r})" for module, (spec, version) in needs.items())
    return INSTALL.format(needed=entries)


def absolute_links(markdown: str, page_url: str) -> str:
    """``markdown`` with every relative link resolved against ``page_url``."""
    return MARKDOWN_LINK.sub(lambda m: f"]({urljoin(page_url, m[1])})", markdown)


def download(executed: Path, *, lang: str, page_url: str, chapter: str, chapter_url: str, site: str, home: str,
             wheel: Wheel, wheel_url: str) -> str:
    """The downloadable ``.ipynb`` text of the executed notebook ``executed``."""
    return _download(executed, executed.stat().st_mtime_ns, lang, page_url, chapter, chapter_url, site, home,
                     wheel, wheel_url)


@lru_cache(maxsize=64)
def _download(executed, mtime, lang, page_url, chapter, chapter_url, site, home, wheel, wheel_url) -> str:
    import nbformat

    notebook = nbformat.read(executed, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            cell.source = absolute_links(cell.source, page_url)
    setup = notebook.cells[1]  # the runner puts the setup cell after the title
    setup.source = install_cell(wheel, wheel_url, lang) + setup.source
    about = nbformat.v4.new_markdown_cell(ABOUT[lang].format(site=site, home=home, chapter=chapter,
                                                              chapter_url=chapter_url))
    about.id = "about"
    notebook.cells.insert(0, about)
    return nbformat.writes(notebook)
