# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Every declared Email Security resource, for the test fake, the docs generator and the contract tests.

This file is private to the collection: its interface may change without notice. Modules import the one
declaration they need, not this, so that each module ships only its own.
"""

from __future__ import annotations

from ansible_collections.cloudflare_community.email_security.plugins.module_utils._allow_policy import ALLOW_POLICY
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._block_sender import BLOCK_SENDER
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._content_policy import CONTENT_POLICY
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._domain import DOMAIN
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._impersonation_registry import IMPERSONATION_REGISTRY
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._message import MESSAGE
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._message_job import JOB
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._phishguard_report import REPORT
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._sending_domain_restriction import SENDING_DOMAIN_RESTRICTION
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._submission import SUBMISSION
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._trusted_domain import TRUSTED_DOMAIN
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._url_ignore_pattern import URL_IGNORE_PATTERN

# The settings: written by tasks, served by the fake from these declarations.
RESOURCES = (DOMAIN, ALLOW_POLICY, BLOCK_SENDER, TRUSTED_DOMAIN, IMPERSONATION_REGISTRY, CONTENT_POLICY, SENDING_DOMAIN_RESTRICTION, URL_IGNORE_PATTERN)
# The incident response: messages and what is done to them, read and acted on (the fake serves them from the SDK's data).
INCIDENT = (MESSAGE, JOB, SUBMISSION, REPORT)
