"""NLTK resources: found through NLTK_DATA; a missing one is one clear error."""

from __future__ import annotations

import subprocess
import sys

import pytest

from panjshir_toolkit import resources
from panjshir_toolkit.errors import ResourceMissingError


def test_all_resources_present_for_the_tests():
    assert resources.missing_resources() == []


def test_missing_resource_names_it_the_fix_and_the_folders(tmp_path, monkeypatch):
    import nltk

    monkeypatch.setattr(nltk.data, "path", [str(tmp_path / "empty")])
    with pytest.raises(ResourceMissingError) as info:
        resources.require("punkt_tab")
    msg = str(info.value)
    assert "punkt_tab" in msg
    assert "python -m nltk.downloader punkt_tab" in msg
    assert str(tmp_path / "empty") in msg
    assert info.value.searched == [str(tmp_path / "empty")]


def test_download_failure_is_a_clear_error(tmp_path, monkeypatch):
    import nltk

    monkeypatch.setattr(nltk.data, "path", [str(tmp_path)])
    monkeypatch.setattr(nltk, "download", lambda *a, **k: False)
    with pytest.raises(ResourceMissingError, match="no network"):
        resources.download_resources(["stopwords"], download_dir=str(tmp_path))


def test_download_skips_what_is_present():
    assert resources.download_resources() == []


def test_pipeline_without_resources_fails_clearly(tmp_path):
    """In a fresh process with an empty NLTK path, analysis raises ResourceMissingError, not a LookupError dump."""
    code = (
        "import nltk, panjshir_toolkit as pt\n"
        f"nltk.data.path[:] = [{str(tmp_path)!r}]\n"
        "try:\n"
        "    pt.analyze_article(pt.Article('x', 'He said it.'))\n"
        "except pt.ResourceMissingError as e:\n"
        "    print('OK', e.resource)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env={"PATH": "/usr/bin:/bin"})
    assert out.stdout.startswith("OK"), out.stdout + out.stderr


def test_missing_resource_is_raised_not_swallowed_per_article(tmp_path):
    """analyze() keeps going past a broken article, but a missing resource stops it with the clear error."""
    code = (
        "import nltk, panjshir_toolkit as pt\n"
        f"nltk.data.path[:] = [{str(tmp_path)!r}]\n"
        "try:\n"
        "    pt.analyze([pt.Article('a', 'He said it.'), pt.Article('b', 'She said so.')])\n"
        "except pt.ResourceMissingError as e:\n"
        "    print('OK', e.package)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env={"PATH": "/usr/bin:/bin"})
    assert out.stdout.strip() == "OK punkt_tab", out.stdout + out.stderr
