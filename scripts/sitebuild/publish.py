"""Publish only whole sites, built from pages that read right: the MkDocs plugin ``nnnotes-publish``.

- **Pages.** Before a build, every page's front matter must be YAML holding exactly a
  ``title`` and a ``description`` (MkDocs would silently show a broken block as text), and
  every page must exist in both languages. Errors name the page and line.
- **site/.** ``mkdocs build`` writes the site into a scratch folder and replaces ``site_dir``
  with it only when the whole build, both languages, succeeded; a failed build leaves the
  previous site as it was, so a deploy that ignores the exit code cannot upload half a
  site. (``mkdocs serve`` builds into a folder of its own and is left alone.)
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

import yaml
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin, event_priority

from . import SiteError, jobs
from .cache import shown
from .lang import LANGS, every_language_built, pages_by_language

FRONT_MATTER = ("title", "description")
log = logging.getLogger("mkdocs.plugins.nnnotes.publish")


class PageError(SiteError):
    """A page cannot be published as written; the message names it and the line."""


def check_front_matter(path: Path) -> None:
    """The page's front matter is a YAML block with exactly :data:`FRONT_MATTER`."""
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or lines[0] != "---":
        raise PageError(f"{shown(path)}:1: a page starts with front matter: ---, title:, description:, ---")
    try:
        end = lines.index("---", 1)
    except ValueError:
        raise PageError(f"{shown(path)}:1: the front matter is not closed by a line ---") from None
    try:
        data = yaml.safe_load("\n".join(lines[1:end]))
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        reason = getattr(err, "problem", None) or err
        raise PageError(f"{shown(path)}:{line}: the front matter is not valid YAML ({reason})") from None
    keys = sorted(data) if isinstance(data, dict) else []
    if keys != sorted(FRONT_MATTER) or not all(isinstance(data[k], str) and data[k].strip() for k in FRONT_MATTER):
        raise PageError(f"{shown(path)}:2: the front matter must hold a non-empty title and description, "
                        f"and nothing else; got {keys or type(data).__name__}")


def check_pages(docs: Path) -> None:
    for pair in pages_by_language(docs):
        missing = [lang for lang in LANGS if lang not in pair]
        if missing:
            there = next(iter(pair.values()))
            raise PageError(f"{shown(there)} has no {', '.join(missing)} twin: every page exists in "
                            f"{' and '.join(LANGS)} ({there.name.rsplit('.', 2)[0]}.LANG.md)")
        for path in pair.values():
            check_front_matter(path)


def replace_folder(new: Path, old: Path) -> None:
    """Put the folder ``new`` where ``old`` is, replacing it in two renames."""
    try:
        old.parent.mkdir(parents=True, exist_ok=True)
        parked = old.with_name(f".{old.name}.old-{os.getpid()}")
        staged = new
        if new.stat().st_dev != old.parent.stat().st_dev:  # another file system: copy next to it first
            staged = old.with_name(f".{old.name}.new-{os.getpid()}")
            shutil.copytree(new, staged)
        # a scratch folder is private (0700); a site is read by whoever serves it
        staged.chmod(old.stat().st_mode & 0o7777 if old.exists() else 0o755)
        if old.exists():
            os.replace(old, parked)
        os.replace(staged, old)
        shutil.rmtree(parked, ignore_errors=True)
    except OSError as err:
        raise Abort(f"cannot replace {shown(old)} with the new site ({err.strerror}): make its folder "
                    f"writable and build again") from None


class PublishPlugin(BasePlugin):
    def __init__(self):
        super().__init__()
        self.command = None
        self.site_dir: Path | None = None  # where the site goes when the build succeeds
        self.staging: Path | None = None
        self.succeeded = False

    def on_startup(self, *, command, dirty):
        self.command = command

    @event_priority(100)  # before static-i18n reads site_dir, and before any plugin writes
    def on_config(self, config):
        try:
            check_pages(Path(config.docs_dir))
            if self.command == "build" and self.staging is None:
                self.site_dir = Path(config.site_dir)
                self.staging = jobs.scratch_folder("site-")
                config.site_dir = str(self.staging)
        except SiteError as err:
            raise PluginError(str(err)) from None
        return config

    @event_priority(-200)  # after static-i18n has built the other languages
    def on_post_build(self, config):
        if every_language_built(config):
            self.succeeded = True

    def on_build_error(self, error):
        self.succeeded = False  # a strict-mode abort comes after on_post_build

    def on_shutdown(self):
        if self.staging is None:
            return
        if self.succeeded:
            replace_folder(self.staging, self.site_dir)
        else:
            shutil.rmtree(self.staging, ignore_errors=True)
            log.error(f"the build failed: {shown(self.site_dir)} is left as it was")
