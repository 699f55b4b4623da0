# shellcheck shell=bash
# Sourced by the tools/ scripts: virtualenvs made with the machine's Pythons, each refreshed
# only when what it should hold changes.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# The first Python 3.11+ found: $PYTHON, python3, python3.13, python3.12, python3.11.
pick_python() {
    local candidate
    for candidate in "${PYTHON:-}" python3 python3.13 python3.12 python3.11; do
        [ -n "$candidate" ] || continue
        if command -v "$candidate" >/dev/null 2>&1 &&
            "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
            command -v "$candidate"
            return
        fi
    done
    echo "error: Python 3.11 or newer is needed (set PYTHON=/path/to/python3.11)" >&2
    exit 1
}

# The newest pyenv interpreter of a minor version (e.g. 3.13), or nothing.
pyenv_python() {
    local root
    root="$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")"
    compgen -G "$root/versions/$1.*/bin/python$1" | sort -V | tail -1 || true
}

# ensure_venv DIR PYTHON REQUIREMENTS_FILE [PIP_SPEC...]: DIR holds those requirements; its bin goes first on PATH.
ensure_venv() {
    local venv="$1" python="$2" requirements="$3"
    shift 3
    local stamp="$venv/.requirements.sha256" wanted
    wanted="$( (cat "$REPO/requirements.txt" "$REPO/tests/unit/requirements.txt" "$requirements"; echo "$* (byte-compiled)") | sha256sum | cut -d' ' -f1)"
    if [ ! -x "$venv/bin/python" ]; then
        echo ">>> creating $venv with $python" >&2
        "$python" -m venv "$venv"
    fi
    if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
        echo ">>> installing $(basename "$requirements") into $venv" >&2
        "$venv/bin/python" -m pip install --quiet --no-compile --disable-pip-version-check -r "$requirements" "$@" 2>&1 |
            { grep -v "^WARNING: Location .* is ignored" || true; } >&2
        # Byte-compile what was installed, in parallel (pip would do it one file at a time): where
        # PYTHONDONTWRITEBYTECODE is set, as on CI's machines, nothing else ever writes the .pyc files,
        # and every ansible run would compile ~600 files again (0.3 s a run). Files that are not
        # Python 3 (templates, test targets) do not compile: that is expected and only costs them speed.
        "$venv/bin/python" -m compileall -qq -j 0 "$venv/lib" >/dev/null 2>&1 || true
        echo "$wanted" >"$stamp"
    fi
    export PATH="$venv/bin:$PATH"
}
