#!/usr/bin/python
# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: email_security_url_ignore_pattern
short_description: Manage one Cloudflare Email Security URL ignore pattern
version_added: 1.1.0
description:
  - "Creates, updates and removes a URL ignore pattern: a URL pattern that link scanning ignores."
author:
  - Email Security collection maintainers (@cloudflare-community)
extends_documentation_fragment:
  - cloudflare_community.email_security.attributes
  - cloudflare_community.email_security.connection
  - cloudflare_community.email_security.kinds.entry
  - cloudflare_community.email_security.url_ignore_pattern
  - cloudflare_community.email_security.url_ignore_pattern.entry
seealso:
  - module: cloudflare_community.email_security.email_security_url_ignore_pattern_info
    description: Read URL ignore patterns.
  - name: Whole account as code
    description: The collection's guide to applying every setting of an account in one play.
    link: https://github.com/cloudflare-community/ansible-collection-email-security/blob/main/docs/docsite/rst/guide_account_as_code.rst
"""

EXAMPLES = r"""
- name: Make sure the URL ignore pattern exists as described
  cloudflare_community.email_security.email_security_url_ignore_pattern:
    pattern: https://intranet.example.com/*
    comments: internal links

- name: Scan those links again
  cloudflare_community.email_security.email_security_url_ignore_pattern:
    pattern: https://intranet.example.com/*
    state: absent
"""

RETURN = r"""
url_ignore_pattern:
  description:
    - The URL ignore pattern as the API returned it after the change, or as it is when nothing changed.
    - In check mode, as it is predicted to be. Empty after a removal.
  returned: success
  type: dict
  sample:
    id: 77665544-3322-4110-a998-877665544332
    pattern: https://intranet.example.com/*
    comments: internal links
"""

from ansible_collections.cloudflare_community.email_security.plugins.module_utils._kind_entry import run_entry_module
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._url_ignore_pattern import URL_IGNORE_PATTERN


def main():
    run_entry_module(URL_IGNORE_PATTERN)


if __name__ == "__main__":
    main()
