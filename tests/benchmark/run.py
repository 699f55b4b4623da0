# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Benchmark the modules against the local fake API and check the speed and request targets.

Run with ``./tools/benchmark`` (it sets up the virtualenv). Every scenario is a real
``ansible-playbook`` run of the built and installed collection. Task times come from
a callback (``callback_plugins/task_timer.py``), so Ansible's own start-up is left out;
scenarios are interleaved round by round so that the machine's noise hits them all
alike, and the report gives medians and ratios from the same run. The module's own cost
per kind (the AnsiballZ payload and the import time of our code as AnsiballZ runs it) is
measured on the collection as it is and, in the same run, on the 1.1.0 release
(``--before-rev``, built from git). Writes ``docs/benchmark.md``, ``docs/benchmark.png``
and ``docs/benchmark.json``; exits 1 if a target is missed.
"""

from __future__ import annotations

import argparse
import base64
import glob
import io
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "playbook"))

from harness import BIN, REPO, fake_api, install_collection  # noqa: E402  pylint: disable=wrong-import-position

ACCOUNT = fake_api.DEMO_ACCOUNT_ID
DOMAIN_ID = fake_api.DEMO_DOMAIN_ID
# The settings every single-task scenario asks for (docs/examples/harden_domain_with_uri.yml asks for the same).
HARDENED = {
    "require_tls_inbound": True,
    "require_tls_outbound": True,
    "ip_restrictions": ["192.0.2.0/24", "2001:db8::/32"],
    "drop_dispositions": ["MALICIOUS", "MALICIOUS-BEC", "SPOOF"],
    "lookback_hops": 2,
}
HANDWRITTEN = os.path.join(REPO, "docs", "examples", "harden_domain_with_uri.yml")
MODULE_FILE = "ansible_collections/cloudflare_community/email_security/plugins/modules/email_security_domain.py"

# name: (label, playbook, extra ansible-playbook arguments, whether the domain starts hardened)
SINGLE_TASK = {
    "module_unchanged": ("module, unchanged", "module.yml", [], True),
    "module_changed": ("module, changed", "module.yml", [], False),
    "module_check": ("module, check mode", "module.yml", ["--check"], False),
    "module_by_name_unchanged": ("module by name, unchanged", "module_by_name.yml", [], True),
    "module_by_name_changed": ("module by name, changed", "module_by_name.yml", [], False),
    "uri_patch": ("uri, one blind PATCH", "uri_patch.yml", [], False),
    "handwritten_unchanged": ("uri GET + compare + PATCH, unchanged", HANDWRITTEN, [], True),
    "handwritten_changed": ("uri GET + compare + PATCH, changed", HANDWRITTEN, [], False),
}
# name: (label, playbook): one task each, on an allow list already holding --list-size policies.
LIST_READ = {
    "list_module_unchanged": ("email_security_allow_policies, unchanged", "allow_list_bulk.yml"),
    "uri_list_get": ("uri, one GET of the list", "allow_list_uri_get.yml"),
}
# One module of each kind, for the payload and import cost.
KINDS = {
    "entry": "email_security_domain",
    "info": "email_security_domain_info",
    "list": "email_security_allow_policies",
    "bulk": "email_security_domains",
    "message action": "email_security_message",
    "message info": "email_security_message_info",
    "job": "email_security_message_job",
}
# The 1.1.0 release (galaxy.yml version 1.1.0), the "before" of the payload table.
BEFORE_REV = "5b69310"
MODULES_PACKAGE = "ansible_collections.cloudflare_community.email_security.plugins.modules."


class Bench:
    def __init__(self, work):
        self.work = work
        self.server = fake_api.start_in_thread()
        self.fake = self.server.fake
        collections, _tarball = install_collection(work)
        self.collections = collections
        self.timer_file = os.path.join(work, "timer.json")
        self.env = dict((key, value) for key, value in os.environ.items() if not key.startswith(("CLOUDFLARE_", "ANSIBLE_")))
        self.env.update(
            ANSIBLE_COLLECTIONS_PATH=collections,
            ANSIBLE_HOME=os.path.join(work, "home"),
            ANSIBLE_CALLBACK_PLUGINS=os.path.join(HERE, "callback_plugins"),
            ANSIBLE_CALLBACKS_ENABLED="task_timer",
            ANSIBLE_LOCALHOST_WARNING="0",
            ANSIBLE_INVENTORY_UNPARSED_WARNING="0",
            ANSIBLE_HOST_KEY_CHECKING="0",
            ANSIBLE_PYTHON_INTERPRETER=sys.executable,
            TASK_TIMER_OUTPUT=self.timer_file,
            CLOUDFLARE_API_TOKEN=fake_api.DEMO_TOKEN,
            CLOUDFLARE_ACCOUNT_ID=ACCOUNT,
            CLOUDFLARE_BASE_URL=self.server.base_url,
        )

    def playbook(self, playbook, args=(), extra_vars=None):
        """Run one playbook; return (seconds spent in its tasks, wall seconds, requests on the wire: their methods)."""
        task_seconds, wall, requests = self.playbook_requests(playbook, args, extra_vars)
        return task_seconds, wall, [request["method"] for request in requests]

    def playbook_requests(self, playbook, args=(), extra_vars=None):
        """Run one playbook; return (seconds spent in its tasks, wall seconds, the requests the fake recorded)."""
        argv = [os.path.join(BIN, "ansible-playbook"), playbook if os.path.isabs(playbook) else os.path.join(HERE, "playbooks", playbook)]
        if extra_vars:
            path = os.path.join(self.work, "vars.json")
            with open(path, "w") as handle:
                json.dump(extra_vars, handle)
            argv += ["-e", "@" + path]
        self.fake.requests.clear()
        started = time.perf_counter()
        completed = subprocess.run(argv + list(args), env=self.env, capture_output=True, text=True, check=False)
        wall = time.perf_counter() - started
        if completed.returncode != 0:
            raise SystemExit("%s failed:\n%s%s" % (playbook, completed.stdout, completed.stderr))
        with open(self.timer_file) as handle:
            task_seconds = sum(json.load(handle).values())
        return task_seconds, wall, self.fake.requests_seen()

    def reset(self, hardened):
        self.fake.reset()
        if hardened:
            self.fake.domains[ACCOUNT][DOMAIN_ID].update(json.loads(json.dumps(HARDENED)))

    def single_tasks(self, rounds):
        samples = dict((name, []) for name in SINGLE_TASK)
        wire = {}
        for round_number in range(rounds + 1):
            order = list(SINGLE_TASK)
            if round_number % 2:
                order.reverse()
            for name in order:
                _label, playbook, args, hardened = SINGLE_TASK[name]
                self.reset(hardened)
                task_seconds, _wall, requests = self.playbook(playbook, args)
                if round_number:  # round 0 warms caches and is not counted
                    samples[name].append(task_seconds)
                wire[name] = requests
        return dict((name, {"median": statistics.median(values), "samples": values, "requests": wire[name]}) for name, values in samples.items())

    def fleet(self, size, rounds):
        ids = ["00000000-0000-4000-8000-%012d" % number for number in range(size)]
        seed = [fake_api.make_domain(domain_id, "d%04d.example" % number) for number, domain_id in enumerate(ids)]
        inventory = os.path.join(self.work, "fleet.ini")
        with open(inventory, "w") as handle:
            handle.write("[domains]\n")
            for number, domain_id in enumerate(ids):
                handle.write("d%04d ansible_connection=local domain_id=%s\n" % (number, domain_id))
        scenarios = {
            "loop": ("module in a loop, forks 1", "fleet_loop.yml", ["--forks", "1"], {"domain_ids": ids}),
            "loop_default_forks": ("module in a loop, default forks (5)", "fleet_loop.yml", [], {"domain_ids": ids}),
            "hosts_forks_1": ("module once per host, forks 1", "fleet_hosts.yml", ["-i", inventory, "--forks", "1"], None),
            "hosts_default_forks": ("module once per host, default forks (5)", "fleet_hosts.yml", ["-i", inventory], None),
            "bulk": ("email_security_domains, one task", "fleet_bulk.yml", [], {"bulk_entries": [{"domain_id": domain_id} for domain_id in ids]}),
        }
        results = {}
        for name, (label, playbook, args, extra_vars) in scenarios.items():
            walls, requests = [], []
            for _round in range(rounds):
                self.fake.set_domains(ACCOUNT, seed)
                _task, wall, requests = self.playbook(playbook, args, extra_vars)
                walls.append(wall)
            assert all(domain["require_tls_inbound"] for domain in self.fake.domains[ACCOUNT].values()), name
            results[name] = {
                "label": label,
                "median": statistics.median(walls),
                "samples": walls,
                "requests": len(requests),
                "writes": sum(1 for method in requests if method != "GET"),
            }
        return results

    def allow_list(self, size, rounds):
        """Create ``size`` allow policies: the list module in one task, the single-entry module in a loop, a uri loop."""
        entries = allow_entries(size)
        scenarios = {
            "list_module": ("email_security_allow_policies, one task", "allow_list_bulk.yml"),
            "single_module_loop": ("email_security_allow_policy in a loop", "allow_list_loop.yml"),
            "uri_loop": ("uri in a loop, one blind POST each", "allow_list_uri.yml"),
        }
        results = {}
        for name, (label, playbook) in scenarios.items():
            walls, requests = [], []
            for _round in range(rounds):
                self.fake.reset()
                _task, wall, requests = self.playbook(playbook, (), {"allow_entries": entries})
                walls.append(wall)
            assert len(self.fake.entries(ACCOUNT, "allow_policies")) == size, name
            results[name] = {
                "label": label,
                "median": statistics.median(walls),
                "samples": walls,
                "requests": len(requests),
                "writes": sum(1 for method in requests if method != "GET"),
            }
        return results

    def list_read(self, size, rounds):
        """One task on an allow list of ``size`` policies that it leaves as it is: the list module, and a uri GET of the list."""
        entries = allow_entries(size)
        self.fake.reset()
        self.playbook("allow_list_bulk.yml", (), {"allow_entries": entries})
        assert len(self.fake.entries(ACCOUNT, "allow_policies")) == size
        samples = dict((name, []) for name in LIST_READ)
        walls = dict((name, []) for name in LIST_READ)
        wire = {}
        for round_number in range(rounds + 1):
            order = list(LIST_READ) if round_number % 2 == 0 else list(reversed(LIST_READ))
            for name in order:
                task_seconds, wall, requests = self.playbook_requests(LIST_READ[name][1], (), {"allow_entries": entries})
                if round_number:  # round 0 warms caches and is not counted
                    samples[name].append(task_seconds)
                    walls[name].append(wall)
                wire[name] = requests
        assert len(self.fake.entries(ACCOUNT, "allow_policies")) == size
        return dict(
            (
                name,
                {
                    "label": LIST_READ[name][0],
                    "median": statistics.median(samples[name]),
                    "samples": samples[name],
                    "wall_median": statistics.median(walls[name]),
                    "requests": [request["method"] for request in wire[name]],
                    "queries": [request["query"] for request in wire[name]],
                },
            )
            for name in LIST_READ
        )

    def release(self, count, rounds, loop_rounds):
        """Release ``count`` quarantined messages: the module in one task, a uri loop (one blind POST per id), the module again."""
        ids = ["msg%05d" % number for number in range(count)]
        scenarios = {
            "module": "email_security_message, one task",
            "uri_loop": "uri in a loop, one blind POST per id",
            "rerun": "email_security_message again, nothing left to release",
        }
        samples = dict((name, {"task": [], "wall": []}) for name in scenarios)
        wire = {}

        def run(name, playbook):
            task_seconds, wall, requests = self.playbook_requests(playbook, (), {"message_ids": ids})
            samples[name]["task"].append(task_seconds)
            samples[name]["wall"].append(wall)
            wire[name] = requests
            assert not any(message["is_quarantined"] for message in self.fake.incident.messages(ACCOUNT)), name

        for round_number in range(max(rounds, loop_rounds)):
            if round_number < loop_rounds:
                self.seed_messages(ids)
                run("uri_loop", "release_uri.yml")
            if round_number < rounds:
                self.seed_messages(ids)
                run("module", "release_module.yml")
                run("rerun", "release_module.yml")
        results = {}
        for name, label in scenarios.items():
            requests = wire[name]
            results[name] = {
                "label": label,
                "runs": len(samples[name]["wall"]),
                "median": statistics.median(samples[name]["wall"]),
                "samples": samples[name]["wall"],
                "task_median": statistics.median(samples[name]["task"]),
                "task_samples": samples[name]["task"],
                "requests": len(requests),
                "reads": sum(1 for request in requests if request["method"] == "GET"),
                "writes": sum(1 for request in requests if request["method"] != "GET"),
                "release_calls": sum(1 for request in requests if request["method"] == "POST" and request["path"].endswith("/investigate/release")),
            }
        return results

    def seed_messages(self, ids):
        self.fake.reset()
        self.fake.incident.set_messages(ACCOUNT, [{"id": message_id, "is_quarantined": True} for message_id in ids])

    def module_cost(self, repeats):
        """Import time in a fresh interpreter, and peak memory of one run of the module outside Ansible."""
        env = dict(self.env, PYTHONPATH=self.collections)
        imports = {
            "ansible.module_utils.basic": "ansible.module_utils.basic",
            "requests": "requests",
            "email_security_domain (basic + requests + ours)": "ansible_collections.cloudflare_community.email_security.plugins.modules.email_security_domain",
            "ansible.builtin.uri (basic + urls)": "ansible.modules.uri",
        }
        import_ms = dict((label, _median_import_ms(env, module, repeats)) for label, module in imports.items())
        own = import_ms["email_security_domain (basic + requests + ours)"]
        floor = _median_import_ms(env, "ansible.module_utils.basic, requests", repeats)
        self.reset(False)
        memory = {
            "email_security_domain": self._peak_kib(
                env,
                os.path.join(self.collections, MODULE_FILE),
                dict(HARDENED, domain_id=DOMAIN_ID, account_id=ACCOUNT, api_token=fake_api.DEMO_TOKEN, api_base_url=self.server.base_url),
            ),
        }
        self.reset(False)
        import ansible.modules.uri as uri_module  # pylint: disable=import-outside-toplevel

        memory["ansible.builtin.uri"] = self._peak_kib(
            env,
            uri_module.__file__,
            dict(
                url="%s/accounts/%s/email-security/settings/domains/%s" % (self.server.base_url, ACCOUNT, DOMAIN_ID),
                method="PATCH",
                headers={"Authorization": "Bearer %s" % fake_api.DEMO_TOKEN},
                body_format="json",
                body=HARDENED,
            ),
        )
        return {"import_ms": import_ms, "own_code_ms": own - floor, "peak_kib": memory}

    def kind_cost(self, repeats, before_rev):
        """Per kind of module: the AnsiballZ payload and our code's import time from it, now and at ``before_rev``.

        The import time is that of ``import <the module>`` minus that of ``import ansible.module_utils.basic, requests``,
        both from the payload's zip in a fresh interpreter, as AnsiballZ runs them (zipimport writes no bytecode, so our
        code is compiled on every run); medians of ``repeats``, the interpreters of all payloads interleaved.
        """
        trees = {"now": self.collections}
        if before_rev:
            trees["before"] = build_revision(before_rev, os.path.join(self.work, "before"))
        payloads = {}
        for tree, collections in trees.items():
            for kind, module in KINDS.items():
                if os.path.exists(os.path.join(collections, MODULES_PACKAGE.replace(".", "/"), module + ".py")):
                    payloads[(tree, kind)] = self._payload(collections, module, os.path.join(self.work, "payload", tree, kind.replace(" ", "_")))
        timings = dict((key, {"floor": [], "full": []}) for key in payloads)
        for repeat in range(repeats):
            for key in list(payloads) if repeat % 2 == 0 else list(reversed(payloads)):
                timings[key]["floor"].append(_zip_import_ms(self.work, payloads[key]["zip"], "ansible.module_utils.basic, requests"))
                timings[key]["full"].append(_zip_import_ms(self.work, payloads[key]["zip"], MODULES_PACKAGE + payloads[key]["module"]))
        results = dict((tree, {}) for tree in trees)
        for (tree, kind), payload in payloads.items():
            floor, full = (statistics.median(timings[(tree, kind)][part]) for part in ("floor", "full"))
            results[tree][kind] = dict((name, value) for name, value in payload.items() if name != "zip")
            results[tree][kind].update(floor_import_ms=floor, module_import_ms=full, own_import_ms=full - floor)
        return {"before_rev": before_rev, "repeats": repeats, "kinds": results}

    def _payload(self, collections, module, tmp):
        """Run the module once, keeping its AnsiballZ file; return its sizes, our share of its zip, and the zip's path."""
        os.makedirs(tmp)
        env = dict((key, value) for key, value in os.environ.items() if not key.startswith(("CLOUDFLARE_", "ANSIBLE_")) and key != "PYTHONPATH")
        env.update(
            ANSIBLE_COLLECTIONS_PATH=collections,
            ANSIBLE_HOME=os.path.join(tmp, "home"),
            ANSIBLE_KEEP_REMOTE_FILES="1",
            ANSIBLE_REMOTE_TMP=os.path.join(tmp, "remote"),
            ANSIBLE_LOCALHOST_WARNING="0",
            ANSIBLE_INVENTORY_UNPARSED_WARNING="0",
            ANSIBLE_PYTHON_INTERPRETER=sys.executable,
        )
        # The arguments are wrong on purpose: the module fails at once, and its payload is kept all the same.
        argv = [os.path.join(BIN, "ansible"), "localhost", "-m", "cloudflare_community.email_security." + module, "-a", "account_id=bad"]
        subprocess.run(argv, env=env, capture_output=True, check=False, cwd=tmp)
        found = glob.glob(os.path.join(tmp, "remote", "**", "AnsiballZ_*.py"), recursive=True)
        if len(found) != 1:
            raise SystemExit("%s: expected one AnsiballZ file, found %r" % (module, found))
        with open(found[0]) as handle:
            text = handle.read()
        match = re.search(r"zip_data='([^']+)'", text) or re.search(r'ZIPDATA = """(.*?)"""', text, re.S)
        if not match:
            raise SystemExit("%s: no embedded zip in %s" % (module, found[0]))
        data = base64.b64decode(match.group(1))
        path = os.path.join(tmp, "payload.zip")
        with open(path, "wb") as handle:
            handle.write(data)
        with zipfile.ZipFile(path) as archive:
            own = [info for info in archive.infolist() if "cloudflare_community" in info.filename and info.filename.endswith(".py")]
        return {
            "module": module,
            "ansiballz_bytes": len(text.encode()),
            "zip_bytes": len(data),
            "own_files": len(own),
            "own_source_bytes": sum(info.file_size for info in own),
            "zip": path,
        }

    def _peak_kib(self, env, path, args):
        args_file = os.path.join(self.work, "args.json")
        with open(args_file, "w") as handle:
            json.dump({"ANSIBLE_MODULE_ARGS": args}, handle)
        code = (
            "import resource, runpy, sys\nsys.argv = [sys.argv[1], sys.argv[2]]\n"
            "try:\n    runpy.run_path(sys.argv[0], run_name='__main__')\nexcept SystemExit:\n    pass\n"
            "sys.stderr.write('PEAK %d\\n' % resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
        )
        completed = subprocess.run([sys.executable, "-c", code, path, args_file], env=env, capture_output=True, text=True, check=True)
        if '"failed": true' in completed.stdout:
            raise SystemExit("%s failed: %s" % (path, completed.stdout))
        return int(completed.stderr.rsplit("PEAK ", 1)[1])


def build_revision(rev, work):
    """Build and install the collection as it was at ``rev`` (from git, the work tree untouched); return the collections path."""
    archive = subprocess.run(["git", "-C", REPO, "archive", "--format=tar", rev], capture_output=True, check=False)
    if archive.returncode != 0:
        raise SystemExit("git archive %s failed (%s); pass --before-rev '' to skip the before column" % (rev, archive.stderr.decode().strip()))
    source = os.path.join(work, "source")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(source, filter="data")
    subprocess.run([os.path.join(BIN, "ansible-galaxy"), "collection", "build", "--output-path", work, source], check=True, capture_output=True)
    installed = os.path.join(work, "collections")
    tarball = glob.glob(os.path.join(work, "cloudflare_community-email_security-*.tar.gz"))[0]
    subprocess.run([os.path.join(BIN, "ansible-galaxy"), "collection", "install", "--offline", "-p", installed, tarball], check=True, capture_output=True)
    return installed


def _zip_import_ms(cwd, path, modules):
    """Milliseconds to ``import modules`` in a fresh interpreter with the zip at ``path`` first on sys.path."""
    code = "import sys, time; sys.path.insert(0, %r); t = time.perf_counter(); import %s; print(time.perf_counter() - t)" % (path, modules)
    env = dict((key, value) for key, value in os.environ.items() if key != "PYTHONPATH")
    return float(subprocess.run([sys.executable, "-c", code], env=env, cwd=cwd, capture_output=True, text=True, check=True).stdout) * 1000


def allow_entries(size):
    return [{"pattern_type": "DOMAIN", "pattern": "sender%04d.example" % number, "is_acceptable_sender": True} for number in range(size)]


def _median_import_ms(env, modules, repeats):
    """Median milliseconds to ``import modules`` in a fresh interpreter."""
    code = "import time; t = time.perf_counter(); import %s; print(time.perf_counter() - t)" % modules
    return statistics.median(
        float(subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout) * 1000 for _run in range(repeats)
    )


def check_targets(results, list_size, release_size):
    single, fleet, allow_list, list_read, release = (results[key] for key in ("single_task", "fleet", "allow_list", "list_read", "release"))
    ratio_uri = single["module_changed"]["median"] / single["uri_patch"]["median"]
    ratio_list = list_read["list_module_unchanged"]["median"] / list_read["uri_list_get"]["median"]
    writes = [method for method in single["module_check"]["requests"] if method != "GET"]
    module, rerun = release["module"], release["rerun"]
    return [
        ("an unchanged task makes exactly 1 request", single["module_unchanged"]["requests"] == ["GET"]),
        ("a changed task makes exactly 2 requests", single["module_changed"]["requests"] == ["GET", "PATCH"]),
        (
            "by name: unchanged 1 request, changed 2 (at most 3)",
            single["module_by_name_unchanged"]["requests"] == ["GET"] and single["module_by_name_changed"]["requests"] == ["GET", "PATCH"],
        ),
        ("check mode never writes", not writes),
        ("a changed task (GET, compare, PATCH) <= 1.0 x one blind uri PATCH task (%.2fx)" % ratio_uri, ratio_uri <= 1.0),
        (
            "faster than the hand-written uri GET + compare + PATCH, changed (%.2fx)"
            % (single["module_changed"]["median"] / single["handwritten_changed"]["median"]),
            single["module_changed"]["median"] < single["handwritten_changed"]["median"],
        ),
        (
            "faster than the hand-written uri GET + compare + PATCH, unchanged (%.2fx)"
            % (single["module_unchanged"]["median"] / single["handwritten_unchanged"]["median"]),
            single["module_unchanged"]["median"] < single["handwritten_unchanged"]["median"],
        ),
        ("the bulk module needs a handful of requests for the fleet (%d)" % fleet["bulk"]["requests"], fleet["bulk"]["requests"] <= 6),
        (
            "the allow list in one task: 1 list read + 1 batch call per 1000 creations (%d)" % allow_list["list_module"]["requests"],
            allow_list["list_module"]["requests"] == 1 + -(-list_size // 1000),
        ),
        (
            # A full page of 1000 is read on, whatever total_count says: 1000 policies take 2 pages (the second empty).
            "the unchanged allow list in one task: list reads only, one page per 1000 policies and one more (%s)"
            % " ".join(list_read["list_module_unchanged"]["requests"]),
            list_read["list_module_unchanged"]["requests"] == ["GET"] * (list_size // 1000 + 1),
        ),
        ("the unchanged allow list task <= 1.1 x a uri GET of the list (%.2fx)" % ratio_list, ratio_list <= 1.1),
        (
            "releasing %d messages in one task: %d reads + 1 release call (%d reads, %d writes, %d release calls)"
            % (release_size, release_size, module["reads"], module["writes"], module["release_calls"]),
            module["reads"] == release_size and module["writes"] == 1 and module["release_calls"] == 1,
        ),
        (
            "the rerun on the released messages: %d reads, no write (%d reads, %d writes)" % (release_size, rerun["reads"], rerun["writes"]),
            rerun["reads"] == release_size and rerun["writes"] == 0,
        ),
    ]


def _kib(value):
    return "%.1f KiB" % (value / 1024)


def _before_after(before, after, key, spell, compare):
    """``before / after`` of one payload figure; ``(none)`` before for a kind the earlier revision lacked."""
    if not compare:
        return spell(after[key])
    return "%s / %s" % ("(none)" if before is None else spell(before[key]), spell(after[key]))


def write_report(results, output_dir):
    single, list_read, fleet, allow_list, release, cost, kinds, targets, meta = (
        results[key] for key in ("single_task", "list_read", "fleet", "allow_list", "release", "module_cost", "kind_cost", "targets", "meta")
    )
    uri = single["uri_patch"]["median"]
    lines = [
        "# Benchmark",
        "",
        "Written by `./tools/benchmark` on %s (%s, Python %s, %s, %d CPU cores). Every number comes from this one run;"
        % (meta["date"], meta["ansible"], meta["python"], meta["machine"], meta["cores"]),
        "the machine is shared, so compare ratios rather than absolute times. The fake API runs on loopback, so network",
        "latency is close to zero: against Cloudflare, every request adds a round trip and the request counts matter more.",
        "",
        "![task times](benchmark.png)",
        "",
        "## One task (median of %d runs, task time without Ansible's start-up)" % meta["rounds"],
        "",
        "| scenario | median task time | vs one blind uri PATCH | requests on the wire |",
        "|---|---:|---:|---|",
    ]
    for name, (label, _playbook, _args, _hardened) in SINGLE_TASK.items():
        lines.append(
            "| %s | %.0f ms | %.2fx | %d (%s) |"
            % (label, single[name]["median"] * 1000, single[name]["median"] / uri, len(single[name]["requests"]), " ".join(single[name]["requests"]) or "none")
        )
    get = list_read["uri_list_get"]["median"]
    lines += [
        "",
        "## One task on an allow list of %d policies that it leaves as it is (median of %d runs, task time)" % (meta["list_size"], meta["rounds"]),
        "",
        "| scenario | median task time | vs the uri GET | median wall time | requests on the wire |",
        "|---|---:|---:|---:|---|",
    ]
    for item in list_read.values():
        lines.append(
            "| %s | %.0f ms | %.2fx | %.1f s | %d (%s) |"
            % (item["label"], item["median"] * 1000, item["median"] / get, item["wall_median"], len(item["requests"]), " ".join(item["requests"]))
        )
    lines += [
        "",
        "The uri task reads the first page (`page=1&per_page=1000&order=created_at&direction=asc`) and compares nothing;",
        "the module reads the same page, and the next after a full one (it does not trust `total_count` to end the list),",
        "checks every entry and compares the %d it is given with what is there. Neither writes." % meta["list_size"],
        "",
        "## %d domains (median of %d runs, wall time of the whole ansible-playbook run)" % (meta["fleet_size"], meta["fleet_rounds"]),
        "",
        "| scenario | median wall time | requests | writes |",
        "|---|---:|---:|---:|",
    ]
    for item in fleet.values():
        lines.append("| %s | %.1f s | %d | %d |" % (item["label"], item["median"], item["requests"], item["writes"]))
    lines += [
        "",
        "A `loop` runs on one host, so forks do not change it; one host per domain (an inventory of %d local hosts) is" % meta["fleet_size"],
        "what forks parallelise.",
        "",
        "## %d allow policies created from an empty list (median of %d runs, wall time of the whole ansible-playbook run)"
        % (meta["list_size"], meta["list_rounds"]),
        "",
        "| scenario | median wall time | vs the list module | requests | writes |",
        "|---|---:|---:|---:|---:|",
    ]
    for item in allow_list.values():
        lines.append(
            "| %s | %.1f s | %.1fx | %d | %d |"
            % (item["label"], item["median"], item["median"] / allow_list["list_module"]["median"], item["requests"], item["writes"])
        )
    lines += [
        "",
        "The loop of the single-entry module reads the list before each creation (it looks each pattern up), one page per",
        "1000 policies.",
        "",
        "## Releasing %d quarantined messages (wall time of the whole ansible-playbook run)" % meta["release_size"],
        "",
        "| scenario | runs | median wall time | median task time | vs the module | requests | reads | writes |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for item in release.values():
        lines.append(
            "| %s | %d | %.1f s | %.1f s | %.1fx | %d | %d | %d |"
            % (
                item["label"],
                item["runs"],
                item["median"],
                item["task_median"],
                item["median"] / release["module"]["median"],
                item["requests"],
                item["reads"],
                item["writes"],
            )
        )
    lines += [
        "",
        "The module reads each message (one GET each, to release only what is quarantined and to say what it skipped), then",
        "releases them all in one call; the uri loop sends one blind release per id, whatever the message's state. The rerun",
        "finds nothing quarantined and writes nothing.",
        "",
        "## The module's own cost (fresh interpreter, median of %d)" % meta["import_repeats"],
        "",
        "| import | time |",
        "|---|---:|",
    ]
    lines += ["| %s | %.0f ms |" % (label, value) for label, value in cost["import_ms"].items()]
    lines += [
        "",
        "The collection's own code adds %.1f ms to `ansible.module_utils.basic` and `requests`, which the module needs;" % cost["own_code_ms"],
        "it imports nothing else that a run does not use (imported from the installed collection, its bytecode cached).",
        "",
        "| peak memory of one run outside Ansible | max RSS |",
        "|---|---:|",
    ]
    lines += ["| %s | %.1f MiB |" % (label, value / 1024) for label, value in cost["peak_kib"].items()]
    now, before, rev = kinds["kinds"]["now"], kinds["kinds"].get("before", {}), kinds["before_rev"]
    release_name = "1.1.0 (%s)" % rev if rev == BEFORE_REV else rev
    lines += [
        "",
        "### Per kind of module, as AnsiballZ ships and runs it (%s)" % ("%s / now" % release_name if rev else "now"),
        "",
        "| kind | module | AnsiballZ file | our files | our source | our import time |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for kind, after in now.items():
        spells = (("ansiballz_bytes", _kib), ("own_files", str), ("own_source_bytes", _kib), ("own_import_ms", lambda value: "%.1f ms" % value))
        figures = [_before_after(before.get(kind), after, key, spell, bool(rev)) for key, spell in spells]
        lines.append("| %s | %s | %s |" % (kind, after["module"], " | ".join(figures)))
    lines += [
        "",
        "Our files are those of the payload's zip whose names hold `cloudflare_community`; our import time is that of",
        "`import` the module from the zip minus that of `import ansible.module_utils.basic, requests` from the same zip, each",
        "the median of %d fresh interpreters (all payloads interleaved). zipimport writes no bytecode, so every run compiles" % kinds["repeats"],
        "our code again: this is what each task pays.",
    ]
    if rev:
        lines.append("The %s column is the collection built from git at %s in this same run; (none): no such module then." % (release_name, rev))
    lines += ["", "## Targets", "", "| target | met |", "|---|---|"]
    lines += ["| %s | %s |" % (label, "yes" if met else "**no**") for label, met in targets]
    with open(os.path.join(output_dir, "benchmark.md"), "w") as handle:
        handle.write("\n".join(lines) + "\n")
    with open(os.path.join(output_dir, "benchmark.json"), "w") as handle:
        json.dump(results, handle, indent=1, sort_keys=True)
        handle.write("\n")
    plot(results, os.path.join(output_dir, "benchmark.png"))


def _bars(axes, labels, values, colours, notes, title, xlabel):
    axes.barh(labels, values, color=colours)
    for index, note in enumerate(notes):
        axes.text(values[index], index, " " + note, va="center", fontsize=8)
    axes.invert_yaxis()
    axes.set_xlabel(xlabel)
    axes.set_title(title)
    axes.set_xlim(0, max(values) * 1.45)


def plot(results, path):
    import matplotlib  # pylint: disable=import-outside-toplevel

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt  # pylint: disable=import-outside-toplevel

    single, list_read, fleet, allow_list, release, meta = (results[key] for key in ("single_task", "list_read", "fleet", "allow_list", "release", "meta"))
    figure, ((tasks, right), (lists, releases)) = plt.subplots(2, 2, figsize=(17, 10))
    orange, grey = "#f38020", "#7f7f7f"
    rows = [(SINGLE_TASK[name][0], single[name]) for name in SINGLE_TASK] + [
        ("%s (%d policies)" % (item["label"], meta["list_size"]), item) for item in list_read.values()
    ]
    names = list(SINGLE_TASK) + list(LIST_READ)
    _bars(
        tasks,
        [label for label, _item in rows],
        [item["median"] * 1000 for _label, item in rows],
        [orange if name.startswith(("module", "list_module")) else grey for name in names],
        [" %.0f ms, %d req" % (item["median"] * 1000, len(item["requests"])) for _label, item in rows],
        "One task (median of %d runs)" % meta["rounds"],
        "median task time (ms)",
    )
    items = list(fleet.values())
    _bars(
        right,
        [item["label"] for item in items],
        [item["median"] for item in items],
        [grey] * (len(items) - 1) + [orange],
        ["%.1f s, %d req" % (item["median"], item["requests"]) for item in items],
        "%d domains (median of %d runs)" % (meta["fleet_size"], meta["fleet_rounds"]),
        "median wall time (s)",
    )
    items = list(allow_list.values())
    _bars(
        lists,
        [item["label"] for item in items],
        [item["median"] for item in items],
        [orange] + [grey] * (len(items) - 1),
        ["%.1f s, %d req" % (item["median"], item["requests"]) for item in items],
        "%d allow policies created (median of %d runs)" % (meta["list_size"], meta["list_rounds"]),
        "median wall time (s)",
    )
    items = list(release.values())
    _bars(
        releases,
        [item["label"] for item in items],
        [item["median"] for item in items],
        [orange, grey, orange],
        ["%.1f s, %d req (%d writes)" % (item["median"], item["requests"], item["writes"]) for item in items],
        "Releasing %d messages (median wall time)" % meta["release_size"],
        "median wall time (s)",
    )
    releases.set_xlim(0, max(item["median"] for item in items) * 1.7)
    figure.suptitle("cloudflare_community.email_security against the local fake API (%s)" % meta["date"])
    figure.tight_layout()
    figure.savefig(path, dpi=100)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n", maxsplit=1)[0])
    parser.add_argument("--rounds", type=int, default=9, help="runs of each single-task scenario, and of the list reads (default 9)")
    parser.add_argument("--fleet-size", type=int, default=200, help="domains in the fleet scenarios (default 200)")
    parser.add_argument("--fleet-rounds", type=int, default=3, help="runs of each fleet scenario (default 3)")
    parser.add_argument("--list-size", type=int, default=1000, help="allow policies in the list scenarios (default 1000)")
    parser.add_argument(
        "--list-rounds", type=int, default=1, help="runs of each loop over the list and over the messages (default 1: a loop of 1000 tasks takes minutes)"
    )
    parser.add_argument("--release-size", type=int, default=500, help="quarantined messages to release (default 500)")
    parser.add_argument("--release-rounds", type=int, default=5, help="runs of the release module and of its rerun (default 5)")
    parser.add_argument("--import-repeats", type=int, default=15, help="fresh interpreters per import timing (default 15)")
    parser.add_argument(
        "--before-rev", default=BEFORE_REV, help="the git revision of the payload table's before column (default %s, 1.1.0; '' for none)" % BEFORE_REV
    )
    parser.add_argument("--output-dir", default=os.path.join(REPO, "docs"), help="where the report goes (default docs/)")
    args = parser.parse_args(argv)
    import ansible.release  # pylint: disable=import-outside-toplevel

    with tempfile.TemporaryDirectory() as work:
        bench = Bench(work)
        print("single tasks, %d rounds ..." % args.rounds, flush=True)
        single = bench.single_tasks(args.rounds)
        print("allow list of %d read, %d rounds ..." % (args.list_size, args.rounds), flush=True)
        list_read = bench.list_read(args.list_size, args.rounds)
        print("release of %d messages, %d rounds (the uri loop %d) ..." % (args.release_size, args.release_rounds, args.list_rounds), flush=True)
        release = bench.release(args.release_size, args.release_rounds, args.list_rounds)
        print("fleet of %d, %d rounds ..." % (args.fleet_size, args.fleet_rounds), flush=True)
        fleet = bench.fleet(args.fleet_size, args.fleet_rounds)
        print("allow list of %d, %d rounds ..." % (args.list_size, args.list_rounds), flush=True)
        allow_list = bench.allow_list(args.list_size, args.list_rounds)
        print("module cost ...", flush=True)
        cost = bench.module_cost(args.import_repeats)
        print("payload and import time per kind%s ..." % (" (and at %s)" % args.before_rev if args.before_rev else ""), flush=True)
        kind_cost = bench.kind_cost(args.import_repeats, args.before_rev)
        bench.server.shutdown()
    meta = {
        "date": time.strftime("%Y-%m-%d"),
        "ansible": "ansible-core %s" % ansible.release.__version__,
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cores": os.cpu_count(),
        "rounds": args.rounds,
        "fleet_size": args.fleet_size,
        "fleet_rounds": args.fleet_rounds,
        "import_repeats": args.import_repeats,
        "list_size": args.list_size,
        "list_rounds": args.list_rounds,
        "release_size": args.release_size,
        "release_rounds": args.release_rounds,
    }
    results = {
        "single_task": single,
        "list_read": list_read,
        "fleet": fleet,
        "allow_list": allow_list,
        "release": release,
        "module_cost": cost,
        "kind_cost": kind_cost,
        "meta": meta,
    }
    results["targets"] = check_targets(results, args.list_size, args.release_size)
    write_report(results, args.output_dir)
    with open(os.path.join(args.output_dir, "benchmark.md")) as handle:
        print(handle.read())
    missed = [label for label, met in results["targets"] if not met]
    if missed:
        print("targets missed: %s" % "; ".join(missed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
