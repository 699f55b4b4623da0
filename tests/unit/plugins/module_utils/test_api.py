# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import email.utils
import json
import time

import pytest
import requests
import responses
from responses import matchers

from ansible_collections.cloudflare_community.email_security.plugins.module_utils._api import (
    CloudflareApiError,
    CloudflareClient,
    RetryPolicy,
    path_segment,
)

BASE = "https://api.example.test/client/v4"
PATH = "/accounts/acc/email-security/settings/domains/d1"
URL = BASE + PATH


def ok(result, **extra):
    envelope = {"success": True, "errors": [], "messages": [], "result": result}
    envelope.update(extra)
    return envelope


def failure(*errors):
    return {"success": False, "errors": [{"code": code, "message": message} for code, message in errors], "messages": [], "result": None}


class Sleeps(list):
    """Records the delays asked for instead of sleeping."""

    def __call__(self, seconds):
        self.append(seconds)


@pytest.fixture
def sleeps():
    return Sleeps()


def make_client(sleeps, max_retries=3, rand=lambda: 0.0, **kwargs):
    policy = RetryPolicy(max_retries=max_retries, sleep=sleeps, rand=rand, **kwargs)
    return CloudflareClient(base_url=BASE + "/", api_token="secret-token", retry_policy=policy)


@responses.activate
def test_get_returns_result_and_sends_token_and_user_agent(sleeps):
    responses.get(URL, json=ok({"id": "d1"}), match=[matchers.header_matcher({"Authorization": "Bearer secret-token"})])
    assert make_client(sleeps).get(PATH) == {"id": "d1"}
    user_agent = responses.calls[0].request.headers["User-Agent"]
    assert user_agent.startswith("cloudflare_community.email_security/")
    assert sleeps == []


@responses.activate
def test_email_and_key_are_sent_as_legacy_headers():
    responses.get(URL, json=ok({}), match=[matchers.header_matcher({"X-Auth-Email": "me@example.com", "X-Auth-Key": "k"})])
    client = CloudflareClient(base_url=BASE, api_email="me@example.com", api_key="k")
    assert client.get(PATH) == {}
    assert "Authorization" not in responses.calls[0].request.headers


@responses.activate
def test_patch_sends_json_body(sleeps):
    responses.patch(URL, json=ok({"id": "d1", "regions": ["US"]}), match=[matchers.json_params_matcher({"regions": ["US"]})])
    assert make_client(sleeps).patch(PATH, {"regions": ["US"]}) == {"id": "d1", "regions": ["US"]}


@responses.activate
def test_429_waits_as_retry_after_says_then_succeeds(sleeps):
    responses.get(URL, status=429, json=failure((971, "Please wait")), headers={"Retry-After": "7"})
    responses.get(URL, json=ok({"id": "d1"}))
    assert make_client(sleeps).get(PATH) == {"id": "d1"}
    assert sleeps == [7.0]
    assert len(responses.calls) == 2


@responses.activate
def test_a_server_asking_for_a_longer_wait_than_a_minute_fails_at_once_saying_when(sleeps):
    """Cloudflare blocks a user for five minutes after too many requests: retrying into the block only prolongs it."""
    responses.get(URL, status=429, json=failure((971, "Please wait")), headers={"Retry-After": "300"})
    with pytest.raises(CloudflareApiError, match="asks to wait 300 seconds, until .* UTC, before the next request") as raised:
        make_client(sleeps).get(PATH)
    assert sleeps == [] and len(responses.calls) == 1
    assert raised.value.status == 429 and "run the task again after that" in str(raised.value)


@responses.activate
def test_a_ratelimit_header_with_nothing_left_counts_as_a_wait(sleeps):
    responses.get(URL, status=429, json=failure((971, "Please wait")), headers={"Ratelimit": '"default";r=0;t=280'})
    with pytest.raises(CloudflareApiError, match="asks to wait 280 seconds"):
        make_client(sleeps).get(PATH)
    assert sleeps == []


@responses.activate
def test_retry_after_zero_still_waits_a_second(sleeps):
    """1.1.0 retried at once: 301 requests in 15 s against a server answering Retry-After: 0."""
    for _attempt in range(3):
        responses.get(URL, status=429, json=failure((971, "Please wait")), headers={"Retry-After": "0"})
    responses.get(URL, json=ok({}))
    make_client(sleeps).get(PATH)
    assert sleeps == [1.0, 1.0, 1.0]


def test_max_retries_is_bounded():
    assert RetryPolicy(max_retries=300).max_retries == 10


@responses.activate
def test_retry_after_may_be_an_http_date(sleeps):
    later = email.utils.formatdate(time.time() + 30, usegmt=True)
    responses.get(URL, status=429, json=failure((971, "Please wait")), headers={"Retry-After": later})
    responses.get(URL, json=ok({}))
    make_client(sleeps).get(PATH)
    assert len(sleeps) == 1 and 25 <= sleeps[0] <= 30


@responses.activate
def test_429_without_retry_after_backs_off_exponentially(sleeps):
    for _attempt in range(3):
        responses.get(URL, status=429, json=failure((971, "Please wait")))
    responses.get(URL, json=ok({}))
    make_client(sleeps).get(PATH)
    assert sleeps == [0.5, 1.0, 2.0]


def test_backoff_is_capped_and_jittered_down_by_at_most_a_quarter():
    policy = RetryPolicy(rand=lambda: 1.0)
    assert policy.backoff(1) == 0.375
    assert policy.backoff(10) == 6.0
    assert RetryPolicy(rand=lambda: 0.0).backoff(10) == 8.0


@pytest.mark.parametrize("status", [502, 503, 504])
@responses.activate
def test_temporary_server_errors_are_retried(sleeps, status):
    responses.get(URL, status=status, json=failure((1000 + status, "Busy")))
    responses.get(URL, json=ok({"id": "d1"}))
    assert make_client(sleeps).get(PATH) == {"id": "d1"}
    assert len(sleeps) == 1


@responses.activate
def test_persistent_server_error_gives_up_after_the_retry_bound(sleeps):
    responses.get(URL, status=503, json=failure((1503, "Service unavailable")), headers={"cf-ray": "abc123-LHR"})
    with pytest.raises(CloudflareApiError) as caught:
        make_client(sleeps, max_retries=2).get(PATH)
    assert len(responses.calls) == 3
    assert sleeps == [0.5, 1.0]
    error = caught.value
    assert error.status == 503 and error.codes == [1503] and error.ray_id == "abc123-LHR"
    assert "[1503] Service unavailable" in str(error) and "HTTP 503" in str(error) and "abc123-LHR" in str(error)


@responses.activate
def test_total_wait_is_bounded(sleeps):
    responses.get(URL, status=429, json=failure((971, "Please wait")), headers={"Retry-After": "50"})
    with pytest.raises(CloudflareApiError) as caught:
        make_client(sleeps, max_retries=5, max_total_wait=120).get(PATH)
    assert sleeps == [50.0, 50.0]
    assert caught.value.status == 429


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 422])
@responses.activate
def test_other_client_errors_are_never_retried(sleeps, status):
    responses.get(URL, status=status, json=failure((1001, "No")))
    with pytest.raises(CloudflareApiError) as caught:
        make_client(sleeps).get(PATH)
    assert len(responses.calls) == 1 and sleeps == []
    assert caught.value.status == status


@responses.activate
def test_post_is_not_retried_after_a_server_error(sleeps):
    responses.post(BASE + "/things", status=503, json=failure((1503, "Busy")))
    with pytest.raises(CloudflareApiError):
        make_client(sleeps).post("/things", {"a": 1})
    assert len(responses.calls) == 1


@responses.activate
def test_post_is_retried_after_429(sleeps):
    responses.post(BASE + "/things", status=429, json=failure((971, "Wait")), headers={"Retry-After": "1"})
    responses.post(BASE + "/things", json=ok({"id": "new"}))
    assert make_client(sleeps).post("/things", {"a": 1}) == {"id": "new"}


@responses.activate
def test_connection_errors_are_retried_for_idempotent_calls(sleeps):
    responses.get(URL, body=requests.exceptions.ConnectionError("connection refused"))
    responses.get(URL, json=ok({"id": "d1"}))
    assert make_client(sleeps).get(PATH) == {"id": "d1"}
    assert len(sleeps) == 1


@responses.activate
def test_connection_errors_fail_after_the_bound_with_a_readable_message(sleeps):
    responses.get(
        URL,
        body=requests.exceptions.ConnectionError(
            "HTTPSConnectionPool(host='api.example.test'): Max retries exceeded (Caused by NewConnectionError("
            "'<urllib3.connection.HTTPSConnection object at 0x7f>: Failed to establish a new connection: [Errno 111] "
            "Connection refused'))"
        ),
    )
    with pytest.raises(CloudflareApiError) as caught:
        make_client(sleeps, max_retries=1).get(PATH)
    assert len(responses.calls) == 2
    assert "Could not get a response from %s: ConnectionError: Connection refused" % BASE in str(caught.value)
    assert caught.value.status is None


@responses.activate
def test_a_read_timeout_on_post_is_not_retried(sleeps):
    responses.post(BASE + "/things", body=requests.exceptions.ReadTimeout("slow"))
    with pytest.raises(CloudflareApiError) as caught:
        make_client(sleeps).post("/things", {})
    assert len(responses.calls) == 1
    assert "timed out" in str(caught.value)


@responses.activate
def test_a_connect_timeout_is_retried_even_for_post(sleeps):
    responses.post(BASE + "/things", body=requests.exceptions.ConnectTimeout("no answer"))
    responses.post(BASE + "/things", json=ok({"id": "new"}))
    assert make_client(sleeps).post("/things", {}) == {"id": "new"}


@responses.activate
def test_unsuccessful_envelope_with_200_is_an_error(sleeps):
    responses.get(URL, json={"success": False, "errors": [{"code": 1234, "message": "Odd"}], "messages": [], "result": None})
    with pytest.raises(CloudflareApiError) as caught:
        make_client(sleeps).get(PATH)
    assert caught.value.codes == [1234]
    assert caught.value.api_errors_text() == "[1234] Odd"


@responses.activate
def test_every_error_of_the_envelope_is_kept(sleeps):
    responses.patch(URL, status=400, json=failure((1001, "regions: bad"), (1002, "lookback_hops: bad")))
    with pytest.raises(CloudflareApiError) as caught:
        make_client(sleeps).patch(PATH, {})
    assert caught.value.api_errors_text() == "[1001] regions: bad; [1002] lookback_hops: bad"
    assert "PATCH %s" % PATH in str(caught.value)


@responses.activate
def test_html_answer_is_reported_without_decoding(sleeps):
    responses.get(URL, status=200, body="<html><body>Gateway</body></html>", content_type="text/html")
    with pytest.raises(CloudflareApiError) as caught:
        make_client(sleeps).get(PATH)
    assert "Expected a JSON response from Cloudflare but got text/html" in str(caught.value)


@responses.activate
def test_malformed_json_is_reported(sleeps):
    responses.get(URL, status=200, body='{"success": true, "result": {', content_type="application/json")
    with pytest.raises(CloudflareApiError) as caught:
        make_client(sleeps).get(PATH)
    assert "could not be decoded" in str(caught.value)


@responses.activate
def test_list_follows_pages_until_total_count(sleeps):
    path = "/accounts/acc/email-security/settings/domains"
    for page, items in ((1, [{"id": 1}, {"id": 2}]), (2, [{"id": 3}, {"id": 4}]), (3, [{"id": 5}])):
        responses.get(
            BASE + path,
            json=ok(items, result_info={"page": page, "per_page": 2, "count": len(items), "total_count": 5}),
            match=[matchers.query_param_matcher({"page": str(page), "per_page": "2", "order": "domain", "domain": ["a.example", "b.example"]})],
        )
    items = list(make_client(sleeps).list(path, {"order": "domain", "domain": ["a.example", "b.example"]}, per_page=2))
    assert [item["id"] for item in items] == [1, 2, 3, 4, 5]
    assert len(responses.calls) == 3
    assert "domain=a.example&domain=b.example" in responses.calls[0].request.url


@responses.activate
def test_list_stops_at_an_empty_page_without_total_count(sleeps):
    path = "/things"
    responses.get(BASE + path, json=ok([{"id": 1}]), match=[matchers.query_param_matcher({"page": "1", "per_page": "1"})])
    responses.get(BASE + path, json=ok([]), match=[matchers.query_param_matcher({"page": "2", "per_page": "1"})])
    assert list(make_client(sleeps).list(path, per_page=1)) == [{"id": 1}]


@responses.activate
def test_list_gives_up_past_the_most_an_account_holds(sleeps):
    """1.1.0 read 10,000 pages of a server that never ends a list (20 s and gigabytes)."""

    def page_of_one(request):
        return 200, {"Content-Type": "application/json"}, json.dumps(ok([{"id": request.params["page"]}]))

    responses.add_callback(responses.GET, BASE + "/things", callback=page_of_one)
    with pytest.raises(CloudflareApiError, match="still had more items after 3 of them .page 3., more than an account holds"):
        list(make_client(sleeps).list("/things", per_page=1, max_items=3))
    assert len(responses.calls) == 3


def test_creating_a_client_sends_nothing():
    with responses.RequestsMock() as mock:
        CloudflareClient(base_url=BASE, api_token="t")
        assert len(mock.calls) == 0


def test_path_segment_keeps_identifiers_in_one_segment():
    assert path_segment("f174e90a-fafe-4643-bbbc-4a0ed4fc8415") == "f174e90a-fafe-4643-bbbc-4a0ed4fc8415"
    assert path_segment("../../zones") == "..%2F..%2Fzones"


@responses.activate
def test_a_post_declared_idempotent_is_retried_after_a_server_error(sleeps):
    responses.post(BASE + "/batch", status=503, json=failure((1503, "Busy")))
    responses.post(BASE + "/batch", json=ok({"patches": []}))
    assert make_client(sleeps).post("/batch", {"patches": []}, idempotent=True) == {"patches": []}
    assert len(sleeps) == 1
