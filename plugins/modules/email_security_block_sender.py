#!/usr/bin/python
# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: email_security_block_sender
short_description: Manage one Cloudflare Email Security blocked sender
version_added: 1.1.0
description:
  - Creates, updates and removes one blocked sender pattern; mail from a matching sender is blocked.
author:
  - Email Security collection maintainers (@cloudflare-community)
extends_documentation_fragment:
  - cloudflare_community.email_security.attributes
  - cloudflare_community.email_security.connection
  - cloudflare_community.email_security.kinds.entry
  - cloudflare_community.email_security.block_sender
  - cloudflare_community.email_security.block_sender.entry
seealso:
  - module: cloudflare_community.email_security.email_security_block_senders
    description: The whole block list in one task.
  - module: cloudflare_community.email_security.email_security_block_sender_info
    description: Read blocked senders.
  - name: Blocked senders (Cloudflare API)
    description: The API this module calls.
    link: https://developers.cloudflare.com/api/resources/email_security/subresources/settings/subresources/block_senders/
"""

EXAMPLES = r"""
- name: Block a spammer's domain
  cloudflare_community.email_security.email_security_block_sender:
    pattern_type: DOMAIN
    pattern: spam.example
    comments: INC-4711

- name: Block every address of a sending pattern
  cloudflare_community.email_security.email_security_block_sender:
    pattern_type: EMAIL
    pattern: '^invoice-[0-9]+@billing\.example$'
    is_regex: true

- name: Unblock an address
  cloudflare_community.email_security.email_security_block_sender:
    pattern_type: EMAIL
    pattern: sales@vendor.example
    state: absent
"""

RETURN = r"""
block_sender:
  description:
    - The entry as the API returned it after the change, or as it is when nothing changed; in check mode, as it is
      predicted to be. Empty after a removal.
  returned: success
  type: dict
  sample:
    id: 7c6b5a49-3827-4160-a5b4-c3d2e1f0a9b8
    pattern_type: DOMAIN
    pattern: spam.example
    is_regex: false
    comments: INC-4711
    created_at: "2026-11-01T10:00:00.000000Z"
    modified_at: "2026-11-01T10:00:00.000000Z"
"""

from ansible_collections.cloudflare_community.email_security.plugins.module_utils._block_sender import BLOCK_SENDER
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._kind_entry import run_entry_module


def main():
    run_entry_module(BLOCK_SENDER)


if __name__ == "__main__":
    main()
