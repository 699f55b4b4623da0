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
import urllib3

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


def ok(result, **extra):
    answer = {"success": True, "errors": [], "messages": [], "result": result}
    answer.update(extra)
    return answer


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


@pytest.mark.parametrize("secret", [SECRET, 'tok"en\\with\tescapes\u00e9\u2028'])
def test_a_credential_inside_lists_and_dicts_is_redacted_in_every_form(secret):
    """Containers are first looked at as one JSON text; every form must still be found there, escaped or not."""
    redact = Redactor([secret])
    for form in redact._forms:  # pylint: disable=protected-access
        for value in ({"k": ["before %s after" % form]}, ["x", {"before %s" % form: 1}], {"a": {"b": [1, None, form]}}):
            assert "********" in json.dumps(redact(value)), form
    clean = {"entries": [{"pattern": "a.example"}], "n": 1}
    assert redact(clean) == clean and redact(clean) is not clean


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
def test_list_yields_each_item_once_across_overlapping_pages():
    responses.get(BASE + "/things", json=ok([{"id": 1}, {"id": 2}]))
    responses.get(BASE + "/things", json=ok([{"id": 2}, {"id": 3}]))
    responses.get(BASE + "/things", json=ok([]))
    assert [item["id"] for item in client().list("/things", per_page=2)] == [1, 2, 3]
    assert len(responses.calls) == 3


@responses.activate
def test_a_page_that_repeats_only_earlier_items_fails_instead_of_ending_the_list():
    responses.get(BASE + "/things", json=ok([{"id": 1}, {"id": 2}]))
    responses.get(BASE + "/things", json=ok([{"id": 2}, {"id": 1}]))
    with pytest.raises(UnexpectedResponse, match="Page 2 of the list repeated only items of earlier pages"):
        list(client().list("/things", per_page=2))


@responses.activate
def test_a_full_page_is_never_the_last_whatever_total_count_says():
    """1.1.0 stopped at a page of 1000 with total_count 1000 on an account holding 1,200: entry 1,101 was created again."""
    first = ok([{"id": number} for number in range(1000)], result_info={"page": 1, "per_page": 1000, "count": 1000, "total_count": 1000})
    second = ok([{"id": number} for number in range(1000, 1200)], result_info={"page": 2, "per_page": 1000, "count": 200, "total_count": 1000})
    responses.get(BASE + "/things", json=first)
    responses.get(BASE + "/things", json=second)
    assert len(list(client().list("/things", per_page=1000))) == 1200
    assert len(responses.calls) == 2


@responses.activate
def test_a_short_page_before_total_count_was_seen_reads_on():
    """A server that serves smaller pages than asked: the count, not the page size, says when the list ends."""
    for start in (0, 100, 200):
        responses.get(BASE + "/things", json=ok([{"id": number} for number in range(start, start + 100)], result_info={"per_page": 100, "total_count": 300}))
    items = list(client().list("/things", per_page=1000))
    assert len(items) == 300 and len(responses.calls) == 3


@responses.activate
def test_a_short_page_with_more_promised_reads_on_until_an_empty_page():
    answer = ok([{"id": 1}])
    answer["result_info"] = {"page": 1, "per_page": 1000, "count": 1, "total_count": 5000}
    responses.get(BASE + "/things", json=answer)
    responses.get(BASE + "/things", json=ok([]))
    assert len(list(client().list("/things", per_page=1000))) == 1
    assert len(responses.calls) == 2


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


# -- never report what did not happen (issue 16)


@responses.activate
@pytest.mark.parametrize(
    "status, body, content_type, not_found, routing",
    [
        (404, {"success": False, "errors": [{"code": 1002, "message": "Not found"}], "messages": [], "result": None}, "application/json", True, False),
        (404, {"success": False, "errors": [{"code": 1551, "message": "Policy not found"}], "messages": [], "result": None}, "application/json", True, False),
        (404, {"success": False, "errors": [{"code": 7003, "message": "Could not route"}], "messages": [], "result": None}, "application/json", False, True),
        (404, {"success": False, "errors": [{"code": 7000, "message": "No route"}], "messages": [], "result": None}, "application/json", False, True),
        (404, "<html>Not Found</html>", "text/html", False, True),
        (404, {"message": "not found"}, "application/json", False, True),
        (404, {"success": False, "errors": [], "messages": [], "result": None}, "application/json", False, False),
        (400, {"success": False, "errors": [{"code": 1002, "message": "x"}], "messages": [], "result": None}, "application/json", False, False),
    ],
)
def test_only_cloudflare_itself_saying_not_found_counts_as_not_found(status, body, content_type, not_found, routing):
    """1.1.0 took any 404 for "absent": a base URL typo (.../client/v44) made state=absent report ok."""
    responses.get(URL, status=status, body=body if isinstance(body, str) else json.dumps(body), content_type=content_type)
    with pytest.raises(CloudflareApiError) as caught:
        client().get(PATH)
    assert caught.value.is_not_found is not_found
    assert caught.value.is_routing_error is routing


@responses.activate
def test_a_write_whose_answer_was_lost_may_have_been_applied():
    responses.patch(URL, body=requests.exceptions.ReadTimeout("read timed out"))
    responses.post(URL, body=requests.exceptions.ConnectionError("Connection aborted.", "RemoteDisconnected"))
    with pytest.raises(CloudflareApiError) as patched:
        CloudflareClient(base_url=BASE, api_token=SECRET, retry_policy=RetryPolicy(max_retries=0)).patch(PATH, {})
    assert patched.value.may_have_applied
    with pytest.raises(CloudflareApiError) as posted:
        client().post(PATH, {})
    assert posted.value.may_have_applied and len(responses.calls) == 2  # a POST whose answer was lost is never sent again


@responses.activate
def test_a_write_that_never_reached_the_server_is_retried_and_was_not_applied():
    refused = urllib3.exceptions.NewConnectionError(None, "Connection refused")
    for _attempt in range(4):
        responses.post(URL, body=requests.exceptions.ConnectionError(urllib3.exceptions.MaxRetryError(None, URL, refused)))
    with pytest.raises(CloudflareApiError) as caught:
        client().post(PATH, {})
    assert not caught.value.may_have_applied and len(responses.calls) == 4


@responses.activate
@pytest.mark.parametrize("status, applied", [(400, False), (403, False), (409, False), (429, False), (500, True), (502, True), (504, True)])
def test_a_refused_write_was_not_applied_and_a_server_error_may_have_been(status, applied):
    responses.post(URL, status=status, json={"success": False, "errors": [{"code": 1000, "message": "x"}], "messages": [], "result": None})
    with pytest.raises(CloudflareApiError) as caught:
        CloudflareClient(base_url=BASE, api_token=SECRET, retry_policy=RetryPolicy(max_retries=0)).post(PATH, {})
    assert caught.value.may_have_applied is applied


@pytest.mark.parametrize("prefix", ["", "a", "ab", "Bearer ", "Authorization: Bearer "])
def test_the_base64_form_of_a_credential_is_redacted_wherever_it_starts(prefix):
    import base64

    for encode in (base64.b64encode, base64.urlsafe_b64encode):
        echoed = encode((prefix + SECRET + " trailer").encode()).decode()
        redacted = Redactor([SECRET])(echoed)
        assert "********" in redacted
        # What is left cannot be decoded back into any third of the secret.
        assert all(SECRET[index : index + len(SECRET) // 3] not in _decoded_pieces(redacted) for index in range(0, len(SECRET), 4))


def _decoded_pieces(text):
    import base64

    pieces = []
    for part in text.split("********"):
        for start in range(4):
            try:
                pieces.append(base64.b64decode(part[start:] + "=" * (-len(part[start:]) % 4), validate=False).decode("latin-1"))
            except ValueError:
                pass
    return " ".join(pieces)


def test_the_lower_and_upper_case_forms_of_a_credential_are_redacted():
    redact = Redactor([SECRET])
    assert redact("to host %s.evil.example" % SECRET.lower()) == "to host ********.evil.example"
    assert SECRET.upper() not in redact(SECRET.upper())


@responses.activate
def test_a_cf_ray_header_echoing_a_credential_is_redacted():
    responses.get(URL, status=400, json={"success": False, "errors": [], "messages": [], "result": None}, headers={"cf-ray": "ray-" + SECRET})
    with pytest.raises(CloudflareApiError) as caught:
        client().get(PATH)
    assert SECRET not in str(caught.value) and SECRET not in caught.value.ray_id


@responses.activate
def test_proxy_credentials_echoed_by_a_407_page_are_redacted(monkeypatch):
    import base64

    monkeypatch.setenv("HTTPS_PROXY", "http://proxyuser:pr0xy-pa%24%24word@proxy.example:3128")
    monkeypatch.delenv("NO_PROXY", raising=False)
    echoed = "Proxy-Authorization: Basic %s" % base64.b64encode(b"proxyuser:pr0xy-pa$$word").decode()
    responses.get(URL, status=407, body="<p>%s</p>" % echoed, content_type="text/html")
    with pytest.raises(CloudflareApiError) as caught:
        client().get(PATH)
    text = str(caught.value)
    assert "Expected a JSON response" in text and "pr0xy" not in text
    assert base64.b64encode(b"proxyuser:pr0xy-pa$$word").decode()[:12] not in text


@responses.activate
def test_cursor_paging_follows_the_cursor_until_a_page_has_none():
    for number, cursor in ((1, "c2"), (2, "c3"), (3, None)):
        info = {"count": 2, "per_page": 2} if cursor is None else {"count": 2, "per_page": 2, "cursor": cursor}
        responses.get(BASE + "/search", json=ok([{"id": "m%d%d" % (number, item)} for item in (1, 2)], result_info=info))
    items, truncated = client().cursor_list("/search", {"sender": "a@example.com"}, limit=100, per_page=2)
    assert [item["id"] for item in items] == ["m11", "m12", "m21", "m22", "m31", "m32"] and not truncated
    assert [call.request.params.get("cursor") for call in responses.calls] == [None, "c2", "c3"]
    assert all("page" not in call.request.params for call in responses.calls)


@responses.activate
def test_cursor_paging_stops_at_the_limit_and_says_more_exist():
    responses.get(BASE + "/search", json=ok([{"id": "a"}, {"id": "b"}], result_info={"cursor": "next"}))
    items, truncated = client().cursor_list("/search", {}, limit=2, per_page=1000)
    assert len(items) == 2 and truncated and len(responses.calls) == 1
    assert responses.calls[0].request.params["per_page"] == "2"


@responses.activate
def test_a_cursor_that_repeats_is_an_error_not_a_loop():
    responses.get(BASE + "/search", json=ok([{"id": "a"}], result_info={"cursor": "same"}))
    responses.get(BASE + "/search", json=ok([{"id": "b"}], result_info={"cursor": "same"}))
    with pytest.raises(UnexpectedResponse, match="gave a cursor it had given before"):
        client().cursor_list("/search", {}, limit=1000, per_page=1)
    assert len(responses.calls) == 2
