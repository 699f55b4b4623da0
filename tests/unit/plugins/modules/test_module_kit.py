# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The generic module kit, through the modules of several resources, against scripted HTTP exchanges."""

from __future__ import annotations

import json

from ansible_collections.cloudflare_community.email_security.plugins.modules import (
    email_security_allow_policy,
    email_security_block_sender_info,
    email_security_block_senders,
    email_security_impersonation_registry,
    email_security_url_ignore_pattern_info,
)
from ansible_collections.cloudflare_community.email_security.tests.unit.compat import run_module

ACCOUNT = "023e105f4ecef8ad9ca31a8372d0c353"
TOKEN = "unit-test-token-0123456789"
BASE = "https://api.cloudflare.com/client/v4/accounts/%s/email-security/settings/" % ACCOUNT


def envelope(result, total=None):
    answer = {"success": True, "errors": [], "messages": [], "result": result}
    if total is not None:
        answer["result_info"] = {"page": 1, "per_page": 1000, "count": len(result), "total_count": total}
    return answer


def sender(number, **fields):
    item = {"id": "00000000-0000-4000-8000-%012d" % number, "pattern_type": "DOMAIN", "pattern": "s%05d.example" % number, "is_regex": False}
    item.update(fields)
    return item


def run(capsys, module, check_mode=False, **args):
    module_args = {"account_id": ACCOUNT, "api_token": TOKEN, "_ansible_check_mode": check_mode}
    module_args.update(args)
    return run_module(capsys, module, module_args)


def test_creations_and_removals_go_in_batches_of_at_most_1000_of_each_kind(http, capsys):
    existing = [sender(number) for number in range(1200)]
    pages = [existing[:1000], existing[1000:]]
    for page in pages:
        http.get(BASE + "block_senders", json=envelope(page, total=1200))
    bodies = []

    def answer(request):
        body = json.loads(request.body)
        bodies.append(body)
        posts = [dict(post, id="10000000-0000-4000-8000-%012d" % index) for index, post in enumerate(body["posts"])]
        return 200, {}, json.dumps(envelope({"deletes": body["deletes"], "patches": [], "posts": posts, "puts": []}))

    http.add_callback("POST", BASE + "block_senders/batch", callback=answer, content_type="application/json")
    http.add_callback("POST", BASE + "block_senders/batch", callback=answer, content_type="application/json")
    wanted = [{"pattern_type": "DOMAIN", "pattern": "new%05d.example" % number} for number in range(1500)]
    failed, result = run(capsys, email_security_block_senders, entries=wanted, purge=True)
    assert not failed and result["changed"], result.get("msg")
    assert [(len(body["posts"]), len(body["deletes"]), len(body["patches"])) for body in bodies] == [(1000, 1000, 0), (500, 200, 0)]
    assert len(result["created"]) == 1500 and len(result["removed"]) == 1200


def test_check_mode_reads_and_predicts_without_writing(http, capsys):
    http.get(BASE + "block_senders", json=envelope([sender(1, comments="old")], total=1))
    failed, result = run(
        capsys, email_security_block_senders, check_mode=True, entries=[{"pattern_type": "DOMAIN", "pattern": "S00001.example", "comments": "new"}]
    )
    assert not failed and result["changed"]
    assert result["updated"] == [sender(1, comments="new")] and result["created"] == [] and result["removed"] == []


def test_a_refused_call_of_an_atomic_batch_applied_nothing(http, capsys):
    """Cloudflare documents the blocked senders' batch call as atomic: 1.1.0 said a refused one "may have applied" part of it."""
    http.get(BASE + "block_senders", json=envelope([sender(1)], total=1))
    failure = {"success": False, "errors": [{"code": 1001, "message": "comments: bad"}], "messages": [], "result": None}
    http.post(BASE + "block_senders/batch", status=400, json=failure)
    failed, result = run(capsys, email_security_block_senders, entries=[{"pattern_type": "DOMAIN", "pattern": "s00001.example", "comments": "x"}])
    assert failed and not result["changed"]
    assert (result["applied"], result["maybe_applied"], result["not_applied"]) == (0, 0, 1)
    assert "[1001] comments: bad" in result["msg"]
    assert "its batch call for blocked senders is atomic, so its 1 changes were not applied" in result["msg"]


def test_a_failed_call_of_an_atomic_batch_whose_answer_was_lost_may_have_applied(http, capsys):
    http.get(BASE + "block_senders", json=envelope([sender(1)], total=1))
    http.post(BASE + "block_senders/batch", status=502, json={"success": False, "errors": [], "messages": [], "result": None})
    failed, result = run(capsys, email_security_block_senders, entries=[{"pattern_type": "DOMAIN", "pattern": "s00001.example", "comments": "x"}])
    assert failed and result["changed"]
    assert (result["applied"], result["maybe_applied"], result["not_applied"]) == (0, 1, 0)


def test_an_id_that_does_not_exist_is_never_created(http, capsys):
    missing = "00000000-0000-4000-8000-000000000099"
    gone = {"success": False, "errors": [{"code": 1002, "message": "not found"}], "messages": [], "result": None}
    http.get(BASE + "allow_policies/" + missing, status=404, json=gone)
    failed, result = run(capsys, email_security_allow_policy, policy_id=missing, comments="x")
    assert failed and result["msg"].startswith("Email Security allow policy %s was not found in account %s (HTTP 404)" % (missing, ACCOUNT))


def test_a_task_without_id_or_pattern_says_what_identifies_an_entry(http, capsys):
    failed, result = run(capsys, email_security_allow_policy, comments="x")
    assert failed and result["msg"] == "Set policy_id, or pattern_type and pattern, to say which allow policy the task is about"


def test_info_sends_boolean_filters_as_the_api_spells_them_and_sorts_oldest_first(http, capsys):
    from responses import matchers

    newer, older = sender(2, created_at="2026-02-01T00:00:00Z"), sender(1, created_at="2026-01-01T00:00:00Z")
    query = {"order": "created_at", "direction": "asc", "page": "1", "per_page": "1000", "pattern_type": "DOMAIN"}
    http.get(BASE + "block_senders", json=envelope([newer, older], total=2), match=[matchers.query_param_matcher(query)])
    failed, result = run(capsys, email_security_block_sender_info, pattern_type="DOMAIN")
    assert not failed and [item["id"] for item in result["block_senders"]] == [older["id"], newer["id"]]
    assert result["entries"][0] == {"pattern_type": "DOMAIN", "pattern": "s00001.example", "is_regex": False}


def test_an_entry_synced_from_a_directory_is_never_changed_or_removed(http, capsys):
    synced = {"id": "00000000-0000-4000-8000-000000000001", "email": "ceo@example.com", "name": "Jane Doe", "is_email_regex": False}
    synced.update(provenance="SNOOPY-OFFICE_365", directory_id=3, directory_node_id=4, comments=None)
    for _run in range(3):
        http.get(BASE + "impersonation_registry", json=envelope([synced], total=1))
    failed, result = run(capsys, email_security_impersonation_registry, email="CEO@example.com", name="J. Doe")
    assert failed and result["msg"] == (
        "The task would change name of Email Security impersonation registry entry %s, which is synced from a directory "
        "(provenance SNOOPY-OFFICE_365): change it in the directory, not here; nothing was changed" % synced["id"]
    )
    failed, result = run(capsys, email_security_impersonation_registry, email="ceo@example.com", state="absent")
    assert failed and result["msg"].startswith("The task would remove Email Security impersonation registry entry")
    # Asking for what it already is changes nothing, and is fine.
    failed, result = run(capsys, email_security_impersonation_registry, email="ceo@example.com", name="Jane Doe")
    assert not failed and not result["changed"]


def test_a_list_without_orders_is_read_without_asking_for_one(http, capsys):
    from responses import matchers

    items = [
        {"id": "00000000-0000-4000-8000-00000000000b", "pattern": "https://b.example/*", "created_at": "2026-02-01T00:00:00Z"},
        {"id": "00000000-0000-4000-8000-00000000000a", "pattern": "https://a.example/*", "created_at": "2026-01-01T00:00:00Z"},
    ]
    http.get(BASE + "url_ignore_patterns", json=envelope(items, total=2), match=[matchers.query_param_matcher({"page": "1", "per_page": "1000"})])
    failed, result = run(capsys, email_security_url_ignore_pattern_info)
    assert not failed and [item["id"][-1] for item in result["url_ignore_patterns"]] == ["a", "b"]
