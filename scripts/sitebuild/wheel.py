"""A wheel of ``nnnotes`` built from ``src/nnnotes``, byte for byte the same for the same sources.

The site publishes it under ``packages/`` so that a downloaded notebook installs exactly the
package it was executed with, from the site, never a package of the same name from the index.
Its version is the project's plus the code's fingerprint (``0.1.0+g1a2b3c4d5e``), so a changed
package gets a new name and a notebook's install line names one exact build.

    >>> wheel = build_wheel()
    >>> wheel.name.startswith("nnnotes-") and wheel.name.endswith("-py3-none-any.whl")
    True
    >>> build_wheel().data == wheel.data
    True
"""

from __future__ import annotations

import base64
import hashlib
import io
import tomllib
import zipfile
from dataclasses import dataclass
from functools import lru_cache

from .cache import ROOT, digest

PACKAGE = ROOT / "src" / "nnnotes"
PYPROJECT = ROOT / "pyproject.toml"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip file holds: no build time in the bytes


@dataclass(frozen=True)
class Wheel:
    name: str  # the file name, e.g. nnnotes-0.1.0+g1a2b3c4d5e-py3-none-any.whl
    version: str
    data: bytes


def _record_hash(data: bytes) -> str:
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def _metadata(project: dict, version: str) -> str:
    lines = [
        "Metadata-Version: 2.1", f"Name: {project['name']}", f"Version: {version}",
        f"Summary: {project['description']}", f"License: {project['license']}",
        f"Requires-Python: {project['requires-python']}",
        *(f"Requires-Dist: {dependency}" for dependency in project["dependencies"]),
    ]
    return "\n".join(lines) + "\n"


def build_wheel() -> Wheel:
    """The wheel of the package as it is now."""
    sources = sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)
    stamp = tuple((p, p.stat().st_mtime_ns) for p in sources)
    return _build(stamp, PYPROJECT.stat().st_mtime_ns)


@lru_cache(maxsize=4)
def _build(sources: tuple, pyproject_mtime: int) -> Wheel:
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    files = {f"nnnotes/{path.relative_to(PACKAGE).as_posix()}": path.read_bytes() for path, _ in sources}
    version = f"{project['version']}+g{digest(*(part for item in sorted(files.items()) for part in item))[:10]}"
    dist_info = f"{project['name']}-{version}.dist-info"
    files[f"{dist_info}/METADATA"] = _metadata(project, version).encode()
    files[f"{dist_info}/WHEEL"] = b"Wheel-Version: 1.0\nGenerator: sitebuild\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    record = "".join(f"{name},{_record_hash(data)},{len(data)}\n" for name, data in files.items())
    files[f"{dist_info}/RECORD"] = (record + f"{dist_info}/RECORD,,\n").encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return Wheel(f"{project['name']}-{version}-py3-none-any.whl", version, buffer.getvalue())
