"""UCDP-GED-like and ACLED-like shapes of the claims, and the crosswalk."""

import numpy as np
import pandas as pd
import pytest

from analysis_fixtures import kabul_tables, panjshir_tables
from panjshir_toolkit import eventdata
from panjshir_toolkit.eventdata import CROSSWALK, conservative_figure, to_acled, to_ucdp


@pytest.fixture(scope="module")
def kabul():
    return kabul_tables()["claims"]


@pytest.fixture(scope="module")
def panjshir():
    return panjshir_tables()["claims"]


def test_ucdp_rows_per_claim_with_low_best_high(panjshir):
    ged = to_ucdp(panjshir)
    assert ged["relid"].tolist() == ["panjshir_2021-09-04:q1", "panjshir_2021-09-04:q2", "constructed-followup:q1",
                                     "constructed-followup:q2"]
    assert ged["id"].tolist() == ["panjshir_2021-09-04:f1", "panjshir_2021-09-04:f2", "constructed-followup:f1",
                                  "constructed-followup:f2"]
    assert ged["best"].tolist() == [600.0, 600.0, 13.0, 36.0]
    assert ged["low"].tolist() == [540.0, 540.0, 13.0, 24.0]
    assert ged["high"].tolist() == [660.0, 660.0, 13.0, 99.0]
    assert ged["source_original"].tolist() == ["National Resistance Front", "Fahim Dashti", "Taliban spokesman", "residents"]
    assert ged["source_office"].isna().tolist() == [True, True, False, False]
    assert ged["date_start"].tolist() == ["2021-09-04", "2021-09-04", "2021-09-05", "2021-09-05"]
    assert ged["year"].tolist() == [2021] * 4
    assert ged["deaths_unknown"].tolist() == [600.0, 600.0, 13.0, 36.0]
    assert ged["deaths_civilians"].isna().all()


def test_ucdp_open_bounds_and_outlet_figures(kabul):
    ged = to_ucdp(kabul).set_index("id")
    assert ged.loc["646:f3", ["low", "best", "high"]].tolist() == [31.0, 31.0, 31.0]  # "more than 30"
    assert ged.loc["328:f1", ["low", "best", "high"]].tolist() == [20.0, 20.0, 20.0]  # "at least 20"
    assert ged.loc["328:f1", "source_original"] == "officials"
    assert pd.isna(ged.loc["328:f3", "source_original"])  # the outlet's own figure has no claimant
    assert ged.loc["328:f1", "source_article"] == (
        "Al Jazeera, 2017-02-07, Suicide blast near Kabul Supreme Court kills dozens")
    assert set(ged["event"]) == {"killed"}
    assert len(to_ucdp(kabul, events=None)) == 10
    assert (to_ucdp(kabul, events=None)["low"] <= to_ucdp(kabul, events=None)["best"]).all()


def test_ucdp_relays_come_before_the_outlet():
    from panjshir_toolkit.schema import conform

    claims = conform("claims", [{"article_id": "a", "outlet": "Al Jazeera", "published": "2017-02-07",
                                 "quote_id": "a:q1", "speaker": "Najib Danish", "relayed_by": "AP",
                                 "figure_id": "a:f1", "value": 20.0, "low": 20.0, "high": 20.0,
                                 "qualifier": "exact", "unit": "people", "counted": "civilians", "event": "killed"}])
    ged = to_ucdp(claims)
    assert ged.loc[0, "source_office"] == "AP; Al Jazeera"
    assert ged.loc[0, "deaths_civilians"] == 20.0 and np.isnan(ged.loc[0, "deaths_unknown"])


@pytest.mark.parametrize("args, expected", [
    ((600, 540, "approximate", "About 600"), 540.0),
    ((41, 41, "exact", "41"), 41.0),
    ((30, 31, "more_than", "more than 30"), 31.0),
    ((50, float("-inf"), "at_most", "up to 50"), 50.0),
    ((50, float("nan"), "at_most", "up to 50"), 50.0),
])
def test_conservative_figure(args, expected):
    assert conservative_figure(*args) == expected


def test_conservative_vague_uses_the_acled_reading(monkeypatch):
    eventdata._acled_vague.cache_clear()
    monkeypatch.setattr(eventdata, "_acled_vague", lambda: {"dozens": 12.0, "hundreds": 100.0})
    assert conservative_figure(36, 24, "vague", "dozens") == 12.0
    assert conservative_figure(300, 200, "vague", "hundreds of") == 100.0
    monkeypatch.setattr(eventdata, "_acled_vague", lambda: {})
    assert conservative_figure(36, 24, "vague", "dozens") == 24.0  # without the table: the low reading


def test_acled_one_conservative_figure_and_the_dispute_in_notes(kabul):
    acled = to_acled(kabul, events=None)
    assert acled[["event", "counted", "event_date", "year", "n_claims", "disputed"]].values.tolist() == [
        ["killed", "people", "2017-02-07", 2017, 5, True],
        ["wounded", "people", "2017-02-07", 2017, 5, True],
    ]
    assert acled.loc[0, "fatalities"] == 17
    assert acled.loc[0, "notes"] == (
        "Disputed: Al Jazeera's own figure: 17; officials (Al Jazeera): at least 20; government officials (RTÉ): "
        "at least 20; RTÉ's own figure: more than 30; CNN's own figure: at least 36")
    assert acled.loc[0, "source"] == "Al Jazeera; RTÉ; CNN"
    assert acled.loc[0, "event_id_cnty"] == "328:f3|328:f1|646:f1|646:f3|37:f2"
    assert to_acled(kabul)["event"].tolist() == ["killed"]


def test_acled_agreeing_claims_are_not_disputed(kabul):
    claims = kabul[kabul["figure_id"].isin(["328:f2", "646:f2"])]
    acled = to_acled(claims, events="wounded")
    assert acled[["fatalities", "disputed", "notes"]].values.tolist() == [
        [41, False, "Ismail Kawasi (Al Jazeera): 41; Ministry of Public Health (RTÉ): 41"]]


def test_acled_of_nothing(kabul):
    assert to_acled(kabul, events="captured").empty


def test_crosswalk_documents_every_output_column(kabul):
    assert list(CROSSWALK.columns) == ["toolkit", "ucdp_ged", "acled", "rule"]
    ged_named = {part for cell in CROSSWALK["ucdp_ged"].dropna() for part in cell.split("|")}
    acled_named = {part for cell in CROSSWALK["acled"].dropna() for part in cell.split("|")}
    ged_out = set(to_ucdp(kabul).columns) - {"counted", "article_id"}
    acled_out = set(to_acled(kabul).columns) - {"event", "counted", "n_claims", "disputed", "article_ids"}
    assert ged_out <= ged_named
    assert acled_out <= acled_named
    for column in ged_named | acled_named:
        assert column in eventdata.__doc__
