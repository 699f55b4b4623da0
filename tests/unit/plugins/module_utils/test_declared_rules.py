# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What the declarations refuse before any request, and how they read what the API answers.

Each case is one that 1.1.0 got wrong: it sent what the API refuses (failing a whole batch), changed what the
task asked for, or broke on an answer of the wrong shape.
"""

from __future__ import annotations

import pytest

from ansible_collections.cloudflare_community.email_security.plugins.module_utils._allow_policy import ALLOW_POLICY
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._block_sender import BLOCK_SENDER
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._content_policy import CONTENT_POLICY
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._domain import DOMAIN
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._impersonation_registry import IMPERSONATION_REGISTRY
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._resource import DomainName, InvalidValue
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._sending_domain_restriction import SENDING_DOMAIN_RESTRICTION
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._trusted_domain import TRUSTED_DOMAIN
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._url_ignore_pattern import URL_IGNORE_PATTERN


def refused(resource, **fields):
    """The message a task with ``fields`` gets, before any request."""
    with pytest.raises(InvalidValue) as caught:
        resource.check(resource.desired(fields))
    return str(caught.value)


@pytest.mark.parametrize(
    "written, encoded",
    [
        ("faß.example", "xn--fa-hia.example"),
        ("FASS.example", "fass.example"),
        ("Bücher.Example.", "xn--bcher-kva.example"),
        ("παράδειγμα.example", "xn--hxajbheg2az3al.example"),
        ("example\u3002com", "example.com"),
    ],
)
def test_domain_names_are_idna_2008_with_uts46_mapping(written, encoded):
    """Python's IDNA 2003 codec made faß.example into fass.example: another domain."""
    assert DomainName("domain").from_task(written) == encoded


@pytest.mark.parametrize("written", ["☃.example", "a\u200db.example", "203.0.113.7", "10.0.0.1", "xn--.example", "-a.example"])
def test_what_cannot_be_a_domain_name_is_refused(written):
    with pytest.raises(InvalidValue, match="must be a domain name"):
        DomainName("domain").from_task(written)


@pytest.mark.parametrize("resource", [ALLOW_POLICY, BLOCK_SENDER])
def test_a_regex_is_never_trimmed_and_compares_with_the_api_the_same_way(resource):
    """1.1.0 sent " urgent " as "urgent" (which matches more) and never matched the stored " urgent "."""
    desired = resource.desired({"pattern_type": "EMAIL", "pattern": " urgent ", "is_regex": True})
    assert desired["pattern"] == " urgent "
    stored = {"id": "00000000-0000-4000-8000-000000000001", "pattern_type": "EMAIL", "pattern": " urgent ", "is_regex": True}
    assert resource.key_of(resource.current(stored)) == resource.key_of(desired)
    assert resource.changes(desired, stored) == {}


@pytest.mark.parametrize(
    "resource, fields",
    [
        (CONTENT_POLICY, {"name": "wire", "pattern": " wire transfer ", "targets": ["SUBJECT"]}),
        (URL_IGNORE_PATTERN, {"pattern": " https://intranet.example/ "}),
        (IMPERSONATION_REGISTRY, {"email": " ^ceo@.* ", "is_email_regex": True, "name": " Jane Doe "}),
        (TRUSTED_DOMAIN, {"pattern": " .*\\.partner\\.example ", "is_regex": True, "is_recent": True, "is_similarity": False}),
    ],
)
def test_text_fields_are_kept_exactly(resource, fields):
    desired = resource.desired(fields)
    for name, value in fields.items():
        assert desired[name] == value


@pytest.mark.parametrize(
    "resource, fields, message",
    [
        (ALLOW_POLICY, {"pattern_type": "EMAIL", "pattern": "(unclosed", "is_regex": True}, "pattern is not a regular expression that compiles"),
        (BLOCK_SENDER, {"pattern_type": "DOMAIN", "pattern": "a" * 1025}, "pattern is 1025 characters long; Cloudflare takes at most 1024"),
        (BLOCK_SENDER, {"pattern_type": "DOMAIN", "pattern": "spam.example", "comments": "c" * 1025}, "comments is 1025 characters long"),
        (CONTENT_POLICY, {"name": "n" * 257, "pattern": "x", "targets": ["BODY"]}, "name is 257 characters long; Cloudflare takes at most 256"),
        (CONTENT_POLICY, {"name": "n", "pattern": "x", "targets": ["BODY"], "notes": "n" * 4097}, "notes is 4097 characters long"),
        (CONTENT_POLICY, {"name": "n", "pattern": "x" * 2049, "targets": ["BODY"]}, "pattern is 2049 characters long; Cloudflare takes at most 2048"),
        (CONTENT_POLICY, {"name": "n", "pattern": "[a-", "targets": ["BODY"]}, "pattern is not a regular expression that compiles"),
        (TRUSTED_DOMAIN, {"pattern": "203.0.113.7", "is_recent": True, "is_similarity": True}, "must be a domain name"),
        (TRUSTED_DOMAIN, {"pattern": "(", "is_regex": True, "is_recent": True, "is_similarity": True}, "pattern is not a regular expression that compiles"),
        (IMPERSONATION_REGISTRY, {"email": "[ceo", "is_email_regex": True, "name": "Jane"}, "email is not a regular expression that compiles"),
        (URL_IGNORE_PATTERN, {"pattern": "u" * 1025}, "pattern is 1025 characters long"),
        (
            SENDING_DOMAIN_RESTRICTION,
            {"domain": "example.com", "exclude": ["mail.example.com", "example.net", "example.com"]},
            "exclude must hold only subdomains of example.com (the domain of the restriction); not example.com, example.net",
        ),
        (DOMAIN, {"allowed_delivery_modes": []}, "allowed_delivery_modes must hold at least 1 value; Cloudflare refuses an empty list"),
        (DOMAIN, {"regions": []}, "regions must hold at least 1 value"),
        (DOMAIN, {"ip_restrictions": ["198.51.%d.0/24" % number for number in range(101)]}, "ip_restrictions holds 101 values; Cloudflare takes at most 100"),
    ],
)
def test_what_the_api_refuses_is_refused_before_any_request(resource, fields, message):
    assert message in refused(resource, **fields)


def test_the_fake_refuses_the_same_as_the_modules():
    assert ("pattern", "is 1025 characters long; Cloudflare takes at most 1024") in BLOCK_SENDER.body_problems(
        {"pattern_type": "DOMAIN", "pattern": "a" * 1025, "is_regex": False}, "create"
    )
    assert DOMAIN.body_problems({"regions": []}, "update") == [("regions", "must hold at least 1 value; Cloudflare refuses an empty list")]
    assert SENDING_DOMAIN_RESTRICTION.body_problems({"domain": "example.com", "exclude": ["example.org"]}, "create")[0][0] == "exclude"


@pytest.mark.parametrize(
    "item, problem",
    [
        ({"id": "00000000-0000-4000-8000-000000000001", "pattern": ["a.example"]}, ("pattern", "is a list, expected a string")),
        ({"id": "00000000-0000-4000-8000-000000000001", "is_regex": "no"}, ("is_regex", "is a string, expected a boolean")),
        ({"id": ".."}, ("id", 'is "..", not a uuid or a positive integer')),
        ({"id": "."}, ("id", 'is ".", not a uuid or a positive integer')),
        ({"pattern": "a.example"}, ("id", "is missing")),
        (["a"], ("", "is a list, expected an object")),
    ],
)
def test_an_answer_of_the_wrong_shape_is_named_by_its_field(item, problem):
    """1.1.0 ended in a traceback on "pattern": ["a.example"], and let an id of ".." reach a URL."""
    assert problem in BLOCK_SENDER.answer_problems(item)


def test_an_answer_of_the_declared_shape_has_no_problem():
    item = {"id": "00000000-0000-4000-8000-000000000001", "pattern_type": "UNKNOWN", "pattern": "x", "is_regex": False, "comments": None, "extra": [1]}
    assert BLOCK_SENDER.answer_problems(item) == []
    assert DOMAIN.answer_problems({"id": 17, "domain": "example.com", "lookback_hops": 2.0, "regions": ["us"]}) == []


def test_an_entry_of_a_retired_pattern_type_cannot_be_recreated():
    assert "pattern_type is UNKNOWN" in ALLOW_POLICY.irreplaceable({"id": "x", "pattern_type": "UNKNOWN", "pattern": "legacy"})
    assert ALLOW_POLICY.irreplaceable({"id": "x", "pattern_type": "EMAIL", "pattern": "a@example.com"}) is None
