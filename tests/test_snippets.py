"""The page-snippet collector (conftest.py) finds every python fence, titled or not."""

import importlib.util
from pathlib import Path

from sybil import Document

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("site_conftest", ROOT / "conftest.py")
site_conftest = importlib.util.module_from_spec(spec)
spec.loader.exec_module(site_conftest)

PAGE = '''# A page

```python
x = 1
```

```python title="example.py"
y = x + 1
```

```python { .annotate }
z = y + 1
```

```text
not code
```

```python
>>> x + y + z
6
```
'''


def regions(tmp_path):
    page = tmp_path / "page.en.md"
    page.write_text(PAGE, encoding="utf-8")
    return list(Document.parse(str(page), site_conftest.PythonFenceParser()))


def test_every_python_fence_is_collected_including_titled_ones(tmp_path):
    sources = [str(r.parsed).strip() for r in regions(tmp_path)]
    assert sources[:3] == ["x = 1", "y = x + 1", "z = y + 1"]
    assert len(sources) == 4 and "not code" not in "".join(sources)


def test_blocks_of_a_page_run_in_order_in_one_namespace(tmp_path):
    page = tmp_path / "page.en.md"
    page.write_text(PAGE, encoding="utf-8")
    document = Document.parse(str(page), site_conftest.PythonFenceParser())
    for example in document.examples():
        example.evaluate()
    assert document.namespace["z"] == 3


def test_a_py_fence_is_shown_but_not_run(tmp_path):
    page = tmp_path / "page.en.md"
    page.write_text("```py\nimport torch\n```\n\n!!! note\n    ```py\n    import torch\n    ```\n", encoding="utf-8")
    assert list(Document.parse(str(page), site_conftest.PythonFenceParser())) == []
