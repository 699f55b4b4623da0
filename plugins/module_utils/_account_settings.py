# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The other Email Security settings of an account, declared on the resource model (see _resource.py).

This file is private to the collection: its interface may change without notice.
Trusted domains, the impersonation registry, content policies, sending domain restrictions and URL ignore
patterns, as the cloudflare SDK 5.9.0 describes them.
It imports nothing from Ansible, so that the test fake and the docs generator can load it too.
"""

from __future__ import annotations

from typing import List, Optional, Tuple

from ansible_collections.cloudflare_community.email_security.plugins.module_utils._resource import (
    Boolean,
    DomainName,
    Enum,
    Integer,
    Record,
    Resource,
    SetOf,
    Setting,
    Text,
)
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._sender_lists import TEXT_LIMIT, canonical_pattern, pattern_problem

PROVENANCES = ("A1S_INTERNAL", "SNOOPY-CASB_OFFICE_365", "SNOOPY-OFFICE_365", "SNOOPY-GOOGLE_DIRECTORY")
# Entries of the impersonation registry with this provenance are the account's own; others come from a directory sync.
OWN_PROVENANCE = "A1S_INTERNAL"
TARGETS = ("SUBJECT", "BODY")
_LARGEST_ID = 2**63 - 1


def _comments(what: str) -> Text:
    return Text("comments", doc="A free-text note on the %s, at most 1024 characters." % what, nullable=True, max_length=TEXT_LIMIT)


def _read_as(pattern_type: str, field: str, regex_field: str):
    """The normalise and problems functions of a field read as ``pattern_type`` unless ``regex_field`` is true."""

    def normalise(record: Record) -> Record:
        if record.get(field) is not None:
            record[field] = canonical_pattern(pattern_type, record[field], record.get(regex_field))
        return record

    def problems(record: Record) -> List[Tuple[str, str]]:
        problem = pattern_problem(pattern_type, record.get(field), record.get(regex_field))
        return [(field, problem.replace(" for pattern_type %s" % pattern_type, ""))] if problem else []

    return normalise, problems


_trusted_normalise, _trusted_problems = _read_as("DOMAIN", "pattern", "is_regex")
TRUSTED_DOMAIN = Resource(
    kind="trusted_domain",
    plural="trusted_domains",
    title="trusted domain",
    path="trusted_domains",
    fields=(
        _comments("trusted domain"),
        Boolean(
            "is_recent",
            doc="Keeps recently registered domains that match from triggering a Suspicious or Malicious disposition.",
            required_to_create=True,
        ),
        Boolean(
            "is_regex",
            doc=[
                "Whether O(pattern) is a regular expression instead of a domain name.",
                "Part of what identifies the trusted domain: unset means V(false) when entries are matched and when one is created.",
            ],
            required_to_create=True,
            create_default=False,
        ),
        Boolean(
            "is_similarity",
            doc="For partner or other approved domains spelled like your own: keeps them from triggering a Spoof disposition.",
            required_to_create=True,
        ),
        Text(
            "pattern",
            doc=[
                "The domain to trust, such as V(partner.example): compared case-insensitively, without a trailing dot and in IDNA form.",
                "With O(is_regex), a regular expression, compared exactly (it must compile). Part of what identifies the trusted domain.",
                "An IP address is not a domain and is refused.",
            ],
            required_to_create=True,
            max_length=TEXT_LIMIT,
        ),
    ),
    key=("pattern", "is_regex"),
    key_defaults={"is_regex": False},
    id_option="trusted_domain_id",
    batch=True,
    atomic_batch=True,
    order={"order": "created_at", "direction": "asc"},
    list_orders=("pattern", "created_at"),
    list_filters=(
        Boolean("is_recent", doc="Only trusted domains with O(is_recent) set to this value."),
        Boolean("is_similarity", doc="Only trusted domains with O(is_similarity) set to this value."),
        Setting("pattern", doc="Only trusted domains whose pattern the API's filter matches with this value."),
        Setting("search", doc="Only trusted domains that the API's search term matches (Cloudflare says its behaviour may change)."),
    ),
    normalise=_trusted_normalise,
    problems=_trusted_problems,
)


def _registry_locked(record: Record) -> Optional[str]:
    provenance = record.get("provenance")
    if provenance in (None, OWN_PROVENANCE):
        return None
    return "is synced from a directory (provenance %s): change it in the directory, not here" % provenance


_registry_normalise, _registry_problems = _read_as("EMAIL", "email", "is_email_regex")
IMPERSONATION_REGISTRY = Resource(
    kind="impersonation_registry",
    plural="impersonation_registry",
    title="impersonation registry entry",
    plural_title="impersonation registry entries",
    path="impersonation_registry",
    fields=(
        _comments("entry"),
        Integer("directory_id", 0, _LARGEST_ID, doc="The directory the entry was synced from.", nullable=True, read_only=True),
        Integer("directory_node_id", 0, _LARGEST_ID, doc="The directory node the entry was synced from.", nullable=True, read_only=True),
        Text(
            "email",
            doc=[
                "The e-mail address of the protected identity: compared case-insensitively (its domain in IDNA form).",
                "With O(is_email_regex), a regular expression, compared exactly (it must compile). Part of what identifies the entry.",
            ],
            required_to_create=True,
        ),
        Setting("external_directory_node_id", doc="Deprecated by Cloudflare.", nullable=True, read_only=True),
        Boolean(
            "is_email_regex",
            doc=[
                "Whether O(email) is a regular expression instead of an address.",
                "Part of what identifies the entry: unset means V(false) when entries are matched and when one is created.",
            ],
            required_to_create=True,
            create_default=False,
        ),
        Text("name", doc="The display name to protect against impersonation, such as V(Jane Doe); compared exactly.", required_to_create=True),
        Enum("provenance", PROVENANCES, doc="Where the entry comes from.", nullable=True, read_only=True),
    ),
    key=("email", "is_email_regex"),
    key_defaults={"is_email_regex": False},
    id_option="impersonation_registry_id",
    batch=False,
    order={"order": "created_at", "direction": "asc"},
    list_orders=("name", "email", "created_at"),
    list_filters=(
        Enum("provenance", PROVENANCES, doc="Only entries from this source."),
        Setting("search", doc="Only entries that the API's search term matches (Cloudflare says its behaviour may change)."),
    ),
    normalise=_registry_normalise,
    problems=_registry_problems,
    locked=_registry_locked,
)

CONTENT_POLICY = Resource(
    kind="content_policy",
    plural="content_policies",
    title="content policy",
    path="content_policies",
    fields=(
        Boolean(
            "enabled",
            doc="Whether the policy is active. When a policy is created, unset means V(true).",
            required_to_create=True,
            create_default=True,
        ),
        Text(
            "name",
            doc=[
                "The name of the policy, which identifies it: matched case-insensitively, so that a change of case renames"
                " the policy instead of creating another one. At most 256 characters.",
            ],
            required_to_create=True,
            max_length=256,
        ),
        Text("notes", doc="A free-text note on the purpose of the policy, at most 4096 characters.", nullable=True, max_length=4096),
        Text(
            "pattern",
            doc="The regular expression matched against the O(targets), compared exactly; it must compile, and hold at most 2048 characters.",
            required_to_create=True,
            max_length=2048,
            regex=True,
        ),
        SetOf(
            "targets",
            Enum("targets", TARGETS),
            doc="The parts of a message the pattern is matched against; compared as a set.",
            required_to_create=True,
        ),
    ),
    key=("name",),
    key_fold=("name",),
    id_option="policy_id",
    batch=True,
    atomic_batch=True,
    order={"order": "created_at", "direction": "asc"},
    list_orders=("name", "created_at"),
    list_filters=(
        Boolean("enabled", doc="Only policies with O(enabled) set to this value."),
        Setting("name", doc="Only policies whose name the API's filter matches with this value."),
        Setting("search", doc="Only policies that the API's search term matches (Cloudflare says its behaviour may change)."),
    ),
)


def _excludes_problems(record: Record) -> List[Tuple[str, str]]:
    domain, excluded = record.get("domain"), record.get("exclude") or []
    if not isinstance(domain, str):
        return []
    outside = [name for name in excluded if isinstance(name, str) and not name.endswith("." + domain)]
    if outside:
        return [("exclude", "must hold only subdomains of %s (the domain of the restriction); not %s" % (domain, ", ".join(outside)))]
    return []


SENDING_DOMAIN_RESTRICTION = Resource(
    kind="sending_domain_restriction",
    plural="sending_domain_restrictions",
    title="sending domain restriction",
    path="sending_domain_restrictions",
    fields=(
        _comments("restriction"),
        DomainName(
            "domain",
            doc=[
                "The domain whose mail must be sent over TLS: compared case-insensitively, without a trailing dot and in IDNA form.",
                "It identifies the restriction.",
            ],
            required_to_create=True,
        ),
        SetOf(
            "exclude",
            DomainName("exclude"),
            doc=[
                "The subdomains exempt from the TLS requirement, compared as a set of domain names. An empty list exempts none.",
                "Each must be under O(domain); another name is refused before any request.",
            ],
            required_to_create=True,
        ),
    ),
    key=("domain",),
    problems=_excludes_problems,
    id_option="sending_domain_restriction_id",
    batch=False,
    order={"order": "created_at", "direction": "asc"},
    list_orders=("domain", "created_at"),
    list_filters=(Setting("search", doc="Only restrictions that the API's search term matches (Cloudflare says its behaviour may change)."),),
)

URL_IGNORE_PATTERN = Resource(
    kind="url_ignore_pattern",
    plural="url_ignore_patterns",
    title="URL ignore pattern",
    path="url_ignore_patterns",
    fields=(
        _comments("pattern"),
        Text(
            "pattern",
            doc="The URL pattern that link scanning ignores, at most 1024 characters; compared exactly. It identifies the entry.",
            required_to_create=True,
            max_length=TEXT_LIMIT,
        ),
    ),
    key=("pattern",),
    id_option="pattern_id",
    batch=False,
    # The list takes no order: the modules sort what it returns by creation time and id.
    order={},
)
