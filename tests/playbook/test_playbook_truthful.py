# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Never report what did not happen: real ansible runs against wrong endpoints, lying answers and racing runs.

Each test is a case that 1.1.0 got wrong (issue 16): it reported success for something that did not happen, or
wrote what the task did not ask for. The lying servers are the hostile API of tests/hostile_api/.
"""

from __future__ import annotations

import base64
import html
import json
import re
import time
from urllib.parse import quote

import pytest
from harness import fake_api, hostile_api, refusals

ACCOUNT = fake_api.DEMO_ACCOUNT_ID
DOMAIN_ID = fake_api.DEMO_DOMAIN_ID
ENV = {"CLOUDFLARE_API_TOKEN": fake_api.DEMO_TOKEN, "CLOUDFLARE_ACCOUNT_ID": ACCOUNT}
SECRET = "truthful-test-token-Qx7Lm2Rb9Vn4"


def hostile_env(server, **extra):
    values = {"CLOUDFLARE_API_TOKEN": SECRET, "CLOUDFLARE_ACCOUNT_ID": ACCOUNT, "CLOUDFLARE_BASE_URL": server.base_url}
    values.update(extra)
    return values


def policy(number, **fields):
    item = {
        "id": "00000000-0000-4000-8000-%012d" % number,
        "pattern_type": "DOMAIN",
        "pattern": "p%04d.example" % number,
        "is_regex": False,
        "comments": None,
        "is_acceptable_sender": False,
        "is_exempt_recipient": False,
        "is_trusted_sender": False,
        "verify_sender": True,
        "created_at": "2026-01-01T00:00:%02dZ" % (number % 60),
    }
    item.update(fields)
    return item


def page(items, total, per_page=1000):
    return hostile_api.envelope(items, result_info={"page": 1, "per_page": per_page, "count": len(items), "total_count": total})


def no_secret(text):
    forms = [SECRET, SECRET.lower(), base64.b64encode(SECRET.encode()).decode()[4:-4]]
    return not any(form in text for form in forms)


# -- reported success where nothing happened


def test_a_base_url_with_a_line_break_is_refused_before_any_request(ansible, fake):
    run, outcomes = ansible.tasks(
        [("email_security_domain_info", {"domain_id": DOMAIN_ID}), ("email_security_domain", {"domain_id": DOMAIN_ID, "state": "absent"})],
        env=dict(ENV, CLOUDFLARE_BASE_URL=ansible.env["CLOUDFLARE_BASE_URL"] + "\n"),
    )
    for outcome in outcomes:
        assert outcome["failed"] and "api_base_url (or env CLOUDFLARE_BASE_URL) must be a URL" in outcome["msg"], outcome["msg"]
    assert fake.requests_seen() == []


def test_a_mistyped_base_url_never_reports_an_absent_or_empty_result(ansible, fake):
    """1.1.0: every call was a 404, state=absent by id reported ok and _info by id returned nothing."""
    typo = ansible.env["CLOUDFLARE_BASE_URL"] + "4"
    run, (removed, read) = ansible.tasks(
        [("email_security_domain", {"domain_id": DOMAIN_ID, "state": "absent"}), ("email_security_domain_info", {"domain_id": DOMAIN_ID})],
        env=dict(ENV, CLOUDFLARE_BASE_URL=typo),
    )
    for outcome in (removed, read):
        assert outcome["failed"] and "Cloudflare has no API route for GET" in outcome["msg"], outcome["msg"]
        assert "check api_base_url and account_id" in outcome["msg"]
    assert not removed["changed"] and DOMAIN_ID in fake.domains[ACCOUNT]


def test_a_full_page_is_never_the_last_whatever_total_count_says(ansible, hostile):
    """1.1.0 stopped after a page of 1000 saying total_count 1000 on an account of 1200, and created entry 1101 again."""
    everything = [policy(number) for number in range(1200)]
    hostile.script({"body": page(everything[:1000], 1000)}, {"body": page(everything[1000:], 1000)})
    _run, outcome = ansible.task(
        "email_security_allow_policies", {"entries": [{"pattern_type": "DOMAIN", "pattern": "p1101.example"}]}, env=hostile_env(hostile)
    )
    assert not outcome["failed"] and not outcome["changed"], outcome.get("msg")
    assert hostile.methods() == ["GET", "GET"]


def test_a_batch_answer_that_leaves_out_a_removal_fails_and_counts_it_not_applied(ansible, hostile):
    """1.1.0 counted only the creations of an answer: a removal the answer left out was reported as done."""
    kept, gone, stays = policy(1), policy(2), policy(3)
    hostile.script(
        {"body": page([kept, gone, stays], 3)},
        {"body": hostile_api.envelope({"deletes": [{"id": gone["id"]}], "patches": [], "posts": [], "puts": []})},
    )
    _run, outcome = ansible.task(
        "email_security_block_senders", {"entries": [{"pattern_type": "DOMAIN", "pattern": kept["pattern"]}], "purge": True}, env=hostile_env(hostile)
    )
    assert outcome["failed"] and outcome["changed"]
    assert (outcome["applied"], outcome["maybe_applied"], outcome["not_applied"]) == (1, 0, 1)
    assert "without accounting for 1 of its operations (the removal of %s)" % stays["id"] in outcome["msg"]
    assert [item["id"] for item in outcome["removed"]] == [gone["id"]]


def test_a_refused_atomic_batch_applied_nothing_and_a_refused_domains_batch_may_have(ansible, fake):
    fake.set_objects(ACCOUNT, "allow_policies", [])
    fake.add_fault({"method": "POST", "path_contains": "/batch", "status": 400, "times": 2})
    _run, (policies, domains) = ansible.tasks(
        [
            ("email_security_allow_policies", {"entries": [{"pattern_type": "DOMAIN", "pattern": "a.example"}]}),
            ("email_security_domains", {"lookback_hops": 7, "domains": [{"domain": "example.com"}]}),
        ],
        env=ENV,
    )
    assert policies["failed"] and not policies["changed"] and (policies["applied"], policies["maybe_applied"], policies["not_applied"]) == (0, 0, 1)
    assert "its batch call for allow policies is atomic, so its 1 changes were not applied" in policies["msg"]
    assert domains["failed"] and domains["changed"] and domains["maybe_updated"] == [DOMAIN_ID]
    assert "which Cloudflare may have applied in part" in domains["msg"]


def test_a_404_from_a_batch_call_keeps_the_counts(ansible, fake):
    """1.1.0 said "Cloudflare found no Email Security settings for account ..." and dropped what was applied."""
    fake.add_fault({"method": "POST", "path_contains": "/batch", "status": 404, "code": 1551, "after": 1})
    entries = [{"pattern_type": "DOMAIN", "pattern": "s%04d.example" % number} for number in range(1500)]
    _run, outcome = ansible.task("email_security_block_senders", {"entries": entries}, env=ENV)
    assert outcome["failed"] and outcome["changed"] and (outcome["applied"], outcome["not_applied"]) == (1000, 500)
    assert "1000 of 1500 changes were applied, as Cloudflare's answers show" in outcome["msg"] and "HTTP 404" in outcome["msg"]


@pytest.mark.parametrize("module", ["email_security_block_senders", "email_security_domains"])
def test_a_value_reported_other_than_the_one_sent_warns_for_every_kind(ansible, hostile, module):
    if module == "email_security_domains":
        before = fake_api.make_domain(DOMAIN_ID, "example.com")
        args = {"transport": "mx2.example.com", "domains": [{"domain_id": DOMAIN_ID}]}
        answered = dict(before, transport="mx.example.com")
    else:
        before = policy(1)
        args = {"entries": [{"pattern_type": "DOMAIN", "pattern": before["pattern"], "comments": "reviewed"}]}
        answered = dict(before, comments="something else")
    hostile.script({"body": page([before], 1)}, {"body": hostile_api.envelope({"deletes": [], "patches": [answered], "posts": [], "puts": []})})
    run, outcome = ansible.task(module, args, env=hostile_env(hostile))
    assert not outcome["failed"] and outcome["changed"]
    # Some releases wrap a warning at the terminal's width.
    said = " ".join(run.output.split())
    assert "Cloudflare accepted the change of" in said and "but reports" in said, run.output


def test_a_single_write_whose_answer_was_lost_says_it_may_have_been_applied(ansible, hostile):
    domain = fake_api.make_domain(DOMAIN_ID, "example.com")
    hostile.script({"body": hostile_api.envelope(domain)}, {"body": hostile_api.envelope(dict(domain, padding="x" * 50)), "drip": 0.1})
    _run, outcome = ansible.task(
        "email_security_domain", {"domain_id": DOMAIN_ID, "lookback_hops": 4, "timeout": 1, "max_retries": 0}, env=hostile_env(hostile)
    )
    assert outcome["failed"] and outcome["changed"] and outcome["maybe_applied"]
    assert "the change may have been applied: run the task again" in outcome["msg"]
    assert hostile.methods() == ["GET", "PATCH"]


# -- wrote what the task did not ask for


def test_purge_keeps_entries_of_the_retired_type_and_the_export_applies_back(ansible, fake):
    legacy = dict(policy(1), pattern_type="UNKNOWN", pattern="Legacy Pattern ")
    fake.set_objects(ACCOUNT, "allow_policies", [legacy, policy(2)])
    _run, exported = ansible.task("email_security_allow_policy_info", {}, env=ENV)
    run, (round_trip, purged, unknown_new) = ansible.tasks(
        [
            ("email_security_allow_policies", {"entries": exported["entries"], "purge": True}),
            ("email_security_allow_policies", {"entries": [{"pattern_type": "DOMAIN", "pattern": "p0002.example"}], "purge": True}),
            ("email_security_allow_policies", {"entries": [{"pattern_type": "UNKNOWN", "pattern": "never seen"}]}),
        ],
        env=ENV,
    )
    assert not round_trip["failed"] and not round_trip["changed"], round_trip.get("msg")
    assert not purged["failed"] and not purged["changed"]
    # Some releases wrap a warning at the terminal's width.
    assert "purge kept 1 allow policies that the task does not list, because no task could create them again" in " ".join(run.output.split())
    assert legacy["id"] in fake.entries(ACCOUNT, "allow_policies")
    assert unknown_new["failed"] and "Cloudflare no longer accepts pattern_type UNKNOWN in a write" in unknown_new["msg"]
    assert [request["method"] for request in fake.requests_seen()] == ["GET"] * 4


def test_a_regex_with_edge_spaces_is_matched_as_stored_never_trimmed(ansible, fake):
    """1.1.0 sent " urgent " as "urgent" (which matches more) and, finding no entry with that pattern, created a duplicate."""
    stored = dict(policy(1), pattern_type="EMAIL", pattern=" urgent ", is_regex=True)
    fake.set_objects(ACCOUNT, "block_senders", [stored])
    _run, (single, listed) = ansible.tasks(
        [
            ("email_security_block_sender", {"pattern_type": "EMAIL", "pattern": " urgent ", "is_regex": True}),
            ("email_security_block_senders", {"entries": [{"pattern_type": "EMAIL", "pattern": " urgent ", "is_regex": True}]}),
        ],
        env=ENV,
    )
    assert not single["changed"] and not listed["changed"], (single.get("msg"), listed.get("msg"))
    assert fake.requests_seen("POST") == [] and list(fake.entries(ACCOUNT, "block_senders").values())[0]["pattern"] == " urgent "


def test_an_internationalised_domain_name_is_encoded_as_idna_2008(ansible, fake):
    """Python's IDNA 2003 codec made faß.example into fass.example: another domain."""
    args = {"domain": "faß.example", "allowed_delivery_modes": ["DIRECT"], "ip_restrictions": [], "drop_dispositions": ["MALICIOUS"], "regions": ["GLOBAL"]}
    _run, outcome = ansible.task("email_security_domain", args, env=ENV)
    assert outcome["changed"] and fake.requests_seen("POST")[0]["body"]["domain"] == "xn--fa-hia.example"


REFUSED = {
    "regex": (
        "email_security_block_sender",
        {"pattern_type": "EMAIL", "pattern": "(unclosed", "is_regex": True},
        "pattern is not a regular expression that compiles",
    ),
    "pattern length": (
        "email_security_block_senders",
        {"entries": [{"pattern_type": "DOMAIN", "pattern": "a" * 1025}]},
        "entries[0]: pattern is 1025 characters long",
    ),
    "name length": (
        "email_security_content_policy",
        {"name": "n" * 257, "pattern": "x", "targets": ["BODY"]},
        "name is 257 characters long; Cloudflare takes at most 256",
    ),
    "IP as a domain": ("email_security_trusted_domain", {"pattern": "203.0.113.7", "is_recent": True, "is_similarity": True}, "must be a domain name"),
    "exclusion outside": (
        "email_security_sending_domain_restriction",
        {"domain": "example.com", "exclude": ["example.org"]},
        "exclude must hold only subdomains of example.com (the domain of the restriction); not example.org",
    ),
    "no delivery mode": ("email_security_domain", {"domain_id": DOMAIN_ID, "allowed_delivery_modes": []}, "allowed_delivery_modes must hold at least 1 value"),
    "101 networks": (
        "email_security_domains",
        {"domains": [{"domain": "example.com", "ip_restrictions": ["198.51.%d.0/24" % number for number in range(101)]}]},
        "domains[0] (example.com): ip_restrictions holds 101 values; Cloudflare takes at most 100",
    ),
}


def test_what_the_api_refuses_is_refused_before_any_request(ansible, fake):
    _run, outcomes = ansible.tasks([(module, args) for module, args, _text in REFUSED.values()], env=ENV)
    assert refusals(REFUSED, outcomes) == []
    assert fake.requests_seen() == []


def test_a_proxy_password_is_hidden_in_every_escaped_form_its_error_page_may_use(ansible, hostile):
    """HTML-escaped, percent-encoded with lower-case hex digits or twice, and in hex: forms the first draft let through."""
    password = "s3cr&t<pw>/x"
    escaped = quote(password, safe="")
    forms = [
        html.escape("proxyuser:" + password),
        re.sub(r"%[0-9A-F]{2}", lambda found: found.group(0).lower(), escaped),
        quote(escaped, safe=""),
        password.encode().hex(),
    ]
    hostile.script({"status": 502, "headers": {"Content-Type": "text/html"}, "body": "<p>%s</p>" % " ".join(forms)})
    proxied = dict(hostile_env(hostile), HTTP_PROXY="http://proxyuser:%s@127.0.0.1:%d" % (escaped, hostile.server_address[1]), NO_PROXY="")
    proxied["CLOUDFLARE_BASE_URL"] = "http://127.0.0.2:9/client/v4"
    run, outcome = ansible.task("email_security_domain_info", {"domain_id": DOMAIN_ID, "max_retries": 0}, "-vvvv", env=proxied)
    assert outcome["failed"] and "Expected a JSON response" in outcome["msg"] and "********" in outcome["msg"]
    text = run.output + json.dumps(outcome)
    for form in forms + [password, escaped]:
        assert form not in text, form


def test_forks_running_the_same_list_task_on_one_controller_write_it_once(ansible, fake, tmp_path):
    """Five hosts delegating the same task to localhost without run_once: 1.1.0 created every entry five times."""
    # Every write is slow, so that without a lock each fork reads the list before any write has been applied.
    fake.add_fault({"method": "POST", "delay": 0.5, "times": 5})
    inventory = tmp_path / "hosts.ini"
    inventory.write_text("[fleet]\n" + "".join("host%d ansible_connection=local\n" % number for number in range(5)))
    step = {"module": "email_security_block_senders", "args": {"entries": [{"pattern_type": "DOMAIN", "pattern": "phish.example"}]}, "delegate_to": "localhost"}
    run, outcomes = ansible.tasks([step], "--forks", "5", env=ENV, hosts="fleet", inventory=str(inventory))
    assert len(outcomes) == 5 and not any(outcome["failed"] for outcome in outcomes), run.output
    assert sum(1 for outcome in outcomes if outcome["changed"]) == 1
    assert [request["path"].rsplit("/", 1)[1] for request in fake.requests_seen("POST")] == ["batch"]
    assert len(fake.entries(ACCOUNT, "block_senders")) == 1


# -- breaks in other ways


@pytest.mark.parametrize(
    "item, problem",
    [
        (dict(policy(1), pattern=["p0001.example"]), "pattern is a list, expected a string"),
        (dict(policy(1), id=".."), 'id is "..", not a uuid or a positive integer'),
    ],
    ids=["key field not a scalar", "dot-dot id"],
)
def test_an_answer_of_the_wrong_shape_fails_cleanly_naming_the_field(ansible, hostile, item, problem):
    hostile.script({"body": page([item], 1)})
    run, outcome = ansible.task(
        "email_security_allow_policy", {"pattern_type": "DOMAIN", "pattern": "p0001.example", "comments": "x"}, env=hostile_env(hostile)
    )
    assert outcome["failed"] and problem in outcome["msg"], outcome["msg"]
    assert "Traceback" not in run.output and hostile.methods() == ["GET"]


def test_retries_are_bounded_and_a_long_block_fails_at_once_saying_when(ansible, hostile):
    denied = {"status": 429, "headers": {"Retry-After": "0"}, "body": hostile_api.envelope(None, success=False, errors=[{"code": 971, "message": "wait"}])}
    hostile.script(dict(denied, repeat=True))
    started = time.monotonic()
    _run, (too_many, zero) = ansible.tasks(
        [
            ("email_security_domain_info", {"domain_id": DOMAIN_ID, "max_retries": 300}),
            ("email_security_domain_info", {"domain_id": DOMAIN_ID, "max_retries": 2}),
        ],
        env=hostile_env(hostile),
    )
    assert too_many["failed"] and "max_retries must be between 0 and 10, got 300" in too_many["msg"]
    assert zero["failed"] and hostile.methods() == ["GET"] * 3 and time.monotonic() - started >= 2
    blocked = dict(denied, headers={"Retry-After": "300"})
    hostile.script(blocked)
    _run, outcome = ansible.task("email_security_domain_info", {"domain_id": DOMAIN_ID}, env=hostile_env(hostile))
    assert outcome["failed"] and "asks to wait 300 seconds, until" in outcome["msg"] and "run the task again after that" in outcome["msg"]
    assert hostile.methods() == ["GET"]


def test_no_form_of_the_credential_appears_in_any_output(ansible, hostile, tmp_path):
    """Forms 1.1.0 let through: base64, cf-ray, the lower-cased host of a redirect, a dict key at -vvvv, a proxy's 407 page."""
    token = "Hostile-Token-ABC123xyz"
    domain = fake_api.make_domain(DOMAIN_ID, "example.com")
    encoded = base64.b64encode(("Bearer " + token).encode()).decode()
    hostile.script(
        {"status": 502, "headers": {"Content-Type": "text/html", "cf-ray": "ray-" + token}, "body": "<p>Authorization: %s</p>" % encoded},
        {"status": 302, "headers": {"Location": "https://%s.evil.example/x" % token}, "body": ""},
        {"body": hostile_api.envelope(dict(domain, **{token: "echoed"}))},
    )
    env = hostile_env(hostile, CLOUDFLARE_API_TOKEN=token)
    run, outcomes = ansible.tasks([("email_security_domain_info", {"domain_id": DOMAIN_ID, "max_retries": 0})] * 3, "-vvvv", env=env)
    assert outcomes[0]["failed"] and outcomes[1]["failed"] and not outcomes[2]["failed"]
    assert "redirect (HTTP 302) to host ********.evil.example" in outcomes[1]["msg"]
    text = run.output + json.dumps(outcomes)
    for form in (token, token.lower(), encoded[4:-4], base64.b64encode(token.encode()).decode()[4:-4]):
        assert form not in text, form
    # A proxy asking for its own credentials echoes them in its 407 page.
    proxy_user, proxy_password = "proxyuser", "pr0xy-s3cret-word"
    basic = base64.b64encode(("%s:%s" % (proxy_user, proxy_password)).encode()).decode()
    hostile.script({"status": 407, "headers": {"Content-Type": "text/html"}, "body": "<p>Proxy-Authorization: Basic %s</p>" % basic})
    proxied = dict(env, HTTP_PROXY="http://%s:%s@127.0.0.1:%d" % (proxy_user, proxy_password, hostile.server_address[1]), NO_PROXY="")
    proxied["CLOUDFLARE_BASE_URL"] = "http://127.0.0.2:9/client/v4"
    run, outcome = ansible.task("email_security_domain_info", {"domain_id": DOMAIN_ID, "max_retries": 0}, "-vvvv", env=proxied)
    assert outcome["failed"] and "Expected a JSON response" in outcome["msg"]
    assert proxy_password not in run.output + json.dumps(outcome) and basic[:16] not in run.output + json.dumps(outcome)
