"""Tests of panjshir_toolkit.figures: numbers as written, hedges, vague quantities, counted/event, quotes."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from panjshir_toolkit import lexicon
from panjshir_toolkit.figures import extract_figures, interval, vague_rules
from panjshir_toolkit.text import Sentence

DATA = Path(__file__).resolve().parent / "data"
ROOT = Path(__file__).resolve().parents[1]
N = None
P = "people"


def one(text: str, **kw) -> list[dict]:
    return extract_figures(text, [Sentence(0, 0, 0, len(text), text)], **kw)


def check(text, want):
    """Compare the extractor's figures with *want* (tuples of surface, value, low, high, qualifier,
    unit, counted, event)."""
    got = one(text)
    assert [r["surface"] for r in got] == [w[0] for w in want], got
    for r, (surface, value, low, high, qualifier, unit, counted, event) in zip(got, want):
        assert text[r["start"]:r["end"]] == r["surface"]
        assert (r["value"], r["low"], r["high"], r["qualifier"]) == (value, low, high, qualifier), r
        assert (r["unit"], r["counted"], r["event"]) == (unit, counted, event), r


# --------------------------------------------------------------------------- 1. numbers as written

@pytest.mark.parametrize("text, want", [
    ("More than 1,000 people were evacuated.", [("More than 1,000", 1000, 1001, N, "more_than", P, "people", ["displaced"])]),
    ("The ministry put the loss at 2.5 billion afghanis.", [("2.5 billion afghanis", 2.5e9, 2.5e9, 2.5e9, "exact", "AFN", N, N)]),
    ("The city has a population of 1.2 million people.", [("1.2 million", 1.2e6, 1.2e6, 1.2e6, "exact", P, "people", N)]),
    ("The war has cost the government 3bn, the minister said.", [("3bn", 3e9, 3e9, 3e9, "exact", N, N, N)]),
    ("He said six hundred Taliban were killed in the fighting.", [("six hundred", 600, 600, 600, "exact", P, "Taliban", ["killed"])]),
    ("Twenty-five people were wounded when the bus overturned.", [("Twenty-five", 25, 25, 25, "exact", P, "people", ["wounded"])]),
    ("The ministry said one hundred and five prisoners were freed.", [("one hundred and five", 105, 105, 105, "exact", P, "prisoners", N)]),
    ("A dozen militants were arrested in overnight raids.", [("A dozen", 12, 12, 12, "exact", P, "militants", ["arrested"])]),
    ("A couple of civilians were hurt by flying glass.", [("A couple", 2, 2, 2, "exact", P, "civilians", ["wounded"])]),
    ("Unemployment in the province reached 40% last year.", [("40%", 40, 40, 40, "exact", "percent", N, N)]),
    ("Turnout was 40 percent in the northern districts.", [("40 percent", 40, 40, 40, "exact", "percent", N, N)]),
    ("Half of the valley's residents have left.", [("Half", 50, 50, 50, "exact", "percent", N, N)]),
    ("Three-quarters of the district is under Taliban control.", [("Three-quarters", 75, 75, 75, "exact", "percent", N, N)]),
    ("Each family received $6 and a bag of flour.", [("$6", 6, 6, 6, "exact", "USD", N, N)]),
    ("The fund received 5 million dollars from donors.", [("5 million dollars", 5e6, 5e6, 5e6, "exact", "USD", N, N)]),
    ("Donors pledged $2.5bn for reconstruction.", [("$2.5bn", 2.5e9, 2.5e9, 2.5e9, "exact", "USD", N, N)]),
    ("The convoy travelled 150 km through the mountains.", [("150 km", 150, 150, 150, "exact", "km", N, N)]),
    ("The valley lies approximately 90 miles north of Kabul.", [("approximately 90 miles", 90, 81, 99, "approximate", "miles", N, N)]),
    ("The pass is a 27-kilometre climb.", [("27-kilometre", 27, 27, 27, "exact", "km", N, N)]),
    ("Night temperatures fell to -18 °C in the pass.", [("-18 °C", -18, -18, -18, "exact", "°C", N, N)]),
])
def test_numbers_as_written(text, want):
    check(text, want)


@pytest.mark.parametrize("text, want", [
    # thousands separated by spaces (SI, French and Russian style), with and without a unit
    ("Officials said 10 000 people had fled to Kabul.", [("10 000", 10000, 10000, 10000, "exact", P, "people", ["displaced"])]),
    ("The agency has set aside 1 250 000 euros for shelters.", [("1 250 000 euros", 1.25e6, 1.25e6, 1.25e6, "exact", "EUR", N, N)]),
    ("Aid reached 12\u202f500 families in Bamiyan.", [("12\u202f500", 12500, 12500, 12500, "exact", N, "families", N)]),
    # scientific notation, in the forms reports reprint
    ("The contamination was measured at 2.48×10−5 per litre.", [("2.48×10−5", 2.48e-05, 2.48e-05, 2.48e-05, "exact", N, N, N)]),
    ("Samples held up to 1.5 x 10^6 copies of the virus.", [("up to 1.5 x 10^6", 1.5e6, N, 1.5e6, "at_most", N, "copies", N)]),
    ("The sensor logged 4e3 readings an hour.", [("4e3", 4000, 4000, 4000, "exact", N, "readings", N)]),
    # accounting negatives after a copula; a currency conversion in parentheses stays positive
    ("The company's net income was ($1.2 million) in the quarter.", [("($1.2 million)", -1.2e6, -1.2e6, -1.2e6, "exact", "USD", N, N)]),
    ("A bag of flour costs 2,000 afghanis ($25) in Bazarak.", [
        ("2,000 afghanis", 2000, 2000, 2000, "exact", "AFN", N, N), ("$25", 25, 25, 25, "exact", "USD", N, N)]),
])
def test_spaced_thousands_scientific_and_accounting(text, want):
    check(text, want)


@pytest.mark.parametrize("text", [
    "The hall measures 3x100 m and seats a thousand guests, he said, calling 700 123 456.",
])
def test_dimensions_and_phones_are_not_scientific_or_spaced(text):
    assert [r["surface"] for r in one(text)] == ["a thousand"]


@pytest.mark.parametrize("text", [
    "The attack took place on September 4, 2021, at 10:30 in the morning.",
    "The offensive began on 4 September and ended on the 21st of March.",
    "In 2001 the Northern Alliance held only the Panjshir valley.",
    "The meeting ended at 2 pm, or 2.15 p.m. by some accounts.",
    "The 25-year-old was arrested at his home in Kabul.",
    "A man aged 40 was questioned by police.",
    "For more information call 020 7946 0000 or +93 20 210 1234.",
    "One of the commanders said the front line was holding.",
    "No one was hurt in the explosion.",
    "It was the twenty-first attack on the district this year.",
    "Officials cited the 9/11 attacks and COVID-19 restrictions.",
    "The report (18.03.2017) was published in the 1990s.",
    "Russia beat Belgium 4-3 in the final.",
    "1. The first point of the agreement\n2. The second point",
    "He told BBC Radio 5 that Resolution 2254 was dead.",
    "In 2005, when Wang was detained, the case was reopened.",
    "Karimi, 40, had been missing since January.",
    "Children under the age of 18 were among those killed.",
])
def test_not_figures(text):
    assert one(text) == []


# --------------------------------------------------------------------------- 2. hedges and bounds

@pytest.mark.parametrize("text, want", [
    ("About 600 Taliban were killed.", ("About 600", 600, 540, 660, "approximate")),
    ("Approximately 90 fighters surrendered.", ("Approximately 90", 90, 81, 99, "approximate")),
    ("Around 70 militants were arrested.", ("Around 70", 70, 63, 77, "approximate")),
    ("Roughly 250 civilians died.", ("Roughly 250", 250, 225, 275, "approximate")),
    ("Some 80 families fled.", ("Some 80", 80, 72, 88, "approximate")),
    ("An estimated 10,000 people fled.", ("An estimated 10,000", 10000, 9000, 11000, "approximate")),
    ("Nearly 300 people were wounded.", ("Nearly 300", 300, 270, 300, "approximate")),
    ("Almost 50 soldiers were captured.", ("Almost 50", 50, 45, 50, "approximate")),
    ("Close to 2,000 fighters were taken prisoner.", ("Close to 2,000", 2000, 1800, 2000, "approximate")),
    ("At least 20 people were killed.", ("At least 20", 20, 20, N, "at_least")),
    ("More than 1,000 Taliban surrendered.", ("More than 1,000", 1000, 1001, N, "more_than")),
    ("Over 400 fighters were eliminated.", ("Over 400", 400, 401, N, "more_than")),
    ("Upwards of 5,000 people were displaced.", ("Upwards of 5,000", 5000, 5001, N, "more_than")),
    ("Up to 50 people died.", ("Up to 50", 50, N, 50, "at_most")),
    ("As many as 200 insurgents were killed.", ("As many as 200", 200, N, 200, "at_most")),
    ("Fewer than 10 soldiers were wounded.", ("Fewer than 10", 10, N, 9, "less_than")),
    ("Less than 10 people were hurt.", ("Less than 10", 10, N, 9, "less_than")),
    ("Under 30 civilians were evacuated.", ("Under 30", 30, N, 29, "less_than")),
    ("Between 20 and 30 soldiers are missing.", ("Between 20 and 30", 25, 20, 30, "range")),
    ("Witnesses said 20 to 30 gunmen were killed.", ("20 to 30", 25, 20, 30, "range")),
    ("Officials said 20-30 gunmen were killed.", ("20-30", 25, 20, 30, "range")),
    ("From 20 to 30 villagers were abducted.", ("20 to 30", 25, 20, 30, "range")),
    ("Two or three rockets hit the airport.", ("Two or three", 2.5, 2, 3, "range")),
    ("Between 2 and 3 million people need aid.", ("Between 2 and 3 million", 2.5e6, 2e6, 3e6, "range")),
    ("Twenty or so fighters were captured.", ("Twenty or so", 20, 18, 22, "approximate")),
    ("The 20-odd fighters were captured.", ("20-odd", 20, 18, 22, "approximate")),
    ("Officials said 50 or more people died.", ("50 or more", 50, 50, N, "at_least")),
    ("More than a dozen commanders surrendered.", ("More than a dozen", 12, 13, N, "more_than")),
])
def test_hedges_and_bounds(text, want):
    r = one(text)[0]
    assert (r["surface"], r["value"], r["low"], r["high"], r["qualifier"]) == want


@pytest.mark.parametrize("text, want", [
    ("Prices rose by more than 30 percent.", ("more than 30 percent", 30, 30, N, "more_than", "percent")),
    ("The province received less than $2 million.", ("less than $2 million", 2e6, N, 2e6, "less_than", "USD")),
    ("The front is over 40 km long.", ("over 40 km", 40, 40, N, "more_than", "km")),
    ("Some 40 square kilometres were flooded.", ("Some 40 square kilometres", 40, 36, 44, "approximate", "km2")),
])
def test_measures_use_the_value_as_strict_bound(text, want):
    r = one(text)[0]
    assert (r["surface"], r["value"], r["low"], r["high"], r["qualifier"], r["unit"]) == want


@pytest.mark.parametrize("text, want", [
    # the hedge applies to the ends of the range: low from the lower end, high from the upper end
    ("Some 20-30 Taliban were killed in the ambush.", [("Some 20-30", 25, 18, 33, "approximate", P, "Taliban", ["killed"])]),
    ("Up to 20 to 30 fighters were captured near Rokha.", [("Up to 20 to 30", 25, N, 30, "at_most", P, "fighters", ["captured"])]),
    ("At least 200-300 civilians fled the district.", [("At least 200-300", 250, 200, N, "at_least", P, "civilians", ["displaced"])]),
    ("The checkpoint lies about 5-7 km from the bridge.", [("about 5-7 km", 6, 4.5, 7.7, "approximate", "km", N, N)]),
])
def test_hedged_ranges_keep_their_hedge(text, want):
    check(text, want)


@pytest.mark.parametrize("text, want", [
    # a value with its margin: low/high are value -/+ margin, value the figure itself
    ("Support for the deal stood at 45% ± 3 in the poll.", [("45% ± 3", 45, 42, 48, "range", "percent", N, N)]),
    ("Support was 52 percent plus or minus 3 percent.", [("52 percent plus or minus 3 percent", 52, 49, 55, "range", "percent", N, N)]),
    ("The crater measured 12.5 +/- 0.5 km across.", [("12.5 +/- 0.5 km", 12.5, 12, 13, "range", "km", N, N)]),
])
def test_value_with_a_margin(text, want):
    check(text, want)


def test_hedged_range_acled_reading():
    r = one("Some 20-30 Taliban were killed in the ambush.", reading="acled")[0]
    assert (r["surface"], r["value"], r["low"], r["high"], r["qualifier"]) == ("Some 20-30", 18, 18, 18, "approximate")


@pytest.mark.parametrize("text, want", [
    # a measure per unit keeps the denominator in its unit
    ("Flour now sells at $2 per kg in Bazarak.", [("$2 per kg", 2, 2, 2, "exact", "USD/kg", N, N)]),
    ("Many families live on less than $2 a day.", [("less than $2 a day", 2, N, 2, "less_than", "USD/day", N, N)]),
    ("Brent crude traded at $85 per barrel on Monday.", [("$85 per barrel", 85, 85, 85, "exact", "USD/barrel", N, N)]),
    ("The convoy moved at 40 km/h through the gorge.", [("40 km/h", 40, 40, 40, "exact", "km/hour", N, N)]),
    # "$20 to $30", also per unit: one range
    ("Fuel prices ranged from $350 to $680 per tonne.", [("$350 to $680 per tonne", 515, 350, 680, "range", "USD/tonne", N, N)]),
    ("Smugglers charge between $300 and $500 per person.", [
        ("between $300 and $500 per person", 400, 300, 500, "range", "USD/person", N, N)]),
    # a verb of change with a hedged first figure is still two figures
    ("The price rose from about $350 per tonne to $680 per tonne.", [
        ("about $350 per tonne", 350, 315, 385, "approximate", "USD/tonne", N, N),
        ("$680 per tonne", 680, 680, 680, "exact", "USD/tonne", N, N)]),
    # two different units are two measures, not a range
    ("The dose was changed from 44 ml to 50 mg of the drug.", [
        ("44 ml", 44, 44, 44, "exact", "ml", N, N), ("50 mg", 50, 50, 50, "exact", "mg", N, N)]),
    ("The villages lie from 5 km to 10 miles apart.", [
        ("5 km", 5, 5, 5, "exact", "km", N, N), ("10 miles", 10, 10, 10, "exact", "miles", N, N)]),
    # "from" a higher to a lower figure is a change; a second figure with its own scale is whole
    ("Gazprom cut the price from $132 to $73 per tonne.", [
        ("$132", 132, 132, 132, "exact", "USD", N, N), ("$73 per tonne", 73, 73, 73, "exact", "USD/tonne", N, N)]),
    ("Night temperatures ranged from -18 °C to -34 °C.", [("-18 °C to -34 °C", -26, -34, -18, "range", "°C", N, N)]),
    ("Repairs will cost $600,000 to $5 million.", [("$600,000 to $5 million", 2.8e6, 6e5, 5e6, "range", "USD", N, N)]),
    # a year before a modified plural noun is a year, not a count
    ("Turnout in the 2016 presidential elections was 40 percent.", [("40 percent", 40, 40, 40, "exact", "percent", N, N)]),
])
def test_per_unit_measures_and_unit_ranges(text, want):
    check(text, want)


def test_change_is_two_figures_not_a_range():
    got = one("The death toll rose from 20 to 41 overnight.")
    assert [(r["surface"], r["qualifier"], r["event"]) for r in got] == [
        ("20", "exact", ["killed"]), ("41", "exact", ["killed"])]


def test_interval_semantics_live_in_one_place():
    assert interval(600, "approximate", "people") == {"value": 600.0, "low": 540.0, "high": 660.0, "qualifier": "approximate"}
    assert interval(90, "approximate", "miles") == {"value": 90.0, "low": 81.0, "high": 99.0, "qualifier": "approximate"}
    assert interval(300, "approximate_below", "people") == {
        "value": 300.0, "low": 270.0, "high": 300.0, "qualifier": "approximate"}
    assert interval(1000, "more_than", "people")["low"] == 1001.0
    assert interval(1000, "more_than", "km")["low"] == 1000.0
    assert interval(10, "less_than", None)["high"] == 9.0
    assert interval(10, "less_than", "percent")["high"] == 10.0
    assert interval(25, "range", "people", low=20, high=30) == {"value": 25.0, "low": 20.0, "high": 30.0, "qualifier": "range"}
    # counts get whole-number bounds that never cross the value
    assert interval(605, "approximate", "people")["low"] == 545.0
    assert interval(2.5, "approximate", None) == {"value": 2.5, "low": 2.25, "high": 2.75, "qualifier": "approximate"}
    with pytest.raises(ValueError, match="Unknown qualifier 'roughly'"):
        interval(5, "roughly")
    with pytest.raises(ValueError, match="Unknown reading"):
        interval(5, "exact", reading="gdelt")


def test_every_hedge_rule_is_defined_in_qualifiers():
    rules = {r["rule"] for r in lexicon.load("qualifiers")}
    for row in lexicon.load("hedges"):
        if row["position"] in ("before", "after"):
            assert row["rule"] in rules, row


# --------------------------------------------------------------------------- 3. vague quantities

@pytest.mark.parametrize("text, want", [
    ("Dozens of civilians were killed in air strikes.", ("Dozens", 36, 24, 99, 12)),
    ("Scores of protesters were injured.", ("Scores", 60, 40, 99, 20)),
    ("Hundreds of families have fled.", ("Hundreds", 300, 200, 999, 100)),
    ("Thousands of residents are missing.", ("Thousands", 3000, 2000, 9999, 1000)),
    ("Tens of thousands of people were displaced.", ("Tens of thousands", 30000, 20000, 99999, 10000)),
    ("Hundreds of thousands of people have fled.", ("Hundreds of thousands", 300000, 200000, 999999, 100000)),
    ("Several policemen were wounded.", ("Several", 5, 3, 9, 3)),
    ("A few journalists were arrested.", ("A few", 3, 2, 5, 2)),
    ("A handful of fighters surrendered.", ("A handful", 4, 2, 6, 2)),
    ("Several hundred fighters have joined the resistance.", ("Several hundred", 500, 300, 900, 300)),
])
def test_vague_quantities_both_readings(text, want):
    surface, best, low, high, acled = want
    r = one(text)[0]
    assert (r["surface"], r["value"], r["low"], r["high"], r["qualifier"]) == (surface, best, low, high, "vague")
    a = one(text, reading="acled")[0]
    assert (a["value"], a["low"], a["high"]) == (acled, acled, acled)


def test_vague_words_that_are_not_quantities():
    assert one("Scores were settled in the valley.") == []
    assert one("Several said they would stay.") == []


def test_vague_rules_table():
    table = vague_rules()
    assert list(table.columns) == ["phrase", "low", "best", "high", "acled", "needs_of", "scalable"]
    row = table.set_index("phrase").loc["hundreds"]
    assert (row["low"], row["best"], row["high"], row["acled"]) == (200, 300, 999, 100)
    assert (table["low"] <= table["best"]).all() and (table["best"] <= table["high"]).all()


def test_acled_reading_of_hedged_numbers():
    got = {r["surface"]: (r["value"], r["low"], r["high"]) for r in one(
        "About 600 were killed, more than 1,000 were captured, up to 50 were wounded "
        "and fewer than 10 are missing.", reading="acled")}
    assert got == {"About 600": (540, 540, 540), "more than 1,000": (1001, 1001, 1001),
                   "up to 50": (50, 50, 50), "fewer than 10": (9, 9, 9)}
    with pytest.raises(ValueError, match="Unknown reading 'best'"):
        one("About 600", reading="best")


# --------------------------------------------------------------------------- 4. counted and event

@pytest.mark.parametrize("text, want", [
    ("About 600 Taliban have been killed in Panjshir.", ("About 600", P, "Taliban", ["killed"])),
    ("A suicide bomber struck, killing at least 20 worshippers.", ("at least 20", P, "worshippers", ["killed"])),
    ("The death toll rose to 41 on Sunday.", ("41", P, N, ["killed"])),
    ("The death toll from the blast rose to 41.", ("41", P, N, ["killed"])),
    ("Another 41 others were wounded in the attack.", ("41", P, "others", ["wounded"])),
    ("Officials said 1,000 captured or surrendered.", ("1,000", P, N, ["captured", "surrendered"])),
    ("Over 400 Taliban fighters were eliminated.", ("Over 400", P, "Taliban fighters", ["killed"])),
    ("Roughly 250 civilians have lost their lives.", ("Roughly 250", P, "civilians", ["killed"])),
    ("The clashes left 7 dead.", ("7", P, N, ["killed"])),
    ("Authorities arrested 14 people after the protest.", ("14", P, "people", ["arrested"])),
    ("The number of detained protesters stood at 120.", ("120", P, N, ["arrested"])),
    ("About 3,000 Afghans crossed into Pakistan.", ("About 3,000", P, "Afghans", N)),
    ("Almost 50 schools have been closed.", ("Almost 50", N, "schools", N)),
    ("Up to 50 people may have died in the landslide.", ("Up to 50", P, "people", ["killed"])),
    ("Thousands of residents remain missing.", ("Thousands", P, "residents", ["missing"])),
])
def test_counted_and_event(text, want):
    r = one(text)[0]
    assert (r["surface"], r["unit"], r["counted"], r["event"]) == want


@pytest.mark.parametrize("text, want", [
    # "executed", "eliminated", "liquidated" are killings only of people (events.csv condition)
    ("Police said five search warrants were executed on Tuesday.", ("five", N, "search warrants", N)),
    ("Officers executed 14 search warrants across Kabul.", ("14", N, "search warrants", N)),
    ("The Taliban executed 12 prisoners in the square.", ("12", P, "prisoners", ["killed"])),
    ("Witnesses said 12 prisoners were executed at dawn.", ("12", P, "prisoners", ["killed"])),
    ("Engineers eliminated 3 checkpoints on the highway.", ("3", N, "checkpoints", N)),
    # what was counted is never a verb, an adjective or an adverb ending in -s
    ("Fighters from 12 indigenous communities joined the front.", ("12", N, N, N)),
    ("Only 3 remains unclear, the commission said.", ("3", N, N, N)),
    ("A ticket to Kabul costs 2,000 afghanis, and that one costs more.", ("2,000 afghanis", "AFN", N, N)),
    # a plural noun with lowercase modifiers before it
    ("Militants destroyed 3 armoured vehicles near Rokha.", ("3", N, "armoured vehicles", N)),
])
def test_event_conditions_and_counted_words(text, want):
    r = one(text)[0]
    assert (r["surface"], r["unit"], r["counted"], r["event"]) == want


@pytest.mark.parametrize("text, want", [
    # a prepositional phrase between what was counted and its verb: ages, units, places
    ("UNICEF said 31 minors under the age of 18 have been killed since June.", ("31", P, "minors", ["killed"])),
    ("Officials said 12 soldiers from the 3rd battalion were killed near Rokha.", ("12", P, "soldiers", ["killed"])),
    ("Five members of a family in Kunduz province were killed on Friday.", ("Five", P, "members", ["killed"])),
    ("Police said 40 people aged 15 to 20 were arrested after the protest.", ("40", P, "people", ["arrested"])),
    # a relative clause or a new verb in between: the event is not guessed
    ("Some 20 rockets hit the houses where civilians were killed.", ("Some 20", N, "rockets", N)),
    ("He said 12 soldiers in Kabul who were on leave were killed.", ("12", P, "soldiers", N)),
])
def test_events_after_a_nested_phrase(text, want):
    r = one(text)[0]
    assert (r["surface"], r["unit"], r["counted"], r["event"]) == want
    assert len(one(text)) == 1                           # ages and ordinals in the phrase are not figures


@pytest.mark.parametrize("text, want", [
    ("Fighting killed 15 Taliban and wounded 23.", [("15", ["killed"]), ("23", ["wounded"])]),
    ("The army said 35 insurgents were killed and 12 were captured.", [("35", ["killed"]), ("12", ["captured"])]),
    ("Officials said 12 soldiers, including two officers, were killed.", [("12", ["killed"]), ("two", ["killed"])]),
    ("Four soldiers and two civilians were killed.", [("Four", ["killed"]), ("two", ["killed"])]),
    ("At least three civilians were killed and dozens were injured.", [("At least three", ["killed"]), ("dozens", ["wounded"])]),
])
def test_events_of_several_figures(text, want):
    assert [(r["surface"], r["event"]) for r in one(text)] == want


@pytest.mark.parametrize("text, want", [
    ("A civilian was killed when a mortar hit his house.", ("A civilian", "civilian", ["killed"])),
    ("Police detained a suspected insurgent near the border.", ("a suspected insurgent", "suspected insurgent", ["arrested"])),
    ("Militants kidnapped a journalist on the road to Bazarak.", ("a journalist", "journalist", ["captured"])),
    ("A police officer was shot dead at the checkpoint.", ("A police officer", "police officer", ["killed"])),
])
def test_singular_casualty_is_an_implicit_count_of_one(text, want):
    (r,) = one(text)
    assert (r["surface"], r["counted"], r["event"]) == want
    assert (r["value"], r["low"], r["high"], r["qualifier"], r["unit"], r["implicit"]) == (1, 1, 1, "exact", P, True)


def test_one_with_a_noun_is_explicit():
    (r,) = one("One soldier was killed.")
    assert (r["surface"], r["value"], r["implicit"], r["event"]) == ("One", 1, False, ["killed"])


def test_an_event_word_before_the_next_figure_is_its_own():
    got = one("Pirates attacked more than 300 vessels and kidnapped 700 people.")
    assert [(r["surface"], r["counted"], r["event"]) for r in got] == [
        ("more than 300", "vessels", None), ("700", "people", ["captured"])]
    got = one("Some 600 were killed 20 km from Kabul.")
    assert [(r["surface"], r["event"]) for r in got] == [("Some 600", ["killed"]), ("20 km", None)]


def test_a_number_after_a_day_name_is_a_figure():
    (r,) = one("Officials said that on Saturday 20 were killed.")
    assert (r["surface"], r["event"]) == ("20", ["killed"])


def test_measures_have_no_event():
    (r,) = one("The convoy was attacked 20 km from the city and 3 people were killed.")[:1]
    assert (r["unit"], r["counted"], r["event"]) == ("km", None, None)


# --------------------------------------------------------------------------- 5. linked to the claim

def test_quote_id_is_the_narrowest_covering_quote():
    text = 'The governor said that "the rebels lost 40 men, and about 600 fled," according to a report.'
    outer = {"quote_id": "a:q1", "content_start": 22, "content_end": 68, "sentence_ids": [0]}
    inner_start = text.index("about 600")
    inner = {"quote_id": "a:q2", "content_start": inner_start, "content_end": inner_start + 14, "sentence_ids": [0]}
    got = one(text, quotes=[outer, inner])
    assert [(r["surface"], r["quote_id"]) for r in got] == [("40", "a:q1"), ("about 600", "a:q2")]
    assert [r["quote_id"] for r in one(text)] == [None, None]


def _seed():
    from panjshir_toolkit.errors import ResourceMissingError
    from panjshir_toolkit.text import split_sentences

    raw = (ROOT / "data" / "panjshir_2021-09-04.txt").read_text(encoding="utf-8")
    text = raw.split("---\n", 2)[2] if raw.startswith("---") else raw
    gold = json.loads((DATA / "panjshir_gold.json").read_text(encoding="utf-8"))
    try:
        sents = split_sentences(text)
    except ResourceMissingError:
        pytest.skip("NLTK punkt_tab is not installed (set NLTK_DATA)")
    return text, sents, gold


def test_seed_article_gold():
    text, sents, gold = _seed()
    quotes = []
    for i, q in enumerate(gold["quotes"]):
        sid = int(str(q["sentence_ids"]).split("|")[0])
        start = text.find(q["content"], sents[sid].start)
        assert start >= 0
        quotes.append({"quote_id": i, "content_start": start, "content_end": start + len(q["content"]),
                       "sentence_ids": [sid]})
    got = extract_figures(text, sents, quotes)
    assert len(got) == len(gold["figures"]) == 4
    for r, g in zip(got, gold["figures"]):
        assert text[r["start"]:r["end"]] == r["surface"] == g["surface"]
        event = "|".join(r["event"]) if r["event"] else None
        assert (r["value"], r["low"], r["high"], r["qualifier"], r["unit"], r["counted"], event,
                r["sentence_id"], r["quote_id"], r["implicit"]) == (
            g["value"], g["low"], g["high"], g["qualifier"], g["unit"], g["counted"], g["event"],
            g["sentence_id"], g["quote"], g["implicit"])


@pytest.mark.parametrize("name", ["figure_cases.json", "figure_cases_heldout.json"])
def test_annotated_cases(name):
    cases = json.loads((DATA / name).read_text(encoding="utf-8"))
    assert len(cases) >= (60 if name == "figure_cases.json" else 20)
    for case in cases:
        got = one(case["text"])
        assert [r["surface"] for r in got] == [g["surface"] for g in case["figures"]], case["text"]
        for r, g in zip(got, case["figures"]):
            assert {k: r[k] for k in g} == g, case["text"]


def test_records_have_the_interface_keys_and_text_order():
    got = one("Some 20 soldiers and 30 civilians were killed 5 km away.")
    assert [list(r) for r in got][0] == ["surface", "start", "end", "value", "low", "high", "qualifier", "unit",
                                         "counted", "event", "sentence_id", "quote_id", "implicit"]
    assert [r["start"] for r in got] == sorted(r["start"] for r in got)
    assert one("") == [] and extract_figures("No numbers here.", []) == []


# --------------------------------------------------------------------------- properties

_news_words = st.sampled_from(
    "about more than 1,000 600 Taliban killed were captured or surrendered between and to - 20 30 "
    "dozens of hundreds a civilian was killed 90 miles $6 million 40% percent up to fewer one of the "
    "2021 September 4 at least nearly , . ; ( ) \" one hundred and five twenty-five half of "
    "several thousand 3bn 1/4 ½ -18 °C".split(" "))


@settings(max_examples=300, deadline=None)
@given(st.lists(_news_words, max_size=25).map(" ".join))
def test_property_newsy_text(text):
    _check_invariants(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=120))
def test_property_arbitrary_text(text):
    _check_invariants(text)


def _check_invariants(text):
    sents = [Sentence(0, 0, 0, len(text), text)] if text else []
    for reading in ("ucdp", "acled"):
        for r in extract_figures(text, sents, reading=reading):
            assert text[r["start"]:r["end"]] == r["surface"]
            v, lo, hi = r["value"], r["low"], r["high"]
            assert v is not None and not math.isnan(v)
            if lo is not None and hi is not None:
                assert lo <= v <= hi, r


def _narrowest_by_scan(start, end, quotes):
    """The definition of a figure's quote: the narrowest enclosing content, the first of equals."""
    best, width = None, None
    for q in quotes:
        qs, qe = q["content_start"], q["content_end"]
        if qs <= start and end <= qe and (width is None or qe - qs < width):
            best, width = q["quote_id"], qe - qs
    return best


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 30)), max_size=12),
       st.lists(st.tuples(st.integers(0, 80), st.integers(1, 6)), max_size=15))
def test_quote_ids_sweep_matches_a_scan_of_every_quote(contents, spans):
    from panjshir_toolkit.figures import _quote_ids

    quotes = [{"quote_id": f"a:q{k}", "content_start": s, "content_end": s + w} for k, (s, w) in enumerate(contents)]
    quotes.append({"quote_id": "a:qx", "content_start": None, "content_end": 10})  # a missing bound is ignored
    spans = [(s, s + w) for s, w in spans]
    assert _quote_ids(spans, quotes) == [_narrowest_by_scan(s, e, quotes[:-1]) for s, e in spans]
