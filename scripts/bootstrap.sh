#!/usr/bin/env bash
# Set up (or check) the project environment: .venv, the package with its test extras,
# and the NLTK resources. Idempotent: when nothing changed it installs nothing.
#   PYTHON=python3.12 scripts/bootstrap.sh     choose the interpreter (>= 3.11)
#   NLTK_DATA=/path scripts/bootstrap.sh       use (and download into) that folder
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
VENV=.venv
STAMP="$VENV/.bootstrap-stamp"

if [ ! -x "$VENV/bin/python" ]; then
    if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
        echo "bootstrap: $PYTHON is missing or older than 3.11; install Python 3.11+ or set PYTHON=/path/to/python3.11" >&2
        exit 2
    fi
    echo "bootstrap: creating $VENV with $("$PYTHON" --version)"
    "$PYTHON" -m venv "$VENV"
fi

want="$(cat pyproject.toml | sha256sum | cut -d' ' -f1)"
have="$(cat "$STAMP" 2>/dev/null || true)"
if [ "$want" != "$have" ]; then
    echo "bootstrap: installing panjshir-toolkit and its test tools into $VENV"
    # (pip's notes about local index folders it cannot use are noise: filtered out)
    "$VENV/bin/python" -m pip install --quiet --upgrade pip 2>&1 | { grep -v "^WARNING: Location" || true; }
    "$VENV/bin/python" -m pip install --quiet -e ".[test]" 2>&1 | { grep -v "^WARNING: Location" || true; }
    echo "$want" > "$STAMP"
fi

# NLTK resources: present (NLTK_DATA is honoured) or downloaded; a clear error otherwise.
"$VENV/bin/panjshir-toolkit" setup --check >/dev/null 2>&1 || "$VENV/bin/panjshir-toolkit" setup
