#!/usr/bin/python
# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: email_security_domains
short_description: Apply settings to many Cloudflare Email Security protected domains in one task
version_added: 1.0.0
description:
  - Applies settings to many existing protected domains in one task, with a handful of requests whatever their number.
author:
  - Email Security collection maintainers (@cloudflare-community)
extends_documentation_fragment:
  - cloudflare_community.email_security.attributes
  - cloudflare_community.email_security.connection
  - cloudflare_community.email_security.kinds.bulk
  - cloudflare_community.email_security.domain.bulk
seealso:
  - module: cloudflare_community.email_security.email_security_domain
    description: Manage one domain, including creating and removing it.
  - module: cloudflare_community.email_security.email_security_domain_info
    description: List protected domains.
  - name: Batch domain operations (Cloudflare API)
    description: The API call this module writes with.
    link: https://developers.cloudflare.com/api/resources/email_security/subresources/settings/subresources/domains/methods/batch/
"""

EXAMPLES = r"""
# Credentials and the account come from the environment:
# CLOUDFLARE_API_TOKEN and CLOUDFLARE_ACCOUNT_ID.
- name: Require TLS both ways on three domains, and look back two hops on one of them
  cloudflare_community.email_security.email_security_domains:
    require_tls_inbound: true
    require_tls_outbound: true
    domains:
      - domain: example.com
      - domain: example.net
        lookback_hops: 2
      - domain_id: 9d2f5b1a-3c4e-4f60-8a7b-1c2d3e4f5a6b

- name: List every active domain of the account
  cloudflare_community.email_security.email_security_domain_info:
    status: ACTIVE
  register: active

- name: Drop spoofed mail on all of them, in one task (dict_kv is a filter of community.general)
  cloudflare_community.email_security.email_security_domains:
    drop_dispositions: [MALICIOUS, MALICIOUS-BEC, SPOOF]
    domains: "{{ active.domains | map(attribute='id') | map('community.general.dict_kv', 'domain_id') | list }}"
"""

RETURN = r"""
domains:
  description:
    - One domain object per entry of O(domains), in the same order, as the API returned it after the change, or as it is
      when nothing changed for it.
    - In check mode, the domains as they are predicted to be after the change.
  returned: success
  type: list
  elements: dict
  sample:
    - id: f174e90a-fafe-4643-bbbc-4a0ed4fc8415
      domain: example.com
      require_tls_inbound: true
      require_tls_outbound: true
updated:
  description:
    - When a batch call failed, the ids of the domains that earlier batches updated.
  returned: failure of a batch call
  type: list
  elements: str
not_updated:
  description:
    - When a batch call failed, the ids of the domains of later batches, which were not sent.
  returned: failure of a batch call
  type: list
  elements: str
maybe_updated:
  description:
    - When a batch call failed, the ids of the domains of that batch; Cloudflare may have applied some of them.
  returned: failure of a batch call
  type: list
  elements: str
changes:
  description:
    - The settings sent (or, in check mode, that would be sent) for each domain that changes.
  returned: success
  type: list
  elements: dict
  contains:
    id:
      description: The domain identifier.
      type: str
    domain:
      description: The domain name.
      type: str
    changes:
      description: The settings that differ, with the values sent.
      type: dict
  sample:
    - id: f174e90a-fafe-4643-bbbc-4a0ed4fc8415
      domain: example.com
      changes:
        require_tls_outbound: true
"""

from ansible_collections.cloudflare_community.email_security.plugins.module_utils._domain import DOMAIN
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._kind_bulk import run_bulk_module


def main():
    run_bulk_module(DOMAIN)


if __name__ == "__main__":
    main()
