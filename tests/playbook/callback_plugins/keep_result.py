# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Keeps the result of the task named "The module under test" in the file $KEEP_RESULT_FILE, for the tests.

A callback costs nothing; a second task that writes the result would cost a module run.
"""

from __future__ import annotations

DOCUMENTATION = r"""
name: keep_result
type: aggregate
short_description: Write one task's result to a file, for the playbook-level tests
description:
  - Writes the result of the task named C(The module under test) as JSON to the file named by E(KEEP_RESULT_FILE).
requirements:
  - enabled in C(callbacks_enabled)
"""

import json
import os

from ansible.plugins.callback import CallbackBase

TASK_NAME = "The module under test"


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "keep_result"
    CALLBACK_NEEDS_ENABLED = True

    def _keep(self, result, failed):
        path = os.environ.get("KEEP_RESULT_FILE")
        if path and result._task.get_name() == TASK_NAME:
            # Newer ansible-core releases keep "failed" and "changed" out of the result they hand to callbacks.
            kept = dict(result._result, failed=failed, changed=result.is_changed())
            with open(path, "w") as handle:
                # Warnings are objects from ansible-core 2.19 on; the tests read them from the output.
                json.dump(kept, handle, default=str)

    def v2_runner_on_ok(self, result):
        self._keep(result, False)

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._keep(result, True)
