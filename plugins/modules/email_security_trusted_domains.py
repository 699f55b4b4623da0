#!/usr/bin/python
# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: email_security_trusted_domains
short_description: Manage the Cloudflare Email Security trusted domains as one list
version_added: 1.1.0
description:
  - Manages every trusted domain of an account in one task, written with batch calls.
author:
  - Email Security collection maintainers (@cloudflare-community)
extends_documentation_fragment:
  - cloudflare_community.email_security.attributes
  - cloudflare_community.email_security.connection
  - cloudflare_community.email_security.kinds.list
  - cloudflare_community.email_security.trusted_domain.list
seealso:
  - module: cloudflare_community.email_security.email_security_trusted_domain
    description: Manage one trusted domain.
  - module: cloudflare_community.email_security.email_security_trusted_domain_info
    description: Read and export the trusted domains.
"""

EXAMPLES = r"""
- name: The trusted domains, as reviewed in the repository
  cloudflare_community.email_security.email_security_trusted_domains:
    entries: "{{ trusted_domains }}"
    purge: true

- name: Add or update these, and leave the others alone
  cloudflare_community.email_security.email_security_trusted_domains:
    entries:
      - pattern: partner.example
        is_similarity: true
        is_recent: false
      - pattern: new-supplier.example
        is_similarity: false
        is_recent: true
"""

RETURN = r"""
created:
  description: The trusted domains created (in check mode, the bodies that would be sent).
  returned: success
  type: list
  elements: dict
updated:
  description: The trusted domains changed, as the API returned them (in check mode, as they are predicted to be).
  returned: success
  type: list
  elements: dict
removed:
  description: The trusted domains removed (in check mode, those that would be), as they were.
  returned: success
  type: list
  elements: dict
applied:
  description: When a batch call failed, how many creations, changes and removals earlier calls applied.
  returned: failure
  type: int
maybe_applied:
  description: When a batch call failed, how many operations the failed call held (Cloudflare may have applied some).
  returned: failure
  type: int
not_applied:
  description: When a batch call failed, how many operations were never sent.
  returned: failure
  type: int
"""

from ansible_collections.cloudflare_community.email_security.plugins.module_utils._kind_list import run_list_module
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._trusted_domain import TRUSTED_DOMAIN


def main():
    run_list_module(TRUSTED_DOMAIN)


if __name__ == "__main__":
    main()
