"""Rename the markers on the pages after the experiments' restructuring (one-off; delete after use).

Applies scripts/claim_renames.tsv to docs/**/*.md: each line is OLD<TAB>NEW, and every
occurrence of OLD becomes NEW. Most lines rename a marker, ``{{claim:setup.sym.lr}}`` ->
``{{setting:training_setup.sym.lr}}``; the last ones rename code on the pages that imports from
the old modules. No NEW contains an OLD, so a second run changes nothing. Prints what it changed.

    python scripts/rename_markers.py           # rename, in place
    python scripts/rename_markers.py --check   # only say what would change; exit 1 if anything would
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TSV = ROOT / "scripts" / "claim_renames.tsv"


def read_renames(path: Path = TSV) -> list[tuple[str, str]]:
    """The (old, new) pairs of the TSV, checked to be applicable in one pass and again safely."""
    pairs = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        old, new = line.split("\t")
        if not old or old == new:
            raise ValueError(f"{path.name}:{number}: nothing to rename in {line!r}")
        pairs.append((old, new))
    olds = [old for old, _ in pairs]
    for old, new in pairs:
        clash = next((o for o in olds if o in new), None)
        if clash is not None:
            raise ValueError(f"{path.name}: {new!r} contains {clash!r}: a second run would rename it again")
    if len(set(olds)) != len(olds):
        raise ValueError(f"{path.name}: an old text is listed twice")
    return pairs


def rename(text: str, pairs: list[tuple[str, str]]) -> tuple[str, Counter]:
    """``text`` with every pair applied, and how often each old text was found."""
    found = Counter()
    for old, new in pairs:
        if old in text:
            found[old] += text.count(old)
            text = text.replace(old, new)
    return text, found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a page would change")
    parser.add_argument("--docs", type=Path, default=ROOT / "docs", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    pairs = read_renames()
    changed = 0
    for page in sorted(args.docs.rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        renamed, found = rename(text, pairs)
        if not found:
            continue
        changed += 1
        print(f"{page.relative_to(args.docs.parent)}: {sum(found.values())} renamed ({len(found)} distinct)")
        if not args.check:
            page.write_text(renamed, encoding="utf-8")
    print(f"{changed} page(s) {'would change' if args.check else 'changed'}; {len(pairs)} renames known")
    return 1 if args.check and changed else 0


if __name__ == "__main__":
    sys.exit(main())
