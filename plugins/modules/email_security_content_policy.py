#!/usr/bin/python
# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: email_security_content_policy
short_description: Manage one Cloudflare Email Security content policy
version_added: 1.1.0
description:
  - "Creates, updates and removes a content policy: a regular expression matched against the subject or body of
    messages."
author:
  - Email Security collection maintainers (@cloudflare-community)
extends_documentation_fragment:
  - cloudflare_community.email_security.attributes
  - cloudflare_community.email_security.connection
  - cloudflare_community.email_security.kinds.entry
  - cloudflare_community.email_security.content_policy
  - cloudflare_community.email_security.content_policy.entry
seealso:
  - module: cloudflare_community.email_security.email_security_content_policy_info
    description: Read content policies.
  - name: Whole account as code
    description: The collection's guide to applying every setting of an account in one play.
    link: https://github.com/cloudflare-community/ansible-collection-email-security/blob/main/docs/docsite/rst/guide_account_as_code.rst
"""

EXAMPLES = r"""
- name: Make sure the content policy exists as described
  cloudflare_community.email_security.email_security_content_policy:
    name: Wire transfer requests
    pattern: (?i)urgent wire transfer
    targets: [SUBJECT, BODY]
    notes: INC-2231

- name: Disable the policy and keep it
  cloudflare_community.email_security.email_security_content_policy:
    name: Wire transfer requests
    enabled: false
"""

RETURN = r"""
content_policy:
  description:
    - The content policy as the API returned it after the change, or as it is when nothing changed.
    - In check mode, as it is predicted to be. Empty after a removal.
  returned: success
  type: dict
  sample:
    id: 5e4d3c2b-1a09-4f8e-b7d6-c5b4a3928170
    name: Wire transfer requests
    pattern: (?i)urgent wire transfer
    targets: [SUBJECT, BODY]
    enabled: true
    notes: INC-2231
"""

from ansible_collections.cloudflare_community.email_security.plugins.module_utils._content_policy import CONTENT_POLICY
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._kind_entry import run_entry_module


def main():
    run_entry_module(CONTENT_POLICY)


if __name__ == "__main__":
    main()
