# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Running real ansible commands against the fake API, for the playbook-level tests."""

from __future__ import annotations

import glob
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(REPO, "tests", "fake_api"))
sys.path.insert(0, os.path.join(REPO, "tests", "hostile_api"))

# Re-exported for the tests.
import hostile_server as hostile_api  # noqa: E402, F401  pylint: disable=wrong-import-position,unused-import
import server as fake_api  # noqa: E402, F401  pylint: disable=wrong-import-position,unused-import

BIN = os.path.dirname(sys.executable)
COLLECTION = "cloudflare_community.email_security"
FQCN = COLLECTION + ".email_security_domain"


def install_collection(work):
    """Build the collection into ``work`` and install the tarball under it; return (collections path, tarball).

    The tests and the benchmark use exactly what a user would install. tools/test builds the tarball once
    and names it in CF_ES_COLLECTION_TARBALL, so that every release's test run installs the same one.
    """
    tarball = os.environ.get("CF_ES_COLLECTION_TARBALL")
    if not tarball:
        subprocess.run([os.path.join(BIN, "ansible-galaxy"), "collection", "build", "--output-path", work, REPO], check=True, capture_output=True, text=True)
        tarball = glob.glob(os.path.join(work, "cloudflare_community-email_security-*.tar.gz"))[0]
    installed = os.path.join(work, "collections")
    subprocess.run(
        [os.path.join(BIN, "ansible-galaxy"), "collection", "install", "--offline", "--force", "-p", installed, tarball],
        check=True,
        capture_output=True,
        text=True,
    )
    return installed, tarball


class Runner:
    """Runs ansible commands with a clean environment pointed at the fake API."""

    def __init__(self, collections_path, base_url, home):
        os.makedirs(home, exist_ok=True)
        self.env = dict((key, value) for key, value in os.environ.items() if not key.startswith(("CLOUDFLARE_", "ANSIBLE_")))
        self.env.update(
            ANSIBLE_COLLECTIONS_PATH=collections_path,
            ANSIBLE_HOME=home,
            ANSIBLE_NOCOLOR="1",
            ANSIBLE_LOCALHOST_WARNING="0",
            ANSIBLE_INVENTORY_UNPARSED_WARNING="0",
            ANSIBLE_RETRY_FILES_ENABLED="0",
            CLOUDFLARE_BASE_URL=base_url,
        )

    def _run(self, argv, env, timeout):
        started = time.monotonic()
        completed = subprocess.run(argv, env=dict(self.env, **(env or {})), capture_output=True, text=True, timeout=timeout, check=False)
        completed.seconds = time.monotonic() - started
        completed.output = completed.stdout + completed.stderr
        return completed

    def playbook(self, name, *args, env=None, extra_vars=None, timeout=120):
        argv = [os.path.join(BIN, "ansible-playbook"), os.path.join(HERE, "playbooks", name)]
        if extra_vars:
            with tempfile.NamedTemporaryFile("w", suffix=".json", dir=self.env["ANSIBLE_HOME"], delete=False) as handle:
                json.dump(extra_vars, handle)
            argv += ["-e", "@" + handle.name]
        return self._run(argv + list(args), env, timeout)

    def adhoc(self, module_args, *args, env=None, timeout=120, module=FQCN):
        """``ansible localhost -m MODULE -a ARGS``; a dict of arguments is passed as JSON."""
        if isinstance(module_args, dict):
            module_args = json.dumps(module_args)
        argv = [os.path.join(BIN, "ansible"), "localhost", "-m", module, "-a", module_args]
        return self._run(argv + list(args), env, timeout)

    def task(self, module, module_args, *args, env=None, timeout=300):
        """Run one task of ``module`` (a short name of this collection) in a real ansible-playbook run.

        Returns (the completed run, the task's result, kept by callback_plugins/keep_result.py). The task may
        fail: the result says so.
        """
        completed, results = self.tasks([(module, module_args)], *args, env=env, timeout=timeout)
        return completed, results[0]

    def tasks(self, steps, *args, env=None, timeout=300, hosts="localhost", inventory=None):
        """Run several tasks in one play of one ansible-playbook run: a run costs a second, a task a tenth of it.

        ``steps``: (module, arguments) pairs, or dicts with ``module``, ``args`` and task keywords such as
        ``check_mode`` or ``diff``. Returns (the completed run, each task's result in order; with ``inventory``, one
        result per host and task). Tasks may fail: their results say so.
        """
        home = self.env["ANSIBLE_HOME"]
        handle, outcome = tempfile.mkstemp(suffix=".json", dir=home)
        os.close(handle)
        tasks = []
        for number, step in enumerate(steps):
            step = dict(module=step[0], args=step[1]) if isinstance(step, tuple) else dict(step)
            keywords = dict((key, value) for key, value in step.items() if key not in ("module", "args"))
            task = {"name": "The module under test %d" % number, COLLECTION + "." + step["module"]: step["args"], "ignore_errors": True}
            tasks.append(dict(task, **keywords))
        play = [{"name": "Tasks under test", "hosts": hosts, "gather_facts": False, "tasks": tasks}]
        with tempfile.NamedTemporaryFile("w", suffix=".yml", dir=home, delete=False) as playbook:
            json.dump(play, playbook)
        keep = {"KEEP_RESULT_FILE": outcome, "ANSIBLE_CALLBACK_PLUGINS": os.path.join(HERE, "callback_plugins"), "ANSIBLE_CALLBACKS_ENABLED": "keep_result"}
        argv = [os.path.join(BIN, "ansible-playbook"), playbook.name] + (["-i", inventory] if inventory else []) + list(args)
        completed = self._run(argv, dict(env or {}, **keep), timeout)
        with open(outcome) as handle:
            results = [json.loads(line) for line in handle if line.strip()]
        assert results, completed.output
        return completed, results

    def command(self, name, *args, env=None, timeout=120):
        return self._run([os.path.join(BIN, name)] + list(args), env, timeout)


def refusals(cases, outcomes):
    """Each case (name: (module, arguments, text)) whose task did not fail with ``text`` in its message, and what it said.

    For the tests that run many bad inputs as the tasks of one play (a run costs a second, a task a tenth of it).
    """
    return [
        "%s: %s" % (name, outcome.get("msg"))
        for (name, (_module, _args, text)), outcome in zip(cases.items(), outcomes)
        if not (outcome.get("failed") and text in outcome.get("msg", ""))
    ]


def during(fake, outcome):
    """The requests the fake saw while the task of ``outcome`` (a result kept by the harness) ran."""
    start, end = outcome["_window"]
    return [request for request in fake.requests_seen() if start <= request["time"] <= end]


def recap(result):
    """The counters of localhost's PLAY RECAP line, e.g. {'ok': 2, 'changed': 1, 'failed': 0, ...}."""
    for line in result.stdout.splitlines():
        if line.startswith("localhost") and "ok=" in line:
            return dict((key, int(value)) for key, value in (part.split("=") for part in line.split()[2:]))
    raise AssertionError("no PLAY RECAP in output:\n%s" % result.output)
