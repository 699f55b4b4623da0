# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Sending domain restrictions: domains whose mail must be sent over TLS, and their exempt subdomains, declared on the resource model (see _resource.py).

This file is private to the collection: its interface may change without notice.
It imports nothing from Ansible, so that the test fake and the docs generator can load it too.
"""

from __future__ import annotations

from typing import List, Tuple

from ansible_collections.cloudflare_community.email_security.plugins.module_utils._patterns import comments
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._resource import DomainName, Record, Resource, SetOf, Setting


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
    path="settings/sending_domain_restrictions",
    fields=(
        comments("restriction"),
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
