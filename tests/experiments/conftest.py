"""Helpers for the chapters' experiment tests."""

import pytest

from nnnotes.experiments.claims import CLAIMS, import_all


@pytest.fixture
def undocumented_claims():
    """``undocumented_claims(chapter, families)``: the claims of the chapter module (or package)
    ``chapter`` whose name starts with no prefix of ``families``, a dict (prefix, …) -> the kind
    of change that breaks that family."""

    def missing(chapter, families):
        modules = set(import_all(chapter))
        names = sorted(name for name, c in CLAIMS.items() if c.module in modules)
        assert names, f"{chapter} registers no claim"
        assert all(isinstance(why, str) and why for why in families.values())
        prefixes = tuple(prefix for family in families for prefix in family)
        return [name for name in names if not name.startswith(prefixes)]

    return missing
