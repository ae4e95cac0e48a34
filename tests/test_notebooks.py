"""Notebooks are stored clean: outputs stripped, a kernelspec, paired with a jupytext text file.

(The notebooks themselves are executed by nbmake: ``pytest`` collects ``notebooks/*.ipynb``.)
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))


def test_there_are_notebooks():
    assert any(nb.name.startswith("01_quickstart") for nb in NOTEBOOKS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_stripped_with_kernelspec(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert not cell.get("outputs") and cell.get("execution_count") is None, f"{path.name}: strip outputs"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_paired_text_file_in_sync(path):
    jupytext = pytest.importorskip("jupytext")
    paired = path.with_suffix(".py")
    assert paired.exists(), f"{path.name} needs its jupytext pair {paired.name} (make notebooks)"
    from_text = jupytext.read(paired)
    from_nb = jupytext.read(path)
    src = lambda nb: [(c.cell_type, c.source.strip()) for c in nb.cells]
    assert src(from_text) == src(from_nb), f"{path.name} and {paired.name} differ: run `make notebooks`"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_relative_data_paths(path):
    """Data is found through the package, so a notebook runs from any folder."""
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"\.\./data|\"data/", text)
