#!/usr/bin/python
# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: email_security_domain
short_description: Manage the settings of a Cloudflare Email Security protected domain
version_added: 1.0.0
description:
  - Reads the settings of a domain protected by Cloudflare Email Security, compares them with the ones the task sets,
    and changes only those that differ, with one C(PATCH) request.
  - Settings the task leaves unset are left alone. Nothing is sent when nothing differs, and nothing is written in
    check mode.
  - Lists are compared as sets (order and duplicates never count), IP networks in their canonical form (a bare
    address equals its /32 or /128), and values read from the API case-insensitively where the API has a fixed set of
    spellings.
author:
  - Email Security collection maintainers (@cloudflare-community)
extends_documentation_fragment:
  - cloudflare_community.email_security.connection
attributes:
  check_mode:
    description: Can run in check mode and return the predicted domain without writing anything.
    support: full
  diff_mode:
    description: Returns the managed settings before and after the change.
    support: full
  platform:
    description: Runs wherever the task runs (usually V(localhost)); it only talks to the Cloudflare API.
    platforms: all
    support: full
options:
  domain_id:
    description:
      - The identifier of the protected domain (a uuid), as the Cloudflare dashboard or the API shows it.
    type: str
    required: true
  allowed_delivery_modes:
    description:
      - The delivery modes the domain may use.
    type: list
    elements: str
    choices: [DIRECT, BCC, JOURNAL, API, RETRO_SCAN]
  domain:
    description:
      - The domain name. Compared case-insensitively and without a trailing dot.
      - A different name renames the domain, if Cloudflare allows it.
    type: str
  drop_dispositions:
    description:
      - The dispositions for which messages are dropped.
    type: list
    elements: str
    choices: [MALICIOUS, MALICIOUS-BEC, SUSPICIOUS, SPOOF, SPAM, BULK, ENCRYPTED, EXTERNAL, UNKNOWN, NONE]
  folder:
    description:
      - The mailbox folder that is scanned.
    type: str
    choices: [AllItems, Inbox]
  integration_id:
    description:
      - The uuid of the integration the domain is tied to.
    type: str
  ip_restrictions:
    description:
      - The IPv4 and IPv6 networks or addresses mail for the domain may come from, such as V(192.0.2.0/24) or
        V(2001:db8::/32).
      - A bare address means its /32 or /128. A network with host bits set (V(192.0.2.1/24)) is an error.
      - An empty list removes every restriction.
    type: list
    elements: str
  lookback_hops:
    description:
      - How many hops back in the C(Received) headers to look for the sending IP address, from 1 to 20.
    type: int
  regions:
    description:
      - The regions where mail for the domain is processed.
    type: list
    elements: str
    choices: [GLOBAL, AU, DE, IN, US]
  require_tls_inbound:
    description:
      - Whether inbound mail must arrive over TLS.
    type: bool
  require_tls_outbound:
    description:
      - Whether outbound mail must leave over TLS.
    type: bool
  transport:
    description:
      - The transport (next hop) that mail for the domain is delivered to.
    type: str
seealso:
  - name: Update an email domain (Cloudflare API)
    description: The API call this module makes.
    link: https://developers.cloudflare.com/api/resources/email_security/subresources/settings/subresources/domains/methods/edit/
  - name: Cloudflare Email Security
    description: The product documentation.
    link: https://developers.cloudflare.com/email-security/
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

- name: Set the credentials once for every task of a play
  hosts: localhost
  gather_facts: false
  module_defaults:
    cloudflare_community.email_security.email_security_domain:
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
  returned: success
  type: dict
  contains:
    id:
      description: The domain identifier.
      type: str
      sample: f174e90a-fafe-4643-bbbc-4a0ed4fc8415
    domain:
      description: The domain name.
      type: str
      sample: example.com
    allowed_delivery_modes:
      description: The delivery modes the domain may use.
      type: list
      elements: str
      sample: [DIRECT]
    drop_dispositions:
      description: The dispositions for which messages are dropped.
      type: list
      elements: str
      sample: [MALICIOUS, SPOOF]
    folder:
      description: The scanned folder.
      type: str
      sample: AllItems
    integration_id:
      description: The integration the domain is tied to.
      type: str
      sample: 182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e
    ip_restrictions:
      description: The networks mail may come from.
      type: list
      elements: str
      sample: [192.0.2.0/24, 2001:db8::/32]
    lookback_hops:
      description: How many C(Received) hops are examined.
      type: int
      sample: 2
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
    transport:
      description: The delivery transport.
      type: str
      sample: mx.example.com
    status:
      description: The domain's status, such as V(pending) or V(active).
      type: str
      sample: active
    created_at:
      description: When the domain was added.
      type: str
      sample: "2026-01-01T05:20:00.12345Z"
    modified_at:
      description: When the domain was last changed.
      type: str
      sample: "2026-01-01T05:20:00.12345Z"
"""

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.cloudflare_community.email_security.plugins.module_utils._api import (
    CloudflareApiError,
    path_segment,
)
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._connection import (
    account_path,
    client_from_module,
    connection_argument_spec,
    fail_on_api_error,
)
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._domain import (
    InvalidValue,
    changed_settings,
    current_settings,
    desired_settings,
    predicted_domain,
    settings_argument_spec,
)


def argument_spec():
    spec = connection_argument_spec()
    spec.update(domain_id=dict(type="str", required=True))
    spec.update(settings_argument_spec())
    return spec


def update_domain(module, client, path, desired):
    """GET, compare, and PATCH only what differs; return the module result."""
    domain = client.get(path) or {}
    current = current_settings(domain, desired)
    changes = changed_settings(desired, current)
    result = dict(changed=bool(changes), domain=domain)
    if changes and module.check_mode:
        result["domain"] = predicted_domain(domain, changes)
    elif changes:
        updated = client.patch(path, changes) or {}
        for name, reported in current_settings(updated, changes).items():
            if reported != changes[name]:
                module.warn("Cloudflare accepted the change of %s but reports %r instead of %r"
                            % (name, reported, changes[name]))
        result["domain"] = updated
    if module._diff:
        result["diff"] = dict(before=current, after=desired)
    return result


def main():
    module = AnsibleModule(argument_spec=argument_spec(), supports_check_mode=True)
    domain_id = module.params["domain_id"].strip()
    if not domain_id:
        module.fail_json(msg="domain_id must not be empty")
    try:
        desired = desired_settings(module.params)
    except InvalidValue as exc:
        module.fail_json(msg=str(exc))
    client = client_from_module(module)
    path = account_path(module.params, "email-security", "settings", "domains", path_segment(domain_id))
    try:
        result = update_domain(module, client, path, desired)
    except CloudflareApiError as error:
        fail_on_api_error(
            module, error,
            action="updating Email Security domain %s" % domain_id,
            not_found="Email Security domain %s was not found in account %s" % (domain_id, module.params["account_id"]))
    module.exit_json(**result)


if __name__ == "__main__":
    main()
