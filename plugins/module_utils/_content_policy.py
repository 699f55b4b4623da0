# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Content policies: regular expressions matched against the subjects and bodies of messages, declared on the resource model (see _resource.py).

This file is private to the collection: its interface may change without notice.
It imports nothing from Ansible, so that the test fake and the docs generator can load it too.
"""

from __future__ import annotations

from ansible_collections.cloudflare_community.email_security.plugins.module_utils._resource import Boolean, Enum, Resource, SetOf, Setting, Text

TARGETS = ("SUBJECT", "BODY")

CONTENT_POLICY = Resource(
    kind="content_policy",
    plural="content_policies",
    title="content policy",
    path="settings/content_policies",
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
