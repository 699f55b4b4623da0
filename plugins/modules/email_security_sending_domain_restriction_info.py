#!/usr/bin/python
# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: email_security_sending_domain_restriction_info
short_description: Read Cloudflare Email Security sending domain restrictions
version_added: 1.1.0
description:
  - "Reads sending domain restrictions: one by id, or the account's list; RV(entries) exports it."
author:
  - Email Security collection maintainers (@cloudflare-community)
extends_documentation_fragment:
  - cloudflare_community.email_security.attributes
  - cloudflare_community.email_security.connection
  - cloudflare_community.email_security.kinds.info
  - cloudflare_community.email_security.sending_domain_restriction.info
seealso:
  - module: cloudflare_community.email_security.email_security_sending_domain_restriction
    description: Manage one sending domain restriction.
"""

EXAMPLES = r"""
- name: Read every sending domain restriction
  cloudflare_community.email_security.email_security_sending_domain_restriction_info:
  register: current

- name: Keep them as variables
  ansible.builtin.copy:
    content: "{{ {'sending_domain_restrictions': current.entries} | to_nice_yaml }}"
    dest: group_vars/all/sending_domain_restrictions.yml
    mode: "0644"
"""

RETURN = r"""
sending_domain_restrictions:
  description: The sending domain restrictions as the API returns them, oldest first.
  returned: success
  type: list
  elements: dict
entries:
  description:
    - The same sending domain restrictions, each with only the fields a task can set. Fields the API reports as null are left out.
  returned: success
  type: list
  elements: dict
"""

from ansible_collections.cloudflare_community.email_security.plugins.module_utils._kind_info import run_info_module
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._sending_domain_restriction import SENDING_DOMAIN_RESTRICTION


def main():
    run_info_module(SENDING_DOMAIN_RESTRICTION)


if __name__ == "__main__":
    main()
