#!/usr/bin/python
# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: email_security_message_info
short_description: Search Cloudflare Email Security messages, or read them by id
version_added: 1.2.0
description:
  - Finds the messages of a campaign with the investigation's filters, or reads the messages whose ids an alert or a
    ticket gives, for a playbook to act on or to export.
author:
  - Email Security collection maintainers (@cloudflare-community)
extends_documentation_fragment:
  - cloudflare_community.email_security.attributes
  - cloudflare_community.email_security.connection
  - cloudflare_community.email_security.kinds.info
  - cloudflare_community.email_security.message.info
seealso:
  - module: cloudflare_community.email_security.email_security_message
    description: Release, move or reclassify the messages found.
  - module: cloudflare_community.email_security.email_security_message_job
    description: Act on everything a search matches, with a bulk job.
  - name: Responding to a phish
    description: The collection's guide to an incident, from AWX.
    link: https://github.com/cloudflare-community/ansible-collection-email-security/blob/main/docs/docsite/rst/guide_incident_response.rst
"""

EXAMPLES = r"""
- name: The messages of a campaign since yesterday morning
  cloudflare_community.email_security.email_security_message_info:
    sender: invoice@phish.example
    start: "2026-11-30T06:00:00Z"
  register: campaign

- name: Two messages by id, with their detections and the raw mail for the ticket
  cloudflare_community.email_security.email_security_message_info:
    ids: [4Njp3P0STMz2c02Q, 2LxYQ0kvM7c4fJ8p]
    include: [detections, raw]
  register: evidence
"""

RETURN = r"""
messages:
  description:
    - The messages found, newest first (by C(scanned_at)) for a search, in the order of O(ids) otherwise.
    - With O(include), each also holds C(detections), C(trace), C(raw) (the mail as a string) or C(preview) (a base64
      PNG, for messages with a detection; null for the others).
  returned: success
  type: list
  elements: dict
  sample:
    - id: 4Njp3P0STMz2c02Q-1
      postfix_id: 4Njp3P0STMz2c02Q
      is_quarantined: true
      final_disposition: MALICIOUS
      scanned_at: "2026-11-30T08:12:00Z"
truncated:
  description: Whether the search found more messages than O(limit) allowed to return.
  returned: success
  type: bool
not_found:
  description: The ids of O(ids) for which Cloudflare has no message.
  returned: success
  type: list
  elements: str
"""

from ansible_collections.cloudflare_community.email_security.plugins.module_utils._kind_message_info import run_message_info_module


def main():
    run_message_info_module()


if __name__ == "__main__":
    main()
