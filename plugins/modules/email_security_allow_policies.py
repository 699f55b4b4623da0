#!/usr/bin/python
# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: email_security_allow_policies
short_description: Manage the Cloudflare Email Security allow policies as one list
version_added: 1.1.0
description:
  - Manages the whole allow list of an account in one task, written with batch calls.
author:
  - Email Security collection maintainers (@cloudflare-community)
extends_documentation_fragment:
  - cloudflare_community.email_security.attributes
  - cloudflare_community.email_security.connection
  - cloudflare_community.email_security.kinds.list
  - cloudflare_community.email_security.allow_policy.list
seealso:
  - module: cloudflare_community.email_security.email_security_allow_policy
    description: Manage one allow policy, by id or by pattern.
  - module: cloudflare_community.email_security.email_security_allow_policy_info
    description: Read and export the allow policies.
  - name: Allow and block lists as code
    description: The collection's guide to these modules.
    link: https://github.com/cloudflare-community/ansible-collection-email-security/blob/main/docs/docsite/rst/guide_sender_lists.rst
"""

EXAMPLES = r"""
- name: The allow policies, as reviewed in the repository
  cloudflare_community.email_security.email_security_allow_policies:
    entries: "{{ allow_policies }}"
    purge: true

- name: Add two entries and leave the others alone
  cloudflare_community.email_security.email_security_allow_policies:
    entries:
      - pattern_type: DOMAIN
        pattern: example.com
      - pattern_type: EMAIL
        pattern: billing@example.net
"""

RETURN = r"""
created:
  description: The allow policies created (in check mode, the bodies that would be sent).
  returned: success
  type: list
  elements: dict
updated:
  description: The allow policies changed, as the API returned them (in check mode, as they are predicted to be).
  returned: success
  type: list
  elements: dict
removed:
  description: The allow policies removed (in check mode, those that would be), as they were.
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

from ansible_collections.cloudflare_community.email_security.plugins.module_utils._allow_policy import ALLOW_POLICY
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._kind_list import run_list_module


def main():
    run_list_module(ALLOW_POLICY)


if __name__ == "__main__":
    main()
