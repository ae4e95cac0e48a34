"""The 7 February 2017 Kabul Supreme Court bombing: a real contested figure across outlets.

Three articles of the News Articles corpus (Dai 2017) report the bombing on the day:

=====  ===========  ==========================================  ===================================
id     outlet       wounded (claimant)                          killed (claimant)
=====  ===========  ==========================================  ===================================
37     CNN          at least 35 (Saleem Rasooli, head of        (headline "20 dead"; no figure in
                    Kabul hospitals)                            the text for this attack)
328    Al Jazeera   41 (Ismail Kawasi, the public health        at least 20 ("according to
                    ministry spokesman)                         officials")
646    RTÉ          41 (the Ministry of Public Health)          at least 20 ("government officials
                                                                said")
=====  ===========  ==========================================  ===================================

Other claimants without figures: Basir Mojahid, spokesman for Kabul's chief of police
(CNN: the bomber detonated his explosives in a parking lot near the court); Najib Danish,
deputy spokesman for the interior ministry, told the Associated Press (Al Jazeera: the
attacker was on foot). The three articles also recall earlier attacks with their own
tolls (CNN: 10 January, at least 36 killed and dozens wounded; RTÉ: last month, more than
30 killed and about 70 wounded; Al Jazeera's correspondent: June 2013, 17 killed), which
share the date and so the comparison window: the test asserts the pairs of the day's
claimants, not that nothing else is reported.

The wounded count is the contested figure: the hospitals' head gives at least 35 (CNN),
the health ministry 41 (Al Jazeera through its spokesman, RTÉ as the ministry).
"""

import os
from pathlib import Path

import pytest

SHARED = Path(os.environ.get("PANJSHIR_SHARED", Path(__file__).resolve().parents[1].parent / "shared"))
CORPUS = SHARED / "corpora" / "NewsArticles.csv.gz"
KABUL_IDS = ["37", "328", "646"]

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not CORPUS.is_file(), reason=f"the News Articles corpus is not at {CORPUS} "
                                                    "(set PANJSHIR_SHARED to the folder holding corpora/)"),
]


@pytest.fixture(scope="module")
def kabul_articles():
    from panjshir_toolkit.corpora import fetch_news_articles

    news = fetch_news_articles(path=CORPUS, download=False)
    found = news[news["text"].str.contains("Supreme Court", regex=False) & news["text"].str.contains("Kabul")
                 & news["published"].isin(["2017-02-07", "2017-02-08"])]
    return found


def test_the_corpus_holds_the_three_reports(kabul_articles):
    assert kabul_articles["id"].tolist() == KABUL_IDS
    assert kabul_articles["outlet"].tolist() == ["CNN", "Al Jazeera", "RTÉ"]
    text = dict(zip(kabul_articles["id"], kabul_articles["text"]))
    assert "At least 35 people were wounded in the blast, according to Saleem Rasooli, head of Kabul hospitals." in text["37"]
    assert "Ismail Kawasi, the public health ministry spokesman, said 41 people were also wounded" in text["328"]
    assert "The Ministry of Public Health said that 41 others were wounded" in text["646"]


@pytest.fixture(scope="module")
def analysis(kabul_articles):
    pytest.importorskip("panjshir_toolkit.attribution", reason="the attribution stage is not merged yet")
    pytest.importorskip("panjshir_toolkit.figures", reason="the figures stage is not merged yet")
    import panjshir_toolkit

    if not hasattr(panjshir_toolkit, "analyze"):
        pytest.skip("the pipeline (panjshir_toolkit.analyze) is not merged yet")
    from panjshir_toolkit import analyze

    return analyze(kabul_articles)


def _has(series, needle):
    return series.astype("string").str.casefold().str.contains(needle.casefold(), regex=False).fillna(False)


def test_pipeline_reads_the_wounded_claims(analysis):
    from panjshir_toolkit.compare import compare_figures

    table = compare_figures(analysis.claims, event="wounded", counted="people")
    rasooli = table[_has(table["speaker"], "Rasooli")]
    assert rasooli[["outlet", "value", "low"]].values.tolist() == [["CNN", 35.0, 35.0]]
    assert rasooli["high"].isna().all()  # "at least"
    kawasi = table[_has(table["speaker"], "Kawasi")]
    assert kawasi[["outlet", "value", "low", "high"]].values.tolist() == [["Al Jazeera", 41.0, 41.0, 41.0]]
    ministry = table[_has(table["speaker"], "Ministry of Public Health")]
    assert ministry[["outlet", "value"]].values.tolist() == [["RTÉ", 41.0]]


def test_contested_figures_surface_the_wounded_disagreement(analysis):
    from panjshir_toolkit.compare import contested_figures

    pairs = contested_figures(analysis.claims, event="wounded", counted="people")
    day = pairs[_has(pairs["claimant_a"], "Rasooli")]
    against = {(row.claimant_b, row.outlet_b, row.value_b, row.conflict)
               for row in day.itertuples(index=False) if row.outlet_a == "CNN" and row.value_a == 35.0}
    assert any("Kawasi" in c and o == "Al Jazeera" and v == 41.0 and k == "different" for c, o, v, k in against), against
    assert any("Ministry of Public Health" in c and o == "RTÉ" and v == 41.0 for c, o, v, _ in against), against
    # the two accounts of the health ministry agree with each other
    same = pairs[_has(pairs["claimant_a"], "Kawasi") & _has(pairs["claimant_b"], "Ministry of Public Health")]
    assert same.empty


def test_both_officials_give_at_least_twenty_killed(analysis):
    from panjshir_toolkit.compare import compare_figures

    killed = compare_figures(analysis.claims, event="killed", counted="people")
    twenty = killed[(killed["value"] == 20.0) & (killed["low"] == 20.0)]
    assert set(twenty["outlet"]) >= {"Al Jazeera", "RTÉ"}
    assert _has(twenty["speaker"], "officials").all()


# Another real case from the same corpus: the Grasse high-school shooting of 16 March 2017.
# The minister for victims' affairs, Juliette Meadel, gave two wounded (ABC News: "tweeted that
# two people were wounded"; BBC: "the two people injured"); the interior ministry spokesman
# Pierre-Henry Brandet told BFM TV eight (Al Jazeera, RTÉ; CNN: "a French Interior Ministry
# spokesman told BFMTV"). Intervals 2 and 8 do not overlap: a disjoint conflict.
GRASSE_IDS = ["2626", "2636", "2658", "2682", "2697"]


@pytest.fixture(scope="module")
def grasse():
    pytest.importorskip("panjshir_toolkit.attribution", reason="the attribution stage is not merged yet")
    pytest.importorskip("panjshir_toolkit.figures", reason="the figures stage is not merged yet")
    import panjshir_toolkit

    if not hasattr(panjshir_toolkit, "analyze"):
        pytest.skip("the pipeline (panjshir_toolkit.analyze) is not merged yet")
    from panjshir_toolkit import analyze
    from panjshir_toolkit.corpora import fetch_news_articles

    news = fetch_news_articles(path=CORPUS, download=False)
    return analyze(news[news["id"].isin(GRASSE_IDS)])


def test_grasse_shooting_two_against_eight_wounded(grasse):
    from panjshir_toolkit.compare import contested_figures

    pairs = contested_figures(grasse.claims, event="wounded", conflict="disjoint")
    meadel = pairs[_has(pairs["claimant_a"], "Meadel") & (pairs["value_a"] == 2.0)]
    assert {"ABC News", "BBC"} <= set(meadel["outlet_a"].astype(str))
    brandet = meadel[_has(meadel["claimant_b"], "Brandet") & (meadel["value_b"] == 8.0)]
    assert {"Al Jazeera", "RTÉ"} <= set(brandet["outlet_b"].astype(str))
