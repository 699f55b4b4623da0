# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The incident-response part of the fake Email Security API: investigate, bulk jobs, submissions, PhishGuard.

server.py hands it what follows ``/accounts/{account}/email-security`` for these endpoints. The routes and every
parameter rule come from the contract data (tests/data/cloudflare-sdk-5.9.0-incident.json, read from the cloudflare
SDK 5.9.0): an unknown or deprecated parameter or field, a wrong type or enum literal, a repeated or empty query
parameter and a missing required one are refused with 400, and every served object carries every field of its model.

Where the contract is silent the fake takes the stricter reading:
  - search pages by cursor only; a cursor is signed and bound to the filters it was issued for; ``detections_only``
    defaults to true; ``final_disposition`` matches exactly (MALICIOUS does not match MALICIOUS-BEC); a sender or
    recipient that is a domain matches the address's domain exactly, not its subdomains; subject keywords match
    whole words;
  - release and move answer only for the ids they know (a client must notice the missing ones) and refuse
    duplicate ids; a move never shows the folder (the model has no field for it);
  - a bulk job has one row per message and client recipient (the model's ``client_recipient``), advances one
    step per read, and rows left pending when it fails count as cancelled (as the counters' docstring says);
  - previews follow their docstrings: GET only for a message with a detection, POST only for one without, still
    in the inbox; previewing records PREVIEW on the message;
  - every method other than GET needs write access, POST /investigate/preview too; at each path segment a literal
    route wins over a path parameter (``/investigate/bulk/x`` is a job, never the message ``bulk``);
  - page-paged lists answer ``total_count`` as the unfiltered total, as server.py does;
  - reclassify is served although the SDK marks the whole operation deprecated (the modules need it).
  - a deprecated response field that repeats another (``ts``, ``requested_ts``, ``completed_timestamp``, the
    release's ``postfix_id``) carries that value; the others (``action_log``, ``findings``, ``item_count``) are
    empty or null.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import email.utils
import hashlib
import hmac
import json
import os
import random
import re
import string
import struct
import threading
import uuid
import zlib

CONTRACT_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "data", "cloudflare-sdk-5.9.0-incident.json")
with open(CONTRACT_FILE, encoding="utf-8") as _handle:
    CONTRACT = json.load(_handle)
OPERATIONS = CONTRACT["operations"]
PATH_PREFIX = "/accounts/{account_id}/email-security"

MESSAGE = CONTRACT["investigate_response"]
JOB = CONTRACT["bulk_job_response"]
SUBMISSION_DISPOSITIONS = CONTRACT["submission_response"]["original_disposition"]["enum"]
REVIEW_STATUSES = CONTRACT["submission_response"]["customer_status"]["enum"]
TERMINAL = ("COMPLETED", "FAILED", "CANCELLED")
# A search's message_action and the post-delivery operation that records it.
ACTION_OPERATIONS = {"PREVIEW": "PREVIEW", "QUARANTINE_RELEASED": "QUARANTINE_RELEASE", "MOVED": "MOVE"}
SEARCH_FILTERS = (
    "alert_id",
    "delivery_status",
    "domain",
    "exact_subject",
    "final_disposition",
    "message_action",
    "message_id",
    "query",
    "recipient",
    "sender",
    "smtp_helo_ip",
    "subject",
    "submissions",
)
ALNUM = string.ascii_letters + string.digits
DAY = datetime.timedelta(days=1)
ISO_DATETIME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?([Zz]|[+-]\d{2}:?\d{2})$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
INTEGER = re.compile(r"^-?[0-9]+$")


def _png():
    """A 1x1 white PNG: what a preview's screenshot holds, base64-encoded."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff")) + chunk(b"IEND", b"")


SCREENSHOT = base64.b64encode(_png()).decode("ascii")


class ApiError(Exception):
    """An error answer, shaped like server.py's so that the server catches both."""

    def __init__(self, status, code, message, pointer=None):
        super().__init__(message)
        self.status = status
        self.error = {"code": code, "message": message}
        if pointer:
            self.error["source"] = {"pointer": pointer}


def invalid(message, pointer=None):
    return ApiError(400, 1001, message, pointer)


def parse_datetime(text):
    """An aware datetime from ISO 8601 text with ``Z`` or an offset; None for anything else (a bare time too)."""
    match = ISO_DATETIME.match(text) if isinstance(text, str) else None
    if not match:
        return None
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    offset = 0
    if zone not in ("Z", "z"):
        digits = zone[1:].replace(":", "")
        offset = (-1 if zone[0] == "-" else 1) * (int(digits[:2]) * 60 + int(digits[2:]))
    try:
        tzinfo = datetime.timezone(datetime.timedelta(minutes=offset))
        microsecond = int((fraction or "0").ljust(6, "0")[:6])
        return datetime.datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0), microsecond, tzinfo)
    except ValueError:
        return None


def iso(moment):
    """The one spelling the fake serves (as server.py does); it sorts as the time does."""
    return moment.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _is_date(value):
    try:
        return bool(ISO_DATE.match(value)) and datetime.date.fromisoformat(value) is not None
    except ValueError:
        return False


SCALAR_CHECKS = {
    "str": lambda value: isinstance(value, str),
    "enum": lambda value: isinstance(value, str),
    "bool": lambda value: isinstance(value, bool),
    "int": lambda value: isinstance(value, int) and not isinstance(value, bool),
    "float": lambda value: isinstance(value, (int, float)) and not isinstance(value, bool),
    "datetime": lambda value: parse_datetime(value) is not None,
    "date": lambda value: isinstance(value, str) and _is_date(value),
}


def _name(pointer):
    return pointer.strip("/").replace("/", ".") or "body"


def check_object(table, value, pointer="", refuse_deprecated=True):
    """Raise ApiError unless ``value`` is an object of the table: no unknown field, no deprecated one, all required."""
    if not isinstance(value, dict):
        raise invalid("%s: expected an object" % _name(pointer), pointer or None)
    for name, item in value.items():
        field, where = table.get(name), "%s/%s" % (pointer, name)
        if field is None:
            raise invalid("%s: unknown field" % _name(where), where)
        if refuse_deprecated and field.get("deprecated"):
            raise invalid("%s: deprecated, the API no longer accepts it" % _name(where), where)
        check_value(field, item, where, refuse_deprecated)
    for name, field in table.items():
        if field["required"] and name not in value:
            raise invalid("%s: required" % _name("%s/%s" % (pointer, name)), "%s/%s" % (pointer, name))


def check_value(field, value, pointer, refuse_deprecated=True):
    if value is None:
        if not field["nullable"]:
            raise invalid("%s: must not be null" % _name(pointer), pointer)
        return
    if field["list"]:
        if not isinstance(value, list):
            raise invalid("%s: expected an array" % _name(pointer), pointer)
        for index, item in enumerate(value):
            _check_scalar(field, item, "%s/%d" % (pointer, index), refuse_deprecated)
    else:
        _check_scalar(field, value, pointer, refuse_deprecated)


def _check_scalar(field, value, pointer, refuse_deprecated):
    if field["type"] == "object":
        table = field.get("fields", {})
        if "variants" in field:
            table = field["variants"].get(value.get(field["discriminator"]) if isinstance(value, dict) else None)
            if table is None:
                raise invalid("%s: %s must be one of %s" % (_name(pointer), field["discriminator"], ", ".join(field["variants"])), pointer)
        check_object(table, value, pointer, refuse_deprecated)
    elif not SCALAR_CHECKS[field["type"]](value):
        raise invalid("%s: expected a %s" % (_name(pointer), "value of " + ", ".join(field["enum"]) if field["enum"] else field["type"]), pointer)
    elif field["type"] == "enum" and value not in field["enum"]:
        raise invalid("%s: %r is not one of %s" % (_name(pointer), value, ", ".join(field["enum"])), pointer)


def _query_value(name, field, text):
    kind = field["type"]
    if text == "":
        raise invalid("%s: empty value" % name)
    if kind == "bool":
        if text not in ("true", "false"):
            raise invalid("%s: expected true or false" % name)
        return text == "true"
    if kind == "int":
        if not INTEGER.match(text):
            raise invalid("%s: expected an integer" % name)
        return int(text)
    if kind == "datetime":
        moment = parse_datetime(text)
        if moment is None:
            raise invalid("%s: expected an ISO 8601 date and time with Z or an offset" % name)
        return moment
    if kind == "date" and not _is_date(text):
        raise invalid("%s: expected a YYYY-MM-DD date" % name)
    if kind == "enum" and text not in field["enum"]:
        raise invalid("%s: %r is not one of %s" % (name, text, ", ".join(field["enum"])))
    return text


def check_query(table, query):
    """The typed query parameters (datetimes as aware datetimes), or ApiError; ``query`` is what parse_qs gives."""
    params = {}
    for name, values in sorted(query.items()):
        field = table.get(name)
        if field is None:
            raise invalid("Unknown query parameter %s" % name)
        if field.get("deprecated"):
            raise invalid("%s: deprecated, the API no longer accepts it" % name)
        if not field["list"] and len(values) != 1:
            raise invalid("%s: given more than once" % name)
        typed = [_query_value(name, field, value) for value in values]
        params[name] = typed if field["list"] else typed[0]
    for name, field in table.items():
        if field["required"] and name not in params:
            raise invalid("%s: required" % name)
    return params


def spell(value):
    """A datetime, or ISO 8601 text, in the served spelling; anything else as it is (for the checks to refuse)."""
    if isinstance(value, datetime.datetime):
        return iso(value)
    moment = parse_datetime(value)
    return iso(moment) if moment else value


def complete(table, value):
    """Give ``value`` every optional field of the model it lacks (null), nested objects too; datetimes in one spelling."""
    for name, field in table.items():
        if name not in value:
            if not field["required"]:
                value[name] = None
            continue
        many = field["list"] and isinstance(value[name], list)
        if field["type"] == "datetime":
            value[name] = [spell(item) for item in value[name]] if many else spell(value[name])
        elif field["type"] == "object" and "fields" in field:
            for item in value[name] if many else [value[name]]:
                if isinstance(item, dict):
                    complete(field["fields"], item)
    return value


def check_model(table, value, what):
    """For the control calls: refuse an object that the API could not serve (a test's typo) with ValueError."""
    try:
        check_object(table, value, refuse_deprecated=False)
    except ApiError as exc:
        raise ValueError("%s: %s" % (what, exc.error["message"])) from None


def _copy(value):
    return json.loads(json.dumps(value))


def _routes():
    """(literal-first key, regex, method, operation) from the contract's paths, most literal first.

    ``/investigate/bulk`` is a route of its own, not the message called ``bulk``: at each segment a literal wins
    over a path parameter.
    """
    routes = []
    for name, operation in OPERATIONS.items():
        segments = operation["path"][len(PATH_PREFIX) :].strip("/").split("/")
        pattern = "".join("/(?P<%s>[^/]+)" % segment[1:-1] if segment.startswith("{") else "/" + re.escape(segment) for segment in segments)
        routes.append((tuple(segment.startswith("{") for segment in segments), re.compile("^%s$" % pattern), operation["method"], name))
    return sorted(routes, key=lambda route: route[0])


ROUTES = _routes()


class _Account:
    def __init__(self):
        self.messages = {}  # investigate id -> the message as served
        self.folders = {}  # investigate id -> mailbox folder (None in quarantine): kept out of the served message
        self.jobs = {}  # job id -> _Job
        self.submissions = []
        self.reports = []


class _Job:
    def __init__(self, job, filters, fault):
        self.job = job  # as served
        self.filters = filters  # resolved when the job was created
        self.fault = fault  # None, "fails" or "stalls"
        self.rows = []  # bulk_messages_response objects without "message" (filled in when served)


class InvestigateFake:
    """The state of the incident-response endpoints, per account, behind one lock."""

    def __init__(self, now=None):
        self._now = now or (lambda: datetime.datetime.now(datetime.timezone.utc))
        self._lock = threading.Lock()
        self._random = random.Random()
        self.reset()

    def reset(self):
        """Back to the seed: no messages, jobs, submissions, reports or faults; cursors issued before are void."""
        with self._lock:
            self._accounts = {}
            self._release_fails = []
            self._move_fails = []
            self._job_faults = []
            self._secret = os.urandom(16)

    def _account(self, account):
        return self._accounts.setdefault(account, _Account())

    def _random_id(self, length):
        return "".join(self._random.choices(ALNUM, k=length))

    # Control calls, for the tests.

    def set_messages(self, account, messages):
        """Replace an account's messages; each may be partial (every other field gets a plausible default)."""
        with self._lock:
            built = [self._build_message(dict(given)) for given in messages]
            ids = [message["id"] for message in built]
            if len(set(ids)) != len(ids):
                raise ValueError("two messages with the same id")
            state = self._account(account)
            state.messages = dict((message["id"], message) for message in built)
            state.folders = dict((message["id"], None if message["is_quarantined"] else "Inbox") for message in built)

    def _build_message(self, given):
        message_id = given.get("id") or self._random_id(24)
        hour_ago = iso(self._now() - datetime.timedelta(hours=1))
        scanned = spell(given.get("scanned_at", hour_ago))
        recipients = given.get("client_recipients") or ["recipient@example.com"]
        sender = given.get("from", "sender@example.net")
        disposition = given.get("final_disposition", "NONE")
        sent = parse_datetime(scanned) or self._now()
        message = {
            "id": message_id,
            "action_log": [],
            "alert_id": None if disposition in (None, "NONE") else "%s-%s" % (sent.strftime("%Y%m%d"), self._random_id(8)),
            "client_recipients": list(recipients),
            "delivery_mode": "DIRECT",
            "delivery_status": ["quarantined"] if given.get("is_quarantined") else ["delivered"],
            "detection_reasons": [],
            "envelope_from": sender,
            "envelope_to": list(recipients),
            "final_disposition": disposition,
            "from": sender,
            "from_name": "Sender",
            "is_phish_submission": False,
            "is_quarantined": False,
            "message_id": "<%s@example.net>" % message_id,
            "post_delivery_operations": [],
            "postfix_id": self._random_id(16),
            "properties": {},
            "scanned_at": scanned,
            "sent_at": scanned,
            "sent_date": email.utils.format_datetime(sent),
            "smtp_helo_server_ip": "192.0.2.25",
            "smtp_previous_hop_ip": "192.0.2.25",
            "subject": "Quarterly report",
            "threat_categories": [],
            "to": list(recipients),
            "ts": scanned or hour_ago,
            "validation": {"dkim": "pass", "dmarc": "pass", "spf": "pass"},
        }
        message.update(given, scanned_at=scanned)
        complete(MESSAGE, message)
        check_model(MESSAGE, message, "message %s" % message_id)
        return message

    def set_reports(self, account, reports):
        """Replace an account's PhishGuard reports; each may be partial, ids count from 1 unless given."""
        hour_ago = iso(self._now() - datetime.timedelta(hours=1))
        built = []
        for number, given in enumerate(reports, 1):
            given = dict(given)
            fields = {"to": ["recipient@example.com"], "from": "sender@example.net", "occurred_at": hour_ago, "postfix_id": self._random_id(16)}
            fields.update(given.pop("fields", {}))
            fields.setdefault("ts", fields["occurred_at"])
            report = {
                "id": number,
                "title": "Suspicious message reported",
                "content": "A recipient reported this message as phishing.",
                "disposition": "SUSPICIOUS",
                "priority": "medium",
                "fields": fields,
                "tags": [],
                "created_at": hour_ago,
                "updated_at": hour_ago,
            }
            report.update(given)
            report.setdefault("ts", report["created_at"])
            complete(CONTRACT["phishguard_report_response"], report)
            check_model(CONTRACT["phishguard_report_response"], report, "report %s" % report["id"])
            built.append(report)
        with self._lock:
            self._account(account).reports = built

    def add_fault(self, fault):
        """Queue a fault: {"release_fails": [ids]}, {"move_fails": [ids]}, {"job": "fails"} or {"job": "stalls"}.

        Each id fails once and each job fault affects the next job created.
        """
        with self._lock:
            if sorted(fault) == ["release_fails"]:
                self._release_fails.extend(fault["release_fails"])
            elif sorted(fault) == ["move_fails"]:
                self._move_fails.extend(fault["move_fails"])
            elif sorted(fault) == ["job"] and fault["job"] in ("fails", "stalls"):
                self._job_faults.append(fault["job"])
            else:
                raise ValueError("unknown fault %r" % (fault,))

    def messages(self, account):
        with self._lock:
            return _copy(list(self._account(account).messages.values()))

    def folder(self, account, message_id):
        """The mailbox folder a message is in (None while quarantined): state the API does not serve."""
        with self._lock:
            return self._account(account).folders[message_id]

    def jobs(self, account):
        with self._lock:
            return _copy([record.job for record in self._account(account).jobs.values()])

    def submissions(self, account):
        with self._lock:
            return _copy(self._account(account).submissions)

    # The API.

    def handle(self, method, account, path, query, body, may_write):
        """Answer one request: a dict to merge into the success envelope, or ApiError."""
        matches = [(key, regex.match(path), verb, name) for key, regex, verb, name in ROUTES]
        matches = [route for route in matches if route[1]]
        if not matches:
            raise ApiError(404, 7003, "Could not route to /accounts/%s/email-security%s, perhaps your object identifier is invalid?" % (account, path))
        chosen = [route for route in matches if route[0] == matches[0][0] and route[2] == method]
        if not chosen:
            raise ApiError(405, 10405, "Method not allowed")
        _key, match, _verb, name = chosen[0]
        if method != "GET" and not may_write:
            raise ApiError(403, 10000, "Authentication error")
        params = self._params(OPERATIONS[name], query or {}, body)
        with self._lock:
            return getattr(self, "_" + name)(self._account(account), params, **match.groupdict())

    @staticmethod
    def _params(operation, query, body):
        """The request's parameters, checked against the operation's table; the other half of the request must be empty."""
        table = CONTRACT[operation["params"]] if operation["params"] else {}
        if operation.get("params_in") == "body":
            if query:
                raise invalid("Unknown query parameter %s" % sorted(query)[0])
            body = {} if body is None else body
            check_object(table, body)
            return body
        if body not in (None, {}):
            raise invalid("This operation takes no request body")
        return check_query(table, query)

    def _message(self, state, message_id):
        message = state.messages.get(message_id)
        if message is None:
            raise ApiError(404, 1404, "Message %s not found" % message_id)
        return message

    def _job(self, state, job_id):
        record = state.jobs.get(job_id)
        if record is None:
            raise ApiError(404, 1404, "Bulk action job %s not found" % job_id)
        return record

    # Search.

    def _window(self, params, pointer=None, future=False):
        """The start and end of a search (default: the last 30 days), in the served spelling."""
        now = self._now()
        start, end = params.get("start") or now - 30 * DAY, params.get("end") or now
        where = (pointer + "/start") if pointer else None
        if future and start > now:
            raise invalid("start: must not be in the future", where)
        if start > end:
            raise invalid("start: must not be after end", where)
        return iso(start), iso(end)

    def _filters(self, params, pointer=None):
        filters = dict((name, value) for name, value in params.items() if name in SEARCH_FILTERS and value is not None)
        filters["start"], filters["end"] = self._window(params, pointer, future=True)
        filters["detections_only"] = params.get("detections_only", True)
        return filters

    @staticmethod
    def _matches(message, filters):
        scanned = message["scanned_at"]
        if scanned is None or not filters["start"] <= scanned <= filters["end"]:
            return False
        if filters["detections_only"] and message["final_disposition"] in (None, "NONE"):
            return False
        if filters.get("submissions") and not message["is_phish_submission"]:
            return False
        for name, field in (
            ("final_disposition", "final_disposition"),
            ("message_id", "message_id"),
            ("alert_id", "alert_id"),
            ("smtp_helo_ip", "smtp_helo_server_ip"),
            ("exact_subject", "subject"),
        ):
            if name in filters and message[field] != filters[name]:
                return False
        if "delivery_status" in filters and filters["delivery_status"] not in (message["delivery_status"] or []):
            return False
        if "message_action" in filters and ACTION_OPERATIONS[filters["message_action"]] not in (message["post_delivery_operations"] or []):
            return False
        senders = [address for address in (message["from"], message["envelope_from"]) if address]
        recipients = message["client_recipients"] + (message["to"] or []) + (message["envelope_to"] or [])
        if "sender" in filters and not any(_address_matches(filters["sender"], address) for address in senders):
            return False
        if "recipient" in filters and not any(_address_matches(filters["recipient"], address) for address in recipients):
            return False
        if "domain" in filters and not any(_address_matches(filters["domain"].lstrip("@"), address) for address in senders + recipients):
            return False
        subject = message["subject"] or ""
        if "subject" in filters and not all(re.search(r"(?<!\w)%s(?!\w)" % re.escape(word), subject, re.IGNORECASE) for word in filters["subject"].split()):
            return False
        if "query" in filters:
            haystack = "\n".join(senders + recipients + [subject, message["message_id"] or ""]).lower()
            return all(term in haystack for term in filters["query"].lower().split())
        return True

    def _search(self, state, filters):
        """The matching messages, newest scanned_at first, ties by id."""
        found = sorted((message for message in state.messages.values() if self._matches(message, filters)), key=lambda message: message["id"])
        found.sort(key=lambda message: message["scanned_at"], reverse=True)
        return found

    def _cursor(self, signature, last):
        payload = base64.urlsafe_b64encode(json.dumps([signature, last]).encode()).decode().rstrip("=")
        return payload + "." + hmac.new(self._secret, payload.encode(), hashlib.sha256).hexdigest()[:20]

    def _read_cursor(self, cursor, signature):
        payload, _dot, mac = cursor.partition(".")
        expected = hmac.new(self._secret, payload.encode(), hashlib.sha256).hexdigest()[:20]
        if not hmac.compare_digest(mac.encode(), expected.encode()):
            raise invalid("cursor: unknown cursor")
        issued_for, last = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        if issued_for != signature:
            raise invalid("cursor: issued for a search with other parameters")
        return last

    def _investigate_list(self, state, params):
        per_page = params.get("per_page", 20)
        if not 1 <= per_page <= 1000:
            raise invalid("per_page: must be between 1 and 1000")
        asked = sorted((name, value) for name, value in params.items() if name not in ("cursor", "per_page"))
        signature = hashlib.sha256(json.dumps(asked, default=iso).encode()).hexdigest()[:16]
        found = self._search(state, self._filters(params))
        if "cursor" in params:
            scanned, last_id = self._read_cursor(params["cursor"], signature)
            found = [message for message in found if message["scanned_at"] < scanned or (message["scanned_at"] == scanned and message["id"] > last_id)]
        page = found[:per_page]
        info = {"count": len(page), "per_page": per_page}
        if len(found) > per_page:
            info["cursor"] = self._cursor(signature, [page[-1]["scanned_at"], page[-1]["id"]])
        return {"result": _copy(page), "result_info": info}

    # One message.

    def _investigate_get(self, state, params, investigate_id):
        message = self._message(state, investigate_id)
        if params.get("submission") and not message["is_phish_submission"]:
            raise ApiError(404, 1404, "Submission %s not found" % investigate_id)
        return {"result": _copy(message)}

    def _detections_get(self, state, params, investigate_id):
        message = self._message(state, investigate_id)
        headers = [("From", message["from"]), ("To", ", ".join(message["to"] or [])), ("Subject", message["subject"]), ("Message-ID", message["message_id"])]
        detections = {
            "action": "QUARANTINE" if message["is_quarantined"] else "DELIVER",
            "attachments": [],
            "final_disposition": message["final_disposition"],
            "findings": _copy(message["findings"] or []),
            "headers": [{"name": name, "value": value} for name, value in headers if value],
            "links": [],
            "sender_info": {"as_name": "EXAMPLE-AS", "as_number": 64500, "geo": "US", "ip": message["smtp_helo_server_ip"], "pld": _domain(message["from"])},
            "threat_categories": [{"description": None, "id": None, "name": name} for name in message["threat_categories"] or []],
            "validation": _copy(message["validation"] or {}),
        }
        return {"result": complete(CONTRACT["detections_response"], detections)}

    def _trace_get(self, state, params, investigate_id):
        message = self._message(state, investigate_id)
        logged = message["scanned_at"]
        outcome = "Quarantined" if message["is_quarantined"] else "Delivered to %s" % ", ".join(message["client_recipients"])
        lines = [
            {"lineno": 1, "logged_at": logged, "message": "Received from %s" % message["smtp_helo_server_ip"], "ts": logged},
            {"lineno": 2, "logged_at": logged, "message": outcome, "ts": logged},
        ]
        return {"result": {"inbound": {"lines": lines, "pending": False}, "outbound": {"lines": [], "pending": False}}}

    def _raw_get(self, state, params, investigate_id):
        message = self._message(state, investigate_id)
        headers = [
            ("From", message["from"]),
            ("To", ", ".join(message["to"] or message["client_recipients"])),
            ("Subject", message["subject"]),
            ("Date", message["sent_date"]),
            ("Message-ID", message["message_id"]),
            ("MIME-Version", "1.0"),
            ("Content-Type", "text/plain; charset=utf-8"),
        ]
        text = "".join("%s: %s\r\n" % (name, value) for name, value in headers if value) + "\r\nThis is a message held by the fake API.\r\n"
        return {"result": {"raw": text}}

    def _preview(self, message):
        self._record(message, "PREVIEW")
        return {"result": {"screenshot": SCREENSHOT}}

    def _preview_get(self, state, params, investigate_id):
        message = self._message(state, investigate_id)
        if message["final_disposition"] in (None, "NONE"):
            raise invalid("This message has no detection: use POST /investigate/preview")
        return self._preview(message)

    def _preview_create(self, state, params):
        message = self._message(state, params["id"])
        if message["final_disposition"] not in (None, "NONE"):
            raise invalid("This message has a detection: use GET /investigate/%s/preview" % message["id"], "/id")
        if state.folders[message["id"]] != "Inbox":
            raise ApiError(409, 1409, "The message is no longer in the recipient's inbox")
        return self._preview(message)

    # Acting on messages.

    @staticmethod
    def _ids(params):
        ids = params["ids"]
        if not 1 <= len(ids) <= 1000:
            raise invalid("ids: between 1 and 1000 ids", "/ids")
        if len(set(ids)) != len(ids):
            raise invalid("ids: an id is given more than once", "/ids")
        return ids

    @staticmethod
    def _take(faults, message_id):
        if message_id in faults:
            faults.remove(message_id)
            return True
        return False

    @staticmethod
    def _record(message, operation):
        if operation not in (message["post_delivery_operations"] or []):
            message["post_delivery_operations"] = (message["post_delivery_operations"] or []) + [operation]

    def _release(self, state, message):
        message["is_quarantined"] = False
        message["delivery_status"] = ["delivered"]
        self._record(message, "QUARANTINE_RELEASE")
        state.folders[message["id"]] = "Inbox"

    def _move_to(self, state, message, destination):
        statuses = [status for status in message["delivery_status"] or [] if status != "delivered"]
        message["delivery_status"] = statuses if "moved" in statuses else statuses + ["moved"]
        self._record(message, "MOVE")
        state.folders[message["id"]] = destination

    def _release_bulk(self, state, params):
        answers = []
        for message_id in self._ids(params):
            message = state.messages.get(message_id)
            if message is None:
                continue
            recipients = list(message["client_recipients"])
            answer = {"id": message_id, "postfix_id": message["postfix_id"], "delivered": [], "failed": [], "undelivered": []}
            if self._take(self._release_fails, message_id):
                answer["failed"] = recipients
            elif message["is_quarantined"]:
                self._release(state, message)
                answer["delivered"] = recipients
            else:
                answer["undelivered"] = recipients
            answers.append(answer)
        return {"result": answers}

    def _move_message(self, state, message, destination):
        """One move_response per client recipient; a quarantined message stays where it is."""
        failed = self._take(self._move_fails, message["id"])
        done = iso(self._now())
        status = "failed" if failed else "failed: message is quarantined" if message["is_quarantined"] else "completed"
        if status == "completed":
            self._move_to(state, message, destination)
        return [
            {
                "completed_at": done if status == "completed" else None,
                "completed_timestamp": done if status == "completed" else None,
                "destination": destination,
                "item_count": None,
                "message_id": message["id"],
                "operation": "MOVE",
                "recipient": recipient,
                "status": status,
                "success": status == "completed",
            }
            for recipient in message["client_recipients"]
        ]

    def _move(self, state, params, investigate_id):
        return {"result": self._move_message(state, self._message(state, investigate_id), params["destination"])}

    def _move_bulk(self, state, params):
        answers = []
        for message_id in self._ids(params):
            if message_id in state.messages:
                answers.extend(self._move_message(state, state.messages[message_id], params["destination"]))
        return {"result": answers}

    def _reclassify(self, state, params, investigate_id):
        message = self._message(state, investigate_id)
        if "eml_content" in params:
            try:
                base64.b64decode(params["eml_content"], validate=True)
            except (binascii.Error, ValueError):
                raise invalid("eml_content: expected base64", "/eml_content") from None
        original = message["final_disposition"]
        if original == "MALICIOUS-BEC":
            original = "MALICIOUS"
        elif original is not None and original not in SUBMISSION_DISPOSITIONS:
            original = "NONE"
        now = iso(self._now())
        submission = {
            "submission_id": str(uuid.uuid4()),
            "requested_at": now,
            "requested_ts": now,
            "requested_disposition": params["expected_disposition"],
            "original_disposition": original,
            "original_edf_hash": message["edf_hash"],
            "original_postfix_id": message["postfix_id"],
            "escalated_submission_id": params.get("escalated_submission_id"),
            "type": "Team",
            "status": "unreviewed",
            "customer_status": "unreviewed",
            "subject": message["subject"],
        }
        state.submissions.append(complete(CONTRACT["submission_response"], submission))
        self._record(message, "SUBMISSION")
        return {"result": {}}

    # Page-paged lists.

    @staticmethod
    def _page(items, total, params):
        page, per_page = params.get("page", 1), params.get("per_page", 20)
        if page < 1:
            raise invalid("page: must be at least 1")
        if not 1 <= per_page <= 1000:
            raise invalid("per_page: must be between 1 and 1000")
        chunk = items[(page - 1) * per_page : page * per_page]
        return {"result": _copy(chunk), "result_info": {"page": page, "per_page": per_page, "count": len(chunk), "total_count": total}}

    def _submission_list(self, state, params):
        start, end = self._window(params)
        if "status" in params and params["status"] not in REVIEW_STATUSES:
            raise invalid("status: %r is not one of %s" % (params["status"], ", ".join(REVIEW_STATUSES)))
        wanted = (
            ("original_disposition", lambda item: item["original_disposition"] == params["original_disposition"]),
            ("outcome_disposition", lambda item: item["outcome_disposition"] == params["outcome_disposition"]),
            ("requested_disposition", lambda item: item["requested_disposition"] == params["requested_disposition"]),
            ("type", lambda item: (item["type"] or "").upper() == params["type"]),
            ("submission_id", lambda item: item["submission_id"] == params["submission_id"]),
            ("query", lambda item: params["query"].lower() in (item["subject"] or "").lower()),
            ("status", lambda item: item["customer_status"] == params["status"]),
            # A team submission made from a user's report names that report.
            ("escalated_from_user", lambda item: (item["escalated_submission_id"] is not None) == params["escalated_from_user"]),
        )
        items = [item for item in state.submissions if start <= item["requested_at"] <= end]
        for name, keep in wanted:
            if name in params:
                items = [item for item in items if keep(item)]
        items.sort(key=lambda item: item["submission_id"])
        order = params.get("order", "requested_at")
        items.sort(key=lambda item: item[order] or "", reverse=params.get("direction", "desc") == "desc")
        return self._page(items, len(state.submissions), params)

    def _phishguard_report_list(self, state, params):
        start, end = self._window(params)
        items = sorted((report for report in state.reports if report["created_at"] and start <= report["created_at"] <= end), key=lambda report: report["id"])
        items.sort(key=lambda report: report["created_at"], reverse=True)
        return self._page(items, len(state.reports), params)

    # Bulk jobs.

    def _bulk_create(self, state, params):
        action, destination = params["action"], params.get("destination")
        if action == "MOVE" and destination is None:
            raise invalid("destination: required when action is MOVE", "/destination")
        if action == "RELEASE" and destination is not None:
            raise invalid("destination: only for action MOVE", "/destination")
        given = params["search_params"]
        fields = JOB["search_params"]["fields"]
        typed = dict((name, parse_datetime(value) if fields[name]["type"] == "datetime" else value) for name, value in given.items())
        filters = self._filters(typed, "/search_params")
        search = complete(fields, dict(given))
        action_params = {"type": action}
        if action == "MOVE":
            action_params.update(destination=destination, expected_disposition=None)
        job = {
            "job_id": str(uuid.uuid4()),
            "action_params": action_params,
            "action_type": action,
            "comment": params.get("comment"),
            "created_at": iso(self._now()),
            "status": "PENDING",
            "search_params": search,
            "total_messages_discovered": 0,
        }
        record = _Job(complete(JOB, job), filters, self._job_faults.pop(0) if self._job_faults else None)
        self._count(record)
        state.jobs[job["job_id"]] = record
        return {"result": _copy(record.job)}

    @staticmethod
    def _count(record):
        """The counters from the rows: total = pending + successful + failed + skipped + cancelled, always."""
        statuses = [row["status"] for row in record.rows]
        record.job.update(
            total_messages_discovered=len(statuses),
            messages_pending=statuses.count("PENDING") + statuses.count("PROCESSING"),
            messages_successful=statuses.count("COMPLETED"),
            messages_failed=statuses.count("FAILED"),
            messages_skipped=statuses.count("SKIPPED"),
            messages_cancelled=statuses.count("CANCELLED"),
        )

    def _advance(self, state, record):
        """One step of the job's life, taken each time it is read: PENDING, DISCOVERING, PROCESSING, then an end."""
        job, now = record.job, iso(self._now())
        if job["status"] == "PENDING":
            job.update(status="DISCOVERING", started_at=now)
            self._discover(state, record, now)
        elif job["status"] == "DISCOVERING":
            job["status"] = "PROCESSING"
        elif job["status"] == "PROCESSING" and record.fault == "fails":
            self._end_pending(record, "CANCELLED", "The job failed before this message was processed", now)
            job.update(status="FAILED", status_message="Processing failed: the mailbox provider did not answer", completed_at=now)
        elif job["status"] == "PROCESSING" and record.fault != "stalls":
            self._process(state, record, now)
            job.update(status="COMPLETED", completed_at=now)
        self._count(record)

    def _discover(self, state, record, now):
        action = record.job["action_type"]
        for message in self._search(state, record.filters):
            for recipient in message["client_recipients"]:
                action_params = {"type": action, "client_recipient": recipient}
                if action == "MOVE":
                    action_params.update(destination=record.job["action_params"]["destination"], expected_disposition=None)
                skipped = message["is_phish_submission"]
                record.rows.append(
                    {
                        "action_params": action_params,
                        "action_type": action,
                        "alert_id": message["alert_id"],
                        "created_at": now,
                        "email_message_id": message["message_id"],
                        "message_id": message["id"],
                        "postfix_id": message["postfix_id"],
                        "processed_at": None,
                        "retry_after": None,
                        "retry_count": 0,
                        "status": "SKIPPED" if skipped else "PENDING",
                        "status_message": "Phish submissions cannot be actioned" if skipped else None,
                    }
                )

    def _process(self, state, record, now):
        """Act on each pending message once (all its recipients' rows share the outcome)."""
        outcomes = {}
        for row in record.rows:
            if row["status"] != "PENDING":
                continue
            message = state.messages.get(row["message_id"])
            if row["message_id"] not in outcomes:
                outcomes[row["message_id"]] = self._act(state, record, message)
            problem = outcomes[row["message_id"]]
            row.update(status="FAILED" if problem else "COMPLETED", status_message=problem, processed_at=now)

    def _act(self, state, record, message):
        """Release or move one message; return why it failed, or None."""
        if message is None:
            return "Message not found"
        if record.job["action_type"] == "RELEASE":
            if not message["is_quarantined"]:
                return "Message is not quarantined"
            self._release(state, message)
        else:
            if message["is_quarantined"]:
                return "Message is quarantined"
            self._move_to(state, message, record.job["action_params"]["destination"])
        return None

    @staticmethod
    def _end_pending(record, status, reason, now):
        for row in record.rows:
            if row["status"] in ("PENDING", "PROCESSING"):
                row.update(status=status, status_message=reason, processed_at=now)

    def _bulk_get(self, state, params, job_id):
        record = self._job(state, job_id)
        self._advance(state, record)
        return {"result": _copy(record.job)}

    def _bulk_list(self, state, params):
        """Newest first; a list is a read of every job of the account, so each advances one step."""
        records = list(state.jobs.values())
        for record in records:
            self._advance(state, record)
        jobs = [record.job for record in reversed(records)]
        for name in ("action_type", "status"):
            if name in params:
                jobs = [job for job in jobs if job[name] == params[name]]
        return self._page(jobs, len(records), params)

    def _bulk_cancel(self, state, params, job_id):
        record = self._job(state, job_id)
        if record.job["status"] in TERMINAL:
            raise ApiError(409, 1409, "Bulk action job %s is already %s" % (job_id, record.job["status"]))
        now = iso(self._now())
        self._end_pending(record, "CANCELLED", "Cancelled", now)
        record.job.update(status="CANCELLED", completed_at=now)
        self._count(record)
        return {"result": _copy(record.job)}

    def _bulk_delete(self, state, params, job_id):
        record = self._job(state, job_id)
        if record.job["status"] not in TERMINAL:
            raise ApiError(409, 1409, "Bulk action job %s is %s: cancel it first" % (job_id, record.job["status"]))
        del state.jobs[job_id]
        return {"result": {"id": job_id}}

    def _bulk_messages_list(self, state, params, job_id):
        record = self._job(state, job_id)
        rows = [row for row in record.rows if "status" not in params or row["status"] == params["status"]]
        answer = self._page(rows, len(record.rows), params)
        for row in answer["result"]:
            row["message"] = _copy(state.messages[row["message_id"]]) if row["message_id"] in state.messages else None
        return answer


def _domain(address):
    return (address or "").rpartition("@")[2].lower() or None


def _address_matches(wanted, address):
    """An address matches itself, case aside; a domain matches the address's domain exactly (not its subdomains)."""
    if "@" in wanted:
        return wanted.lower() == address.lower()
    return wanted.lower() == _domain(address)
