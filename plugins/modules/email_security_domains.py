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
  - Brings many existing protected domains to the settings the task describes, with a handful of requests whatever
    their number.
  - Reads the account's domains with the list endpoint (pages of 1000), compares each listed domain with its desired
    settings exactly as M(cloudflare_community.email_security.email_security_domain) does, and sends all the changes
    in C(POST .../domains/batch) calls of at most 1000 patches each.
  - The settings given at the top level of the task apply to every entry of O(domains) that does not set them itself.
  - Settings left unset are left alone. Nothing is sent when nothing differs, and nothing is written in check mode.
  - Every entry of O(domains) must match exactly one existing domain; otherwise the task fails before writing anything.
    To create, rename or remove domains, use M(cloudflare_community.email_security.email_security_domain).
author:
  - Email Security collection maintainers (@cloudflare-community)
extends_documentation_fragment:
  - cloudflare_community.email_security.connection
  - cloudflare_community.email_security.settings
attributes:
  check_mode:
    description: Can run in check mode and return the predicted domains without writing anything.
    support: full
  diff_mode:
    description: Returns, for each domain that changes, its managed settings before and after.
    support: full
  platform:
    description: Runs wherever the task runs (usually V(localhost)); it only talks to the Cloudflare API.
    platforms: all
    support: full
options:
  domains:
    description:
      - The domains to manage, each identified by O(domains[].domain_id) or by its name O(domains[].domain), with the
        settings it should have.
      - A setting given here wins over the same setting given for all domains at the top level of the task.
    type: list
    elements: dict
    required: true
    suboptions:
      domain_id:
        description:
          - The identifier of the domain. One of O(domains[].domain_id) and O(domains[].domain) is required.
        type: str
      domain:
        description:
          - The name of the domain, compared case-insensitively and without a trailing dot. Exactly one domain of the
            account must have it.
          - With O(domains[].domain_id), it must be that domain's name.
        type: str
      allowed_delivery_modes:
        description: The delivery modes the domain may use.
        type: list
        elements: str
        choices: [DIRECT, BCC, JOURNAL, API, RETRO_SCAN]
      drop_dispositions:
        description: The dispositions for which messages are dropped.
        type: list
        elements: str
        choices: [MALICIOUS, MALICIOUS-BEC, SUSPICIOUS, SPOOF, SPAM, BULK, ENCRYPTED, EXTERNAL, UNKNOWN, NONE]
      folder:
        description: The mailbox folder that is scanned.
        type: str
        choices: [AllItems, Inbox]
      integration_id:
        description: The uuid of the integration the domain is tied to.
        type: str
      ip_restrictions:
        description:
          - The IPv4 and IPv6 networks or addresses mail for the domain may come from. A bare address means its /32 or
            /128.
        type: list
        elements: str
      lookback_hops:
        description: How many C(Received) hops to look back for the sending address, from 1 to 20.
        type: int
      regions:
        description: The regions where mail for the domain is processed.
        type: list
        elements: str
        choices: [GLOBAL, AU, DE, IN, US]
      require_tls_inbound:
        description: Whether inbound mail must arrive over TLS.
        type: bool
      require_tls_outbound:
        description: Whether outbound mail must leave over TLS.
        type: bool
      transport:
        description: The transport (next hop) that mail for the domain is delivered to.
        type: str
seealso:
  - module: cloudflare_community.email_security.email_security_domain
    description: Manage one domain, including creating, renaming and removing it.
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
    status: active
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

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.cloudflare_community.email_security.plugins.module_utils._api import CloudflareApiError
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._connection import (
    client_from_module,
    connection_argument_spec,
    fail_on_api_error,
)
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._domain import (
    SETTINGS_BY_NAME,
    InvalidValue,
    changed_settings,
    current_settings,
    desired_settings,
    predicted_domain,
    settings_argument_spec,
)
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._domains_api import DomainsApi

# Names are looked up with the list filter when there are this few of them; otherwise all domains are listed.
NAME_FILTER_LIMIT = 50
NOT_IN_BULK = ("domain",)


def argument_spec():
    entry = dict(domain_id=dict(type="str"), domain=dict(type="str"))
    entry.update(settings_argument_spec(exclude=NOT_IN_BULK))
    spec = connection_argument_spec()
    spec.update(settings_argument_spec(exclude=NOT_IN_BULK))
    spec.update(domains=dict(type="list", elements="dict", required=True, options=entry,
                             required_one_of=[("domain_id", "domain")]))
    return spec


def desired_per_entry(params):
    """The canonical desired settings of each entry, top-level settings filling what the entry leaves unset."""
    shared = settings_argument_spec(exclude=NOT_IN_BULK)
    desired = []
    for index, entry in enumerate(params["domains"]):
        merged = dict((name, entry[name] if entry[name] is not None else params[name]) for name in shared)
        try:
            desired.append(desired_settings(merged))
        except InvalidValue as exc:
            raise InvalidValue("domains[%d] (%s): %s" % (index, entry["domain_id"] or entry["domain"], exc))
    return desired


def match_entries(entries, domains):
    """The domain each entry names, or a list of every problem found (missing, ambiguous, listed twice)."""
    name_of = SETTINGS_BY_NAME["domain"].from_api
    by_id = dict((domain.get("id"), domain) for domain in domains)
    by_name = {}
    for domain in domains:
        by_name.setdefault(name_of(domain.get("domain")), []).append(domain)
    matched, problems, seen = [], [], {}
    for index, entry in enumerate(entries):
        label = "domains[%d]" % index
        if entry["domain_id"]:
            found = [by_id[entry["domain_id"]]] if entry["domain_id"] in by_id else []
            wanted = "id %s" % entry["domain_id"]
        else:
            found = by_name.get(name_of(entry["domain"]), [])
            wanted = "name %s" % entry["domain"]
        if not found:
            problems.append("%s: no domain has the %s" % (label, wanted))
        elif len(found) > 1:
            problems.append("%s: %d domains have the %s (ids: %s); use domain_id"
                            % (label, len(found), wanted, ", ".join(domain["id"] for domain in found)))
        elif entry["domain_id"] and entry["domain"] and name_of(found[0].get("domain")) != name_of(entry["domain"]):
            problems.append("%s: domain %s is named %s, not %s; renaming needs email_security_domain"
                            % (label, entry["domain_id"], found[0].get("domain"), entry["domain"]))
        elif found[0]["id"] in seen:
            problems.append("%s: domain %s is also listed as domains[%d]" % (label, found[0]["id"], seen[found[0]["id"]]))
        else:
            seen[found[0]["id"]] = index
        matched.append(found[0] if len(found) == 1 else None)
    return matched, problems


def read_domains(api, entries):
    """The account's domains that may match: looked up by name when all entries are a few names, else all of them."""
    if not entries:
        return []
    names = set(SETTINGS_BY_NAME["domain"].from_api(entry["domain"]) for entry in entries if not entry["domain_id"])
    if all(not entry["domain_id"] for entry in entries) and len(names) <= NAME_FILTER_LIMIT:
        return api.list({"domain": sorted(names)})
    return api.list()


def apply(module, api):
    entries = module.params["domains"]
    try:
        desired = desired_per_entry(module.params)
    except InvalidValue as exc:
        module.fail_json(msg=str(exc))
    matched, problems = match_entries(entries, read_domains(api, entries))
    if problems:
        module.fail_json(msg="Nothing was changed: %s" % "; ".join(problems), problems=problems)

    patches, diffs, changes_out = [], [], []
    for domain, wanted in zip(matched, desired):
        current = current_settings(domain, wanted)
        changes = changed_settings(wanted, current)
        if changes:
            patches.append(dict(changes, id=domain["id"]))
            changes_out.append(dict(id=domain["id"], domain=domain.get("domain"), changes=changes))
            header = "%s (%s)" % (domain.get("domain"), domain["id"])
            diffs.append(dict(before=current, after=wanted, before_header=header, after_header=header))

    after = dict((domain["id"], domain) for domain in matched)
    if module.check_mode:
        for item in changes_out:
            after[item["id"]] = predicted_domain(after[item["id"]], item["changes"])
    else:
        applied = 0
        try:
            for updated_batch in api.batch_update(patches):
                for updated in updated_batch:
                    after[updated["id"]] = updated
                applied += len(updated_batch)
        except CloudflareApiError as error:
            fail_on_api_error(module, error, action="updating Email Security domains in a batch (%d of %d changed domains "
                                                    "were updated before this error)" % (applied, len(patches)))
    result = dict(changed=bool(patches), domains=[after[domain["id"]] for domain in matched], changes=changes_out)
    if module._diff:
        result["diff"] = diffs
    return result


def main():
    module = AnsibleModule(argument_spec=argument_spec(), supports_check_mode=True)
    api = DomainsApi(client_from_module(module), module.params["account_id"])
    try:
        result = apply(module, api)
    except CloudflareApiError as error:
        fail_on_api_error(module, error, action="reading Email Security domains")
    module.exit_json(**result)


if __name__ == "__main__":
    main()
