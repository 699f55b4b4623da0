# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The modules against the fake held to the cloudflare SDK 5.9.0 contract, and to its strict readings where it is silent."""

from __future__ import annotations

import pytest
from harness import fake_api

ACCOUNT = fake_api.DEMO_ACCOUNT_ID
DOMAIN_ID = fake_api.DEMO_DOMAIN_ID
TOKEN_ENV = {"CLOUDFLARE_API_TOKEN": fake_api.DEMO_TOKEN, "CLOUDFLARE_ACCOUNT_ID": ACCOUNT}
INFO = "cloudflare_community.email_security.email_security_domain_info"
BULK = "cloudflare_community.email_security.email_security_domains"


def wire(fake):
    prefix = "/accounts/%s/email-security/settings/domains" % ACCOUNT
    return ["%s %s" % (request["method"], request["path"].replace(prefix, "") or "/") for request in fake.requests_seen()]


@pytest.fixture
def integer_ids(fake):
    fake.set_mode(integer_ids=True)
    yield fake
    fake.set_mode(integer_ids=False)


def test_a_domain_is_never_renamed_and_nothing_is_written(ansible, fake):
    result = ansible.adhoc({"domain_id": DOMAIN_ID, "domain": "example.org", "lookback_hops": 5}, env=TOKEN_ENV)
    assert result.returncode == 2
    assert "is named example.com, not example.org, and a protected domain cannot be renamed" in result.stdout
    assert "remove example.com (state: absent) and create example.org" in result.stdout
    assert wire(fake) == ["GET /%s" % DOMAIN_ID]


def test_a_patch_never_carries_the_name(ansible, fake):
    result = ansible.adhoc({"domain_id": DOMAIN_ID, "domain": "EXAMPLE.com.", "lookback_hops": 5}, env=TOKEN_ENV)
    assert result.returncode == 0, result.output
    assert fake.requests_seen("PATCH")[0]["body"] == {"lookback_hops": 5}


@pytest.mark.parametrize("spelling", ["pending", "PENDING", "Pending"])
def test_info_sends_the_status_in_upper_case(ansible, fake, spelling):
    result = ansible.adhoc({"status": spelling}, "-v", env=TOKEN_ENV, module=INFO)
    assert result.returncode == 0, result.output
    assert fake.requests_seen()[0]["query"]["status"] == ["PENDING"]
    assert '"domain": "example.org"' in result.stdout and '"status": "PENDING"' in result.stdout


def test_folder_and_integration_id_are_cleared_and_the_diff_shows_null(ansible, fake):
    fake.set_domains(ACCOUNT, [fake_api.make_domain(DOMAIN_ID, "example.com", integration_id="182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e")])
    first = ansible.adhoc({"domain_id": DOMAIN_ID, "folder": "", "integration_id": ""}, "--diff", env=TOKEN_ENV)
    assert first.returncode == 0 and "CHANGED" in first.stdout, first.output
    assert '+    "folder": null' in first.stdout and '-    "folder": "AllItems"' in first.stdout
    assert fake.requests_seen("PATCH")[0]["body"] == {"folder": None, "integration_id": None}
    stored = fake.get_domain(ACCOUNT, DOMAIN_ID)
    assert stored["folder"] is None and stored["integration_id"] is None
    second = ansible.adhoc({"domain_id": DOMAIN_ID, "folder": "", "integration_id": ""}, env=TOKEN_ENV)
    assert second.returncode == 0 and "SUCCESS" in second.stdout, second.output


def test_every_module_works_with_integer_ids(ansible, integer_ids):
    fake = integer_ids
    single = ansible.adhoc({"domain_id": "1", "lookback_hops": 3}, env=TOKEN_ENV)
    assert single.returncode == 0 and "CHANGED" in single.stdout, single.output
    by_name = ansible.adhoc({"domain": "example.net", "lookback_hops": 3}, env=TOKEN_ENV)
    assert by_name.returncode == 0 and "CHANGED" in by_name.stdout, by_name.output
    info = ansible.adhoc({"domain_id": "3"}, "-v", env=TOKEN_ENV, module=INFO)
    assert info.returncode == 0 and '"domain": "example.org"' in info.stdout, info.output
    bulk = ansible.adhoc(
        {"lookback_hops": 7, "domains": [{"domain_id": "1"}, {"domain": "example.net"}, {"domain_id": "3"}]}, "--diff", env=TOKEN_ENV, module=BULK
    )
    assert bulk.returncode == 0 and "CHANGED" in bulk.stdout, bulk.output
    assert [patch["id"] for patch in fake.requests_seen("POST")[0]["body"]["patches"]] == [1, 2, 3]
    again = ansible.adhoc({"lookback_hops": 7, "domains": [{"domain_id": "1"}, {"domain": "example.net"}, {"domain_id": "3"}]}, env=TOKEN_ENV, module=BULK)
    assert again.returncode == 0 and "SUCCESS" in again.stdout, again.output
    gone = ansible.adhoc({"domain_id": "2", "state": "absent"}, env=TOKEN_ENV)
    assert gone.returncode == 0 and "CHANGED" in gone.stdout, gone.output


def test_a_partly_applied_batch_is_reported_as_changed_with_what_was_and_was_not_updated(ansible, fake):
    many = [fake_api.make_domain("00000000-0000-4000-8000-%012d" % number, "d%04d.example" % number) for number in range(1500)]
    fake.set_domains(ACCOUNT, many)
    # The second batch fails; the fake applies batches in part, so its first items may have been written.
    fake.add_fault({"method": "POST", "path_contains": "/batch", "status": 500, "times": 1, "after": 1})
    result = ansible.adhoc({"lookback_hops": 2, "max_retries": 0, "domains": [{"domain_id": item["id"]} for item in many]}, "-v", env=TOKEN_ENV, module=BULK)
    assert result.returncode == 2, result.output
    assert "1000 of 1500 changed domains were updated by earlier batches; 500 were in the failed batch" in result.stdout
    assert '"changed": true' in result.stdout and '"maybe_updated": [' in result.stdout
    assert sum(1 for item in fake.domains[ACCOUNT].values() if item["lookback_hops"] == 2) == 1000
