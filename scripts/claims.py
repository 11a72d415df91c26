"""Compute the numbers stated in the prose (``nnnotes.experiments`` claims), cached by content.

The values are cached in ``.cache/claims.json`` with a fingerprint of ``src/nnnotes``; they
are computed again, in a fresh process (so ``mkdocs serve`` sees edited code), only when
that fingerprint changes.

    python scripts/claims.py           # every claim with its value and time
    python scripts/claims.py --json F  # write {name: text} to F (what the build uses)
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from buildcache import CACHE, SUBPROCESS_ENV, digest, package_files

CACHE_FILE = CACHE / "claims.json"
MARKER = r"\{\{claim:([^}]*)\}\}"


class ClaimError(RuntimeError):
    """Computing the claims failed; the message carries the traceback."""


def compute_all(log=lambda line: None) -> dict[str, str]:
    """Compute every claim in this process: {name: formatted value}."""
    from nnnotes.experiments.claims import all_claims

    values = {}
    for name, claim in all_claims().items():
        start = time.perf_counter()
        values[name] = claim.text()
        log(f"claim {name:<40} {values[name]:>12}  {time.perf_counter() - start:6.2f} s")
    return values


def _command(out: Path) -> list[str]:
    """The subprocess that computes every claim into ``out``."""
    return [sys.executable, __file__, "--json", str(out)]


def load_claims(log=print) -> dict[str, str]:
    """The formatted value of every claim, from the cache or computed in a subprocess."""
    fingerprint = digest(package_files())
    if CACHE_FILE.exists():
        cached = json.loads(CACHE_FILE.read_text(encoding="utf-8"))
        if cached["fingerprint"] == fingerprint:
            return cached["values"]
    CACHE.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(dir=CACHE) as tmp:
        out = Path(tmp) / "values.json"
        proc = subprocess.run(_command(out), capture_output=True, text=True, env={**os.environ, **SUBPROCESS_ENV})
        if proc.returncode != 0:
            raise ClaimError(f"computing the claims failed (scripts/claims.py):\n{proc.stderr.strip()}")
        values = json.loads(out.read_text(encoding="utf-8"))
        out.write_text(json.dumps({"fingerprint": fingerprint, "values": values}, indent=1, ensure_ascii=False))
        os.replace(out, CACHE_FILE)  # atomic: a concurrent build never reads half a file
    log(f"computed {len(values)} claim(s) in {time.perf_counter() - start:.2f} s")
    return values


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", type=Path, metavar="FILE", help="write {name: text} to FILE")
    args = parser.parse_args(argv)
    log = (lambda line: print(line, file=sys.stderr, flush=True)) if args.json else print
    values = compute_all(log)
    if args.json:
        args.json.write_text(json.dumps(values, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
