# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Reclassification submissions (false positives and negatives reported to Cloudflare), declared on the resource model.

This file is private to the collection: its interface may change without notice.
It imports nothing from Ansible, so that the test fake and the docs generator can load it too.
"""

from __future__ import annotations

from ansible_collections.cloudflare_community.email_security.plugins.module_utils._message import SEARCH_DISPOSITIONS
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._resource import Boolean, Enum, Resource, Setting, Timestamp

REVIEW_STATUSES = ("escalated", "reviewed", "unreviewed")
SUBMITTERS = ("TEAM", "USER")

SUBMISSION = Resource(
    kind="submission",
    plural="submissions",
    title="submission",
    path="submissions",
    message_contents=True,
    fields=(
        Setting("original_postfix_id", doc="The postfix id of the message submitted.", read_only=True, nullable=True),
        Enum("requested_disposition", SEARCH_DISPOSITIONS, doc="What the message should be.", read_only=True, nullable=True),
        Timestamp("requested_at", doc="When the submission was made.", read_only=True),
    ),
    key=(),
    id_option=None,
    id_field="submission_id",
    batch=False,
    order={"order": "requested_at", "direction": "asc"},
    list_orders=("submission_id", "subject", "original_disposition", "requested_disposition", "outcome_disposition", "requested_at"),
    list_filters=(
        Timestamp("start", doc="The start of the window of submissions; Cloudflare's default is 30 days ago."),
        Timestamp("end", doc="The end of the window; Cloudflare's default is now."),
        Setting("query", doc="Only submissions that the API's search term matches."),
        Setting("submission_id", doc="Only the submission with this id."),
        Enum("type", SUBMITTERS, doc="Only submissions made by the security team (V(TEAM)) or by end users (V(USER))."),
        Enum("status", REVIEW_STATUSES, doc="Only submissions with this review status."),
        Boolean("escalated_from_user", doc="Only submissions that an end user escalated (V(true)), or only the others (V(false))."),
        Enum("original_disposition", SEARCH_DISPOSITIONS, doc="Only submissions of messages that had this disposition."),
        Enum("requested_disposition", SEARCH_DISPOSITIONS, doc="Only submissions that asked for this disposition."),
        Enum("outcome_disposition", SEARCH_DISPOSITIONS, doc="Only submissions that ended with this disposition."),
    ),
    sort_key=("requested_at", "submission_id"),
)
