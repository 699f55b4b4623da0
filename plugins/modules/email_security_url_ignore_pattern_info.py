#!/usr/bin/python
# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: email_security_url_ignore_pattern_info
short_description: Read Cloudflare Email Security URL ignore patterns
version_added: 1.1.0
description:
  - "Reads URL ignore patterns: one by id, or the account's list; RV(entries) exports it."
author:
  - Email Security collection maintainers (@cloudflare-community)
extends_documentation_fragment:
  - cloudflare_community.email_security.attributes
  - cloudflare_community.email_security.connection
  - cloudflare_community.email_security.kinds.info
  - cloudflare_community.email_security.url_ignore_pattern.info
seealso:
  - module: cloudflare_community.email_security.email_security_url_ignore_pattern
    description: Manage one URL ignore pattern.
"""

EXAMPLES = r"""
- name: Read every URL ignore pattern
  cloudflare_community.email_security.email_security_url_ignore_pattern_info:
  register: current

- name: Keep them as variables
  ansible.builtin.copy:
    content: "{{ {'url_ignore_patterns': current.entries} | to_nice_yaml }}"
    dest: group_vars/all/url_ignore_patterns.yml
    mode: "0644"
"""

RETURN = r"""
url_ignore_patterns:
  description: The URL ignore patterns as the API returns them, oldest first.
  returned: success
  type: list
  elements: dict
entries:
  description:
    - The same URL ignore patterns, each with only the fields a task can set. Fields the API reports as null are left out.
  returned: success
  type: list
  elements: dict
"""

from ansible_collections.cloudflare_community.email_security.plugins.module_utils._kind_info import run_info_module
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._url_ignore_pattern import URL_IGNORE_PATTERN


def main():
    run_info_module(URL_IGNORE_PATTERN)


if __name__ == "__main__":
    main()
