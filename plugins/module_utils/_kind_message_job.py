# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The bulk job kind of module: a move or a release of everything a search matches, named by its comment, awaited.

This file is private to the collection: its interface may change without notice.
A rerun finds the job that a first run started (same comment, action and search, not failed or cancelled)
instead of starting a second one; so a run whose answer was lost, or that stopped waiting, is simply run again.
"""

from __future__ import annotations

import time
from typing import Any, Dict, List, Optional

from ansible_collections.cloudflare_community.email_security.plugins.module_utils._api import CloudflareApiError, path_segment
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._kind_info import run_info_module
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._kit import Task, TaskError
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._message import FOLDERS, window_problem
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._message_job import (
    ACTIONS,
    COUNTERS,
    ENDED_BADLY,
    JOB,
    MESSAGE_STATUSES,
    NARROWING,
    SEARCH,
    TERMINAL,
)
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._resource import InvalidValue, Record
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._resource_api import LIST_PAGE_SIZE, ResourceApi

RETURNS = ("job",)
SEARCH_FIELDS = dict((field.name, field) for field in SEARCH)
# What a job reports for a search field the task left unset (Cloudflare may fill in its defaults).
UNSET = {"detections_only": (None, True), "submissions": (None, False)}


def argument_spec() -> Dict[str, Any]:
    return dict(
        state=dict(type="str", default="present", choices=["present", "absent"]),
        job_id=dict(type="str"),
        job_action=dict(type="str", choices=list(ACTIONS)),
        search=dict(type="dict"),
        destination=dict(type="str", choices=list(FOLDERS)),
        comment=dict(type="str"),
        wait=dict(type="bool", default=True),
        wait_timeout=dict(type="int", default=600),
        poll_interval=dict(type="float", default=5.0),
    )


def checked_search(search: Dict[str, Any]) -> Dict[str, Any]:
    """The search a task gives, canonical; what Cloudflare would refuse, or a search that would match everything, fails first."""
    canonical, problems = {}, []
    for name, value in search.items():
        field = SEARCH_FIELDS.get(name)
        if field is None:
            known = "action_log is deprecated (SDK 5.9.0)" if name == "action_log" else "not a search parameter"
            problems.append("search.%s: %s; the search takes %s" % (name, known, ", ".join(sorted(SEARCH_FIELDS))))
            continue
        if value is None:
            continue
        try:
            canonical[name] = field.from_task(value)
        except InvalidValue as exc:
            problems.append("search.%s" % exc)
            continue
        problem = field.api_problem(canonical[name])
        if problem:
            problems.append("search.%s %s" % (name, problem))
    window = window_problem(canonical)
    if window:
        problems.append("search.%s" % window)
    if not problems and not any(name in canonical for name in NARROWING):
        problems.append(
            "search narrows nothing, so the job would act on every message of the account in its window; set at least one of %s" % ", ".join(NARROWING)
        )
    if problems:
        raise TaskError("Nothing was sent: %s" % "; ".join(problems))
    return canonical


def _object(value: Any) -> Dict[str, Any]:
    return value if isinstance(value, dict) else {}


def status_of(job: Record) -> Any:
    """The job's status as the declaration spells it (Cloudflare's in any case)."""
    return JOB.by_name["status"].from_api(job.get("status"))


def counters(job: Record) -> str:
    return ", ".join("%s %s" % (job.get(name), name.replace("messages_", "")) for name in ("total_messages_discovered",) + COUNTERS)


class JobRun:
    def __init__(self, task: Task) -> None:
        self.task = task
        params = task.params
        self.api = ResourceApi(task.client, task.account_id, JOB)
        self.job_id = JOB.id.from_task(params["job_id"]) if params["job_id"] is not None else None
        self.search: Optional[Dict[str, Any]] = checked_search(params["search"]) if params["search"] is not None else None
        self.comment = params["comment"]
        self.job_action = params["job_action"]

    def matches(self, job: Record) -> bool:
        """Whether ``job`` is the one this task describes: the same comment, action and search."""
        if job.get("comment") != self.comment or job.get("action_type") != self.job_action or self.search is None:
            return False
        reported = _object(job.get("search_params"))
        for name, field in SEARCH_FIELDS.items():
            value = field.from_api(reported.get(name))
            if name in self.search:
                if value != self.search[name]:
                    return False
            elif value not in UNSET.get(name, (None,)):
                return False
        action = _object(job.get("action_params"))
        return self.job_action != "MOVE" or action.get("destination") == self.task.params["destination"]

    def find(self) -> Optional[Record]:
        """The job this task names: by job_id, or the newest with its comment, action and search that did not fail or get cancelled."""
        try:
            if self.job_id:
                return self.api.get_or_none(self.job_id)
            jobs = [job for job in self.api.list({"action_type": self.job_action}) if self.matches(job) and status_of(job) not in ENDED_BADLY]
        except CloudflareApiError as error:
            raise self.task.api_failure(error, "looking for the bulk action job") from None
        jobs.sort(key=lambda job: (str(job.get("created_at") or ""), str(job["job_id"])))
        return jobs[-1] if jobs else None

    def run(self) -> Dict[str, Any]:
        params = self.task.params
        if params["state"] == "present" and not self.job_id:
            missing = [name for name in ("job_action", "search", "comment") if params[name] is None]
            if missing:
                raise TaskError("Set %s to start a job (the comment names it, so that a rerun finds it), or job_id to follow one" % ", ".join(missing))
        if params["job_action"] == "MOVE" and params["destination"] is None and not self.job_id:
            raise TaskError("job_action MOVE needs destination, one of %s" % ", ".join(FOLDERS))
        if params["job_action"] == "RELEASE" and params["destination"] is not None:
            raise TaskError("destination is only for job_action MOVE")
        if params["state"] == "absent" and not self.job_id and (self.search is None or self.comment is None or self.job_action is None):
            raise TaskError("Set job_id, or comment, job_action and search, to say which job to cancel")
        with self.task.lock(JOB.path):
            job = self.find()
            if params["state"] == "absent":
                return self.cancel(job)
            started = False
            if job is None and self.job_id:
                raise TaskError("Email Security has no bulk action job %s in account %s" % (self.job_id, self.task.account_id))
            if job is None:
                job, started = self.create(), True
        if params["wait"] and not self.task.check_mode and status_of(job) not in TERMINAL:
            job = self.wait(job, started)
        return self.finish(job, started)

    def create(self) -> Record:
        body: Dict[str, Any] = {"action": self.job_action, "search_params": self.search, "comment": self.comment}
        if self.job_action == "MOVE":
            body["destination"] = self.task.params["destination"]
        if self.task.check_mode:
            return dict(action_type=self.job_action, search_params=self.search, comment=self.comment, status="PENDING")
        try:
            job = self.api.create(body)
        except CloudflareApiError as error:
            failure = self.task.write_failure(error, "starting the bulk action job %r" % self.comment)
            if error.may_have_applied:
                failure.msg += " A rerun finds that job by its comment instead of starting another."
            raise failure from None
        if not self.matches(job):
            # A rerun looks for the job by what the task says; one Cloudflare reports otherwise would be started again.
            raise TaskError(
                "Cloudflare started bulk action job %s, but reports its comment, action, search or destination other than they were sent,"
                " so a rerun of this task would not find it and would start another; follow it with job_id instead" % job["job_id"],
                changed=True,
                job=job,
            )
        return job

    def wait(self, job: Record, started: bool) -> Record:
        """The job once it ended, read every poll_interval; the last read comes at the deadline, so there is always one."""
        params = self.task.params
        deadline = time.monotonic() + params["wait_timeout"]
        path = "%s/%s" % (self.api.base, path_segment(job["job_id"]))
        while status_of(job) not in TERMINAL:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TaskError(
                    "Bulk action job %s is still %s after %d seconds (%s); run the task again to wait for it: it finds the job by its comment"
                    % (job["job_id"], job.get("status"), params["wait_timeout"], counters(job)),
                    changed=started,
                    job=job,
                )
            time.sleep(min(params["poll_interval"], left))
            try:
                job = self.api.checked(self.api.client.get(path), "GET", path, expected_id=job["job_id"])
            except CloudflareApiError as error:
                raise self.task.api_failure(error, "waiting for bulk action job %s" % job["job_id"], changed=started) from None
        return job

    def finish(self, job: Record, started: bool) -> Dict[str, Any]:
        """The result for ``job``; ``started``: this run started it (a rerun that finds it changes nothing)."""
        status = status_of(job)
        if status in TERMINAL:
            total = sum(job.get(name) or 0 for name in COUNTERS)
            if total != job.get("total_messages_discovered") or (status == "COMPLETED" and job.get("messages_pending")):
                raise TaskError(
                    "Bulk action job %s is %s, but its counters do not add up (%s): Cloudflare's answer cannot be trusted"
                    % (job["job_id"], status, counters(job)),
                    changed=started,
                    job=job,
                )
            if status != "COMPLETED" or job.get("messages_failed"):
                said = " Cloudflare said: %s." % job["status_message"] if job.get("status_message") else ""
                raise TaskError("Bulk action job %s is %s (%s).%s" % (job["job_id"], status, counters(job), said), changed=started, job=job)
        return dict(changed=started, job=job)

    def cancel(self, job: Optional[Record]) -> Dict[str, Any]:
        if job is None or status_of(job) in TERMINAL:
            return dict(changed=False, job=job or {})
        if self.task.check_mode:
            return dict(changed=True, job=dict(job, status="CANCELLED"))
        path = "%s/%s/cancel" % (self.api.base, path_segment(job["job_id"]))
        try:
            cancelled = self.api.checked(self.api.client.post(path, None), "POST", path, expected_id=job["job_id"])
        except CloudflareApiError as error:
            raise self.task.write_failure(error, "cancelling bulk action job %s" % job["job_id"]) from None
        return dict(changed=True, job=cancelled)


def run_message_job_module() -> None:
    task = Task(argument_spec())

    def flow() -> Dict[str, Any]:
        params = task.params
        if not 1 <= params["wait_timeout"] <= 86400:
            raise TaskError("wait_timeout must be between 1 and 86400 seconds, got %d" % params["wait_timeout"])
        if not 0.2 <= params["poll_interval"] <= 300:
            raise TaskError("poll_interval must be between 0.2 and 300 seconds, got %s" % params["poll_interval"])
        return JobRun(task).run()

    task.run(flow)


def job_messages(task: Task, jobs: List[Record]) -> Dict[str, Any]:
    """With include_messages, the per-message results of the job read by job_id, every page."""
    params = task.params
    if not params["include_messages"]:
        return {}
    if not jobs:
        return {"messages": []}
    path = "/accounts/%s/email-security/%s/%s/messages" % (path_segment(task.account_id), JOB.path, path_segment(jobs[0]["job_id"]))
    query = {"status": params["message_status"]} if params["message_status"] else {}
    try:
        # One row per message and recipient.
        rows = list(task.client.list(path, query, per_page=LIST_PAGE_SIZE, key=("message_id", "action_params.client_recipient"), filtered=bool(query)))
    except CloudflareApiError as error:
        raise task.api_failure(error, "reading the messages of bulk action job %s" % jobs[0]["job_id"]) from None
    return {"messages": rows}


def check_job_info(task: Task) -> None:
    params = task.params
    if params["include_messages"] and not params["job_id"]:
        raise TaskError("include_messages needs job_id: the results of one job are read at a time")
    if params["message_status"] and not params["include_messages"]:
        raise TaskError("message_status narrows the per-message results: set include_messages: true (and job_id) with it")


def run_message_job_info_module() -> None:
    options = dict(include_messages=dict(type="bool", default=False), message_status=dict(type="str", choices=list(MESSAGE_STATUSES)))
    run_info_module(JOB, options, job_messages, check_job_info)
