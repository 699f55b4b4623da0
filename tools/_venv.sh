# Sourced by the tools/ scripts: a project virtualenv (.venv) with the test requirements,
# created with Python 3.11+ and refreshed only when tests/requirements.txt changes.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${VENV:-$REPO/.venv}"

pick_python() {
    local candidate
    for candidate in "${PYTHON:-}" python3 python3.13 python3.12 python3.11; do
        [ -n "$candidate" ] || continue
        if command -v "$candidate" >/dev/null 2>&1 &&
            "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
            echo "$candidate"
            return
        fi
    done
    echo "error: Python 3.11 or newer is needed (set PYTHON=/path/to/python3.11)" >&2
    exit 1
}

ensure_venv() {
    local stamp="$VENV/.requirements.sha256"
    local wanted
    wanted="$(cat "$REPO/requirements.txt" "$REPO/tests/requirements.txt" | sha256sum | cut -d' ' -f1)"
    if [ ! -x "$VENV/bin/python" ]; then
        echo ">>> creating $VENV" >&2
        "$(pick_python)" -m venv "$VENV"
    fi
    if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
        echo ">>> installing test requirements into $VENV" >&2
        "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$REPO/tests/requirements.txt"
        echo "$wanted" >"$stamp"
    fi
    export PATH="$VENV/bin:$PATH"
}
