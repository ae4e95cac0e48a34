"""Helpers for the real-browser tests: Debian's Chromium via Playwright, and local
JupyterLab / Voila servers that are always shut down.

No browser is ever downloaded: the tests drive ``/usr/bin/chromium`` (installed by
``scripts/ensure_browser.sh`` from the Debian package). When it is missing the tests
skip with a reason, except where the environment variable ``CI`` is set: there they fail,
so that CI cannot silently stop testing in a browser.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = Path(os.environ.get("PANJSHIR_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def require_browser():
    """The ``playwright.sync_api`` module, once Chromium and Playwright are known to be there.

    Skips the test with the fix when either is missing; fails instead when ``CI`` is set.
    """
    problem = None
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        problem = (f"no Chromium at {CHROMIUM}; install Debian's package with scripts/ensure_browser.sh "
                   "(apt-get install chromium)")
    else:
        try:
            import playwright.sync_api as sync_api
        except ImportError:
            problem = "the Python package 'playwright' is not installed; pip install 'playwright>=1.45'"
    if problem:
        if os.environ.get("CI"):
            pytest.fail(f"CI is set and the browser test cannot run: {problem}", pytrace=False)
        pytest.skip(problem)
    return sync_api


def free_port() -> int:
    """A TCP port that is free on 127.0.0.1 right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(tmp: Path) -> dict:
    """Environment for a server and its kernels: the package importable, state kept in *tmp*."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    env["JUPYTER_RUNTIME_DIR"] = str(tmp / "runtime")
    env["IPYTHONDIR"] = str(tmp / "ipython")
    env["MPLCONFIGDIR"] = str(tmp / "mpl")
    env["JUPYTER_PLATFORM_DIRS"] = "1"
    env.pop("JUPYTER_TOKEN", None)
    return env


def new_token() -> str:
    return secrets.token_hex(16)


def lab_command(port: int, token: str, root_dir: Path, state: Path) -> list[str]:
    """``jupyter lab`` on 127.0.0.1:*port*, token-protected, offline, with the app exposed to tests.

    User settings and workspaces live in *state*; the news toast is switched off there.
    """
    notification = state / "settings" / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
    notification.parent.mkdir(parents=True, exist_ok=True)
    notification.write_text(json.dumps({"fetchNews": "false", "checkForUpdates": False}))
    return [
        sys.executable, "-m", "jupyterlab", "--no-browser",
        "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root_dir}",
        "--LabApp.expose_app_in_browser=True",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        f"--LabServerApp.workspaces_dir={state / 'workspaces'}",
        f"--LabServerApp.user_settings_dir={state / 'settings'}",
        "--LabApp.extension_manager=readonly",
        *(["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []),
    ]


def voila_command(port: int, token: str, notebook: Path) -> list[str]:
    """``voila NOTEBOOK`` on 127.0.0.1:*port*, token-protected."""
    return [
        sys.executable, "-m", "voila", str(notebook), "--no-browser",
        "--Voila.ip=127.0.0.1", f"--port={port}", "--Voila.port_retries=0", f"--token={token}",
        f"--Voila.root_dir={notebook.parent}", "--show_tracebacks=True",
    ]


@contextlib.contextmanager
def running_server(argv: list[str], port: int, log: Path, env: dict, *, ready_url: str | None = None,
                   timeout: float = 90.0):
    """Start a server process (its own process group), wait until it answers, always stop it.

    Args:
        argv: the command.
        port: the port it listens on (127.0.0.1).
        log: file receiving its stdout and stderr (shown in the failure message).
        env: its environment.
        ready_url: an HTTP URL that answers 200 once the server is ready; else the port accepting
            connections is enough.
        timeout: seconds to wait for readiness.
    """
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "wb") as out:
        proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=log.parent,
                                start_new_session=True)
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"server exited with {proc.returncode}:\n{tail(log)}")
            if _answers(port, ready_url):
                break
            if time.monotonic() > deadline:
                raise TimeoutError(f"server not ready after {timeout:.0f} s:\n{tail(log)}")
            time.sleep(0.3)
        yield proc
    finally:
        stop(proc)


def _answers(port: int, url: str | None) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            pass
    except OSError:
        return False
    if url is None:
        return True
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - local URL we built
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def stop(proc: subprocess.Popen, grace: float = 10.0) -> None:
    """Stop *proc* and its children (its process group, by id): SIGTERM, then SIGKILL after *grace* s."""
    if proc.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=grace)


def tail(path: Path, n: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-n:])
    except OSError:
        return "(no log)"


def write_notebook(path: Path, cells: list[tuple[str, str]]) -> Path:
    """Write a notebook of ``(kind, source)`` cells (kind ``code`` or ``markdown``), with a kernelspec."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    nb.cells = [nbformat.v4.new_code_cell(src) if kind == "code" else nbformat.v4.new_markdown_cell(src)
                for kind, src in cells]
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


def tables_cell(records: dict) -> str:
    """Notebook source that rebuilds the test tables from *records* (embedded as JSON)."""
    payload = json.dumps(records)
    return (
        "import json\n"
        "from panjshir_toolkit import schema\n"
        f"records = json.loads({payload!r})\n"
        "tables = {name: schema.conform(name, rows) for name, rows in records.items()}\n"
        "claims, sentences, articles = tables['claims'], tables['sentences'], tables['articles']\n"
        "quotes, figures = tables['quotes'], tables['figures']\n"
    )
