"""Shared fixtures: the seed article, the gold, the location of ../shared."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("PANJSHIR_SHARED", ROOT.parent / "shared"))


def shared_path(*parts: str) -> Path:
    """A path under ../shared; the test is skipped (with the reason) when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent (third-party data lives in ../shared; set PANJSHIR_SHARED to its folder)")
    return path


@pytest.fixture(scope="session")
def seed_text() -> str:
    raw = (ROOT / "data" / "panjshir_2021-09-04.txt").read_text(encoding="utf-8")
    assert raw.startswith("---\n")
    return raw.split("---\n", 2)[2]


@pytest.fixture(scope="session")
def gold() -> dict:
    return json.loads((ROOT / "tests" / "data" / "panjshir_gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_analysis():
    import panjshir_toolkit as pt

    return pt.analyze(pt.panjshir_path())
