"""A quick ``mkdocs serve`` with one rebuild per saved edit: the MkDocs plugin ``nnnotes-serve``.

- **Notice an edit at once.** MkDocs watches by polling every file each half second; this
  plugin gives its server an observer of the operating system's file events (watchdog's
  native observer: inotify on Linux). The folders to watch besides ``docs/`` and
  ``mkdocs.yml`` are MkDocs' own ``watch:`` setting.
- **Only edits count.** A native observer also reports a file being opened, read and closed,
  and every build opens the watched files: taking those as edits made the server rebuild
  forever after the first edit. This observer passes on only what changes a file's content
  or name (created, modified, moved, deleted), and nothing under ``__pycache__`` or an
  editor's swap and backup files.
- **Link, do not copy.** MkDocs empties the served folder and writes the whole site again at
  every rebuild, 32 MB of it figures. Under ``mkdocs serve`` each file that is copied as it is
  (figures, stylesheets, scripts, fonts) is hard-linked instead when the file system allows it
  (a quarter of a second per rebuild). ``mkdocs build`` still copies: the built site shares
  nothing with the sources.
- **Compile the theme's templates once.** MkDocs makes a new Jinja environment for each
  build, which compiled Material's templates again after every edit (about a third of a
  second). Jinja's bytecode cache in ``.cache/jinja/`` keeps them, and notices a changed one.
"""

from __future__ import annotations

import os
import re

from jinja2 import FileSystemBytecodeCache
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File
from watchdog import events
from watchdog.observers import Observer

from . import SiteError
from .cache import TEMPLATES, writable
from .lang import AFTER_I18N

EDITS = (events.FileCreatedEvent, events.FileModifiedEvent, events.FileMovedEvent, events.FileDeletedEvent)
# Not sources: Python's byte code; editors' swap, backup and lock files, and other hidden files.
NOT_SOURCES = re.compile(r"/__pycache__/|/\.[^/]*$|~$|\.sw[a-p]$|\.py[co]$")


def is_edit(event) -> bool:
    """Whether a watchdog event changed a source file's content or name."""
    if not isinstance(event, EDITS):
        return False
    paths = [event.src_path, getattr(event, "dest_path", "")]
    return any(path and not NOT_SOURCES.search(str(path)) for path in paths)


class EditsOnlyObserver(Observer):
    """A native observer whose handlers see only :func:`is_edit` events."""

    def schedule(self, event_handler, path, **options):
        handle = event_handler.dispatch
        event_handler.dispatch = lambda event: handle(event) if is_edit(event) else None
        return super().schedule(event_handler, path, **options)


def link_instead_of_copy(file: File) -> None:
    """Make ``file.copy_file`` hard-link its source to its destination (copying if it cannot)."""
    def copy_file(dirty: bool = False) -> None:
        try:
            os.makedirs(os.path.dirname(file.abs_dest_path), exist_ok=True)
            os.link(file.abs_src_path, file.abs_dest_path)
        except OSError:  # another file system, or the destination is there
            File.copy_file(file, dirty)
    file.copy_file = copy_file


class ServePlugin(BasePlugin):
    def on_startup(self, *, command, dirty):
        self.serving = command == "serve"

    @event_priority(AFTER_I18N - 100)  # every plugin has added its files
    def on_files(self, files, config):
        if self.serving:
            for file in files:
                if file.abs_src_path is not None and file.is_media_file():
                    link_instead_of_copy(file)
        return files

    def on_serve(self, server, config, builder):
        # MkDocs watched docs/ and mkdocs.yml before this event, and watches config.watch
        # after it: move the first two to the edits-only observer.
        watched = [config.docs_dir, *([config.config_file_path] if config.config_file_path else [])]
        for path in watched:
            server.unwatch(path)
        server.observer = EditsOnlyObserver()
        for path in watched:
            server.watch(path)
        return server

    def on_env(self, env, config, files):
        try:
            env.bytecode_cache = FileSystemBytecodeCache(str(writable(TEMPLATES)))
        except SiteError as err:
            raise PluginError(str(err)) from None
        return env
