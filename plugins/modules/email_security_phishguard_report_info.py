#!/usr/bin/python
# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: email_security_phishguard_report_info
short_description: Read Cloudflare Email Security PhishGuard reports
version_added: 1.2.0
description:
  - Lists the PhishGuard reports (threats Cloudflare's analysts found and reported on the account) of a window.
author:
  - Email Security collection maintainers (@cloudflare-community)
extends_documentation_fragment:
  - cloudflare_community.email_security.attributes
  - cloudflare_community.email_security.connection
  - cloudflare_community.email_security.kinds.info
  - cloudflare_community.email_security.phishguard_report.info
"""

EXAMPLES = r"""
- name: The reports of November
  cloudflare_community.email_security.email_security_phishguard_report_info:
    start: "2026-11-01"
    end: "2026-12-01"
  register: november
"""

RETURN = r"""
reports:
  description: The reports, as the API returns them, oldest first.
  returned: success
  type: list
  elements: dict
  sample:
    - id: 1024
      title: Credential phishing from a lookalike domain
      disposition: MALICIOUS
      priority: high
      created_at: "2026-11-30T09:00:00Z"
"""

from ansible_collections.cloudflare_community.email_security.plugins.module_utils._kind_info import run_info_module
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._phishguard_report import REPORT


def main():
    run_info_module(REPORT)


if __name__ == "__main__":
    main()
