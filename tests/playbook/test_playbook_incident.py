# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Responding to a phish: search, release, move, reclassify and bulk jobs, through real ansible runs against the fake API."""

from __future__ import annotations

import datetime
import json
import os

from harness import REPO, during, fake_api, refusals

ACCOUNT = fake_api.DEMO_ACCOUNT_ID
ENV = {"CLOUDFLARE_API_TOKEN": fake_api.DEMO_TOKEN, "CLOUDFLARE_ACCOUNT_ID": ACCOUNT}
# Contents that must never appear in a warning or an error text.
SUBJECT = "Invoice 4711 overdue - act now"
SENDER = "billing@phish.example"
INVESTIGATE = "/accounts/%s/email-security/investigate" % ACCOUNT


def message(number, **fields):
    item = {
        "id": "msg%05d" % number,
        "subject": SUBJECT,
        "from": SENDER,
        "final_disposition": "MALICIOUS",
        "client_recipients": ["user%d@example.com" % number, "boss@example.com"],
    }
    item.update(fields)
    return item


def seed(fake, messages):
    fake.incident.set_messages(ACCOUNT, messages)


def wire(requests):
    return ["%s %s" % (request["method"], request["path"].replace(INVESTIGATE, "") or "/") for request in requests]


def ids(count, start=0):
    return ["msg%05d" % number for number in range(start, start + count)]


# -- searching


def test_a_search_follows_the_cursor_and_stops_at_the_limit(ansible, fake):
    seed(fake, [message(number) for number in range(5000)] + [message(9000 + number, **{"from": "ok@partner.example"}) for number in range(3)])
    run, (everything, first, by_id) = ansible.tasks(
        [
            ("email_security_message_info", {"sender": SENDER, "limit": 5000}),
            ("email_security_message_info", {"sender": SENDER}),
            ("email_security_message_info", {"ids": ["msg00001", "msg00002", "nosuchid"], "include": ["detections", "raw"]}),
        ],
        env=ENV,
    )
    assert run.returncode == 0, run.output
    # 5000 messages cost 5 list requests, by cursor, never by page.
    searches = during(fake, everything)
    assert len(everything["messages"]) == 5000 and not everything["truncated"] and wire(searches) == ["GET /"] * 5
    assert (
        all("page" not in request["query"] for request in searches) and [bool(request["query"].get("cursor")) for request in searches] == [False] + [True] * 4
    )
    assert len(first["messages"]) == 1000 and first["truncated"] and len(during(fake, first)) == 1
    assert [item["id"] for item in by_id["messages"]] == ["msg00001", "msg00002"] and by_id["not_found"] == ["nosuchid"]
    assert all(
        "detections" in item and item["raw"].startswith(("From", "Received", "Message-ID", "MIME", "Date", "Subject", "To")) for item in by_id["messages"]
    )
    assert "raw" not in first["messages"][0]
    assert sorted(wire(during(fake, by_id))) == sorted(
        ["GET /%s" % one for one in ("msg00001", "msg00002", "nosuchid")]
        + ["GET /msg00001/detections", "GET /msg00001/raw", "GET /msg00002/detections", "GET /msg00002/raw"]
    )


BAD_INPUTS = {
    "path in an id": ("email_security_message_info", {"ids": ["../../settings"]}, "ids must be ids as Cloudflare shows them"),
    "future start": ("email_security_message_info", {"start": "2999-01-01"}, "start must not be in the future"),
    "time without zone": ("email_security_message_info", {"start": "2026-11-30T08:00:00"}, "start must be a date such as 2026-11-30 or a time with its zone"),
    "limit": ("email_security_message_info", {"limit": 0}, "limit must be between 1 and 100000"),
    "move without destination": (
        "email_security_message",
        {"ids": ["msg00001"], "action": "move"},
        "action is move but all of the following are missing: destination",
    ),
    "unknown folder": ("email_security_message", {"ids": ["msg00001"], "action": "move", "destination": "Trash"}, "value of destination must be one of"),
    "unknown disposition": (
        "email_security_message",
        {"ids": ["msg00001"], "action": "reclassify", "disposition": "PHISH"},
        "value of disposition must be one of",
    ),
    "destination for release": (
        "email_security_message",
        {"ids": ["msg00001"], "action": "release", "destination": "Inbox"},
        "destination is only for action=move",
    ),
    "too many ids": ("email_security_message", {"ids": ["msg%05d" % number for number in range(1001)], "action": "release"}, "one task takes at most 1000"),
    "job without filter": (
        "email_security_message_job",
        {"job_action": "MOVE", "destination": "DeletedItems", "comment": "x", "search": {"start": "2026-11-01"}},
        "search narrows nothing",
    ),
    "deprecated search field": (
        "email_security_message_job",
        {"job_action": "RELEASE", "comment": "x", "search": {"sender": SENDER, "action_log": True}},
        "action_log is deprecated",
    ),
    "mistyped search field": (
        "email_security_message_job",
        {"job_action": "RELEASE", "comment": "x", "search": {"sender": SENDER, "detections_only": "maybe"}},
        "search.detections_only",
    ),
    "move job without destination": (
        "email_security_message_job",
        {"job_action": "MOVE", "comment": "x", "search": {"sender": SENDER}},
        "job_action MOVE needs destination",
    ),
    "too many include reads": (
        "email_security_message_info",
        {"ids": ["msg%05d" % number for number in range(600)], "include": ["raw", "trace"]},
        "include asks for 1200 more reads (600 messages, 2 each)",
    ),
    "empty search filter": ("email_security_message_info", {"sender": ""}, "sender must not be empty"),
    "window backwards": (
        "email_security_message_info",
        {"start": "2026-11-20", "end": "2026-11-10"},
        "start (2026-11-20T00:00:00Z) is after end (2026-11-10T00:00:00Z)",
    ),
    "blank job search": ("email_security_message_job", {"job_action": "RELEASE", "comment": "x", "search": {"query": ""}}, "search.query must not be empty"),
    "space as a job's sender": (
        "email_security_message_job",
        {"job_action": "RELEASE", "comment": "x", "search": {"sender": " ", "subject": ""}},
        "search.sender must not be empty",
    ),
    "job window in the future": (
        "email_security_message_job",
        {"job_action": "RELEASE", "comment": "x", "search": {"sender": SENDER, "start": "2999-01-01"}},
        "start must not be in the future",
    ),
    "job window backwards": (
        "email_security_message_job",
        {"job_action": "RELEASE", "comment": "x", "search": {"sender": SENDER, "start": "2026-11-20", "end": "2026-11-10"}},
        "search.start (2026-11-20T00:00:00Z) is after end",
    ),
    "messages of no job": ("email_security_message_job_info", {"include_messages": True}, "include_messages needs job_id"),
    "status without messages": (
        "email_security_message_job_info",
        {"job_id": "6f1c1f0e-2a0b-4d52-9b8e-9c3b1e0f6a11", "message_status": "FAILED"},
        "message_status narrows the per-message results: set include_messages: true",
    ),
    "bad job id": ("email_security_message_job", {"job_id": "not-a-job-id", "state": "absent"}, "job_id must be a uuid"),
}


def test_bad_input_is_refused_before_any_request(ansible, fake):
    _run, outcomes = ansible.tasks([(module, args) for module, args, _text in BAD_INPUTS.values()], env=ENV)
    assert refusals(BAD_INPUTS, outcomes) == []
    assert fake.requests_seen() == []


# -- acting on messages by id


def test_a_release_of_which_cloudflare_does_two_of_ten_wrong_fails_naming_them_and_a_rerun_finishes(ansible, fake):
    seed(fake, [message(number, is_quarantined=True) for number in range(10)] + [message(10)])
    fake.incident.add_fault({"release_fails": ["msg00003", "msg00007"]})
    args = {"ids": ids(11), "action": "release"}
    run, (checked, first, second, third) = ansible.tasks(
        [{"module": "email_security_message", "args": args, "check_mode": True}] + [("email_security_message", args)] * 3, env=ENV
    )
    assert checked["changed"] and not checked["failed"] and checked["released"] == ids(10) and len(checked["skipped_messages"]) == 1
    # A few reads at a time: in any order.
    assert sorted(wire(during(fake, checked))) == ["GET /%s" % one for one in ids(11)]
    # 8 of 10: the task fails, says changed, and lists the 8 and the 2 with their reasons.
    assert first["failed"] and first["changed"]
    assert first["released"] == [one for one in ids(10) if one not in ("msg00003", "msg00007")]
    assert [item["id"] for item in first["failed_messages"]] == ["msg00003", "msg00007"]
    assert all(item["reason"] == "Cloudflare delivered it to 0 of its 2 recipients" for item in first["failed_messages"])
    assert first["skipped_messages"] == [{"id": "msg00010", "reason": "not quarantined: it was released already, or never quarantined"}]
    assert "Could not release 2 of the 11 messages (msg00003, msg00007)" in first["msg"]
    # N ids cost N reads plus one release call.
    assert sorted(wire(during(fake, first))) == sorted(["GET /%s" % one for one in ids(11)] + ["POST /release"])
    assert fake.requests_seen("POST")[0]["body"] == {"ids": ids(10)}
    assert not second["failed"] and second["released"] == ["msg00003", "msg00007"]
    # Nothing left to do: only the reads.
    assert not third["changed"] and third["released"] == [] and len(third["skipped_messages"]) == 11
    assert [request["method"] for request in during(fake, third)] == ["GET"] * 11
    # No message content in any warning or error text: only ids.
    assert SUBJECT not in run.output and SENDER not in run.output and "boss@example.com" not in run.output


def test_a_move_pulls_messages_out_of_the_mailboxes_and_says_what_it_could_not_check(ansible, fake):
    seed(fake, [message(0), message(1), message(2, is_quarantined=True)])
    args = {"ids": ids(3), "action": "move", "destination": "RecoverableItemsDeletions"}
    run, (first, again, inbox) = ansible.tasks(
        [
            ("email_security_message", args),
            ("email_security_message", args),
            ("email_security_message", {"ids": ["msg00000"], "action": "move", "destination": "Inbox"}),
        ],
        env=ENV,
    )
    assert run.returncode == 0, run.output
    assert first["moved"] == ids(2) and first["unchecked_moves"] == [] and first["skipped_messages"][0]["id"] == "msg00002"
    assert fake.requests_seen("POST")[0]["body"] == {"ids": ids(2), "destination": "RecoverableItemsDeletions"}
    assert "expected_disposition" not in fake.requests_seen("POST")[0]["body"]
    assert fake.incident.folder(ACCOUNT, "msg00001") == "RecoverableItemsDeletions"
    # Cloudflare shows that they were moved, not where to: the move is sent again, and the result says so.
    assert again["moved"] == ids(2) and again["unchecked_moves"] == ids(2)
    assert inbox["moved"] == ["msg00000"] and fake.incident.folder(ACCOUNT, "msg00000") == "Inbox"


def test_a_move_that_fails_for_one_message_fails_the_task_naming_it_and_says_changed(ansible, fake):
    seed(fake, [message(number) for number in range(4)])
    fake.incident.add_fault({"move_fails": ["msg00002"]})
    args = {"ids": ids(4), "action": "move", "destination": "JunkEmail"}
    run, (first, again) = ansible.tasks([("email_security_message", args)] * 2, env=ENV)
    assert run.returncode == 0, run.output
    assert first["failed"] and first["changed"] and first["moved"] == ["msg00000", "msg00001", "msg00003"]
    assert [item["id"] for item in first["failed_messages"]] == ["msg00002"] and first["failed_messages"][0]["reason"]
    assert "Could not move 1 of the 4 messages (msg00002)" in first["msg"]
    # The rerun moves it (and the others again: Cloudflare shows that they were moved, not where to).
    assert not again["failed"] and "msg00002" in again["moved"] and fake.incident.folder(ACCOUNT, "msg00002") == "JunkEmail"
    assert SUBJECT not in run.output and SENDER not in run.output and "boss@example.com" not in run.output


def test_a_reclassification_is_sent_once_per_message_and_never_again(ansible, fake):
    seed(fake, [message(0, final_disposition="SPAM"), message(1, final_disposition="SPAM")])
    args = {"ids": ids(2), "action": "reclassify", "disposition": "NONE"}
    run, (first, again, listed) = ansible.tasks(
        [
            ("email_security_message", args),
            ("email_security_message", args),
            ("email_security_submission_info", {"type": "TEAM", "requested_disposition": "NONE"}),
        ],
        env=ENV,
    )
    assert run.returncode == 0, run.output
    assert first["reclassified"] == ids(2) and sorted(wire(during(fake, first)))[-2:] == ["POST /msg00000/reclassify", "POST /msg00001/reclassify"]
    assert again["reclassified"] == [] and not again["changed"] and all("reclassified as NONE already" in item["reason"] for item in again["skipped_messages"])
    assert [request["method"] for request in during(fake, again)] == ["GET"] * 3
    assert len(listed["submissions"]) == 2 and {item["requested_disposition"] for item in listed["submissions"]} == {"NONE"}


# -- bulk jobs


JOB = {"job_action": "MOVE", "destination": "DeletedItems", "comment": "INC-4711 invoice phish", "search": {"sender": SENDER}, "poll_interval": 0.2}


def test_a_bulk_job_is_started_once_awaited_and_found_again_by_its_comment(ansible, fake):
    seed(fake, [message(number) for number in range(30)] + [message(100, is_quarantined=True, **{"from": "other@example.net"})])
    run, (checked, started, again, listed) = ansible.tasks(
        [
            {"module": "email_security_message_job", "args": JOB, "check_mode": True},
            {"module": "email_security_message_job", "args": JOB, "register": "started_job"},
            ("email_security_message_job", JOB),
            ("email_security_message_job_info", {"job_id": "{{ started_job.job.job_id }}", "include_messages": True}),
        ],
        env=ENV,
    )
    assert run.returncode == 0, run.output
    assert checked["changed"] and checked["job"]["status"] == "PENDING" and "POST" not in [request["method"] for request in during(fake, checked)]
    job = started["job"]
    assert started["changed"] and job["status"] == "COMPLETED" and job["total_messages_discovered"] == 60 and job["messages_successful"] == 60
    assert [request["body"] for request in fake.requests_seen("POST")] == [
        {"action": "MOVE", "search_params": {"sender": SENDER}, "comment": JOB["comment"], "destination": "DeletedItems"}
    ]
    assert not again["changed"] and again["job"]["job_id"] == job["job_id"] and "POST" not in [request["method"] for request in during(fake, again)]
    assert listed["jobs"][0]["job_id"] == job["job_id"] and len(listed["messages"]) == 60
    assert fake.incident.folder(ACCOUNT, "msg00000") == "DeletedItems"


def test_a_job_that_fails_or_times_out_fails_the_task_with_its_id_and_counters_and_a_running_one_can_be_cancelled(ansible, fake):
    seed(fake, [message(number) for number in range(5)])
    fake.incident.add_fault({"job": "fails"})
    fake.incident.add_fault({"job": "stalls"})
    stalled = dict(JOB, comment="INC-4712 stalled", wait_timeout=2)
    run, (failed, timed_out, cancelled, again) = ansible.tasks(
        [
            ("email_security_message_job", dict(JOB, comment="INC-4712 failing")),
            ("email_security_message_job", stalled),
            ("email_security_message_job", dict(stalled, state="absent")),
            ("email_security_message_job", dict(stalled, state="absent")),
        ],
        env=ENV,
    )
    assert failed["failed"] and "Bulk action job %s is FAILED (" % failed["job"]["job_id"] in failed["msg"] and "total_messages_discovered" not in failed["msg"]
    assert "10 total" in failed["msg"]
    assert timed_out["failed"] and "is still PROCESSING after 2 seconds" in timed_out["msg"] and "it finds the job by its comment" in timed_out["msg"]
    assert cancelled["changed"] and cancelled["job"]["status"] == "CANCELLED" and cancelled["job"]["job_id"] == timed_out["job"]["job_id"]
    assert not again["changed"]


def test_phishguard_reports_of_a_window(ansible, fake):
    now = datetime.datetime.now(datetime.timezone.utc)
    old = (now - datetime.timedelta(days=60)).strftime("%Y-%m-%dT%H:%M:%SZ")
    fake.incident.set_reports(ACCOUNT, [{"title": "Recent"}, {"title": "Old", "created_at": old}])
    _run, (recent, everything) = ansible.tasks(
        [
            ("email_security_phishguard_report_info", {}),
            ("email_security_phishguard_report_info", {"start": (now - datetime.timedelta(days=90)).strftime("%Y-%m-%d")}),
        ],
        env=ENV,
    )
    assert [item["title"] for item in recent["reports"]] == ["Recent"]
    assert [item["title"] for item in everything["reports"]] == ["Old", "Recent"]


# -- the playbooks AWX job templates run


def test_the_incident_playbooks_run_as_the_collection_ships_them(ansible, fake, tmp_path):
    seed(fake, [message(0, is_quarantined=True), message(1, is_quarantined=True), message(10), message(11), message(12, subject="Lunch on Friday")])
    export = tmp_path / "detections.json"
    checked = ansible.command(
        "ansible-playbook",
        "cloudflare_community.email_security.release_quarantined",
        "--check",
        "-e",
        json.dumps({"message_ids": "msg00000, msg00001"}),
        env=ENV,
    )
    assert checked.returncode == 0 and "Would release 2 messages" in checked.stdout, checked.output
    released = ansible.command(
        "ansible-playbook", "cloudflare_community.email_security.release_quarantined", "-e", json.dumps({"message_ids": "msg00000, msg00001"}), env=ENV
    )
    assert released.returncode == 0 and "Released 2 messages" in released.stdout, released.output
    assert not any(item["is_quarantined"] for item in fake.incident.messages(ACCOUNT) if item["id"] in ("msg00000", "msg00001"))
    pulled = ansible.command(
        "ansible-playbook",
        "cloudflare_community.email_security.pull_campaign",
        "-e",
        json.dumps({"incident": "INC-4711", "sender": SENDER, "search_terms": SUBJECT.split()[0], "poll_interval": 0.2}),
        env=ENV,
    )
    assert pulled.returncode == 0, pulled.output
    assert fake.incident.folder(ACCOUNT, "msg00010") == "RecoverableItemsDeletions"
    assert fake.incident.folder(ACCOUNT, "msg00012") != "RecoverableItemsDeletions"
    exported = ansible.command(
        "ansible-playbook", "cloudflare_community.email_security.export_detections", "-e", json.dumps({"export_path": str(export)}), env=ENV
    )
    assert exported.returncode == 0, exported.output
    with open(export) as handle:
        written = json.load(handle)
    assert len(written["messages"]) == 5 and written["account_id"] == ACCOUNT
    assert os.path.exists(os.path.join(REPO, "playbooks", "release_quarantined.yml"))
