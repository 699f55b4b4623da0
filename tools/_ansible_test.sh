# shellcheck shell=bash
# Sourced by tools/test: helpers to run ansible-test on this flat repository offline.
# ansible-test wants the tree at .../ansible_collections/NS/NAME (a symlink is refused), so the
# collection's files are copied into a temporary one.

# Copy the repository's tracked and new (not ignored) files into DEST/ansible_collections/NS/NAME; print that path.
# The whole repository, tools/ and .ci/ too: sanity judges it as a maintainer checks it out.
collection_tree() {
    local root="$1/ansible_collections/cloudflare_community/email_security"
    mkdir -p "$root"
    (cd "$REPO" && git ls-files -z --cached --others --exclude-standard) |
        (cd "$REPO" && python3 -c '
import os, shutil, sys
root = sys.argv[1]
for name in sys.stdin.buffer.read().decode().split("\0"):
    if name and os.path.isfile(name):
        os.makedirs(os.path.join(root, os.path.dirname(name)), exist_ok=True)
        shutil.copy2(name, os.path.join(root, name))
' "$root")
    echo "$root"
}

# A folder of python3.X links to the pyenv interpreters, so ansible-test finds every target Python.
python_links() {
    local dir="$1" version
    mkdir -p "$dir"
    for version in 3.8 3.9 3.10 3.11 3.12 3.13; do
        local found
        found="$(pyenv_python "$version")"
        if [ -n "$found" ]; then
            ln -sf "$found" "$dir/python$version"
        fi
    done
    echo "$dir"
}

# ansible-test bootstraps pip in each venv with a script from Ansible's CI file server, which is
# out of reach here; give it one that uses ensurepip and the package index instead.
pip_bootstrap_script() {
    local venv="$1" version cache
    version="$("$venv/bin/python" -c 'import re, ansible_test._internal.python_requirements as m, inspect; print(re.search(r"pip=.(\d+(?:\.\d+)+)", inspect.getsource(m)).group(1))')"
    cache="$HOME/.ansible/test/cache/get_pip_${version//./_}.py"
    mkdir -p "$(dirname "$cache")"
    cat >"$cache" <<'PY'
"""Stand-in for get-pip.py: ensurepip, then pip install what ansible-test asks for."""
import subprocess
import sys

args = [arg for arg in sys.argv[1:] if arg not in ("--no-setuptools", "--no-wheel")]
subprocess.check_call([sys.executable, "-m", "ensurepip", "--default-pip"], stdout=subprocess.DEVNULL)
subprocess.check_call([sys.executable, "-m", "pip", "install"] + args)
PY
}
