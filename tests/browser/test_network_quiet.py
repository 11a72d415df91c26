"""``wait_until_quiet`` (tests/network_quiet.py), which the page, figure and demo tests wait on
for what a page fetches after it loads: it waits while a request is in flight, fails naming one
that does not end, and returns once the last has ended."""

from __future__ import annotations

import pytest
from network_quiet import wait_until_quiet


def test_waits_while_a_request_is_in_flight_and_names_one_that_does_not_end(page):
    held = []
    page.route("**/held.txt", lambda route: held.append(route))  # in flight until the test answers it
    page.goto("/")
    page.evaluate("void fetch('held.txt').then((r) => r.text()).then((text) => { window.got = text; })")
    with pytest.raises(AssertionError, match=r"still fetching after 1 s: \['http://[^']+/held.txt'\]"):
        wait_until_quiet(page, timeout=1)
    held[0].fulfill(body="answered")
    wait_until_quiet(page, timeout=5)
    assert page.evaluate("window.got") == "answered"
