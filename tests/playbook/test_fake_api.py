# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The fake API behaves as the contract (the cloudflare SDK 5.9.0) says, and strictly where it is silent."""

from __future__ import annotations

import pytest
import requests
from harness import fake_api

DOMAINS = "/accounts/%s/email-security/settings/domains" % fake_api.DEMO_ACCOUNT_ID
ONE = "%s/%s" % (DOMAINS, fake_api.DEMO_DOMAIN_ID)
TOKEN = {"Authorization": "Bearer %s" % fake_api.DEMO_TOKEN}


@pytest.fixture
def api(fake_server, fake):
    def call(method, path, headers=None, **kwargs):
        response = requests.request(method, fake_server.base_url + path, headers=TOKEN if headers is None else headers, timeout=10, **kwargs)
        return response.status_code, response.json()

    return call


def test_get_answers_in_the_envelope(api):
    status, body = api("GET", ONE)
    assert status == 200
    assert body["success"] is True and body["errors"] == [] and body["result"]["id"] == fake_api.DEMO_DOMAIN_ID


@pytest.mark.parametrize(
    "headers, status, code",
    [
        ({}, 400, 9106),
        ({"Authorization": "Bearer nope"}, 401, 10000),
        ({"Authorization": "Basic abc"}, 400, 6003),
        ({"X-Auth-Email": fake_api.DEMO_EMAIL}, 400, 9106),
        ({"X-Auth-Email": fake_api.DEMO_EMAIL, "X-Auth-Key": "wrong"}, 403, 9103),
    ],
)
def test_auth_headers_are_required(api, headers, status, code):
    got_status, body = api("GET", ONE, headers=headers)
    assert (got_status, body["errors"][0]["code"], body["success"]) == (status, code, False)


def test_legacy_headers_work(api):
    status, _body = api("GET", ONE, headers={"X-Auth-Email": fake_api.DEMO_EMAIL, "X-Auth-Key": fake_api.DEMO_API_KEY})
    assert status == 200


@pytest.mark.parametrize(
    "body, pointer",
    [
        ({"colour": "blue"}, "/colour"),
        ({"regions": ["EU"]}, "/regions"),
        ({"lookback_hops": 0}, "/lookback_hops"),
        ({"lookback_hops": 21}, "/lookback_hops"),
        ({"lookback_hops": True}, "/lookback_hops"),
        ({"folder": "Junk"}, "/folder"),
        ({"integration_id": "123"}, "/integration_id"),
        ({"ip_restrictions": ["nope"]}, "/ip_restrictions"),
        ({"require_tls_inbound": "yes"}, "/require_tls_inbound"),
        ({"domain": "example.com"}, "/domain"),
        ({"regions": ["us"]}, "/regions"),
        ({"lookback_hops": None}, "/lookback_hops"),
        ({"transport": 5}, "/transport"),
    ],
)
def test_patch_validates_as_documented(api, fake, body, pointer):
    status, answer = api("PATCH", ONE, json=body)
    assert status == 400
    assert answer["errors"][0]["source"]["pointer"] == pointer
    assert fake.get_domain(fake_api.DEMO_ACCOUNT_ID, fake_api.DEMO_DOMAIN_ID)["lookback_hops"] == 1


def test_patch_changes_only_the_given_fields(api):
    status, body = api("PATCH", ONE, json={"lookback_hops": 5, "regions": ["US"]})
    assert status == 200
    assert body["result"]["lookback_hops"] == 5 and body["result"]["regions"] == ["US"]
    assert body["result"]["folder"] == "AllItems"
    assert api("GET", ONE)[1]["result"]["lookback_hops"] == 5


def test_read_only_token_cannot_patch(api):
    status, body = api("PATCH", ONE, headers={"Authorization": "Bearer %s" % fake_api.READ_ONLY_TOKEN}, json={"lookback_hops": 2})
    assert (status, body["errors"][0]["code"]) == (403, 10000)


def test_unknown_domain_and_account(api):
    assert api("GET", DOMAINS + "/00000000-0000-4000-8000-000000000000")[0] == 404
    assert api("GET", "/accounts/other/email-security/settings/domains")[0] == 403


def test_list_paginates_filters_and_orders(api, fake):
    fake.set_domains(
        fake_api.DEMO_ACCOUNT_ID,
        [
            fake_api.make_domain("00000000-0000-4000-8000-%012d" % number, "d%03d.example" % number, status="ACTIVE" if number % 2 else "PENDING")
            for number in range(25)
        ],
    )
    status, body = api("GET", DOMAINS, params={"per_page": 10, "page": 3, "order": "domain"})
    assert status == 200
    assert [item["domain"] for item in body["result"]] == ["d%03d.example" % number for number in range(20, 25)]
    assert body["result_info"] == {"count": 5, "page": 3, "per_page": 10, "total_count": 25}
    # The name filter matches exact case only, and total_count is the unfiltered total (the contract is silent on both).
    _status, body = api("GET", DOMAINS, params={"domain": ["d001.example", "D002.example", "d003.example"], "direction": "desc"})
    assert [item["domain"] for item in body["result"]] == ["d003.example", "d001.example"]
    _status, body = api("GET", DOMAINS, params={"status": "PENDING", "per_page": 1000})
    assert len(body["result"]) == 13 and body["result_info"]["total_count"] == 25
    assert api("GET", DOMAINS, params={"status": "pending"})[0] == 400
    assert api("GET", DOMAINS, params={"allowed_delivery_mode": "direct"})[0] == 400
    assert api("GET", DOMAINS, params={"colour": "blue"})[0] == 400
    assert api("GET", DOMAINS, params={"per_page": 1001})[0] == 400


def test_faults_are_served_then_used_up(api, fake):
    fake.add_fault({"method": "GET", "status": 429, "retry_after": 2, "times": 1})
    status, body = api("GET", ONE)
    assert status == 429 and body["success"] is False
    assert api("GET", ONE)[0] == 200
    assert [request["method"] for request in fake.requests_seen()] == ["GET", "GET"]


CREATE = {"domain": "new.example", "allowed_delivery_modes": ["DIRECT"], "ip_restrictions": [], "drop_dispositions": [], "regions": ["GLOBAL"]}


def test_post_creates_a_domain(api, fake):
    status, body = api("POST", DOMAINS, json=dict(CREATE, lookback_hops=2, folder=None, transport=None))
    assert status == 201
    created = body["result"]
    assert created["domain"] == "new.example" and created["lookback_hops"] == 2 and created["status"] == "PENDING"
    assert api("GET", "%s/%s" % (DOMAINS, created["id"]))[1]["result"] == created


@pytest.mark.parametrize(
    "body, pointer",
    [
        ({key: value for key, value in CREATE.items() if key != "regions"}, "/regions"),
        (dict(CREATE, regions=None), "/regions"),
        (dict(CREATE, allowed_delivery_modes=["direct"]), "/allowed_delivery_modes"),
        (dict(CREATE, drop_dispositions="SPAM"), "/drop_dispositions"),
        (dict(CREATE, ip_restrictions=["nope"]), "/ip_restrictions"),
        (dict(CREATE, id="abc"), "/id"),
        (dict(CREATE, domain="example.com"), "/domain"),
    ],
)
def test_post_validates_as_documented(api, body, pointer):
    status, answer = api("POST", DOMAINS, json=body)
    assert status in (400, 409)
    assert answer["errors"][0]["source"]["pointer"] == pointer


def test_delete_removes_a_domain(api, fake):
    status, body = api("DELETE", ONE)
    assert (status, body["result"]) == (200, {"id": fake_api.DEMO_DOMAIN_ID})
    assert api("GET", ONE)[0] == 404
    assert api("DELETE", ONE)[0] == 404


def test_writes_need_the_write_permission(api):
    read_only = {"Authorization": "Bearer %s" % fake_api.READ_ONLY_TOKEN}
    assert api("POST", DOMAINS, headers=read_only, json=CREATE)[0] == 403
    assert api("DELETE", ONE, headers=read_only)[0] == 403


def test_batch_applies_patches_and_deletes(api, fake):
    other = "5c0a7c6e-9a53-4b8e-8d1f-2f0b7f4c9e11"
    body = {"deletes": [{"id": other}], "patches": [{"id": fake_api.DEMO_DOMAIN_ID, "lookback_hops": 4}], "puts": [], "posts": []}
    status, answer = api("POST", DOMAINS + "/batch", json=body)
    assert status == 200
    assert answer["result"]["deletes"] == [{"id": other}]
    assert answer["result"]["patches"][0]["lookback_hops"] == 4
    assert api("GET", "%s/%s" % (DOMAINS, other))[0] == 404


@pytest.mark.parametrize(
    "body, status",
    [
        ({"patches": []}, 400),
        ({"deletes": [], "patches": [{"id": "x", "lookback_hops": 2}] * 1001, "puts": [], "posts": []}, 400),
    ],
)
def test_a_malformed_batch_applies_nothing(api, fake, body, status):
    assert api("POST", DOMAINS + "/batch", json=body)[0] == status
    assert fake.get_domain(fake_api.DEMO_ACCOUNT_ID, fake_api.DEMO_DOMAIN_ID)["regions"] == ["GLOBAL"]


OTHER = "5c0a7c6e-9a53-4b8e-8d1f-2f0b7f4c9e11"


@pytest.mark.parametrize(
    "bad, status",
    [
        ({"id": "00000000-0000-4000-8000-000000000000", "lookback_hops": 2}, 404),
        ({"id": OTHER, "lookback_hops": 99}, 400),
        ({"id": OTHER, "domain": "x.example"}, 400),
        ({"id": OTHER, "regions": ["eu"]}, 400),
    ],
)
def test_a_batch_applies_in_order_and_stops_at_the_first_bad_item(api, fake, bad, status):
    """The contract does not say a batch is atomic: the fake takes the stricter reading, a partial batch."""
    body = {"deletes": [], "patches": [{"id": fake_api.DEMO_DOMAIN_ID, "regions": ["US"]}, bad, {"id": OTHER, "lookback_hops": 3}], "puts": [], "posts": []}
    got_status, answer = api("POST", DOMAINS + "/batch", json=body)
    assert got_status == status and answer["errors"][0]["source"]["pointer"].startswith("/patches/1")
    assert fake.get_domain(fake_api.DEMO_ACCOUNT_ID, fake_api.DEMO_DOMAIN_ID)["regions"] == ["US"]
    assert fake.get_domain(fake_api.DEMO_ACCOUNT_ID, OTHER)["lookback_hops"] == 1


def test_integer_id_mode_serves_integers_like_older_api_generations(api, fake):
    fake.set_mode(integer_ids=True)
    try:
        _status, body = api("GET", DOMAINS)
        ids = [item["id"] for item in body["result"]]
        assert all(isinstance(value, int) for value in ids)
        assert api("GET", "%s/%d" % (DOMAINS, ids[0]))[1]["result"]["id"] == ids[0]
        assert isinstance(api("POST", DOMAINS, json=CREATE)[1]["result"]["id"], int)
    finally:
        fake.set_mode(integer_ids=False)
