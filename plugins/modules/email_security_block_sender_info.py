#!/usr/bin/python
# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: email_security_block_sender_info
short_description: Read Cloudflare Email Security blocked senders
version_added: 1.1.0
description:
  - Reads one blocked sender by O(pattern_id), or lists the blocked senders of the account, optionally filtered with the API's
    filters.
  - Follows every page of the list (1000 entries per request) and returns the entries oldest first (by creation time,
    then id), so that two runs over the same list return it in the same order.
  - RV(entries) holds the same entries in the form
    M(cloudflare_community.email_security.email_security_block_senders) takes, so that an account's list can be exported
    to variables and applied again.
  - Never changes anything.
author:
  - Email Security collection maintainers (@cloudflare-community)
extends_documentation_fragment:
  - cloudflare_community.email_security.attributes
  - cloudflare_community.email_security.connection
  - cloudflare_community.email_security.block_sender.filters
attributes:
  check_mode:
    description: Runs in check mode exactly as it does otherwise.
    support: full
  diff_mode:
    description: Changes nothing, so there is nothing to diff.
    support: N/A
options:
  pattern_id:
    description:
      - The identifier of one blocked sender to read. The result is empty when no blocked sender has that identifier.
    type: str
seealso:
  - module: cloudflare_community.email_security.email_security_block_senders
    description: Apply the whole list in one task.
  - module: cloudflare_community.email_security.email_security_block_sender
    description: Manage one blocked sender.
"""

EXAMPLES = r"""
- name: Export the blocked senders to a variables file
  cloudflare_community.email_security.email_security_block_sender_info:
  register: current

- name: Write them where the play that applies them reads them
  ansible.builtin.copy:
    content: "{{ {'block_senders': current.entries} | to_nice_yaml }}"
    dest: group_vars/all/block_senders.yml
    mode: "0644"

- name: Only the domain patterns
  cloudflare_community.email_security.email_security_block_sender_info:
    pattern_type: DOMAIN
  register: domains
"""

RETURN = r"""
block_senders:
  description: The blocked senders as the API returns them, oldest first.
  returned: success
  type: list
  elements: dict
entries:
  description:
    - The same blocked senders, each with only the fields a task can set, in the form that
      O(cloudflare_community.email_security.email_security_block_senders#module:entries) takes.
    - Fields the API reports as null are left out.
  returned: success
  type: list
  elements: dict
  sample:
    - pattern_type: DOMAIN
      pattern: example.com
      is_regex: false
"""

from ansible_collections.cloudflare_community.email_security.plugins.module_utils._block_sender import BLOCK_SENDER
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._kind_info import run_info_module


def main():
    run_info_module(BLOCK_SENDER)


if __name__ == "__main__":
    main()
