# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The incident-response modules against answers that do not add up: real ansible runs against the hostile API.

Each test is a case a hostile review of 1.2.0's first draft found: a result that Cloudflare's answer did not support,
a rerun that would act twice, a search that would never end, or message contents in an error. The tasks of a test
run as one play, and the hostile server answers their requests in order.
"""

from __future__ import annotations

import json

from harness import fake_api, hostile_api

ACCOUNT = fake_api.DEMO_ACCOUNT_ID
TOKEN = "incident-answers-token-Zr4Kp8Wq2Hs6"
RECIPIENTS = ["alice@corp.example", "bob@corp.example"]
SECRET_SUBJECT = "SECRET MERGER PLANS"
JOB_ID = "6f1c1f0e-2a0b-4d52-9b8e-9c3b1e0f6a11"


def env(server):
    return {"CLOUDFLARE_API_TOKEN": TOKEN, "CLOUDFLARE_ACCOUNT_ID": ACCOUNT, "CLOUDFLARE_BASE_URL": server.base_url}


def message(message_id="msg00001", **fields):
    item = {
        "id": message_id,
        "postfix_id": message_id.upper(),
        "is_quarantined": True,
        "client_recipients": list(RECIPIENTS),
        "delivery_status": ["quarantined"],
        "post_delivery_operations": [],
        "final_disposition": "MALICIOUS",
        "scanned_at": "2026-11-30T08:00:00Z",
        "subject": SECRET_SUBJECT,
    }
    item.update(fields)
    return item


def read(item):
    return {"body": hostile_api.envelope(item)}


def answer(result, **extra):
    return {"body": hostile_api.envelope(result, **extra)}


def job(**fields):
    item = {
        "job_id": JOB_ID,
        "action_type": "RELEASE",
        "status": "COMPLETED",
        "comment": "INC-13",
        "search_params": {"sender": "bad@phish.example"},
        "action_params": {},
        "created_at": "2026-11-30T08:00:00Z",
        "total_messages_discovered": 2,
        "messages_pending": 0,
        "messages_successful": 2,
        "messages_failed": 0,
        "messages_skipped": 0,
        "messages_cancelled": 0,
    }
    item.update(fields)
    return item


def jobs(*items):
    return answer(list(items), result_info={"page": 1, "per_page": 1000, "count": len(items), "total_count": len(items)})


RELEASE = {"ids": ["msg00001"], "action": "release", "max_retries": 0}
MOVE = {"ids": ["msg00001"], "action": "move", "destination": "DeletedItems", "max_retries": 0}
JOB = {"job_action": "RELEASE", "comment": "INC-13", "search": {"sender": "bad@phish.example"}, "max_retries": 0}


def test_a_release_is_released_only_when_every_recipient_got_it(ansible, hostile):
    """1.2.0's draft took an answer naming one of two recipients, an answer without the ids and a malformed one for success."""
    hostile.script(
        read(message()),
        answer([{"id": "msg00001", "postfix_id": "MSG00001", "delivered": RECIPIENTS[:1], "failed": [], "undelivered": []}]),
        read(message()),
        answer([{"id": None, "postfix_id": None, "delivered": RECIPIENTS, "failed": [], "undelivered": []}]),
        read(message()),
        answer([{"id": "msg00001", "postfix_id": "MSG00001", "delivered": 2, "failed": None, "undelivered": []}]),
        read(message()),
        answer([{"id": "msg00001", "postfix_id": "MSG00001", "delivered": [one.upper() for one in RECIPIENTS], "failed": [], "undelivered": []}]),
    )
    run, (partial, unnamed, malformed, whole) = ansible.tasks([("email_security_message", RELEASE)] * 4, env=env(hostile))
    assert run.returncode == 0, run.output
    assert partial["failed"] and partial["changed"] and partial["maybe_applied"] and partial["released"] == []
    assert partial["failed_messages"] == [{"id": "msg00001", "reason": "Cloudflare delivered it to 1 of its 2 recipients"}]
    assert unnamed["failed"] and unnamed["changed"] and unnamed["maybe_applied"]
    assert "left out of Cloudflare's answer, so it may or may not have been released" in unnamed["failed_messages"][0]["reason"]
    assert "may have released some of them all the same" in unnamed["msg"]
    assert malformed["failed"] and malformed["changed"] and "MODULE FAILURE" not in json.dumps(malformed)
    assert "does not fit the contract (delivered not a list of addresses)" in malformed["failed_messages"][0]["reason"]
    # Addresses compare in any case.
    assert not whole.get("failed") and whole["released"] == ["msg00001"]
    assert SECRET_SUBJECT not in run.output and "alice@corp.example" not in run.output


def test_a_move_is_moved_only_to_the_folder_asked_for_and_for_every_recipient(ansible, hostile):
    def row(recipient, destination="DeletedItems", success=True):
        return {"message_id": "msg00001", "recipient": recipient, "destination": destination, "success": success, "status": "completed", "operation": "MOVE"}

    delivered = message(is_quarantined=False, delivery_status=["delivered"])
    hostile.script(
        read(delivered),
        answer([row(RECIPIENTS[0], "Inbox"), row(RECIPIENTS[1], "Inbox")]),
        read(delivered),
        answer([row(RECIPIENTS[0])]),
        read(delivered),
        answer([row(RECIPIENTS[0]), row(RECIPIENTS[1])]),
    )
    run, (elsewhere, one_of_two, moved) = ansible.tasks([("email_security_message", MOVE)] * 3, env=env(hostile))
    assert run.returncode == 0, run.output
    assert elsewhere["failed"] and elsewhere["moved"] == [] and not elsewhere.get("maybe_applied")
    assert "moved to DeletedItems for 0 of its 2 recipients; Cloudflare said: moved to Inbox" in elsewhere["failed_messages"][0]["reason"]
    assert one_of_two["failed"] and one_of_two["changed"] and one_of_two["maybe_applied"]
    assert "moved to DeletedItems for 1 of its 2 recipients" in one_of_two["failed_messages"][0]["reason"]
    assert not moved.get("failed") and moved["moved"] == ["msg00001"]


def test_a_lost_or_rate_limited_release_says_what_may_have_happened_and_until_when(ansible, hostile):
    hostile.script(
        read(message()),
        {"body": hostile_api.envelope([]), "drip": 0.5},
        read(message()),
        {"status": 429, "headers": {"Retry-After": "3600"}, "body": hostile_api.envelope(None, success=False, errors=[{"code": 971, "message": "rate"}])},
    )
    run, (lost, limited) = ansible.tasks([("email_security_message", dict(RELEASE, timeout=1)), ("email_security_message", RELEASE)], env=env(hostile))
    assert run.returncode == 0, run.output
    assert lost["failed"] and lost["changed"] and lost["maybe_applied"]
    assert "may have released some of them all the same (maybe_applied): run the task again" in lost["msg"]
    assert limited["failed"] and not limited["changed"] and "maybe_applied" not in limited
    assert "asks to wait 3600 seconds, until" in limited["msg"]


def test_a_reclassification_checks_the_submissions_the_filter_lets_through(ansible, hostile):
    """A submission of another disposition, or a user's, does not make a message reclassified already."""
    submissions = [
        {"submission_id": "s-1", "original_postfix_id": "MSG00001", "requested_disposition": "SPAM", "type": "Team", "requested_at": "2026-11-30T09:00:00Z"},
        {
            "submission_id": "s-2",
            "original_postfix_id": "MSG00001",
            "requested_disposition": "MALICIOUS",
            "type": "User",
            "requested_at": "2026-11-30T09:00:00Z",
        },
    ]
    hostile.script(
        read(message(is_quarantined=False)),
        answer(submissions, result_info={"page": 1, "per_page": 1000, "count": 2, "total_count": 2}),
        answer({}),
    )
    run, outcome = ansible.task("email_security_message", {"ids": ["msg00001"], "action": "reclassify", "disposition": "MALICIOUS"}, env=env(hostile))
    assert outcome["changed"] and outcome["reclassified"] == ["msg00001"], outcome.get("msg")
    assert hostile.methods() == ["GET", "GET", "POST"]


def test_a_search_whose_pages_bring_nothing_new_fails_instead_of_looping(ansible, hostile):
    page = [message("msg00001"), message("msg00002")]
    hostile.script(
        answer(page, result_info={"cursor": "c1"}),
        answer(page, result_info={"cursor": "c2"}),
        answer(page, result_info={"cursor": "c3"}),
    )
    run, outcome = ansible.task("email_security_message_info", {"sender": "phish.example", "limit": 5, "max_retries": 0}, env=env(hostile))
    assert outcome["failed"] and "Page 2 of the list only repeats items of earlier pages" in outcome["msg"]
    assert hostile.methods() == ["GET", "GET"]


def test_a_search_is_returned_newest_first_and_an_include_without_its_field_fails(ansible, hostile):
    older, newer = message("msg00001", scanned_at="2026-11-29T08:00:00Z"), message("msg00002", scanned_at="2026-11-30T08:00:00Z")
    hostile.script(
        answer([older, newer], result_info={}),
        read(older),
        answer({"unexpected": 1}),
    )
    run, (found, evidence) = ansible.tasks(
        [
            ("email_security_message_info", {"sender": "phish.example", "max_retries": 0}),
            ("email_security_message_info", {"ids": ["msg00001"], "include": ["raw"], "max_retries": 0}),
        ],
        env=env(hostile),
    )
    assert run.returncode == 0, run.output
    assert [item["id"] for item in found["messages"]] == ["msg00002", "msg00001"]
    assert evidence["failed"] and "Expected the raw of message msg00001 in the answer's raw, a string; got null" in evidence["msg"]


def test_an_error_never_quotes_a_message_s_contents(ansible, hostile):
    raw = "From: ceo@corp.example\r\nTo: alice@corp.example\r\nSubject: %s\r\n\r\nbody" % SECRET_SUBJECT
    hostile.script({"status": 500, "headers": {"Content-Type": "message/rfc822"}, "body": raw})
    run, outcome = ansible.task("email_security_message", RELEASE, "-vvv", env=env(hostile))
    assert outcome["failed"] and "Expected a JSON response from Cloudflare but got message/rfc822" in outcome["msg"]
    assert SECRET_SUBJECT not in run.output + json.dumps(outcome) and "ceo@corp.example" not in run.output


def test_a_job_cloudflare_reports_otherwise_than_it_was_started_fails_instead_of_being_started_again(ansible, hostile):
    hostile.script(jobs(), answer(job(status="PENDING", comment="INC-13 (cut)")))
    run, outcome = ansible.task("email_security_message_job", dict(JOB, wait=False), env=env(hostile))
    assert outcome["failed"] and outcome["changed"] and outcome["job"]["job_id"] == JOB_ID
    assert "reports its comment, action, search or destination other than they were sent" in outcome["msg"]


def test_a_job_found_again_changes_nothing_and_its_state_is_read_in_any_case(ansible, hostile):
    hostile.script(
        jobs(job(messages_successful=1, messages_failed=1)),
        jobs(job(status="completed")),
        jobs(job(messages_successful=0, messages_pending=2)),
    )
    run, (failed_messages, lower_case, pending) = ansible.tasks([("email_security_message_job", JOB)] * 3, env=env(hostile))
    assert run.returncode == 0, run.output
    # A rerun that finds a completed job with a failed message fails, but this run changed nothing.
    assert failed_messages["failed"] and not failed_messages["changed"] and "1 failed" in failed_messages["msg"]
    assert not lower_case.get("failed") and not lower_case["changed"]
    assert pending["failed"] and "counters do not add up" in pending["msg"]
    assert hostile.methods() == ["GET"] * 3


def test_a_wait_shorter_than_the_poll_interval_still_reads_the_job(ansible, hostile):
    hostile.script(jobs(job(status="PROCESSING", messages_successful=0, messages_pending=2)), read(job()))
    run, outcome = ansible.task("email_security_message_job", dict(JOB, wait_timeout=1, poll_interval=5), env=env(hostile))
    assert not outcome.get("failed") and outcome["job"]["status"] == "COMPLETED" and not outcome["changed"], outcome.get("msg")
    assert hostile.methods() == ["GET", "GET"]


def test_phishguard_reports_with_integer_ids_are_in_number_order(ansible, hostile):
    reports = [{"id": number, "title": "Report %d" % number, "created_at": "2026-11-30T08:00:00Z"} for number in (10, 2, 1, 11)]
    hostile.script(answer(reports, result_info={"page": 1, "per_page": 1000, "count": 4, "total_count": 4}))
    run, outcome = ansible.task("email_security_phishguard_report_info", {"max_retries": 0}, env=env(hostile))
    assert [item["id"] for item in outcome["reports"]] == [1, 2, 10, 11], outcome.get("msg")
