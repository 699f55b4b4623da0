# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Allow policies: senders and recipients exempt from some or all detections, declared on the resource model (see _resource.py).

This file is private to the collection: its interface may change without notice.
It imports nothing from Ansible, so that the test fake and the docs generator can load it too.
"""

from __future__ import annotations

from typing import List

from ansible_collections.cloudflare_community.email_security.plugins.module_utils._patterns import (
    PATTERN_FILTERS,
    normalise,
    pattern_fields,
    problems,
)
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._resource import Boolean, Record, Resource


def allow_policy_warnings(record: Record) -> List[str]:
    if record.get("is_trusted_sender") and not record.get("verify_sender"):
        return [
            "Allow policy %s %s trusts the sender (every detection is bypassed) without verify_sender: anyone can spoof"
            " that sender to get mail delivered unscanned. Set verify_sender: true unless the sender cannot pass"
            " DMARC, SPF or DKIM." % (record.get("pattern_type"), record.get("pattern"))
        ]
    return []


def _retired(name: str, replacement: str) -> Boolean:
    return Boolean(
        name,
        doc="Past its end of life (1 July 2026): reported on old entries, refused in a task. Use O(%s)." % replacement,
        retired="use %s instead" % replacement,
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
    path="settings/allow_policies",
    fields=pattern_fields("allow policy") + _ALLOW_FLAGS,
    key=("pattern_type", "pattern", "is_regex"),
    id_option="policy_id",
    batch=True,
    order={"order": "created_at", "direction": "asc"},
    list_orders=("pattern", "created_at"),
    list_filters=PATTERN_FILTERS + _ALLOW_FILTERS,
    key_defaults={"is_regex": False},
    atomic_batch=True,
    normalise=normalise,
    problems=problems,
    warnings=allow_policy_warnings,
)
