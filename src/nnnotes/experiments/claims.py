"""Numbers stated in the prose, computed by code, and the run settings the prose shows.

A page writes ``{{claim:NAME}}`` where a measured or derived number belongs; the build
replaces it with the formatted value of the claim ``NAME``, in both languages. A claim is a
function that computes the value, registered with a format and an ``expect`` predicate: the
claim the prose makes about the number. The build and the tests assert it, so a change to
the code that breaks what a page says stops the build.

>>> @claim("example.half", fmt=".2f", expect=lambda v: 0.4 < v < 0.6)
... def half():
...     return 1 / 2
>>> CLAIMS["example.half"].text()
'0.50'
>>> del CLAIMS["example.half"]

A page writes ``{{setting:NAME}}`` for a value the experiment is *run with* (a seed, a
learning rate, a grid size): registering it returns the value, so the experiment and the
prose share one constant and there is nothing to assert.

>>> LR = setting("example.lr", 0.5, fmt="g")
>>> LR, SETTINGS["example.lr"].text()
(0.5, '0.5')
>>> del SETTINGS["example.lr"]

A setting that is not one number is shown by a function instead of a format spec, e.g.
:func:`listed` for a tuple:

>>> RATES = setting("example.rates", (0.01, 0.3, 3.0), fmt=listed("g"))
>>> SETTINGS["example.rates"].text()
'0.01, 0.3, 3'
>>> del SETTINGS["example.rates"]
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import sys
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
    module: str  # where it is registered

    def text(self, value=None) -> str:
        """The value as the page shows it (computed when not given)."""
        return format(self.compute() if value is None else value, self.fmt)


@dataclass(frozen=True)
class Setting:
    """A value an experiment is run with, shown in the prose.

    fmt : a format spec, or a function mapping the value to the text the page shows.
    """

    name: str
    value: object
    fmt: str | Callable[[object], str]
    module: str

    def text(self) -> str:
        text = self.fmt(self.value) if callable(self.fmt) else format(self.value, self.fmt)
        if not isinstance(text, str):
            raise TypeError(f"fmt of setting {self.name!r} must return a str; got {type(text).__name__}")
        return text


CLAIMS: dict[str, Claim] = {}
SETTINGS: dict[str, Setting] = {}


def _check_name(name: str, kind: str) -> None:
    if not isinstance(name, str) or not NAME.fullmatch(name):
        raise ValueError(f"{kind} name must be dotted lower_case words, e.g. 'sigmoid.max_slope'; got {name!r}")
    if name in CLAIMS or name in SETTINGS:
        raise ValueError(f"{kind} name {name!r} is registered twice")


def claim(name: str, *, fmt: str, expect: Callable[[object], bool]):
    """Register the decorated zero-argument function as the claim ``name``."""
    _check_name(name, "claim")
    if not callable(expect):
        raise TypeError(f"expect must be a predicate of the value; got {type(expect).__name__}")

    module = sys._getframe(1).f_globals.get("__name__", "")

    def register(compute: Callable[[], object]) -> Callable[[], object]:
        CLAIMS[name] = Claim(name, compute, fmt, expect, module)
        return compute

    return register


def setting(name: str, value, *, fmt: str | Callable[[object], str]):
    """Register ``value`` as the setting ``name`` shown in the prose; return ``value``.

    fmt : a format spec (``format(value, fmt)``) or a function value -> text.
    """
    _check_name(name, "setting")
    registered = Setting(name, value, fmt, sys._getframe(1).f_globals.get("__name__", ""))
    registered.text()  # a bad format fails here, at import, not in the build
    SETTINGS[name] = registered
    return value


def listed(spec: str, brackets: str = "") -> Callable[[object], str]:
    """The ``fmt`` of a setting whose value is a sequence: each entry formatted with ``spec``,
    joined by ", ", inside ``brackets`` (e.g. "()") when given.

    >>> listed("g", "()")((5.0, 3.0)), listed("d")((1, 3, 10))
    ('(5, 3)', '1, 3, 10')
    """
    left, right = (brackets[0], brackets[1]) if brackets else ("", "")
    return lambda values: left + ", ".join(format(v, spec) for v in values) + right


def import_all(package: str = __package__) -> list[str]:
    """Import ``package`` and every module below it; return their names."""
    names = [package]
    module = importlib.import_module(package)
    for info in pkgutil.walk_packages(getattr(module, "__path__", []), prefix=f"{package}."):
        importlib.import_module(info.name)
        names.append(info.name)
    return names


def all_claims() -> dict[str, Claim]:
    """Every claim of every module in ``nnnotes.experiments``, by name."""
    import_all()
    return dict(sorted(CLAIMS.items()))


def all_settings() -> dict[str, Setting]:
    """Every setting of every module in ``nnnotes.experiments``, by name."""
    import_all()
    return dict(sorted(SETTINGS.items()))
