# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The whole life of a domain, lookup by name, the info module and the action group, with real ansible-playbook runs."""

from __future__ import annotations

import pytest
from harness import fake_api, recap

ACCOUNT = fake_api.DEMO_ACCOUNT_ID
TOKEN_ENV = {"CLOUDFLARE_API_TOKEN": fake_api.DEMO_TOKEN, "CLOUDFLARE_ACCOUNT_ID": ACCOUNT}
NEW = {"domain_name": "new.example", "modes": ["DIRECT"], "networks": ["192.0.2.0/24"], "drops": ["MALICIOUS"], "regions": ["GLOBAL"]}


def wire(fake):
    """The requests seen, as 'METHOD path' with the account prefix dropped."""
    prefix = "/accounts/%s/email-security/settings/domains" % ACCOUNT
    return ["%s %s" % (request["method"], request["path"].replace(prefix, "") or "/") for request in fake.requests_seen()]


def names(fake):
    return sorted(domain["domain"] for domain in fake.domains[ACCOUNT].values())


def run(ansible, playbook, *args, **extra_vars):
    result = ansible.playbook(playbook, *args, env=TOKEN_ENV, extra_vars=extra_vars)
    assert result.returncode == 0, result.output
    return result


def test_update_by_name_then_rerun(ansible, fake):
    first = run(ansible, "by_name.yml", domain_name="example.net", hops=6)
    assert recap(first)["changed"] == 1
    assert wire(fake) == ["GET /", "PATCH /5c0a7c6e-9a53-4b8e-8d1f-2f0b7f4c9e11"]
    lookup = fake.requests_seen()[0]
    # The name goes to the API's filter, in canonical form (1.1.0 read every domain of the account instead).
    assert lookup["query"]["domain"] == ["example.net"] and lookup["query"]["order"] == ["domain"]
    assert "search" not in lookup["query"]
    second = run(ansible, "by_name.yml", domain_name="EXAMPLE.net.", hops=6, expect_changed=False)
    assert recap(second)["changed"] == 0
    assert wire(fake)[2:] == ["GET /"]


def test_several_domains_with_one_name_fail_without_writing(ansible, fake):
    twin = fake_api.make_domain("7e57d0d0-0000-4000-8000-000000000001", "example.com")
    fake.set_domains(ACCOUNT, list(fake.domains[ACCOUNT].values()) + [twin])
    result = ansible.playbook("by_name.yml", env=TOKEN_ENV, extra_vars={"domain_name": "example.com", "hops": 2})
    assert result.returncode == 2
    assert (
        "2 Email Security domains of account %s are named example.com (ids: %s, %s); set domain_id to choose one"
        % (ACCOUNT, twin["id"], fake_api.DEMO_DOMAIN_ID)
    ) in result.stdout, result.stdout
    assert wire(fake) == ["GET /"]


def test_a_missing_name_without_the_fields_creation_needs_fails_clearly(ansible, fake):
    result = ansible.playbook("by_name.yml", env=TOKEN_ENV, extra_vars={"domain_name": "new.example", "hops": 2})
    assert result.returncode == 2
    assert (
        "Email Security domain new.example does not exist in account %s; to create it, also set allowed_delivery_modes, "
        "drop_dispositions, ip_restrictions, regions" % ACCOUNT
    ) in result.stdout
    # Not found by the API's filter (whose handling of case is not documented): the whole list is read to be sure.
    assert wire(fake) == ["GET /", "GET /"]


def test_create_check_mode_then_create_then_rerun(ansible, fake):
    checked = run(ansible, "by_name.yml", "--check", "--diff", **NEW)
    assert recap(checked)["changed"] == 1
    assert '+    "domain": "new.example"' in checked.stdout
    assert wire(fake) == ["GET /", "GET /"] and "new.example" not in names(fake)

    created = run(ansible, "by_name.yml", **NEW)
    assert recap(created)["changed"] == 1
    assert wire(fake)[2:] == ["GET /", "GET /", "POST /"]
    assert fake.requests_seen("POST")[0]["body"] == {
        "domain": "new.example",
        "allowed_delivery_modes": ["DIRECT"],
        "ip_restrictions": ["192.0.2.0/24"],
        "drop_dispositions": ["MALICIOUS"],
        "regions": ["GLOBAL"],
    }
    assert "new.example" in names(fake)

    again = run(ansible, "by_name.yml", expect_changed=False, **NEW)
    assert recap(again)["changed"] == 0
    assert wire(fake)[5:] == ["GET /"]


def test_remove_check_mode_then_remove_then_rerun(ansible, fake):
    checked = run(ansible, "by_name.yml", "--check", "--diff", domain_name="example.org", state="absent")
    assert recap(checked)["changed"] == 1
    assert '-    "domain": "example.org"' in checked.stdout
    assert "example.org" in names(fake)

    removed = run(ansible, "by_name.yml", domain_name="example.org", state="absent")
    assert recap(removed)["changed"] == 1
    assert wire(fake)[1:] == ["GET /", "DELETE /9d2f5b1a-3c4e-4f60-8a7b-1c2d3e4f5a6b"]
    assert names(fake) == ["example.com", "example.net"]

    again = run(ansible, "by_name.yml", domain_name="example.org", state="absent", expect_changed=False)
    assert recap(again)["changed"] == 0
    # Absent only once the whole list was read: the API's filter finding nothing is not enough.
    assert wire(fake)[3:] == ["GET /", "GET /"]


def test_remove_by_id_then_rerun(ansible, fake):
    args = "domain_id=%s state=absent" % fake_api.DEMO_DOMAIN_ID
    first = ansible.adhoc(args, env=TOKEN_ENV)
    assert first.returncode == 0 and "localhost | CHANGED" in first.stdout, first.output
    second = ansible.adhoc(args, env=TOKEN_ENV)
    assert second.returncode == 0 and "localhost | SUCCESS" in second.stdout, second.output
    assert wire(fake) == ["GET /%s" % fake_api.DEMO_DOMAIN_ID, "DELETE /%s" % fake_api.DEMO_DOMAIN_ID, "GET /%s" % fake_api.DEMO_DOMAIN_ID]


def many_domains(count):
    statuses = ("ACTIVE", "PENDING", "FAILED", "TIMEOUT")
    return [
        fake_api.make_domain(
            "00000000-0000-4000-8000-%012d" % number,
            "d%04d.example" % ((number * 7919) % count),
            status=statuses[number % 4],
            allowed_delivery_modes=["BCC"] if number % 5 == 0 else ["DIRECT"],
        )
        for number in range(count)
    ]


def test_info_lists_every_page_in_order(ansible, fake):
    fake.set_domains(ACCOUNT, many_domains(2500))
    result = run(ansible, "info.yml", expected_count=2500)
    assert recap(result)["changed"] == 0
    assert wire(fake)[:3] == ["GET /"] * 3
    assert [request["query"]["page"] for request in fake.requests_seen()[:3]] == [["1"], ["2"], ["3"]]
    assert {request["query"]["per_page"][0] for request in fake.requests_seen()[:3]} == {"1000"}


def test_info_filters_across_pages(ansible, fake):
    fake.set_domains(ACCOUNT, many_domains(2500))
    run(ansible, "info.yml", status="pending", expected_count=625)
    assert fake.requests_seen()[0]["query"]["status"] == ["PENDING"]
    # The fake reports the unfiltered total (2500), as Cloudflare defines it: for a filtered list, the short page
    # of the page size asked ends the listing (the second request reads one domain by id).
    assert wire(fake) == ["GET /", "GET /%s" % fake.requests_seen()[1]["path"].rsplit("/", 1)[1]]
    run(ansible, "info.yml", allowed_mode="BCC", expected_count=500)
    run(ansible, "info.yml", names=["d0003.example", "D0004.example", "missing.example"], expected_count=2)


def test_a_name_in_another_case_than_stored_is_found_not_created_twice(ansible, fake):
    shouting = fake_api.make_domain("7e57d0d0-0000-4000-8000-000000000002", "SHOUTING.Example")
    fake.set_domains(ACCOUNT, [shouting])
    as_stored = dict(NEW)
    as_stored.update(domain_name="shouting.example", networks=[])
    result = run(ansible, "by_name.yml", expect_changed=False, **as_stored)
    assert recap(result)["changed"] == 0
    # The fake's name filter matches exact case only: the lookup finds it in the whole list.
    assert wire(fake) == ["GET /", "GET /"]


def test_an_internationalised_name_is_created_and_found_in_idna_form(ansible, fake):
    unicode_name, idna_name = dict(NEW), dict(NEW)
    unicode_name.update(domain_name="bücher.example", expected_name="xn--bcher-kva.example")
    idna_name.update(domain_name="xn--bcher-kva.example")
    created = run(ansible, "by_name.yml", **unicode_name)
    assert recap(created)["changed"] == 1
    assert fake.requests_seen("POST")[0]["body"]["domain"] == "xn--bcher-kva.example"
    again = run(ansible, "by_name.yml", expect_changed=False, **idna_name)
    assert recap(again)["changed"] == 0
    assert names(fake).count("xn--bcher-kva.example") == 1


def test_info_in_check_mode(ansible, fake):
    result = run(ansible, "info.yml", "--check", expected_count=3)
    assert recap(result)["changed"] == 0
    assert {request["method"] for request in fake.requests_seen()} == {"GET"}


@pytest.mark.every_release
def test_the_action_group_sets_credentials_for_every_module(ansible, fake):
    result = ansible.playbook("action_group.yml", extra_vars={"account_id": ACCOUNT, "token": fake_api.DEMO_TOKEN})
    assert result.returncode == 0, result.output
    # 3 for the domains, then per sender list: a read, a read and a create, a read.
    assert [request["auth"] for request in fake.requests_seen()] == ["token"] * 11
