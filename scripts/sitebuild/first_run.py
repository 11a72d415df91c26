"""Under ``mkdocs serve``, the notebooks that have never run execute behind the served site.

On a fresh clone (or after ``make clean``) executing the 14 notebooks is a fifth of the cold
build's work: ``make serve`` served its first page 63–65 s after the clone, and 45–49 s since
it no longer waits for them (2 cores). A build under ``mkdocs serve`` with live reload (its
default) does not wait for a notebook that has no executed version yet: :class:`FirstRun` runs
those in a batch of their own, and the notebook's page says that it is running. When the batch
has ended, a file changes in a folder the server watches: the server builds again, now with the
executed notebooks, and the browser reloads.

Nothing else changes. A notebook that ran before and was edited runs again before the pages,
as ``mkdocs build`` runs every notebook before its pages. A notebook that fails in its first
run fails the build that follows, with its error, and runs again only once its sources change
(the error is not met again on every rebuild). A build that fails stops the batch (as it stops
every job); the next build starts it again.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

import click

from . import SiteError, jobs
from . import notebooks as runner


def reloads(command: str) -> bool:
    """Whether MkDocs runs ``mkdocs serve`` with live reload: a server that builds again when a
    watched file changes (``--no-livereload`` serves the first build only)."""
    if command != "serve":
        return False
    context = click.get_current_context(silent=True)
    return context is None or context.params.get("livereload", True) is not False


class FirstRun:
    """The notebooks that never ran, executing while the server serves the site."""

    def __init__(self):
        self.running: threading.Thread | None = None  # ends once the batch has and the server was told
        self.failed: dict[str, tuple[str, SiteError]] = {}  # notebook -> (the fingerprint it ran with, its error)
        self.server = None
        self.stamp: Path | None = None  # the file that changes when a batch has ended

    def start(self, notebooks: list[runner.Notebook], start: Callable[..., jobs.Batch]) -> list[runner.Notebook]:
        """Queue those of ``notebooks`` that never ran with ``start`` (``runner.start_executing``
        and its settings), behind the build's other work (unless a batch of them is running, or
        one failed with the same sources); return those that ran before, for the build to run
        (when edited) and wait for."""
        never = [nb for nb in notebooks if not nb.executed().exists()]
        if never and not (self.running and self.running.is_alive()):
            sources = {nb.name: runner.fingerprint(nb) for nb in never}
            todo = [nb for nb in never if self.failed.get(nb.name, ("",))[0] != sources[nb.name]]
            if todo:
                for nb in todo:
                    self.failed.pop(nb.name, None)
                batch = start(todo, behind=True)
                self.running = threading.Thread(target=self._finish, args=(batch, sources), name="first-run",
                                                daemon=True)
                self.running.start()
        return [nb for nb in notebooks if nb not in never]

    def is_running(self, notebook: runner.Notebook) -> bool:
        """Whether ``notebook``'s page must wait for its first run (queued or running); raises
        its error when that failed."""
        if notebook.executed().exists():
            return False
        if notebook.name in self.failed:
            raise self.failed[notebook.name][1]
        return True

    def _finish(self, batch: jobs.Batch, sources: dict[str, str]) -> None:
        try:
            batch.wait()
        except SiteError:
            pass  # every failure is kept below; the build that follows raises it
        for notebook, error in batch.failures().items():
            self.failed[notebook.name] = (sources[notebook.name], error)
        if not batch.cancelled:  # a failed build stopped it: the next build starts it again
            self._rebuild()

    def watch(self, server, config) -> None:
        """In ``on_serve``: the server builds again when the stamp file changes."""
        folder = jobs.scratch_folder("first-run-")
        config.watch.append(str(folder))  # MkDocs watches config.watch after on_serve
        self.server, self.stamp = server, folder / "ended"

    def _rebuild(self) -> None:
        """Change the stamp file, once the server watches it (the first build may still run)."""
        while self.server is None or not self.server.observer.is_alive():
            time.sleep(0.1)
        self.stamp.write_text(str(time.time_ns()), encoding="utf-8")
