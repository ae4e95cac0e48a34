"""End to end on the seed article: the tables match the hand-annotated gold exactly."""

from __future__ import annotations

import math

import pandas as pd
import pytest

import panjshir_toolkit as pt
from panjshir_toolkit.schema import COLUMNS, TABLES
from panjshir_toolkit.tables import check_columns

QUOTE_FIELDS = ["speaker_text", "speaker", "speaker_kind", "affiliation", "cue", "cue_lemma", "cue_category",
                "content", "quote_type", "channel", "relayed_by", "sentence_ids"]
FIGURE_FIELDS = ["surface", "value", "low", "high", "qualifier", "unit", "counted", "event", "sentence_id", "implicit"]


def _norm(v):
    if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
        return None
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


def test_six_tables_with_exactly_the_contract_columns(seed_analysis):
    check_columns(seed_analysis.tables)
    assert list(seed_analysis.tables) == list(TABLES)
    for name in TABLES:
        assert list(seed_analysis[name].columns) == COLUMNS[name]


def test_articles_table(seed_analysis):
    art = seed_analysis.articles
    assert len(art) == 1
    row = art.iloc[0]
    assert row["article_id"] == "panjshir_2021-09-04"
    assert (row["published"], row["credit"]) == ("2021-09-04", "ANI")
    assert pd.isna(row["title"]) and pd.isna(row["outlet"])
    assert row["n_chars"] == len(row["text"]) == 2817


def test_quotes_match_gold(seed_analysis, gold, seed_text):
    quotes = seed_analysis.quotes
    got = [{f: _norm(r[f]) for f in QUOTE_FIELDS} for _, r in quotes.iterrows()]
    want = [{f: _norm(g[f]) for f in QUOTE_FIELDS} for g in gold["quotes"]]
    assert got == want
    assert quotes["quote_id"].tolist() == [f"panjshir_2021-09-04:q{i}" for i in range(1, len(want) + 1)]


def test_quote_offsets_index_the_text(seed_analysis, seed_text):
    for _, q in seed_analysis.quotes.iterrows():
        for field in ("speaker", "cue", "content"):
            start, end = q[f"{field}_start"], q[f"{field}_end"]
            value = q["speaker_text" if field == "speaker" else field]
            assert seed_text[start:end] == value


def test_figures_match_gold(seed_analysis, gold):
    figs = seed_analysis.figures
    got = [{f: _norm(r[f]) for f in FIGURE_FIELDS} for _, r in figs.iterrows()]
    want = [{f: _norm(g[f]) for f in FIGURE_FIELDS} for g in gold["figures"]]
    assert got == want
    qids = seed_analysis.quotes["quote_id"].tolist()
    want_q = [None if g["quote"] is None else qids[g["quote"]] for g in gold["figures"]]
    assert [_norm(q) for q in figs["quote_id"]] == want_q
    for _, f in figs.iterrows():
        assert seed_analysis.articles.iloc[0]["text"][f["start"]:f["end"]] == f["surface"]


def test_claims_one_row_per_figure_and_per_quote_without_figures(seed_analysis, gold):
    claims = seed_analysis.claims
    n_quotes, n_figs = len(gold["quotes"]), len(gold["figures"])
    attributed_quotes = {g["quote"] for g in gold["figures"] if g["quote"] is not None}
    own = sum(g["quote"] is None for g in gold["figures"])
    expected = (n_quotes - len(attributed_quotes)) + (n_figs - own) + own
    assert len(claims) == expected
    dashti = claims[claims["speaker"] == "Fahim Dashti"]
    assert dashti["value"].dropna().tolist() == [600.0, 1000.0]
    assert set(claims["credit"]) == {"ANI"} and set(claims["published"]) == {"2021-09-04"}
    own_rows = claims[claims["quote_id"].isna()]
    assert own_rows["surface"].tolist() == ["approximately 90 miles"]


def test_actors_table(seed_analysis):
    actors = seed_analysis.actors.set_index("actor")
    assert actors.loc["Ahmad Massoud", "n_quotes"] == 7
    assert actors.loc["Fahim Dashti", ["n_quotes", "n_figures"]].tolist() == [2, 2]
    assert actors.loc["National Resistance Front", ["n_quotes", "n_figures"]].tolist() == [2, 1]
    assert actors.loc["Amir Khan Muttaqi", "n_quotes"] == 3
    assert actors.loc["Amir Khan Muttaqi", "affiliation"] == "Taliban"
    assert actors.loc["Taliban source", "kind"] == "anonymous"
    for medium in ("Al Jazeera", "Khaama Press", "local media"):
        assert actors.loc[medium, "kind"] == "media"


def test_masoud_spellings_resolve_to_one_actor(seed_analysis):
    q = seed_analysis.quotes
    masoud = q[q["speaker"] == "Ahmad Massoud"]
    assert set(masoud["speaker_text"]) == {"Ahmad Masoud", "Ahmad Shah Masoud", "Masoud", "Ahamd Masoud", "He"}


def test_user_codebook_decides_the_speaker(tmp_path):
    """A codebook without the 'Ahmad Shah Masoud' alias attributes the vow to the father: the codebook decides."""
    book = pd.read_csv(pt.actors_path())
    book.loc[book["actor"] == "Ahmad Massoud", "aliases"] = "Ahmad Massoud|Ahmad Masoud|Ahamd Masoud"
    path = tmp_path / "actors.csv"
    book.to_csv(path, index=False)
    result = pt.analyze(pt.panjshir_path(), actors=path)
    vow = result.quotes[result.quotes["cue"] == "vowed"].iloc[0]
    assert vow["speaker_text"] == "Ahmad Shah Masoud"
    assert vow["speaker"] == "Ahmad Shah Massoud"


def test_analysis_is_pure_and_parallel_equals_serial(tmp_path):
    texts = [pt.panjshir_path().read_text(encoding="utf-8")] * 3
    for i, t in enumerate(texts):
        (tmp_path / f"a{i}.txt").write_text(t, encoding="utf-8")
    serial = pt.analyze(tmp_path)
    parallel = pt.analyze(tmp_path, n_jobs=2)
    for name in TABLES:
        pd.testing.assert_frame_equal(serial[name], parallel[name])
    assert len(serial.quotes) == 3 * len(pt.analyze(pt.panjshir_path()).quotes)


def test_a_failing_article_is_kept_and_reported(monkeypatch):
    import panjshir_toolkit.attribution as attribution

    def boom(text, sentences):
        if "boom" in text:
            raise RuntimeError("simulated extractor bug")
        return []

    monkeypatch.setattr(attribution, "extract_quotes", boom)
    with pytest.warns(RuntimeWarning, match="1 of 2 article"):
        result = pt.analyze([pt.Article("ok", "Officials said nothing."), pt.Article("bad", "boom, he said.")])
    assert result.articles["article_id"].tolist() == ["ok", "bad"]
    assert "simulated extractor bug" in result.report["reason"].iloc[-1]
