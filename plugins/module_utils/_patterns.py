# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Patterns whose meaning depends on their type, shared by the sender lists, trusted domains and the impersonation registry.

This file is private to the collection: its interface may change without notice.
It imports nothing from Ansible, so that the test fake and the docs generator can load it too.
An e-mail address and a domain name are compared case-insensitively (names in IDNA form), an IP pattern as its
canonical network, a regular expression exactly, as it was given. The API refuses IP patterns in private,
loopback, link-local or unspecified ranges, and regular expressions that do not compile; so do the modules,
before any request.
"""

from __future__ import annotations

import ipaddress
from typing import Any, Callable, List, Optional, Tuple

from ansible_collections.cloudflare_community.email_security.plugins.module_utils._resource import (
    Boolean,
    DomainName,
    Enum,
    Record,
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


def comments(what: str) -> Text:
    return Text("comments", doc="A free-text note on the %s, at most 1024 characters." % what, nullable=True, max_length=TEXT_LIMIT)


def read_as(pattern_type: str, field: str, regex_field: str) -> Tuple[Callable[[Record], Record], Callable[[Record], List[Tuple[str, str]]]]:
    """The normalise and problems functions of a field read as ``pattern_type`` unless ``regex_field`` is true."""

    def normalise(record: Record) -> Record:
        if record.get(field) is not None:
            record[field] = canonical_pattern(pattern_type, record[field], record.get(regex_field))
        return record

    def problems(record: Record) -> List[Tuple[str, str]]:
        problem = pattern_problem(pattern_type, record.get(field), record.get(regex_field))
        return [(field, problem.replace(" for pattern_type %s" % pattern_type, ""))] if problem else []

    return normalise, problems


def pattern_fields(what: str) -> Tuple[Setting, ...]:
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


PATTERN_FILTERS = (
    Setting("pattern", doc="Only entries whose pattern the API's filter matches with this value."),
    Enum("pattern_type", PATTERN_TYPES, reported_only=RETIRED_PATTERN_TYPES, doc="Only entries of this pattern type."),
    Setting("search", doc="Only entries that the API's search term matches (Cloudflare says its behaviour may change)."),
)
