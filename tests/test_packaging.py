"""The project's own promises: one dependency list, the two commands, the layout."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _pyproject():
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[ ;]", requirement, maxsplit=1)[0].strip().lower()


def _spec(requirement: str) -> str:
    return re.sub(r"\s+", "", requirement[len(_name(requirement)):]).split(";")[0]


def test_environment_yml_mirrors_pyproject():
    yaml = pytest.importorskip("yaml")
    deps = _pyproject()["project"]["dependencies"]
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    assert env["channels"] == ["conda-forge"]
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    listed = {_name(d): _spec(d) for d in conda if _name(d) not in ("python", "pip")}
    pyproj = {_name(d): _spec(d) for d in deps}
    assert listed == pyproj, "environment.yml and pyproject.toml list different dependencies: keep them in sync"
    python = [d for d in conda if _name(d) == "python"]
    assert python and _spec(python[0]) == _pyproject()["project"]["requires-python"]
    assert env["dependencies"][-1] == {"pip": ["-e ."]}, "environment.yml must end with pip: [-e .] (Binder installs the package)"


def test_required_dependencies_and_python():
    deps = {_name(d): _spec(d) for d in _pyproject()["project"]["dependencies"]}
    assert deps["pandas"] == ">=3" and deps["nltk"] == ">=3.9"
    assert deps["ipywidgets"] == ">=8" and deps["jupyterlab"] == ">=4"
    assert "matplotlib" in deps
    assert _pyproject()["project"]["requires-python"] == ">=3.11"


def test_readme_first_screen_has_the_two_commands_and_a_picture():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_screen = "\n".join(readme.splitlines()[:45])
    assert "make lab" in first_screen and "make test" in first_screen
    pictures = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", first_screen)
    assert pictures, "the README's first screen needs a picture"
    for pic in pictures:
        assert (ROOT / pic).exists(), f"README picture {pic} is missing"


def test_ci_calls_make_test():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci and "NLTK_DATA" in ci


def test_layout():
    for path in ["panjshir_toolkit", "notebooks", "data", "tests", "environment.yml", "pyproject.toml",
                 "Makefile", "README.md", "CITATION.cff", "LICENSE", ".ci/run", "data/actors.csv",
                 "data/panjshir_2021-09-04.txt", "data/README.md"]:
        assert (ROOT / path).exists(), path


def test_import_has_no_side_effects():
    """Importing the package loads no NLTK data, prints nothing and configures nothing."""
    code = (
        "import sys\n"
        "import panjshir_toolkit\n"
        "import panjshir_toolkit.resources as r\n"
        "assert r.sentence_tokenizer.cache_info().currsize == 0\n"
        "assert r.pos_tagger.cache_info().currsize == 0\n"
        "assert 'matplotlib.pyplot' not in sys.modules\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout == "" and out.stderr == ""
    for source in (ROOT / "panjshir_toolkit").rglob("*.py"):
        assert "matplotlib.use(" not in source.read_text(encoding="utf-8"), f"{source.name} changes the global backend"


def test_data_found_through_the_package():
    import panjshir_toolkit as pt

    assert pt.panjshir_path().exists() and pt.actors_path().exists()
    seed = (ROOT.parent / "shared" / "seeds" / "panjshir_2021-09-04.txt")
    article = pt.load_panjshir().articles[0]
    if seed.exists():
        assert article.text == seed.read_text(encoding="utf-8"), "the bundled seed text must be unchanged"
    assert (article.published, article.credit, article.title, article.outlet) == ("2021-09-04", "ANI", None, None)
