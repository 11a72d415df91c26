"""Helpers for the chapters' experiment tests."""

import pytest

from nnnotes.experiments import shared
from nnnotes.experiments.claims import CLAIMS, import_all
from sitebuild import jobs


@pytest.fixture(scope="session")
def results_index():
    """The build's folder of shared results (``.cache/results``), its index written for the code as it is now."""
    jobs.results_keys()
    return jobs.RESULTS


@pytest.fixture(autouse=True)
def results_shared_with_the_build(results_index, monkeypatch):
    """An experiment test reads what the build, or an earlier test, computed for the same code
    (``nnnotes.experiments.shared``) rather than train again: tests/experiments in 4 s, not 18.
    What it computes first, the build then reads. Changed code has a new key, and is run."""
    monkeypatch.setenv(shared.FOLDER, str(results_index))


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
