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
  - Reads one impersonation registry entry by O(impersonation_registry_id).
  - Without it, lists the impersonation registry entries of the account, optionally filtered with the API's filters.
  - Follows every page of the list (1000 per request) and returns them oldest first (by creation time, then id), so
    that two runs over the same list return it in the same order.
  - RV(entries) holds the same impersonation registry entries with only the fields a task can set, in the form
    M(cloudflare_community.email_security.email_security_impersonation_registry) takes them, so that an account's settings can be
    exported to variables and applied again.
  - Never changes anything.
author:
  - Email Security collection maintainers (@cloudflare-community)
extends_documentation_fragment:
  - cloudflare_community.email_security.attributes
  - cloudflare_community.email_security.connection
  - cloudflare_community.email_security.impersonation_registry.filters
attributes:
  check_mode:
    description: Runs in check mode exactly as it does otherwise.
    support: full
  diff_mode:
    description: Changes nothing, so there is nothing to diff.
    support: N/A
options:
  impersonation_registry_id:
    description:
      - The identifier of one impersonation registry entry to read. The result is empty when none has that identifier.
    type: str
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
impersonation_registry:
  description: The impersonation registry entries as the API returns them, oldest first.
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
