# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The impersonation registry: display names protected against impersonation, declared on the resource model (see _resource.py).

This file is private to the collection: its interface may change without notice.
It imports nothing from Ansible, so that the test fake and the docs generator can load it too.
"""

from __future__ import annotations

from typing import Optional

from ansible_collections.cloudflare_community.email_security.plugins.module_utils._patterns import comments, read_as
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._resource import Boolean, Enum, Integer, Record, Resource, Setting, Text

PROVENANCES = ("A1S_INTERNAL", "SNOOPY-CASB_OFFICE_365", "SNOOPY-OFFICE_365", "SNOOPY-GOOGLE_DIRECTORY")
# Entries of the impersonation registry with this provenance are the account's own; others come from a directory sync.
OWN_PROVENANCE = "A1S_INTERNAL"
_LARGEST_ID = 2**63 - 1


def _registry_locked(record: Record) -> Optional[str]:
    provenance = record.get("provenance")
    if provenance in (None, OWN_PROVENANCE):
        return None
    return "is synced from a directory (provenance %s): change it in the directory, not here" % provenance


_registry_normalise, _registry_problems = read_as("EMAIL", "email", "is_email_regex")
IMPERSONATION_REGISTRY = Resource(
    kind="impersonation_registry",
    plural="impersonation_registry",
    # 1.1.0 returned the list under "impersonation_registry", the key the single-entry module gives one entry.
    list_key="impersonation_registry_entries",
    deprecated_list_key="impersonation_registry",
    title="impersonation registry entry",
    plural_title="impersonation registry entries",
    path="settings/impersonation_registry",
    fields=(
        comments("entry"),
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
