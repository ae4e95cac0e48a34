"""The bundled data is found through the package."""

from __future__ import annotations

from pathlib import Path

import pytest

from panjshir_toolkit import datasets

REPO = Path(__file__).resolve().parents[1]


def test_panjshir_path_and_load():
    path = datasets.panjshir_path()
    assert path.name == "panjshir_2021-09-04.txt" and path.is_file()
    result = datasets.load_panjshir()
    assert result.ok and result.n_loaded == 1
    article = result.articles[0]
    assert (article.article_id, article.published, article.credit) == ("panjshir_2021-09-04", "2021-09-04", "ANI")


def test_actors_path_points_into_the_data_folder():
    try:
        path = datasets.actors_path()
    except FileNotFoundError as e:
        assert "actors.csv" in str(e) and "Reinstall" in str(e)
        pytest.skip("data/actors.csv is not written yet")
    assert path.name == "actors.csv" and path.parent == datasets.data_dir()


def test_source_checkout_fallback(monkeypatch):
    def missing(name):
        raise ModuleNotFoundError(name)

    monkeypatch.setattr(datasets.resources, "files", missing)
    assert datasets.data_dir() == (REPO / "data").resolve()
