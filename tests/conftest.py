# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Make the flat repository importable as ansible_collections.cloudflare_community.email_security.

ansible-test places the tree under ansible_collections/ itself; plain pytest on
the repository gets a temporary ansible_collections/ folder with a link to it.
"""

from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import collection_path  # noqa: E402  pylint: disable=wrong-import-position

collection_path.make_importable()
