"""The numbers stated in the prose: ``{{claim:NAME}}`` and ``{{setting:NAME}}`` markers.

Claims and settings are registered in ``nnnotes.experiments`` (see its ``claims`` module).
Each chapter's are computed by one job, a subprocess (``python -m sitebuild.claims --chapter
MODULE``) within the ``claims`` time limit, which also asserts every claim's ``expect``: a
claim that no longer holds stops the build, naming it and its value. A chapter's values are
cached in ``.cache/claims/MODULE.json`` and computed again only when the code it imports
changes (``sitebuild.deps``).

Before each build every page is checked: a marker must be spelt exactly (``{{ claim:x }}``
and ``{{Claim:x}}`` are errors), name a known claim or setting (an unknown name gets the
closest known ones), and appear on both languages of its page.

    python -m sitebuild.claims             # every claim and setting with its value
"""

from __future__ import annotations

import argparse
import inspect
import json
import logging
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from difflib import get_close_matches
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from . import SiteError, jobs
from .cache import CACHE as CACHE_ROOT
from .cache import ROOT, package_versions, read_json, shown, write_atomic
from .deps import closure, code_digest, module_file, module_name
from .lang import LANGS, another_language_pass, pages_by_language

CACHE = CACHE_ROOT / "claims"
# What every chapter's job imports first, imported once per batch of chapters (``sitebuild.warm``).
PRELOAD = ("numpy", "mkdocs.plugins", "nnnotes")
EXPERIMENTS = "nnnotes.experiments"
REGISTRY = f"{EXPERIMENTS}.claims"
NOT_CHAPTERS = {REGISTRY, f"{EXPERIMENTS}.common", f"{EXPERIMENTS}.shared"}  # what the chapters share
MARKER = re.compile(r"\{\{(claim|setting):([a-z0-9_.]+)\}\}")
# What an author may mean as a marker but is not spelt as one: spaces, capitals, one brace.
LOOKALIKE = re.compile(r"\{\{?\s*(?i:claim|setting)\s*:[^{}\n]*\}?\}")
log = logging.getLogger("mkdocs.plugins.nnnotes.claims")


class ClaimError(SiteError):
    """A claim failed, does not hold, or a page's marker is wrong; the message says where."""


@dataclass(frozen=True)
class Chapter:
    """The claims and settings of one module (or package) of ``nnnotes.experiments``."""

    module: str

    @property
    def name(self) -> str:
        return self.module.rsplit(".", 1)[1]

    def files(self) -> list[Path]:
        """The chapter's own files and everything they import."""
        root = module_file(self.module)
        own = sorted(root.parent.rglob("*.py")) if root.name == "__init__.py" else [root]
        return sorted({*own, *closure([self.module, *map(module_name, own)])})

    @property
    def cached(self) -> Path:
        return CACHE / f"{self.module}.json"


def all_chapters() -> list[Chapter]:
    """Every module or package directly below ``nnnotes.experiments`` but the registry and the shared helpers."""
    folder = module_file(EXPERIMENTS).parent
    names = sorted({p.stem for p in folder.glob("[!_]*.py")} | {p.parent.name for p in folder.glob("[!_]*/__init__.py")})
    return [Chapter(f"{EXPERIMENTS}.{name}") for name in names if f"{EXPERIMENTS}.{name}" not in NOT_CHAPTERS]


def fingerprint(chapter: Chapter) -> str:
    return code_digest(chapter.files(), package_versions("numpy"))


# --- the job: compute one chapter in a subprocess ---------------------------------------

def where(function) -> str:
    """``file:line`` of a function, for messages."""
    try:
        return f"{shown(Path(inspect.getsourcefile(function)))}:{inspect.getsourcelines(function)[1]}"
    except (OSError, TypeError):
        return "?"


def compute_chapter(module: str) -> dict:
    """Compute and check the claims of ``module`` and read its settings, in this process."""
    from nnnotes.experiments.claims import CLAIMS, SETTINGS, import_all

    inside = set(import_all(module))
    claims, settings = {}, {}
    for name, claim in sorted(CLAIMS.items()):
        if claim.module not in inside:
            continue
        jobs.report(f"claim {name}")
        value = claim.compute()
        if not claim.expect(value):
            raise ClaimError(f"claim {name} = {value!r} does not hold what the prose says "
                             f"(its expect, {where(claim.expect)}); fix the code or the claim")
        claims[name] = claim.text(value)
    for name, setting in sorted(SETTINGS.items()):
        if setting.module in inside:
            settings[name] = setting.text()
    return {"claims": claims, "settings": settings}


def run_chapter(chapter: Chapter) -> float:
    """Compute ``chapter`` in a subprocess into its cache file; return the seconds it took."""
    folder = jobs.scratch_folder("claims-")
    out = folder / "values.json"
    try:
        done = jobs.run([sys.executable, "-m", "sitebuild.claims", "--chapter", chapter.module, "--json", str(out)],
                        kind="claims", name=chapter.module, preload=PRELOAD)
    except jobs.JobError as err:
        raise ClaimError(str(err)) from None
    values = json.loads(out.read_text(encoding="utf-8"))
    write_atomic(chapter.cached, json.dumps({"fingerprint": fingerprint(chapter), **values},
                                            indent=1, ensure_ascii=False, sort_keys=True))
    return done.seconds


def is_cached(chapter: Chapter) -> bool:
    cached = read_json(chapter.cached, "claims cache")
    return bool(cached) and cached.get("fingerprint") == fingerprint(chapter) and "claims" in cached


def start_computing(log=print) -> jobs.Batch:
    """Queue the chapters whose claims changed; ``.wait()`` raises :class:`ClaimError` for the
    first that fails."""
    chapters = all_chapters()
    todo = [c for c in chapters if not is_cached(c)]
    return jobs.Batch(todo, run_chapter, label="claims", verb="computed", total=len(chapters),
                      name=lambda c: c.name, error=ClaimError, log=log)


def load_values(log=print) -> dict[str, dict[str, str]]:
    """``{"claim": {name: text}, "setting": {name: text}}`` for every chapter, computing what changed."""
    start_computing(log).wait()
    return cached_values()


def cached_values() -> dict[str, dict[str, str]]:
    """What :func:`load_values` returns, from the chapters' cache files (all computed)."""
    values = {"claim": {}, "setting": {}}
    for chapter in all_chapters():
        cached = read_json(chapter.cached, "claims cache")
        values["claim"].update(cached["claims"])
        values["setting"].update(cached["settings"])
    return values


# --- the pages ---------------------------------------------------------------------------

def line_of(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def check_page(path: Path, values: dict[str, dict[str, str]]) -> Counter:
    """The markers of one page; :class:`ClaimError` naming page and line for a bad one."""
    text = path.read_text(encoding="utf-8")
    exact = {m.start() for m in MARKER.finditer(text)}
    for match in LOOKALIKE.finditer(text):
        if match.start() not in exact or not MARKER.fullmatch(match[0]):
            kind = "setting" if "setting" in match[0].lower() else "claim"
            name = match[0].split(":", 1)[1].strip(" {}")
            raise ClaimError(f"{shown(path)}:{line_of(text, match.start())}: {match[0]!r} is not a marker; "
                             f"write {{{{{kind}:{name}}}}} (lower case, no spaces)")
    found = Counter()
    for match in MARKER.finditer(text):
        kind, name = match[1], match[2]
        if name not in values[kind]:
            close = get_close_matches(name, values[kind], n=3, cutoff=0.6)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise ClaimError(f"{shown(path)}:{line_of(text, match.start())}: unknown {kind} {name!r}{hint}")
        found[match[0]] += 1
    return found


def check_pages(docs: Path, values: dict[str, dict[str, str]]) -> None:
    """Every page's markers are spelt right and known, and both languages state the same ones."""
    for pair in pages_by_language(docs):
        markers = {lang: check_page(pair[lang], values) for lang in LANGS if lang in pair}
        if len(markers) < len(LANGS):
            continue  # a page missing in one language is the i18n checks' business
        first, *others = LANGS
        for other in others:
            for marker in (markers[first] - markers[other]) + (markers[other] - markers[first]):
                here, there = (first, other) if markers[first][marker] > markers[other][marker] else (other, first)
                text = pair[here].read_text(encoding="utf-8")
                line = line_of(text, text.index(marker))
                raise ClaimError(f"{shown(pair[here])}:{line} states {marker} more often than "
                                 f"{shown(pair[there])}: both languages must state the same numbers")


class ClaimsPlugin(BasePlugin):
    """Compute the claims before each build, check every page, write the values into pages."""

    computing: jobs.Batch | None = None  # queued before the build (behind the figures), waited for in on_files

    def on_pre_build(self, config):
        if another_language_pass(config):  # computed and checked for every language
            return
        try:
            self.computing = start_computing(log=log.info)
        except SiteError as err:
            raise PluginError(str(err)) from None

    def on_files(self, files, config):
        if another_language_pass(config):
            return files
        try:
            self.computing.wait()
            self.values = cached_values()
            check_pages(Path(config.docs_dir), self.values)
        except SiteError as err:
            raise PluginError(str(err)) from None
        return files

    def on_build_error(self, error):
        jobs.cancel_batches()  # the build has failed: no job of it goes on

    def on_page_markdown(self, markdown, page, config, files):
        return MARKER.sub(lambda m: self.values[m[1]][m[2]], markdown)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chapter", metavar="MODULE", help=argparse.SUPPRESS)
    parser.add_argument("--json", type=Path, metavar="FILE", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        if args.chapter:
            args.json.write_text(json.dumps(compute_chapter(args.chapter), ensure_ascii=False), encoding="utf-8")
            return 0
        start = time.perf_counter()
        values = load_values()
    except SiteError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    for kind, named in values.items():
        for name, text in sorted(named.items()):
            print(f"{kind:<8} {name:<48} {text}")
    print(f"{sum(map(len, values.values()))} values in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
