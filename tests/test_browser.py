"""The claim explorer and the article view in a real browser: JupyterLab 4 and Voila,
driven through Playwright with Debian's Chromium (see ``browser_support``).

Each test starts its own server on a free 127.0.0.1 port with a random token, in a
temporary folder holding a notebook written here, and stops it at the end, also on failure.
Screenshots go to ``tests/artifacts/`` (not committed).
"""

from __future__ import annotations

import shutil

import pytest

import browser_support as bs
import tables_for_widgets as fixture

pytestmark = pytest.mark.browser

WAIT_MS = 90_000  # the first kernel start and run can be slow on a cold machine


def _table_rows(page) -> int:
    return page.locator(".pt-explorer-table table.pt-table tbody tr").count()


def _wait_rows(page, n: int) -> None:
    page.wait_for_function(
        "n => document.querySelectorAll('.pt-explorer-table table.pt-table tbody tr').length === n",
        arg=n, timeout=WAIT_MS,
    )


def _assert_no_payload_executed(page, dialogs: list) -> None:
    assert dialogs == [], f"a dialog fired: {dialogs}"
    # no element was made from the payloads: they are text only
    assert page.locator('img[src="x"]').count() == 0
    assert page.evaluate("() => [...document.querySelectorAll('script')]"
                         ".filter(s => s.textContent.includes('alert(1)')).length") == 0


@pytest.fixture
def browser():
    sync_api = bs.require_browser()
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(bs.CHROMIUM), args=bs.CHROMIUM_ARGS, timeout=60_000)
        try:
            yield browser
        finally:
            browser.close()


def _open_page(browser, dialogs: list, errors: list):
    context = browser.new_context(viewport={"width": 1600, "height": 1100})
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)

    def on_dialog(dialog):
        dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return page


def test_explorer_in_jupyterlab(browser, tmp_path):
    root = tmp_path / "root"
    notebook = bs.write_notebook(root / "explorer.ipynb", [
        ("markdown", "# Claim explorer (browser test)"),
        ("code", bs.tables_cell(fixture.records())),
        ("code", "from panjshir_toolkit.widgets import ClaimExplorer\n"
                 "explorer = ClaimExplorer(claims, sentences, articles)\nexplorer"),
        ("code", "from panjshir_toolkit.display import show_article\n"
                 "show_article('hostile-1', quotes, figures, articles=articles)"),
        ("code", "show_article('panjshir-2021-09-04', quotes, figures, articles=articles)"),
    ])
    port, token = bs.free_port(), bs.new_token()
    argv = bs.lab_command(port, token, root, tmp_path / "state")
    ready = f"http://127.0.0.1:{port}/api/status?token={token}"
    dialogs, errors = [], []
    bs.ARTIFACTS.mkdir(parents=True, exist_ok=True)
    FAILSHOT = "jupyterlab"  # noqa: N806
    with bs.running_server(argv, port, tmp_path / "lab.log", bs.server_env(tmp_path), ready_url=ready):
        page = _open_page(browser, dialogs, errors)
        try:
            page.goto(f"http://127.0.0.1:{port}/lab/tree/{notebook.name}?token={token}")
            page.wait_for_function(
                "() => { const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;"
                " const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;"
                " return !!k && k.status === 'idle'; }",
                timeout=WAIT_MS,
            )
            page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
            page.wait_for_selector(".pt-explorer .pt-explorer-table table.pt-table", timeout=WAIT_MS)
            _wait_rows(page, 8)
            assert "8 of 8 claims" in page.locator(".pt-counts").inner_text()

            # a filter changes the table: side = Taliban
            page.locator(".pt-filter-affiliation select").select_option(label="Taliban (3)")
            _wait_rows(page, 3)
            table_text = page.locator(".pt-explorer-table").inner_text()
            assert "Amir Khan Motaqi" in table_text and "Fahim Dashti" not in table_text
            assert "3 of 8 claims" in page.locator(".pt-counts").inner_text()

            # free-text search narrows further
            page.locator(".pt-filter-search input").fill("motaqi")
            _wait_rows(page, 1)
            page.wait_for_function(
                "() => document.querySelector('.pt-explorer-evidence').innerText.includes('Mullah Amir Khan Motaqi')")

            # the download link carries a CSV data-URI
            href = page.locator("a.pt-download").get_attribute("href")
            assert href.startswith("data:text/csv;charset=utf-8;base64,")

            # the hostile article and the hostile claims render as text
            page.wait_for_selector(".pt-article .pt-text", timeout=WAIT_MS)
            hostile = page.locator(".pt-article").first
            text = hostile.inner_text()
            assert fixture.SCRIPT in text and fixture.IMG in text
            assert f"Evil {fixture.IMG} Daily" in text
            page.locator(".pt-filter-search input").fill("")
            page.locator(".pt-filter-affiliation select").select_option([])
            _wait_rows(page, 8)
            assert f"Commander {fixture.SCRIPT}" in page.locator(".pt-explorer-table").inner_text()
            page.wait_for_timeout(500)  # give any onerror handler the chance to fire
            _assert_no_payload_executed(page, dialogs)
            assert errors == [], f"JavaScript errors on the page: {errors}"
            assert "could not update" not in page.locator(".pt-explorer").inner_text()

            # screenshots: the seed article's claims, with the evidence of Dashti's "More than 1,000"
            page.evaluate("() => window.jupyterapp.shell.collapseLeft()")
            plot_before = page.locator("img.pt-explorer-plot").get_attribute("src")
            page.locator(".pt-filter-article-id select").select_option(index=0)
            _wait_rows(page, 6)
            # let the whole update land (counts, dropdown options) before touching the dropdown
            page.wait_for_function(
                "() => document.querySelector('.pt-counts').innerText.includes('6 of 8')"
                " && document.querySelectorAll('.pt-explorer .widget-dropdown select option').length === 6")
            page.wait_for_timeout(300)
            page.locator(".pt-explorer .widget-dropdown select").select_option(index=2)
            page.wait_for_function(
                "() => document.querySelector('a.pt-download').innerText.includes('Download 6 claims')"
                " && document.querySelector('.pt-explorer-evidence').innerText.includes('More than 1,000')")
            page.wait_for_function(  # the plot image arrives in its own message
                "src => document.querySelector('img.pt-explorer-plot').getAttribute('src') !== src", arg=plot_before)
            shot = bs.ARTIFACTS / "explorer_jupyterlab.png"
            page.locator(".pt-explorer").screenshot(path=str(shot))
            page.locator(".pt-article").nth(1).screenshot(path=str(bs.ARTIFACTS / "article_jupyterlab.png"))
            assert shot.stat().st_size > 10_000
            assert "could not update" not in page.locator(".pt-explorer").inner_text()
        except Exception:
            page.screenshot(path=str(bs.ARTIFACTS / f"failure_{FAILSHOT}.png"))
            raise
        finally:
            page.context.close()


def test_classroom_notebook_in_voila(browser, tmp_path):
    notebook = bs.write_notebook(tmp_path / "classroom" / "classroom.ipynb", [
        ("markdown", "# Who claims what in Panjshir?\n\nFind the claimant, the relay and the hedge of each figure."),
        ("code", bs.tables_cell(fixture.records())),
        ("code", "from panjshir_toolkit.widgets import ClaimExplorer\n"
                 "ClaimExplorer(claims, sentences, articles)"),
    ])
    port, token = bs.free_port(), bs.new_token()
    argv = bs.voila_command(port, token, notebook)
    dialogs, errors = [], []
    bs.ARTIFACTS.mkdir(parents=True, exist_ok=True)
    FAILSHOT = "voila"  # noqa: N806
    with bs.running_server(argv, port, tmp_path / "voila.log", bs.server_env(tmp_path)):
        page = _open_page(browser, dialogs, errors)
        try:
            page.goto(f"http://127.0.0.1:{port}/?token={token}")
            page.wait_for_selector(".pt-explorer .pt-explorer-table table.pt-table", timeout=WAIT_MS)
            _wait_rows(page, 8)
            assert "Who claims what in Panjshir?" in page.inner_text("body")
            page.locator(".pt-filter-speaker-kind select").select_option(label="anonymous (1)")
            _wait_rows(page, 1)
            page.wait_for_function(
                "() => document.querySelector('.pt-explorer-evidence').innerText.includes('A Taliban source')")
            _assert_no_payload_executed(page, dialogs)
            page.wait_for_function("() => document.querySelector('a.pt-download').innerText.includes('Download 1 claims')")
            assert page.locator("a.pt-download").get_attribute("href").startswith("data:text/csv;charset=utf-8;base64,")
            assert page.locator("a.pt-download").get_attribute("download") == "claims_filtered.csv"
            assert "could not update" not in page.locator(".pt-explorer").inner_text()
            page.locator(".pt-explorer").screenshot(path=str(bs.ARTIFACTS / "explorer_voila.png"))
        except Exception:
            page.screenshot(path=str(bs.ARTIFACTS / f"failure_{FAILSHOT}.png"))
            raise
        finally:
            page.context.close()


NOTEBOOKS = bs.ROOT / "notebooks"


def _lab_ready_js() -> str:
    return ("() => { const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;"
            " const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;"
            " return !!k && k.status === 'idle'; }")


def _all_cells_ran_js() -> str:
    """True once every code cell of the current notebook has an execution count and the kernel is idle."""
    return ("() => { const w = window.jupyterapp.shell.currentWidget; const k = w.sessionContext.session.kernel;"
            " const cells = w.content.model.cells; let done = true;"
            " for (let i = 0; i < cells.length; i++) { const c = cells.get(i);"
            "   if (c.type === 'code' && !c.executionCount) { done = false; } }"
            " return done && k.status === 'idle'; }")


def test_real_classroom_notebook_in_voila(browser, tmp_path):
    """notebooks/04_classroom.ipynb as students see it: the article, the exercises, Check gives feedback."""
    from panjshir_toolkit.classroom import seed_exercises

    exercises = seed_exercises()
    relay = next(ex for ex in exercises if ex.key.startswith("relay-"))
    typed = next(ex for ex in exercises if ex.typed)
    wrong = next(o for o in relay.options if o != relay.answer)
    notebook = tmp_path / "classroom" / "04_classroom.ipynb"
    notebook.parent.mkdir(parents=True)
    shutil.copyfile(NOTEBOOKS / "04_classroom.ipynb", notebook)
    port, token = bs.free_port(), bs.new_token()
    dialogs, errors = [], []
    bs.ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with bs.running_server(bs.voila_command(port, token, notebook), port, tmp_path / "voila.log",
                           bs.server_env(tmp_path)):
        page = _open_page(browser, dialogs, errors)
        try:
            page.goto(f"http://127.0.0.1:{port}/?token={token}")
            page.wait_for_function(f"() => document.querySelectorAll('.pt-exercise').length === {len(exercises)}",
                                   timeout=WAIT_MS)
            body = page.inner_text("body")
            assert "Exercises in source criticism" in body
            assert "Ahmad Shah Masoud, has vowed to save the valley" in body  # the article itself is shown
            assert "import panjshir_toolkit" not in body  # Voila shows no code

            box = page.locator(".pt-exercise", has_text="Through which medium").first
            select = box.locator(".pt-exercise-answer select")
            select.select_option(label=wrong)
            box.locator("button.pt-exercise-check").click()
            box.locator(".pt-feedback.pt-wrong").wait_for()
            assert box.locator(".pt-exercise-feedback").inner_text().strip().startswith("\u2718 Not quite.")
            select.select_option(label=relay.answer)
            box.locator(".pt-feedback.pt-wrong").wait_for(state="detached")  # a new answer clears the feedback
            box.locator("button.pt-exercise-check").click()
            box.locator(".pt-feedback.pt-correct").wait_for()
            assert relay.check(relay.answer)[1] in box.locator(".pt-exercise-feedback").inner_text()

            typed_box = page.locator(".pt-exercise", has_text="Type the name").first
            typed_box.locator(".pt-exercise-answer input").fill(typed.accept[-1].upper())
            typed_box.locator("button.pt-exercise-check").click()
            typed_box.locator(".pt-feedback.pt-correct").wait_for()

            assert dialogs == [] and errors == [], f"dialogs {dialogs}, JavaScript errors {errors}"
            page.screenshot(path=str(bs.ARTIFACTS / "classroom_voila.png"), full_page=True)
            box.screenshot(path=str(bs.ARTIFACTS / "classroom_exercise_voila.png"))
        except Exception:
            page.screenshot(path=str(bs.ARTIFACTS / "failure_classroom_voila.png"))
            raise
        finally:
            page.context.close()


def _scoped_rows(explorer) -> int:
    return explorer.locator(".pt-explorer-table table.pt-table tbody tr").count()


def test_real_explorer_notebook_in_jupyterlab(browser, tmp_path):
    """notebooks/03_claim_explorer.ipynb run in JupyterLab: a filter in the seed's explorer changes its table."""
    import panjshir_toolkit as pt

    claims = pt.analyze(pt.panjshir_path()).claims
    n_all = len(claims)
    n_taliban = int((claims["affiliation"] == "Taliban").sum())
    assert 0 < n_taliban < n_all <= 50
    root = tmp_path / "root"
    root.mkdir()
    notebook = root / "03_claim_explorer.ipynb"
    shutil.copyfile(NOTEBOOKS / "03_claim_explorer.ipynb", notebook)
    port, token = bs.free_port(), bs.new_token()
    argv = bs.lab_command(port, token, root, tmp_path / "state")
    ready = f"http://127.0.0.1:{port}/api/status?token={token}"
    dialogs, errors = [], []
    bs.ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with bs.running_server(argv, port, tmp_path / "lab.log", bs.server_env(tmp_path), ready_url=ready):
        page = _open_page(browser, dialogs, errors)
        try:
            page.goto(f"http://127.0.0.1:{port}/lab/tree/{notebook.name}?token={token}")
            page.wait_for_function(_lab_ready_js(), timeout=WAIT_MS)
            page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
            page.wait_for_function(_all_cells_ran_js(), timeout=WAIT_MS, polling=500)
            page.evaluate("() => window.jupyterapp.shell.collapseLeft()")
            explorer = page.locator(".pt-explorer").first
            explorer.locator(".pt-explorer-table table.pt-table").wait_for()
            counts = explorer.locator(".pt-counts")

            # the notebook's own cells left filters set: reset shows every claim of the seed
            explorer.locator("button", has_text="Reset filters").click()
            page.wait_for_function(
                "n => document.querySelector('.pt-explorer .pt-counts').innerText.startsWith(n + ' of ' + n)",
                arg=n_all)
            assert _scoped_rows(explorer) == n_all
            before = explorer.locator(".pt-explorer-table").inner_text()

            # the evidence of the spokesperson's "More than 1,000", for the screenshot
            evidence = explorer.locator(".widget-dropdown select")
            page.wait_for_function(
                "n => document.querySelectorAll('.pt-explorer .widget-dropdown select option').length >= n", arg=n_all)
            # (ipywidgets writes option labels with non-breaking spaces)
            labels = evidence.evaluate("s => [...s.options].map(o => o.textContent.replace(/\\u00a0/g, ' '))")
            evidence.select_option(index=next(i for i, t in enumerate(labels) if "More than 1,000" in t))
            page.wait_for_function("() => document.querySelector('.pt-explorer .pt-explorer-evidence')"
                                   ".innerText.includes('More than 1,000')")
            page.wait_for_timeout(500)  # the plot image arrives in its own message
            explorer.screenshot(path=str(bs.ARTIFACTS / "explorer_notebook_jupyterlab.png"))

            # a filter changes the table: side = Taliban
            explorer.locator(".pt-filter-affiliation select").select_option(label=f"Taliban ({n_taliban})")
            page.wait_for_function(
                "n => document.querySelector('.pt-explorer .pt-counts').innerText.startsWith(n + ' of ')",
                arg=n_taliban)
            assert _scoped_rows(explorer) == n_taliban
            after = explorer.locator(".pt-explorer-table").inner_text()
            assert after != before and "Fahim Dashti" in before and "Fahim Dashti" not in after
            assert "Amir Khan Muttaqi" in after
            assert counts.inner_text().startswith(f"{n_taliban} of {n_all} claims")
            assert "could not update" not in explorer.inner_text()
            assert dialogs == [] and errors == [], f"dialogs {dialogs}, JavaScript errors {errors}"
            page.screenshot(path=str(bs.ARTIFACTS / "explorer_notebook_jupyterlab_page.png"))
        except Exception:
            page.screenshot(path=str(bs.ARTIFACTS / "failure_explorer_notebook.png"))
            raise
        finally:
            page.context.close()


def test_missing_browser_skips_locally_and_fails_under_ci(monkeypatch, tmp_path):
    monkeypatch.setattr(bs, "CHROMIUM", tmp_path / "no-chromium")
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="ensure_browser.sh"):
        bs.require_browser()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI is set"):
        bs.require_browser()


def copy_screenshots_to_docs() -> None:
    """Copy the last good screenshot of the real explorer notebook to docs/explorer.png (run by hand)."""
    shutil.copyfile(bs.ARTIFACTS / "explorer_notebook_jupyterlab.png", bs.ROOT / "docs" / "explorer.png")
