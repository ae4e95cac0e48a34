"""A corpus of hostile input for the loader, written into a folder at test time (issue 8, item 1).

Nothing here is committed as data: :func:`build` writes every file into a fresh folder
(``tmp_path``) and returns, for each, what the loader must do with it. The articles are
short texts written for this project in the style of the Panjshir reporting.

Each :class:`Case` names one input (a file, a folder entry or a file of many rows) and the
expectation: how many inputs it is, how many must load, and for what is skipped or warned
about, a fragment of the reason and the line or byte offset the report must give.
"""

from __future__ import annotations

import gzip
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

#: A realistic article body (written for the tests; not a real report).
ARTICLE = (
    "Resistance commanders said on Sunday that fighting continued in the Rukha district of Panjshir.\n"
    "\"We will not surrender the valley,\" a spokesman for the National Resistance Front told reporters, "
    "adding that 40 fighters had been wounded since Friday.\n"
    "A Taliban official denied the claim and said the district had been taken.\n"
    "(With inputs from agencies)\n"
)
CP1252_TEXT = (
    "The caf\u00e9 owner in Bazarak said \u201cnobody slept\u201d \u2014 shelling went on until 4 a.m.\n"
    "Fahim Dashti put the Taliban\u2019s losses at \u201cabout 350\u201d.\n"
)


@dataclass
class Case:
    """One hostile input and what the loader must do with it.

    Attributes:
        name: a short label (used as the test id).
        path: the file or folder to load.
        n_inputs: how many inputs it is (rows for CSV/JSONL, files for folders).
        n_loaded: how many of them load.
        skipped: ``(line or None, byte_offset or None, reason fragment)`` per expected
            ``skipped`` row (in report order). ``line``/``byte_offset`` of ``...`` means "any".
        warnings: reason fragments expected in ``warning`` rows.
        texts: expected texts of the loaded articles (in order), when checked exactly.
        ids: expected article ids (in order), when checked.
    """

    name: str
    path: Path
    n_inputs: int
    n_loaded: int
    skipped: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    texts: list | None = None
    ids: list | None = None
    skip_unless: str | None = None  # a reason this case cannot run here (e.g. running as root)


def _write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def encodings(root: Path) -> list[Case]:
    """UTF-8 with and without BOM, UTF-16 LE/BE with BOM, cp1252, undecodable bytes, UTF-16 without BOM."""
    d = root / "encodings"
    cases = [
        Case("utf8", _write(d / "utf8.txt", ARTICLE), 1, 1, texts=[ARTICLE]),
        Case("utf8_bom", _write(d / "utf8_bom.txt", b"\xef\xbb\xbf" + ARTICLE.encode()), 1, 1, texts=[ARTICLE]),
        Case("utf16le_bom", _write(d / "utf16le.txt", b"\xff\xfe" + ARTICLE.encode("utf-16-le")), 1, 1, texts=[ARTICLE]),
        Case("utf16be_bom", _write(d / "utf16be.txt", b"\xfe\xff" + ARTICLE.encode("utf-16-be")), 1, 1, texts=[ARTICLE]),
        Case(
            "cp1252", _write(d / "cp1252.txt", CP1252_TEXT.encode("cp1252")), 1, 1,
            warnings=["read as cp1252"], texts=[CP1252_TEXT],
        ),
        # 0x81 is invalid UTF-8 (a lone continuation byte) and undefined in cp1252.
        Case(
            "undecodable", _write(d / "undecodable.txt", b"Fighting in Panjshir \x81\x81 continued."), 1, 0,
            skipped=[(None, 21, "undecodable")],
        ),
        # UTF-16 without a BOM: full of NUL bytes, so it is binary (a BOM decides).
        Case(
            "utf16_no_bom", _write(d / "utf16_nobom.txt", ARTICLE.encode("utf-16-le")), 1, 0,
            skipped=[(None, 1, "binary file: NUL byte")],
        ),
        # A UTF-8 BOM followed by bytes that are not UTF-8: reported with the byte offset.
        Case(
            "bom_then_garbage", _write(d / "bom_bad.txt", b"\xef\xbb\xbfAbout 600 \xff Taliban"), 1, 0,
            skipped=[(None, 13, "not valid UTF-8")],
        ),
    ]
    return cases


def binary(root: Path) -> list[Case]:
    """NUL bytes, a PNG named .txt, a gzip that is not one."""
    d = root / "binary"
    png = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    return [
        Case("nul_bytes", _write(d / "nul.txt", b"About 600 Taliban\x00 were killed."), 1, 0,
             skipped=[(None, 17, "binary file: NUL byte at byte offset 17")]),
        Case("png_as_txt", _write(d / "photo.txt", png), 1, 0, skipped=[(None, 0, "binary file (PNG image)")]),
        Case("corrupt_gzip", _write(d / "rows.jsonl.gz", b"\x1f\x8b\x08\x00garbage"), 1, 0,
             skipped=[(None, None, "corrupt gzip")]),
    ]


def empty(root: Path) -> list[Case]:
    """Empty and white-space-only files of each kind, and a front matter with nothing after it."""
    d = root / "empty"
    return [
        Case("empty_txt", _write(d / "empty.txt", b""), 1, 0, skipped=[(None, None, "empty file")]),
        Case("blank_txt", _write(d / "blank.txt", " \n\t\r\n  \n"), 1, 0, skipped=[(None, None, "only white space")]),
        Case("empty_jsonl", _write(d / "empty.jsonl", b""), 1, 0, skipped=[(None, None, "empty file")]),
        Case("empty_csv", _write(d / "empty.csv", b"\n\n"), 1, 0, skipped=[(None, None, "empty file")]),
        Case("front_matter_only", _write(d / "fm_only.txt", "---\ntitle: Nothing here\n---\n\n"), 1, 0,
             skipped=[(None, None, "no text after the front matter")]),
    ]


def huge(root: Path, megabytes: int = 20) -> list[Case]:
    """One article of *megabytes* MB in a single file, and in a single CSV cell (must load, text intact)."""
    d = root / "huge"
    paragraph = ARTICLE.replace("(With inputs from agencies)\n", "")
    n = megabytes * 1024 * 1024 // len(paragraph) + 1
    text = paragraph * n + "(With inputs from ANI)\n"
    path = _write(d / "huge.txt", text)
    # the same text as one CSV cell (quotes doubled): beyond the csv module's default field limit
    cell = '"' + text.replace('"', '""') + '"'
    csv_path = _write(d / "huge_cell.csv", "id,text\nbig," + cell + "\nsmall,A short report.\n")
    return [
        Case("huge_20mb", path, 1, 1, texts=[text]),
        Case("huge_20mb_csv_cell", csv_path, 2, 2, texts=[text, "A short report."], ids=["big", "small"]),
    ]


def big_jsonl(root: Path, n_lines: int = 100_000) -> list[Case]:
    """A JSONL file of *n_lines* lines: every 1,000th is malformed, every 1,000th + 1 has no text,
    every 1,000th + 2 has an empty text, every 10,000th + 3 is a JSON list, one line is not UTF-8.
    Blank lines are not inputs."""
    lines: list[bytes] = []
    skipped = []
    for i in range(1, n_lines + 1):
        if i % 1000 == 0:
            lines.append(b'{"id": "a%d", "text": "unterminated' % i)
            skipped.append((i, ..., "malformed JSON on line"))
        elif i % 1000 == 1 and i > 1:
            lines.append(b'{"id": "a%d", "title": "No text here"}' % i)
            skipped.append((i, ..., "no 'text' field"))
        elif i % 1000 == 2 and i > 2:
            lines.append(b'{"id": "a%d", "text": "   "}' % i)
            skipped.append((i, ..., "no text"))
        elif i % 10000 == 3:
            lines.append(b'["a list", "not an object"]')
            skipped.append((i, ..., "JSON list"))
        elif i == 4242:
            lines.append(b'{"id": "a4242", "text": "Bazarak \xff fell"}')
            skipped.append((i, ..., "not valid UTF-8"))
        else:
            lines.append(b'{"id": "a%d", "text": "Report %d: about %d Taliban were killed, the spokesman said.", "outlet": "Test Wire"}' % (i, i, i % 700))
    data = b"\n".join(lines[:500]) + b"\n\n   \n" + b"\n".join(lines[500:]) + b"\n"
    path = _write(root / "jsonl" / "big.jsonl", data)
    # the blank lines shift every line after 500 by 2
    skipped = [(line if line <= 500 else line + 2, off, reason) for line, off, reason in skipped]
    return [Case("jsonl_100k", path, n_lines, n_lines - len(skipped), skipped=skipped)]


def csvs(root: Path) -> list[Case]:
    """CSV files with embedded newlines, missing columns, an unbalanced quote, duplicate ids, no text column."""
    d = root / "csv"
    embedded = (
        'id,title,text,published\n'
        'p1,"Panjshir, day one","First paragraph about Panjshir.\nSecond paragraph: ""We are ready,"" he said.",2021-09-04\n'
        'p2,Day two,"One line only.",2021-09-05\n'
    )
    missing = (
        'id,text,title,outlet\n'
        'm1,"Masoud said the resistance would go on.",Vow,Khaama Press\n'
        'm2,"The Taliban denied the report."\n'       # fewer fields, text present: loaded with a warning
        'm3\n'                                          # no text: skipped
        'm4,"A third report.",T4,Outlet,extra\n'      # more fields: loaded with a warning
    )
    unbalanced = (
        'id,text\n'
        'u1,"He said ""we will win, and left.\n'      # the quoted field never closes
        'u2,Fighting continued on Monday.\n'
        'u3,"Talks failed, a source said."\n'
    )
    duplicates = (
        'id,text\n'
        '7,"About 600 Taliban were killed, the resistance said."\n'
        '8,"More than 1,000 surrendered."\n'
        '7,"A different article that reuses id 7."\n'
    )
    no_text = 'id,headline\n1,Only a headline\n'
    return [
        Case("csv_embedded_newlines", _write(d / "embedded.csv", embedded), 2, 2, ids=["p1", "p2"],
             texts=['First paragraph about Panjshir.\nSecond paragraph: "We are ready," he said.', "One line only."]),
        Case("csv_missing_columns", _write(d / "missing.csv", missing), 4, 3,
             skipped=[(4, None, "row has no text")], warnings=["fewer", "more"], ids=["m1", "m2", "m4"]),
        Case("csv_unbalanced_quote", _write(d / "unbalanced.csv", unbalanced), 3, 2,
             skipped=[(2, None, "unbalanced quote")], ids=["u2", "u3"]),
        Case("csv_duplicate_ids", _write(d / "dupes.csv", duplicates), 3, 2,
             skipped=[(4, None, "duplicate article_id '7'")], ids=["7", "8"]),
        Case("csv_no_text_column", _write(d / "notext.csv", no_text), 1, 0, skipped=[(1, None, "no text column")]),
    ]


def front_matter(root: Path) -> list[Case]:
    """Absurd front matter: never closed, 10,000 keys, control, NUL and non-UTF-8 bytes in values, not key: value."""
    d = root / "front_matter"
    unterminated = "---\ntitle: Panjshir\npublished: 2021-09-04\n" + ARTICLE
    many_keys = "---\n" + "".join(f"key{i}: value {i}\n" for i in range(10_000)) + "---\n" + ARTICLE
    control = "---\ntitle: Bad \x01\x02 bytes\n---\n" + ARTICLE * 3
    not_yaml = "---\nThis is a horizontal rule, not metadata.\n---\n" + ARTICLE
    body = "Le caf\u00e9 de Bazarak est ferm\u00e9, said a resident.\n" + ARTICLE  # UTF-8, not ASCII
    nul_value = b"---\ntitle: Photo \x00\x00 caption\nsource: scan\n---\n" + body.encode()
    latin_value = b"---\ntitle: Caf\xe9 report\n---\n" + body.encode()
    nul_body = b"---\ntitle: Fine\n---\n" + b"About 600\x00 Taliban"
    return [
        Case("fm_nul_in_value", _write(d / "nul_value.txt", nul_value), 1, 1, warnings=["NUL bytes"], texts=[body]),
        Case("fm_latin1_value_utf8_body", _write(d / "latin_value.txt", latin_value), 1, 1,
             warnings=["front matter is not valid UTF-8 (byte 0xe9 at byte offset 14)"], texts=[body]),
        Case("fm_then_binary_body", _write(d / "nul_body.txt", nul_body), 1, 0,
             skipped=[(None, 29, "binary file: NUL byte at byte offset 29")]),
        Case("fm_unterminated", _write(d / "unterminated.txt", unterminated), 1, 1, warnings=["never closed"], texts=[unterminated]),
        Case("fm_10000_keys", _write(d / "many_keys.txt", many_keys), 1, 1, warnings=["10,000 keys"], texts=[ARTICLE]),
        Case("fm_control_chars", _write(d / "control.txt", control), 1, 1, warnings=["control characters"], texts=[ARTICLE * 3]),
        Case("fm_not_key_value", _write(d / "not_yaml.txt", not_yaml), 1, 1, warnings=["not front matter"], texts=[not_yaml]),
    ]


def odd_text(root: Path) -> list[Case]:
    """Texts that are still articles: only numbers, only punctuation, unbalanced quotes."""
    d = root / "odd_text"
    numbers = "600 1,000 90\n2021 4 9\n"
    punctuation = "?!... ;;; ((( \u201c \u2014 !!\n"
    unbalanced = 'Dashti said, "About 600 Taliban have been liquidated.\nThe spokesperson added that "supplies were cut.\n'
    return [
        Case("only_numbers", _write(d / "numbers.txt", numbers), 1, 1, texts=[numbers]),
        Case("only_punctuation", _write(d / "punctuation.txt", punctuation), 1, 1, texts=[punctuation]),
        Case("unbalanced_quotes", _write(d / "unbalanced.txt", unbalanced), 1, 1, texts=[unbalanced]),
    ]


def folders(root: Path, depth: int = 60) -> list[Case]:
    """A deeply nested folder, a symlink loop, a self-referencing link, a broken link."""
    deep = root / "deep"
    path = deep.joinpath(*["level"] * depth)
    _write(path / "bottom.txt", ARTICLE)
    deep_id = "/".join(["level"] * depth + ["bottom"])

    loops = root / "loops"
    _write(loops / "a" / "story.txt", ARTICLE)
    try:
        os.symlink("..", loops / "a" / "back_up")  # a/back_up -> loops: a loop
        os.symlink("self.txt", loops / "self.txt")  # a link to itself
        os.symlink("nowhere.txt", loops / "broken.txt")  # a link to nothing
        no_links = None
    except (OSError, NotImplementedError) as e:  # e.g. Windows without the symlink privilege
        no_links = f"cannot create symlinks here: {e}"
    return [
        Case("deep_folders", deep, 1, 1, ids=[deep_id]),
        Case("symlink_loops", loops, 4, 1, ids=["a/story"], skipped=[
            (None, None, "symlink loop or repeated folder"),  # a/back_up
            (None, None, "broken symlink"),  # broken.txt
            (None, None, "symlink loop: the link points"),  # self.txt
        ], skip_unless=no_links),
    ]


def unreadable(root: Path) -> list[Case]:
    """A file without read permission (cannot be tested as root, who reads everything)."""
    path = _write(root / "perm" / "secret.txt", ARTICLE)
    path.chmod(0)
    reason = "running as root, who can read any file" if getattr(os, "geteuid", lambda: -1)() == 0 else None
    return [Case("unreadable", path, 1, 0, skipped=[(None, None, "permission denied")], skip_unless=reason)]


def nonexistent(root: Path) -> list[Case]:
    """A path that does not exist."""
    return [Case("nonexistent", root / "missing" / "nothing.txt", 1, 0, skipped=[(None, None, "no such file")])]


def build(root: Path, *, huge_mb: int = 20, jsonl_lines: int = 100_000) -> list[Case]:
    """Write the whole hostile corpus under *root*; return the cases."""
    root.mkdir(parents=True, exist_ok=True)
    cases: list[Case] = []
    for make in (encodings, binary, empty, csvs, front_matter, odd_text, folders, unreadable, nonexistent):
        cases.extend(make(root))
    cases.extend(huge(root, huge_mb))
    cases.extend(big_jsonl(root, jsonl_lines))
    return cases


def write_gzip(path: Path, data: bytes) -> Path:
    """Write *data* gzip-compressed (for the ``.csv.gz`` / ``.jsonl.gz`` cases)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(data))
    return path


def jsonl_bytes(rows: list[dict]) -> bytes:
    """Rows as JSON Lines (UTF-8)."""
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode("utf-8")
