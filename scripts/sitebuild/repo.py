"""Each page says when it last changed and links to its source: the MkDocs plugin ``nnnotes-repo``.

At the end of every page (``overrides/partials/source-file.html``):

- **Last updated**: the date of the last commit that changed the page's file, from
  ``git log``, written in the page's language ("2025년 1월 5일", "January 5, 2025"). One
  ``git log`` over ``docs/`` gives every file's date; it is kept until ``HEAD`` moves, so
  ``mkdocs serve`` does not ask git again on every edit. The same commit always gives the same
  dates (uncommitted edits do not count). No date without git, outside a repository, or for
  a file git does not track.
- **Edit this page** and **Report a mistake**, only when the site is built with a repository:
  ``NNNOTES_REPO_URL=https://github.com/OWNER/REPO`` (and ``NNNOTES_REPO_BRANCH``, ``main``
  unless set). The edit link is MkDocs' ``page.edit_url`` (``edit_uri`` is set here from the
  branch), so each language's page points to its own file, ``NAME.ko.md`` or ``NAME.en.md``,
  and a notebook's page to its ``.py``. The report link opens a new issue with the page's title
  and address filled in; ``assets/javascripts/report.js`` adds the section and the passage the
  reader selected before pressing it. Both are plain links: nothing is requested when a page
  loads, and Material's header link to the repository does not fetch the repository's stars
  either (``overrides/partials/source.html``).

The URLs follow GitHub's scheme (``/edit/BRANCH/PATH``, ``/issues/new?title=&body=``), which
Gitea and Forgejo share.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from mkdocs.plugins import BasePlugin

from .lang import build_language

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
TEXT = {
    "ko": {"label": "이 페이지의 출처", "updated": "마지막 수정", "edit": "이 페이지 고치기", "report": "틀린 곳 알리기",
           "report_hint": "틀린 부분을 선택한 뒤 누르면 그 부분이 새 이슈에 함께 적힌다.",
           "issue_title": "[틀린 곳] {title}", "page": "페이지", "section": "절", "question": "무엇이 어떻게 틀렸나요?"},
    "en": {"label": "About this page", "updated": "Last updated", "edit": "Edit this page", "report": "Report a mistake",
           "report_hint": "Select the wrong passage first, and the new issue quotes it.",
           "issue_title": "[Mistake] {title}", "page": "Page", "section": "Section", "question": "What is wrong, and how?"},
}


def written_date(date: str, lang: str) -> str:
    """``YYYY-MM-DD`` as the page's language writes it.

    >>> written_date("2025-01-05", "ko"), written_date("2025-01-05", "en")
    ('2025년 1월 5일', 'January 5, 2025')
    """
    year, month, day = (int(part) for part in date.split("-"))
    return f"{year}년 {month}월 {day}일" if lang == "ko" else f"{MONTHS[month - 1]} {day}, {year}"


def git(folder: Path, *args: str) -> str | None:
    """``git ARGS`` run in ``folder``; None when git is missing or fails (not a repository)."""
    try:
        done = subprocess.run(["git", "-c", "core.quotePath=false", *args], cwd=folder, capture_output=True,
                              text=True, timeout=60, check=True)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout


def commit_dates(folder: Path) -> dict[str, str]:
    """``{path relative to folder: YYYY-MM-DD}``: the day of the last commit that changed each tracked file."""
    log = git(folder, "log", "--format=%x00%cs", "--name-only", "--no-renames", "--relative", "--", ".")
    dates: dict[str, str] = {}
    for commit in (log or "").split("\0")[1:]:
        date, *files = commit.strip().splitlines()
        for file in filter(None, files):
            dates.setdefault(file, date)  # newest commit first
    return dates


class CommitDates:
    """:func:`commit_dates` of a folder; :meth:`refresh` reads them again when ``HEAD`` has moved."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.head: str | None = None
        self.dates: dict[str, str] = {}
        self.refresh()

    def refresh(self) -> None:
        head = git(self.folder, "rev-parse", "HEAD")
        if head != self.head:
            self.head, self.dates = head, commit_dates(self.folder) if head else {}

    def get(self, path: str) -> str | None:
        return self.dates.get(path)


def report_url(repo_url: str, title: str, page_url: str, lang: str) -> str:
    """A new issue on the repository with the page's title and address filled in.

    >>> report_url("https://github.com/o/r", "뉴런", "https://x.org/neurons/", "ko")  # doctest: +ELLIPSIS
    'https://github.com/o/r/issues/new?title=%5B%ED%8B%80%EB%A6%B0+%EA%B3%B3%5D+%EB%89%B4%EB%9F%B0&body=...'
    """
    text = TEXT[lang]
    body = f"{text['page']}: {page_url}\n\n{text['question']}\n"
    return f"{repo_url.rstrip('/')}/issues/new?" + urlencode({"title": text["issue_title"].format(title=title), "body": body})


@dataclass(frozen=True)
class PageSource:
    """What ``overrides/partials/source-file.html`` shows at the end of a page."""

    lang: str
    updated: str | None  # YYYY-MM-DD
    edit_url: str | None
    report_url: str | None

    @property
    def text(self) -> dict[str, str]:
        return TEXT[self.lang]

    @property
    def updated_text(self) -> str:
        return written_date(self.updated, self.lang) if self.updated else ""


class RepoPlugin(BasePlugin):
    """Sets ``edit_uri`` from the repository, and gives every page its :class:`PageSource`."""

    def __init__(self):
        super().__init__()
        self.dates: CommitDates | None = None

    def on_config(self, config):
        if config.repo_url:
            branch = os.environ.get("NNNOTES_REPO_BRANCH") or "main"
            docs = Path(config.docs_dir).relative_to(Path(config.config_file_path).parent).as_posix()
            config.edit_uri = f"edit/{branch}/{docs}/"
        else:  # no repository, no edit links (MkDocs would make them relative to the site)
            config.edit_uri = config.edit_uri_template = None
        if self.dates is None:
            self.dates = CommitDates(Path(config.docs_dir))
        return config

    def on_pre_build(self, config):
        self.dates.refresh()  # under mkdocs serve, a commit since the last build

    def on_page_context(self, context, page, config, nav):
        lang, _ = build_language(config)
        report = report_url(config.repo_url, page.title, page.canonical_url, lang) if config.repo_url else None
        context["page_source"] = PageSource(lang, self.dates.get(page.file.src_uri), page.edit_url, report)
        return context
