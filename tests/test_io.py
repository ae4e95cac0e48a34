"""Atomic writing: the target is either the old file or the complete new one."""

from __future__ import annotations

import os
import stat

import pandas as pd
import pytest

from panjshir_toolkit.io import atomic_path, atomic_write_bytes, atomic_write_text


def test_atomic_write_text_and_bytes(tmp_path):
    target = tmp_path / "quotes.csv"
    assert atomic_write_text(target, "speaker,cue\r\nFahim Dashti,said\r\n") == target
    assert target.read_bytes() == b"speaker,cue\r\nFahim Dashti,said\r\n"  # no newline translation
    atomic_write_bytes(target, b"\x00\x01")
    assert target.read_bytes() == b"\x00\x01"
    assert os.listdir(tmp_path) == ["quotes.csv"]  # no temporary file left behind


def test_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "claims.csv"
    target.write_text("old complete table\n")
    with pytest.raises(RuntimeError, match="disk full"):
        with atomic_path(target) as tmp:
            tmp.write_text("half a tab")
            raise RuntimeError("disk full")
    assert target.read_text() == "old complete table\n"
    assert os.listdir(tmp_path) == ["claims.csv"]


def test_temporary_path_keeps_the_suffix_so_writers_pick_the_format(tmp_path):
    frame = pd.DataFrame({"speaker": ["Fahim Dashti", "Ahmad Massoud"], "n_quotes": [2, 5]})
    for name in ("actors.csv.gz", "actors.xlsx", "actors.parquet"):
        target = tmp_path / name
        with atomic_path(target) as tmp:
            assert tmp.parent == tmp_path and tmp.name.startswith(".actors.")
            assert tmp.name.endswith(".tmp" + name[len("actors"):])
            if name.endswith(".xlsx"):
                pytest.importorskip("openpyxl")
                frame.to_excel(tmp, index=False)
            elif name.endswith(".parquet"):
                pytest.importorskip("pyarrow")
                frame.to_parquet(tmp, index=False)
            else:
                frame.to_csv(tmp, index=False)  # compression inferred from .gz
        reader = {"gz": pd.read_csv, "xlsx": pd.read_excel, "parquet": pd.read_parquet}[name.rsplit(".", 1)[1]]
        pd.testing.assert_frame_equal(reader(target), frame, check_dtype=False)


def test_new_file_gets_normal_permissions_and_existing_keeps_its_own(tmp_path):
    new = atomic_write_text(tmp_path / "new.txt", "x")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(new.stat().st_mode) == 0o666 & ~umask
    old = tmp_path / "old.txt"
    old.write_text("x")
    old.chmod(0o640)
    atomic_write_text(old, "y")
    assert stat.S_IMODE(old.stat().st_mode) == 0o640


def test_folder_target_and_missing_folder_raise(tmp_path):
    with pytest.raises(IsADirectoryError, match="existing folder"):
        atomic_write_text(tmp_path, "x")
    with pytest.raises(FileNotFoundError):
        atomic_write_text(tmp_path / "missing" / "a.txt", "x")
