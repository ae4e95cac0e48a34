"""Exports: every table in every format reads back equal; the provenance sidecar; missing optional packages."""

import builtins
import json
import re

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis_fixtures import SEED, kabul_tables, panjshir_tables
from panjshir_toolkit.actors import actors_table, default_codebook, load_codebook
from panjshir_toolkit.compare import contested_figures
from panjshir_toolkit.errors import OptionalDependencyError, ToolkitError
from panjshir_toolkit.exports import (
    FORMATS, export, read_provenance, read_table, sha256_file, sidecar_path, write_table, write_tables,
)
from panjshir_toolkit.schema import TABLES, conform


def _sentences(articles):
    rows = []
    for a in articles.itertuples(index=False):
        for n, m in enumerate(re.finditer(r"[^.!?]+[.!?]+(?:\"|”)?", a.text)):
            start = m.start() + (len(m.group()) - len(m.group().lstrip()))
            rows.append({"article_id": a.article_id, "sentence_id": n, "paragraph_id": 0, "start": start,
                         "end": m.end(), "text": a.text[start:m.end()]})
    return conform("sentences", rows)


@pytest.fixture(scope="module")
def tables():
    p, k = panjshir_tables(), kabul_tables()
    out = {name: conform(name, pd.concat([p[name], k[name]], ignore_index=True))
           for name in ("articles", "quotes", "figures", "claims")}
    out["sentences"] = _sentences(out["articles"])
    out["actors"] = actors_table(out["quotes"], out["figures"], default_codebook())
    return out


def test_fixture_tables_are_the_contract_and_spans_hold(tables):
    from panjshir_toolkit.tables import check_columns

    check_columns(tables)
    text = dict(zip(tables["articles"]["article_id"], tables["articles"]["text"]))
    for s in tables["sentences"].itertuples(index=False):
        assert text[s.article_id][s.start:s.end] == s.text
    for q in tables["quotes"].itertuples(index=False):
        assert text[q.article_id][q.content_start:q.content_end] == q.content
        assert text[q.article_id][q.speaker_start:q.speaker_end] == q.speaker_text
    for f in tables["figures"].itertuples(index=False):
        assert text[f.article_id][f.start:f.end] == f.surface


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", TABLES)
def test_every_table_round_trips(tables, tmp_path, name, fmt):
    path = write_table(tables[name], tmp_path / f"{name}.{fmt}")
    pd.testing.assert_frame_equal(read_table(path), tables[name])


@pytest.mark.parametrize("fmt", FORMATS)
def test_awkward_strings_round_trip(tmp_path, fmt):
    texts = ["=1+1", '=HYPERLINK("http://example.org","click")', "@SUM(A1)", "+49 30 1234", "-1", "NA", "null",
             "None", "  padded  ", 'a, "quoted"\nnext line', "tab\there", "x\x0by (vertical tab)",
             "literal _x000B_ text", "ẞ Ünïcödé ”curly” and mojibake \"?", "1e5", "007", None]
    frame = conform("sentences", [{"article_id": "007", "sentence_id": i, "paragraph_id": 0, "start": 0, "end": 1,
                                   "text": t} for i, t in enumerate(texts)])
    path = write_table(frame, tmp_path / f"sentences.{fmt}")
    pd.testing.assert_frame_equal(read_table(path), frame)


def test_excel_never_writes_a_formula(tmp_path):
    import openpyxl

    frame = conform("sentences", [{"article_id": "a", "sentence_id": 0, "text": "=cmd|' /C calc'!A0"}])
    path = write_table(frame, tmp_path / "sentences.xlsx")
    cell = openpyxl.load_workbook(path).active["F2"]
    assert cell.data_type == "s" and cell.value == "=cmd|' /C calc'!A0"


_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r"), max_size=40)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(st.one_of(st.none(), _TEXT.filter(lambda t: t != "")), min_size=1, max_size=5))
def test_any_text_round_trips_in_every_format(tmp_path_factory, texts):
    frame = conform("sentences", [{"article_id": "a", "sentence_id": i, "text": t} for i, t in enumerate(texts)])
    folder = tmp_path_factory.mktemp("prop")
    for fmt in FORMATS:
        path = write_table(frame, folder / f"sentences.{fmt}")
        pd.testing.assert_frame_equal(read_table(path), frame)


def test_export_writes_the_provenance_sidecar(tables, tmp_path):
    codebook = tmp_path / "my_actors.csv"
    default_codebook().to_frame().to_csv(codebook, index=False)
    path = export(tables["claims"], tmp_path / "claims.xlsx",
                  provenance={"inputs": [SEED, tmp_path / "gone.txt"], "codebook": codebook,
                              "command": ["panjshir-toolkit", "analyze", "data/"], "note": "test run"})
    record = read_provenance(path)
    assert sidecar_path(path).name == "claims.xlsx.provenance.json"
    assert record["toolkit"] == "panjshir_toolkit"
    from panjshir_toolkit import __version__

    assert record["version"] == __version__
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", record["created_utc"])
    assert record["command"] == ["panjshir-toolkit", "analyze", "data/"]
    assert record["inputs"][0] == {"path": str(SEED.resolve()), "sha256": sha256_file(SEED), "bytes": SEED.stat().st_size}
    assert record["inputs"][1]["sha256"] is None and "not found" in record["inputs"][1]["note"]
    assert record["codebook"]["sha256"] == sha256_file(codebook)
    assert record["note"] == "test run"
    assert record["table"] == {"name": "claims", "file": "claims.xlsx", "format": "xlsx", "sha256": sha256_file(path),
                               "rows": len(tables["claims"]), "columns": list(tables["claims"].columns)}
    pd.testing.assert_frame_equal(read_table(path), tables["claims"])


def test_export_of_an_in_memory_codebook_and_a_comparison(tables, tmp_path):
    book = load_codebook(default_codebook().to_frame())
    pairs = contested_figures(tables["claims"])
    path = export(pairs, tmp_path / "contested.csv", provenance={"codebook": book})
    record = json.loads(sidecar_path(path).read_text(encoding="utf-8"))
    assert record["codebook"]["path"] is None and len(record["codebook"]["sha256_of_csv"]) == 64
    assert record["table"]["rows"] == len(pairs) and record["table"]["name"] == "contested"
    back = read_table(path)
    assert back["summary"].tolist() == pairs["summary"].tolist()


def test_export_folder_inputs_list_their_files(tables, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("one", encoding="utf-8")
    (folder / "b.txt").write_text("two", encoding="utf-8")
    path = export(tables["quotes"], tmp_path / "quotes.parquet", provenance={"inputs": folder})
    entry = read_provenance(path)["inputs"][0]
    assert entry["folder"] is True and [f["path"] for f in entry["files"]] == ["a.txt", "b.txt"]


def test_read_provenance_without_sidecar(tmp_path):
    with pytest.raises(ToolkitError, match="No provenance sidecar"):
        read_provenance(tmp_path / "claims.csv")


@pytest.mark.parametrize("fmt, package", [("xlsx", "openpyxl"), ("parquet", "pyarrow")])
def test_missing_optional_dependency_is_friendly(tables, tmp_path, monkeypatch, fmt, package):
    real_import = builtins.__import__

    def fake_import(name, *args, **kwargs):
        if name == package or name.startswith(package + "."):
            raise ImportError(f"No module named {package!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake_import)
    with pytest.raises(OptionalDependencyError, match=rf"(?s)needs the optional package '{package}'.*pip install"):
        export(tables["claims"], tmp_path / f"claims.{fmt}")
    assert list(tmp_path.iterdir()) == []  # nothing half-written
    with pytest.raises(OptionalDependencyError):
        write_tables({"claims": tables["claims"]}, tmp_path / "out", format=fmt)


def test_unknown_format(tables, tmp_path):
    with pytest.raises(ValueError, match="Unknown format 'json'"):
        export(tables["claims"], tmp_path / "claims.json")


def test_package_level_export_is_the_function_and_creates_folders(tmp_path):
    """`pt.export` stays the function even after the exports module is imported elsewhere."""
    import panjshir_toolkit as pt
    import panjshir_toolkit.exports  # noqa: F401  (what result.write() and the CLI import)

    assert callable(pt.export) and pt.export.__name__ == "export"
    frame = pd.DataFrame({"a": ["x"]})
    pt.export(frame, tmp_path / "new" / "deeper" / "t.csv")
    assert (tmp_path / "new" / "deeper" / "t.csv").exists()
    assert (tmp_path / "new" / "deeper" / "t.csv.provenance.json").exists()
