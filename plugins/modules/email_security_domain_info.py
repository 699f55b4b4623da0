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
  - Reads one protected domain by O(domain_id), or lists the domains of the account, optionally filtered.
  - Follows every page of the list transparently, ordered by domain name.
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
  domain_id:
    description:
      - The identifier of one domain to read (a uuid, or a positive integer for older domains). RV(domains) is empty
        when no domain has that identifier.
      - Cannot be combined with the list filters.
    type: str
  domain:
    description:
      - Only domains with these names. Compared case-insensitively, without a trailing dot and in IDNA form.
      - Matched by the module among all the domains of the account, so that the result does not depend on how the API's
        name filter treats case.
    type: list
    elements: str
  allowed_delivery_mode:
    description:
      - Only domains that allow this delivery mode.
    type: str
    choices: [DIRECT, BCC, JOURNAL, API, RETRO_SCAN]
  active_delivery_mode:
    description:
      - Only domains whose active delivery mode is this one.
    type: str
    choices: [DIRECT, BCC, JOURNAL, API, RETRO_SCAN]
  integration_id:
    description:
      - Only domains tied to this integration (a uuid).
    type: str
  status:
    description:
      - Only domains with this status, V(PENDING), V(ACTIVE), V(FAILED) or V(TIMEOUT), in any case (it is sent in upper
        case, as the API spells it).
    type: str
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
"""

from ansible_collections.cloudflare_community.email_security.plugins.module_utils._domain import DOMAIN
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._kind_info import run_info_module


def main():
    run_info_module(DOMAIN)


if __name__ == "__main__":
    main()
