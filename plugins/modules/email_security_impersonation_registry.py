#!/usr/bin/python
# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: email_security_impersonation_registry
short_description: Manage one Cloudflare Email Security impersonation registry entry
version_added: 1.1.0
description:
  - "Creates, updates and removes an impersonation registry entry: a display name and address protected against
    impersonation (the VIP list)."
  - Entries synced from a directory (C(provenance) other than V(A1S_INTERNAL)) are read but never changed or removed;
    a task that would change or remove one fails before writing and says why. Their directory fields (C(directory_id),
    C(directory_node_id), C(external_directory_node_id)) and C(provenance) are returned, never set.
author:
  - Email Security collection maintainers (@cloudflare-community)
extends_documentation_fragment:
  - cloudflare_community.email_security.attributes
  - cloudflare_community.email_security.connection
  - cloudflare_community.email_security.kinds.entry
  - cloudflare_community.email_security.impersonation_registry
  - cloudflare_community.email_security.impersonation_registry.entry
seealso:
  - module: cloudflare_community.email_security.email_security_impersonation_registry_info
    description: Read impersonation registry entries.
  - name: Whole account as code
    description: The collection's guide to applying every setting of an account in one play.
    link: https://github.com/cloudflare-community/ansible-collection-email-security/blob/main/docs/docsite/rst/guide_account_as_code.rst
"""

EXAMPLES = r"""
- name: Make sure the impersonation registry entry exists as described
  cloudflare_community.email_security.email_security_impersonation_registry:
    email: ceo@example.com
    name: Jane Doe
    comments: CEO

- name: Stop protecting the address
  cloudflare_community.email_security.email_security_impersonation_registry:
    email: ceo@example.com
    state: absent
"""

RETURN = r"""
impersonation_registry:
  description:
    - The impersonation registry entry as the API returned it after the change, or as it is when nothing changed.
    - In check mode, as it is predicted to be. Empty after a removal.
  returned: success
  type: dict
  sample:
    id: 9c8b7a65-4321-4fed-8cba-0987654321fe
    email: ceo@example.com
    name: Jane Doe
    is_email_regex: false
    provenance: A1S_INTERNAL
    comments: CEO
    directory_id: null
    directory_node_id: null
"""

from ansible_collections.cloudflare_community.email_security.plugins.module_utils._impersonation_registry import IMPERSONATION_REGISTRY
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._kind_entry import run_entry_module


def main():
    run_entry_module(IMPERSONATION_REGISTRY)


if __name__ == "__main__":
    main()
