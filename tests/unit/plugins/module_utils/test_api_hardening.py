# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What the client must survive: redirects, .netrc, odd Retry-After values, dripping servers, echoed secrets."""

from __future__ import annotations

import json
import os
import sys
import time
from urllib.parse import quote

import pytest
import requests
import responses

from ansible_collections.cloudflare_community.email_security.plugins.module_utils import _api
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._api import (
    CloudflareApiError,
    CloudflareClient,
    Redactor,
    RetryPolicy,
    UnexpectedResponse,
    checked_object,
)

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..", "hostile_api"))
import hostile_server as hostile  # noqa: E402  pylint: disable=wrong-import-position

BASE = "https://api.example.test/client/v4"
PATH = "/accounts/acc/email-security/settings/domains/d1"
URL = BASE + PATH
SECRET = "s3cr3t+token/with=odd&chars"


def ok(result):
    return {"success": True, "errors": [], "messages": [], "result": result}


class Sleeps(list):
    def __call__(self, seconds):
        self.append(seconds)


def client(sleeps=None, **kwargs):
    return CloudflareClient(
        base_url=BASE, api_token=SECRET, retry_policy=RetryPolicy(sleep=sleeps if sleeps is not None else Sleeps(), rand=lambda: 0.0), **kwargs
    )


@responses.activate
@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
@pytest.mark.parametrize("method", ["GET", "PATCH", "DELETE"])
def test_a_redirect_is_never_followed_and_names_status_and_host(status, method):
    responses.add(method, URL, status=status, headers={"Location": "https://evil.example/steal?token=x"})
    with pytest.raises(CloudflareApiError) as caught:
        client().call(method, PATH, body={"a": 1} if method == "PATCH" else None)
    assert len(responses.calls) == 1
    assert "redirect (HTTP %d) to host evil.example, which is never followed" % status in str(caught.value)
    assert "token=x" not in str(caught.value)


@responses.activate
def test_netrc_never_replaces_the_configured_credentials(tmp_path, monkeypatch):
    netrc = tmp_path / ".netrc"
    netrc.write_text("machine api.example.test login intruder password netrc-password\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    monkeypatch.setenv("HOME", str(tmp_path))
    responses.get(URL, json=ok({"id": "d1"}))
    CloudflareClient(base_url=BASE, api_email="me@example.com", api_key="k").get(PATH)
    assert "Authorization" not in responses.calls[0].request.headers
    client().get(PATH)
    assert responses.calls[1].request.headers["Authorization"] == "Bearer %s" % SECRET


@responses.activate
@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "-5", "soon", "Mon, 99 Foo 2026 00:00:00 GMT", "1e400"])
def test_a_retry_after_that_is_not_a_finite_non_negative_number_or_date_is_ignored(value):
    sleeps = Sleeps()
    responses.get(URL, status=429, headers={"Retry-After": value}, json={"success": False, "errors": [], "result": None})
    responses.get(URL, json=ok({"id": "d1"}))
    assert client(sleeps).get(PATH) == {"id": "d1"}
    assert sleeps == [0.5]


@responses.activate
def test_the_default_sleep_is_looked_up_when_called(monkeypatch):
    slept = []
    monkeypatch.setattr(time, "sleep", slept.append)
    responses.get(URL, status=503, json={"success": False, "errors": [], "result": None})
    responses.get(URL, json=ok({"id": "d1"}))
    CloudflareClient(base_url=BASE, api_token=SECRET, retry_policy=RetryPolicy(rand=lambda: 0.0)).get(PATH)
    assert slept == [0.5]


def test_every_form_of_a_credential_is_redacted():
    redact = Redactor([SECRET, None, ""])
    for form in (SECRET, repr(SECRET)[1:-1], json.dumps(SECRET)[1:-1], quote(SECRET, safe=""), quote(SECRET)):
        assert SECRET not in redact("before %s after" % form)
        assert redact("before %s after" % form) == "before ******** after"
    assert redact({"k": [SECRET]}) == {"k": ["********"]}


@responses.activate
@pytest.mark.parametrize("offset", [0, 150, 190, 199, 250])
def test_a_quoted_body_never_shows_any_part_of_a_credential(offset):
    body = ("x" * offset) + SECRET + " " + quote(SECRET, safe="") + " " + repr(SECRET + "\n")
    responses.get(URL, status=502, body=body, content_type="text/html")
    with pytest.raises(CloudflareApiError) as caught:
        client().call("GET", PATH, idempotent=False)
    text = str(caught.value)
    assert "Expected a JSON response" in text
    for piece in (SECRET[:6], quote(SECRET, safe="")[:8]):
        assert piece not in text


@responses.activate
def test_an_api_error_echoing_a_credential_is_redacted():
    responses.patch(URL, status=400, json={"success": False, "errors": [{"code": 1, "message": "bad %s" % SECRET}], "result": None})
    with pytest.raises(CloudflareApiError) as caught:
        client().patch(PATH, {})
    assert SECRET not in str(caught.value) and SECRET not in json.dumps(caught.value.errors)


@responses.activate
def test_a_transport_error_text_is_never_quoted():
    responses.get(
        URL,
        body=requests.exceptions.InvalidHeader(
            "Invalid leading whitespace, reserved character(s), or return character(s) in header value: 'Bearer xyz-secret\\n'"
        ),
    )
    with pytest.raises(CloudflareApiError) as caught:
        client().get(PATH)
    assert "xyz-secret" not in str(caught.value) and "InvalidHeader" in str(caught.value)


@responses.activate
@pytest.mark.parametrize(
    "result, problem",
    [
        (None, "Expected a list as the result, got null"),
        ({"id": "x"}, "Expected a list as the result, got an object with id x"),
        ([{"id": "a"}, {"domain": "b"}], "Item 1 of page 1 has no id (an object)"),
        (["a"], "Item 0 of page 1 has no id (a str)"),
    ],
)
def test_list_refuses_what_is_not_a_list_of_objects_with_ids(result, problem):
    responses.get(BASE + "/things", json=ok(result))
    with pytest.raises(UnexpectedResponse, match=problem.replace("(", r"\(").replace(")", r"\)")):
        list(client().list("/things"))


@responses.activate
def test_list_stops_when_a_page_brings_nothing_new_and_yields_each_item_once():
    responses.get(BASE + "/things", json=ok([{"id": 1}, {"id": 2}]))
    responses.get(BASE + "/things", json=ok([{"id": 2}, {"id": 3}]))
    responses.get(BASE + "/things", json=ok([{"id": 3}, {"id": 1}]))
    assert [item["id"] for item in client().list("/things", per_page=2)] == [1, 2, 3]
    assert len(responses.calls) == 3


@responses.activate
def test_list_stops_at_a_page_shorter_than_the_page_size_the_server_reports():
    answer = ok([{"id": 1}])
    answer["result_info"] = {"page": 1, "per_page": 1000, "count": 1, "total_count": 5000}
    responses.get(BASE + "/things", json=answer)
    assert len(list(client().list("/things", per_page=1000))) == 1
    assert len(responses.calls) == 1


def test_checked_object_compares_ids_as_strings():
    assert checked_object({"id": 42}, "GET", "/x", expected_id="42") == {"id": 42}
    with pytest.raises(UnexpectedResponse, match="Expected the object with id 42, got the one with id 43"):
        checked_object({"id": 43}, "GET", "/x", expected_id="42")


@pytest.fixture
def drip_server():
    server = hostile.start()
    yield server
    server.shutdown()
    server.server_close()


def test_timeout_bounds_the_whole_answer_of_a_server_that_drips(drip_server):
    drip_server.script({"body": hostile.envelope({"id": "d1", "padding": "x" * 40}), "drip": 0.2})
    slow = CloudflareClient(base_url=drip_server.base_url, api_token=SECRET, timeout=1, retry_policy=RetryPolicy(max_retries=0))
    started = time.monotonic()
    with pytest.raises(CloudflareApiError, match=r"timed out after 1 seconds \(WallClockTimeout\)"):
        slow.get(PATH)
    # The body alone would take 20 s; what counts is that the call gave up long before.
    assert time.monotonic() - started < 10


def test_a_header_value_the_transport_cannot_encode_fails_without_showing_it(drip_server):
    drip_server.script({"body": hostile.envelope({"id": "d1"})})
    odd = CloudflareClient(base_url=drip_server.base_url, api_token="тайна-secret", retry_policy=RetryPolicy(max_retries=0))
    with pytest.raises(CloudflareApiError) as caught:
        odd.get(PATH)
    assert "тайна" not in str(caught.value) and "secret" not in str(caught.value)


def test_wall_clock_timeout_is_a_read_timeout_so_a_post_is_not_retried():
    assert issubclass(_api.WallClockTimeout, requests.exceptions.ReadTimeout)
