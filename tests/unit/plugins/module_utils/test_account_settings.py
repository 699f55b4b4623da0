# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The other settings' declarations: what identifies an entry, how fields compare, what a task may never touch."""

from __future__ import annotations

import pytest

from ansible_collections.cloudflare_community.email_security.plugins.module_utils._content_policy import CONTENT_POLICY
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._impersonation_registry import IMPERSONATION_REGISTRY
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._resource import InvalidValue
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._sending_domain_restriction import SENDING_DOMAIN_RESTRICTION
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._trusted_domain import TRUSTED_DOMAIN
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._url_ignore_pattern import URL_IGNORE_PATTERN


def test_a_trusted_domain_is_a_domain_name_unless_it_is_a_regex():
    assert TRUSTED_DOMAIN.key_of(TRUSTED_DOMAIN.desired({"pattern": "Partner.Example."})) == ("partner.example", False)
    assert TRUSTED_DOMAIN.key_of(TRUSTED_DOMAIN.desired({"pattern": r"^Partner\..*$", "is_regex": True})) == (r"^Partner\..*$", True)
    with pytest.raises(InvalidValue, match="^pattern must be a domain name such as example.com, got 'not a domain'$"):
        TRUSTED_DOMAIN.check(TRUSTED_DOMAIN.desired({"pattern": "not a domain"}))


def test_a_registry_address_compares_case_insensitively_and_a_synced_entry_is_locked():
    stored = {"id": "1", "email": "CEO@Example.com", "name": "Jane Doe", "is_email_regex": False, "provenance": "SNOOPY-OFFICE_365", "directory_id": 7}
    assert IMPERSONATION_REGISTRY.changes({"email": "ceo@example.COM", "name": "Jane Doe"}, stored) == {}
    assert IMPERSONATION_REGISTRY.changes({"name": "jane doe"}, stored) == {"name": "jane doe"}
    assert "synced from a directory (provenance SNOOPY-OFFICE_365)" in IMPERSONATION_REGISTRY.locked(stored)
    assert IMPERSONATION_REGISTRY.locked(dict(stored, provenance="A1S_INTERNAL")) is None
    assert IMPERSONATION_REGISTRY.locked(dict(stored, provenance=None)) is None


def test_the_directory_fields_are_reported_never_set():
    spec = IMPERSONATION_REGISTRY.argument_spec()
    assert sorted(spec) == ["comments", "email", "is_email_regex", "name"]
    stored = {"id": "1", "email": "ceo@example.com", "name": "Jane Doe", "is_email_regex": False, "provenance": "A1S_INTERNAL", "directory_id": 7}
    assert IMPERSONATION_REGISTRY.entry(stored) == {"email": "ceo@example.com", "name": "Jane Doe", "is_email_regex": False}


def test_a_content_policy_is_found_by_its_name_in_any_case_and_a_case_change_renames_it():
    stored = {"id": "1", "name": "Wire transfers", "pattern": "(?i)wire", "targets": ["BODY", "SUBJECT"], "enabled": True, "notes": None}
    wanted = CONTENT_POLICY.desired({"name": "WIRE transfers", "targets": ["SUBJECT", "BODY", "SUBJECT"]})
    assert CONTENT_POLICY.key_of(wanted) == CONTENT_POLICY.key_of(CONTENT_POLICY.current(stored))
    assert CONTENT_POLICY.changes(wanted, stored) == {"name": "WIRE transfers"}
    body, missing = CONTENT_POLICY.create_body(CONTENT_POLICY.desired({"name": "x", "pattern": "y"}))
    assert body["enabled"] is True and missing == ["targets"]


def test_sending_domain_exclusions_compare_as_a_set_of_names():
    stored = {"id": "1", "domain": "example.com", "exclude": ["b.example.com", "a.example.com"], "comments": None}
    assert SENDING_DOMAIN_RESTRICTION.changes(SENDING_DOMAIN_RESTRICTION.desired({"exclude": ["A.example.com.", "b.example.com"]}), stored) == {}
    with pytest.raises(InvalidValue, match="^exclude must be a domain name"):
        SENDING_DOMAIN_RESTRICTION.desired({"exclude": ["not a name"]})


def test_a_url_ignore_pattern_compares_exactly():
    stored = {"id": "1", "pattern": "https://Intranet.example.com/*", "comments": None}
    assert URL_IGNORE_PATTERN.changes({"pattern": "https://intranet.example.com/*"}, stored) == {"pattern": "https://intranet.example.com/*"}
    assert URL_IGNORE_PATTERN.order == {} and URL_IGNORE_PATTERN.list_orders == ()
