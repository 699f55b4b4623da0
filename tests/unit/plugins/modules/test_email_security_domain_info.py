# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import pytest
from responses import matchers

from ansible_collections.cloudflare_community.email_security.plugins.modules import email_security_domain_info
from ansible_collections.cloudflare_community.email_security.tests.unit.compat import run_module

ACCOUNT = "023e105f4ecef8ad9ca31a8372d0c353"
TOKEN = "unit-test-token-0123456789"
LIST_URL = "https://api.cloudflare.com/client/v4/accounts/%s/email-security/settings/domains" % ACCOUNT


def page(items, number, total):
    return {
        "success": True,
        "errors": [],
        "messages": [],
        "result": items,
        "result_info": {"page": number, "per_page": 1000, "count": len(items), "total_count": total},
    }


def domain(number, **extra):
    item = {"id": "00000000-0000-4000-8000-%012d" % number, "domain": "d%04d.example" % number}
    item.update(extra)
    return item


def run(capsys, check_mode=False, **args):
    module_args = {"account_id": ACCOUNT, "api_token": TOKEN, "_ansible_check_mode": check_mode}
    module_args.update(args)
    return run_module(capsys, email_security_domain_info, module_args)


def query(number, **extra):
    params = {"order": "domain", "direction": "asc", "page": str(number), "per_page": "1000"}
    params.update(extra)
    return matchers.query_param_matcher(params)


def test_lists_every_page_in_order(http, capsys):
    everything = [domain(number) for number in range(2500)]
    for number in (1, 2, 3):
        http.get(LIST_URL, json=page(everything[(number - 1) * 1000 : number * 1000], number, 2500), match=[query(number)])
    failed, result = run(capsys)
    assert not failed and result["changed"] is False
    assert result["domains"] == everything


@pytest.mark.parametrize("status", ["active", "ACTIVE", "Active"])
def test_filters_are_passed_to_the_api_with_the_status_in_upper_case(http, capsys, status):
    http.get(
        LIST_URL,
        json=page([domain(1, status="ACTIVE")], 1, 1),
        match=[query(1, status="ACTIVE", allowed_delivery_mode="BCC", active_delivery_mode="DIRECT", integration_id="182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e")],
    )
    failed, result = run(
        capsys,
        check_mode=True,
        status=status,
        allowed_delivery_mode="BCC",
        active_delivery_mode="DIRECT",
        integration_id="182BD5E5-6E1A-4FE4-A799-AA6D9A6AB26E",
    )
    assert not failed and [item["domain"] for item in result["domains"]] == ["d0001.example"]


def test_names_are_asked_of_the_api_and_matched_by_the_module_in_any_case(http, capsys):
    """1.1.0 read every domain of the account for two names: 10 requests with 10,000 domains instead of 1."""
    http.get(
        LIST_URL,
        json=page([domain(1, domain="EXAMPLE.com"), domain(2, domain="mail.example.com"), domain(3, domain="example.net")], 1, 3),
        match=[query(1, domain=["example.com", "example.net"])],
    )
    failed, result = run(capsys, domain=["Example.com.", "example.net"])
    assert not failed and [item["id"] for item in result["domains"]] == [domain(1)["id"], domain(3)["id"]]
    assert len(http.calls) == 1


def test_a_name_the_api_filter_does_not_find_is_looked_for_in_the_whole_list(http, capsys):
    http.get(LIST_URL, json=page([domain(1, domain="example.com")], 1, 1), match=[query(1, domain=["example.com", "shouting.example"])])
    http.get(LIST_URL, json=page([domain(1, domain="example.com"), domain(2, domain="SHOUTING.Example")], 1, 2), match=[query(1)])
    failed, result = run(capsys, domain=["example.com", "shouting.example"])
    assert not failed and [item["id"] for item in result["domains"]] == [domain(1)["id"], domain(2)["id"]]


def test_one_domain_by_id(http, capsys):
    http.get(LIST_URL + "/" + domain(7)["id"], json={"success": True, "errors": [], "messages": [], "result": domain(7)})
    failed, result = run(capsys, domain_id=domain(7)["id"].upper())
    assert not failed and result["domains"] == [domain(7)]


def test_an_unknown_id_gives_an_empty_list(http, capsys):
    not_found = {"success": False, "errors": [{"code": 1002, "message": "Not found"}], "messages": [], "result": None}
    http.get(LIST_URL + "/17", status=404, json=not_found)
    failed, result = run(capsys, domain_id="17")
    assert not failed and result["domains"] == []


def test_a_list_item_without_an_id_fails(http, capsys):
    http.get(LIST_URL, json=page([domain(1), {"domain": "x.example"}], 1, 2), match=[query(1)])
    failed, result = run(capsys)
    assert failed and "Item 1 of page 1 has no id (an object)" in result["msg"]


def test_a_short_page_without_a_count_reads_on_until_an_empty_page(http, capsys):
    http.get(LIST_URL, json={"success": True, "errors": [], "messages": [], "result": [domain(1), domain(2)]}, match=[query(1)])
    http.get(LIST_URL, json={"success": True, "errors": [], "messages": [], "result": []}, match=[query(2)])
    failed, result = run(capsys)
    assert not failed and len(result["domains"]) == 2 and len(http.calls) == 2


def test_a_filtered_short_page_of_the_page_size_asked_is_the_last(http, capsys):
    """Cloudflare's total_count counts every domain, not the filtered ones: it cannot end a filtered list."""
    http.get(LIST_URL, json=page([domain(1, status="PENDING")], 1, 3000), match=[query(1, status="PENDING")])
    failed, result = run(capsys, status="pending")
    assert not failed and len(result["domains"]) == 1 and len(http.calls) == 1


@pytest.mark.parametrize(
    "args, message",
    [
        ({"domain_id": "abc", "status": "ACTIVE"}, "parameters are mutually exclusive: domain_id|status"),
        ({"domain_id": "abc"}, "domain_id must be a uuid"),
        ({"status": "DONE"}, "status must be one of PENDING, ACTIVE, FAILED, TIMEOUT (in any case), got 'DONE'"),
        ({"integration_id": "nope"}, "integration_id must be a uuid"),
        ({"domain": ["not a name"]}, "domain must be a domain name"),
        ({"api_token": None}, "No credentials"),
    ],
)
def test_bad_input_sends_nothing(http, capsys, args, message):
    failed, result = run(capsys, **args)
    assert failed and message in result["msg"]
    assert len(http.calls) == 0


def test_api_errors_are_reported(http, capsys):
    http.get(LIST_URL, status=403, json={"success": False, "errors": [{"code": 10000, "message": "Authentication error"}], "messages": [], "result": None})
    failed, result = run(capsys)
    assert failed and result["msg"].startswith("Cloudflare refused the request while reading Email Security domains (HTTP 403)")
