# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Keeps the results of the tasks named "The module under test ..." in the file $KEEP_RESULT_FILE, for the tests.

A callback costs nothing; a second task that writes the result would cost a module run. The file holds one JSON
object per line, one per task, in the order the tasks ran.
"""

from __future__ import annotations

DOCUMENTATION = r"""
name: keep_result
type: aggregate
short_description: Write the results of the tasks under test to a file, for the playbook-level tests
description:
  - Appends the result of every task whose name starts with C(The module under test) as one line of JSON to the file
    named by E(KEEP_RESULT_FILE), with the time window the task ran in (C(_window)).
requirements:
  - enabled in C(callbacks_enabled)
"""

import json
import os
import time

from ansible.plugins.callback import CallbackBase

TASK_NAME = "The module under test"


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "keep_result"
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._started = time.time()

    def v2_playbook_on_task_start(self, task, is_conditional):
        self._started = time.time()

    def _keep(self, result, failed):
        path = os.environ.get("KEEP_RESULT_FILE")
        if path and result._task.get_name().startswith(TASK_NAME):
            # Newer ansible-core releases keep "failed" and "changed" out of the result they hand to callbacks.
            kept = dict(result._result, failed=failed, changed=result.is_changed())
            # When the task ran, so that a test can tell which requests the fake saw were this task's.
            kept["_window"] = [self._started, time.time()]
            with open(path, "a") as handle:
                # Warnings are objects from ansible-core 2.19 on; the tests read them from the output.
                handle.write(json.dumps(kept, default=str) + "\n")

    def v2_runner_on_ok(self, result):
        self._keep(result, False)

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._keep(result, True)
