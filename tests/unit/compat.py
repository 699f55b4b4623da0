# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What the unit tests need from ansible-core, on every supported release (2.15 and later)."""

from __future__ import annotations

import contextlib
import json
from unittest import mock

import pytest

__all__ = ["patch_module_args", "run_module", "warnings"]

try:
    from ansible.module_utils.testing import patch_module_args
except ImportError:  # ansible-core before 2.19

    @contextlib.contextmanager
    def patch_module_args(args):
        """Give ``args`` to the next AnsibleModule, as ansible-core's own helper does from 2.19 on."""
        from ansible.module_utils import basic

        with mock.patch.object(basic, "_ANSIBLE_ARGS", json.dumps({"ANSIBLE_MODULE_ARGS": args}).encode()):
            yield


def warnings(result):
    """The warnings' texts, whether ansible-core reports them as strings or as events (2.19 and later).

    ansible-core keeps warnings for the whole process, so a test looks for its own among them.
    """
    return [item["event"]["msg"] if isinstance(item, dict) else item for item in result.get("warnings", [])]


def run_module(capsys, module, module_args):
    """Run ``module.main()`` with ``module_args``; return (failed, result)."""
    with patch_module_args(module_args), pytest.raises(SystemExit) as exited:
        module.main()
    return exited.value.code != 0, json.loads(capsys.readouterr().out)
