"""filter_claims and the ClaimExplorer, on hand-built Panjshir tables (no browser)."""

from __future__ import annotations

import base64
import datetime as dt
import html
import re

import pandas as pd
import pytest

import tables_for_widgets as fixture
from panjshir_toolkit import schema
from panjshir_toolkit.errors import ColumnsError
from panjshir_toolkit.widgets import (
    ClaimExplorer,
    claims_per_speaker_plot,
    claims_table_html,
    csv_download_link,
    filter_claims,
    search_haystack,
)


@pytest.fixture(scope="module")
def tables():
    return fixture.tables()


@pytest.fixture
def claims(tables):
    return tables["claims"]


def speakers(frame):
    return [None if s is pd.NA else s for s in frame["speaker"]]


# --- filter_claims -----------------------------------------------------------------------

def test_no_filter_returns_every_claim_unchanged(claims):
    out = filter_claims(claims)
    pd.testing.assert_frame_equal(out, claims)


def test_single_value_and_collection_are_any_of(claims):
    assert speakers(filter_claims(claims, speaker="Fahim Dashti")) == ["Fahim Dashti", "Fahim Dashti"]
    out = filter_claims(claims, speaker=["Amir Khan Motaqi", "Taliban source"])
    assert speakers(out) == ["Taliban source", "Amir Khan Motaqi"]
    assert speakers(filter_claims(claims, speaker={"Zabihullah Mujahid"})) == ["Zabihullah Mujahid"]


def test_filters_combine_with_and(claims):
    out = filter_claims(claims, affiliation="Taliban", outlet="ANI")
    assert speakers(out) == ["Taliban source", "Amir Khan Motaqi"]
    assert filter_claims(claims, affiliation="Taliban", event="killed").empty


def test_index_labels_are_kept(claims):
    out = filter_claims(claims, affiliation="Taliban")
    assert out.index.tolist() == [3, 4, 5]
    assert out.columns.tolist() == claims.columns.tolist()


def test_none_in_a_collection_selects_missing_cells(claims):
    out = filter_claims(claims, speaker=[None])
    assert out["surface"].tolist() == ["approximately 90 miles"]
    assert len(filter_claims(claims, affiliation=["NRF", pd.NA])) == 5


def test_empty_collection_selects_nothing(claims):
    assert filter_claims(claims, speaker=[]).empty


def test_event_matches_any_of_the_pipe_separated_events(claims):
    assert filter_claims(claims, event="surrendered")["surface"].tolist() == ["More than 1,000"]
    assert filter_claims(claims, event=["captured", "wounded"])["surface"].tolist() == ["More than 1,000", "About 40"]
    # a substring of an event is not an event
    assert filter_claims(claims, event="kill").empty


def test_value_range_is_inclusive_and_drops_claims_without_value(claims):
    assert filter_claims(claims, value_range=(600, 1000))["value"].tolist() == [600.0, 600.0, 1000.0]
    assert filter_claims(claims, value_range=(None, 90))["surface"].tolist() == ["About 40", "approximately 90 miles"]
    assert filter_claims(claims, value_range=(1000, None))["surface"].tolist() == ["More than 1,000"]


def test_qualifier_cue_category_kind_and_article(claims):
    assert filter_claims(claims, qualifier="more_than")["surface"].tolist() == ["More than 1,000"]
    assert speakers(filter_claims(claims, cue_category="assertive")) == ["National Resistance Front"]
    assert speakers(filter_claims(claims, speaker_kind="anonymous")) == ["Taliban source"]
    assert speakers(filter_claims(claims, article_id="kabul-observer-2021-09-06")) == ["Zabihullah Mujahid"]


def test_date_range_parses_leniently_and_is_inclusive(claims):
    # "2021-09-06T08:30:00+04:30" and "6 Sep 2021" are both 6 September as written
    out = filter_claims(claims, date_range=("2021-09-06", "2021-09-06"))
    assert out["article_id"].tolist() == ["kabul-observer-2021-09-06", "hostile-1"]
    assert len(filter_claims(claims, date_range=(None, dt.date(2021, 9, 4)))) == 6
    assert len(filter_claims(claims, date_range=(pd.Timestamp("2021-09-05"), None))) == 2


def test_date_range_drops_rows_without_a_date_only_when_set(claims):
    frame = claims.copy()
    frame.loc[0, "published"] = pd.NA
    frame.loc[1, "published"] = "not a date"
    assert len(filter_claims(frame)) == 8
    assert len(filter_claims(frame, date_range=("2021-09-01", "2021-09-30"))) == 6


def test_bad_ranges_say_what_to_do(claims):
    with pytest.raises(ValueError, match="pair"):
        filter_claims(claims, value_range=600)
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        filter_claims(claims, date_range=("yesterday-ish", None))


def test_search_is_case_insensitive_over_the_search_columns(claims):
    # speaker_text
    assert speakers(filter_claims(claims, search="SPOKESPERSON")) == ["Fahim Dashti", "Fahim Dashti"]
    # content
    assert speakers(filter_claims(claims, search="landmines")) == ["Taliban source"]
    # surface
    assert filter_claims(claims, search="90 miles")["figure_id"].tolist() == ["panjshir-2021-09-04:f4"]
    # counted, with two terms that must both occur (in any of the columns)
    assert filter_claims(claims, search="fighters wounded")["figure_id"].tolist() == ["hostile-1:f1"]
    # not searched: outlet
    assert filter_claims(claims, search="Kabul Observer").empty
    # blank search is no filter
    assert len(filter_claims(claims, search="   ")) == 8


def test_search_with_a_precomputed_haystack_gives_the_same_rows(claims):
    haystack = search_haystack(claims)
    for term in ["taliban", "600", "motaqi failed", "<script>", "zzz"]:
        pd.testing.assert_frame_equal(filter_claims(claims, search=term, haystack=haystack),
                                      filter_claims(claims, search=term))
    with pytest.raises(ValueError, match="search_haystack"):
        filter_claims(claims, search="x", haystack=haystack.iloc[:3])


def test_missing_columns_raise_columns_error():
    quotes_only = pd.DataFrame({"speaker": ["Fahim Dashti"], "content": ["About 600 Taliban"]})
    assert len(filter_claims(quotes_only, speaker="Fahim Dashti")) == 1
    with pytest.raises(ColumnsError, match="'outlet'") as err:
        filter_claims(quotes_only, outlet="ANI", value_range=(1, 2))
    assert err.value.missing == ["outlet", "value"]


def test_filter_claims_does_not_modify_its_input(claims):
    before = claims.copy()
    out = filter_claims(claims, affiliation="NRF")
    out.loc[out.index[0], "speaker"] = "changed"
    pd.testing.assert_frame_equal(claims, before)


def test_works_on_an_empty_claims_table():
    empty = schema.empty_table("claims")
    out = filter_claims(empty, speaker="x", event="killed", value_range=(1, 2), date_range=("2021-01-01", None),
                        search="taliban")
    assert out.empty and out.columns.tolist() == schema.COLUMNS["claims"]


def test_works_on_object_dtype_columns(claims):
    frame = claims.astype(object)
    assert speakers(filter_claims(frame, search="dashti", event="killed")) == ["Fahim Dashti"]


# --- helpers ----------------------------------------------------------------------------

def test_table_html_escapes_every_cell(claims):
    out = claims_table_html(claims)
    assert "<script>" not in out and "<img" not in out
    assert html.escape(fixture.SCRIPT) in out
    assert html.escape(fixture.IMG) in out
    assert out.count("<tr") == 9  # header + 8 claims


def test_table_html_shows_the_first_rows_and_says_how_many_more(claims):
    out = claims_table_html(claims, max_rows=3)
    assert out.count("<tr") == 4
    assert "and 5 more row(s)" in out


def test_csv_download_link_round_trips_the_rows(claims):
    view = filter_claims(claims, affiliation="Taliban")
    link = csv_download_link(view, 'claims "x".csv')
    assert 'download="claims &quot;x&quot;.csv"' in link
    payload = re.search(r'base64,([A-Za-z0-9+/=]+)"', link).group(1)
    text = base64.b64decode(payload).decode("utf-8-sig")
    import io
    back = pd.read_csv(io.StringIO(text))
    assert back["speaker"].tolist() == ["Taliban source", "Amir Khan Motaqi", "Zabihullah Mujahid"]
    assert back["relayed_by"].fillna("").tolist() == ["Al Jazeera", "Khaama Press", ""]


def test_plot_counts_claims_per_speaker(claims):
    import matplotlib
    from matplotlib.figure import Figure

    fig = Figure()
    ax = fig.subplots()
    assert claims_per_speaker_plot(claims, ax=ax) is ax
    widths = {t.get_text(): p.get_width() for t, p in zip(ax.get_yticklabels(), ax.patches)}
    assert widths["Fahim Dashti"] == 2
    assert widths["(unattributed)"] == 1
    assert len(widths) == 7
    assert matplotlib.get_backend()  # no pyplot figure was left open by the call
    with pytest.raises(ColumnsError):
        claims_per_speaker_plot(claims.drop(columns="speaker"), ax=ax)


# --- ClaimExplorer -----------------------------------------------------------------------

@pytest.fixture
def explorer(tables):
    return ClaimExplorer(tables["claims"], tables["sentences"], tables["articles"])


def test_explorer_starts_with_every_claim(explorer, claims):
    assert explorer.filters == {}
    pd.testing.assert_frame_equal(explorer.view, claims)
    assert "<b>8</b> of 8 claims" in explorer.counts.value
    assert explorer.table.value.count("<tr") == 9
    assert explorer.plot.value[:8] == b"\x89PNG\r\n\x1a\n"
    assert explorer.last_error is None


def test_explorer_options_show_counts_and_a_none_entry(explorer):
    options = dict(explorer.controls["speaker"].options)
    assert options["Fahim Dashti (2)"] == "Fahim Dashti"
    assert options["(none) (1)"] is None
    events = [v for _, v in explorer.controls["event"].options]
    assert sorted(v for v in events if v) == ["captured", "killed", "other", "surrendered", "wounded"]


def test_setting_a_widget_updates_view_table_counts_and_plot(explorer, claims):
    plot_before = explorer.plot.value
    explorer.controls["affiliation"].value = ("Taliban",)
    assert explorer.filters == {"affiliation": ["Taliban"]}
    assert speakers(explorer.view) == ["Taliban source", "Amir Khan Motaqi", "Zabihullah Mujahid"]
    pd.testing.assert_frame_equal(explorer.view, filter_claims(claims, **explorer.filters))
    assert "<b>3</b> of 8 claims" in explorer.counts.value
    assert explorer.table.value.count("<tr") == 4
    assert explorer.plot.value != plot_before


def test_successive_filters_with_missing_values_update_everything(explorer):
    # views whose speaker/affiliation counts include missing values, one after the other
    explorer.set_filters(article_id="panjshir-2021-09-04")
    explorer.set_filters(qualifier="approximate")
    explorer.set_filters(qualifier=None, event="other")
    assert explorer.last_error is None and explorer.errors.outputs == ()
    assert "Download 1 claims as CSV" in explorer.download.value
    explorer.set_filters(event=None)
    assert explorer.last_error is None
    assert "Download 6 claims as CSV" in explorer.download.value


def test_search_box_and_event_select(explorer):
    explorer.controls["search"].value = "taliban"
    explorer.controls["event"].value = ("captured",)
    assert explorer.view["surface"].tolist() == ["More than 1,000"]


def test_value_slider_off_at_full_extent_on_when_narrowed(explorer):
    assert explorer.controls["value_range"].value == (40.0, 1000.0)
    explorer.controls["value_range"].value = (500.0, 1000.0)
    assert explorer.filters == {"value_range": (500.0, 1000.0)}
    assert explorer.view["value"].tolist() == [600.0, 600.0, 1000.0]


def test_date_pickers(explorer):
    explorer.controls["date_start"].value = dt.date(2021, 9, 5)
    assert explorer.view["article_id"].tolist() == ["kabul-observer-2021-09-06", "hostile-1"]


def test_set_filters_updates_once_and_reset_clears(explorer):
    explorer.set_filters(speaker=["Fahim Dashti"], value_range=(700, None), date_range=("2021-09-04", "2021-09-04"))
    assert explorer.view["surface"].tolist() == ["More than 1,000"]
    assert explorer.controls["date_end"].value == dt.date(2021, 9, 4)
    explorer.reset()
    assert explorer.filters == {} and len(explorer.view) == 8
    with pytest.raises(ValueError, match="not among the values"):
        explorer.set_filters(speaker="Nobody")
    with pytest.raises(TypeError, match="unknown filter"):
        explorer.set_filters(colour="red")


def test_evidence_pane_highlights_the_selected_claim(explorer):
    explorer.set_filters(speaker="Fahim Dashti", event="captured")
    claim = explorer.selected
    assert claim["figure_id"] == "panjshir-2021-09-04:f3"
    ev = explorer.evidence.value
    for kind in ("speaker", "cue", "content", "figure"):
        assert f'data-kind="{kind}"' in ev
    assert "More than 1,000</span>" in re.sub(r'<span class="pt-label".*?</span>', "", ev)
    assert "pt-legend" in ev
    assert "relayed by" not in ev and "channel: twitter" in ev


def test_evidence_pane_follows_the_dropdown(explorer):
    explorer.set_filters(affiliation="Taliban")
    labels = [label for label, _ in explorer.evidence_select.options]
    assert labels[0].startswith("1. Taliban source: fighting was continuing")
    explorer.evidence_select.value = explorer.evidence_select.options[1][1]
    assert explorer.selected["speaker"] == "Amir Khan Motaqi"
    assert "Khaama Press" in explorer.evidence.value


def test_evidence_without_articles_uses_the_sentences_table(tables):
    explorer = ClaimExplorer(tables["claims"], tables["sentences"])
    explorer.set_filters(speaker="Amir Khan Motaqi")
    ev = explorer.evidence.value
    assert "On Wednesday, Khaama Press reported that" in ev
    assert 'data-kind="content"' in ev


def test_evidence_without_any_text_shows_the_fields(tables):
    explorer = ClaimExplorer(tables["claims"])
    explorer.set_filters(speaker="Taliban source")
    assert "A Taliban source" in explorer.evidence.value


def test_explorer_escapes_payloads_everywhere(explorer):
    explorer.set_filters(article_id="hostile-1")
    for html_value in (explorer.table.value, explorer.evidence.value, explorer.counts.value,
                       *[w.value for w in explorer.widget.children if hasattr(w, "value") and isinstance(w.value, str)]):
        assert "<script" not in html_value and "<img" not in html_value
    assert "&lt;img src=x onerror=alert(1)&gt;" in explorer.evidence.value


def test_no_claim_matches(explorer):
    explorer.controls["search"].value = "no such words anywhere"
    assert explorer.view.empty
    assert "<b>0</b> of 8" in explorer.counts.value
    assert explorer.evidence.value == "<i>No claim selected.</i>"
    assert explorer.last_error is None


def test_callback_errors_go_to_the_error_area(explorer, monkeypatch):
    def boom(*a, **k):
        raise RuntimeError("the plot failed")

    monkeypatch.setattr(explorer, "_plot_png", boom)
    explorer.controls["speaker"].value = ("Fahim Dashti",)
    assert isinstance(explorer.last_error, RuntimeError)
    assert "the plot failed" in "".join(o.get("text", "") for o in explorer.errors.outputs)


def test_large_views_build_the_csv_only_on_request(tables):
    explorer = ClaimExplorer(tables["claims"], download_limit=3)
    assert explorer.download.value == ""
    assert explorer.prepare_button.description == "Prepare CSV (8)"
    explorer.prepare_button.click()
    assert "Download 8 claims as CSV" in explorer.download.value
    explorer.set_filters(affiliation="Taliban")
    assert "Download 3 claims as CSV" in explorer.download.value


def test_explorer_requires_claims_columns(tables):
    with pytest.raises(ColumnsError, match="'published'"):
        ClaimExplorer(tables["claims"].drop(columns=["published"]))


def test_explorer_displays_as_a_widget(explorer):
    bundle = explorer._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle


def test_explorer_on_100k_claims_builds_and_filters():
    from tables_for_widgets import synthetic_claims

    claims = synthetic_claims(100_000)
    explorer = ClaimExplorer(claims)
    assert explorer.download.value == ""  # 100,000 rows: the CSV waits for the button
    explorer.set_filters(affiliation="NRF", search="dashti")
    assert (explorer.view["speaker"] == "Fahim Dashti").all() and len(explorer.view) > 0
    assert len(explorer.view) == len(filter_claims(claims, affiliation="NRF", search="dashti"))
    assert "pt-download" in explorer.download.value and explorer.last_error is None


def test_duplicate_index_labels_are_replaced(tables):
    doubled = pd.concat([tables["claims"], tables["claims"]])
    explorer = ClaimExplorer(doubled)
    explorer.set_filters(speaker="Amir Khan Motaqi")
    assert explorer.view.index.tolist() == [4, 12]
    assert explorer.selected["speaker"] == "Amir Khan Motaqi"
    assert explorer.last_error is None


def test_explorer_on_an_empty_claims_table():
    explorer = ClaimExplorer(schema.empty_table("claims"))
    assert explorer.view.empty and explorer.last_error is None
    assert explorer.controls["value_range"].disabled
    assert explorer.filters == {}
    explorer.controls["search"].value = "taliban"
    assert explorer.view.empty and explorer.last_error is None


# --- property: filter_claims agrees with a plain-Python reading of its documentation ---------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_SPEAKERS = ["Fahim Dashti", "Amir Khan Motaqi", "Taliban source", None]
_EVENTS = ["killed", "captured|surrendered", "wounded", None]


@st.composite
def claims_and_filters(draw):
    rows = draw(st.lists(st.fixed_dictionaries({
        "speaker": st.sampled_from(_SPEAKERS),
        "event": st.sampled_from(_EVENTS),
        "value": st.one_of(st.none(), st.integers(0, 2000).map(float)),
        "content": st.sampled_from(["About 600 Taliban", "landmines on the road", "general AMNESTY", None]),
    }), max_size=25))
    speaker = draw(st.one_of(st.none(), st.lists(st.sampled_from(_SPEAKERS), max_size=3)))
    event = draw(st.one_of(st.none(), st.sampled_from(["killed", "captured", "surrendered", "wounded"])))
    lo = draw(st.one_of(st.none(), st.integers(0, 2000)))
    value_range = draw(st.one_of(st.none(), st.just((lo, None)), st.just((None, lo))))
    search = draw(st.one_of(st.none(), st.sampled_from(["taliban", "AMNESTY", "road mines", "dashti", ""])))
    return rows, {"speaker": speaker, "event": event, "value_range": value_range, "search": search}


def _naive(rows, speaker, event, value_range, search):
    out = []
    for i, r in enumerate(rows):
        if speaker is not None and r["speaker"] not in speaker:
            continue
        if event is not None and (r["event"] is None or event not in r["event"].split("|")):
            continue
        if value_range is not None:
            lo, hi = value_range
            if r["value"] is None or (lo is not None and r["value"] < lo) or (hi is not None and r["value"] > hi):
                continue
        if search:
            hay = " ".join(str(r[c] or "") for c in ("speaker", "content")).lower()
            if not all(term in hay for term in search.lower().split()):
                continue
        out.append(i)
    return out


@settings(max_examples=200, deadline=None)
@given(claims_and_filters())
def test_filter_claims_matches_a_naive_reading(case):
    rows, filters = case
    claims = schema.conform("claims", [{**r, "speaker_text": r["speaker"]} for r in rows]) if rows \
        else schema.empty_table("claims")
    out = filter_claims(claims, **filters)
    assert out.index.tolist() == _naive(rows, **filters)
