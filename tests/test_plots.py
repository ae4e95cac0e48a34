"""Plots: each returns the Axes it drew on, with the bars and labels of the data."""

import matplotlib

matplotlib.use("Agg")  # this test module only; the toolkit itself never picks a backend

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402

from analysis_fixtures import kabul_tables, panjshir_tables  # noqa: E402
from panjshir_toolkit.compare import relay_chains  # noqa: E402
from panjshir_toolkit.plots import (  # noqa: E402
    plot_claimed_figures, plot_figures_over_time, plot_relay_chains, plot_statements,
)


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def kabul():
    return kabul_tables()


@pytest.fixture(scope="module")
def panjshir():
    return panjshir_tables()


def _bars(ax):
    return [p for p in ax.patches if isinstance(p, Rectangle)]


def _ticks(ax):
    return [t.get_text() for t in ax.get_yticklabels()]


def test_claimed_figures_bars_intervals_and_labels(kabul):
    fig, ax = plt.subplots()
    out = plot_claimed_figures(kabul["claims"], event="wounded", ax=ax)
    assert out is ax
    assert [b.get_width() for b in _bars(ax)] == [70.0, 41.0, 41.0, 36.0, 35.0]  # bottom to top
    assert _ticks(ax) == ["RTÉ's own figure", "Ministry of Public Health (RTÉ)", "Ismail Kawasi (Al Jazeera)",
                          "CNN's own figure", "Saleem Rasooli (CNN)"]
    assert ax.get_title() == "wounded: people"
    assert ax.get_xlabel() == "claimed figure (people)"
    intervals = [seg.tolist() for coll in ax.collections for seg in coll.get_segments()]
    assert intervals[:4] == [[[63.0, 0.0], [77.0, 0.0]], [[41.0, 1.0], [41.0, 1.0]], [[41.0, 2.0], [41.0, 2.0]],
                             [[24.0, 3.0], [99.0, 3.0]]]  # about 70: 63-77; dozens: 24-99
    assert intervals[4][0] == [35.0, 4.0] and intervals[4][1][0] == ax.get_xlim()[1]  # at least 35: to the edge
    assert any(a.arrow_patch is not None for a in ax.texts if hasattr(a, "arrow_patch"))  # at least 35: open
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["(outlet)", "(unknown)"]


def test_claimed_figures_new_axes_and_several_groups(panjshir):
    ax = plot_claimed_figures(panjshir["claims"])
    assert isinstance(ax, plt.Axes)
    assert "killed Taliban: Taliban spokesman (Example Wire)" in _ticks(ax)
    assert ax.get_title() == ""


def test_claimed_figures_nothing_to_show(kabul):
    ax = plot_claimed_figures(kabul["claims"], event="captured")
    assert [t.get_text() for t in ax.texts] == ["no figures to compare"]


def test_statements_stacked_by_side(panjshir):
    fig, ax = plt.subplots()
    assert plot_statements(panjshir["quotes"], ax=ax) is ax
    assert _ticks(ax) == ["residents", "Taliban spokesman", "Taliban source", "National Resistance Front",
                          "Fahim Dashti", "Amir Khan Muttaqi"]
    assert [c.get_label() for c in ax.containers] == ["(unknown)", "National Resistance Front", "Taliban"]
    widths = {c.get_label(): [b.get_width() for b in c] for c in ax.containers}
    assert widths["Taliban"] == [0, 1, 1, 0, 0, 1]
    assert ax.get_xlabel() == "statements"


def test_statements_by_kind_without_hue(panjshir):
    ax = plot_statements(panjshir["claims"], by="speaker_kind", hue=None)
    assert _ticks(ax) == ["role", "organization", "person", "anonymous"]
    assert sum(b.get_width() for b in _bars(ax)) == 6  # six quotes, each once
    assert ax.get_legend() is None


def test_relay_chain_diagram(panjshir):
    edges = relay_chains(panjshir["quotes"], panjshir["articles"])
    fig, ax = plt.subplots()
    assert plot_relay_chains(edges, ax=ax) is ax
    nodes = {t.get_text(): t.get_position() for t in ax.texts if t.get_bbox_patch() is not None}
    assert set(nodes) == {"National Resistance Front", "Fahim Dashti", "Taliban source", "Amir Khan Muttaqi",
                          "Taliban spokesman", "residents", "Al Jazeera", "Khaama Press", "ANI", "(article)",
                          "Example Wire"}
    assert nodes["Amir Khan Muttaqi"][0] == 0 and nodes["Khaama Press"][0] == 1 and nodes["(article)"][0] == 2
    assert nodes["ANI"][0] == 1  # the credited agency stands before the outlet
    arrows = [a for a in ax.texts if type(a).__name__ == "Annotation"]
    assert len(arrows) == len(edges[["source", "target", "relation"]].drop_duplicates())
    assert not ax.axison


def test_relay_chain_diagram_of_nothing():
    ax = plot_relay_chains(pd.DataFrame(columns=["quote_id", "step", "source", "target", "relation"]))
    assert [t.get_text() for t in ax.texts] == ["no relay chains"]


def test_figures_over_time(kabul, panjshir):
    fig, ax = plt.subplots()
    claims = pd.concat([kabul["claims"], panjshir["claims"]], ignore_index=True)
    assert plot_figures_over_time(claims, ax=ax, freq="D") is ax
    lines = {line.get_label(): line for line in ax.get_lines()}
    assert set(lines) == {"captured|surrendered", "killed", "wounded"}
    assert lines["wounded"].get_ydata().tolist() == [5]
    killed = lines["killed"].get_ydata().tolist()
    assert killed[0] == 5 and killed[-2:] == [2, 2] and sum(killed) == 9  # Kabul 2017, ..., Panjshir 2021
    ax2 = plot_figures_over_time(kabul["claims"], value="max", event="wounded")
    assert [line.get_ydata().tolist() for line in ax2.get_lines()] == [[70.0]]
    with pytest.raises(ValueError, match="value must be"):
        plot_figures_over_time(kabul["claims"], value="mean")


def test_plots_leave_global_state_alone(kabul):
    before = dict(matplotlib.rcParams)
    backend = matplotlib.get_backend()
    plot_claimed_figures(kabul["claims"], event="wounded")
    plot_statements(kabul["quotes"])
    assert matplotlib.get_backend() == backend
    assert dict(matplotlib.rcParams) == before
