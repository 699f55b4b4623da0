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
  - Reads one URL ignore pattern by O(pattern_id).
  - Without it, lists the URL ignore patterns of the account.
  - Follows every page of the list (1000 per request) and returns them oldest first (by creation time, then id), so
    that two runs over the same list return it in the same order.
  - RV(entries) holds the same URL ignore patterns with only the fields a task can set, in the form
    M(cloudflare_community.email_security.email_security_url_ignore_pattern) takes them, so that an account's settings can be
    exported to variables and applied again.
  - Never changes anything.
author:
  - Email Security collection maintainers (@cloudflare-community)
extends_documentation_fragment:
  - cloudflare_community.email_security.attributes
  - cloudflare_community.email_security.connection
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
      - The identifier of one URL ignore pattern to read. The result is empty when none has that identifier.
    type: str
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
