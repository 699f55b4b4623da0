# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Every declared Email Security resource, for the test fake, the docs generator and the contract tests.

This file is private to the collection: its interface may change without notice. Modules import the one
declaration they need, not this.
"""

from __future__ import annotations

from ansible_collections.cloudflare_community.email_security.plugins.module_utils._account_settings import (
    CONTENT_POLICY,
    IMPERSONATION_REGISTRY,
    SENDING_DOMAIN_RESTRICTION,
    TRUSTED_DOMAIN,
    URL_IGNORE_PATTERN,
)
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._domain import DOMAIN
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._sender_lists import ALLOW_POLICY, BLOCK_SENDER

RESOURCES = (DOMAIN, ALLOW_POLICY, BLOCK_SENDER, TRUSTED_DOMAIN, IMPERSONATION_REGISTRY, CONTENT_POLICY, SENDING_DOMAIN_RESTRICTION, URL_IGNORE_PATTERN)
