# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Patterns compared as the API means them, and what the API refuses, refused first."""

from __future__ import annotations

import pytest

from ansible_collections.cloudflare_community.email_security.plugins.module_utils._allow_policy import ALLOW_POLICY
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._block_sender import BLOCK_SENDER
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._patterns import canonical_pattern, pattern_problem
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._resource import InvalidValue


@pytest.mark.parametrize(
    "pattern_type, written, canonical",
    [
        ("EMAIL", " Billing@Vendor.Example ", "billing@vendor.example"),
        ("EMAIL", "info@Bücher.example", "info@xn--bcher-kva.example"),
        ("DOMAIN", "Partner.Example.", "partner.example"),
        ("DOMAIN", "bücher.example", "xn--bcher-kva.example"),
        ("IP", "203.0.113.7/32", "203.0.113.7"),
        ("IP", "2606:4700:4700:0:0:0:0:1111", "2606:4700:4700::1111"),
        ("IP", "2606:4700::/32", "2606:4700::/32"),
        ("IP", "::ffff:203.0.113.7", "203.0.113.7"),
    ],
)
def test_literal_patterns_have_one_canonical_form(pattern_type, written, canonical):
    assert canonical_pattern(pattern_type, written, False) == canonical
    assert pattern_problem(pattern_type, written, False) is None


def test_a_regex_is_compared_exactly():
    assert canonical_pattern("EMAIL", r"^Billing@.*\.Example$", True) == r"^Billing@.*\.Example$"
    assert ALLOW_POLICY.key_of(ALLOW_POLICY.normalise({"pattern_type": "DOMAIN", "pattern": "A.example"})) == ("DOMAIN", "a.example", False)
    assert ALLOW_POLICY.key_of(ALLOW_POLICY.normalise({"pattern_type": "DOMAIN", "pattern": "A.example", "is_regex": True})) == ("DOMAIN", "A.example", True)


@pytest.mark.parametrize(
    "pattern",
    [
        "10.1.2.3",
        "172.16.0.0/12",
        "192.168.0.0/24",
        "fd00::1",
        "127.0.0.1",
        "::1",
        "169.254.1.1",
        "fe80::1",
        "0.0.0.0",
        "::",
        "255.255.255.255",
        "::ffff:10.0.0.1",
        "0.0.0.0/0",
        "::/0",
    ],
)
def test_ip_patterns_the_api_refuses(pattern):
    assert "is refused by Cloudflare" in pattern_problem("IP", pattern, False)


@pytest.mark.parametrize(
    "pattern_type, pattern",
    [
        ("IP", "203.0.113.7/24"),
        ("IP", "not-an-ip"),
        ("EMAIL", "no-at-sign.example"),
        ("EMAIL", "a b@example.com"),
        ("EMAIL", "user@localhost"),
        ("DOMAIN", "-x.example"),
    ],
)
def test_malformed_patterns_are_refused(pattern_type, pattern):
    assert pattern_problem(pattern_type, pattern, False)


def test_the_record_check_names_the_option():
    with pytest.raises(InvalidValue, match="^pattern must be a domain name"):
        BLOCK_SENDER.check({"pattern_type": "DOMAIN", "pattern": "not a name"})


def test_the_retired_flags_fail_when_set_and_are_tolerated_when_read():
    with pytest.raises(InvalidValue, match="is_spoof is past its end of life.*use is_acceptable_sender instead"):
        ALLOW_POLICY.desired({"is_spoof": False})
    reported = {"id": "1", "pattern_type": "UNKNOWN", "pattern": "legacy", "is_regex": False, "is_sender": True, "comments": None}
    assert ALLOW_POLICY.entry(reported) == {"pattern_type": "UNKNOWN", "pattern": "legacy", "is_regex": False}


def test_changes_read_the_pattern_by_the_type_it_will_have():
    stored = {"id": "1", "pattern_type": "DOMAIN", "pattern": "example.com", "is_regex": False, "comments": None}
    # Only the type changes: the stored pattern is kept; the canonical pattern compares equal.
    assert BLOCK_SENDER.changes({"pattern": "EXAMPLE.com"}, stored) == {}
    assert BLOCK_SENDER.changes({"pattern": "Example.com", "is_regex": True}, stored) == {"pattern": "Example.com", "is_regex": True}
    assert BLOCK_SENDER.changes({"comments": None}, dict(stored, comments="x")) == {"comments": None}


def test_creating_fills_the_declared_defaults_and_a_trusted_sender_without_verification_is_warned_about():
    body, missing = ALLOW_POLICY.create_body({"pattern_type": "DOMAIN", "pattern": "partner.example", "is_trusted_sender": True})
    assert missing == []
    assert body == {
        "pattern_type": "DOMAIN",
        "pattern": "partner.example",
        "is_regex": False,
        "is_acceptable_sender": False,
        "is_exempt_recipient": False,
        "is_trusted_sender": True,
        "verify_sender": True,
    }
    assert ALLOW_POLICY.warnings(body) == []
    assert "anyone can spoof that sender" in ALLOW_POLICY.warnings(dict(body, verify_sender=False))[0]
