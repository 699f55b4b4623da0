# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""PhishGuard reports: the threats Cloudflare's analysts report about an account, declared on the resource model.

This file is private to the collection: its interface may change without notice.
It imports nothing from Ansible, so that the test fake and the docs generator can load it too.
"""

from __future__ import annotations

from ansible_collections.cloudflare_community.email_security.plugins.module_utils._message import DISPOSITIONS
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._resource import Enum, Resource, Setting, Timestamp

REPORT = Resource(
    kind="phishguard_report",
    plural="phishguard_reports",
    title="PhishGuard report",
    path="phishguard/reports",
    message_contents=True,
    fields=(
        Setting("title", doc="The report's title.", read_only=True),
        Enum("disposition", DISPOSITIONS, doc="The verdict it reports.", read_only=True),
        Timestamp("created_at", doc="When it was reported.", read_only=True, nullable=True),
    ),
    key=(),
    id_option=None,
    batch=False,
    # The list takes no order: the module sorts what it returns by creation time and id.
    order={},
    list_filters=(
        Timestamp("start", doc="The start of the window of reports; Cloudflare's default is 30 days ago."),
        Timestamp("end", doc="The end of the window; Cloudflare's default is now."),
    ),
    sort_key=("created_at", "id"),
    list_key="reports",
)
