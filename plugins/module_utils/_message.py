# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Messages as Email Security's investigation shows them, declared on the resource model (see _resource.py).

This file is private to the collection: its interface may change without notice.
It imports nothing from Ansible, so that the test fake and the docs generator can load it too.
Only what SDK 5.9.0 does not mark deprecated is used: cursor paging (never ``page``), ``ids`` (never
``postfix_ids``), ``scanned_at`` (never ``ts``), and the nonfunctional ``expected_disposition`` of a move is never sent.
"""

from __future__ import annotations

from typing import Any, Dict, Optional

from ansible_collections.cloudflare_community.email_security.plugins.module_utils._resource import (
    Boolean,
    Enum,
    OpaqueId,
    Resource,
    SetOf,
    Setting,
    Text,
    Timestamp,
)

DELIVERY_STATUSES = ("delivered", "moved", "quarantined", "rejected", "deferred", "bounced", "queued", "move_failed")
# What the search filter takes; a message may report MALICIOUS-BEC and the others too.
SEARCH_DISPOSITIONS = ("MALICIOUS", "SUSPICIOUS", "SPOOF", "SPAM", "BULK", "NONE")
DISPOSITIONS = ("MALICIOUS", "MALICIOUS-BEC", "SUSPICIOUS", "SPOOF", "SPAM", "BULK", "ENCRYPTED", "EXTERNAL", "UNKNOWN", "NONE")
MESSAGE_ACTIONS = ("PREVIEW", "QUARANTINE_RELEASED", "MOVED")
OPERATIONS = ("PREVIEW", "QUARANTINE_RELEASE", "SUBMISSION", "MOVE")
# The mailbox folders a message can be moved to.
FOLDERS = ("Inbox", "JunkEmail", "DeletedItems", "RecoverableItemsDeletions", "RecoverableItemsPurges")
# What a message can be reclassified as (the API's expected_disposition).
RECLASSIFICATIONS = ("NONE", "BULK", "MALICIOUS", "SPAM", "SPOOF", "SUSPICIOUS")
# What the _info module can read for each message besides its details.
INCLUDES = ("detections", "trace", "raw", "preview")
# Ids one task may act on, and the most one release or move call takes (the dashboard's limit too).
MAX_IDS = 1000

SEARCH_FILTERS = (
    Text(
        "query", doc="Messages whose sender, recipients, subject, attachment names or hashes, or Message-ID contain every space-separated term (in any case)."
    ),
    Text("sender", doc="Messages from this e-mail address, or from any address of this domain."),
    Text("recipient", doc="Messages to this e-mail address, or to any address of this domain."),
    Text("subject", doc="Messages whose subject holds each of these keywords, in any order."),
    Text("domain", doc="Messages that mention this domain: the sender's or a recipient's domain, or one in a link."),
    Text("message_id", doc="The message with this RFC 5322 C(Message-ID) header."),
    Text("alert_id", doc="Messages of this alert."),
    Enum("final_disposition", SEARCH_DISPOSITIONS, doc="Messages with this final disposition."),
    Enum("delivery_status", DELIVERY_STATUSES, doc="Messages with this delivery status."),
    Enum("message_action", MESSAGE_ACTIONS, doc="Messages on which this action was taken."),
    Boolean("detections_only", doc="Whether only messages with a detection are returned. Cloudflare's default applies when unset."),
    Text("smtp_helo_ip", doc="Messages whose SMTP HELO server IP address is this one."),
    Timestamp("start", past_only=True, doc="The start of the search window; Cloudflare's default is 30 days ago. It must not be in the future."),
    Timestamp("end", doc="The end of the search window; Cloudflare's default is now."),
)


def window_problem(search: Dict[str, Any]) -> Optional[str]:
    """Why the window of a search (canonical ``start`` and ``end``) is one Cloudflare refuses, or None."""
    start, end = search.get("start"), search.get("end")
    if start and end and start > end:
        return "start (%s) is after end (%s)" % (start, end)
    return None


MESSAGE = Resource(
    kind="message",
    plural="messages",
    title="message",
    path="investigate",
    message_contents=True,
    # The fields the modules read, checked in every answer; the rest is passed on as it is.
    fields=(
        Setting("postfix_id", doc="The identifier of the message.", read_only=True),
        Boolean("is_quarantined", doc="Whether the message is in quarantine.", read_only=True),
        SetOf("delivery_status", Enum("delivery_status", DELIVERY_STATUSES), doc="The message's delivery statuses.", read_only=True),
        SetOf("post_delivery_operations", Enum("post_delivery_operations", OPERATIONS), doc="What was done to it after delivery.", read_only=True),
        Enum("final_disposition", DISPOSITIONS, doc="Its final disposition.", read_only=True),
        Setting("message_id", doc="Its RFC 5322 Message-ID header.", read_only=True),
        Timestamp("scanned_at", doc="When it was scanned.", read_only=True),
    ),
    key=(),
    id_option="ids",
    id_type=OpaqueId("ids"),
    batch=False,
    order={},
    list_filters=SEARCH_FILTERS,
    sort_key=("scanned_at", "id"),
)
