# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Make the flat repository importable as ansible_collections.cloudflare_community.email_security.

ansible-test places the tree under ansible_collections/ itself; plain pytest, the fake API and the docs
generator get a temporary ansible_collections/ folder with a link to the repository.
"""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile

COLLECTION_ROOT = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))


def _collections_parent():
    parts = COLLECTION_ROOT.split(os.sep)
    if len(parts) > 3 and parts[-3] == "ansible_collections":
        return os.sep.join(parts[:-3])
    parent = tempfile.mkdtemp(prefix="cf-es-collections-")
    atexit.register(shutil.rmtree, parent, True)
    namespace = os.path.join(parent, "ansible_collections", "cloudflare_community")
    os.makedirs(namespace)
    os.symlink(COLLECTION_ROOT, os.path.join(namespace, "email_security"))
    return parent


def make_importable():
    if "ansible_collections.cloudflare_community.email_security" not in sys.modules:
        sys.path.insert(0, _collections_parent())
