#!/usr/bin/python
# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: email_security_message_job
short_description: Move or release every Cloudflare Email Security message a search matches, with a bulk job
version_added: 1.2.0
description:
  - Starts a bulk action job that moves or releases every message a search matches, however many, waits for it and
    returns its counters; or cancels a job that is still running.
author:
  - Email Security collection maintainers (@cloudflare-community)
extends_documentation_fragment:
  - cloudflare_community.email_security.attributes
  - cloudflare_community.email_security.connection
  - cloudflare_community.email_security.kinds.job
  - cloudflare_community.email_security.message_job.job
seealso:
  - module: cloudflare_community.email_security.email_security_message_job_info
    description: List bulk jobs, or read one with its per-message results.
  - module: cloudflare_community.email_security.email_security_message_info
    description: Try the search first, to see what the job would act on.
  - name: Responding to a phish
    description: The collection's guide to an incident, from AWX.
    link: https://github.com/cloudflare-community/ansible-collection-email-security/blob/main/docs/docsite/rst/guide_incident_response.rst
"""

EXAMPLES = r"""
- name: Pull a campaign out of every mailbox (a rerun finds this job by its comment)
  cloudflare_community.email_security.email_security_message_job:
    job_action: MOVE
    destination: RecoverableItemsDeletions
    comment: INC-4711 invoice phish
    search:
      sender: invoice@phish.example
      start: "2026-11-30T00:00:00Z"
  register: pulled

- name: Start it without waiting; a later task or run waits for it
  cloudflare_community.email_security.email_security_message_job:
    job_action: MOVE
    destination: DeletedItems
    comment: INC-4712 lookalike domain
    search: {domain: phish.example}
    wait: false

- name: Cancel it while it still runs
  cloudflare_community.email_security.email_security_message_job:
    state: absent
    job_id: "{{ pulled.job.job_id }}"
"""

RETURN = r"""
job:
  description:
    - The job as the API returns it, with its status and counters (C(total_messages_discovered), C(messages_pending),
      C(messages_successful), C(messages_failed), C(messages_skipped), C(messages_cancelled)).
    - In check mode, the job that would be started (or the one that runs already).
    - Empty when O(state=absent) found no job.
  returned: always
  type: dict
  sample:
    job_id: 6f1c1f0e-2a0b-4d52-9b8e-9c3b1e0f6a11
    action_type: MOVE
    status: COMPLETED
    comment: INC-4711 invoice phish
    total_messages_discovered: 120
    messages_successful: 118
    messages_skipped: 2
    messages_failed: 0
    messages_pending: 0
    messages_cancelled: 0
"""

from ansible_collections.cloudflare_community.email_security.plugins.module_utils._kind_message_job import run_message_job_module


def main():
    run_message_job_module()


if __name__ == "__main__":
    main()
