# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import pytest
from responses import matchers

from ansible_collections.cloudflare_community.email_security.plugins.modules import email_security_domains
from ansible_collections.cloudflare_community.email_security.tests.unit.compat import run_module

ACCOUNT = "023e105f4ecef8ad9ca31a8372d0c353"
TOKEN = "unit-test-token-0123456789"
LIST_URL = "https://api.cloudflare.com/client/v4/accounts/%s/email-security/settings/domains" % ACCOUNT
BATCH_URL = LIST_URL + "/batch"


def domain(number, **settings):
    item = {
        "id": "00000000-0000-4000-8000-%012d" % number,
        "domain": "d%04d.example" % number,
        "lookback_hops": 1,
        "regions": ["GLOBAL"],
        "require_tls_inbound": False,
    }
    item.update(settings)
    return item


def page(items, number=1, total=None):
    return {
        "success": True,
        "errors": [],
        "messages": [],
        "result": items,
        "result_info": {"page": number, "per_page": 1000, "count": len(items), "total_count": len(items) if total is None else total},
    }


def batch_answer(request_body=None, patched=()):
    return {"success": True, "errors": [], "messages": [], "result": {"deletes": [], "patches": list(patched), "puts": [], "posts": []}}


def batch_of(*patches):
    return matchers.json_params_matcher({"deletes": [], "patches": list(patches), "puts": [], "posts": []})


def run(capsys, check_mode=False, diff=False, **args):
    module_args = {"account_id": ACCOUNT, "api_token": TOKEN, "_ansible_check_mode": check_mode, "_ansible_diff": diff}
    module_args.update(args)
    return run_module(capsys, email_security_domains, module_args)


def test_changes_only_what_differs_in_one_batch(http, capsys):
    http.get(
        LIST_URL,
        json=page([domain(1), domain(2, require_tls_inbound=True)]),
        match=[matchers.query_param_matcher({"order": "domain", "direction": "asc", "page": "1", "per_page": "1000"})],
    )
    http.post(
        BATCH_URL, json=batch_answer(patched=[domain(1, require_tls_inbound=True)]), match=[batch_of({"id": domain(1)["id"], "require_tls_inbound": True})]
    )
    failed, result = run(capsys, diff=True, require_tls_inbound=True, domains=[{"domain": "d0002.example"}, {"domain": "D0001.example."}])
    assert not failed and result["changed"] is True, result["msg"]
    assert [item["id"] for item in result["domains"]] == [domain(2)["id"], domain(1)["id"]]
    assert all(item["require_tls_inbound"] for item in result["domains"])
    assert result["changes"] == [{"id": domain(1)["id"], "domain": "d0001.example", "changes": {"require_tls_inbound": True}}]
    assert result["diff"] == [
        {
            "before": {"require_tls_inbound": False},
            "after": {"require_tls_inbound": True},
            "before_header": "d0001.example (%s)" % domain(1)["id"],
            "after_header": "d0001.example (%s)" % domain(1)["id"],
        }
    ]


def test_entry_settings_win_over_the_shared_ones(http, capsys):
    http.get(LIST_URL, json=page([domain(1), domain(2)]))
    http.post(
        BATCH_URL,
        json=batch_answer(patched=[domain(1, lookback_hops=3), domain(2, lookback_hops=5)]),
        match=[batch_of({"id": domain(1)["id"], "lookback_hops": 3}, {"id": domain(2)["id"], "lookback_hops": 5})],
    )
    failed, result = run(capsys, lookback_hops=3, domains=[{"domain_id": domain(1)["id"]}, {"domain_id": domain(2)["id"], "lookback_hops": 5}])
    assert not failed and result["changed"] is True


def test_nothing_to_change_sends_no_batch(http, capsys):
    http.get(LIST_URL, json=page([domain(1, regions=["us", "DE"])]))
    failed, result = run(capsys, regions=["DE", "US"], domains=[{"domain_id": domain(1)["id"]}])
    assert not failed and result["changed"] is False and result["changes"] == []
    assert len(http.calls) == 1


def test_check_mode_predicts_and_sends_no_batch(http, capsys):
    http.get(LIST_URL, json=page([domain(1)]))
    failed, result = run(capsys, check_mode=True, lookback_hops=9, domains=[{"domain": "d0001.example"}])
    assert not failed and result["changed"] is True and result["domains"][0]["lookback_hops"] == 9
    assert len(http.calls) == 1


def test_thousands_of_domains_take_a_handful_of_requests(http, capsys):
    everything = [domain(number) for number in range(2500)]
    for number in (1, 2, 3):
        http.get(LIST_URL, json=page(everything[(number - 1) * 1000 : number * 1000], number, 2500))
    for start in (0, 1000, 2000):
        chunk = everything[start : start + 1000]
        http.post(
            BATCH_URL,
            json=batch_answer(patched=[dict(item, lookback_hops=2) for item in chunk]),
            match=[batch_of(*[{"id": item["id"], "lookback_hops": 2} for item in chunk])],
        )
    failed, result = run(capsys, lookback_hops=2, domains=[{"domain_id": item["id"]} for item in everything])
    assert not failed and len(http.calls) == 6
    assert len(result["changes"]) == 2500 and {item["lookback_hops"] for item in result["domains"]} == {2}


def test_every_problem_is_reported_before_anything_is_written(http, capsys):
    http.get(LIST_URL, json=page([domain(1), domain(2), domain(3, domain="d0002.example")]))
    failed, result = run(
        capsys,
        lookback_hops=2,
        domains=[
            {"domain_id": domain(1)["id"]},
            {"domain": "missing.example"},
            {"domain": "d0002.example"},
            {"domain": "D0001.EXAMPLE"},
            {"domain_id": "17"},
            {"domain_id": domain(1)["id"], "domain": "other.example"},
        ],
    )
    assert failed
    assert result["problems"] == [
        "domains[1]: no domain has the name missing.example",
        "domains[2]: 2 domains have the name d0002.example (ids: %s, %s); use domain_id" % (domain(2)["id"], domain(3)["id"]),
        "domains[3]: domain %s is also listed as domains[0]" % domain(1)["id"],
        "domains[4]: no domain has the id 17",
        "domains[5]: domain %s is named d0001.example, not other.example; a protected domain cannot be renamed" % domain(1)["id"],
    ]
    assert result["msg"].startswith("Nothing was changed: domains[1]: no domain has the name missing.example; ")
    assert len(http.calls) == 1


@pytest.mark.parametrize(
    "args, message",
    [
        ({"domains": [{"domain": "a.example", "lookback_hops": 30}]}, "domains[0] (a.example): lookback_hops must be between 1 and 20, got 30"),
        ({"ip_restrictions": ["192.0.2.1/24"], "domains": [{"domain": "a.example"}]}, "domains[0] (a.example): ip_restrictions entries must be"),
        ({"domains": [{"lookback_hops": 3}]}, "one of the following is required: domain_id, domain found in domains"),
        ({"domains": [{"domain": "a.example", "regions": ["EU"]}]}, "value of regions must be one or more of: GLOBAL, AU, DE, IN, US"),
        ({"domains": [{"domain": "a.example", "colour": "blue"}]}, "colour"),
        ({"domain": "a.example", "domains": []}, "Unsupported parameters"),
        ({"domains": [{"domain_id": ".."}]}, "domains[0] (..): domain_id must be a uuid"),
        ({"domains": [{"domain": "no-dot"}]}, "domains[0] (no-dot): domain must be a domain name"),
    ],
)
def test_bad_input_sends_nothing(http, capsys, args, message):
    failed, result = run(capsys, **args)
    assert failed and message in result["msg"]
    assert len(http.calls) == 0


def test_a_failing_batch_says_how_much_was_applied(http, capsys):
    everything = [domain(number) for number in range(1500)]
    http.get(LIST_URL, json=page(everything[:1000], 1, 1500))
    http.get(LIST_URL, json=page(everything[1000:], 2, 1500))
    http.post(BATCH_URL, json=batch_answer(patched=[dict(item, lookback_hops=2) for item in everything[:1000]]))
    http.post(BATCH_URL, status=400, json={"success": False, "errors": [{"code": 1001, "message": "Bad patch"}], "messages": [], "result": None})
    failed, result = run(capsys, lookback_hops=2, domains=[{"domain_id": item["id"]} for item in everything])
    assert failed and result["changed"] is True
    assert (
        "1000 of 1500 changed domains were updated by earlier batches; 500 were in the failed batch, which Cloudflare may have applied in part; 0 were not sent"
    ) in result["msg"]
    assert "[1001] Bad patch" in result["msg"]
    assert result["updated"] == [item["id"] for item in everything[:1000]]
    assert result["maybe_updated"] == [item["id"] for item in everything[1000:]]
    assert result["not_updated"] == []


def test_a_first_batch_that_fails_in_a_way_that_writes_nothing_is_unchanged_only_if_nothing_was_sent(http, capsys):
    http.get(LIST_URL, json=page([domain(1)]))
    http.post(BATCH_URL, status=400, json={"success": False, "errors": [{"code": 1001, "message": "Bad"}], "messages": [], "result": None})
    failed, result = run(capsys, lookback_hops=2, domains=[{"domain_id": domain(1)["id"]}])
    assert failed and result["changed"] is True and result["maybe_updated"] == [domain(1)["id"]]


def test_integer_ids_are_matched_as_strings(http, capsys):
    http.get(LIST_URL, json=page([domain(1, id=7), domain(2, id=8)]))
    http.post(BATCH_URL, json=batch_answer(patched=[domain(1, id=7, lookback_hops=2)]), match=[batch_of({"id": 7, "lookback_hops": 2})])
    failed, result = run(capsys, lookback_hops=2, domains=[{"domain_id": "7"}, {"domain": "d0002.example", "lookback_hops": 1}])
    assert not failed and result["changed"] is True
    assert result["changes"] == [{"id": "7", "domain": "d0001.example", "changes": {"lookback_hops": 2}}]


@pytest.mark.parametrize("answer", [None, [], {"patches": None}, {"patches": [{"id": "someone-else"}]}])
def test_an_odd_batch_answer_fails_and_says_what_may_have_been_applied(http, capsys, answer):
    http.get(LIST_URL, json=page([domain(1)]))
    http.post(BATCH_URL, json={"success": True, "errors": [], "messages": [], "result": answer})
    failed, result = run(capsys, lookback_hops=2, domains=[{"domain_id": domain(1)["id"]}])
    assert failed and result["changed"] is True and result["maybe_updated"] == [domain(1)["id"]]
