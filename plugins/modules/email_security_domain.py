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
  - Creates, updates and removes domains protected by Cloudflare Email Security.
  - Finds the domain by O(domain_id), or by its name O(domain), reads its settings, compares them with the ones the
    task sets, and changes only those that differ, with one C(PATCH) request.
  - Settings the task leaves unset are left alone. Nothing is sent when nothing differs, and nothing is written in
    check mode.
  - With O(state=present), a domain that does not exist is created (when it is identified by O(domain)); with
    O(state=absent), an existing domain is removed.
  - Lists are compared as sets (order and duplicates never count), IP networks in their canonical form (a bare
    address equals its /32 or /128), and values read from the API case-insensitively where the API has a fixed set of
    spellings.
author:
  - Email Security collection maintainers (@cloudflare-community)
extends_documentation_fragment:
  - cloudflare_community.email_security.attributes
  - cloudflare_community.email_security.connection
  - cloudflare_community.email_security.settings
attributes:
  check_mode:
    description: Can run in check mode and return the predicted domain without writing anything.
    support: full
  diff_mode:
    description:
      - Returns the managed settings before and after an update.
      - For a creation, before is empty and after holds the settings sent; for a removal, before is the domain and
        after is empty.
    support: full
options:
  domain_id:
    description:
      - The identifier of the protected domain (a uuid, or a positive integer for domains of older API generations),
        as the Cloudflare dashboard or the API shows it.
      - If not set, O(domain) identifies the domain; exactly one domain of the account may have that name.
      - One of O(domain_id) and O(domain) is required.
    type: str
  state:
    description:
      - V(present) makes sure the domain exists with the settings the task sets. A domain identified by O(domain)
        that does not exist is created, which needs O(domain), O(allowed_delivery_modes), O(ip_restrictions),
        O(drop_dispositions) and O(regions).
      - V(absent) removes the domain if it exists. Settings other than O(domain_id) and O(domain) are ignored.
    type: str
    choices: [present, absent]
    default: present
  domain:
    description:
      - The domain name. Compared case-insensitively and without a trailing dot.
      - Internationalised names are compared and sent in their IDNA form, so V(bücher.example) and
        V(xn--bcher-kva.example) are the same domain.
      - Without O(domain_id), it identifies the domain among all the domains of the account.
      - With O(domain_id), it must be that domain's name. A protected domain cannot be renamed (Cloudflare fixes the
        name when the domain is created); the task fails before writing anything. To protect another name, remove the
        domain and create the new one.
    type: str
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

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.cloudflare_community.email_security.plugins.module_utils._api import CloudflareApiError
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._connection import (
    client_from_module,
    connection_argument_spec,
    fail_on_api_error,
)
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._domain import (
    DOMAIN_ID,
    DOMAIN_NAME,
    REQUIRED_TO_CREATE,
    changed_settings,
    current_settings,
    desired_settings,
    predicted_domain,
    settings_argument_spec,
)
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._domains_api import DomainsApi
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._resource import (
    InvalidValue,
)


def argument_spec():
    spec = connection_argument_spec()
    spec.update(
        domain_id=dict(type="str"),
        state=dict(type="str", default="present", choices=["present", "absent"]),
    )
    spec.update(settings_argument_spec())
    return spec


class DomainTask:
    """One run of the module: find the domain, then create, update or remove it."""

    def __init__(self, module, api, domain_id, desired):
        self.module = module
        self.api = api
        self.desired = desired
        self.domain_id = domain_id
        self.name = desired.get("domain")
        self.action = "looking up Email Security domain %s" % (self.domain_id or self.name)

    def run(self):
        state = self.module.params["state"]
        if state == "present" and self.domain_id:
            return self.update(self.api.get(self.domain_id))
        current = self.find()
        if state == "absent":
            return self.remove(current)
        if current is None:
            return self.create()
        return self.update(current)

    def find(self):
        if self.domain_id:
            return self.api.get_or_none(self.domain_id)
        matches = self.api.find_by_name(self.name)
        if len(matches) > 1:
            self.module.fail_json(
                msg="%d Email Security domains of account %s are named %s (ids: %s); set domain_id to choose one"
                % (len(matches), self.api.account_id, self.name, ", ".join(str(match["id"]) for match in matches))
            )
        return matches[0] if matches else None

    def update(self, domain):
        self.domain_id = str(domain["id"])
        self.refuse_rename(domain)
        self.action = "updating Email Security domain %s" % self.domain_id
        wanted = dict((name, value) for name, value in self.desired.items() if name != "domain")
        current = current_settings(domain, wanted)
        changes = changed_settings(wanted, current)
        result = dict(changed=bool(changes), domain=domain)
        if changes and self.module.check_mode:
            result["domain"] = predicted_domain(domain, changes)
        elif changes:
            updated = self.api.update(self.domain_id, changes)
            for name, reported in current_settings(updated, changes).items():
                if reported != changes[name]:
                    self.module.warn("Cloudflare accepted the change of %s but reports %r instead of %r" % (name, reported, changes[name]))
            result["domain"] = updated
        return self.with_diff(result, current, wanted)

    def other_name(self, domain):
        """The domain's name if the task names the domain otherwise, else None."""
        actual = DOMAIN_NAME.from_api(domain.get("domain"))
        return actual if self.name is not None and actual != self.name else None

    def refuse_rename(self, domain):
        """The API cannot rename a domain (the name is fixed at creation); say so before writing anything."""
        actual = self.other_name(domain)
        if actual:
            self.module.fail_json(
                msg="Email Security domain %s is named %s, not %s, and a protected domain cannot be renamed. To "
                "protect %s instead, remove %s (state: absent) and create %s (state: present, without domain_id)"
                % (self.domain_id, actual, self.name, self.name, actual, self.name)
            )

    def create(self):
        missing = [name for name in REQUIRED_TO_CREATE if name not in self.desired]
        if missing:
            self.module.fail_json(
                msg="Email Security domain %s does not exist in account %s; to create it, also set %s "
                "(creating a domain needs %s)" % (self.name, self.api.account_id, ", ".join(missing), ", ".join(REQUIRED_TO_CREATE))
            )
        self.action = "creating Email Security domain %s" % self.name
        created = dict(self.desired) if self.module.check_mode else self.api.create(self.desired)
        return self.with_diff(dict(changed=True, domain=created), {}, self.desired)

    def remove(self, domain):
        if domain is None:
            return self.with_diff(dict(changed=False, domain={}), {}, {})
        self.domain_id = str(domain["id"])
        actual = self.other_name(domain)
        if actual:
            self.module.fail_json(msg="Email Security domain %s is named %s, not %s; nothing was removed" % (self.domain_id, actual, self.name))
        self.action = "removing Email Security domain %s" % self.domain_id
        removed = True if self.module.check_mode else self.api.delete(self.domain_id)
        return self.with_diff(dict(changed=removed, domain={}), domain if removed else {}, {})

    def with_diff(self, result, before, after):
        if self.module._diff:
            result["diff"] = dict(before=before, after=after)
        return result


def main():
    module = AnsibleModule(argument_spec=argument_spec(), required_one_of=[("domain_id", "domain")], supports_check_mode=True)
    try:
        domain_id = DOMAIN_ID.from_task(module.params["domain_id"]) if module.params["domain_id"] is not None else None
        desired = desired_settings(module.params)
    except InvalidValue as exc:
        module.fail_json(msg=str(exc))
    api = DomainsApi(client_from_module(module), module.params["account_id"])
    task = DomainTask(module, api, domain_id, desired)
    try:
        result = task.run()
    except CloudflareApiError as error:
        fail_on_api_error(
            module, error, action=task.action, not_found="Email Security domain %s was not found in account %s" % (task.domain_id or task.name, api.account_id)
        )
    module.exit_json(**result)


if __name__ == "__main__":
    main()
