"""The command line: the evaluation interface, so its columns and exit codes are tested."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

import panjshir_toolkit as pt
from panjshir_toolkit.cli import main
from panjshir_toolkit.exports import read_table
from panjshir_toolkit.schema import COLUMNS, TABLES


def test_analyze_writes_the_six_tables(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["analyze", str(pt.panjshir_path()), "--out", str(out)]) == 0
    for name in TABLES:
        frame = pd.read_csv(out / f"{name}.csv")
        assert list(frame.columns) == COLUMNS[name]
    assert len(pd.read_csv(out / "quotes.csv")) == 15
    assert "Analysed 1 of 1 input(s)" in capsys.readouterr().out


@pytest.mark.parametrize("fmt", ["parquet", "xlsx"])
def test_other_formats_round_trip(tmp_path, fmt):
    out = tmp_path / fmt
    assert main(["analyze", str(pt.panjshir_path()), "--out", str(out), "--format", fmt, "--quiet"]) == 0
    expected = pt.analyze(pt.panjshir_path())
    for name in ("quotes", "figures", "claims"):
        pd.testing.assert_frame_equal(read_table(out / f"{name}.{fmt}"), expected[name])


def test_csv_round_trips(tmp_path):
    main(["analyze", str(pt.panjshir_path()), "--out", str(tmp_path), "--quiet"])
    expected = pt.analyze(pt.panjshir_path())
    for name in TABLES:
        pd.testing.assert_frame_equal(read_table(tmp_path / f"{name}.csv"), expected[name])


def test_skipped_inputs_give_exit_1_and_a_report(tmp_path, capsys):
    good = tmp_path / "in" / "good.txt"
    good.parent.mkdir()
    good.write_text("The ministry said 12 people were wounded.", encoding="utf-8")
    (tmp_path / "in" / "empty.txt").write_text("", encoding="utf-8")
    code = main(["analyze", str(tmp_path / "in"), "--out", str(tmp_path / "out")])
    assert code == 1
    err = capsys.readouterr().err
    assert "empty.txt" in err
    report = pd.read_csv(tmp_path / "out" / "load_report.csv")
    assert report["source_path"].str.endswith("empty.txt").any()
    assert len(pd.read_csv(tmp_path / "out" / "articles.csv")) == 1


def test_nothing_loadable_is_exit_2(tmp_path, capsys):
    assert main(["analyze", str(tmp_path / "missing.txt"), "--out", str(tmp_path / "out")]) == 2
    assert "no article could be loaded" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_bad_codebook_is_exit_2_with_the_reason(tmp_path, capsys):
    bad = tmp_path / "actors.csv"
    bad.write_text("name,kind\nX,person\n", encoding="utf-8")
    assert main(["analyze", str(pt.panjshir_path()), "--out", str(tmp_path / "o"), "--actors", str(bad)]) == 2
    assert "lacks the column(s) actor, aliases" in capsys.readouterr().err


def test_column_mapping(tmp_path):
    src = tmp_path / "rows.csv"
    pd.DataFrame({"doc": ["k1"], "body": ["A police spokesman said 41 others were wounded."],
                  "publish_date": ["2017-02-07"]}).to_csv(src, index=False)
    code = main(["analyze", str(src), "--out", str(tmp_path / "o"), "--quiet",
                 "--column", "doc=id", "--column", "body=text", "--column", "publish_date=published"])
    assert code == 0
    art = pd.read_csv(tmp_path / "o" / "articles.csv")
    assert art.loc[0, "article_id"] == "k1" and art.loc[0, "published"] == "2017-02-07"


def test_console_script_and_setup_check():
    out = subprocess.run([sys.executable, "-m", "panjshir_toolkit", "setup", "--check"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "present" in out.stdout
    out = subprocess.run([sys.executable, "-m", "panjshir_toolkit", "--help"], capture_output=True, text=True)
    assert "analyze" in out.stdout
