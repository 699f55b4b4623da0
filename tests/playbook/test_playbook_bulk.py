# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""email_security_domains on 1, 200 and 2,500 domains with real ansible-playbook runs: a handful of requests."""

from __future__ import annotations

import pytest
from harness import fake_api, recap

ACCOUNT = fake_api.DEMO_ACCOUNT_ID
TOKEN_ENV = {"CLOUDFLARE_API_TOKEN": fake_api.DEMO_TOKEN, "CLOUDFLARE_ACCOUNT_ID": ACCOUNT}


def many_domains(count):
    return [fake_api.make_domain("00000000-0000-4000-8000-%012d" % number, "d%04d.example" % number) for number in range(count)]


def calls(fake):
    return [(request["method"], request["path"].rsplit("/", 1)[-1]) for request in fake.requests_seen()]


@pytest.mark.parametrize(
    "count, by, first_run",
    [
        (1, "domain", [("GET", "domains"), ("POST", "batch")]),
        (200, "domain_id", [("GET", "domains"), ("POST", "batch")]),
        (2500, "domain_id", [("GET", "domains")] * 3 + [("POST", "batch")] * 3),
    ],
)
def test_many_domains_in_a_handful_of_requests(ansible, fake, count, by, first_run):
    domains = many_domains(count)
    fake.set_domains(ACCOUNT, domains)
    entries = [{by: domain["id"] if by == "domain_id" else domain["domain"]} for domain in domains]

    checked = ansible.playbook("bulk.yml", "--check", env=TOKEN_ENV, extra_vars={"entries": entries})
    assert checked.returncode == 0, checked.output
    assert recap(checked)["changed"] == 1
    assert {method for method, _path in calls(fake)} == {"GET"}
    checked_calls = len(calls(fake))

    first = ansible.playbook("bulk.yml", env=TOKEN_ENV, extra_vars={"entries": entries})
    assert first.returncode == 0, first.output
    assert recap(first)["changed"] == 1
    assert calls(fake)[checked_calls:] == first_run
    batches = [request["body"] for request in fake.requests_seen("POST")]
    assert sum(len(body["patches"]) for body in batches) == count and max(len(body["patches"]) for body in batches) <= 1000
    assert all(domain["require_tls_inbound"] for domain in fake.domains[ACCOUNT].values())

    seen = len(calls(fake))
    again = ansible.playbook("bulk.yml", env=TOKEN_ENV, extra_vars={"entries": entries, "expect_changed": False})
    assert again.returncode == 0, again.output
    assert recap(again)["changed"] == 0
    assert {method for method, _path in calls(fake)[seen:]} == {"GET"}


@pytest.mark.every_release
def test_diff_is_per_domain(ansible, fake):
    entries = [{"domain": "example.com"}, {"domain": "example.net"}]
    result = ansible.playbook("bulk.yml", "--check", "--diff", env=TOKEN_ENV, extra_vars={"entries": entries})
    assert result.returncode == 0, result.output
    assert "--- before: example.com (%s)" % fake_api.DEMO_DOMAIN_ID in result.stdout
    assert "+++ after: example.net (5c0a7c6e-9a53-4b8e-8d1f-2f0b7f4c9e11)" in result.stdout


def test_a_missing_domain_fails_before_any_write(ansible, fake):
    entries = [{"domain": "example.com"}, {"domain": "missing.example"}]
    result = ansible.playbook("bulk.yml", env=TOKEN_ENV, extra_vars={"entries": entries})
    assert result.returncode == 2
    assert "Nothing was changed: domains[1]: no domain has the name missing.example" in result.stdout
    assert {request["method"] for request in fake.requests_seen()} == {"GET"}
