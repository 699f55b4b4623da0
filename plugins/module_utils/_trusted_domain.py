# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Trusted domains: partner and lookalike domains exempt from the detections they would trigger, declared on the resource model.

This file is private to the collection: its interface may change without notice.
It imports nothing from Ansible, so that the test fake and the docs generator can load it too.
"""

from __future__ import annotations

from ansible_collections.cloudflare_community.email_security.plugins.module_utils._patterns import TEXT_LIMIT, comments, read_as
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._resource import Boolean, Resource, Setting, Text

_trusted_normalise, _trusted_problems = read_as("DOMAIN", "pattern", "is_regex")
TRUSTED_DOMAIN = Resource(
    kind="trusted_domain",
    plural="trusted_domains",
    title="trusted domain",
    path="settings/trusted_domains",
    fields=(
        comments("trusted domain"),
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
