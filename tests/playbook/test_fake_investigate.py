# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The fake's incident-response endpoints follow the contract (the cloudflare SDK 5.9.0), strictly where it is silent.

In process, without a server: fast.
"""

from __future__ import annotations

import base64
import datetime
import json
import os
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "fake_api"))

import investigate  # noqa: E402  pylint: disable=wrong-import-position

with open(os.path.join(os.path.dirname(HERE), "data", "cloudflare-sdk-5.9.0-incident.json"), encoding="utf-8") as handle:
    CONTRACT = json.load(handle)

ACCOUNT = "023e105f4ecef8ad9ca31a8372d0c353"
NOW = datetime.datetime(2026, 3, 1, 12, 0, tzinfo=datetime.timezone.utc)


def ago(**delta):
    return investigate.iso(NOW - datetime.timedelta(**delta))


@pytest.fixture
def fake():
    fake = investigate.InvestigateFake(now=lambda: NOW)
    fake.set_messages(
        ACCOUNT,
        [
            {"id": "held", "is_quarantined": True, "final_disposition": "MALICIOUS", "subject": "Invoice overdue", "scanned_at": ago(hours=1)},
            {"id": "spam", "final_disposition": "SPAM", "client_recipients": ["a@example.com", "b@example.org"], "scanned_at": ago(hours=2)},
            {"id": "clean", "scanned_at": ago(hours=3)},
            {"id": "phish", "is_phish_submission": True, "final_disposition": "SUSPICIOUS", "scanned_at": ago(hours=4)},
        ],
    )
    return fake


def call(fake, method, path, query=None, body=None, may_write=True):
    """The answer of one request, or (status, error) when the fake refuses it."""
    query = dict((name, value if isinstance(value, list) else [value]) for name, value in (query or {}).items())
    try:
        return fake.handle(method, ACCOUNT, path, query, body, may_write)
    except investigate.ApiError as exc:
        return exc.status, exc.error


def result(fake, method, path, query=None, body=None):
    answer = call(fake, method, path, query, body)
    assert isinstance(answer, dict), answer
    return answer["result"]


def search(fake, **query):
    return [message["id"] for message in result(fake, "GET", "/investigate", query)]


def new_job(fake, **body):
    body = dict({"action": "RELEASE", "search_params": {}}, **body)
    return result(fake, "POST", "/investigate/bulk", body=body)["job_id"]


def poll(fake, job_id):
    return result(fake, "GET", "/investigate/bulk/%s" % job_id)


def counted(job):
    parts = ("messages_pending", "messages_successful", "messages_failed", "messages_skipped", "messages_cancelled")
    return job["total_messages_discovered"] == sum(job[name] for name in parts)


# Paging.


def test_cursor_paging_over_2500_messages():
    fake = investigate.InvestigateFake(now=lambda: NOW)
    fake.set_messages(ACCOUNT, [{"id": "m%04d" % number, "final_disposition": "SPAM", "scanned_at": ago(minutes=number)} for number in range(2500)])
    seen, pages, cursor = [], [], None
    while True:
        answer = call(fake, "GET", "/investigate", dict({"per_page": "1000"}, **({"cursor": cursor} if cursor else {})))
        pages.append(answer["result_info"])
        seen += [message["id"] for message in answer["result"]]
        cursor = answer["result_info"].get("cursor")
        if not cursor:
            break
    assert [info["count"] for info in pages] == [1000, 1000, 500]
    assert all(info["per_page"] == 1000 for info in pages) and "cursor" not in pages[-1]
    assert seen == ["m%04d" % number for number in range(2500)]  # newest first


def test_cursor_is_opaque_and_bound_to_its_search(fake):
    cursor = call(fake, "GET", "/investigate", {"per_page": "1"})["result_info"]["cursor"]
    assert search(fake, per_page="1", cursor=cursor) == ["spam"]
    assert call(fake, "GET", "/investigate", {"cursor": cursor[:-1] + "x"})[0] == 400
    assert call(fake, "GET", "/investigate", {"cursor": "forged"})[0] == 400
    assert call(fake, "GET", "/investigate", {"cursor": cursor, "sender": "example.net"})[0] == 400


@pytest.mark.parametrize("per_page", ["0", "1001", "ten"])
def test_per_page_is_bounded(fake, per_page):
    assert call(fake, "GET", "/investigate", {"per_page": per_page})[0] == 400


def test_page_paged_lists(fake):
    for number in range(5):
        call(fake, "POST", "/investigate/held/reclassify", body={"expected_disposition": "SPAM", "escalated_submission_id": "s%d" % number})
    answer = call(fake, "GET", "/submissions", {"page": "2", "per_page": "2"})
    assert answer["result_info"] == {"page": 2, "per_page": 2, "count": 2, "total_count": 5}
    assert call(fake, "GET", "/submissions", {"page": "0"})[0] == 400


# Search.


@pytest.mark.parametrize(
    "query, found",
    [
        ({}, ["held", "spam", "phish"]),  # detections_only defaults to true
        ({"detections_only": "false"}, ["held", "spam", "clean", "phish"]),
        ({"final_disposition": "SPAM"}, ["spam"]),
        ({"delivery_status": "quarantined"}, ["held"]),
        ({"recipient": "B@EXAMPLE.ORG"}, ["spam"]),
        ({"recipient": "example.org"}, ["spam"]),
        ({"recipient": "org"}, []),
        ({"sender": "example.net"}, ["held", "spam", "phish"]),
        ({"domain": "example.org"}, ["spam"]),
        ({"subject": "overdue INVOICE"}, ["held"]),
        ({"subject": "voice"}, []),
        ({"query": "invoice sender@example"}, ["held"]),
        ({"message_id": "<spam@example.net>"}, ["spam"]),
        ({"smtp_helo_ip": "192.0.2.25", "metric": "anything"}, ["held", "spam", "phish"]),
        ({"start": ago(hours=2, minutes=30), "end": "2026-03-01T10:30:00+00:00"}, ["spam"]),
        ({"start": "2026-03-01T10:30:00+01:00"}, ["held", "spam"]),
    ],
)
def test_search_filters(fake, query, found):
    assert search(fake, **query) == found


@pytest.mark.parametrize(
    "query",
    [
        {"start": ago(days=-1)},
        {"start": ago(hours=1), "end": ago(hours=2)},
        {"start": "2026-03-01T10:00:00"},
        {"final_disposition": "MALICIOUS-BEC"},
        {"detections_only": "True"},
        {"sender": ""},
        {"sender": ["a@example.com", "b@example.com"]},
    ],
)
def test_search_refuses(fake, query):
    assert call(fake, "GET", "/investigate", query)[0] == 400


# Every operation refuses unknown and deprecated parameters, from the contract's tables.

REQUESTS = {
    "investigate_list": ("GET", "/investigate", {}),
    "investigate_get": ("GET", "/investigate/held", {}),
    "move": ("POST", "/investigate/spam/move", {"destination": "Inbox"}),
    "move_bulk": ("POST", "/investigate/move", {"ids": ["spam"], "destination": "Inbox"}),
    "release_bulk": ("POST", "/investigate/release", {"ids": ["held"]}),
    "reclassify": ("POST", "/investigate/held/reclassify", {"expected_disposition": "NONE"}),
    "preview_create": ("POST", "/investigate/preview", {"id": "clean"}),
    "bulk_create": ("POST", "/investigate/bulk", {"action": "RELEASE", "search_params": {}}),
    "bulk_list": ("GET", "/investigate/bulk", {}),
    "bulk_messages_list": ("GET", "/investigate/bulk/{job}/messages", {}),
    "submission_list": ("GET", "/submissions", {}),
    "phishguard_report_list": ("GET", "/phishguard/reports", {}),
}
SAMPLES = {"bool": True, "int": 1, "float": 1.0, "str": "x", "datetime": "2026-02-01T00:00:00Z", "date": "2026-02-01"}


def deprecated_fields(table, path=()):
    for name, field in sorted(table.items()):
        if field.get("deprecated"):
            yield path + (name,), field
        yield from deprecated_fields(field.get("fields", {}), path + (name,))


DEPRECATED = [
    (operation, path, field)
    for operation, facts in sorted(CONTRACT["operations"].items())
    if facts["params"]
    for path, field in deprecated_fields(CONTRACT[facts["params"]])
]


def request(fake, operation, extra=None):
    """The operation's valid request, with ``extra`` (a path of names and a value) added to its query or body."""
    method, path, params = REQUESTS[operation]
    params = json.loads(json.dumps(params))
    if "{job}" in path:
        path = path.replace("{job}", new_job(fake))
    if extra:
        names, value = extra
        where = params
        for name in names[:-1]:
            where = where[name]
        where[names[-1]] = value
    if CONTRACT["operations"][operation]["params_in"] == "query":
        as_text = dict((name, str(value).lower() if isinstance(value, bool) else str(value)) for name, value in params.items())
        return call(fake, method, path, query=as_text)
    return call(fake, method, path, body=params)


def test_the_contract_has_the_deprecated_parameters_we_expect():
    found = set((operation, ".".join(path)) for operation, path, _field in DEPRECATED)
    assert {
        ("investigate_list", "page"),
        ("move_bulk", "postfix_ids"),
        ("move_bulk", "expected_disposition"),
        ("move", "expected_disposition"),
        ("bulk_create", "expected_disposition"),
        ("bulk_create", "search_params.action_log"),
        ("phishguard_report_list", "from_date"),
        ("phishguard_report_list", "to_date"),
    } <= found


@pytest.mark.parametrize("operation", sorted(REQUESTS))
def test_the_valid_requests_are_accepted(fake, operation):
    assert isinstance(request(fake, operation), dict)


@pytest.mark.parametrize("operation, path, field", DEPRECATED, ids=["%s-%s" % (item[0], ".".join(item[1])) for item in DEPRECATED])
def test_deprecated_parameters_are_refused(fake, operation, path, field):
    value = field["enum"][0] if field["enum"] else SAMPLES[field["type"]]
    status, error = request(fake, operation, (path, [value] if field["list"] else value))
    assert status == 400 and error["code"] == 1001
    assert ".".join(path) in error["message"] and "deprecated" in error["message"]


@pytest.mark.parametrize("operation", sorted(REQUESTS))
def test_unknown_parameters_are_refused(fake, operation):
    status, error = request(fake, operation, (("colour",), "blue"))
    assert status == 400 and "colour" in error["message"]


@pytest.mark.parametrize(
    "path, body, pointer",
    [
        ("/investigate/release", {"ids": []}, "/ids"),
        ("/investigate/release", {"ids": ["held"] * 2}, "/ids"),
        ("/investigate/release", {"ids": ["m%d" % number for number in range(1001)]}, "/ids"),
        ("/investigate/release", {"ids": "held"}, "/ids"),
        ("/investigate/release", {}, "/ids"),
        ("/investigate/move", {"ids": ["spam"], "destination": "Archive"}, "/destination"),
        ("/investigate/move", {"ids": ["spam"]}, "/destination"),
        ("/investigate/held/reclassify", {"expected_disposition": "MALICIOUS-BEC"}, "/expected_disposition"),
        ("/investigate/held/reclassify", {"expected_disposition": "SPAM", "eml_content": "not base64!"}, "/eml_content"),
        ("/investigate/bulk", {"action": "MOVE", "search_params": {}}, "/destination"),
        ("/investigate/bulk", {"action": "RELEASE", "destination": "Inbox", "search_params": {}}, "/destination"),
        ("/investigate/bulk", {"action": "RELEASE"}, "/search_params"),
        ("/investigate/bulk", {"action": "RELEASE", "search_params": {"start": "yesterday"}}, "/search_params/start"),
        ("/investigate/bulk", {"action": "RELEASE", "search_params": {"detections_only": None}}, "/search_params/detections_only"),
        ("/investigate/bulk", {"action": "RELEASE", "search_params": {"start": ago(days=-1)}}, "/search_params/start"),
    ],
)
def test_bodies_are_checked(fake, path, body, pointer):
    status, error = call(fake, "POST", path, body=body)
    assert (status, error["code"], error["source"]["pointer"]) == (400, 1001, pointer)


def test_routing_methods_and_permissions(fake):
    assert call(fake, "GET", "/investigate/held/nowhere")[:1] == (404,) and call(fake, "GET", "/nowhere")[1]["code"] == 7003
    assert call(fake, "DELETE", "/investigate/held")[0] == 405
    assert call(fake, "GET", "/investigate/release")[0] == 405  # a route of its own, not the message called "release"
    assert call(fake, "POST", "/investigate/release", body={"ids": ["held"]}, may_write=False) == (403, {"code": 10000, "message": "Authentication error"})
    assert call(fake, "GET", "/investigate/nope")[0] == 404 and call(fake, "GET", "/investigate/nope")[1]["code"] == 1404
    assert call(fake, "GET", "/investigate/bulk/nope")[1]["code"] == 1404
    assert call(fake, "GET", "/investigate/held", body={"ids": []})[0] == 400


# Served objects carry every field of their model.


def assert_shaped(table, value, where):
    assert set(value) == set(table), where
    for name, field in table.items():
        inner = field["variants"][value[name][field["discriminator"]]] if "variants" in field else field.get("fields")
        if inner and value[name] is not None:
            for item in value[name] if field["list"] else [value[name]]:
                assert_shaped(inner, item, "%s.%s" % (where, name))


def served(fake):
    job = new_job(fake, action="MOVE", destination="JunkEmail", comment="cleanup")
    poll(fake, job)
    call(fake, "POST", "/investigate/held/reclassify", body={"expected_disposition": "SPAM"})
    fake.set_reports(ACCOUNT, [{"tags": [{"category": "brand", "value": "Example"}]}])
    return [
        ("investigate_response", result(fake, "GET", "/investigate")),
        ("investigate_response", [result(fake, "GET", "/investigate/phish", {"submission": "true"})]),
        ("detections_response", [result(fake, "GET", "/investigate/held/detections")]),
        ("trace_response", [result(fake, "GET", "/investigate/held/trace")]),
        ("raw_response", [result(fake, "GET", "/investigate/held/raw")]),
        ("preview_response", [result(fake, "GET", "/investigate/held/preview"), result(fake, "POST", "/investigate/preview", body={"id": "clean"})]),
        ("release_response", result(fake, "POST", "/investigate/release", body={"ids": ["held", "spam"]})),
        ("move_response", result(fake, "POST", "/investigate/move", body={"ids": ["spam"], "destination": "Inbox"})),
        ("move_response", result(fake, "POST", "/investigate/spam/move", body={"destination": "Inbox"})),
        ("bulk_job_response", result(fake, "GET", "/investigate/bulk")),
        ("bulk_messages_response", result(fake, "GET", "/investigate/bulk/%s/messages" % job)),
        ("submission_response", result(fake, "GET", "/submissions")),
        ("phishguard_report_response", result(fake, "GET", "/phishguard/reports")),
        ("bulk_delete_response", [result(fake, "DELETE", "/investigate/bulk/%s" % job)] if poll(fake, job)["status"] == "COMPLETED" else []),
    ]


def test_served_objects_carry_every_field_of_their_model(fake):
    shapes = served(fake)
    for model, objects in shapes:
        assert objects, model
        for value in objects:
            assert_shaped(CONTRACT[model], value, model)
            investigate.check_object(CONTRACT[model], value, refuse_deprecated=False)
    assert {model for model, _objects in shapes} == {facts["response"] for facts in CONTRACT["operations"].values() if facts["response"]}


def test_messages_are_completed_with_plausible_defaults(fake):
    message = result(fake, "GET", "/investigate/clean")
    assert len(message["postfix_id"]) == 16 and message["ts"] == message["scanned_at"] == message["sent_at"]
    assert message["action_log"] == [] and message["delivery_status"] == ["delivered"] and message["final_disposition"] == "NONE"
    assert len(result(fake, "GET", "/investigate/held")["id"]) == 4
    fake.set_messages(ACCOUNT, [{}])
    assert len(fake.messages(ACCOUNT)[0]["id"]) == 24
    with pytest.raises(ValueError):
        fake.set_messages(ACCOUNT, [{"colour": "blue"}])
    with pytest.raises(ValueError):
        fake.set_messages(ACCOUNT, [{"final_disposition": "BAD"}])


def test_raw_and_preview(fake):
    assert "Subject: Invoice overdue\r\n" in result(fake, "GET", "/investigate/held/raw")["raw"]
    png = base64.b64decode(result(fake, "GET", "/investigate/held/preview")["screenshot"])
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert "PREVIEW" in result(fake, "GET", "/investigate/held")["post_delivery_operations"]
    assert search(fake, message_action="PREVIEW") == ["held"]
    assert call(fake, "GET", "/investigate/clean/preview")[0] == 400  # no detection: the POST endpoint's
    assert call(fake, "POST", "/investigate/preview", body={"id": "spam"})[0] == 400  # a detection: the GET endpoint's
    call(fake, "POST", "/investigate/clean/move", body={"destination": "DeletedItems"})
    assert call(fake, "POST", "/investigate/preview", body={"id": "clean"})[0] == 409  # no longer in the inbox


# Release and move.


def test_release_quarantined_and_not(fake):
    answer = result(fake, "POST", "/investigate/release", body={"ids": ["held", "spam", "unknown"]})
    assert [entry["id"] for entry in answer] == ["held", "spam"]  # the unknown id is left out
    held, spam = answer
    assert (held["delivered"], held["failed"], held["undelivered"]) == (["recipient@example.com"], [], [])
    assert (spam["delivered"], spam["failed"], spam["undelivered"]) == ([], [], ["a@example.com", "b@example.org"])
    assert held["postfix_id"] == result(fake, "GET", "/investigate/held")["postfix_id"]
    message = result(fake, "GET", "/investigate/held")
    assert message["is_quarantined"] is False and message["delivery_status"] == ["delivered"]
    assert message["post_delivery_operations"] == ["QUARANTINE_RELEASE"] and fake.folder(ACCOUNT, "held") == "Inbox"
    assert search(fake, message_action="QUARANTINE_RELEASED") == ["held"]
    assert result(fake, "GET", "/investigate/spam")["post_delivery_operations"] == []
    assert result(fake, "POST", "/investigate/release", body={"ids": ["unknown"]}) == []


def test_move_answers_per_recipient_and_not_quarantined(fake):
    answer = result(fake, "POST", "/investigate/move", body={"ids": ["spam", "held", "unknown"], "destination": "JunkEmail"})
    assert [(entry["message_id"], entry["recipient"], entry["success"], entry["status"]) for entry in answer] == [
        ("spam", "a@example.com", True, "completed"),
        ("spam", "b@example.org", True, "completed"),
        ("held", "recipient@example.com", False, "failed: message is quarantined"),
    ]
    assert answer[0]["operation"] == "MOVE" and answer[0]["destination"] == "JunkEmail" and answer[0]["completed_at"] == investigate.iso(NOW)
    moved = result(fake, "GET", "/investigate/spam")
    assert moved["delivery_status"] == ["moved"] and moved["post_delivery_operations"] == ["MOVE"]
    assert "JunkEmail" not in json.dumps(moved) and fake.folder(ACCOUNT, "spam") == "JunkEmail"
    assert search(fake, message_action="MOVED") == ["spam"]
    assert fake.folder(ACCOUNT, "held") is None and result(fake, "GET", "/investigate/held")["is_quarantined"] is True
    assert call(fake, "POST", "/investigate/unknown/move", body={"destination": "Inbox"})[0] == 404


def test_reclassify_records_a_submission(fake):
    assert result(fake, "POST", "/investigate/held/reclassify", body={"expected_disposition": "SPAM", "eml_content": "U3ViamVjdDogaGk="}) == {}
    fake.set_messages(ACCOUNT, [{"id": "bec", "final_disposition": "MALICIOUS-BEC"}, {"id": "news", "final_disposition": "EXTERNAL", "subject": "News"}])
    call(fake, "POST", "/investigate/bec/reclassify", body={"expected_disposition": "NONE", "escalated_submission_id": "user-1"})
    call(fake, "POST", "/investigate/news/reclassify", body={"expected_disposition": "BULK"})
    first, bec, other = fake.submissions(ACCOUNT)
    assert (first["requested_disposition"], first["original_disposition"], first["subject"]) == ("SPAM", "MALICIOUS", "Invoice overdue")
    assert (first["type"], first["status"], first["customer_status"], first["requested_at"]) == ("Team", "unreviewed", "unreviewed", investigate.iso(NOW))
    assert bec["original_disposition"] == "MALICIOUS" and bec["original_postfix_id"] == fake.messages(ACCOUNT)[0]["postfix_id"]
    assert other["original_disposition"] == "NONE"

    def listed(**query):
        return [item["submission_id"] for item in result(fake, "GET", "/submissions", query)]

    assert listed(type="TEAM", order="requested_disposition", direction="asc") == [other["submission_id"], bec["submission_id"], first["submission_id"]]
    assert listed(type="USER") == [] and listed(query="news") == [other["submission_id"]]
    assert listed(escalated_from_user="true") == [bec["submission_id"]] and listed(requested_disposition="SPAM") == [first["submission_id"]]
    assert listed(start=ago(days=1, minutes=-1)) and listed(end=ago(minutes=1)) == [] and listed(status="unreviewed")
    assert call(fake, "GET", "/submissions", {"status": "done"})[0] == 400


# Bulk jobs.


def test_a_job_advances_one_step_per_read(fake):
    job_id = new_job(fake, search_params={"detections_only": True, "start": "2026-02-28T12:00:00+00:00"})
    created = fake.jobs(ACCOUNT)[0]
    assert created["status"] == "PENDING" and created["total_messages_discovered"] == 0 and created["started_at"] is None
    assert created["action_params"] == {"type": "RELEASE"} and created["search_params"]["start"] == "2026-02-28T12:00:00.000000Z"
    assert created["search_params"]["sender"] is None
    # One row for held, one for each recipient of spam, and one for the phish submission (skipped).
    discovering = poll(fake, job_id)
    assert discovering["status"] == "DISCOVERING" and discovering["started_at"] == investigate.iso(NOW)
    assert (discovering["total_messages_discovered"], discovering["messages_pending"], discovering["messages_skipped"]) == (4, 3, 1)
    assert poll(fake, job_id)["status"] == "PROCESSING" and result(fake, "GET", "/investigate/held")["is_quarantined"] is True
    done = poll(fake, job_id)
    assert (done["status"], done["messages_successful"], done["messages_failed"], done["messages_pending"]) == ("COMPLETED", 1, 2, 0)
    assert done["completed_at"] and done["started_at"] and counted(done) and poll(fake, job_id) == done
    assert result(fake, "GET", "/investigate/held")["is_quarantined"] is False
    rows = result(fake, "GET", "/investigate/bulk/%s/messages" % job_id)
    assert sorted((row["message_id"], row["status"]) for row in rows) == [("held", "COMPLETED"), ("phish", "SKIPPED"), ("spam", "FAILED"), ("spam", "FAILED")]
    assert rows[0]["message"]["id"] == rows[0]["message_id"] and rows[0]["action_params"]["client_recipient"]
    assert [row["message_id"] for row in result(fake, "GET", "/investigate/bulk/%s/messages" % job_id, {"status": "SKIPPED"})] == ["phish"]


def test_a_move_job_moves_what_is_not_quarantined(fake):
    job_id = new_job(fake, action="MOVE", destination="DeletedItems", search_params={"final_disposition": "SPAM"})
    for _step in range(3):
        job = poll(fake, job_id)
    assert (job["status"], job["total_messages_discovered"], job["messages_successful"]) == ("COMPLETED", 2, 2)
    assert job["action_params"] == {"type": "MOVE", "destination": "DeletedItems", "expected_disposition": None}
    assert fake.folder(ACCOUNT, "spam") == "DeletedItems"


def test_listing_reads_every_job(fake):
    first, second = new_job(fake), new_job(fake, action="MOVE", destination="Inbox")
    assert [job["job_id"] for job in result(fake, "GET", "/investigate/bulk")] == [second, first]  # newest first
    assert [job["job_id"] for job in result(fake, "GET", "/investigate/bulk", {"action_type": "MOVE", "status": "PROCESSING"})] == [second]
    assert result(fake, "GET", "/investigate/bulk", {"status": "PENDING"}) == []


def test_cancel_and_delete(fake):
    pending, discovering, done = new_job(fake), new_job(fake), new_job(fake)
    poll(fake, discovering)
    for _step in range(3):
        poll(fake, done)
    assert call(fake, "DELETE", "/investigate/bulk/%s" % pending)[1]["code"] == 1409  # not terminal yet
    cancelled = result(fake, "POST", "/investigate/bulk/%s/cancel" % discovering)
    assert (cancelled["status"], cancelled["messages_cancelled"], cancelled["messages_pending"], cancelled["messages_skipped"]) == ("CANCELLED", 3, 0, 1)
    assert counted(cancelled) and poll(fake, discovering)["status"] == "CANCELLED"
    assert result(fake, "POST", "/investigate/bulk/%s/cancel" % pending)["total_messages_discovered"] == 0
    for job_id in (pending, discovering, done):
        assert call(fake, "POST", "/investigate/bulk/%s/cancel" % job_id)[:1] == (409,)
        assert result(fake, "DELETE", "/investigate/bulk/%s" % job_id) == {"id": job_id}
    assert fake.jobs(ACCOUNT) == [] and call(fake, "GET", "/investigate/bulk/%s" % done)[0] == 404


# Faults.


def test_release_and_move_faults_are_used_once(fake):
    fake.add_fault({"release_fails": ["held"]})
    fake.add_fault({"move_fails": ["spam"]})
    failed = result(fake, "POST", "/investigate/release", body={"ids": ["held"]})[0]
    assert (failed["delivered"], failed["failed"]) == ([], ["recipient@example.com"]) and fake.messages(ACCOUNT)[0]["is_quarantined"]
    assert result(fake, "POST", "/investigate/release", body={"ids": ["held"]})[0]["delivered"] == ["recipient@example.com"]
    moves = result(fake, "POST", "/investigate/spam/move", body={"destination": "JunkEmail"})
    assert [(entry["success"], entry["status"]) for entry in moves] == [(False, "failed")] * 2 and fake.folder(ACCOUNT, "spam") == "Inbox"
    assert all(entry["success"] for entry in result(fake, "POST", "/investigate/spam/move", body={"destination": "JunkEmail"}))
    with pytest.raises(ValueError):
        fake.add_fault({"job": "explodes"})


def test_a_job_that_fails(fake):
    fake.add_fault({"job": "fails"})
    failing, fine = new_job(fake), new_job(fake)
    states = [poll(fake, failing) for _step in range(4)]
    assert [job["status"] for job in states] == ["DISCOVERING", "PROCESSING", "FAILED", "FAILED"]
    failed = states[-1]
    assert failed["status_message"] and failed["completed_at"] and (failed["messages_cancelled"], failed["messages_successful"]) == (3, 0) and counted(failed)
    assert fake.messages(ACCOUNT)[0]["is_quarantined"] is True
    assert [poll(fake, fine)["status"] for _step in range(3)][-1] == "COMPLETED"  # the fault was used


def test_a_job_that_stalls(fake):
    fake.add_fault({"job": "stalls"})
    job_id = new_job(fake)
    assert [poll(fake, job_id)["status"] for _step in range(6)] == ["DISCOVERING"] + ["PROCESSING"] * 5
    assert result(fake, "POST", "/investigate/bulk/%s/cancel" % job_id)["status"] == "CANCELLED"


def test_reset(fake):
    fake.add_fault({"job": "stalls"})
    new_job(fake)
    fake.reset()
    assert fake.messages(ACCOUNT) == [] and fake.jobs(ACCOUNT) == [] and fake.submissions(ACCOUNT) == []
    assert result(fake, "GET", "/phishguard/reports") == []
    fake.set_messages(ACCOUNT, [{"id": "one"}])
    job_id = new_job(fake, search_params={"detections_only": False})
    assert [poll(fake, job_id)["status"] for _step in range(3)][-1] == "COMPLETED"


# PhishGuard.


def test_phishguard_reports(fake):
    reports = [{"title": "new", "created_at": ago(hours=1)}, {"title": "old", "created_at": ago(days=40)}, {"fields": {"to": ["x@example.com"]}}]
    fake.set_reports(ACCOUNT, reports)
    assert [report["title"] for report in result(fake, "GET", "/phishguard/reports")] == ["new", "Suspicious message reported"]
    assert [report["id"] for report in result(fake, "GET", "/phishguard/reports", {"start": ago(days=41), "end": ago(days=39)})] == [2]
    report = result(fake, "GET", "/phishguard/reports")[1]
    assert report["fields"]["to"] == ["x@example.com"] and report["fields"]["ts"] == report["fields"]["occurred_at"] and report["ts"] == report["created_at"]
    assert call(fake, "GET", "/phishguard/reports", {"from_date": "2026-01-01"})[0] == 400
