#!/usr/bin/python
# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: email_security_trusted_domain_info
short_description: Read Cloudflare Email Security trusted domains
version_added: 1.1.0
description:
  - "Reads trusted domains: one by id, or the account's list, narrowed by the API's filters; RV(entries) exports it."
author:
  - Email Security collection maintainers (@cloudflare-community)
extends_documentation_fragment:
  - cloudflare_community.email_security.attributes
  - cloudflare_community.email_security.connection
  - cloudflare_community.email_security.kinds.info
  - cloudflare_community.email_security.trusted_domain.info
seealso:
  - module: cloudflare_community.email_security.email_security_trusted_domain
    description: Manage one trusted domain.
"""

EXAMPLES = r"""
- name: Read every trusted domain
  cloudflare_community.email_security.email_security_trusted_domain_info:
  register: current

- name: Keep them as variables
  ansible.builtin.copy:
    content: "{{ {'trusted_domains': current.entries} | to_nice_yaml }}"
    dest: group_vars/all/trusted_domains.yml
    mode: "0644"
"""

RETURN = r"""
trusted_domains:
  description: The trusted domains as the API returns them, oldest first.
  returned: success
  type: list
  elements: dict
entries:
  description:
    - The same trusted domains, each with only the fields a task can set. Fields the API reports as null are left out.
  returned: success
  type: list
  elements: dict
"""

from ansible_collections.cloudflare_community.email_security.plugins.module_utils._kind_info import run_info_module
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._trusted_domain import TRUSTED_DOMAIN


def main():
    run_info_module(TRUSTED_DOMAIN)


if __name__ == "__main__":
    main()
