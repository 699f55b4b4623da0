# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""URL ignore patterns: links that link scanning leaves alone, declared on the resource model (see _resource.py).

This file is private to the collection: its interface may change without notice.
It imports nothing from Ansible, so that the test fake and the docs generator can load it too.
"""

from __future__ import annotations

from ansible_collections.cloudflare_community.email_security.plugins.module_utils._patterns import TEXT_LIMIT, comments
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._resource import Resource, Text

URL_IGNORE_PATTERN = Resource(
    kind="url_ignore_pattern",
    plural="url_ignore_patterns",
    title="URL ignore pattern",
    plural_title="URL ignore patterns",
    path="settings/url_ignore_patterns",
    fields=(
        comments("pattern"),
        Text(
            "pattern",
            doc="The URL pattern that link scanning ignores, at most 1024 characters; compared exactly. It identifies the entry.",
            required_to_create=True,
            max_length=TEXT_LIMIT,
        ),
    ),
    key=("pattern",),
    id_option="pattern_id",
    batch=False,
    # The list takes no order: the modules sort what it returns by creation time and id.
    order={},
)
