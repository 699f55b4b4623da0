#!/usr/bin/python
# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: email_security_message_job_info
short_description: Read Cloudflare Email Security bulk action jobs
version_added: 1.2.0
description:
  - Lists the bulk action jobs of the account, or reads one with the result for each of its messages.
author:
  - Email Security collection maintainers (@cloudflare-community)
extends_documentation_fragment:
  - cloudflare_community.email_security.attributes
  - cloudflare_community.email_security.connection
  - cloudflare_community.email_security.kinds.info
  - cloudflare_community.email_security.message_job.info
seealso:
  - module: cloudflare_community.email_security.email_security_message_job
    description: Start, await and cancel bulk jobs.
"""

EXAMPLES = r"""
- name: The jobs still running
  cloudflare_community.email_security.email_security_message_job_info:
    status: PROCESSING
  register: running

- name: The messages a job failed on
  cloudflare_community.email_security.email_security_message_job_info:
    job_id: 6f1c1f0e-2a0b-4d52-9b8e-9c3b1e0f6a11
    include_messages: true
    message_status: FAILED
  register: failures
"""

RETURN = r"""
jobs:
  description: The jobs, as the API returns them, oldest first.
  returned: success
  type: list
  elements: dict
messages:
  description:
    - With O(include_messages), the result for each message and recipient of the job read by O(job_id), as the API returns
      them (with the message's details, its subject and addresses among them).
  returned: when O(include_messages=true)
  type: list
  elements: dict
"""

from ansible_collections.cloudflare_community.email_security.plugins.module_utils._kind_message_job import run_message_job_info_module


def main():
    run_message_job_info_module()


if __name__ == "__main__":
    main()
