# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""email_security_domain driven by real ansible-playbook and ansible commands against the fake API."""

from __future__ import annotations

import json
import os
import tarfile

import jinja2
import pytest
import yaml
from harness import FQCN, REPO, fake_api, recap

DOMAIN_ID = fake_api.DEMO_DOMAIN_ID
TOKEN_ENV = {"CLOUDFLARE_API_TOKEN": fake_api.DEMO_TOKEN, "CLOUDFLARE_ACCOUNT_ID": fake_api.DEMO_ACCOUNT_ID}


def methods(fake):
    return [request["method"] for request in fake.requests_seen()]


def assert_succeeded(result):
    assert result.returncode == 0, result.output


@pytest.mark.every_release
def test_change_then_rerun_is_unchanged_with_no_patch(ansible, fake):
    first = ansible.playbook("update.yml", env=TOKEN_ENV)
    assert_succeeded(first)
    assert recap(first)["changed"] == 1
    assert methods(fake) == ["GET", "PATCH"]
    patch = fake.requests_seen("PATCH")[0]
    assert patch["body"] == {
        "require_tls_inbound": True,
        "lookback_hops": 3,
        "regions": ["DE", "US"],
        "ip_restrictions": ["192.0.2.0/24", "198.51.100.7/32", "2001:db8::/32"],
        "drop_dispositions": ["MALICIOUS", "SPOOF"],
    }
    assert patch["auth"] == "token"
    assert patch["user_agent"].startswith("cloudflare_community.email_security/1.2.0 ansible-core/")

    second = ansible.playbook("update.yml", env=TOKEN_ENV, extra_vars={"expect_changed": "false"})
    assert_succeeded(second)
    assert recap(second)["changed"] == 0
    assert methods(fake) == ["GET", "PATCH", "GET"]


def test_api_spellings_and_order_do_not_cause_a_change(ansible, fake):
    stored = fake_api.make_domain(
        DOMAIN_ID,
        "EXAMPLE.com",
        require_tls_inbound=True,
        lookback_hops=3,
        regions=["us", "DE"],
        ip_restrictions=["2001:DB8:0::/32", "198.51.100.7", "192.0.2.0/24"],
        drop_dispositions=["spoof", "MALICIOUS", "SPOOF"],
    )
    fake.set_domains(fake_api.DEMO_ACCOUNT_ID, [stored])
    result = ansible.playbook("update.yml", env=TOKEN_ENV, extra_vars={"expect_changed": "false", "check_values": "false"})
    assert_succeeded(result)
    assert recap(result)["changed"] == 0
    assert methods(fake) == ["GET"]


@pytest.mark.every_release
def test_check_mode_reports_the_change_and_writes_nothing(ansible, fake):
    result = ansible.playbook("update.yml", "--check", env=TOKEN_ENV)
    assert_succeeded(result)
    assert recap(result)["changed"] == 1
    assert methods(fake) == ["GET"]
    assert fake.get_domain(fake_api.DEMO_ACCOUNT_ID, DOMAIN_ID)["lookback_hops"] == 1


@pytest.mark.every_release
def test_diff_shows_before_and_after(ansible, fake):
    result = ansible.playbook("lookback.yml", "--diff", "--check", env=TOKEN_ENV, extra_vars={"hops": "7"})
    assert_succeeded(result)
    assert '-    "lookback_hops": 1' in result.stdout
    assert '+    "lookback_hops": 7' in result.stdout
    assert methods(fake) == ["GET"]


@pytest.mark.parametrize(
    "env",
    [
        {"CLOUDFLARE_API_TOKEN": fake_api.DEMO_TOKEN},
        {"CLOUDFLARE_TOKEN": fake_api.DEMO_TOKEN},
        {"CLOUDFLARE_EMAIL": fake_api.DEMO_EMAIL, "CLOUDFLARE_API_KEY": fake_api.DEMO_API_KEY},
    ],
    ids=["CLOUDFLARE_API_TOKEN", "CLOUDFLARE_TOKEN", "CLOUDFLARE_EMAIL+CLOUDFLARE_API_KEY"],
)
def test_credentials_and_account_from_environment_only(ansible, fake, env):
    env = dict(env, CLOUDFLARE_ACCOUNT_ID=fake_api.DEMO_ACCOUNT_ID)
    result = ansible.playbook("lookback.yml", env=env)
    assert_succeeded(result)
    assert recap(result)["changed"] == 1
    assert {request["auth"] for request in fake.requests_seen()} == {"key" if "CLOUDFLARE_EMAIL" in env else "token"}


@pytest.mark.parametrize(
    "extra_vars, style",
    [
        ({"token": fake_api.DEMO_TOKEN}, "token"),
        ({"email": fake_api.DEMO_EMAIL, "key": fake_api.DEMO_API_KEY}, "key"),
    ],
    ids=["api_token", "account_email+account_api_key"],
)
def test_both_credential_styles_as_task_options(ansible, fake, extra_vars, style):
    result = ansible.playbook("credentials_in_task.yml", extra_vars=dict(extra_vars, account_id=fake_api.DEMO_ACCOUNT_ID))
    assert_succeeded(result)
    assert [request["auth"] for request in fake.requests_seen()] == [style, style]


@pytest.mark.every_release
def test_bad_inputs_send_no_request(ansible, fake):
    result = ansible.playbook("bad_inputs.yml", extra_vars={"token": fake_api.DEMO_TOKEN})
    assert_succeeded(result)
    assert recap(result)["ignored"] == 1
    assert fake.requests_seen() == []


def test_not_found_forbidden_and_unauthorised_wording(ansible, fake):
    result = ansible.playbook("errors.yml", env=TOKEN_ENV, extra_vars={"read_only_token": fake_api.READ_ONLY_TOKEN})
    assert_succeeded(result)
    assert methods(fake) == ["GET", "GET", "PATCH", "GET"]
    assert "Traceback" not in result.output


def test_one_429_is_retried_and_succeeds(ansible, fake):
    fake.add_fault({"method": "PATCH", "status": 429, "retry_after": 1, "times": 1})
    result = ansible.playbook("lookback.yml", env=TOKEN_ENV)
    assert_succeeded(result)
    assert methods(fake) == ["GET", "PATCH", "PATCH"]
    first_patch, second_patch = fake.requests_seen("PATCH")
    assert second_patch["time"] - first_patch["time"] >= 0.9
    assert fake.get_domain(fake_api.DEMO_ACCOUNT_ID, DOMAIN_ID)["lookback_hops"] == 4


def test_persistent_server_errors_fail_cleanly_within_the_retry_bound(ansible, fake):
    fake.add_fault({"method": "GET", "status": 503, "times": 100})
    result = ansible.playbook("lookback.yml", env=TOKEN_ENV, extra_vars={"retries": "2"})
    assert result.returncode == 2
    assert methods(fake) == ["GET", "GET", "GET"]
    assert "Cloudflare answered with a server error: [1503] Injected failure (HTTP 503" in result.stdout
    assert "Traceback" not in result.output
    assert result.seconds < 30


def test_a_malformed_answer_fails_cleanly(ansible, fake):
    fake.add_fault({"method": "GET", "body": "malformed", "status": 200})
    result = ansible.playbook("lookback.yml", env=TOKEN_ENV)
    assert result.returncode == 2
    assert "Expected a JSON response from Cloudflare but got application/json that could not be decoded" in result.stdout
    assert "Traceback" not in result.output


def test_a_slow_answer_times_out(ansible, fake):
    fake.add_fault({"method": "GET", "delay": 3, "times": 1})
    result = ansible.playbook("lookback.yml", env=TOKEN_ENV, extra_vars={"retries": "0", "timeout_seconds": "1"})
    assert result.returncode == 2
    assert "timed out after 1.0 seconds" in result.stdout


@pytest.mark.every_release
def test_the_token_never_appears_in_verbose_output(ansible, fake):
    changed = ansible.playbook("update.yml", "-vvv", "--diff", env=TOKEN_ENV)
    assert_succeeded(changed)
    failed = ansible.playbook("errors.yml", "-vvv", env=TOKEN_ENV, extra_vars={"read_only_token": fake_api.READ_ONLY_TOKEN})
    assert_succeeded(failed)
    assert '"lookback_hops": 3' in changed.output
    assert "Authentication error" in failed.output
    for output in (changed.output, failed.output):
        assert "EXEC" in output, "not -vvv output"
        assert fake_api.DEMO_TOKEN not in output
        assert fake_api.READ_ONLY_TOKEN not in output
    legacy = ansible.playbook(
        "credentials_in_task.yml", "-vvv", extra_vars={"account_id": fake_api.DEMO_ACCOUNT_ID, "email": fake_api.DEMO_EMAIL, "key": fake_api.DEMO_API_KEY}
    )
    assert_succeeded(legacy)
    assert fake_api.DEMO_API_KEY not in legacy.output


@pytest.mark.every_release
def test_adhoc_command_changes_then_reports_ok(ansible, fake):
    args = "domain_id=%s regions=US,AU require_tls_outbound=true" % DOMAIN_ID
    first = ansible.adhoc(args, env=TOKEN_ENV)
    assert first.returncode == 0, first.output
    assert "localhost | CHANGED" in first.stdout
    second = ansible.adhoc(args, env=TOKEN_ENV)
    assert second.returncode == 0, second.output
    assert "localhost | SUCCESS" in second.stdout
    assert methods(fake) == ["GET", "PATCH", "GET"]
    assert sorted(fake.get_domain(fake_api.DEMO_ACCOUNT_ID, DOMAIN_ID)["regions"]) == ["AU", "US"]


def test_adhoc_bad_input_names_the_option(ansible, fake):
    result = ansible.adhoc("domain_id=%s lookback_hops=99" % DOMAIN_ID, env=TOKEN_ENV)
    assert result.returncode != 0
    assert "lookback_hops must be between 1 and 20, got 99" in result.stdout
    assert fake.requests_seen() == []


@pytest.mark.every_release
def test_ansible_doc_renders_complete_documentation(ansible):
    text = ansible.command("ansible-doc", FQCN)
    assert text.returncode == 0, text.output
    for needle in (
        "OPTIONS",
        "api_token",
        "CLOUDFLARE_API_TOKEN",
        "lookback_hops",
        "ip_restrictions",
        "ATTRIBUTES",
        "check_mode",
        "diff_mode",
        "EXAMPLES",
        "RETURN VALUES",
        "domain_id",
    ):
        assert needle in text.stdout, needle
    rendered = ansible.command("ansible-doc", "--json", FQCN)
    doc = json.loads(rendered.stdout)[FQCN]
    assert set(doc["doc"]["options"]) >= {
        "account_id",
        "api_token",
        "api_email",
        "api_key",
        "api_base_url",
        "validate_certs",
        "timeout",
        "max_retries",
        "domain_id",
        "allowed_delivery_modes",
        "domain",
        "drop_dispositions",
        "folder",
        "integration_id",
        "ip_restrictions",
        "lookback_hops",
        "regions",
        "require_tls_inbound",
        "require_tls_outbound",
        "transport",
    }
    assert "domain" in doc["return"]
    assert "cloudflare_community.email_security.email_security_domain:" in doc["examples"]
    assert "CLOUDFLARE_API_TOKEN" in doc["examples"]


@pytest.mark.parametrize(
    "module, returns",
    [
        ("email_security_domain_info", "domains"),
        ("email_security_domains", "changes"),
    ],
)
def test_ansible_doc_renders_the_other_modules(ansible, module, returns):
    name = "cloudflare_community.email_security." + module
    doc = json.loads(ansible.command("ansible-doc", "--json", name).stdout)[name]
    assert {"account_id", "api_token", "max_retries"} <= set(doc["doc"]["options"])
    assert returns in doc["return"]
    assert name + ":" in doc["examples"]


@pytest.mark.every_release
def test_ansible_doc_lists_every_module(ansible):
    listed = ansible.command("ansible-doc", "-l", "cloudflare_community.email_security")
    shipped = sorted(
        "cloudflare_community.email_security." + name[:-3] for name in os.listdir(os.path.join(REPO, "plugins", "modules")) if name.endswith(".py")
    )
    assert len(shipped) == 27
    assert sorted(line.split()[0] for line in listed.stdout.splitlines() if line.strip()) == shipped


@pytest.mark.parametrize(
    "module, options",
    [("email_security_allow_policies", ["purge", "allow_empty", "verify_sender"]), ("email_security_block_sender_info", ["pattern_id", "search"])],
)
def test_ansible_doc_renders_the_generated_options(ansible, module, options):
    shown = ansible.command("ansible-doc", "--json", "cloudflare_community.email_security." + module)
    assert shown.returncode == 0, shown.output
    doc = json.loads(shown.stdout)["cloudflare_community.email_security." + module]["doc"]
    documented = set(doc["options"]) | set(doc["options"].get("entries", {}).get("suboptions", {}))
    assert set(options) <= documented
    assert doc["attributes"]["action_group"]["membership"] == ["cloudflare_community.email_security.email_security"]


def test_the_built_tarball_holds_the_collection_and_no_dev_files(collections_path):
    with tarfile.open(collections_path["tarball"]) as tarball:
        names = tarball.getnames()
    assert "plugins/modules/email_security_domain.py" in names
    assert "plugins/module_utils/_api.py" in names
    assert "meta/runtime.yml" in names
    assert not [name for name in names if name.startswith((".venv", ".git/", "tests/output", ".ci"))]


@pytest.mark.parametrize("example", ["harden_domain.yml", "harden_domain_with_uri.yml"])
def test_the_documented_examples_change_then_report_ok(ansible, fake, example):
    """The README's example, and the hand-written uri play of the migration guide, both against the fake API."""
    for expected_changes in (1, 0):
        result = ansible.playbook(os.path.join(REPO, "docs", "examples", example), env=TOKEN_ENV)
        assert_succeeded(result)
        assert recap(result)["changed"] == expected_changes
    assert methods(fake) == ["GET", "PATCH", "GET"]
    assert fake.get_domain(fake_api.DEMO_ACCOUNT_ID, DOMAIN_ID)["drop_dispositions"] == ["MALICIOUS", "MALICIOUS-BEC", "SPOOF"]


def awx_credential_type():
    """docs/awx/'s inputs and injectors, checked equal to what docs/awx/credential_type.yml creates."""

    def load(name):
        with open(os.path.join(REPO, "docs", "awx", name)) as handle:
            return yaml.load(handle, Loader=UnsafeTagLoader)

    inputs, injectors = load("credential_type_inputs.yml"), load("credential_type_injectors.yml")
    task = load("credential_type.yml")[0]["tasks"][0]["awx.awx.credential_type"]
    assert (task["inputs"], task["injectors"]) == (inputs, injectors)
    return inputs, injectors


class UnsafeTagLoader(yaml.SafeLoader):
    """Reads Ansible's !unsafe tag as a plain string."""


UnsafeTagLoader.add_constructor("!unsafe", lambda loader, node: loader.construct_scalar(node))


def awx_environment(inputs, injectors, values):
    """The environment AWX builds from a credential: optional fields left empty render as empty strings."""
    context = dict((field["id"], values.get(field["id"], "")) for field in inputs["fields"])
    return dict((name, jinja2.Template(template).render(**context)) for name, template in injectors["env"].items())


@pytest.mark.parametrize(
    "values",
    [
        {"api_token": fake_api.DEMO_TOKEN, "account_id": fake_api.DEMO_ACCOUNT_ID},
        {"api_email": fake_api.DEMO_EMAIL, "api_key": fake_api.DEMO_API_KEY, "account_id": fake_api.DEMO_ACCOUNT_ID},
    ],
    ids=["token", "e-mail and global key"],
)
def test_the_awx_credential_type_feeds_the_module(ansible, fake, values):
    """Apply docs/awx/ the way AWX does: fill the inputs, render the injectors, run with that environment."""
    inputs, injectors = awx_credential_type()
    assert inputs["required"] == ["account_id"]
    assert sorted(field["id"] for field in inputs["fields"] if field.get("secret")) == ["api_key", "api_token"]
    env = awx_environment(inputs, injectors, values)
    assert env["CLOUDFLARE_BASE_URL"] == ""  # left empty: the default API address (here the harness's own below)
    env["CLOUDFLARE_BASE_URL"] = ansible.env["CLOUDFLARE_BASE_URL"]
    result = ansible.playbook(os.path.join(REPO, "docs", "examples", "harden_domain.yml"), env=env)
    assert_succeeded(result)
    assert recap(result)["changed"] == 1
    assert fake.requests_seen()[0]["auth"] == ("token" if "api_token" in values else "key")
    for secret in (fake_api.DEMO_TOKEN, fake_api.DEMO_API_KEY):
        assert secret not in result.output
    assert "Ignored the environment" not in result.output
