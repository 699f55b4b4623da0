# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Benchmark the modules against the local fake API and check the speed and request targets.

Run with ``./tools/benchmark`` (it sets up the virtualenv). Every scenario is a real
``ansible-playbook`` run of the built and installed collection. Task times come from
a callback (``callback_plugins/task_timer.py``), so Ansible's own start-up is left out;
scenarios are interleaved round by round so that the machine's noise hits them all
alike, and the report gives medians and ratios from the same run. Writes
``docs/benchmark.md``, ``docs/benchmark.png`` and ``docs/benchmark.json``; exits 1 if a
target is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time

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
        """Run one playbook; return (seconds spent in its tasks, wall seconds, requests on the wire)."""
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
        return task_seconds, wall, [request["method"] for request in self.fake.requests_seen()]

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
        entries = [{"pattern_type": "DOMAIN", "pattern": "sender%04d.example" % number, "is_acceptable_sender": True} for number in range(size)]
        scenarios = {
            "list_module": ("email_security_allow_policies, one task", "allow_list_bulk.yml", False),
            "list_module_unchanged": ("email_security_allow_policies, one task, unchanged", "allow_list_bulk.yml", True),
            "single_module_loop": ("email_security_allow_policy in a loop", "allow_list_loop.yml", False),
            "uri_loop": ("uri in a loop, one blind POST each", "allow_list_uri.yml", False),
        }
        results = {}
        for name, (label, playbook, prefilled) in scenarios.items():
            walls, requests = [], []
            for _round in range(rounds):
                self.fake.reset()
                if prefilled:
                    self.playbook("allow_list_bulk.yml", (), {"allow_entries": entries})
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


def _median_import_ms(env, modules, repeats):
    """Median milliseconds to ``import modules`` in a fresh interpreter."""
    code = "import time; t = time.perf_counter(); import %s; print(time.perf_counter() - t)" % modules
    return statistics.median(
        float(subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout) * 1000 for _run in range(repeats)
    )


def check_targets(single, fleet, allow_list, list_size):
    ratio_uri = single["module_changed"]["median"] / single["uri_patch"]["median"]
    writes = [method for method in single["module_check"]["requests"] if method != "GET"]
    return [
        ("an unchanged task makes exactly 1 request", single["module_unchanged"]["requests"] == ["GET"]),
        ("a changed task makes exactly 2 requests", single["module_changed"]["requests"] == ["GET", "PATCH"]),
        (
            "by name: unchanged 1 request, changed 2 (at most 3)",
            single["module_by_name_unchanged"]["requests"] == ["GET"] and single["module_by_name_changed"]["requests"] == ["GET", "PATCH"],
        ),
        ("check mode never writes", not writes),
        ("changed task <= 1.1 x one blind uri PATCH task (%.2fx)" % ratio_uri, ratio_uri <= 1.1),
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
            "the unchanged allow list in one task: the list read only (%d)" % allow_list["list_module_unchanged"]["requests"],
            allow_list["list_module_unchanged"]["writes"] == 0,
        ),
    ]


def write_report(results, output_dir):
    single, fleet, allow_list, cost, targets, meta = (results[key] for key in ("single_task", "fleet", "allow_list", "module_cost", "targets", "meta"))
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
    lines += [
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
        "The unchanged row starts from the %d policies already there: one paged list read, nothing written. The loop of the" % meta["list_size"],
        "single-entry module reads the list before each creation (it looks each pattern up), one page per 1000 policies.",
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
        "it imports nothing else that a run does not use.",
        "",
        "| peak memory of one run outside Ansible | max RSS |",
        "|---|---:|",
    ]
    lines += ["| %s | %.1f MiB |" % (label, value / 1024) for label, value in cost["peak_kib"].items()]
    lines += ["", "## Targets", "", "| target | met |", "|---|---|"]
    lines += ["| %s | %s |" % (label, "yes" if met else "**no**") for label, met in targets]
    with open(os.path.join(output_dir, "benchmark.md"), "w") as handle:
        handle.write("\n".join(lines) + "\n")
    with open(os.path.join(output_dir, "benchmark.json"), "w") as handle:
        json.dump(results, handle, indent=1, sort_keys=True)
        handle.write("\n")
    plot(single, fleet, allow_list, meta, os.path.join(output_dir, "benchmark.png"))


def plot(single, fleet, allow_list, meta, path):
    import matplotlib  # pylint: disable=import-outside-toplevel

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt  # pylint: disable=import-outside-toplevel

    figure, (left, right, lists) = plt.subplots(1, 3, figsize=(19, 5.5), gridspec_kw={"width_ratios": [3, 2, 2]})
    names = list(SINGLE_TASK)
    values = [single[name]["median"] * 1000 for name in names]
    colours = ["#f38020" if name.startswith("module") else "#7f7f7f" for name in names]
    left.barh([SINGLE_TASK[name][0] for name in names], values, color=colours)
    for index, name in enumerate(names):
        left.text(values[index], index, " %.0f ms, %d req" % (values[index], len(single[name]["requests"])), va="center", fontsize=8)
    left.invert_yaxis()
    left.set_xlabel("median task time (ms)")
    left.set_title("One task (median of %d runs)" % meta["rounds"])
    left.set_xlim(0, max(values) * 1.35)
    labels = [item["label"] for item in fleet.values()]
    seconds = [item["median"] for item in fleet.values()]
    right.barh(labels, seconds, color=["#7f7f7f"] * (len(labels) - 1) + ["#f38020"])
    for index, item in enumerate(fleet.values()):
        right.text(seconds[index], index, " %.1f s, %d req" % (seconds[index], item["requests"]), va="center", fontsize=8)
    right.invert_yaxis()
    right.set_xlabel("median wall time (s)")
    right.set_title("%d domains (median of %d runs)" % (meta["fleet_size"], meta["fleet_rounds"]))
    right.set_xlim(0, max(seconds) * 1.45)
    labels = [item["label"] for item in allow_list.values()]
    seconds = [item["median"] for item in allow_list.values()]
    lists.barh(labels, seconds, color=["#f38020", "#f38020", "#7f7f7f", "#7f7f7f"])
    for index, item in enumerate(allow_list.values()):
        lists.text(seconds[index], index, " %.1f s, %d req" % (seconds[index], item["requests"]), va="center", fontsize=8)
    lists.invert_yaxis()
    lists.set_xlabel("median wall time (s)")
    lists.set_title("%d allow policies (median of %d runs)" % (meta["list_size"], meta["list_rounds"]))
    lists.set_xlim(0, max(seconds) * 1.45)
    figure.suptitle("cloudflare_community.email_security against the local fake API (%s)" % meta["date"])
    figure.tight_layout()
    figure.savefig(path, dpi=110)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n", maxsplit=1)[0])
    parser.add_argument("--rounds", type=int, default=9, help="runs of each single-task scenario (default 9)")
    parser.add_argument("--fleet-size", type=int, default=200, help="domains in the fleet scenarios (default 200)")
    parser.add_argument("--fleet-rounds", type=int, default=3, help="runs of each fleet scenario (default 3)")
    parser.add_argument("--list-size", type=int, default=1000, help="allow policies in the list scenarios (default 1000)")
    parser.add_argument("--list-rounds", type=int, default=1, help="runs of each list scenario (default 1: a loop of 1000 tasks takes minutes)")
    parser.add_argument("--import-repeats", type=int, default=15, help="fresh interpreters per import timing (default 15)")
    parser.add_argument("--output-dir", default=os.path.join(REPO, "docs"), help="where the report goes (default docs/)")
    args = parser.parse_args(argv)
    import ansible.release  # pylint: disable=import-outside-toplevel

    with tempfile.TemporaryDirectory() as work:
        bench = Bench(work)
        print("single tasks, %d rounds ..." % args.rounds, flush=True)
        single = bench.single_tasks(args.rounds)
        print("fleet of %d, %d rounds ..." % (args.fleet_size, args.fleet_rounds), flush=True)
        fleet = bench.fleet(args.fleet_size, args.fleet_rounds)
        print("allow list of %d, %d rounds ..." % (args.list_size, args.list_rounds), flush=True)
        allow_list = bench.allow_list(args.list_size, args.list_rounds)
        print("module cost ...", flush=True)
        cost = bench.module_cost(args.import_repeats)
        bench.server.shutdown()
    targets = check_targets(single, fleet, allow_list, args.list_size)
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
    }
    results = {"single_task": single, "fleet": fleet, "allow_list": allow_list, "module_cost": cost, "targets": targets, "meta": meta}
    write_report(results, args.output_dir)
    with open(os.path.join(args.output_dir, "benchmark.md")) as handle:
        print(handle.read())
    missed = [label for label, met in targets if not met]
    if missed:
        print("targets missed: %s" % "; ".join(missed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
