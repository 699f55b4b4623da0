#!/usr/bin/python
# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: email_security_allow_policy_info
short_description: Read Cloudflare Email Security allow policies
version_added: 1.1.0
description:
  - "Reads allow policies: one by id, or the account's list, narrowed by the API's filters; RV(entries) exports it."
author:
  - Email Security collection maintainers (@cloudflare-community)
extends_documentation_fragment:
  - cloudflare_community.email_security.attributes
  - cloudflare_community.email_security.connection
  - cloudflare_community.email_security.kinds.info
  - cloudflare_community.email_security.allow_policy.info
seealso:
  - module: cloudflare_community.email_security.email_security_allow_policies
    description: Apply the whole list in one task.
  - module: cloudflare_community.email_security.email_security_allow_policy
    description: Manage one allow policy.
"""

EXAMPLES = r"""
- name: Export the allow policies to a variables file
  cloudflare_community.email_security.email_security_allow_policy_info:
  register: current

- name: Write them where the play that applies them reads them
  ansible.builtin.copy:
    content: "{{ {'allow_policies': current.entries} | to_nice_yaml }}"
    dest: group_vars/all/allow_policies.yml
    mode: "0644"

- name: Only the domain patterns
  cloudflare_community.email_security.email_security_allow_policy_info:
    pattern_type: DOMAIN
  register: domains
"""

RETURN = r"""
allow_policies:
  description: The allow policies as the API returns them, oldest first.
  returned: success
  type: list
  elements: dict
entries:
  description:
    - The same allow policies, each with only the fields a task can set, in the form that
      O(cloudflare_community.email_security.email_security_allow_policies#module:entries) takes.
    - Fields the API reports as null are left out.
  returned: success
  type: list
  elements: dict
  sample:
    - pattern_type: DOMAIN
      pattern: example.com
      is_regex: false
"""

from ansible_collections.cloudflare_community.email_security.plugins.module_utils._allow_policy import ALLOW_POLICY
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._kind_info import run_info_module


def main():
    run_info_module(ALLOW_POLICY)


if __name__ == "__main__":
    main()
