# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The sender lists: allow policies and blocked senders, declared on the resource model (see _resource.py).

This file is private to the collection: its interface may change without notice.
Both match mail by a pattern whose meaning depends on its type: an e-mail address and a domain name are
compared case-insensitively (names in IDNA form), an IP pattern as its canonical network, a regular
expression exactly. The API refuses IP patterns in private, loopback, link-local or unspecified ranges;
so do the modules, before any request.
It imports nothing from Ansible, so that the test fake and the docs generator can load it too.
"""

from __future__ import annotations

import ipaddress
from typing import Any, List, Optional, Tuple

from ansible_collections.cloudflare_community.email_security.plugins.module_utils._resource import (
    Boolean,
    DomainName,
    Enum,
    Record,
    Resource,
    Setting,
    Text,
    is_dns_name,
    regex_problem,
)

# Cloudflare's documented limit for patterns and comments.
TEXT_LIMIT = 1024

PATTERN_TYPES = ("EMAIL", "DOMAIN", "IP")
# Deprecated: the API may still report it on old entries, and refuses it in a request.
RETIRED_PATTERN_TYPES = ("UNKNOWN",)

# The ranges the API refuses in an IP pattern (a network that overlaps one is refused too).
REFUSED_NETWORKS = tuple(
    ipaddress.ip_network(network)
    for network in (
        "10.0.0.0/8",  # private
        "172.16.0.0/12",
        "192.168.0.0/16",
        "fc00::/7",  # unique-local
        "127.0.0.0/8",  # loopback
        "::1/128",
        "169.254.0.0/16",  # link-local
        "fe80::/10",
        "0.0.0.0/32",  # unspecified
        "::/128",
        "255.255.255.255/32",  # broadcast
    )
)
_HOST_NAME = DomainName("pattern")


def _network(text: str) -> Any:
    """The network an IP pattern means, IPv4-mapped IPv6 as IPv4; raises ValueError."""
    network = ipaddress.ip_network(text.strip(), strict=True)
    if network.version == 6 and network.prefixlen >= 96 and network.network_address.ipv4_mapped is not None:
        network = ipaddress.ip_network("%s/%d" % (network.network_address.ipv4_mapped, network.prefixlen - 96))
    return network


def canonical_pattern(pattern_type: Any, pattern: Any, is_regex: Any) -> Any:
    """The pattern as the API means it; a pattern that does not parse is returned as it is."""
    if not isinstance(pattern, str) or is_regex:
        return pattern
    text = pattern.strip()
    if pattern_type == "EMAIL" and text.count("@") == 1:
        local, domain = text.split("@")
        return "%s@%s" % (local.lower(), _HOST_NAME.from_api(domain))
    if pattern_type == "DOMAIN":
        return _HOST_NAME.from_api(text)
    if pattern_type == "IP":
        try:
            network = _network(text)
        except ValueError:
            return text.lower()
        return str(network.network_address) if network.num_addresses == 1 else str(network)
    return pattern


def pattern_problem(pattern_type: Any, pattern: Any, is_regex: Any) -> Optional[str]:
    """Why the API refuses ``pattern`` for ``pattern_type``, or None."""
    if isinstance(pattern, str) and is_regex:
        return regex_problem(pattern)
    if not isinstance(pattern, str) or pattern_type not in PATTERN_TYPES:
        return None
    text = pattern.strip()
    if pattern_type == "EMAIL":
        local, _at, domain = text.rpartition("@")
        if not local or "@" in local or any(char.isspace() for char in local) or not is_dns_name(_HOST_NAME.from_api(domain)):
            return "must be an e-mail address such as user@example.com for pattern_type EMAIL, got %r" % pattern
    elif pattern_type == "DOMAIN":
        if not is_dns_name(_HOST_NAME.from_api(text)):
            return "must be a domain name such as example.com for pattern_type DOMAIN, got %r" % pattern
    else:
        try:
            network = _network(text)
        except ValueError as exc:
            return "must be an IPv4/IPv6 address or network such as 203.0.113.7 or 2606:4700::/32 for pattern_type IP, got %r (%s)" % (pattern, exc)
        refused = [str(other) for other in REFUSED_NETWORKS if other.version == network.version and network.overlaps(other)]
        if refused:
            return (
                "%r is refused by Cloudflare: IP patterns may not cover private, unique-local, loopback, link-local,"
                " unspecified or broadcast addresses (it overlaps %s)" % (pattern, ", ".join(refused))
            )
    return None


def normalise(record: Record) -> Record:
    if record.get("pattern") is not None:
        record["pattern"] = canonical_pattern(record.get("pattern_type"), record["pattern"], record.get("is_regex"))
    return record


def problems(record: Record) -> List[Tuple[str, str]]:
    problem = pattern_problem(record.get("pattern_type"), record.get("pattern"), record.get("is_regex"))
    return [("pattern", problem)] if problem else []


def allow_policy_warnings(record: Record) -> List[str]:
    if record.get("is_trusted_sender") and not record.get("verify_sender"):
        return [
            "Allow policy %s %s trusts the sender (every detection is bypassed) without verify_sender: anyone can spoof"
            " that sender to get mail delivered unscanned. Set verify_sender: true unless the sender cannot pass"
            " DMARC, SPF or DKIM." % (record.get("pattern_type"), record.get("pattern"))
        ]
    return []


def _pattern_fields(what: str) -> Tuple[Setting, ...]:
    return (
        Text("comments", doc="A free-text note on the %s, at most 1024 characters." % what, nullable=True, max_length=TEXT_LIMIT),
        Boolean(
            "is_regex",
            doc=[
                "Whether O(pattern) is a regular expression instead of a literal value. A regular expression is compared exactly.",
                "Part of what identifies the %s: unset means V(false) when entries are matched and when one is created." % what,
            ],
            required_to_create=True,
            create_default=False,
        ),
        Text(
            "pattern",
            doc=[
                "The sender to match, read according to O(pattern_type): an e-mail address (V(user@example.com)), a domain"
                " name (V(example.com)), or an IPv4/IPv6 address or network (V(203.0.113.7), V(2606:4700::/32)).",
                "E-mail addresses and domain names are compared case-insensitively (names in IDNA form), IP patterns as"
                " canonical networks (a bare address is its /32 or /128; host bits set are an error).",
                "An IP pattern covering private, unique-local, loopback, link-local, unspecified or broadcast addresses"
                " (also as IPv4-mapped IPv6) is refused before any request, as the API refuses it; so is a regular"
                " expression that does not compile, and a pattern of more than 1024 characters.",
                "A regular expression is kept exactly as given, spaces included.",
            ],
            required_to_create=True,
            max_length=TEXT_LIMIT,
        ),
        Enum(
            "pattern_type",
            PATTERN_TYPES,
            reported_only=RETIRED_PATTERN_TYPES,
            doc=[
                "How O(pattern) is read. Part of what identifies the %s." % what,
                "The deprecated V(UNKNOWN) type may be reported for old entries, but Cloudflare refuses it in a change.",
            ],
            required_to_create=True,
        ),
    )


def _retired(name: str, replacement: str) -> Boolean:
    return Boolean(
        name,
        doc="Past its end of life (1 July 2026): reported on old entries, refused in a task. Use O(%s)." % replacement,
        retired="use %s instead" % replacement,
    )


_PATTERN_FILTERS = (
    Setting("pattern", doc="Only entries whose pattern the API's filter matches with this value."),
    Enum("pattern_type", PATTERN_TYPES, reported_only=RETIRED_PATTERN_TYPES, doc="Only entries of this pattern type."),
    Setting("search", doc="Only entries that the API's search term matches (Cloudflare says its behaviour may change)."),
)

_ALLOW_FLAGS = (
    Boolean(
        "is_acceptable_sender",
        doc="Exempts mail from this sender from the Spam, Spoof and Bulk dispositions only (Malicious and Suspicious still apply).",
        required_to_create=True,
        create_default=False,
    ),
    Boolean(
        "is_exempt_recipient",
        doc="Bypasses every detection for mail to this recipient.",
        required_to_create=True,
        create_default=False,
    ),
    Boolean(
        "is_trusted_sender",
        doc=[
            "Bypasses every detection and link following for mail from this sender.",
            "Without O(verify_sender), anyone can spoof the sender: the task warns.",
        ],
        required_to_create=True,
        create_default=False,
    ),
    Boolean(
        "verify_sender",
        doc="Honour the policy only for mail that passes DMARC, SPF or DKIM authentication. When creating, unset means V(true).",
        required_to_create=True,
        create_default=True,
    ),
    _retired("is_recipient", "is_exempt_recipient"),
    _retired("is_sender", "is_trusted_sender"),
    _retired("is_spoof", "is_acceptable_sender"),
)
_ALLOW_FILTERS = tuple(
    Boolean(name, doc="Only policies with O(%s) set to this value." % name)
    for name in ("is_acceptable_sender", "is_exempt_recipient", "is_trusted_sender", "verify_sender")
)

ALLOW_POLICY = Resource(
    kind="allow_policy",
    plural="allow_policies",
    title="allow policy",
    path="allow_policies",
    fields=_pattern_fields("allow policy") + _ALLOW_FLAGS,
    key=("pattern_type", "pattern", "is_regex"),
    id_option="policy_id",
    batch=True,
    order={"order": "created_at", "direction": "asc"},
    list_orders=("pattern", "created_at"),
    list_filters=_PATTERN_FILTERS + _ALLOW_FILTERS,
    key_defaults={"is_regex": False},
    atomic_batch=True,
    normalise=normalise,
    problems=problems,
    warnings=allow_policy_warnings,
)

BLOCK_SENDER = Resource(
    kind="block_sender",
    plural="block_senders",
    title="blocked sender",
    plural_title="blocked senders",
    path="block_senders",
    fields=_pattern_fields("blocked sender"),
    key=("pattern_type", "pattern", "is_regex"),
    id_option="pattern_id",
    batch=True,
    order={"order": "created_at", "direction": "asc"},
    list_orders=("pattern", "created_at"),
    list_filters=_PATTERN_FILTERS,
    key_defaults={"is_regex": False},
    atomic_batch=True,
    normalise=normalise,
    problems=problems,
)
