"""Numbers stated in the prose, computed by code and asserted by tests.

A page writes ``{{claim:NAME}}`` where a number belongs; the build replaces it with the
formatted value of the claim ``NAME``, in both languages. A claim is a function that
computes the value, registered with a format and an ``expect`` predicate that the test
suite asserts (the claim the prose makes about the number).

>>> @claim("example.half", fmt=".2f", expect=lambda v: v == 0.5)
... def half():
...     return 1 / 2
>>> CLAIMS["example.half"].text()
'0.50'
>>> del CLAIMS["example.half"]
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable
from dataclasses import dataclass

NAME = re.compile(r"[a-z][a-z0-9_]*(\.[a-z0-9_]+)*")


@dataclass(frozen=True)
class Claim:
    """A number the prose states: how to compute it, format it and check it."""

    name: str
    compute: Callable[[], object]
    fmt: str
    expect: Callable[[object], bool]

    def text(self, value=None) -> str:
        """The value as the page shows it (computed when not given)."""
        return format(self.compute() if value is None else value, self.fmt)


CLAIMS: dict[str, Claim] = {}


def claim(name: str, *, fmt: str, expect: Callable[[object], bool]):
    """Register the decorated zero-argument function as the claim ``name``."""
    if not isinstance(name, str) or not NAME.fullmatch(name):
        raise ValueError(f"claim name must be dotted lower_case words, e.g. 'sigmoid.max_slope'; got {name!r}")
    if name in CLAIMS:
        raise ValueError(f"claim name {name!r} is registered twice")

    def register(compute: Callable[[], object]) -> Callable[[], object]:
        CLAIMS[name] = Claim(name, compute, fmt, expect)
        return compute

    return register


def all_claims() -> dict[str, Claim]:
    """Every claim of every module in ``nnnotes.experiments``, by name."""
    package = importlib.import_module(__package__)
    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{__package__}.{module.name}")
    return dict(sorted(CLAIMS.items()))
