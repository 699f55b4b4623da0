# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The protected-domain resource, declared on the resource model (see _resource.py).

This file is private to the collection: its interface may change without notice.
It imports nothing from Ansible, so that the test fake and the docs generator can load it too.
"""

from __future__ import annotations

from typing import Any, Dict, Iterable

from ansible_collections.cloudflare_community.email_security.plugins.module_utils._resource import (
    Boolean,
    DomainName,
    Enum,
    Integer,
    Network,
    Resource,
    SetOf,
    Setting,
    Uuid,
)

DELIVERY_MODES = ("DIRECT", "BCC", "JOURNAL", "API", "RETRO_SCAN")
DISPOSITIONS = ("MALICIOUS", "MALICIOUS-BEC", "SUSPICIOUS", "SPOOF", "SPAM", "BULK", "ENCRYPTED", "EXTERNAL", "UNKNOWN", "NONE")
FOLDERS = ("AllItems", "Inbox")
REGIONS = ("GLOBAL", "AU", "DE", "IN", "US")
STATUSES = ("PENDING", "ACTIVE", "FAILED", "TIMEOUT")

SETTINGS = (
    SetOf(
        "allowed_delivery_modes",
        Enum("allowed_delivery_modes", DELIVERY_MODES),
        doc="The delivery modes the domain may use; at least one.",
        required_to_create=True,
        min_items=1,
        max_items=10,
    ),
    DomainName(
        "domain",
        doc=[
            "The domain name. Compared case-insensitively and without a trailing dot.",
            "Internationalised names are compared and sent in their IDNA form, so V(bücher.example) and V(xn--bcher-kva.example) are the same domain.",
        ],
        required_to_create=True,
        mutable=False,
    ),
    SetOf(
        "drop_dispositions",
        Enum("drop_dispositions", DISPOSITIONS),
        doc="The dispositions for which messages are dropped.",
        required_to_create=True,
        max_items=10,
    ),
    Enum("folder", FOLDERS, doc="The mailbox folder that is scanned, for domains scanned through the API.", nullable=True),
    Uuid("integration_id", doc="The uuid of the integration the domain is tied to.", nullable=True),
    SetOf(
        "ip_restrictions",
        Network("ip_restrictions"),
        doc=[
            "The IPv4 and IPv6 networks or addresses mail for the domain may come from, such as V(192.0.2.0/24) or V(2001:db8::/32).",
            "A bare address means its /32 or /128. A network with host bits set (V(192.0.2.1/24)) is an error, and so is an IPv6 zone id (V(fe80::1%eth0)).",
            "An empty list removes every restriction; Cloudflare takes at most 100.",
        ],
        required_to_create=True,
        max_items=100,
    ),
    Integer(
        "lookback_hops",
        1,
        20,
        doc="How many hops back in the C(Received) headers to look for the sending IP address, from 1 to 20. A boolean is refused.",
    ),
    SetOf(
        "regions",
        Enum("regions", REGIONS),
        doc="The regions where mail for the domain is processed; at least one.",
        required_to_create=True,
        min_items=1,
        max_items=10,
    ),
    Boolean("require_tls_inbound", doc="Whether inbound mail must arrive over TLS."),
    Boolean("require_tls_outbound", doc="Whether outbound mail must leave over TLS."),
    Setting("transport", doc="The transport (next hop) that mail for the domain is delivered to."),
)

DOMAIN = Resource(
    kind="domain",
    plural="domains",
    title="domain",
    path="domains",
    fields=SETTINGS,
    key=("domain",),
    id_option="domain_id",
    batch=True,
    order={"order": "domain", "direction": "asc"},
    list_orders=("domain", "created_at"),
)
SETTINGS_BY_NAME = DOMAIN.by_name
# What POST .../domains needs; the other settings are optional when creating.
REQUIRED_TO_CREATE = DOMAIN.required_to_create
# What PATCH .../domains/{id} and the batch's patches accept.
MUTABLE = DOMAIN.mutable
DOMAIN_ID = DOMAIN.id
DOMAIN_NAME = SETTINGS_BY_NAME["domain"]


def settings_argument_spec(exclude: Iterable[str] = ()) -> Dict[str, Dict[str, Any]]:
    """Argument spec entries for the fields: optional, no default (unset means leave alone)."""
    return DOMAIN.argument_spec(exclude)


def desired_settings(params: Dict[str, Any]) -> Dict[str, Any]:
    """Canonical values of the fields a task sets; fields left unset (None) are not managed."""
    return DOMAIN.desired(params)


def current_settings(domain: Dict[str, Any], names: Iterable[str]) -> Dict[str, Any]:
    """Canonical values the API reports for ``names`` (None where the API has no value)."""
    return dict((name, SETTINGS_BY_NAME[name].from_api(domain.get(name))) for name in names)


def changed_settings(desired: Dict[str, Any], current: Dict[str, Any]) -> Dict[str, Any]:
    """The desired fields whose canonical value differs from the current one."""
    return dict((name, value) for name, value in desired.items() if current.get(name) != value)


def predicted_domain(domain: Dict[str, Any], changes: Dict[str, Any]) -> Dict[str, Any]:
    """The domain object the API should return after applying ``changes``."""
    predicted = dict(domain)
    predicted.update(changes)
    return predicted
