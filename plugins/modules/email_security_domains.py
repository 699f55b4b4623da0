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
    To create or remove domains, use M(cloudflare_community.email_security.email_security_domain).
  - If a batch call fails after earlier ones succeeded, the task fails reporting a change, and says which domains
    were updated, which were not, and which were in the failed batch (Cloudflare may have applied part of it).
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
          - The identifier of the domain (a uuid, or a positive integer for older domains). One of
            O(domains[].domain_id) and O(domains[].domain) is required.
        type: str
      domain:
        description:
          - The name of the domain, compared case-insensitively and without a trailing dot. Exactly one domain of the
            account must have it.
          - With O(domains[].domain_id), it must be that domain's name (a domain cannot be renamed).
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
        description: The mailbox folder that is scanned. V("") clears it.
        type: str
        choices: [AllItems, Inbox, ""]
      integration_id:
        description: The uuid of the integration the domain is tied to. V("") clears it.
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
    InvalidValue,
    changed_settings,
    current_settings,
    desired_settings,
    predicted_domain,
    settings_argument_spec,
)
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._domains_api import (
    BATCH_SIZE,
    DomainsApi,
)

NOT_IN_BULK = ("domain",)


def argument_spec():
    entry = dict(domain_id=dict(type="str"), domain=dict(type="str"))
    entry.update(settings_argument_spec(exclude=NOT_IN_BULK))
    spec = connection_argument_spec()
    spec.update(settings_argument_spec(exclude=NOT_IN_BULK))
    spec.update(domains=dict(type="list", elements="dict", required=True, options=entry, required_one_of=[("domain_id", "domain")]))
    return spec


def checked_entries(params):
    """Each entry with its id and name in canonical form, and its desired settings (top-level ones fill gaps)."""
    shared = settings_argument_spec(exclude=NOT_IN_BULK)
    entries, desired = [], []
    for index, entry in enumerate(params["domains"]):
        merged = dict((name, entry[name] if entry[name] is not None else params[name]) for name in shared)
        try:
            entries.append(
                dict(
                    domain_id=DOMAIN_ID.from_task(entry["domain_id"]) if entry["domain_id"] is not None else None,
                    domain=DOMAIN_NAME.from_task(entry["domain"]) if entry["domain"] is not None else None,
                )
            )
            desired.append(desired_settings(merged))
        except InvalidValue as exc:
            raise InvalidValue("domains[%d] (%s): %s" % (index, entry["domain_id"] or entry["domain"], exc)) from None
    return entries, desired


def match_entries(entries, domains):
    """The domain each entry names, or a list of every problem found (missing, ambiguous, listed twice)."""
    by_id = dict((DOMAIN_ID.from_api(domain["id"]), domain) for domain in domains)
    by_name = {}
    for domain in domains:
        by_name.setdefault(DOMAIN_NAME.from_api(domain.get("domain")), []).append(domain)
    matched, problems, seen = [], [], {}
    for index, entry in enumerate(entries):
        label = "domains[%d]" % index
        if entry["domain_id"]:
            found = [by_id[entry["domain_id"]]] if entry["domain_id"] in by_id else []
            wanted = "id %s" % entry["domain_id"]
        else:
            found = by_name.get(entry["domain"], [])
            wanted = "name %s" % entry["domain"]
        key = str(found[0]["id"]) if len(found) == 1 else None
        if not found:
            problems.append("%s: no domain has the %s" % (label, wanted))
        elif len(found) > 1:
            problems.append(
                "%s: %d domains have the %s (ids: %s); use domain_id" % (label, len(found), wanted, ", ".join(str(domain["id"]) for domain in found))
            )
        elif entry["domain_id"] and entry["domain"] and DOMAIN_NAME.from_api(found[0].get("domain")) != entry["domain"]:
            problems.append(
                "%s: domain %s is named %s, not %s; a protected domain cannot be renamed" % (label, entry["domain_id"], found[0].get("domain"), entry["domain"])
            )
        elif key in seen:
            problems.append("%s: domain %s is also listed as domains[%d]" % (label, key, seen[key]))
        else:
            seen[key] = index
        matched.append(found[0] if len(found) == 1 else None)
    return matched, problems


def apply(module, api):
    try:
        entries, desired = checked_entries(module.params)
    except InvalidValue as exc:
        module.fail_json(msg=str(exc))
    matched, problems = match_entries(entries, api.list() if entries else [])
    if problems:
        module.fail_json(msg="Nothing was changed: %s" % "; ".join(problems), problems=problems)

    patches, diffs, changes_out = [], [], []
    for domain, wanted in zip(matched, desired):
        current = current_settings(domain, wanted)
        changes = changed_settings(wanted, current)
        if changes:
            patches.append(dict(changes, id=domain["id"]))
            changes_out.append(dict(id=str(domain["id"]), domain=domain.get("domain"), changes=changes))
            header = "%s (%s)" % (domain.get("domain"), domain["id"])
            diffs.append(dict(before=current, after=wanted, before_header=header, after_header=header))

    after = dict((str(domain["id"]), domain) for domain in matched)
    if module.check_mode:
        for item in changes_out:
            after[item["id"]] = predicted_domain(after[item["id"]], item["changes"])
    else:
        send_batches(module, api, patches, after)
    result = dict(changed=bool(patches), domains=[after[str(domain["id"])] for domain in matched], changes=changes_out)
    if module._diff:
        result["diff"] = diffs
    return result


def send_batches(module, api, patches, after):
    """Send the patches in batches, keeping what the API returns in ``after``; on failure say what was applied."""
    ids = [str(patch["id"]) for patch in patches]
    applied = 0
    try:
        for updated_batch in api.batch_update(patches):
            for updated in updated_batch:
                after[str(updated["id"])] = updated
            applied += BATCH_SIZE
    except CloudflareApiError as error:
        failed_end = applied + BATCH_SIZE  # a name, so that no formatter puts spaces around the slices' colons
        updated, failed, not_sent = ids[:applied], ids[applied:failed_end], ids[failed_end:]
        fail_on_api_error(
            module,
            error,
            action="updating Email Security domains in a batch (%d of %d changed domains were updated by earlier "
            "batches; %d were in the failed batch, which Cloudflare may have applied in part; %d were not sent)"
            % (len(updated), len(ids), len(failed), len(not_sent)),
            changed=bool(updated or failed),
            updated=updated,
            maybe_updated=failed,
            not_updated=not_sent,
        )


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
