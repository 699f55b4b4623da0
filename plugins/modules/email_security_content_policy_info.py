#!/usr/bin/python
# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: email_security_content_policy_info
short_description: Read Cloudflare Email Security content policies
version_added: 1.1.0
description:
  - "Reads content policies: one by id, or the account's list, narrowed by the API's filters; RV(entries) exports it."
author:
  - Email Security collection maintainers (@cloudflare-community)
extends_documentation_fragment:
  - cloudflare_community.email_security.attributes
  - cloudflare_community.email_security.connection
  - cloudflare_community.email_security.kinds.info
  - cloudflare_community.email_security.content_policy.info
seealso:
  - module: cloudflare_community.email_security.email_security_content_policy
    description: Manage one content policy.
"""

EXAMPLES = r"""
- name: Read every content policy
  cloudflare_community.email_security.email_security_content_policy_info:
  register: current

- name: Keep them as variables
  ansible.builtin.copy:
    content: "{{ {'content_policies': current.entries} | to_nice_yaml }}"
    dest: group_vars/all/content_policies.yml
    mode: "0644"
"""

RETURN = r"""
content_policies:
  description: The content policies as the API returns them, oldest first.
  returned: success
  type: list
  elements: dict
entries:
  description:
    - The same content policies, each with only the fields a task can set. Fields the API reports as null are left out.
  returned: success
  type: list
  elements: dict
"""

from ansible_collections.cloudflare_community.email_security.plugins.module_utils._content_policy import CONTENT_POLICY
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._kind_info import run_info_module


def main():
    run_info_module(CONTENT_POLICY)


if __name__ == "__main__":
    main()
