"""Waiting until a tab has fetched everything, by the requests the tab reports.

Playwright's ``wait_for_load_state("networkidle")`` keeps its own count of a frame's requests,
and now and then it never fires: in three runs of the browser tests of nine in Chromium's
headless shell (Dec 6) it waited out its 30 s on a page of the page audit; in the run traced,
the English notebook page reached through the language menu, the tab had no request in flight
by its own events for the whole wait. This waits on those events instead: no request in flight
for :data:`QUIET` seconds, as networkidle means.
"""

from __future__ import annotations

import time

QUIET = 0.5  # seconds without a request in flight, as Playwright's networkidle


def watch_requests(tab) -> None:
    """Keep ``tab.in_flight`` (the requests of its context started and not yet finished or failed)
    and ``tab.network_changed`` (when one last started or ended, ``time.monotonic()``)."""
    tab.in_flight, tab.network_changed = set(), time.monotonic()

    def started(request):
        tab.in_flight.add(request)
        tab.network_changed = time.monotonic()

    def ended(request):
        tab.in_flight.discard(request)
        tab.network_changed = time.monotonic()

    tab.context.on("request", started)
    tab.context.on("requestfinished", ended)
    tab.context.on("requestfailed", ended)


def wait_until_quiet(tab, timeout: float = 30.0) -> None:
    """Return once ``tab`` (watched by :func:`watch_requests`) has had no request in flight for
    :data:`QUIET` seconds; past ``timeout`` seconds, fail naming the requests still in flight."""
    deadline = time.monotonic() + timeout
    while True:
        quiet_for = time.monotonic() - tab.network_changed
        if not tab.in_flight and quiet_for >= QUIET:
            return
        if time.monotonic() > deadline:
            in_flight = sorted(request.url for request in tab.in_flight)
            raise AssertionError(f"{tab.url}: still fetching after {timeout:.0f} s: {in_flight or 'requests that keep starting'}")
        tab.wait_for_timeout(1000 * (QUIET - quiet_for if not tab.in_flight else 0.05))  # events arrive meanwhile
