"""The df.panjshir accessor: registered on import of panjshir_toolkit.accessor, thin, validating."""

import subprocess
import sys

import matplotlib

matplotlib.use("Agg")  # this test module only

import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from analysis_fixtures import kabul_tables, panjshir_tables  # noqa: E402
import panjshir_toolkit.accessor as accessor  # noqa: E402
from panjshir_toolkit.compare import compare_figures, contested_figures, relay_chains  # noqa: E402
from panjshir_toolkit.errors import ColumnsError  # noqa: E402
from panjshir_toolkit.eventdata import to_acled, to_ucdp  # noqa: E402


@pytest.fixture(scope="module")
def kabul():
    return kabul_tables()


@pytest.fixture(scope="module")
def panjshir():
    return panjshir_tables()


def test_package_import_does_not_register_the_accessor(tmp_path):
    code = ("import pandas as pd, panjshir_toolkit.compare, panjshir_toolkit.plots, panjshir_toolkit.exports; "
            "print(hasattr(pd.DataFrame, 'panjshir')); import panjshir_toolkit.accessor; "
            "print(hasattr(pd.DataFrame, 'panjshir'))")
    import os

    env = {**os.environ, "PYTHONPATH": os.pathsep.join([*sys.path])}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, env=env, check=True)
    assert out.stdout.split() == ["False", "True"]


def test_register_is_idempotent_and_silent(recwarn):
    accessor.register()
    accessor.register()
    assert not [w for w in recwarn if "accessor" in str(w.message)]


def test_kinds(kabul, panjshir):
    assert kabul["claims"].panjshir.kind == "claims"
    assert kabul["quotes"].panjshir.kind == "quotes"
    assert relay_chains(panjshir["quotes"]).panjshir.kind == "edges"


def test_other_frames_raise_columns_error_an_attribute_error():
    frame = pd.DataFrame({"speaker": ["Fahim Dashti"], "value": [600]})
    with pytest.raises(ColumnsError, match="df.panjshir accessor .* needs the column.*'article_id'"):
        frame.panjshir
    assert not hasattr(frame, "panjshir")  # ColumnsError is an AttributeError, as pandas expects


def test_methods_are_the_functions(kabul, panjshir):
    claims = kabul["claims"]
    pd.testing.assert_frame_equal(claims.panjshir.compare(event="wounded"), compare_figures(claims, event="wounded"))
    pd.testing.assert_frame_equal(claims.panjshir.contested(form="groups"), contested_figures(claims, form="groups"))
    pd.testing.assert_frame_equal(claims.panjshir.to_ucdp(), to_ucdp(claims))
    pd.testing.assert_frame_equal(claims.panjshir.to_acled(events=None), to_acled(claims, events=None))
    pd.testing.assert_frame_equal(panjshir["quotes"].panjshir.relay_chains(panjshir["articles"]),
                                  relay_chains(panjshir["quotes"], panjshir["articles"]))


def test_a_method_on_the_wrong_table_names_what_is_missing(kabul):
    with pytest.raises(ColumnsError, match=r"df.panjshir.contested\(\) \(on a claims table\) needs .*'figure_id'"):
        kabul["quotes"].panjshir.contested()
    edges = relay_chains(kabul["quotes"])
    with pytest.raises(ColumnsError, match=r"relay_chains\(\)"):
        edges.panjshir.relay_chains()


def test_plots_and_export_through_the_accessor(kabul, panjshir, tmp_path):
    import matplotlib.pyplot as plt

    ax = kabul["claims"].panjshir.plot_claimed_figures(event="wounded")
    assert len(ax.patches) >= 5
    assert panjshir["quotes"].panjshir.plot_statements().get_xlabel() == "statements"
    assert panjshir["quotes"].panjshir.plot_relay_chains(panjshir["articles"]).texts
    assert relay_chains(panjshir["quotes"]).panjshir.plot_relay_chains().texts
    assert kabul["claims"].panjshir.plot_figures_over_time().get_lines()
    plt.close("all")
    path = kabul["claims"].panjshir.export(tmp_path / "claims.csv", provenance={"command": "test"})
    from panjshir_toolkit.exports import read_provenance, read_table

    pd.testing.assert_frame_equal(read_table(path), kabul["claims"])
    assert read_provenance(path)["command"] == "test"
