#!/usr/bin/python
# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: email_security_message
short_description: Release, move or reclassify Cloudflare Email Security messages
version_added: 1.2.0
description:
  - Releases messages quarantined by mistake, pulls messages out of the mailboxes (moves them to another folder), or
    reports a false positive or negative (reclassifies them), for the messages whose ids the task gives.
author:
  - Email Security collection maintainers (@cloudflare-community)
extends_documentation_fragment:
  - cloudflare_community.email_security.attributes
  - cloudflare_community.email_security.connection
  - cloudflare_community.email_security.kinds.action
  - cloudflare_community.email_security.message.action
seealso:
  - module: cloudflare_community.email_security.email_security_message_info
    description: Find the messages and their ids.
  - module: cloudflare_community.email_security.email_security_message_job
    description: Act on everything a search matches, however many messages.
  - name: Responding to a phish
    description: The collection's guide to an incident, from AWX.
    link: https://github.com/cloudflare-community/ansible-collection-email-security/blob/main/docs/docsite/rst/guide_incident_response.rst
"""

EXAMPLES = r"""
- name: Release two messages quarantined by mistake
  cloudflare_community.email_security.email_security_message:
    ids: [4Njp3P0STMz2c02Q-1, 2LxYQ0kvM7c4fJ8p-1]
    action: release

- name: Pull the messages of a campaign out of the mailboxes
  cloudflare_community.email_security.email_security_message:
    ids: "{{ campaign.messages | map(attribute='id') | list }}"
    action: move
    destination: RecoverableItemsDeletions

- name: Report a newsletter as spam, not malicious
  cloudflare_community.email_security.email_security_message:
    ids: [4Njp3P0STMz2c02Q-1]
    action: reclassify
    disposition: SPAM
"""

RETURN = r"""
released:
  description: The ids of the messages released (in check mode, that would be). Empty for the other actions.
  returned: always
  type: list
  elements: str
moved:
  description: The ids of the messages moved (in check mode, that would be). Empty for the other actions.
  returned: always
  type: list
  elements: str
reclassified:
  description: The ids of the messages reclassified (in check mode, that would be). Empty for the other actions.
  returned: always
  type: list
  elements: str
unchecked_moves:
  description:
    - The ids of RV(moved) that had been moved before. Cloudflare does not show to which folder a message was moved,
      so the module cannot tell whether one was there already, and sends the move again.
  returned: always
  type: list
  elements: str
skipped_messages:
  description: The messages the action would not change, each with the reason (not quarantined, already reclassified, ...).
  returned: always
  type: list
  elements: dict
  sample:
    - id: 2LxYQ0kvM7c4fJ8p-1
      reason: "not quarantined: it was released already, or never quarantined"
failed_messages:
  description:
    - The messages the action failed for, each with Cloudflare's reason (or that it has no message with the id, or that
      its answer left the message out). When there is any, the task fails.
  returned: always
  type: list
  elements: dict
  sample:
    - id: 9QwErTy0uIoP1aSd-1
      reason: Cloudflare delivered it to 0 of its 2 recipients
"""

from ansible_collections.cloudflare_community.email_security.plugins.module_utils._kind_message import run_message_module


def main():
    run_message_module()


if __name__ == "__main__":
    main()
