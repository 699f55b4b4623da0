#!/usr/bin/python
# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: email_security_impersonation_registry_info
short_description: Read Cloudflare Email Security impersonation registry entries
version_added: 1.1.0
description:
  - "Reads impersonation registry entries: one by id, or the account's list, narrowed by the API's filters;
    RV(entries) exports it."
author:
  - Email Security collection maintainers (@cloudflare-community)
extends_documentation_fragment:
  - cloudflare_community.email_security.attributes
  - cloudflare_community.email_security.connection
  - cloudflare_community.email_security.kinds.info
  - cloudflare_community.email_security.impersonation_registry.info
seealso:
  - module: cloudflare_community.email_security.email_security_impersonation_registry
    description: Manage one impersonation registry entry.
"""

EXAMPLES = r"""
- name: Read every impersonation registry entry
  cloudflare_community.email_security.email_security_impersonation_registry_info:
  register: current

- name: Keep them as variables
  ansible.builtin.copy:
    content: "{{ {'impersonation_registry': current.entries} | to_nice_yaml }}"
    dest: group_vars/all/impersonation_registry.yml
    mode: "0644"
"""

RETURN = r"""
impersonation_registry_entries:
  description: The impersonation registry entries as the API returns them, oldest first.
  returned: success
  type: list
  elements: dict
  version_added: 1.2.0
impersonation_registry:
  description:
    - The same list as RV(impersonation_registry_entries), under the name 1.1.0 gave it, which the single-entry module
      M(cloudflare_community.email_security.email_security_impersonation_registry) also uses for one entry (a dict).
    - Deprecated, to be removed in 2.0.0; use RV(impersonation_registry_entries).
  returned: success
  type: list
  elements: dict
entries:
  description:
    - The same impersonation registry entries, each with only the fields a task can set. Fields the API reports as null are left out.
  returned: success
  type: list
  elements: dict
"""

from ansible_collections.cloudflare_community.email_security.plugins.module_utils._impersonation_registry import IMPERSONATION_REGISTRY
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._kind_info import run_info_module


def main():
    run_info_module(IMPERSONATION_REGISTRY)


if __name__ == "__main__":
    main()
