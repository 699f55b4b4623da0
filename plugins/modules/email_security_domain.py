#!/usr/bin/python
# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: email_security_domain
short_description: Manage a Cloudflare Email Security protected domain
version_added: 1.0.0
description:
  - "Creates, updates and removes a domain protected by Cloudflare Email Security: the settings that decide how its
    mail is received, scanned and delivered."
author:
  - Email Security collection maintainers (@cloudflare-community)
extends_documentation_fragment:
  - cloudflare_community.email_security.attributes
  - cloudflare_community.email_security.connection
  - cloudflare_community.email_security.kinds.entry
  - cloudflare_community.email_security.domain
  - cloudflare_community.email_security.domain.entry
seealso:
  - name: Update an email domain (Cloudflare API)
    description: The API call this module makes.
    link: https://developers.cloudflare.com/api/resources/email_security/subresources/settings/subresources/domains/methods/edit/
  - name: Cloudflare Email Security
    description: The product documentation.
    link: https://developers.cloudflare.com/email-security/
  - module: cloudflare_community.email_security.email_security_domain_info
    description: List protected domains, or read one.
"""

EXAMPLES = r"""
# Credentials and the account come from the environment:
# CLOUDFLARE_API_TOKEN and CLOUDFLARE_ACCOUNT_ID.
- name: Require TLS both ways and drop malicious mail
  cloudflare_community.email_security.email_security_domain:
    domain_id: f174e90a-fafe-4643-bbbc-4a0ed4fc8415
    require_tls_inbound: true
    require_tls_outbound: true
    drop_dispositions:
      - MALICIOUS
      - MALICIOUS-BEC
      - SPOOF

- name: Only accept mail from the gateway's networks
  cloudflare_community.email_security.email_security_domain:
    domain_id: f174e90a-fafe-4643-bbbc-4a0ed4fc8415
    ip_restrictions:
      - 192.0.2.0/24
      - 2001:db8::/32

- name: Find the domain by its name instead of its id
  cloudflare_community.email_security.email_security_domain:
    domain: example.com
    folder: Inbox

- name: Protect a new domain (created if no domain has that name)
  cloudflare_community.email_security.email_security_domain:
    domain: example.net
    allowed_delivery_modes: [DIRECT]
    ip_restrictions: []
    drop_dispositions: [MALICIOUS, SPOOF]
    regions: [GLOBAL]

- name: Stop protecting a domain
  cloudflare_community.email_security.email_security_domain:
    domain: example.org
    state: absent

- name: Set the credentials once for every module of the collection
  hosts: localhost
  gather_facts: false
  module_defaults:
    group/cloudflare_community.email_security.email_security:
      account_id: "{{ cloudflare_account_id }}"
      api_token: "{{ vault_cloudflare_api_token }}"
  tasks:
    - name: Look back three hops for the sending address
      cloudflare_community.email_security.email_security_domain:
        domain_id: f174e90a-fafe-4643-bbbc-4a0ed4fc8415
        lookback_hops: 3
"""

RETURN = r"""
domain:
  description:
    - The domain as the API returned it after the change, or as it is when nothing changed.
    - In check mode, the domain as it is predicted to be after the change.
    - Empty after a removal, and when O(state=absent) found nothing to remove.
    - Every field that the API returns for a domain is passed on as it is; those below are the ones the API documents.
  returned: success
  type: dict
  contains:
    id:
      description: The domain identifier; a string (older API generations used integers).
      type: str
      sample: f174e90a-fafe-4643-bbbc-4a0ed4fc8415
    domain:
      description: The domain name. It cannot change after the domain is created.
      type: str
      sample: example.com
    allowed_delivery_modes:
      description: The delivery modes the domain may use.
      type: list
      elements: str
      sample: [DIRECT]
    authorization:
      description: Whether the domain is authorized, since when, and why not.
      type: dict
      sample: {authorized: true, timestamp: "2026-01-01T05:20:00.12345Z", status_message: null}
    created_at:
      description: When the domain was added.
      type: str
      sample: "2026-01-01T05:20:00.12345Z"
    dmarc_status:
      description: The state of the domain's DMARC record, V(none), V(good) or V(invalid).
      type: str
      sample: good
    drop_dispositions:
      description: The dispositions for which messages are dropped.
      type: list
      elements: str
      sample: [MALICIOUS, SPOOF]
    emails_processed:
      description: How many messages were processed, now and in the previous period, and when this was counted.
      type: dict
      sample: {timestamp: "2026-01-01T05:20:00.12345Z", total_emails_processed: 1200, total_emails_processed_previous: 950}
    folder:
      description: The scanned folder, V(AllItems) or V(Inbox); null when not set.
      type: str
      sample: AllItems
    inbox_provider:
      description: The mailbox provider, V(Microsoft) or V(Google); null when unknown.
      type: str
      sample: Microsoft
    integration_id:
      description: The integration the domain is tied to; null when none.
      type: str
      sample: 182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e
    ip_restrictions:
      description: The networks mail may come from.
      type: list
      elements: str
      sample: [192.0.2.0/24, 2001:db8::/32]
    last_modified:
      description:
        - Deprecated by Cloudflare in favour of RV(domain.modified_at), with an end of life on 2026-11-01; it may be
          missing. Nothing in this collection uses it.
      type: str
      sample: "2026-01-01T05:20:00.12345Z"
    lookback_hops:
      description: How many C(Received) hops are examined.
      type: int
      sample: 2
    modified_at:
      description: When the domain was last changed.
      type: str
      sample: "2026-01-01T05:20:00.12345Z"
    o365_tenant_id:
      description: The Microsoft 365 tenant of the domain; null when none.
      type: str
      sample: 6a8c2b1e-0d4f-4e3a-9b7c-5d2e1f0a3b4c
    regions:
      description: The processing regions.
      type: list
      elements: str
      sample: [GLOBAL]
    require_tls_inbound:
      description: Whether inbound mail must use TLS.
      type: bool
      sample: true
    require_tls_outbound:
      description: Whether outbound mail must use TLS.
      type: bool
      sample: true
    spf_status:
      description: The state of the domain's SPF record, V(none), V(good), V(neutral), V(open) or V(invalid).
      type: str
      sample: good
    status:
      description: The domain's status, V(PENDING), V(ACTIVE), V(FAILED) or V(TIMEOUT).
      type: str
      sample: ACTIVE
    transport:
      description: The delivery transport.
      type: str
      sample: mx.example.com
"""

from ansible_collections.cloudflare_community.email_security.plugins.module_utils._domain import DOMAIN
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._kind_entry import run_entry_module


def main():
    run_entry_module(DOMAIN)


if __name__ == "__main__":
    main()
