"""The PolNeAR scorer (scripts/eval_attribution.py) on a few dev documents, plus its matching rules.

The PolNeAR data is third-party and lives outside the repository (``../shared/eval/polnear``,
or ``$PANJSHIR_SHARED/eval/polnear``); the corpus test skips when it is absent.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def scorer():
    spec = importlib.util.spec_from_file_location("eval_attribution", ROOT / "scripts" / "eval_attribution.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_matching_and_judging_on_a_written_example(scorer):
    text = "Officials said that the bridge was closed. The mayor said, “It will reopen.”"
    gold = [
        {"source": [[0, 9]], "cue": [[10, 14]], "content": [[15, 41]], "quoted": False, "cue_text": "said"},
        {"source": [[43, 52]], "cue": [[53, 57]], "content": [[59, 76]], "quoted": True, "cue_text": "said"},
    ]
    docs = {"d1": text}
    counts = scorer.evaluate(docs, {"d1": gold})
    for measure in ("content (overlap)", "content (exact)", "speaker", "cue", "whole"):
        assert counts["all"][measure] == [2, 2, 2, 2], measure
        assert counts["speech"][measure] == [2, 2, 2, 2], measure


def test_norm_span_drops_that_and_quote_marks(scorer):
    text = 'He said that "the road is closed."'
    assert scorer._norm_span(text, 8, len(text)) == (14, 32)


def test_scores_a_few_polnear_dev_documents(scorer):
    try:
        docs, gold = scorer.load_split("dev", limit=5)
    except FileNotFoundError as exc:
        pytest.skip(f"PolNeAR data absent ({exc}); set PANJSHIR_SHARED to the folder holding eval/polnear")
    counts = scorer.evaluate(docs, gold)
    tp, n_pred, found, n_gold = counts["speech"]["content (overlap)"]
    assert n_gold > 0 and n_pred > 0
    assert 0 < found <= n_gold and 0 < tp <= n_pred
    table = scorer.format_table(counts)
    assert "speech" in table and "whole" in table


def test_cli_skips_cleanly_without_data(scorer, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PANJSHIR_SHARED", str(tmp_path))
    assert scorer.main(["--limit", "1"]) == 0
    assert capsys.readouterr().out.startswith("skipped: ")
