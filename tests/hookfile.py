"""Load a MkDocs hook, ``scripts/hooks/NAME.py``, as MkDocs does: from its file, as a module
registered in ``sys.modules`` (a hook's dataclasses need that)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

HOOKS = Path(__file__).resolve().parent.parent / "scripts" / "hooks"


def load_hook(name: str):
    spec = importlib.util.spec_from_file_location(f"{name}_hook", HOOKS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module
