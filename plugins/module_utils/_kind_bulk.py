# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The bulk kind of module: settings applied to many existing objects in one task, written with batch calls.

This file is private to the collection: its interface may change without notice.
Unlike the list kind, it never creates or removes anything: every entry names one existing object (by id or by
name), and settings given at the top level of the task apply to every entry that does not set them.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

from ansible_collections.cloudflare_community.email_security.plugins.module_utils._api import CloudflareApiError
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._batch import send_batches
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._kit import Task, TaskError
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._resource import InvalidValue, Record, Resource
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._resource_api import ResourceApi

# What the kind returns, besides the objects under the resource's plural (held to each module's RETURN by a test).
RETURNS = ("changes", "updated", "maybe_updated", "not_updated", "diff")


def _settings_spec(resource: Resource) -> Dict[str, Any]:
    return resource.argument_spec(exclude=(resource.name_field or "",))


def argument_spec(resource: Resource) -> Dict[str, Any]:
    name = resource.name_field or ""
    entry: Dict[str, Any] = {resource.id.name: dict(type="str"), name: dict(type="str")}
    entry.update(_settings_spec(resource))
    spec = dict(_settings_spec(resource))
    spec[resource.plural] = dict(type="list", elements="dict", required=True, options=entry, required_one_of=[(resource.id.name, name)])
    return spec


class BulkRun:
    def __init__(self, task: Task, resource: Resource) -> None:
        self.task = task
        self.resource = resource
        self.name_field = resource.name_field or ""
        self.names = resource.by_name[self.name_field]
        self.shared = list(_settings_spec(resource))

    def entries(self) -> Tuple[List[Record], List[Record]]:
        """Each entry's id and name in canonical form, and its desired settings (top-level ones fill the gaps)."""
        params, resource = self.task.params, self.resource
        entries, desired = [], []
        for index, entry in enumerate(params[resource.plural]):
            merged = dict((name, entry[name] if entry[name] is not None else params[name]) for name in self.shared)
            try:
                entries.append(
                    {
                        "id": resource.id.from_task(entry[resource.id.name]) if entry[resource.id.name] is not None else None,
                        "name": self.names.from_task(entry[self.name_field]) if entry[self.name_field] is not None else None,
                    }
                )
                wanted = resource.desired(merged)
                resource.check(wanted)
                desired.append(wanted)
            except InvalidValue as exc:
                raise TaskError("%s[%d] (%s): %s" % (resource.plural, index, entry[resource.id.name] or entry[self.name_field], exc)) from None
        return entries, desired

    def match(self, entries: List[Record], items: List[Record]) -> List[Optional[Record]]:
        """The object each entry names; every problem (missing, ambiguous, listed twice, renamed) fails the task at once."""
        resource = self.resource
        by_id = dict((resource.id.from_api(item["id"]), item) for item in items)
        by_name: Dict[Any, List[Record]] = {}
        for item in items:
            by_name.setdefault(self.names.from_api(item.get(self.name_field)), []).append(item)
        matched: List[Optional[Record]] = []
        problems: List[str] = []
        seen: Dict[str, int] = {}
        for index, entry in enumerate(entries):
            label = "%s[%d]" % (resource.plural, index)
            if entry["id"]:
                found = [by_id[entry["id"]]] if entry["id"] in by_id else []
                wanted = "id %s" % entry["id"]
            else:
                found = by_name.get(entry["name"], [])
                wanted = "name %s" % entry["name"]
            key = str(found[0]["id"]) if len(found) == 1 else None
            if not found:
                problems.append("%s: no %s has the %s" % (label, resource.title, wanted))
            elif len(found) > 1:
                problems.append(
                    "%s: %d %s have the %s (ids: %s); use %s"
                    % (label, len(found), resource.plural_title, wanted, ", ".join(str(item["id"]) for item in found), resource.id.name)
                )
            elif entry["id"] and entry["name"] and self.names.from_api(found[0].get(self.name_field)) != entry["name"]:
                problems.append(
                    "%s: %s %s is named %s, not %s; %s"
                    % (label, resource.title, entry["id"], found[0].get(self.name_field), entry["name"], resource.renaming[0])
                )
            elif key in seen:
                problems.append("%s: %s %s is also listed as %s[%d]" % (label, resource.title, key, resource.plural, seen[key]))
            else:
                seen[str(key)] = index
            matched.append(found[0] if len(found) == 1 else None)
        if problems:
            raise TaskError("Nothing was changed: %s" % "; ".join(problems), problems=problems)
        return matched

    def run(self) -> Dict[str, Any]:
        resource, task = self.resource, self.task
        entries, desired = self.entries()
        api = ResourceApi(task.client, task.account_id, resource)
        with task.lock(resource.path):
            try:
                items = api.list() if entries else []
            except CloudflareApiError as error:
                raise task.api_failure(error, "reading Email Security %s" % resource.plural_title) from None
            matched = [item for item in self.match(entries, items) if item is not None]
            patches: List[Record] = []
            diffs: List[Dict[str, Any]] = []
            changes_out: List[Dict[str, Any]] = []
            for item, wanted in zip(matched, desired):
                current = resource.current(item)
                changes = resource.changes(wanted, item, current)
                if not changes:
                    continue
                problem = resource.write_problem(changes, "update", stored=current)
                if problem:
                    raise TaskError("Nothing was changed: Cloudflare would refuse the change of %s %s: %s" % (resource.title, item["id"], problem))
                patches.append(dict(changes, id=item["id"]))
                changes_out.append({"id": str(item["id"]), self.name_field: item.get(self.name_field), "changes": changes})
                header = "%s (%s)" % (item.get(self.name_field), item["id"])
                before = dict((name, current.get(name)) for name in wanted)
                diffs.append(dict(before=before, after=wanted, before_header=header, after_header=header))
            after = dict((str(item["id"]), item) for item in matched)
            if task.check_mode:
                for change in changes_out:
                    after[change["id"]] = dict(after[change["id"]], **change["changes"])
            elif patches:
                self.send(api, patches, after)
        result: Dict[str, Any] = dict(changed=bool(patches), changes=changes_out)
        result[resource.plural] = [after[str(item["id"])] for item in matched]
        if task.diff_mode:
            result["diff"] = diffs
        return result

    def send(self, api: ResourceApi, patches: List[Record], after: Dict[str, Record]) -> None:
        """Send the patches, keeping what the API returns in ``after``; on failure say what was and was not applied."""
        outcome = send_batches(api, [], patches, [])
        self.task.warn_all(outcome.mismatches)
        for updated in outcome.done["patches"]:
            after[str(updated["id"])] = updated
        if not outcome.failed:
            return
        ids = dict((kind, [str(patch["id"]) for patch in getattr(outcome, kind)["patches"]]) for kind in ("done", "maybe", "refused", "left_out", "not_sent"))
        # The domains batch is not atomic: a refused call may have applied some of its patches.
        maybe = ids["maybe"] + ids["refused"]
        not_updated = ids["left_out"] + ids["not_sent"]
        action = (
            "updating Email Security %s in a batch (%d of %d changed %s were updated by earlier batches; %d were in the failed batch, which"
            " Cloudflare may have applied in part; %d were not sent%s)"
            % (
                self.resource.plural_title,
                len(ids["done"]),
                len(patches),
                self.resource.plural_title,
                len(maybe),
                len(ids["not_sent"]),
                "; %d were left out of Cloudflare's answer and are counted as not updated" % len(ids["left_out"]) if ids["left_out"] else "",
            )
        )
        result: Dict[str, Any] = dict(changed=bool(ids["done"] or maybe), updated=ids["done"], maybe_updated=maybe, not_updated=not_updated)
        if outcome.error is not None:
            raise self.task.api_failure(outcome.error, action, **result)
        raise TaskError("Failed %s: %s." % (action, outcome.unaccounted), **result)


def run_bulk_module(resource: Resource) -> None:
    task = Task(argument_spec(resource))
    task.run(lambda: BulkRun(task, resource).run())
