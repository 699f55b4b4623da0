#!/usr/bin/python
# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: email_security_sending_domain_restriction
short_description: Manage one Cloudflare Email Security sending domain restriction
version_added: 1.1.0
description:
  - "Creates, updates and removes a sending domain restriction: a domain whose mail must be sent over TLS, with the
    subdomains exempt from it."
author:
  - Email Security collection maintainers (@cloudflare-community)
extends_documentation_fragment:
  - cloudflare_community.email_security.attributes
  - cloudflare_community.email_security.connection
  - cloudflare_community.email_security.kinds.entry
  - cloudflare_community.email_security.sending_domain_restriction
  - cloudflare_community.email_security.sending_domain_restriction.entry
seealso:
  - module: cloudflare_community.email_security.email_security_sending_domain_restriction_info
    description: Read sending domain restrictions.
  - name: Whole account as code
    description: The collection's guide to applying every setting of an account in one play.
    link: https://github.com/cloudflare-community/ansible-collection-email-security/blob/main/docs/docsite/rst/guide_account_as_code.rst
"""

EXAMPLES = r"""
- name: Make sure the sending domain restriction exists as described
  cloudflare_community.email_security.email_security_sending_domain_restriction:
    domain: example.com
    exclude: [legacy.example.com]

- name: Lift the restriction
  cloudflare_community.email_security.email_security_sending_domain_restriction:
    domain: example.com
    state: absent
"""

RETURN = r"""
sending_domain_restriction:
  description:
    - The sending domain restriction as the API returned it after the change, or as it is when nothing changed.
    - In check mode, as it is predicted to be. Empty after a removal.
  returned: success
  type: dict
  sample:
    id: 0f1e2d3c-4b5a-4697-8877-665544332211
    domain: example.com
    exclude: [legacy.example.com]
    comments: null
"""

from ansible_collections.cloudflare_community.email_security.plugins.module_utils._kind_entry import run_entry_module
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._sending_domain_restriction import SENDING_DOMAIN_RESTRICTION


def main():
    run_entry_module(SENDING_DOMAIN_RESTRICTION)


if __name__ == "__main__":
    main()
