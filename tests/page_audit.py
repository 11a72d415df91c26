"""axe-core as the browser tests run it on a page of the site.

KaTeX draws each formula as nested spans (11000 on a long page) in the colours of the text
around them. The page audit leaves them out, their MathML twin (what screen readers read) with
them: a full audit of every page found nothing in them when this was written. Left out, they
still cost axe most of its time (it walks the whole document), so before an audit the formulas
not being audited are swapped for empty boxes of their size: the page keeps its layout, and axe
is two to three times faster. A formula wider than its box stays: axe must still find that box
reachable by keyboard (scrollable-region-focusable), which it judges by what the box holds.
"""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

AXE_CORE = Axe().axe_script  # axe-core 4.12.1, as bundled with axe-playwright-python 0.1.8
BUT_MATH = {"exclude": [".katex"]}
FORMULAS_AS_BOXES = """keep => {
    for (const formula of document.querySelectorAll('.katex')) {
        if (keep && formula.closest(keep)) continue;
        const holder = formula.closest('.arithmatex');
        if (holder && holder.scrollWidth > holder.clientWidth) continue;
        const { width, height } = formula.getBoundingClientRect();
        const box = document.createElement('span');
        box.className = 'katex';
        box.style.cssText = `display: inline-block; width: ${width}px; height: ${height}px`;
        formula.replaceWith(box);
    }
}"""


def formulas_as_boxes(tab, keep: str | None = None) -> None:
    """Swap the formulas of the page, but those inside ``keep`` (a selector), for empty boxes."""
    tab.evaluate(FORMULAS_AS_BOXES, keep)


def audit(tab, context: dict, options: dict) -> list[dict]:
    """axe-core's violations on ``tab`` (injected once per page) for ``context`` and ``options``."""
    if not tab.evaluate("typeof axe !== 'undefined'"):
        tab.evaluate(AXE_CORE)
    return tab.evaluate("([context, options]) => axe.run(context, options).then(results => results.violations)",
                        [context, {**options, "resultTypes": ["violations"]}])
