# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations


class ModuleDocFragment:
    # The attributes every module of the collection shares; check_mode and diff_mode differ and stay in each module.
    DOCUMENTATION = r"""
attributes:
  action_group:
    description:
      - Use C(group/cloudflare_community.email_security.email_security) in C(module_defaults) to set options such as
        O(account_id) and O(api_token) once for every module of the collection.
    support: full
    membership:
      - cloudflare_community.email_security.email_security
  platform:
    description: Runs wherever the task runs (usually V(localhost)); it only talks to the Cloudflare API.
    platforms: all
    support: full
"""
