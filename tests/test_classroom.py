"""The classroom exercises: answer keys read from the seed's tables, pure checking, the widget."""

from __future__ import annotations

import pytest

import panjshir_toolkit as pt
from panjshir_toolkit import schema
from panjshir_toolkit.classroom import (
    BOTH_SIDES, NO_RELAY, NO_SIDE, OUTLET_OWN, PROMPT, Exercise, claimant_exercise, exercise_widget,
    hedge_exercise, naming_exercise, normalize_answer, relay_exercise, seed_exercises, sides_exercise,
)

SEED = "panjshir_2021-09-04"


@pytest.fixture(scope="module")
def seed():
    return pt.analyze(pt.panjshir_path())


@pytest.fixture(scope="module")
def exercises(seed):
    names = ["claimant", "claimant-typed", "claimant-own", "relay", "hedge", "sides", "naming"]
    return dict(zip(names, seed_exercises(seed), strict=True))


def test_the_seed_exercises_and_their_answers(seed):
    got = [(ex.key, ex.answer, ex.typed) for ex in seed_exercises(seed)]
    assert got == [
        (f"claimant-{SEED}:f3", "Fahim Dashti", False),
        (f"claimant-{SEED}:f2", "Fahim Dashti", True),
        (f"claimant-{SEED}:f4", OUTLET_OWN, False),
        (f"relay-{SEED}:q4", "Al Jazeera", False),
        (f"hedge-{SEED}:f3", "more than: more than/over/upwards of: strictly above", False),
        ("sides-killed-Taliban", "National Resistance Front", False),
        ("naming-ahmad-shah-masoud", "Ahmad Massoud", False),
    ]


def test_claimant_dropdown(exercises):
    ex = exercises["claimant"]
    assert ex.question == "Who gives the figure \u201cMore than 1,000\u201d Taliban (captured or surrendered)? Choose the claimant."
    assert ex.options == ("National Resistance Front", "Fahim Dashti", "Taliban source", "Ahmad Massoud",
                          "Amir Khan Muttaqi", OUTLET_OWN)
    assert ex.evidence == "More than 1,000 Taliban have been captured or surrendered themselves.\""
    assert ex.check("Fahim Dashti") == (True, "Right. The number is part of what the resistance forces' "
                                              "spokesperson Fahim Dashti said (on twitter); that is Fahim Dashti "
                                              "(National Resistance Front).")
    ok, feedback = ex.check(OUTLET_OWN)
    assert not ok and feedback == "Not quite. A source is named for this figure: find the reporting verb."
    ok, feedback = ex.check("Taliban source")
    assert not ok and feedback.startswith("Not quite. Look for the reporting verb")


def test_claimant_typed_accepts_the_aliases_of_the_actors_table(exercises):
    ex = exercises["claimant-typed"]
    assert ex.options == () and ex.accept == ("Fahim Dashti", "Dashti")
    assert ex.check("  fahim   DASHTI. ")[0] and ex.check("Dashti")[0]
    assert ex.check("Ahmad Massoud")[0] is False
    assert ex.check("") == (False, "Type an answer first.")


def test_outlets_own_figure(exercises, seed):
    ex = exercises["claimant-own"]
    assert ex.question.startswith("Who gives the figure \u201capproximately 90 miles\u201d?")
    assert ex.evidence == "The valley lies in the Hindu Kush mountains, approximately 90 miles north of Kabul."
    assert ex.check(OUTLET_OWN) == (True, "Right. No source is named for this figure: it is the outlet's own "
                                          "statement, so the reader cannot check where it comes from.")
    with pytest.raises(ValueError, match="no claimant to type"):
        claimant_exercise(seed, f"{SEED}:f4", typed=True)


def test_relay_of_the_taliban_source(exercises):
    ex = exercises["relay"]
    assert ex.options == ("Al Jazeera", "Khaama Press", "local media", "ANI", NO_RELAY)
    assert ex.evidence.endswith("reported Al Jazeera.")
    assert ex.check("Al Jazeera") == (True, "Right. The article did not hear a Taliban source itself: the statement "
                                            "came through Al Jazeera. The chain is Taliban source \u2192 Al Jazeera "
                                            "\u2192 ANI.")
    assert ex.check("ANI") == (False, "Not quite. ANI is credited for the whole article, not for this statement: "
                                      "look for 'reported ...' or '... said' naming a medium.")


def test_relay_of_muttaqi_is_khaama_press_and_a_direct_statement_has_none(seed):
    assert relay_exercise(seed, f"{SEED}:q15").answer == "Khaama Press"
    direct = relay_exercise(seed, f"{SEED}:q2")
    assert direct.answer == NO_RELAY and direct.check(NO_RELAY)[0]


def test_hedge(exercises, seed):
    ex = exercises["hedge"]
    assert ex.options[:3] == ("exact: the number as stated", "approximate: about/around/roughly: 10% either side",
                              "more than: more than/over/upwards of: strictly above")
    assert "vague: dozens, hundreds of..." in ex.options  # the table's technical aside is dropped
    assert ex.check(ex.answer) == (True, "Right. \u201cMore than 1,000\u201d is more than: the wording allows a "
                                         "number from 1,001, with no upper bound.")
    about = hedge_exercise(seed, f"{SEED}:f1")
    assert about.answer.startswith("approximate:")
    assert about.explanation.endswith("a number from 540 to 660.")


def test_sides_only_the_resistance_gives_a_toll(exercises, seed):
    ex = exercises["sides"]
    assert ex.options == ("National Resistance Front", "Taliban", BOTH_SIDES, NO_SIDE)
    ok, feedback = ex.check("National Resistance Front")
    assert ok and feedback == ("Right. Figures for Taliban killed: Fahim Dashti: About 600; National Resistance "
                               "Front: About 600. Nobody on the side of Taliban gives such a figure in this "
                               "article, so the number is one side's claim and cannot be checked against the other's.")
    assert ex.check(BOTH_SIDES) == (False, "Not quite. Check the other side's statements: do they contain any number?")
    assert sides_exercise(seed, "wounded", "people").answer == NO_SIDE


def test_sides_with_both_sides_giving_figures():
    claims = schema.conform("claims", [
        {"article_id": "a", "quote_id": "a:q1", "speaker": "Fahim Dashti", "affiliation": "National Resistance Front",
         "value": 600.0, "surface": "About 600", "event": "killed", "counted": "Taliban", "unit": "people", "sentence_id": 0},
        {"article_id": "a", "quote_id": "a:q2", "speaker": "Zabihullah Mujahid", "affiliation": "Taliban",
         "value": 0.0, "surface": "no", "event": "killed", "counted": "Taliban fighters", "unit": "people", "sentence_id": 1},
    ])
    quotes = schema.conform("quotes", claims[["quote_id", "article_id", "speaker", "affiliation"]])
    sentences = schema.conform("sentences", [{"article_id": "a", "sentence_id": 0, "text": "Dashti said about 600 died."},
                                             {"article_id": "a", "sentence_id": 1, "text": "Mujahid said no fighter died."}])
    ex = sides_exercise({"claims": claims, "quotes": quotes, "sentences": sentences}, "killed", "Taliban")
    assert ex.answer == BOTH_SIDES
    assert ex.evidence == "Dashti said about 600 died. Mujahid said no fighter died."


def test_naming_error(exercises):
    ex = exercises["naming"]
    assert ex.options == ("Ahmad Massoud", "Ahmad Shah Massoud", "Amir Khan Muttaqi", "Fahim Dashti")
    assert ex.question == "The article says \u201cAhmad Shah Masoud\u201d vowed this. Who is really speaking?"
    ok, feedback = ex.check("Ahmad Massoud")
    assert ok and "Ahmad Shah Massoud is a different man: the late guerrilla commander (killed 2001), father of " \
                  "Ahmad Massoud" in feedback
    assert ex.check("Ahmad Shah Massoud") == (
        False, "Not quite. Ahmad Shah Massoud is the late guerrilla commander (killed 2001), father of Ahmad Massoud.")


def test_unknown_rows_say_what_exists(seed):
    with pytest.raises(KeyError, match=r"no figure with figure_id 'nope' \(there are: panjshir_2021-09-04:f1"):
        claimant_exercise(seed, "nope")
    with pytest.raises(KeyError, match="needs the 'quotes' table|need the 'quotes' table"):
        relay_exercise({}, "x")


def test_exercise_validates_its_answer():
    with pytest.raises(ValueError, match="not among the options"):
        Exercise(key="k", question="q?", answer="c", options=("a", "b"))
    with pytest.raises(ValueError, match="empty answer"):
        Exercise(key="k", question="q?", answer="  ")
    ex = Exercise(key="k", question="q?", answer="a", options=("a", "b"))
    assert ex.check(PROMPT) == (False, "Choose an answer first.")
    assert normalize_answer("\u201cAl  Jazeera\u201d") == "al jazeera"


def test_widget_checks_and_clears(exercises):
    box = exercise_widget(exercises["relay"], number=4)
    assert "pt-exercise" in box._dom_classes
    assert box.answer.options[0] == PROMPT and box.answer.value == PROMPT
    box.check_button.click()
    assert "pt-wrong" in box.feedback.value and "Choose an answer first." in box.feedback.value
    box.answer.value = "Al Jazeera"
    box.check_button.click()
    assert "pt-correct" in box.feedback.value and "came through Al Jazeera" in box.feedback.value
    box.answer.value = "ANI"  # a new answer clears the old feedback
    assert box.feedback.value == ""


def test_widget_escapes_text():
    ex = Exercise(key="k", question="Who said <script>alert(1)</script>?", answer="<b>x</b>",
                  evidence="<img src=x onerror=alert(1)>")
    box = exercise_widget(ex)
    assert box.answer.__class__.__name__ == "Text"
    html_text = " ".join(child.value for child in box.children if hasattr(child, "value") and isinstance(child.value, str))
    assert "<script>" not in html_text and "&lt;script&gt;" in html_text and "&lt;img" in html_text
    box.answer.value = "<b>x</b>"
    box.check_button.click()
    assert "pt-correct" in box.feedback.value and "<b>x" not in box.feedback.value
