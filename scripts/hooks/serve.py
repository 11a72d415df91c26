"""MkDocs hook: a quick ``mkdocs serve`` (and build).

- Rebuild when ``scripts/`` or ``src/`` change too: figures, claims and notebooks depend on
  both.
- Notice an edit at once: MkDocs watches by polling every file each half second; this watches
  with the operating system's file events (watchdog's native observer: inotify on Linux).
- Compile the theme's templates once: MkDocs makes a new Jinja environment for each build,
  which compiled Material's templates again after every edit (about a third of a second).
  Jinja's bytecode cache in ``.cache/jinja/`` keeps them, and notices a changed template.
"""

from __future__ import annotations

import sys
from pathlib import Path

from jinja2 import FileSystemBytecodeCache
from watchdog.observers import Observer

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))  # MkDocs loads hooks by file name, not as a package

from buildcache import CACHE  # noqa: E402

TEMPLATE_CACHE = CACHE / "jinja"


def on_serve(server, config, builder):
    # Move what MkDocs already watches (docs/, mkdocs.yml) to a native observer, then add ours.
    # MkDocs 1.6 keeps them in server._watched_paths, and starts server.observer later.
    watched = dict(server._watched_paths)
    server.observer = Observer()
    server._watched_paths.clear()
    server._watch_refs.clear()
    for path in [*watched, str(ROOT / "scripts"), str(ROOT / "src")]:
        server.watch(path)
    return server


def on_env(env, config, files):
    TEMPLATE_CACHE.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(TEMPLATE_CACHE))
    return env
