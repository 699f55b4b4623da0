# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""A job launched the way AWX launches it: ansible-runner, the credential type's injectors, a job template's extra vars.

tools/test runs this on ansible-core 2.15 with Python 3.9, the runtime of AWX's default execution environment.
"""

from __future__ import annotations

import glob
import json
import os
import shutil
import sys
from urllib.parse import quote

import pytest
from harness import REPO, fake_api
from test_playbook_email_security_domain import awx_credential_type, awx_environment

ansible_runner = pytest.importorskip("ansible_runner")
pytestmark = pytest.mark.awx

TASK = "Require TLS, accept mail only from our gateways, drop spoofed mail"
# The inventory AWX's documentation gives for jobs that run on the execution node itself.
INVENTORY = 'localhost ansible_connection=local ansible_python_interpreter="{{ ansible_playbook_python }}"'
# A job template's extra variables, as AWX passes them.
JOB_TEMPLATE_EXTRA_VARS = {"domain_id": fake_api.DEMO_DOMAIN_ID}


def launch(private_data_dir, collections_path, base_url, credential):
    """One job, as AWX's task runner starts it: a private data dir, env vars from the credential, extra vars."""
    inputs, injectors = awx_credential_type()
    env = awx_environment(inputs, injectors, credential)
    env.update(
        ANSIBLE_COLLECTIONS_PATH=collections_path,
        CLOUDFLARE_BASE_URL=base_url,
        ANSIBLE_LOCALHOST_WARNING="0",
        ANSIBLE_INVENTORY_UNPARSED_WARNING="0",
        PATH=os.pathsep.join((os.path.dirname(sys.executable), os.environ.get("PATH", ""))),
    )
    return ansible_runner.run(
        private_data_dir=private_data_dir,
        playbook="harden_domain.yml",
        inventory=INVENTORY,
        envvars=env,
        extravars=JOB_TEMPLATE_EXTRA_VARS,
        suppress_env_files=True,
        quiet=True,
    )


def task_results(runner):
    return [
        event["event_data"]["res"]
        for event in runner.events
        if event.get("event") in ("runner_on_ok", "runner_on_failed") and event["event_data"].get("task") == TASK
    ]


@pytest.mark.parametrize(
    "credential",
    [
        {"api_token": fake_api.DEMO_TOKEN, "account_id": fake_api.DEMO_ACCOUNT_ID},
        {"api_email": fake_api.DEMO_EMAIL, "api_key": fake_api.DEMO_API_KEY, "account_id": fake_api.DEMO_ACCOUNT_ID},
    ],
    ids=["token", "e-mail and global key"],
)
def test_an_awx_job_changes_then_reports_ok_and_shows_no_secret(collections_path, fake_server, fake, tmp_path, credential):
    project = tmp_path / "job" / "project"
    project.mkdir(parents=True)
    shutil.copy(os.path.join(REPO, "docs", "examples", "harden_domain.yml"), str(project))
    secret = credential.get("api_token") or credential["api_key"]

    outcomes = []
    for _run in range(2):
        runner = launch(str(tmp_path / "job"), collections_path["path"], fake_server.base_url, credential)
        assert runner.status == "successful" and runner.rc == 0, runner.stdout.read()
        results = task_results(runner)
        assert len(results) == 1, results
        outcomes.append(results[0]["changed"])
    assert outcomes == [True, False]
    assert [request["method"] for request in fake.requests_seen()] == ["GET", "PATCH", "GET"]

    # Every event and every artifact the job left, except ansible-runner's own record of its input: the
    # "command" file, which ansible-runner writes with the job's whole environment (mode 0600) by design.
    artifacts = [
        name for name in glob.glob(str(tmp_path / "job" / "artifacts" / "**"), recursive=True) if os.path.isfile(name) and os.path.basename(name) != "command"
    ]
    assert any("job_events" in name for name in artifacts)
    forms = (secret, json.dumps(secret)[1:-1], quote(secret, safe=""), secret[: len(secret) // 2])
    for name in artifacts:
        with open(name, encoding="utf-8", errors="replace") as handle:
            text = handle.read()
        for form in forms:
            assert form not in text, "%s holds a form of the secret" % name
    assert not os.path.exists(str(tmp_path / "job" / "env" / "envvars")), "suppress_env_files, as AWX runs jobs"
