"""compare_figures, contested_figures and relay_chains on hand-built claims tables.

The Kabul tables hold what CNN, Al Jazeera and RTÉ reported of the 7 February 2017
Supreme Court bombing (see tests/analysis_fixtures.py and tests/test_kabul.py).
"""

import math

import numpy as np
import pandas as pd
import pytest

from analysis_fixtures import kabul_tables, panjshir_tables
from panjshir_toolkit.compare import (
    OWN, compare_figures, contested_figures, format_interval, normalize_counted, relay_chains,
)
from panjshir_toolkit.errors import ColumnsError
from panjshir_toolkit.schema import conform


@pytest.fixture(scope="module")
def kabul():
    return kabul_tables()


@pytest.fixture(scope="module")
def panjshir():
    return panjshir_tables()


@pytest.mark.parametrize("counted, unit, group", [
    ("people", None, "people"), ("People", None, "people"), ("persons", None, "people"), ("others", None, "people"),
    ("victims", None, "people"), ("casualties", None, "people"), ("civilians", None, "civilians"),
    ("Taliban", None, "Taliban"), ("the Taliban fighters", None, "Taliban"), ("Taliban militants", None, "Taliban"),
    ("soldiers", None, "soldiers"), ("troops", None, "soldiers"), ("children", None, "children"),
    ("policemen", None, "police"), ("Afghan soldiers", None, "afghan soldier"),
    (None, "people", "people"), (None, "miles", "miles"), (None, None, None), ("", None, None),
])
def test_normalize_counted(counted, unit, group):
    assert normalize_counted(counted, unit) == group


def test_normalize_counted_user_synonyms():
    assert normalize_counted("civilians", synonyms={"civilians": "people"}) == "people"
    assert normalize_counted("Afghan soldiers", synonyms={"afghan soldier": "soldiers"}) == "soldiers"


@pytest.mark.parametrize("args, text", [
    ((41, 41, 41, "exact"), "41"),
    ((35, 35, math.nan, "at_least"), "at least 35"),
    ((30, 31, math.nan, "more_than"), "more than 30"),
    ((50, math.nan, 50, "at_most"), "at most 50"),
    ((600, 540, 660, "approximate"), "about 600 (540-660)"),
    ((36, 24, 99, "vague"), "vague 36 (24-99)"),
    ((25, 20, 30, "range"), "25 (20-30)"),
    ((1000, 1001, math.nan, "more_than"), "more than 1,000"),
])
def test_format_interval(args, text):
    assert format_interval(*args) == text


def test_compare_figures_lines_up_the_sides_of_panjshir(panjshir):
    table = compare_figures(panjshir["claims"], event="killed", counted="Taliban")
    assert table[["speaker", "affiliation", "outlet", "value", "low", "high"]].values.tolist() == [
        ["Taliban spokesman", "Taliban", "Example Wire", 13.0, 13.0, 13.0],
        ["Fahim Dashti", "National Resistance Front", "(article)", 600.0, 540.0, 660.0],
        ["National Resistance Front", "National Resistance Front", "(article)", 600.0, 540.0, 660.0],
    ]
    assert table["figure_ids"].tolist() == ["constructed-followup:f1", "panjshir_2021-09-04:f2", "panjshir_2021-09-04:f1"]
    assert table["surfaces"].tolist() == ["13", "About 600", "About 600"]


def test_compare_figures_by_side_aggregates_claimants(panjshir):
    table = compare_figures(panjshir["claims"], event="killed", counted="Taliban", by="affiliation")
    assert table[["affiliation", "n_figures", "value", "low", "high", "values"]].values.tolist() == [
        ["Taliban", 1, 13.0, 13.0, 13.0, "13"],
        ["National Resistance Front", 2, 600.0, 540.0, 660.0, "600"],
    ]


def test_compare_figures_keeps_the_outlets_own_figures(kabul):
    table = compare_figures(kabul["claims"], event="wounded")
    got = table[["speaker", "affiliation", "outlet", "value", "low", "high", "surfaces"]].fillna({"high": -1})
    assert got.values.tolist() == [
        ["Saleem Rasooli", "(unknown)", "CNN", 35.0, 35.0, -1, "At least 35"],  # open: at least 35
        [OWN, "(outlet)", "CNN", 36.0, 24.0, 99.0, "dozens"],
        ["Ismail Kawasi", "(unknown)", "Al Jazeera", 41.0, 41.0, 41.0, "41"],
        ["Ministry of Public Health", "(unknown)", "RTÉ", 41.0, 41.0, 41.0, "41"],
        [OWN, "(outlet)", "RTÉ", 70.0, 63.0, 77.0, "about 70"],
    ]
    assert set(table["counted"]) == {"people"}  # "41 others" and the unit-only "about 70" meet "people"


def test_compare_figures_unknown_by_column(kabul):
    with pytest.raises(ColumnsError, match="'region'"):
        compare_figures(kabul["claims"], by=("speaker", "region"))


def test_compare_figures_empty_selection(kabul):
    table = compare_figures(kabul["claims"], event="captured")
    assert table.empty and "value" in table.columns


def test_contested_wounded_in_kabul_pairs(kabul):
    pairs = contested_figures(kabul["claims"], event="wounded")
    got = pairs[["claimant_a", "outlet_a", "value_a", "claimant_b", "outlet_b", "value_b", "conflict", "gap"]]
    assert got.values.tolist() == [
        ["Saleem Rasooli", "CNN", 35.0, OWN, "RTÉ", 70.0, "different", 35.0],
        ["Ismail Kawasi", "Al Jazeera", 41.0, OWN, "RTÉ", 70.0, "disjoint", 22.0],
        ["Ministry of Public Health", "RTÉ", 41.0, OWN, "RTÉ", 70.0, "disjoint", 22.0],
        ["Saleem Rasooli", "CNN", 35.0, "Ismail Kawasi", "Al Jazeera", 41.0, "different", 6.0],
        ["Saleem Rasooli", "CNN", 35.0, "Ministry of Public Health", "RTÉ", 41.0, "different", 6.0],
    ]
    assert pairs["summary"].iloc[3] == (
        "wounded people: Saleem Rasooli (CNN) at least 35 vs Ismail Kawasi (Al Jazeera) 41")
    assert pairs["window_start"].iloc[0] == pd.Timestamp("2017-02-07")
    assert pairs["window_end"].iloc[0] == pd.Timestamp("2017-02-08")
    assert pairs["figure_ids_a"].iloc[3] == "37:f1" and pairs["figure_ids_b"].iloc[3] == "328:f2"


def test_contested_disjoint_only_is_the_strict_reading(kabul):
    pairs = contested_figures(kabul["claims"], event="wounded", conflict="disjoint")
    assert pairs[["claimant_a", "value_a", "value_b"]].values.tolist() == [
        ["Ismail Kawasi", 41.0, 70.0], ["Ministry of Public Health", 41.0, 70.0]]
    # "at least 35" and 41 are compatible bounds: only the default reading reports them
    assert not ((pairs["claimant_a"] == "Saleem Rasooli") & (pairs["claimant_b"] == "Ismail Kawasi")).any()


def test_contested_groups_list_every_claim(kabul):
    groups = contested_figures(kabul["claims"], form="groups")
    assert groups[["event", "counted", "conflict", "n_pairs", "n_claimants", "n_outlets"]].values.tolist() == [
        ["killed", "people", "disjoint", 9, 3, 3],  # the outlets' own figures are one claimant
        ["wounded", "people", "disjoint", 5, 4, 3],
    ]
    assert groups["claims"].iloc[1] == (
        "Saleem Rasooli (CNN) at least 35; CNN's own figure vague 36 (24-99); Ismail Kawasi (Al Jazeera) 41; "
        "Ministry of Public Health (RTÉ) 41; RTÉ's own figure about 70 (63-77)")
    assert groups["article_ids"].iloc[1] == "37|328|646"


def test_same_claim_in_two_articles_is_one_position(kabul):
    claims = kabul["claims"]
    copy = claims[claims["article_id"] == "328"].assign(article_id="329", figure_id=lambda d: d["figure_id"] + "b")
    both = pd.concat([claims, copy], ignore_index=True)
    pairs = contested_figures(both, event="wounded")
    row = pairs[(pairs["claimant_a"] == "Saleem Rasooli") & (pairs["claimant_b"] == "Ismail Kawasi")]
    assert len(row) == 1 and row["article_ids_b"].iloc[0] == "328|329"


def test_date_windows_keep_other_days_apart(kabul):
    claims = kabul["claims"].copy()
    claims.loc[claims["article_id"] == "646", "published"] = "2017-02-08"
    claims.loc[claims["article_id"] == "37", "published"] = "2017-02-10"
    pairs = contested_figures(claims, event="wounded")
    assert set(pairs["outlet_a"]) | set(pairs["outlet_b"]) == {"Al Jazeera", "RTÉ"}  # CNN's day is apart
    assert contested_figures(claims, event="wounded", window_days=0).empty is False
    same_day_only = contested_figures(claims, event="wounded", window_days=0)
    assert set(same_day_only["outlet_a"]) == {"RTÉ"}  # only RTÉ's own figure against RTÉ's ministry figure
    everything = contested_figures(claims, event="wounded", window_days=None)
    assert len(everything) == 5


def test_within_separates_topics(kabul):
    claims = kabul["claims"].assign(topic=lambda d: np.where(d["figure_id"].isin(["37:f3", "646:f4"]), "10 January",
                                                               "Supreme Court"))
    pairs = contested_figures(claims, event="wounded", within="topic")
    assert pairs[["topic", "claimant_a", "claimant_b"]].values.tolist() == [
        ["Supreme Court", "Saleem Rasooli", "Ismail Kawasi"],
        ["Supreme Court", "Saleem Rasooli", "Ministry of Public Health"],
    ]


def test_same_claimant_same_outlet_never_conflicts_with_itself():
    claims = conform("claims", [
        {"article_id": "a", "outlet": "X", "published": "2017-02-07", "quote_id": "a:q1", "speaker": "Kawasi",
         "figure_id": "a:f1", "value": 41.0, "low": 41.0, "high": 41.0, "qualifier": "exact", "unit": "people",
         "counted": "people", "event": "wounded"},
        {"article_id": "b", "outlet": "X", "published": "2017-02-07", "quote_id": "b:q1", "speaker": "Kawasi",
         "figure_id": "b:f1", "value": 50.0, "low": 50.0, "high": 50.0, "qualifier": "exact", "unit": "people",
         "counted": "people", "event": "wounded"},
    ])
    assert contested_figures(claims).empty
    assert len(contested_figures(claims.assign(outlet=["X", "Y"]))) == 1  # an outlet misquoting is a conflict


def test_units_and_multi_events_are_not_mixed(panjshir):
    pairs = contested_figures(panjshir["claims"])
    assert set(pairs["event"]) == {"killed"}  # captured|surrendered is its own event; miles have no event
    assert pairs[["claimant_a", "claimant_b", "conflict"]].values.tolist() == [
        ["Taliban spokesman", "National Resistance Front", "disjoint"],
        ["Taliban spokesman", "Fahim Dashti", "disjoint"],
    ]
    assert pairs["summary"].iloc[1] == ("killed Taliban: Taliban spokesman (Example Wire) 13 vs "
                                        "Fahim Dashti (article panjshir_2021-09-04) about 600 (540-660)")
    assert pairs["gap"].tolist() == [527.0, 527.0]  # 540 - 13


def test_contested_arguments(kabul):
    with pytest.raises(ValueError, match="conflict must be"):
        contested_figures(kabul["claims"], conflict="overlap")
    with pytest.raises(ValueError, match="form must be"):
        contested_figures(kabul["claims"], form="table")
    with pytest.raises(ColumnsError, match="'topic'"):
        contested_figures(kabul["claims"], within="topic")
    with pytest.raises(ColumnsError, match="Pass a table made by panjshir_toolkit.analyze"):
        contested_figures(kabul["quotes"])


def test_contested_of_nothing_has_the_columns():
    from panjshir_toolkit.schema import empty_table

    pairs = contested_figures(empty_table("claims"))
    assert pairs.empty and {"summary", "claimant_a", "value_b"} <= set(pairs.columns)
    assert contested_figures(empty_table("claims"), form="groups").empty


def test_relay_chain_of_motaqi_through_khaama_press(panjshir):
    edges = relay_chains(panjshir["quotes"], panjshir["articles"])
    motaqi = edges[edges["quote_id"] == "panjshir_2021-09-04:q4"]
    assert motaqi[["step", "source", "target", "relation"]].values.tolist() == [
        [1, "Amir Khan Muttaqi", "Khaama Press", "said_to"],
        [2, "Khaama Press", "(article)", "published_by"],
        [3, "ANI", "(article)", "credited"],
    ]
    dashti = edges[edges["quote_id"] == "panjshir_2021-09-04:q2"]
    assert dashti[["source", "target", "relation"]].values.tolist() == [
        ["Fahim Dashti", "(article)", "published_by"], ["ANI", "(article)", "credited"]]
    wire = edges[edges["article_id"] == "constructed-followup"]
    assert wire[["source", "target", "relation"]].values.tolist() == [
        ["Taliban spokesman", "Example Wire", "published_by"], ["residents", "Example Wire", "published_by"]]
    assert list(edges.columns) == ["quote_id", "article_id", "step", "source", "target", "relation", "speaker",
                                   "outlet", "credit"]


def test_relay_chain_with_two_relays_and_no_self_loop():
    quotes = conform("quotes", [
        {"quote_id": "a:q1", "article_id": "a", "speaker": "Najib Danish", "relayed_by": "AP|Reuters"},
        {"quote_id": "a:q2", "article_id": "a", "speaker": None, "speaker_text": "a police spokesman",
         "relayed_by": "Al Jazeera"},
        {"quote_id": "a:q3", "article_id": "a", "speaker": None, "speaker_text": None},
    ])
    articles = conform("articles", [{"article_id": "a", "outlet": "Al Jazeera"}])
    edges = relay_chains(quotes, articles)
    assert edges[["quote_id", "step", "source", "target", "relation"]].values.tolist() == [
        ["a:q1", 1, "Najib Danish", "AP", "said_to"],
        ["a:q1", 2, "AP", "Reuters", "relayed_by"],
        ["a:q1", 3, "Reuters", "Al Jazeera", "published_by"],
        ["a:q2", 1, "a police spokesman", "Al Jazeera", "said_to"],  # told Al Jazeera, in Al Jazeera: no loop
        ["a:q3", 1, "(unnamed source)", "Al Jazeera", "published_by"],
    ]


def test_relay_chains_from_a_claims_table_uses_each_quote_once(panjshir):
    edges = relay_chains(panjshir["claims"])
    assert edges["quote_id"].nunique() == 6
    assert (edges.groupby("quote_id")["step"].apply(lambda s: s.tolist() == list(range(1, len(s) + 1)))).all()
    with pytest.raises(ColumnsError):
        relay_chains(pd.DataFrame({"quote_id": ["x"]}))


def test_a_relay_that_is_the_outlet_is_not_repeated_in_labels():
    claims = conform("claims", [
        {"article_id": "1143", "outlet": "BBC", "published": "2017-02-16", "quote_id": "1143:q1",
         "speaker": "senior police official", "relayed_by": "BBC", "figure_id": "1143:f1", "value": 250.0,
         "low": 250.0, "high": float("nan"), "qualifier": "at_least", "unit": "people", "counted": "others",
         "event": "wounded"},
        {"article_id": "1230", "outlet": "CNN", "published": "2017-02-17", "quote_id": "1230:q1",
         "speaker": "Zahid Hussain", "relayed_by": "CNN", "figure_id": "1230:f1", "value": 200.0,
         "low": 200.0, "high": 200.0, "qualifier": "exact", "unit": "people", "counted": "people",
         "event": "wounded"},
    ])
    assert contested_figures(claims)["summary"].tolist() == [
        "wounded people: Zahid Hussain (CNN) 200 vs senior police official (BBC) at least 250"]


@pytest.mark.parametrize("counted, group", [("men", "men"), ("a man", "men"), ("women", "women")])
def test_irregular_plurals(counted, group):
    assert normalize_counted(counted) == group


def test_relay_chains_of_the_seed_from_the_real_pipeline():
    pytest.importorskip("panjshir_toolkit.attribution", reason="the attribution stage is not merged yet")
    import panjshir_toolkit as pt

    if not hasattr(pt, "analyze"):
        pytest.skip("the pipeline (panjshir_toolkit.analyze) is not merged yet")

    result = pt.analyze(pt.panjshir_path())
    edges = relay_chains(result.quotes, result.articles)
    motaqi = edges[edges["speaker"] == "Amir Khan Muttaqi"]
    assert set(motaqi.loc[motaqi["relation"] == "said_to", "target"]) == {"Khaama Press"}
    assert set(motaqi.loc[motaqi["relation"] == "credited", "source"]) == {"ANI"}
    table = compare_figures(result.claims, event="killed", counted="Taliban")
    assert set(table["value"]) == {600.0} and set(table["affiliation"]) == {"National Resistance Front"}
