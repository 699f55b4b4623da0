#!/usr/bin/python
# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: email_security_domain_info
short_description: List Cloudflare Email Security protected domains, or read one
version_added: 1.0.0
description:
  - "Reads protected domains: one by id, or the account's list, narrowed by the API's filters."
author:
  - Email Security collection maintainers (@cloudflare-community)
extends_documentation_fragment:
  - cloudflare_community.email_security.attributes
  - cloudflare_community.email_security.connection
  - cloudflare_community.email_security.kinds.info
  - cloudflare_community.email_security.domain.info
seealso:
  - module: cloudflare_community.email_security.email_security_domain
    description: Create, update and remove a protected domain.
  - name: List protected email domains (Cloudflare API)
    description: The API call this module makes.
    link: https://developers.cloudflare.com/api/resources/email_security/subresources/settings/subresources/domains/methods/list/
"""

EXAMPLES = r"""
# Credentials and the account come from the environment:
# CLOUDFLARE_API_TOKEN and CLOUDFLARE_ACCOUNT_ID.
- name: List every protected domain of the account
  cloudflare_community.email_security.email_security_domain_info:
  register: all_domains

- name: Show the domains that do not require inbound TLS yet
  ansible.builtin.debug:
    msg: "{{ all_domains.domains | rejectattr('require_tls_inbound') | map(attribute='domain') | list }}"

- name: Read two domains by name
  cloudflare_community.email_security.email_security_domain_info:
    domain: [example.com, example.net]
  register: two

- name: List the active domains that allow BCC delivery
  cloudflare_community.email_security.email_security_domain_info:
    status: ACTIVE
    allowed_delivery_mode: BCC
  register: bcc_domains
"""

RETURN = r"""
domains:
  description:
    - The domains found, ordered by domain name, each as the API returns it (the same shape as the C(domain) returned by
      M(cloudflare_community.email_security.email_security_domain)).
  returned: success
  type: list
  elements: dict
  sample:
    - id: f174e90a-fafe-4643-bbbc-4a0ed4fc8415
      domain: example.com
      allowed_delivery_modes: [DIRECT]
      drop_dispositions: [MALICIOUS]
      folder: AllItems
      ip_restrictions: [192.0.2.0/24]
      lookback_hops: 2
      regions: [GLOBAL]
      require_tls_inbound: true
      require_tls_outbound: false
      status: ACTIVE
entries:
  description:
    - The same domains, each with only the settings a task can set (its name among them), in the form the entries of
      O(cloudflare_community.email_security.email_security_domains#module:domains) take, so that the settings of an
      account's domains can be exported to variables and applied again.
    - Settings the API reports as null are left out.
  returned: success
  type: list
  elements: dict
  version_added: 1.2.0
  sample:
    - domain: example.com
      allowed_delivery_modes: [DIRECT]
      lookback_hops: 2
"""

from ansible_collections.cloudflare_community.email_security.plugins.module_utils._domain import DOMAIN
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._kind_info import run_info_module


def main():
    run_info_module(DOMAIN)


if __name__ == "__main__":
    main()
