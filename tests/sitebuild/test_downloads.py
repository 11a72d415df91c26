"""The downloaded notebooks stand alone: from the site as published (built for its address and
served there, ``published_site``), fetched through each page's own download link, and executed
in a fresh virtual environment that has only a kernel, from an empty folder; their first cell
installs nnnotes from the site's own wheel. Each then shows what the site shows: the same
outputs, byte for byte, and no warning (with the build's settings of one BLAS thread and a
fixed hash seed: more threads sum in another order, and a curve moves by a pixel)."""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.request import urlopen

import nbformat
import pytest

from sitebuild import downloads, notebooks as runner
from sitebuild.wheel import build_wheel

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = runner.all_notebooks()
HANGUL = re.compile(r"[\uac00-\ud7a3]")


@pytest.fixture(scope="module")
def fresh_kernel(tmp_path_factory):
    """A virtual environment with only ipykernel, and a kernelspec that starts it."""
    folder = tmp_path_factory.mktemp("fresh")
    venv = folder / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)  # with pip: the install cell uses it
    uv = shutil.which("uv", path=Path(sys.executable).parent)  # installed by make: 1 s where pip takes 10
    python = venv / "bin" / "python"
    installer = [uv, "pip", "install", "--python", python] if uv else [python, "-m", "pip", "install"]
    subprocess.run([*installer, "--quiet", "ipykernel"], check=True,
                   env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"})
    spec = folder / "kernels" / "fresh"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "fresh", "language": "python"}))
    return folder / "kernels", venv


def outputs_of(notebook) -> list[list[dict]]:
    """Each code cell's outputs, without their execution counts (the reader's run counts its own)."""
    return [[{key: value for key, value in output.items() if key != "execution_count"} for output in cell.outputs]
            for cell in notebook.cells if cell.cell_type == "code"]


def download_links(page_html: str) -> list[str]:
    return re.findall(r'<a class="md-button" href="([^"]+\.ipynb)" download>', page_html)


def test_the_downloads_are_named_by_language_and_link_absolutely(published_site):
    out, url = published_site
    names = set()
    for notebook in NOTEBOOKS:
        folder = out / ("" if notebook.lang == "ko" else "en") / "notebooks" / notebook.chapter
        [link] = download_links((folder / "index.html").read_text(encoding="utf-8"))
        assert link == f"{notebook.chapter}.{notebook.lang}.ipynb"
        names.add(link)
        nb = nbformat.reads((folder / link).read_text(encoding="utf-8"), as_version=4)
        assert nb.cells[0].cell_type == "markdown" and url in nb.cells[0].source
        assert "Colab" in nb.cells[0].source and "VS Code" in nb.cells[0].source
        assert any(o for c in nb.cells if c.cell_type == "code" for o in c.outputs), "outputs included"
        markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
        assert not re.search(r"\]\((?:\.\./|\./)", markdown), "no relative link left"
        text = (folder / link).read_text(encoding="utf-8")
        assert str(ROOT) not in text and "/tmp/" not in text and "ipykernel_" not in text
    assert len(names) == len(NOTEBOOKS)


def test_the_wheel_is_published_and_rebuilt_byte_for_byte(published_site):
    out, _ = published_site
    wheel = build_wheel()
    assert (out / "packages" / wheel.name).read_bytes() == wheel.data == build_wheel().data
    names = zipfile.ZipFile(out / "packages" / wheel.name).namelist()
    assert "nnnotes/model.py" in names and f"nnnotes-{wheel.version}.dist-info/METADATA" in names


def test_every_downloaded_notebook_runs_in_a_fresh_environment(published_site, fresh_kernel, tmp_path):
    """A Korean notebook first, alone: its first cell installs nnnotes, matplotlib and the font;
    then the others, three at a time (each in a kernel and an empty folder of its own)."""
    from jupyter_client import AsyncKernelManager
    from jupyter_client.kernelspec import KernelSpecManager
    from nbclient import NotebookClient

    _, url = published_site
    kernels, venv = fresh_kernel
    env = {"PATH": f"{venv / 'bin'}:/usr/bin:/bin", "HOME": str(tmp_path), "LANG": "C.UTF-8",
           "MPLCONFIGDIR": str(tmp_path / "mpl"), **runner.jobs.SUBPROCESS_ENV}

    async def run(notebook) -> None:
        prefix = "" if notebook.lang == "ko" else "en/"
        page = urlopen(f"{url}{prefix}notebooks/{notebook.chapter}/").read().decode()
        [link] = download_links(page)
        nb = nbformat.reads(urlopen(f"{url}{prefix}notebooks/{notebook.chapter}/{link}").read().decode(), as_version=4)
        published_outputs = outputs_of(nb)
        for cell in nb.cells:
            if cell.cell_type == "code":
                cell.outputs = []
        work = tmp_path / notebook.name
        work.mkdir()
        manager = AsyncKernelManager(kernel_name="fresh", kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(kernels)]))
        try:
            await NotebookClient(nb, timeout=600, km=manager, resources={"metadata": {"path": str(work)}}
                                 ).async_execute(env=env)
        finally:
            if manager.has_kernel:
                await manager.shutdown_kernel(now=True)
        assert not [p for p in work.iterdir()], f"{notebook.name} writes into its folder"
        runner.tidy_outputs(nb)
        fresh_outputs = outputs_of(nb)
        outputs = [o for cell in fresh_outputs for o in cell]
        assert not [o for o in outputs if o["output_type"] == "error"], notebook.name
        assert not [o for o in outputs if o.get("name") == "stderr"], f"{notebook.name} prints warnings"
        assert fresh_outputs == published_outputs, f"{notebook.name}: not what the site shows"

    async def run_all() -> None:
        first, *rest = sorted(NOTEBOOKS, key=lambda nb: nb.lang != "ko")
        await run(first)
        three = asyncio.Semaphore(3)

        async def one(notebook):
            async with three:
                await run(notebook)
        await asyncio.gather(*map(one, rest))

    # In a thread of its own: in a process whose browser tests started Playwright, this thread
    # already has a running event loop, and asyncio.run refuses to start a second one.
    with ThreadPoolExecutor(1) as thread:
        thread.submit(asyncio.run, run_all()).result()
    installed = subprocess.run([venv / "bin" / "python", "-c", "import nnnotes, importlib.metadata as m; "
                                "print(m.version('nnnotes'), nnnotes.__file__)"], capture_output=True, text=True, cwd=tmp_path)
    assert installed.stdout.startswith(build_wheel().version) and str(venv) in installed.stdout


def test_the_install_cell_pins_the_wheel_and_korean_gets_its_font():
    wheel = build_wheel()
    ko = downloads.install_cell(wheel, "https://example.org/packages/" + wheel.name, "ko")
    en = downloads.install_cell(wheel, "https://example.org/packages/" + wheel.name, "en")
    assert f"'https://example.org/packages/{wheel.name}', '{wheel.version}'" in ko
    assert "koreanize-matplotlib" in ko and "koreanize-matplotlib" not in en
    compile(ko, "install", "exec")


def test_relative_links_become_absolute():
    assert downloads.absolute_links("[a](../../neurons/) [b](https://x.org/) [c](#top)",
                                    "https://site.org/en/notebooks/neurons/") == \
        "[a](https://site.org/en/neurons/) [b](https://x.org/) [c](#top)"
