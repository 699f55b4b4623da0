# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The protected-domain resource, declared on the resource model (see _resource.py).

This file is private to the collection: its interface may change without notice.
It imports nothing from Ansible, so that the test fake and the docs generator can load it too.
"""

from __future__ import annotations

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
    path="settings/domains",
    fields=SETTINGS,
    key=("domain",),
    id_option="domain_id",
    batch=True,
    order={"order": "domain", "direction": "asc"},
    list_orders=("domain", "created_at"),
    list_filters=(
        SetOf(
            "domain",
            DomainName("domain"),
            doc=[
                "Only domains with these names. Compared case-insensitively, without a trailing dot and in IDNA form.",
                "The names are sent as the API's filter and matched by the module; a name the filter does not find (its handling of"
                " case is not documented) is looked for among all the domains of the account.",
            ],
        ),
        Enum("allowed_delivery_mode", DELIVERY_MODES, doc="Only domains that allow this delivery mode."),
        Enum("active_delivery_mode", DELIVERY_MODES, doc="Only domains whose active delivery mode is this one."),
        Uuid("integration_id", doc="Only domains tied to this integration (a uuid)."),
        Enum(
            "status",
            STATUSES,
            any_case=True,
            doc="Only domains with this status, V(PENDING), V(ACTIVE), V(FAILED) or V(TIMEOUT), in any case (it is sent in upper case, as the API spells it).",
        ),
        Setting("search", doc="Only domains that the API's search term matches (Cloudflare says its behaviour may change; never use it to find a domain)."),
    ),
    sort_key=("domain", "id"),
    key_filter="domain",
    name_field="domain",
    renaming=(
        "a protected domain cannot be renamed",
        "To protect {wanted} instead, remove {actual} (state: absent) and create {wanted} (state: present, without domain_id)",
    ),
)
