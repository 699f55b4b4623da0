# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""A local, stateful stand-in for Cloudflare's Email Security API.

Start it with ``python tests/fake_api/server.py --port 8787`` and point the
modules at ``http://127.0.0.1:8787/client/v4``.  It keeps every settings
resource the collection declares in memory (domains, allow policies, blocked
senders, trusted domains, the impersonation registry, content policies,
sending domain restrictions, URL ignore patterns: list, get, create, update,
delete, batch of deletes, patches and posts), and serves the incident-response
endpoints (investigate, release, move, reclassify, bulk jobs, submissions,
PhishGuard reports: see investigate.py).  It refuses what the contract (the
cloudflare SDK 5.9.0's types) refuses: unknown fields, wrong types and enum
spellings, a field that cannot change in a PATCH or a batch patch, a create
without its required fields, a lower-case status filter, the deprecated
``UNKNOWN`` pattern type and the flags past their end of life in a write, and
IP patterns in private, loopback, link-local or unspecified ranges.  The
settings' fields, types and rules come from the collection's own declarations
(plugins/module_utils/, listed in _catalog.py), which test_contract.py holds
to the SDK's; the incident endpoints' rules come from the SDK data itself.
Where the contract is silent it takes the stricter reading: the domains batch
applies its items in order and stops at the first bad one (so it may apply in
part; the other batches are atomic, as Cloudflare documents them), the name
and pattern filters match exact case only, a second entry with the same key
is refused, and ``result_info.total_count`` is the unfiltered total.  It
answers in Cloudflare's envelope, records every request, and can be told to
misbehave (429 with Retry-After, 5xx, slow or malformed answers) or to serve
integer ids, as older API generations did.

Control endpoints, outside the API's path (no auth):
  GET  /__fake__/requests           the requests seen so far (credentials never recorded)
  POST /__fake__/reset              back to the seed data; no faults, no request log
  POST /__fake__/faults             queue a fault, e.g. {"method": "PATCH", "status": 429, "retry_after": 1, "times": 1}
                                    ("after": N lets the first N matching requests through)
  PUT  /__fake__/domains/{account}  replace an account's domains with the JSON list given
  PUT  /__fake__/objects/{resource}/{account}
                                    the same for another settings resource (allow_policies, block_senders, ...)
  PUT  /__fake__/messages/{account} replace an account's messages (investigate); items may be partial
  PUT  /__fake__/reports/{account}  replace an account's PhishGuard reports
  POST /__fake__/investigate/faults queue an incident fault: {"release_fails": [ids]}, {"move_fails": [ids]},
                                    {"job": "fails"} or {"job": "stalls"}
  POST /__fake__/mode               {"integer_ids": true} serves integer ids from now on (reset keeps the mode)
"""

from __future__ import annotations

import argparse
import copy
import datetime
import json
import os
import re
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

API_PREFIX = "/client/v4"
CONTROL_PREFIX = "/__fake__"

DEMO_ACCOUNT_ID = "023e105f4ecef8ad9ca31a8372d0c353"
DEMO_DOMAIN_ID = "f174e90a-fafe-4643-bbbc-4a0ed4fc8415"
DEMO_TOKEN = "demo-token-Sn3lZJTBX6kkg7OdcBUAxOO963GEIyGQ"
READ_ONLY_TOKEN = "read-only-token-9f8e7d6c5b4a39281706f5e4d3c2b1a0"
DEMO_EMAIL = "user@example.com"
DEMO_API_KEY = "144c9defac04969c7bfad8efaa8ea194"


sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import collection_path  # noqa: E402  pylint: disable=wrong-import-position

collection_path.make_importable()
import investigate  # noqa: E402  pylint: disable=wrong-import-position

# The collection's declarations (they import nothing from Ansible): the fake's rules come from them.
from ansible_collections.cloudflare_community.email_security.plugins.module_utils import _domain as declaration  # noqa: E402
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._catalog import RESOURCES as DECLARED  # noqa: E402

DELIVERY_MODES = declaration.DELIVERY_MODES
STATUSES = declaration.STATUSES
DOMAIN = declaration.DOMAIN
# By the last part of their path: domains, allow_policies, ...
RESOURCES = dict((resource.path.rsplit("/", 1)[1], resource) for resource in DECLARED)
LIST_PARAMETERS = ("page", "per_page", "order", "direction", "domain", "allowed_delivery_mode", "active_delivery_mode", "integration_id", "status", "search")
SETTINGS_PATH = re.compile(r"^/accounts/(?P<account>[^/]+)/email-security/settings/(?P<resource>[a-z_]+)(?:/(?P<object_id>[^/]+))?$")
INCIDENT_PATH = re.compile(r"^/accounts/(?P<account>[^/]+)/email-security(?P<rest>/(?:investigate|submissions|phishguard)(?:/.*)?)$")


def _key(resource):
    """Where the fake keeps a resource's objects: the last part of its path."""
    return resource.path.rsplit("/", 1)[1]


def _now():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def make_domain(domain_id, name, **settings):
    """A domain object with every field the API documents."""
    domain = {
        "id": domain_id,
        "allowed_delivery_modes": ["DIRECT"],
        "authorization": {"authorized": True, "timestamp": "2026-01-01T00:00:00.000000Z", "status_message": ""},
        "created_at": "2026-01-01T00:00:00.000000Z",
        "dmarc_status": "good",
        "domain": name,
        "drop_dispositions": ["MALICIOUS"],
        "emails_processed": {"timestamp": "2026-01-01T00:00:00.000000Z", "total_emails_processed": 0, "total_emails_processed_previous": 0},
        "folder": "AllItems",
        "inbox_provider": "Microsoft",
        "integration_id": None,
        "ip_restrictions": [],
        "last_modified": "2026-01-01T00:00:00.000000Z",
        "lookback_hops": 1,
        "modified_at": "2026-01-01T00:00:00.000000Z",
        "o365_tenant_id": None,
        "regions": ["GLOBAL"],
        "require_tls_inbound": False,
        "require_tls_outbound": False,
        "spf_status": "good",
        "status": "ACTIVE",
        "transport": "mx.example.com",
    }
    domain.update(settings)
    return domain


def seed_domains():
    return {
        DEMO_ACCOUNT_ID: [
            make_domain(DEMO_DOMAIN_ID, "example.com"),
            make_domain("5c0a7c6e-9a53-4b8e-8d1f-2f0b7f4c9e11", "example.net", allowed_delivery_modes=["BCC", "JOURNAL"]),
            make_domain("9d2f5b1a-3c4e-4f60-8a7b-1c2d3e4f5a6b", "example.org", status="PENDING"),
        ]
    }


class ApiError(Exception):
    def __init__(self, status, code, message, pointer=None):
        super().__init__(message)
        self.status = status
        self.error = {"code": code, "message": message}
        if pointer:
            self.error["source"] = {"pointer": pointer}


def validate(resource, body, operation, stored=None, pointer=""):
    """Refuse ``body`` with the API's error envelope if the declaration's rules refuse it."""
    problems = resource.body_problems(body, operation, stored)
    if problems:
        name, problem = problems[0]
        raise ApiError(400, 1001, "%s: %s" % (name or "body", problem), "%s/%s" % (pointer, name))


def make_entry(resource, entry_id, body):
    """A stored object other than a domain: every field the API documents (retired flags reported as false)."""
    now = _now()
    entry = dict((field.name, False if field.retired else None) for field in resource.fields)
    entry.update(copy.deepcopy(body))
    entry.update(id=entry_id, created_at=now, modified_at=now, last_modified=now)
    return entry


class FakeCloudflare:
    """The fake's state: objects per account and resource, credentials, recorded requests and queued faults."""

    def __init__(self, seed=None):
        self._seed = seed if seed is not None else seed_domains()
        self.tokens = {DEMO_TOKEN: True, READ_ONLY_TOKEN: False}
        self.api_keys = {(DEMO_EMAIL, DEMO_API_KEY): True}
        self.lock = threading.Lock()
        self.integer_ids = False
        self.incident = investigate.InvestigateFake()
        self.reset()

    def reset(self):
        """Back to the seed data (with integer ids 1, 2, ... in integer-id mode); no faults, no request log.

        Every seeded account starts with no allow policies and no blocked senders.
        """
        with self.lock:
            self.objects = {}
            self.next_integer_id = 1
            for account, items in self._seed.items():
                self.objects[account] = dict((path, {}) for path in RESOURCES)
                for item in items:
                    item = copy.deepcopy(item)
                    if self.integer_ids:
                        item["id"] = self._new_integer_id()
                    self.objects[account]["domains"][str(item["id"])] = item
            self.requests = []
            self.faults = []
        self.incident.reset()

    @property
    def domains(self):
        """The domains of each account: {account: {id: domain}}."""
        return dict((account, stored["domains"]) for account, stored in self.objects.items())

    def entries(self, account, path):
        """The stored objects of one resource, e.g. entries(account, "allow_policies")."""
        return self.objects[account][path]

    def set_mode(self, integer_ids):
        self.integer_ids = bool(integer_ids)
        self.reset()

    def _new_integer_id(self):
        self.next_integer_id += 1
        return self.next_integer_id - 1

    def new_id(self):
        return self._new_integer_id() if self.integer_ids else str(uuid.uuid4())

    def set_objects(self, account, path, items):
        with self.lock:
            stored = self.objects.setdefault(account, dict((name, {}) for name in RESOURCES))
            stored[path] = dict((str(item["id"]), copy.deepcopy(item)) for item in items)

    def set_domains(self, account, items):
        self.set_objects(account, "domains", items)

    def add_fault(self, fault):
        with self.lock:
            self.faults.append(dict(fault, times=int(fault.get("times", 1))))

    def requests_seen(self, method=None):
        with self.lock:
            return [item for item in self.requests if method is None or item["method"] == method]

    def record(self, entry):
        with self.lock:
            self.requests.append(entry)

    def take_fault(self, method, path):
        with self.lock:
            for fault in self.faults:
                if fault.get("method", method) == method and fault.get("path_contains", "") in path:
                    if fault.get("after", 0) > 0:
                        fault["after"] -= 1
                        continue
                    fault["times"] -= 1
                    if fault["times"] <= 0:
                        self.faults.remove(fault)
                    return fault
        return None

    def authenticate(self, headers):
        """Return whether the credentials may write; raise ApiError if they are missing or wrong."""
        authorization = headers.get("Authorization")
        email, key = headers.get("X-Auth-Email"), headers.get("X-Auth-Key")
        if authorization:
            scheme, _sep, token = authorization.partition(" ")
            if scheme != "Bearer" or not token:
                raise ApiError(400, 6003, "Invalid request headers")
            if token not in self.tokens:
                raise ApiError(401, 10000, "Authentication error")
            return self.tokens[token]
        if email or key:
            if not (email and key):
                raise ApiError(400, 9106, "Missing X-Auth-Key, X-Auth-Email or Authorization headers")
            if (email, key) not in self.api_keys:
                raise ApiError(403, 9103, "Unknown X-Auth-Key or X-Auth-Email")
            return self.api_keys[(email, key)]
        raise ApiError(400, 9106, "Missing X-Auth-Key, X-Auth-Email or Authorization headers")

    def handle(self, method, path, query, body, may_write):
        incident = INCIDENT_PATH.match(path)
        if incident:
            if incident.group("account") not in self.objects:
                raise ApiError(403, 10000, "Authentication error")
            return self.incident.handle(method, incident.group("account"), incident.group("rest"), query, body, may_write)
        match = SETTINGS_PATH.match(path)
        resource = RESOURCES.get(match.group("resource")) if match else None
        if resource is None:
            raise ApiError(404, 7003, "Could not route to %s, perhaps your object identifier is invalid?" % path)
        account, object_id = match.group("account"), match.group("object_id")
        if account not in self.objects:
            raise ApiError(403, 10000, "Authentication error")
        if method == "GET" and object_id is None:
            return self.list_domains(account, query) if resource is DOMAIN else self.list_entries(resource, account, query)
        if method == "GET":
            return {"result": self.get_object(resource, account, object_id)}
        batch = method == "POST" and object_id == "batch"
        if not batch and (method not in ("POST", "PATCH", "DELETE") or (method == "POST") != (object_id is None)):
            raise ApiError(405, 10405, "Method not allowed")
        if not may_write:
            raise ApiError(403, 10000, "Authentication error")
        if batch:
            return {"result": self.batch(resource, account, body)}
        if method == "POST":
            return {"result": self.create(resource, account, body), "status": 201}
        if method == "PATCH":
            return {"result": self.update(resource, account, object_id, body)}
        return {"result": self.delete(resource, account, object_id)}

    def _stored(self, resource, account, object_id):
        item = self.objects[account][_key(resource)].get(str(object_id))
        if item is None:
            raise ApiError(404, 1002, "%s %s not found" % (resource.title.capitalize(), object_id))
        return item

    def get_object(self, resource, account, object_id):
        with self.lock:
            return copy.deepcopy(self._stored(resource, account, object_id))

    def get_domain(self, account, domain_id):
        return self.get_object(DOMAIN, account, domain_id)

    def _patch(self, resource, account, item, fields, pointer="", keys=None):
        """Check ``fields`` as a PATCH of the stored ``item`` and apply them; return a copy of the result."""
        validate(resource, fields, "update", stored=item, pointer=pointer)
        if resource is not DOMAIN:
            keys = self._key_index(resource, account) if keys is None else keys
            old_key = resource.key_of(item)
            self._refuse_duplicate(resource, keys, dict(item, **fields), item["id"], pointer)
            keys[old_key].discard(item["id"])
            keys.setdefault(resource.key_of(dict(item, **fields)), set()).add(item["id"])
        item.update(copy.deepcopy(fields))
        item["modified_at"] = item["last_modified"] = _now()
        return copy.deepcopy(item)

    def _key_index(self, resource, account):
        """The ids of the stored objects by natural key, as the model computes it."""
        keys = {}
        for other in self.objects[account][_key(resource)].values():
            keys.setdefault(resource.key_of(other), set()).add(other["id"])
        return keys

    @staticmethod
    def _refuse_duplicate(resource, keys, wanted, own_id=None, pointer=""):
        # The same key exactly or, for a name, in any case (the stricter reading): the model's own key.
        if keys.get(resource.key_of(wanted), set()) - {own_id}:
            raise ApiError(409, 1009, "A %s with this pattern already exists" % resource.title, pointer + "/pattern")

    def update(self, resource, account, object_id, body):
        with self.lock:
            return self._patch(resource, account, self._stored(resource, account, object_id), body)

    def _create(self, resource, account, body, pointer="", keys=None):
        validate(resource, body, "create", pointer=pointer)
        stored = self.objects[account][_key(resource)]
        if resource is DOMAIN:
            if any(item.get("domain", "").lower() == body["domain"].lower() for item in stored.values()):
                raise ApiError(409, 1009, "Domain %s is already protected" % body["domain"], "/domain")
            item = make_domain(self.new_id(), body["domain"], status="PENDING", dmarc_status="none", spf_status="none")
            item.update(copy.deepcopy(body))
            item["created_at"] = item["modified_at"] = item["last_modified"] = _now()
        else:
            keys = self._key_index(resource, account) if keys is None else keys
            self._refuse_duplicate(resource, keys, body, pointer=pointer)
            item = make_entry(resource, self.new_id(), body)
            keys.setdefault(resource.key_of(item), set()).add(item["id"])
        stored[str(item["id"])] = item
        return copy.deepcopy(item)

    def create(self, resource, account, body):
        with self.lock:
            return self._create(resource, account, body)

    def batch(self, resource, account, body):
        """POST .../batch: all four arrays required, at most 1000 each.

        The items are checked and applied one after the other (deletes, patches, then posts); the first bad one
        stops the batch with an error. For domains, those before it stay applied (the contract does not say that
        that batch is atomic); for the others, which Cloudflare documents as atomic, nothing is applied.
        """
        if not isinstance(body, dict) or sorted(body) != ["deletes", "patches", "posts", "puts"]:
            raise ApiError(400, 1001, "The body must hold exactly deletes, patches, puts and posts")
        for kind in ("deletes", "patches", "puts", "posts"):
            if not isinstance(body[kind], list) or len(body[kind]) > 1000:
                raise ApiError(400, 1001, "%s: expected an array of at most 1000 items" % kind, "/" + kind)
        if body["puts"]:
            raise ApiError(501, 1501, "This fake implements deletes, patches and posts in a batch, not puts")
        deleted, patched, posted = [], [], []
        with self.lock:
            # Cloudflare documents the batch calls of every resource but domains as atomic: a refused item applies nothing.
            before = copy.deepcopy(self.objects[account][_key(resource)]) if resource.atomic_batch else None
            try:
                return self._batch(resource, account, body, deleted, patched, posted)
            except ApiError:
                if before is not None:
                    self.objects[account][_key(resource)] = before
                raise

    def _batch(self, resource, account, body, deleted, patched, posted):
        known = self.objects[account][_key(resource)]
        for index, item in enumerate(body["deletes"]):
            if not isinstance(item, dict) or sorted(item) != ["id"] or str(item["id"]) not in known:
                raise ApiError(404, 1002, "deletes[%d]: no such %s" % (index, resource.title), "/deletes/%d" % index)
            deleted.append({"id": known.pop(str(item["id"]))["id"]})
        keys = None if resource is DOMAIN else self._key_index(resource, account)
        for index, patch in enumerate(body["patches"]):
            if not isinstance(patch, dict) or str(patch.get("id")) not in known:
                raise ApiError(404, 1002, "patches[%d]: no such %s" % (index, resource.title), "/patches/%d/id" % index)
            fields = dict((name, value) for name, value in patch.items() if name != "id")
            patched.append(self._patch(resource, account, known[str(patch["id"])], fields, "/patches/%d" % index, keys))
        for index, post in enumerate(body["posts"]):
            posted.append(self._create(resource, account, post, "/posts/%d" % index, keys))
        return {"deletes": deleted, "patches": patched, "puts": [], "posts": posted}

    def delete(self, resource, account, object_id):
        with self.lock:
            return {"id": self.objects[account][_key(resource)].pop(str(self._stored(resource, account, object_id)["id"]))["id"]}

    @staticmethod
    def _paging(query, orders):
        def one(name, default=None):
            values = query.get(name)
            return values[-1] if values else default

        try:
            page = int(one("page", "1"))
            per_page = int(one("per_page", "20"))
        except ValueError:
            raise ApiError(400, 1001, "page and per_page must be integers") from None
        if page < 1 or not 1 <= per_page <= 1000:
            raise ApiError(400, 1001, "page must be >= 1 and per_page between 1 and 1000")
        order, direction = one("order", orders[0]), one("direction", "asc")
        if order not in orders or direction not in ("asc", "desc"):
            raise ApiError(400, 1001, "order must be %s, direction asc or desc" % " or ".join(orders))
        return one, page, per_page, order, direction

    @staticmethod
    def _page(items, total, page, per_page, order, direction):
        items.sort(key=lambda item: (str(item.get(order) or ""), str(item["id"])), reverse=direction == "desc")
        start = (page - 1) * per_page
        return {
            "result": items[start : start + per_page],
            # The unfiltered total: the contract does not promise that it counts only the matches.
            "result_info": {"count": len(items[start : start + per_page]), "page": page, "per_page": per_page, "total_count": total},
        }

    def list_entries(self, resource, account, query):
        """GET on a resource other than domains: string filters match exactly, case included (the stricter reading).

        A list without orders in the contract (URL ignore patterns) refuses ``order`` and ``direction`` and
        serves the oldest first.
        """
        filters = dict((field.name, field) for field in resource.list_filters)
        paging = ("page", "per_page", "order", "direction") if resource.list_orders else ("page", "per_page")
        unknown = sorted(set(query) - set(paging) - set(filters))
        if unknown:
            raise ApiError(400, 1001, "Unknown query parameter %s" % unknown[0])
        one, page, per_page, order, direction = self._paging(query, resource.list_orders or ("created_at",))
        wanted = {}
        for name, field in filters.items():
            if name not in query:
                continue
            value = one(name)
            if field.argument_type == "bool":
                if value not in ("true", "false"):
                    raise ApiError(400, 1001, "%s: expected true or false" % name)
                value = value == "true"
            elif field.choices and value not in field.known_choices:
                raise ApiError(400, 1001, "%s: %r is not one of %s" % (name, value, ", ".join(field.known_choices)))
            wanted[name] = value
        with self.lock:
            items = [copy.deepcopy(item) for item in self.objects[account][_key(resource)].values()]
        total = len(items)
        search = wanted.pop("search", None)
        items = [item for item in items if all(item.get(name) == value for name, value in wanted.items())]
        if search is not None:
            items = [item for item in items if any(isinstance(value, str) and search.lower() in value.lower() for value in item.values())]
        return self._page(items, total, page, per_page, order, direction)

    def list_domains(self, account, query):
        unknown = sorted(set(query) - set(LIST_PARAMETERS))
        if unknown:
            raise ApiError(400, 1001, "Unknown query parameter %s" % unknown[0])
        one, page, per_page, order, direction = self._paging(query, ("domain", "created_at"))
        for name, allowed in (("status", STATUSES), ("allowed_delivery_mode", DELIVERY_MODES), ("active_delivery_mode", DELIVERY_MODES)):
            if name in query and one(name) not in allowed:
                raise ApiError(400, 1001, "%s: %r is not one of %s" % (name, one(name), ", ".join(allowed)))
        with self.lock:
            items = [copy.deepcopy(item) for item in self.objects[account]["domains"].values()]
        total = len(items)
        names = set(query.get("domain", []))
        filters = (
            (bool(names), lambda item: item.get("domain") in names),
            ("allowed_delivery_mode" in query, lambda item: one("allowed_delivery_mode") in item["allowed_delivery_modes"]),
            ("active_delivery_mode" in query, lambda item: one("active_delivery_mode") == item["allowed_delivery_modes"][0]),
            ("integration_id" in query, lambda item: item.get("integration_id") == one("integration_id")),
            ("status" in query, lambda item: item.get("status") == one("status")),
            ("search" in query, lambda item: one("search").lower() in item.get("domain", "").lower()),
        )
        for active, keep in filters:
            if active:
                items = [item for item in items if keep(item)]
        return self._page(items, total, page, per_page, order, direction)


class Handler(BaseHTTPRequestHandler):
    server_version = "fake-cloudflare/1.0"
    protocol_version = "HTTP/1.1"
    # http.server writes headers and body separately: with Nagle on, the second request of a kept-alive connection
    # waits ~40 ms for a delayed ACK, which the real API does not impose.
    disable_nagle_algorithm = True

    @property
    def fake(self):
        return self.server.fake

    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        if self.server.verbose:
            sys.stderr.write("%s - %s\n" % (self.address_string(), format % args))

    def do_GET(self):
        self._dispatch("GET")

    def do_POST(self):
        self._dispatch("POST")

    def do_PUT(self):
        self._dispatch("PUT")

    def do_PATCH(self):
        self._dispatch("PATCH")

    def do_DELETE(self):
        self._dispatch("DELETE")

    def _dispatch(self, method):
        url = urlsplit(self.path)
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if url.path.startswith(CONTROL_PREFIX):
            self._control(method, url.path[len(CONTROL_PREFIX) :], raw)
            return
        query = parse_qs(url.query, keep_blank_values=True)
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = ValueError
        path = url.path[len(API_PREFIX) :] if url.path.startswith(API_PREFIX) else url.path
        self.fake.record(
            {
                "method": method,
                "path": path,
                "query": query,
                "body": None if body is ValueError else body,
                "auth": "token" if self.headers.get("Authorization") else "key" if self.headers.get("X-Auth-Key") else None,
                "user_agent": self.headers.get("User-Agent"),
                "time": time.time(),
            }
        )
        fault = self.fake.take_fault(method, path)
        if fault and fault.get("delay"):
            time.sleep(float(fault["delay"]))
        if fault and fault.get("body") == "malformed":
            self._send_raw(int(fault.get("status", 200)), b'{"success": true, "result": {', "application/json")
            return
        if fault and fault.get("body") == "html":
            self._send_raw(int(fault.get("status", 502)), b"<html><body>Bad gateway</body></html>", "text/html")
            return
        if fault and fault.get("status"):
            headers = {"Retry-After": str(fault["retry_after"])} if "retry_after" in fault else {}
            error = {
                "code": int(fault.get("code", 971 if fault["status"] == 429 else 1000 + int(fault["status"]))),
                "message": fault.get("message", "Injected failure"),
            }
            self._send_envelope(int(fault["status"]), {"success": False, "errors": [error], "messages": [], "result": None}, headers)
            return
        try:
            if not url.path.startswith(API_PREFIX):
                raise ApiError(404, 7000, "No route for that URI")
            if body is ValueError:
                raise ApiError(400, 1001, "Malformed JSON in request body")
            may_write = self.fake.authenticate(self.headers)
            payload = self.fake.handle(method, path, query, body, may_write)
        except (ApiError, investigate.ApiError) as exc:
            self._send_envelope(exc.status, {"success": False, "errors": [exc.error], "messages": [], "result": None})
            return
        status = payload.pop("status", 200)
        envelope = {"success": True, "errors": [], "messages": []}
        envelope.update(payload)
        self._send_envelope(status, envelope)

    def _control(self, method, path, raw):
        data = json.loads(raw) if raw else None
        if method == "GET" and path == "/requests":
            self._send_raw(200, json.dumps(self.fake.requests_seen()).encode(), "application/json")
        elif method == "POST" and path == "/reset":
            self.fake.reset()
            self._send_raw(204, b"", "application/json")
        elif method == "POST" and path == "/faults":
            self.fake.add_fault(data)
            self._send_raw(204, b"", "application/json")
        elif method == "PUT" and path.startswith(("/messages/", "/reports/")) and path.count("/") == 2:
            _empty, kind, account = path.split("/")
            try:
                (self.fake.incident.set_messages if kind == "messages" else self.fake.incident.set_reports)(account, data)
            except ValueError as exc:
                self._send_raw(400, json.dumps({"error": str(exc)}).encode(), "application/json")
                return
            self._send_raw(204, b"", "application/json")
        elif method == "POST" and path == "/investigate/faults":
            try:
                self.fake.incident.add_fault(data)
            except ValueError as exc:
                self._send_raw(400, json.dumps({"error": str(exc)}).encode(), "application/json")
                return
            self._send_raw(204, b"", "application/json")
        elif method == "POST" and path == "/mode":
            self.fake.set_mode(data.get("integer_ids"))
            self._send_raw(204, b"", "application/json")
        elif method == "PUT" and path.startswith("/domains/"):
            self.fake.set_domains(path[len("/domains/") :], data)
            self._send_raw(204, b"", "application/json")
        elif method == "PUT" and path.count("/") == 3 and path.startswith("/objects/") and path.split("/")[2] in RESOURCES:
            _empty, _objects, resource_path, account = path.split("/")
            self.fake.set_objects(account, resource_path, data)
            self._send_raw(204, b"", "application/json")
        else:
            self._send_raw(404, b'{"error": "unknown control endpoint"}', "application/json")

    def _send_envelope(self, status, envelope, headers=None):
        extra = {"cf-ray": "%s-FAKE" % uuid.uuid4().hex[:16]}
        extra.update(headers or {})
        self._send_raw(status, json.dumps(envelope).encode(), "application/json", extra)

    def _send_raw(self, status, payload, content_type, headers=None):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(payload)


class FakeServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address, fake=None, verbose=False):
        super().__init__(address, Handler)
        self.fake = fake or FakeCloudflare()
        self.verbose = verbose

    @property
    def base_url(self):
        host, port = self.server_address[:2]
        return "http://%s:%d%s" % (host, port, API_PREFIX)


def start_in_thread(host="127.0.0.1", port=0, fake=None):
    """Start a server on a background thread (for tests); stop it with ``server.shutdown()``."""
    server = FakeServer((host, port), fake)
    threading.Thread(target=server.serve_forever, name="fake-cloudflare", daemon=True).start()
    return server


def main(argv=None):
    parser = argparse.ArgumentParser(description="Run a local fake of Cloudflare's Email Security API (settings and incident response).")
    parser.add_argument("--host", default="127.0.0.1", help="loopback address to listen on (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8787, help="port to listen on; 0 picks a free one (default: 8787)")
    parser.add_argument("--verbose", action="store_true", help="log every request to stderr")
    args = parser.parse_args(argv)
    server = FakeServer((args.host, args.port), verbose=args.verbose)
    print("Fake Cloudflare API listening on %s" % server.base_url, flush=True)
    print("Account %s, domain %s, token %s" % (DEMO_ACCOUNT_ID, DEMO_DOMAIN_ID, DEMO_TOKEN), flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
