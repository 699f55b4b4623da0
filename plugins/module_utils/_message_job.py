# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Bulk action jobs: a move or a release of every message a search matches, declared on the resource model.

This file is private to the collection: its interface may change without notice.
It imports nothing from Ansible, so that the test fake and the docs generator can load it too.
"""

from __future__ import annotations

from ansible_collections.cloudflare_community.email_security.plugins.module_utils._message import (
    DELIVERY_STATUSES,
    DISPOSITIONS,
    MESSAGE_ACTIONS,
)
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._resource import (
    Boolean,
    Enum,
    Integer,
    Resource,
    Setting,
    Text,
    Timestamp,
)

ACTIONS = ("MOVE", "RELEASE")
STATUSES = ("PENDING", "DISCOVERING", "PROCESSING", "COMPLETED", "FAILED", "CANCELLED")
TERMINAL = ("COMPLETED", "FAILED", "CANCELLED")
# A rerun finds the job it started unless that job ended like this.
ENDED_BADLY = ("FAILED", "CANCELLED")
MESSAGE_STATUSES = ("PENDING", "PROCESSING", "COMPLETED", "FAILED", "CANCELLED", "SKIPPED")
COUNTERS = ("messages_pending", "messages_successful", "messages_failed", "messages_skipped", "messages_cancelled")
_MOST = 2**63 - 1

# The search a job acts on (SDK 5.9.0's search_params, without the deprecated action_log).
SEARCH = (
    Text("alert_id", doc="Messages of this alert."),
    Enum("delivery_status", DELIVERY_STATUSES, doc="Messages with this delivery status."),
    Boolean("detections_only", doc="Whether only messages with a detection are matched."),
    Text("domain", doc="Messages that mention this domain (the sender's, a recipient's, or one in a link)."),
    Timestamp("end", doc="The end of the search window."),
    Text("exact_subject", doc="Messages whose subject is exactly this."),
    Enum("final_disposition", DISPOSITIONS, doc="Messages with this final disposition."),
    Enum("message_action", MESSAGE_ACTIONS, doc="Messages on which this action was taken."),
    Text("message_id", doc="The message with this Message-ID header."),
    Text("metric", doc="A metric name to narrow the search by."),
    Text("query", doc="Messages that hold every space-separated term in their metadata (in any case)."),
    Text("recipient", doc="Messages to this address, or to any address of this domain."),
    Text("sender", doc="Messages from this address, or from any address of this domain."),
    Text("smtp_helo_ip", doc="Messages whose SMTP HELO server IP address is this one."),
    Timestamp("start", past_only=True, doc="The start of the search window; it must not be in the future."),
    Text("subject", doc="Messages whose subject holds each of these keywords, in any order."),
    Boolean("submissions", doc="Whether reclassification submissions are searched instead of the original messages."),
)
# A search needs at least one of these: with none, a job would act on every message of the account.
NARROWING = (
    "alert_id",
    "delivery_status",
    "domain",
    "exact_subject",
    "final_disposition",
    "message_action",
    "message_id",
    "query",
    "recipient",
    "sender",
    "smtp_helo_ip",
    "subject",
)

JOB = Resource(
    kind="message_job",
    plural="message_jobs",
    title="bulk action job",
    path="investigate/bulk",
    message_contents=True,
    fields=(
        Enum("action_type", ACTIONS, doc="What the job does.", read_only=True),
        Enum("status", STATUSES, doc="Where the job is.", read_only=True),
        Setting("comment", doc="The job's note; the modules name a job by it.", read_only=True, nullable=True),
        Integer("total_messages_discovered", 0, _MOST, doc="The messages its search matched.", read_only=True),
        *(Integer(name, 0, _MOST, doc="A counter of the job's messages.", read_only=True) for name in COUNTERS),
    ),
    key=(),
    id_option="job_id",
    id_field="job_id",
    batch=False,
    # The list of jobs takes no order: the modules sort what it returns by creation time and id.
    order={},
    list_filters=(
        Enum("action_type", ACTIONS, doc="Only jobs that do this."),
        Enum("status", STATUSES, doc="Only jobs in this state."),
    ),
    sort_key=("created_at", "job_id"),
    list_key="jobs",
)
