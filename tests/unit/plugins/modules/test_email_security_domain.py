# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import json
import os
import re

import pytest
from responses import matchers

from ansible_collections.cloudflare_community.email_security.plugins.module_utils import _api
from ansible_collections.cloudflare_community.email_security.plugins.modules import email_security_domain
from ansible_collections.cloudflare_community.email_security.tests.unit.compat import run_module, warnings

ACCOUNT = "023e105f4ecef8ad9ca31a8372d0c353"
DOMAIN_ID = "f174e90a-fafe-4643-bbbc-4a0ed4fc8415"
TOKEN = "unit-test-token-0123456789"
BASE = "https://api.cloudflare.com/client/v4"
LIST_URL = "%s/accounts/%s/email-security/settings/domains" % (BASE, ACCOUNT)
URL = "%s/%s" % (LIST_URL, DOMAIN_ID)
OTHER_ID = "5c0a7c6e-9a53-4b8e-8d1f-2f0b7f4c9e11"


def domain(**settings):
    obj = {
        "id": DOMAIN_ID,
        "domain": "example.com",
        "allowed_delivery_modes": ["DIRECT"],
        "drop_dispositions": ["MALICIOUS"],
        "folder": "AllItems",
        "integration_id": None,
        "ip_restrictions": ["192.0.2.0/24"],
        "lookback_hops": 1,
        "regions": ["GLOBAL"],
        "require_tls_inbound": False,
        "require_tls_outbound": False,
        "transport": "mx.example.com",
        "status": "ACTIVE",
    }
    obj.update(settings)
    return obj


def envelope(result):
    return {"success": True, "errors": [], "messages": [], "result": result}


def failure(code, message):
    return {"success": False, "errors": [{"code": code, "message": message}], "messages": [], "result": None}


def run(capsys, check_mode=False, diff=False, **args):
    """Run main() with the given options; return (failed, result)."""
    module_args = {"account_id": ACCOUNT, "api_token": TOKEN, "domain_id": DOMAIN_ID}
    module_args.update(args)
    module_args = dict((key, value) for key, value in module_args.items() if value is not None)
    module_args.update(_ansible_check_mode=check_mode, _ansible_diff=diff)
    failed, result = run_module(capsys, email_security_domain, module_args)
    assert TOKEN not in json.dumps(result)
    return failed, result


def test_changes_only_what_differs(http, capsys):
    http.get(URL, json=envelope(domain()))
    http.patch(
        URL,
        json=envelope(domain(require_tls_inbound=True, regions=["DE", "US"])),
        match=[
            matchers.json_params_matcher({"require_tls_inbound": True, "regions": ["DE", "US"]}),
            matchers.header_matcher({"Authorization": "Bearer %s" % TOKEN}),
        ],
    )
    failed, result = run(capsys, require_tls_inbound=True, regions=["US", "DE"], folder="AllItems", lookback_hops=1)
    assert not failed and result["changed"] is True
    assert result["domain"]["regions"] == ["DE", "US"]
    assert "diff" not in result


def test_no_difference_means_no_patch(http, capsys):
    http.get(URL, json=envelope(domain(regions=["us", "DE"], ip_restrictions=["2001:DB8::/32", "192.0.2.7/32"])))
    failed, result = run(capsys, regions=["DE", "US", "US"], ip_restrictions=["192.0.2.7", "2001:db8::/32"])
    assert not failed and result["changed"] is False
    assert result["domain"]["id"] == DOMAIN_ID
    assert [call.request.method for call in http.calls] == ["GET"]


def test_nothing_set_reads_only(http, capsys):
    http.get(URL, json=envelope(domain()))
    failed, result = run(capsys)
    assert not failed and result["changed"] is False and result["domain"] == domain()


def test_check_mode_predicts_without_writing(http, capsys):
    http.get(URL, json=envelope(domain()))
    failed, result = run(capsys, check_mode=True, lookback_hops=5, require_tls_outbound=True)
    assert not failed and result["changed"] is True
    assert result["domain"] == domain(lookback_hops=5, require_tls_outbound=True)
    assert [call.request.method for call in http.calls] == ["GET"]


def test_check_mode_without_difference_is_unchanged(http, capsys):
    http.get(URL, json=envelope(domain()))
    failed, result = run(capsys, check_mode=True, lookback_hops=1)
    assert not failed and result["changed"] is False


def test_diff_shows_the_managed_settings(http, capsys):
    http.get(URL, json=envelope(domain()))
    http.patch(URL, json=envelope(domain(lookback_hops=4, drop_dispositions=["MALICIOUS", "SPOOF"])))
    failed, result = run(capsys, diff=True, lookback_hops=4, drop_dispositions=["SPOOF", "MALICIOUS"], folder="AllItems")
    assert not failed
    assert result["diff"] == {
        "before": {"lookback_hops": 1, "drop_dispositions": ["MALICIOUS"], "folder": "AllItems"},
        "after": {"lookback_hops": 4, "drop_dispositions": ["MALICIOUS", "SPOOF"], "folder": "AllItems"},
    }


def test_diff_in_check_mode(http, capsys):
    http.get(URL, json=envelope(domain()))
    failed, result = run(capsys, check_mode=True, diff=True, require_tls_inbound=True)
    assert not failed
    assert result["diff"] == {"before": {"require_tls_inbound": False}, "after": {"require_tls_inbound": True}}


def test_a_change_the_api_does_not_apply_is_warned_about(http, capsys):
    http.get(URL, json=envelope(domain()))
    http.patch(URL, json=envelope(domain()))
    failed, result = run(capsys, transport="mx2.example.com")
    assert not failed and result["changed"] is True
    assert "Cloudflare accepted the change of transport but reports 'mx.example.com' instead of 'mx2.example.com'" in warnings(result)


def test_legacy_key_credentials(http, capsys):
    http.get(URL, json=envelope(domain()), match=[matchers.header_matcher({"X-Auth-Email": "me@example.com", "X-Auth-Key": "legacy-key-123"})])
    failed, result = run(capsys, api_token=None, account_email="me@example.com", account_api_key="legacy-key-123")
    assert not failed
    assert "legacy-key-123" not in json.dumps(result)


def test_everything_from_the_environment(http, capsys, monkeypatch):
    monkeypatch.setenv("CLOUDFLARE_TOKEN", TOKEN)
    monkeypatch.setenv("CLOUDFLARE_ACCOUNT_ID", ACCOUNT)
    monkeypatch.setenv("CLOUDFLARE_BASE_URL", "https://api.example.test/v4")
    http.get(
        "https://api.example.test/v4/accounts/%s/email-security/settings/domains/%s" % (ACCOUNT, DOMAIN_ID),
        json=envelope(domain()),
        match=[matchers.header_matcher({"Authorization": "Bearer %s" % TOKEN})],
    )
    failed, result = run(capsys, api_token=None, account_id=None)
    assert not failed and result["changed"] is False


@pytest.mark.parametrize(
    "args, message",
    [
        ({"api_token": None}, "No credentials: set api_token (or env CLOUDFLARE_API_TOKEN or CLOUDFLARE_TOKEN), or api_email and api_key"),
        ({"api_email": "me@example.com", "api_key": "legacy-key-123"}, "Both credential styles are set"),
        ({"api_token": None, "api_email": "me@example.com"}, "api_email is set (the option api_email) but api_key is missing"),
        ({"api_token": None, "api_key": "legacy-key-123"}, "api_key is set (the option api_key) but api_email is missing"),
        ({"api_token": "tok\u00e9n"}, "api_token contains a control or non-ASCII character"),
        ({"api_token": "tok\nen"}, "api_token contains a control or non-ASCII character"),
        ({"api_token": None, "api_email": "me@example.com", "api_key": "k\x7fey"}, "api_key contains a control"),
        ({"account_id": "x" * 33}, "account_id (or env CLOUDFLARE_ACCOUNT_ID) must be the account's identifier, 32 hexadecimal"),
        ({"account_id": " "}, "account_id is missing: set the option account_id, or the environment variable CLOUDFLARE_ACCOUNT_ID"),
        ({"account_id": ".."}, "account_id (or env CLOUDFLARE_ACCOUNT_ID) must be the account's identifier"),
        ({"account_id": "023e105f4ecef8ad9ca31a8372d0c35/"}, "must be the account's identifier"),
        ({"domain_id": ""}, "domain_id must be a uuid"),
        ({"domain_id": "."}, "domain_id must be a uuid"),
        ({"domain_id": ".."}, "domain_id must be a uuid"),
        ({"domain_id": "a/b"}, "domain_id must be a uuid"),
        ({"domain_id": "0"}, "domain_id must be a uuid"),
        ({"domain_id": None, "domain": "localhost"}, "domain must be a domain name such as example.com"),
        ({"domain_id": None, "domain": "exa mple.com"}, "domain must be a domain name"),
        ({"domain_id": None, "domain": "-x.example"}, "domain must be a domain name"),
        ({"domain_id": None, "domain": ("a" * 64) + ".example"}, "domain must be a domain name"),
        ({"domain_id": None, "domain": ".".join(["a" * 60] * 5)}, "domain must be a domain name"),
        ({"lookback_hops": True}, "lookback_hops must be a whole number between 1 and 20, got True"),
        ({"ip_restrictions": ["fe80::1%eth0"]}, "must not carry an IPv6 zone id"),
        ({"timeout": "nan"}, "timeout must be a finite, positive number of seconds, got nan"),
        ({"timeout": "inf"}, "timeout must be a finite, positive number of seconds, got inf"),
        ({"api_base_url": "http://api.example.com/client/v4"}, "http:// is allowed only for loopback hosts"),
        ({"api_base_url": "ftp://api.example.com/"}, "api_base_url must be an https:// URL"),
        ({"api_base_url": "https://user:hunter2@api.example.com/"}, "api_base_url must not contain a user name or password"),
        ({"api_base_url": "https://api.example.com/v4?x=1"}, "must not contain a query (?) or a fragment (#)"),
        ({"api_base_url": "https://api.example.com/v4#top"}, "must not contain a query (?) or a fragment (#)"),
        ({"ca_path": "/nonexistent/ca.pem"}, "ca_path must be a file of PEM certificates"),
        ({"domain_id": None}, "one of the following is required: domain_id, domain"),
        ({"state": "gone"}, "value of state must be one of: present, absent, got: gone"),
        ({"lookback_hops": 21}, "lookback_hops must be between 1 and 20, got 21"),
        ({"lookback_hops": "many"}, "lookback_hops"),
        ({"regions": ["EU"]}, "value of regions must be one or more of: GLOBAL, AU, DE, IN, US. Got no match for: EU"),
        ({"folder": "inbox"}, "value of folder must be one of: AllItems, Inbox, , got: inbox"),
        ({"drop_dispositions": ["VIRUS"]}, "value of drop_dispositions must be one or more of: MALICIOUS, MALICIOUS-BEC"),
        ({"allowed_delivery_modes": ["SMTP"]}, "value of allowed_delivery_modes must be one or more of: DIRECT, BCC, JOURNAL, API, RETRO_SCAN"),
        ({"integration_id": "not-a-uuid"}, "integration_id must be a uuid"),
        ({"ip_restrictions": ["192.0.2.0/33"]}, "ip_restrictions entries must be IPv4/IPv6 addresses or networks"),
        ({"require_tls_inbound": "maybe"}, "require_tls_inbound"),
        ({"timeout": 0}, "timeout must be a finite, positive number of seconds"),
        ({"max_retries": -1}, "max_retries must be between 0 and 10, got -1"),
        ({"max_retries": 300}, "max_retries must be between 0 and 10, got 300"),
        ({"unknown_option": 1}, "Unsupported parameters"),
    ],
)
def test_bad_input_fails_before_any_request(http, capsys, args, message):
    failed, result = run(capsys, **args)
    assert failed
    assert message in result["msg"]
    assert len(http.calls) == 0
    assert "Traceback" not in result["msg"]
    assert "hunter2" not in json.dumps(result)


def test_a_token_from_the_environment_wins_over_a_key_and_the_key_is_named_as_ignored(http, capsys, monkeypatch):
    monkeypatch.setenv("CLOUDFLARE_API_TOKEN", TOKEN)
    monkeypatch.setenv("CLOUDFLARE_EMAIL", "me@example.com")
    monkeypatch.setenv("CLOUDFLARE_API_KEY", "legacy-key-123")
    http.get(URL, json=envelope(domain()), match=[matchers.header_matcher({"Authorization": "Bearer %s" % TOKEN})])
    failed, result = run(capsys, api_token=None)
    assert not failed
    assert "X-Auth-Key" not in http.calls[0].request.headers
    assert (
        "Ignored the environment variables CLOUDFLARE_EMAIL, CLOUDFLARE_API_KEY: the credentials come from the environment variable CLOUDFLARE_API_TOKEN"
    ) in warnings(result)
    assert "legacy-key-123" not in json.dumps(result)


def test_credentials_in_the_task_win_over_the_environment(http, capsys, monkeypatch):
    monkeypatch.setenv("CLOUDFLARE_EMAIL", "me@example.com")
    monkeypatch.setenv("CLOUDFLARE_API_KEY", "legacy-key-123")
    http.get(URL, json=envelope(domain()), match=[matchers.header_matcher({"Authorization": "Bearer %s" % TOKEN})])
    failed, result = run(capsys)
    assert not failed
    assert ("Ignored the environment variables CLOUDFLARE_EMAIL, CLOUDFLARE_API_KEY: the credentials come from the option api_token") in warnings(result)


def test_a_vaulted_token_ending_in_a_newline_is_stripped_and_never_shown(http, capsys):
    http.get(URL, json=envelope(domain()), match=[matchers.header_matcher({"Authorization": "Bearer %s" % TOKEN})])
    http.patch(URL, status=400, json=failure(1001, "bad token %s echoed" % TOKEN))
    failed, result = run(capsys, api_token=TOKEN + "\n", regions=["US"])
    assert failed
    assert TOKEN not in json.dumps(result) and "echoed" in result["msg"]


def test_an_empty_base_url_means_the_default_as_an_awx_credential_left_empty_gives_it(http, capsys):
    http.get(URL, json=envelope(domain()))
    failed, result = run(capsys, api_base_url="")
    assert not failed and result["changed"] is False


def test_validate_certs_off_warns_that_the_token_is_exposed(http, capsys):
    http.get(URL, json=envelope(domain()))
    failed, result = run(capsys, validate_certs=False)
    assert not failed
    assert any("anyone on the network path can read the API credentials" in warning for warning in warnings(result))


@pytest.mark.parametrize(
    "result_, problem",
    [
        (None, "Expected an object with an id as the result, got null"),
        ([domain()], "Expected an object with an id as the result, got a list of 1 items"),
        (dict(domain(), id=OTHER_ID), "Expected the object with id %s, got the one with id %s" % (DOMAIN_ID, OTHER_ID)),
    ],
)
def test_an_odd_answer_to_the_read_fails_and_writes_nothing(http, capsys, result_, problem):
    http.get(URL, json=envelope(result_))
    failed, result = run(capsys, regions=["US"], lookback_hops=4)
    assert failed and problem in result["msg"]
    assert [call.request.method for call in http.calls] == ["GET"]


def test_a_delete_whose_answer_was_lost_is_a_removal(http, capsys):
    import requests

    http.get(URL, json=envelope(domain()))
    http.delete(URL, body=requests.exceptions.ReadTimeout("lost"))
    http.delete(URL, status=404, json=failure(1002, "Domain not found"))
    failed, result = run(capsys, state="absent")
    assert not failed and result["changed"] is True


def test_a_delete_that_finds_the_domain_gone_is_unchanged(http, capsys):
    http.get(URL, json=envelope(domain()))
    http.delete(URL, status=404, json=failure(1002, "Domain not found"))
    failed, result = run(capsys, state="absent")
    assert not failed and result["changed"] is False


def test_404_names_the_domain_and_account(http, capsys):
    http.get(URL, status=404, json=failure(1002, "Domain not found"), headers={"cf-ray": "8c1f-AMS"})
    failed, result = run(capsys, regions=["US"])
    assert failed
    assert result["msg"] == (
        "Email Security domain %s was not found in account %s (HTTP 404). Cloudflare said: [1002] Domain not found. cf-ray: 8c1f-AMS." % (DOMAIN_ID, ACCOUNT)
    )
    assert result["status"] == 404 and result["cf_ray"] == "8c1f-AMS"
    assert result["api_errors"] == [{"code": 1002, "message": "Domain not found"}]


def test_403_names_the_permission(http, capsys):
    http.get(URL, json=envelope(domain()))
    http.patch(URL, status=403, json=failure(10000, "Authentication error"))
    failed, result = run(capsys, regions=["US"])
    assert failed
    assert "(HTTP 403). Cloudflare said: [10000] Authentication error." in result["msg"]
    assert "need the 'Cloud Email Security: Write' permission on account %s" % ACCOUNT in result["msg"]


def test_a_refused_read_asks_for_the_read_permission(http, capsys):
    http.get(URL, status=403, json=failure(10000, "Authentication error"))
    failed, result = run(capsys, regions=["US"])
    assert failed and "need the 'Cloud Email Security: Read' permission" in result["msg"]


def test_401_points_at_the_credentials(http, capsys):
    http.get(URL, status=401, json=failure(10000, "Authentication error"))
    failed, result = run(capsys, regions=["US"])
    assert failed
    assert result["msg"].startswith("Cloudflare did not accept the credentials while looking up Email Security domain %s" % DOMAIN_ID)
    assert "Check api_token, or api_email and api_key." in result["msg"]


def test_other_api_errors_carry_code_and_message(http, capsys):
    http.get(URL, json=envelope(domain()))
    http.patch(URL, status=400, json=failure(1001, "regions: 'XX' is not allowed"))
    failed, result = run(capsys, regions=["US"])
    assert failed
    assert re.match(
        r"^Failed updating Email Security domain %s: Cloudflare rejected the request: \[1001\] regions: 'XX' is not allowed "
        r"\(HTTP 400, PATCH /accounts/%s/email-security/settings/domains/%s\)\.$" % (DOMAIN_ID, ACCOUNT, DOMAIN_ID),
        result["msg"],
    )


def test_persistent_server_errors_fail_after_the_retry_bound(http, capsys):
    http.get(URL, status=503, json=failure(1503, "Unavailable"))
    failed, result = run(capsys, regions=["US"], max_retries=2)
    assert failed
    assert len(http.calls) == 3
    assert "Cloudflare answered with a server error: [1503] Unavailable (HTTP 503" in result["msg"]


def test_missing_requests_library_is_reported(http, capsys, monkeypatch):
    from ansible_collections.cloudflare_community.email_security.plugins.module_utils import _connection

    monkeypatch.setattr(_connection, "HAS_REQUESTS", False)
    failed, result = run(capsys, regions=["US"])
    assert failed and "requests" in result["msg"] and "Failed to import the required Python library" in result["msg"]


def test_the_collection_version_has_one_value():
    galaxy = os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "galaxy.yml")
    with open(galaxy) as handle:
        version = re.search(r"^version:\s*(\S+)\s*$", handle.read(), re.MULTILINE).group(1)
    assert _api.COLLECTION_VERSION == version


def listing(*domains):
    envelope_ = envelope(list(domains))
    envelope_["result_info"] = {"page": 1, "per_page": 1000, "count": len(domains), "total_count": len(domains)}
    return envelope_


def by_name(name):
    """The list request of a lookup by name: the API's name filter (the module still matches the names, in any case)."""
    return matchers.query_param_matcher({"order": "domain", "direction": "asc", "page": "1", "per_page": "1000", "domain": name})


def every_domain():
    return matchers.query_param_matcher({"order": "domain", "direction": "asc", "page": "1", "per_page": "1000"})


CREATE_ARGS = dict(domain="new.example", allowed_delivery_modes=["DIRECT"], ip_restrictions=[], drop_dispositions=["SPOOF"], regions=["GLOBAL"])


def test_lookup_by_name_reads_the_list_and_updates_by_id(http, capsys):
    http.get(LIST_URL, json=listing(domain(domain="Example.com")), match=[by_name("example.com")])
    http.patch(URL, json=envelope(domain(lookback_hops=9)), match=[matchers.json_params_matcher({"lookback_hops": 9})])
    failed, result = run(capsys, domain_id=None, domain="example.com", lookback_hops=9)
    assert not failed and result["changed"] is True and result["domain"]["lookback_hops"] == 9
    assert [call.request.method for call in http.calls] == ["GET", "PATCH"]


def test_lookup_by_name_ignores_other_names_the_api_returns(http, capsys):
    http.get(LIST_URL, json=listing(domain(id=OTHER_ID, domain="sub.example.com"), domain()), match=[by_name("example.com")])
    failed, result = run(capsys, domain_id=None, domain="example.com", lookback_hops=1)
    assert not failed and result["changed"] is False and result["domain"]["id"] == DOMAIN_ID


def test_several_domains_with_the_name_is_an_error(http, capsys):
    http.get(LIST_URL, json=listing(domain(), domain(id=OTHER_ID, domain="EXAMPLE.com.")))
    failed, result = run(capsys, domain_id=None, domain="example.com", lookback_hops=2)
    assert failed
    assert result["msg"] == (
        "2 Email Security domains of account %s are named example.com (ids: %s, %s); set domain_id to choose one" % (ACCOUNT, DOMAIN_ID, OTHER_ID)
    )


def test_a_missing_name_without_what_creating_needs_is_an_error(http, capsys):
    http.get(LIST_URL, json=listing(), match=[by_name("new.example")])
    http.get(LIST_URL, json=listing(), match=[every_domain()])
    failed, result = run(capsys, domain_id=None, domain="new.example", regions=["US"])
    assert failed
    assert result["msg"] == (
        "Email Security domain new.example does not exist in account %s; to create it, also set "
        "allowed_delivery_modes, drop_dispositions, ip_restrictions (creating a domain needs "
        "allowed_delivery_modes, domain, drop_dispositions, ip_restrictions, regions)" % ACCOUNT
    )
    # Not found by the API's name filter (whose handling of case is not documented): the whole list is read to be sure.
    assert [call.request.method for call in http.calls] == ["GET", "GET"]


def test_a_missing_name_is_created(http, capsys):
    body = {"domain": "new.example", "allowed_delivery_modes": ["DIRECT"], "ip_restrictions": [], "drop_dispositions": ["SPOOF"], "regions": ["GLOBAL"]}
    http.get(LIST_URL, json=listing())
    http.post(LIST_URL, json=envelope(dict(body, id=OTHER_ID)), match=[matchers.json_params_matcher(body)])
    failed, result = run(capsys, diff=True, domain_id=None, **CREATE_ARGS)
    assert not failed and result["changed"] is True and result["domain"]["id"] == OTHER_ID
    assert result["diff"] == {"before": {}, "after": body}


def test_creation_in_check_mode_sends_nothing(http, capsys):
    http.get(LIST_URL, json=listing())
    failed, result = run(capsys, check_mode=True, domain_id=None, **CREATE_ARGS)
    assert not failed and result["changed"] is True and result["domain"]["domain"] == "new.example"
    assert [call.request.method for call in http.calls] == ["GET", "GET"]


def test_a_name_stored_in_another_case_than_the_filter_finds_is_found_in_the_whole_list(http, capsys):
    """The API's name filter may match exact case only: nothing found by it is never taken for "absent"."""
    http.get(LIST_URL, json=listing(), match=[by_name("example.com")])
    http.get(LIST_URL, json=listing(domain(domain="EXAMPLE.Com")), match=[every_domain()])
    failed, result = run(capsys, domain_id=None, domain="example.com", lookback_hops=1)
    assert not failed and result["changed"] is False and result["domain"]["id"] == DOMAIN_ID


def test_a_missing_domain_id_is_not_created(http, capsys):
    http.get(URL, status=404, json=failure(1002, "Domain not found"))
    failed, result = run(capsys, **CREATE_ARGS)
    assert failed and "Email Security domain %s was not found in account %s (HTTP 404)" % (DOMAIN_ID, ACCOUNT) in result["msg"]


def test_a_differing_name_with_domain_id_is_refused_before_any_write(http, capsys):
    http.get(URL, json=envelope(domain()))
    failed, result = run(capsys, domain="Example.ORG", lookback_hops=3)
    assert failed
    assert result["msg"] == (
        "Email Security domain %s is named example.com, not example.org, and a protected domain cannot "
        "be renamed. To protect example.org instead, remove example.com (state: absent) and create "
        "example.org (state: present, without domain_id)" % DOMAIN_ID
    )
    assert [call.request.method for call in http.calls] == ["GET"]


def test_the_same_name_in_another_spelling_is_no_rename_and_is_never_sent(http, capsys):
    http.get(URL, json=envelope(domain(domain="Example.COM")))
    http.patch(URL, json=envelope(domain(lookback_hops=3)), match=[matchers.json_params_matcher({"lookback_hops": 3})])
    failed, result = run(capsys, domain="example.com.", lookback_hops=3)
    assert not failed and result["changed"] is True


def test_an_internationalised_name_is_found_in_its_idna_form(http, capsys):
    http.get(LIST_URL, json=listing(domain(domain="xn--bcher-kva.example")), match=[by_name("xn--bcher-kva.example")])
    failed, result = run(capsys, domain_id=None, domain="Bücher.example", lookback_hops=1)
    assert not failed and result["changed"] is False


def test_folder_and_integration_id_are_cleared_with_an_empty_string(http, capsys):
    http.get(URL, json=envelope(domain(integration_id="182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e")))
    http.patch(URL, json=envelope(domain(folder=None)), match=[matchers.json_params_matcher({"folder": None, "integration_id": None})])
    failed, result = run(capsys, diff=True, folder="", integration_id="")
    assert not failed and result["changed"] is True
    assert result["diff"] == {
        "before": {"folder": "AllItems", "integration_id": "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e"},
        "after": {"folder": None, "integration_id": None},
    }


def test_cleared_fields_already_null_are_unchanged(http, capsys):
    http.get(URL, json=envelope(domain(folder=None)))
    failed, result = run(capsys, folder="", integration_id="")
    assert not failed and result["changed"] is False


def test_integer_ids_are_strings_to_the_module(http, capsys):
    http.get(LIST_URL + "/42", json=envelope(domain(id=42)))
    http.patch(LIST_URL + "/42", json=envelope(domain(id=42, lookback_hops=3)))
    failed, result = run(capsys, domain_id="42", lookback_hops=3)
    assert not failed and result["changed"] is True


@pytest.mark.parametrize("identity", [{}, {"domain_id": None, "domain": "example.com"}], ids=["by id", "by name"])
def test_absent_removes_an_existing_domain(http, capsys, identity):
    if identity:
        http.get(LIST_URL, json=listing(domain()))
    else:
        http.get(URL, json=envelope(domain()))
    http.delete(URL, json=envelope({"id": DOMAIN_ID}))
    failed, result = run(capsys, diff=True, state="absent", **identity)
    assert not failed and result["changed"] is True and result["domain"] == {}
    assert result["diff"] == {"before": domain(), "after": {}}


def test_absent_in_check_mode_sends_no_delete(http, capsys):
    http.get(URL, json=envelope(domain()))
    failed, result = run(capsys, check_mode=True, state="absent")
    assert not failed and result["changed"] is True
    assert [call.request.method for call in http.calls] == ["GET"]


def test_absent_with_a_domain_id_of_another_name_removes_nothing(http, capsys):
    http.get(URL, json=envelope(domain()))
    failed, result = run(capsys, state="absent", domain="example.org")
    assert failed and result["msg"] == "Email Security domain %s is named example.com, not example.org; nothing was removed" % DOMAIN_ID
    assert [call.request.method for call in http.calls] == ["GET"]


@pytest.mark.parametrize("identity", [{}, {"domain_id": None, "domain": "gone.example"}], ids=["by id", "by name"])
def test_absent_when_already_gone_is_unchanged(http, capsys, identity):
    if identity:
        http.get(LIST_URL, json=listing())
    else:
        http.get(URL, status=404, json=failure(1002, "Domain not found"))
    failed, result = run(capsys, diff=True, state="absent", **identity)
    assert not failed and result["changed"] is False and result["domain"] == {}
    assert result["diff"] == {"before": {}, "after": {}}


def test_removal_errors_name_the_action(http, capsys):
    http.get(URL, json=envelope(domain()))
    http.delete(URL, status=403, json=failure(10000, "Authentication error"))
    failed, result = run(capsys, state="absent")
    assert failed and result["msg"].startswith("Cloudflare refused the request while removing Email Security domain %s" % DOMAIN_ID)
