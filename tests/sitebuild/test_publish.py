"""Publishing: a page's front matter and twin are checked, and a new site replaces the old one
in two renames, or not at all."""

from __future__ import annotations

import pytest
from mkdocs.exceptions import Abort

from sitebuild import publish


def test_a_new_site_replaces_the_old_one_and_keeps_its_permissions(tmp_path):
    old, new = tmp_path / "site", tmp_path / "staging"
    old.mkdir(), new.mkdir()
    (old / "index.html").write_text("old")
    (new / "index.html").write_text("new")
    old.chmod(0o755)
    new.chmod(0o700)
    publish.replace_folder(new, old)
    assert (old / "index.html").read_text() == "new" and not new.exists()
    assert old.stat().st_mode & 0o777 == 0o755
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"], "nothing parked is left"


def test_a_site_folder_that_cannot_be_replaced_is_one_sentence(tmp_path):
    (tmp_path / "blocker").write_text("a file where the site's parent folder should be")
    new = tmp_path / "staging"
    new.mkdir()
    with pytest.raises(Abort, match=r"cannot replace \S*blocker/site with the new site .*build again"):
        publish.replace_folder(new, tmp_path / "blocker" / "site")


@pytest.mark.parametrize("text, message", [
    ("---\ntitle: A\ndescription: B\n---\n# A\n", None),
    ("---\ntitle: A\n---\n", "title and description"),
    ("---\ntitle: ''\ndescription: B\n---\n", "non-empty"),
    ("---\ntitle: A\ndescription: B\n", "not closed"),
    ("---\n- a\n- b\n---\n", "got list"),
])
def test_front_matter_is_checked(tmp_path, text, message):
    page = tmp_path / "p.en.md"
    page.write_text(text)
    if message is None:
        publish.check_front_matter(page)
    else:
        with pytest.raises(publish.PageError, match=message):
            publish.check_front_matter(page)
