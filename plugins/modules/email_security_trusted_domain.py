#!/usr/bin/python
# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: email_security_trusted_domain
short_description: Manage one Cloudflare Email Security trusted domain
version_added: 1.1.0
description:
  - "Creates, updates and removes a trusted domain: a domain exempt from the lookalike (similarity) or
    recently-registered detections."
author:
  - Email Security collection maintainers (@cloudflare-community)
extends_documentation_fragment:
  - cloudflare_community.email_security.attributes
  - cloudflare_community.email_security.connection
  - cloudflare_community.email_security.kinds.entry
  - cloudflare_community.email_security.trusted_domain
  - cloudflare_community.email_security.trusted_domain.entry
seealso:
  - module: cloudflare_community.email_security.email_security_trusted_domain_info
    description: Read trusted domains.
  - name: Whole account as code
    description: The collection's guide to applying every setting of an account in one play.
    link: https://github.com/cloudflare-community/ansible-collection-email-security/blob/main/docs/docsite/rst/guide_account_as_code.rst
"""

EXAMPLES = r"""
- name: Make sure the trusted domain exists as described
  cloudflare_community.email_security.email_security_trusted_domain:
    pattern: partner.example
    is_similarity: true
    is_recent: false
    comments: CHG-1234 partner spelled like us

- name: Stop trusting it
  cloudflare_community.email_security.email_security_trusted_domain:
    pattern: partner.example
    state: absent
"""

RETURN = r"""
trusted_domain:
  description:
    - The trusted domain as the API returned it after the change, or as it is when nothing changed.
    - In check mode, as it is predicted to be. Empty after a removal.
  returned: success
  type: dict
  sample:
    id: 3b2f6c1e-8d4a-4f0b-9e7c-1a2b3c4d5e6f
    pattern: partner.example
    is_regex: false
    is_similarity: true
    is_recent: false
    comments: CHG-1234
"""

from ansible_collections.cloudflare_community.email_security.plugins.module_utils._kind_entry import run_entry_module
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._trusted_domain import TRUSTED_DOMAIN


def main():
    run_entry_module(TRUSTED_DOMAIN)


if __name__ == "__main__":
    main()
