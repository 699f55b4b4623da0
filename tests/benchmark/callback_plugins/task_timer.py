# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
name: task_timer
type: aggregate
short_description: Write how long each task took to a JSON file (for the benchmark)
description:
  - Adds up, per task, the time from the task's start to the last host's result, and writes it to the file named by
    the E(TASK_TIMER_OUTPUT) environment variable when the playbook ends.
options: {}
"""

import json
import os
import time

from ansible.plugins.callback import CallbackBase


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "task_timer"
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self):
        super().__init__()
        self.started = {}
        self.finished = {}
        self.order = []

    def v2_playbook_on_task_start(self, task, is_conditional):
        self.order.append(task.get_name())
        self.started[task.get_name()] = time.perf_counter()

    def _done(self, result):
        self.finished[result._task.get_name()] = time.perf_counter()

    v2_runner_on_ok = v2_runner_on_failed = v2_runner_on_skipped = v2_runner_on_unreachable = _done

    def v2_playbook_on_stats(self, stats):
        durations = dict((name, self.finished.get(name, self.started[name]) - self.started[name]) for name in self.order)
        with open(os.environ["TASK_TIMER_OUTPUT"], "w") as handle:
            json.dump(durations, handle)
