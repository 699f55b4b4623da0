#!/usr/bin/python
# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: email_security_content_policies
short_description: Manage the Cloudflare Email Security content policies as one list
version_added: 1.1.0
description:
  - Manages every content policy of an account in one task, written with batch calls.
author:
  - Email Security collection maintainers (@cloudflare-community)
extends_documentation_fragment:
  - cloudflare_community.email_security.attributes
  - cloudflare_community.email_security.connection
  - cloudflare_community.email_security.kinds.list
  - cloudflare_community.email_security.content_policy.list
seealso:
  - module: cloudflare_community.email_security.email_security_content_policy
    description: Manage one content policy.
  - module: cloudflare_community.email_security.email_security_content_policy_info
    description: Read and export the content policies.
"""

EXAMPLES = r"""
- name: The content policies, as reviewed in the repository
  cloudflare_community.email_security.email_security_content_policies:
    entries: "{{ content_policies }}"
    purge: true

- name: Add or update these, and leave the others alone
  cloudflare_community.email_security.email_security_content_policies:
    entries:
      - name: Wire transfer requests
        pattern: (?i)urgent wire transfer
        targets: [SUBJECT, BODY]
      - name: Gift cards
        pattern: (?i)gift ?cards?
        targets: [BODY]
        enabled: false
"""

RETURN = r"""
created:
  description: The content policies created (in check mode, the bodies that would be sent).
  returned: success
  type: list
  elements: dict
updated:
  description: The content policies changed, as the API returned them (in check mode, as they are predicted to be).
  returned: success
  type: list
  elements: dict
removed:
  description: The content policies removed (in check mode, those that would be), as they were.
  returned: success
  type: list
  elements: dict
applied:
  description: When a batch call failed, how many creations, changes and removals earlier calls applied.
  returned: failure
  type: int
maybe_applied:
  description: When a batch call failed, how many operations the failed call held (Cloudflare may have applied some).
  returned: failure
  type: int
not_applied:
  description: When a batch call failed, how many operations were never sent.
  returned: failure
  type: int
"""

from ansible_collections.cloudflare_community.email_security.plugins.module_utils._content_policy import CONTENT_POLICY
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._kind_list import run_list_module


def main():
    run_list_module(CONTENT_POLICY)


if __name__ == "__main__":
    main()
