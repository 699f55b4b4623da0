# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The list kind of module: a resource's whole list in one task, written with batch calls.

This file is private to the collection: its interface may change without notice.
"""

from __future__ import annotations

from typing import Any, Dict, List, Tuple

from ansible_collections.cloudflare_community.email_security.plugins.module_utils._api import CloudflareApiError
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._batch import BatchOutcome, send_batches
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._kit import Task, TaskError, entry_params
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._resource import InvalidValue, Record, Resource
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._resource_api import ResourceApi

# What the kind returns (held to each module's RETURN by a test).
RETURNS = ("created", "updated", "removed", "applied", "maybe_applied", "not_applied", "diff")

Key = Tuple[Any, ...]


def entry_options(resource: Resource) -> Dict[str, Dict[str, Any]]:
    """The options of one entry: checked by the kind (see ``entry_params``), documented as the suboptions of ``entries``."""
    options = resource.argument_spec()
    for name in resource.key:
        if name not in resource.key_defaults:
            options[name]["required"] = True
    return options


def argument_spec() -> Dict[str, Any]:
    return dict(
        entries=dict(type="list", elements="dict", required=True),
        purge=dict(type="bool", default=False),
        allow_empty=dict(type="bool", default=False),
    )


class ListPlan:
    """What one run does: objects to create, change and remove, with their diffs and what purge keeps."""

    def __init__(self) -> None:
        self.posts: List[Record] = []
        self.patches: List[Record] = []
        self.deletes: List[Record] = []
        self.diffs: List[Dict[str, Any]] = []
        self.records: List[Record] = []
        # The objects as they should be after the patches, for check mode.
        self.predicted_updates: List[Record] = []
        # What purge keeps because no task could create it again: (entry, why).
        self.kept: List[Tuple[str, str]] = []

    def add_diff(self, header: str, before: Record, after: Record) -> None:
        self.diffs.append(dict(before=before, after=after, before_header=header, after_header=header))

    @property
    def changes(self) -> int:
        return len(self.posts) + len(self.patches) + len(self.deletes)


def desired_entries(task: Task, resource: Resource) -> Dict[Key, Tuple[int, Record]]:
    """The task's entries by natural key (with their index), canonical and checked; every problem at once, before any request."""
    problems, wanted = [], {}
    options = entry_options(resource)
    for index, entry in enumerate(task.params["entries"]):
        try:
            desired = resource.desired(entry_params(entry, options))
            resource.check(desired)
        except InvalidValue as exc:
            problems.append("entries[%d]: %s" % (index, exc))
            continue
        key = resource.key_of(desired)
        if key in wanted:
            problems.append("entries[%d]: %s is already in the list" % (index, resource.describe_key(key)))
        wanted[key] = (index, desired)
    if not wanted and task.params["purge"] and not task.params["allow_empty"]:
        problems.append(
            "entries is empty and purge is true, which would remove every %s of the account; if that is what you want, also set"
            " allow_empty: true" % resource.title
        )
    if problems:
        raise TaskError("Nothing was changed: " + "; ".join(problems))
    return wanted


def plan_list(task: Task, resource: Resource, wanted: Dict[Key, Tuple[int, Record]], items: List[Record]) -> ListPlan:
    plan = ListPlan()
    problems: List[str] = []
    locked: List[str] = []
    by_key: Dict[Key, List[Tuple[Record, Record]]] = {}
    for item in items:
        current = resource.current(item)
        by_key.setdefault(resource.key_of(current), []).append((item, current))
    ambiguous = [
        "%d entries of the account match %s (ids: %s)"
        % (len(by_key[key]), resource.describe_key(key), ", ".join(str(item["id"]) for item, _current in by_key[key]))
        for key in wanted
        if len(by_key.get(key, [])) > 1
    ]
    if ambiguous:
        raise TaskError(
            "Nothing was changed: %s; remove the extra ones with the email_security_%s module and its %s option"
            % ("; ".join(ambiguous), resource.kind, resource.id.name)
        )
    for key, (index, desired) in wanted.items():
        header = resource.describe_key(key)
        if key not in by_key:
            body, missing = resource.create_body(desired)
            problem = ("needs %s to be created" % ", ".join(missing)) if missing else resource.write_problem(body, "create")
            if problem:
                problems.append("entries[%d] (%s): %s" % (index, header, problem))
                continue
            plan.posts.append(body)
            plan.records.append(body)
            plan.add_diff(header, {}, resource.entry(body, body))
            continue
        item, current = by_key[key][0]
        changes = resource.changes(desired, item, current)
        after = dict(current, **changes)
        plan.records.append(after)
        reason = resource.locked(item, current) if changes else None
        if reason:
            locked.append("%s (id %s) %s" % (header, item["id"], reason))
        elif changes:
            problem = resource.write_problem(changes, "update", stored=current)
            if problem:
                problems.append("entries[%d] (%s): %s" % (index, header, problem))
                continue
            plan.patches.append(dict(changes, id=item["id"]))
            plan.predicted_updates.append(dict(item, **changes))
            plan.add_diff(header, resource.entry(item, current), resource.entry(after, after))
    if locked:
        raise TaskError("Nothing was changed: the task would change entries that belong to another system: %s" % "; ".join(locked))
    if problems:
        raise TaskError("Nothing was changed: Cloudflare would refuse %s" % "; ".join(problems))
    if task.params["purge"]:
        for key, extra in by_key.items():
            if key in wanted:
                continue
            for item, current in extra:
                if resource.locked(item, current):
                    continue  # reported by the _info module, never purged
                reason = resource.irreplaceable(item, current)
                if reason:
                    plan.kept.append(("%s (id %s)" % (resource.describe_key(key), item["id"]), reason))
                    continue
                plan.deletes.append(item)
                plan.add_diff(resource.describe_key(key), resource.entry(item, current), {})
    return plan


def failure_message(resource: Resource, outcome: BatchOutcome, total: int) -> str:
    """What the batch calls did, in words: applied, in the failed call, refused, left out, not sent."""
    count = BatchOutcome.count
    text = "applying the changes to the Email Security %s in batch calls (%d of %d changes were applied, as Cloudflare's answers show" % (
        resource.plural_title,
        count(outcome.done),
        total,
    )
    if count(outcome.maybe):
        text += "; %d were in the failed call, which Cloudflare may have applied in part" % count(outcome.maybe)
    if count(outcome.refused):
        text += "; Cloudflare refused the next call, and its batch call for %s is atomic, so its %d changes were not applied" % (
            resource.plural_title,
            count(outcome.refused),
        )
    if count(outcome.left_out):
        text += "; %d were left out of Cloudflare's answer, which does not say whether they were applied; they are counted as not applied" % count(
            outcome.left_out
        )
    return text + "; %d were not sent)" % count(outcome.not_sent)


def send_plan(task: Task, api: ResourceApi, plan: ListPlan) -> Dict[str, List[Record]]:
    """Send the plan in batch calls; warn where Cloudflare reports other values than it accepted; on failure say what was applied."""
    outcome = send_batches(api, plan.deletes, plan.patches, plan.posts)
    task.warn_all(outcome.mismatches)
    done = dict(created=outcome.done["posts"], updated=outcome.done["patches"], removed=outcome.done["deletes"])
    if not outcome.failed:
        return done
    result: Dict[str, Any] = dict(
        done,
        applied=BatchOutcome.count(outcome.done),
        maybe_applied=BatchOutcome.count(outcome.maybe),
        not_applied=BatchOutcome.count(outcome.not_applied),
    )
    result["changed"] = bool(result["applied"] or result["maybe_applied"])
    action = failure_message(api.resource, outcome, plan.changes)
    if outcome.error is not None:
        raise task.api_failure(outcome.error, action, **result)
    raise TaskError("Failed %s: %s." % (action, outcome.unaccounted), **result)


def run_list_module(resource: Resource) -> None:
    task = Task(argument_spec())

    def flow() -> Dict[str, Any]:
        wanted = desired_entries(task, resource)
        api = ResourceApi(task.client, task.account_id, resource)
        with task.lock(resource.path):
            try:
                items = api.list()
            except CloudflareApiError as error:
                raise task.api_failure(error, "reading Email Security %s" % resource.plural_title) from None
            plan = plan_list(task, resource, wanted, items)
            task.warn_all([warning for record in plan.records for warning in resource.warnings(record)])
            if plan.kept:
                task.warn(
                    "purge kept %d %s that the task does not list, because no task could create them again (%s): %s; remove one with the"
                    " email_security_%s module and its %s option"
                    % (
                        len(plan.kept),
                        resource.plural_title,
                        "; ".join(sorted(set(reason for _entry, reason in plan.kept))),
                        ", ".join(entry for entry, _reason in plan.kept[:10]) + (", ..." if len(plan.kept) > 10 else ""),
                        resource.kind,
                        resource.id.name,
                    )
                )
            if task.check_mode:
                done = dict(created=plan.posts, updated=plan.predicted_updates, removed=plan.deletes)
            else:
                done = send_plan(task, api, plan)
        result: Dict[str, Any] = dict(changed=bool(plan.changes), **done)
        if task.diff_mode:
            result["diff"] = plan.diffs
        return result

    task.run(flow)
