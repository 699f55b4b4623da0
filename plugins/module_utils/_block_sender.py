# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Blocked senders, declared on the resource model (see _resource.py).

This file is private to the collection: its interface may change without notice.
It imports nothing from Ansible, so that the test fake and the docs generator can load it too.
"""

from __future__ import annotations

from ansible_collections.cloudflare_community.email_security.plugins.module_utils._patterns import (
    PATTERN_FILTERS,
    normalise,
    pattern_fields,
    problems,
)
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._resource import Resource

BLOCK_SENDER = Resource(
    kind="block_sender",
    plural="block_senders",
    title="blocked sender",
    plural_title="blocked senders",
    path="settings/block_senders",
    fields=pattern_fields("blocked sender"),
    key=("pattern_type", "pattern", "is_regex"),
    id_option="pattern_id",
    batch=True,
    order={"order": "created_at", "direction": "asc"},
    list_orders=("pattern", "created_at"),
    list_filters=PATTERN_FILTERS,
    key_defaults={"is_regex": False},
    atomic_batch=True,
    normalise=normalise,
    problems=problems,
)
