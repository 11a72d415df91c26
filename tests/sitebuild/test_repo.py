"""Each page's last-updated date comes from git, and its edit and report links from the repository
(sitebuild.repo). The links themselves, on a site built with a repository and served under a
path, are checked in Chromium: tests/browser/test_subpath.py.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import pytest

from sitebuild import repo
from sitebuild.repo import CommitDates, RepoPlugin, commit_dates, report_url, written_date

ROOT = Path(__file__).resolve().parents[2]


def git(folder: Path, *args: str, date: str = "2025-03-04T12:00:00+09:00") -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    subprocess.run(["git", *args], cwd=folder, env=env, check=True, capture_output=True)


@pytest.fixture
def repository(tmp_path) -> Path:
    """A repository with docs/a.ko.md (2025-03-04, changed 2025-05-06) and docs/b.en.md (2025-03-04)."""
    docs = tmp_path / "docs"
    docs.mkdir()
    git(tmp_path, "init", "-q", "-b", "main")
    (docs / "a.ko.md").write_text("가\n", encoding="utf-8")
    (docs / "b.en.md").write_text("b\n", encoding="utf-8")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "first")
    (docs / "a.ko.md").write_text("나\n", encoding="utf-8")
    git(tmp_path, "commit", "-q", "-am", "second", date="2025-05-06T23:30:00-07:00")
    return docs


def test_each_file_has_the_day_of_the_last_commit_that_changed_it(repository):
    assert commit_dates(repository) == {"a.ko.md": "2025-05-06", "b.en.md": "2025-03-04"}


def test_uncommitted_and_untracked_files(repository):
    (repository / "b.en.md").write_text("edited, not committed\n", encoding="utf-8")
    (repository / "new.ko.md").write_text("새 파일\n", encoding="utf-8")
    dates = CommitDates(repository)
    assert dates.get("b.en.md") == "2025-03-04"  # the same commit, the same date
    assert dates.get("new.ko.md") is None


def test_no_dates_outside_a_repository_or_without_git(tmp_path, repository, monkeypatch):
    assert CommitDates(tmp_path / "docs" / ".." / "..").get("a.ko.md") is None
    monkeypatch.setenv("PATH", str(tmp_path / "no-git-here"))
    assert CommitDates(repository).get("a.ko.md") is None


def test_git_log_runs_again_only_when_head_has_moved(repository, monkeypatch):
    calls = []
    monkeypatch.setattr(repo, "commit_dates", lambda folder: calls.append(folder) or commit_dates(folder))
    dates = CommitDates(repository)
    assert [dates.get("a.ko.md"), dates.get("b.en.md"), dates.get("a.ko.md")] == ["2025-05-06", "2025-03-04", "2025-05-06"]
    assert len(calls) == 1
    (repository / "b.en.md").write_text("c\n", encoding="utf-8")
    git(repository.parent, "commit", "-q", "-am", "third", date="2025-07-08T10:00:00+00:00")
    dates.refresh()
    assert dates.get("b.en.md") == "2025-07-08" and len(calls) == 2
    dates.refresh()
    assert len(calls) == 2


@pytest.mark.parametrize(("lang", "written"), [("ko", "2025년 5월 6일"), ("en", "May 6, 2025")])
def test_a_date_is_written_in_the_pages_language(lang, written):
    assert written_date("2025-05-06", lang) == written


@pytest.mark.parametrize(("lang", "title", "says"), [
    ("ko", "[틀린 곳] 배치 정규화", ["페이지: https://example.org/nn/training-setup/", "무엇이 어떻게 틀렸나요?"]),
    ("en", "[Mistake] Batch normalization", ["Page: https://example.org/nn/en/training-setup/", "What is wrong"]),
])
def test_the_report_link_opens_a_new_issue_naming_the_page(lang, title, says):
    page = "https://example.org/nn/" + ("en/" if lang == "en" else "") + "training-setup/"
    url = urlsplit(report_url("https://github.com/o/nnnotes/", title.split("] ")[1], page, lang))
    assert (url.scheme, url.netloc, url.path) == ("https", "github.com", "/o/nnnotes/issues/new")
    query = parse_qs(url.query)
    assert query["title"] == [title]
    assert all(words in query["body"][0] for words in says)


def config(tmp_path: Path, repo_url: str | None):
    (tmp_path / "docs").mkdir(exist_ok=True)
    return SimpleNamespace(repo_url=repo_url, edit_uri="edit/master/docs/", edit_uri_template=None,
                           docs_dir=str(tmp_path / "docs"), config_file_path=str(tmp_path / "mkdocs.yml"))


def test_with_a_repository_edit_links_point_to_the_branch(tmp_path, monkeypatch):
    monkeypatch.delenv("NNNOTES_REPO_BRANCH", raising=False)
    assert RepoPlugin().on_config(config(tmp_path, "https://github.com/o/r")).edit_uri == "edit/main/docs/"
    monkeypatch.setenv("NNNOTES_REPO_BRANCH", "gh-pages-source")
    assert RepoPlugin().on_config(config(tmp_path, "https://github.com/o/r")).edit_uri == "edit/gh-pages-source/docs/"


def test_without_a_repository_there_is_no_edit_link(tmp_path):
    done = RepoPlugin().on_config(config(tmp_path, None))
    assert done.edit_uri is None and done.edit_uri_template is None


# --- the site as built by default: no repository -----------------------------------------

def test_the_default_site_has_dates_from_git_and_no_edit_or_report_link(site):
    for page, source, lang in [("neurons/index.html", "docs/neurons.ko.md", "ko"),
                               ("en/neurons/index.html", "docs/neurons.en.md", "en"),
                               ("notebooks/neurons/index.html", "docs/notebooks/neurons.ko.py", "ko")]:
        html = (site / page).read_text(encoding="utf-8")
        expected = subprocess.run(["git", "log", "-1", "--format=%cs", "--", source], cwd=ROOT,
                                  capture_output=True, text=True, check=True).stdout.strip()
        assert f'<time datetime="{expected}">{written_date(expected, lang)}</time>' in html, f"{page}: {expected}"
        assert 'rel="edit"' not in html and "data-nn-report" not in html and 'class="md-source"' not in html
