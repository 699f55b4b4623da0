#!/usr/bin/python
# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: email_security_submission_info
short_description: Read Cloudflare Email Security reclassification submissions
version_added: 1.2.0
description:
  - Lists the submissions (false positives and negatives reported by the security team or by end users) of a window,
    with what Cloudflare made of them.
author:
  - Email Security collection maintainers (@cloudflare-community)
extends_documentation_fragment:
  - cloudflare_community.email_security.attributes
  - cloudflare_community.email_security.connection
  - cloudflare_community.email_security.kinds.info
  - cloudflare_community.email_security.submission.info
seealso:
  - module: cloudflare_community.email_security.email_security_message
    description: Reclassify messages (which makes submissions).
"""

EXAMPLES = r"""
- name: What end users reported last week and nobody reviewed yet
  cloudflare_community.email_security.email_security_submission_info:
    type: USER
    status: unreviewed
    start: "2026-11-23"
  register: to_review
"""

RETURN = r"""
submissions:
  description: The submissions, as the API returns them, oldest first.
  returned: success
  type: list
  elements: dict
  sample:
    - submission_id: 3b9f6a52-0c1e-4e2a-9d4f-2a7c6e1b0d93
      requested_at: "2026-11-30T09:00:00Z"
      requested_disposition: SPAM
      original_disposition: MALICIOUS
      type: Team
      status: unreviewed
"""

from ansible_collections.cloudflare_community.email_security.plugins.module_utils._kind_info import run_info_module
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._submission import SUBMISSION


def main():
    run_info_module(SUBMISSION)


if __name__ == "__main__":
    main()
