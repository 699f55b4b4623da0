#!/usr/bin/python
# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: email_security_allow_policy
short_description: Manage one Cloudflare Email Security allow policy
version_added: 1.1.0
description:
  - Creates, updates and removes one allow policy, which exempts a sender or a recipient from some or all detections.
author:
  - Email Security collection maintainers (@cloudflare-community)
extends_documentation_fragment:
  - cloudflare_community.email_security.attributes
  - cloudflare_community.email_security.connection
  - cloudflare_community.email_security.kinds.entry
  - cloudflare_community.email_security.allow_policy
  - cloudflare_community.email_security.allow_policy.entry
seealso:
  - module: cloudflare_community.email_security.email_security_allow_policies
    description: The whole allow list in one task.
  - module: cloudflare_community.email_security.email_security_allow_policy_info
    description: Read allow policies.
  - name: Allow policies (Cloudflare API)
    description: The API this module calls.
    link: https://developers.cloudflare.com/api/resources/email_security/subresources/settings/subresources/allow_policies/
"""

EXAMPLES = r"""
- name: Trust the partner's gateway, only for mail that passes authentication
  cloudflare_community.email_security.email_security_allow_policy:
    pattern_type: DOMAIN
    pattern: partner.example
    is_trusted_sender: true
    verify_sender: true
    comments: CHG-1234 partner gateway

- name: Release a false positive from the Spam and Bulk dispositions
  cloudflare_community.email_security.email_security_allow_policy:
    pattern_type: EMAIL
    pattern: newsletter@vendor.example
    is_acceptable_sender: true

- name: Remove a policy by its pattern
  cloudflare_community.email_security.email_security_allow_policy:
    pattern_type: IP
    pattern: 203.0.113.7
    state: absent
"""

RETURN = r"""
allow_policy:
  description:
    - The policy as the API returned it after the change, or as it is when nothing changed; in check mode, as it is
      predicted to be. Empty after a removal.
  returned: success
  type: dict
  sample:
    id: 2a7f8d6c-5b4e-4a3d-9c2b-1a0f9e8d7c6b
    pattern_type: DOMAIN
    pattern: partner.example
    is_regex: false
    is_trusted_sender: true
    is_acceptable_sender: false
    is_exempt_recipient: false
    verify_sender: true
    comments: CHG-1234 partner gateway
    created_at: "2026-11-01T10:00:00.000000Z"
    modified_at: "2026-11-01T10:00:00.000000Z"
"""

from ansible_collections.cloudflare_community.email_security.plugins.module_utils._allow_policy import ALLOW_POLICY
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._kind_entry import run_entry_module


def main():
    run_entry_module(ALLOW_POLICY)


if __name__ == "__main__":
    main()
