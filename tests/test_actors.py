"""Actor resolution: the matching rules on realistic mentions, codebook errors, a user codebook."""

import pandas as pd
import pytest

from panjshir_toolkit.actors import (
    Codebook, actors_table, default_codebook, load_codebook, normalize_name, resolve_speaker,
)
from panjshir_toolkit.errors import CodebookError
from panjshir_toolkit.schema import COLUMNS, conform


@pytest.fixture(scope="module")
def cb() -> Codebook:
    return default_codebook()


@pytest.mark.parametrize("mention, actor", [
    # exact alias, titles, articles and possessives folded
    ("Mullah Amir Khan Motaqi", "Amir Khan Muttaqi"),
    ("Amir Khan Motaqi's", "Amir Khan Muttaqi"),
    ("the Taliban", "Taliban"),
    ("the U.N.", "United Nations"),
    ("Al-Jazeera", "Al Jazeera"),
    # transliteration variants: one edit per token of four letters or more
    ("Ahamd Masoud", "Ahmad Massoud"),
    ("Amir Khan Mottaqi", "Amir Khan Muttaqi"),
    ("Zabiullah Mujahid", "Zabihullah Mujahid"),
    ("Zabihullah Mujaheed", "Zabihullah Mujahid"),
    # surname only, and title + name
    ("Dashti", "Fahim Dashti"),
    ("Mr. Dashti", "Fahim Dashti"),
    ("Muttaqi", "Amir Khan Muttaqi"),
    ("Vice President Amrullah Saleh", "Amrullah Saleh"),
    ("former vice-president Saleh", "Amrullah Saleh"),
    # the name after descriptors (group names, lower-case words)
    ("Taliban spokesman Zabihullah Mujahid", "Zabihullah Mujahid"),
    ("Taliban spokesman Mujahid", "Zabihullah Mujahid"),
    ("NRF spokesman Dashti", "Fahim Dashti"),
    ("the resistance forces' spokesperson Fahim Dashti", "Fahim Dashti"),
    ("the commander of the anti-Taliban resistance forces in Afghanistan's Panjshir province, Ahmad Shah Masoud",
     "Ahmad Massoud"),
    # an exact alias beats a spelling variant: the father is not the son
    ("Ahmad Shah Massoud", "Ahmad Shah Massoud"),
    ("Lion of Panjshir", "Ahmad Shah Massoud"),
])
def test_match_resolves_realistic_mentions(cb, mention, actor):
    assert cb.match(mention).actor == actor


@pytest.mark.parametrize("mention", [
    "Ahmad",                         # a first name shared by several actors
    "Ahmad Wali Massoud",            # another Massoud: a capitalised given name is not a descriptor
    "Afghan President Ashraf Ghani", # not in the codebook
    "Afghan officials",
    "He",
    "",
    None,
])
def test_match_refuses_what_is_not_in_the_codebook(cb, mention):
    assert cb.match(mention) is None


def test_normalize_name_drops_titles_and_possessives():
    assert normalize_name("Mullah Amir Khan Motaqi's") == ("amir", "khan", "motaqi")
    assert normalize_name("Dr. Abdullah Abdullah") == ("abdullah", "abdullah")


@pytest.mark.parametrize("record, expected", [
    ({"speaker_ref": "Taliban source", "speaker_text": "A Taliban source", "mention_kind": "anonymous"},
     {"speaker": "Taliban source", "speaker_kind": "anonymous", "affiliation": "Taliban"}),
    ({"speaker_ref": "spokesperson", "speaker_text": "the resistance forces' spokesperson", "mention_kind": "role"},
     {"speaker": "spokesperson", "speaker_kind": "role", "affiliation": "National Resistance Front"}),
    ({"speaker_ref": "commander", "speaker_text": "a senior Taliban commander", "mention_kind": "role"},
     {"speaker": "commander", "speaker_kind": "role", "affiliation": "Taliban"}),
    ({"speaker_ref": "sources", "speaker_text": "sources close to the NRF", "mention_kind": "anonymous"},
     {"speaker": "sources", "speaker_kind": "anonymous", "affiliation": "National Resistance Front"}),
    ({"speaker_ref": "Fahim Dashti", "speaker_text": "the resistance forces' spokesperson Fahim Dashti",
      "mention_kind": "person"},
     {"speaker": "Fahim Dashti", "speaker_kind": "person", "affiliation": "National Resistance Front"}),
    ({"speaker_ref": "Ismail Kawasi", "speaker_text": "Ismail Kawasi", "mention_kind": "person"},
     {"speaker": "Ismail Kawasi", "speaker_kind": "person", "affiliation": None}),
    ({"speaker_ref": "He", "speaker_text": "He", "mention_kind": "person"},
     {"speaker": None, "speaker_kind": "unknown", "affiliation": None}),
])
def test_resolve_speaker_infers_kind_and_side(cb, record, expected):
    assert resolve_speaker(record, cb) == expected


def _write(tmp_path, text, name="actors.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_load_codebook_missing_file(tmp_path):
    with pytest.raises(CodebookError, match="not found.*Pass an existing CSV"):
        load_codebook(tmp_path / "nope.csv")


def test_load_codebook_missing_columns(tmp_path):
    path = _write(tmp_path, "name,kind\nFahim Dashti,person\n")
    with pytest.raises(CodebookError, match=r"lacks the column\(s\) actor, aliases.*\['name', 'kind'\]"):
        load_codebook(path)


def test_load_codebook_bad_kind_names_the_line(tmp_path):
    path = _write(tmp_path, "actor,aliases,kind,affiliation,role\nFahim Dashti,Dashti,person,,\nTOLOnews,,broadcaster,,\n")
    with pytest.raises(CodebookError, match=r"line 3: kind 'broadcaster' for 'TOLOnews' is not one of person"):
        load_codebook(path)


def test_load_codebook_empty_actor(tmp_path):
    path = _write(tmp_path, "actor,aliases,kind,affiliation,role\n,Dashti,person,,\n")
    with pytest.raises(CodebookError, match="line 2: the 'actor' column is empty"):
        load_codebook(path)


def test_load_codebook_not_utf8(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes("actor,aliases\nRT\xc9,\n".encode("latin-1"))
    with pytest.raises(CodebookError, match="is not UTF-8"):
        load_codebook(path)


def test_user_codebook_from_csv_and_dataframe(tmp_path):
    text = ("actor,aliases,kind,affiliation,role\n"
            "Ministry of Public Health,Public Health Ministry|health ministry,organization,Afghan government,\n"
            "Ismail Kawasi,Kawasi,person,Afghan government,public health ministry spokesman\n"
            "Najib Danish,Danish,,Afghan government,deputy interior ministry spokesman\n")
    book = load_codebook(_write(tmp_path, text))
    assert len(book) == 3 and book["Najib Danish"].kind == "person"  # kind defaults to person
    assert book.match("Kawasi").actor == "Ismail Kawasi"
    assert book.match("The Ministry of Public Health").actor == "Ministry of Public Health"
    record = {"speaker_ref": "spokesman", "speaker_text": "the public health ministry spokesman", "mention_kind": "role"}
    assert resolve_speaker(record, book) == {"speaker": "spokesman", "speaker_kind": "role",
                                             "affiliation": "Afghan government"}
    again = load_codebook(book.to_frame())
    assert [a.actor for a in again.actors] == [a.actor for a in book.actors]
    assert again["Ismail Kawasi"].aliases == ("Kawasi",)


def test_actors_table_counts_quotes_figures_and_relays(cb):
    quotes = conform("quotes", [
        {"quote_id": "a:q1", "article_id": "a", "speaker": "Fahim Dashti", "speaker_text": "Dashti",
         "speaker_kind": "person", "affiliation": "National Resistance Front"},
        {"quote_id": "a:q2", "article_id": "a", "speaker": "Fahim Dashti", "speaker_text": "The spokesperson",
         "speaker_kind": "person", "affiliation": "National Resistance Front"},
        {"quote_id": "a:q3", "article_id": "a", "speaker": "Taliban source", "speaker_text": "A Taliban source",
         "speaker_kind": "anonymous", "affiliation": "Taliban", "relayed_by": "Al Jazeera"},
    ])
    figures = conform("figures", [{"figure_id": "a:f1", "article_id": "a", "quote_id": "a:q2", "value": 600.0}])
    table = actors_table(quotes, figures, cb)
    assert list(table.columns) == COLUMNS["actors"]
    rows = table.set_index("actor")
    assert rows.loc["Fahim Dashti", ["n_quotes", "n_figures", "role"]].tolist() == [
        2, 1, "spokesperson of the National Resistance Front"]
    assert rows.loc["Taliban source", "aliases"] == "A Taliban source"
    assert rows.loc["Al Jazeera", "kind"] == "media" and rows.loc["Al Jazeera", "n_quotes"] == 0
    assert table["actor"].tolist()[0] == "Fahim Dashti"
