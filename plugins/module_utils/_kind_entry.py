# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The single-entry kind of module: one object, by id or by its natural key, present or absent.

This file is private to the collection: its interface may change without notice.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from ansible_collections.cloudflare_community.email_security.plugins.module_utils._api import CloudflareApiError
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._kit import Task, TaskError
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._resource import Record, Resource
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._resource_api import ResourceApi

# What the kind returns, besides the resource's object under its kind's name (held to each module's RETURN by a test).
RETURNS = ("diff",)


def argument_spec(resource: Resource) -> Dict[str, Any]:
    spec: Dict[str, Any] = {resource.id.name: dict(type="str"), "state": dict(type="str", default="present", choices=["present", "absent"])}
    spec.update(resource.argument_spec())
    return spec


def _with_article(noun: str) -> str:
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


class EntryRun:
    """One run: find the object, then create, update or remove it; every message in the resource's words."""

    def __init__(self, task: Task, resource: Resource) -> None:
        self.task = task
        self.resource = resource
        self.title = "Email Security " + resource.title
        params = task.params
        self.object_id = resource.id.from_task(params[resource.id.name]) if params[resource.id.name] is not None else None
        self.desired = resource.desired(params)
        resource.check(self.desired)
        self.key = resource.key_of(self.desired) if self.names_key() else None
        if self.object_id is None and self.key is None:
            needed = [name for name in resource.key if name not in resource.key_defaults]
            raise TaskError("Set %s, or %s, to say which %s the task is about" % (resource.id.name, " and ".join(needed), resource.title))
        self.api = ResourceApi(task.client, task.account_id, resource)

    def names_key(self) -> bool:
        """Whether the task sets every field of the natural key that has no default."""
        return all(self.desired.get(name) is not None or name in self.resource.key_defaults for name in self.resource.key)

    # -- the words

    def label(self) -> str:
        """The task's natural key as messages show it: a name as it is, other keys as field=value pairs."""
        if self.resource.name_field:
            return str(self.desired.get(self.resource.name_field) or "")
        return self.resource.describe_key(self.key or ())

    def name(self) -> str:
        return self.object_id or self.label()

    def ambiguous(self, matches: List[Record]) -> str:
        ids = ", ".join(str(match["id"]) for match in matches)
        if self.resource.name_field:
            return "%d Email Security %s of account %s are named %s (ids: %s); set %s to choose one" % (
                len(matches),
                self.resource.plural_title,
                self.api.account_id,
                self.label(),
                ids,
                self.resource.id.name,
            )
        return "%d Email Security %s of account %s match %s (ids: %s); set %s to choose one" % (
            len(matches),
            self.resource.plural_title,
            self.api.account_id,
            self.label(),
            ids,
            self.resource.id.name,
        )

    def frozen(self, current: Record, names: List[str]) -> str:
        """Why the task cannot change ``names`` (fields fixed at creation)."""
        name_field = self.resource.name_field
        if name_field in names:
            actual, wanted = current.get(name_field), self.label()
            refusal, hint = self.resource.renaming
            return "%s %s is named %s, not %s, and %s. %s" % (self.title, self.object_id, actual, wanted, refusal, hint.format(actual=actual, wanted=wanted))
        return "%s %s cannot change %s after it is created" % (self.title, self.object_id, ", ".join(names))

    def mismatch(self, current: Record) -> Optional[str]:
        """Why nothing is removed when the object named by id is not the one the task describes, or None."""
        actual = self.resource.key_of(current)
        wanted = self.resource.key_of(self.desired)
        differs = [name for name, have, want in zip(self.resource.key, actual, wanted) if self.desired.get(name) is not None and have != want]
        if not differs:
            return None
        if self.resource.name_field:
            return "%s %s is named %s, not %s; nothing was removed" % (self.title, self.object_id, current.get(self.resource.name_field), self.label())
        return "%s %s is %s, not %s; nothing was removed" % (
            self.title,
            self.object_id,
            self.resource.describe_key(actual),
            ", ".join("%s=%s" % (name, self.desired[name]) for name in differs),
        )

    def not_found(self) -> str:
        return "%s %s was not found in account %s" % (self.title, self.name(), self.api.account_id)

    # -- the flow

    def run(self) -> Dict[str, Any]:
        with self.task.lock(self.resource.path):
            present = self.task.params["state"] == "present"
            if present and self.object_id:
                return self.update(self.read(lambda: self.api.get(self.object_id or "")))
            current = self.read(self.find)
            if not present:
                return self.remove(current)
            return self.create() if current is None else self.update(current)

    def read(self, how: Any) -> Any:
        try:
            return how()
        except CloudflareApiError as error:
            raise self.task.api_failure(error, "looking up %s %s" % (self.title, self.name()), not_found=self.not_found()) from None

    def find(self) -> Optional[Record]:
        if self.object_id:
            return self.api.get_or_none(self.object_id)
        matches = self.api.find(self.key or (), self.desired)
        if len(matches) > 1:
            raise TaskError(self.ambiguous(matches))
        return matches[0] if matches else None

    def write(self, action: str, how: Any) -> Any:
        """Send one write; on failure, say whether Cloudflare may have applied it all the same."""
        try:
            return how()
        except CloudflareApiError as error:
            raise self.task.write_failure(
                error, "%s %s" % (action, self.title + (" " + self.object_id if self.object_id else " " + self.label())), self.not_found()
            ) from None

    def refuse(self, record: Record, operation: str, stored: Optional[Record] = None) -> None:
        """Fail before sending anything Cloudflare would refuse (the fake's own rules on the body)."""
        problem = self.resource.write_problem(record, operation, stored)
        if problem:
            raise TaskError("Nothing was sent: %s" % problem)

    def warn_reported(self, sent: Record, answered: Record) -> None:
        for name, reported, value in self.resource.reported_differently(sent, answered):
            self.task.warn("Cloudflare accepted the change of %s but reports %r instead of %r" % (name, reported, value))

    def refuse_locked(self, item: Record, current: Record, what: Optional[str]) -> None:
        """Fail before writing if the task would ``what`` (change or remove) an object that belongs to another system."""
        reason = self.resource.locked(item, current) if what else None
        if reason:
            raise TaskError("The task would %s %s %s, which %s; nothing was changed" % (what, self.title, self.object_id, reason))

    def update(self, item: Record) -> Dict[str, Any]:
        self.object_id = str(item["id"])
        current = self.resource.current(item)
        changes = self.resource.changes(self.desired, item, current)
        frozen = [name for name in changes if name not in self.resource.mutable]
        if frozen:
            raise TaskError(self.frozen(current, frozen))
        self.refuse_locked(item, current, "change %s of" % ", ".join(sorted(changes)) if changes else None)
        after = dict(current, **changes)
        self.resource.check(after)
        self.task.warn_all(self.resource.warnings(after))
        result: Dict[str, Any] = dict(changed=bool(changes))
        result[self.resource.kind] = item
        if changes:
            self.refuse(changes, "update", stored=current)
        if changes and self.task.check_mode:
            result[self.resource.kind] = dict(item, **changes)
        elif changes:
            updated = self.write("updating", lambda: self.api.update(self.object_id or "", changes))
            self.warn_reported(changes, updated)
            result[self.resource.kind] = updated
        # The managed fields that may change: before as they are, after as the task wants them.
        managed = [name for name in self.desired if name in self.resource.mutable]
        return self.with_diff(result, dict((name, current.get(name)) for name in managed), dict((name, after[name]) for name in managed))

    def create(self) -> Dict[str, Any]:
        body, missing = self.resource.create_body(self.desired)
        if missing:
            raise TaskError(
                "%s %s does not exist in account %s; to create it, also set %s (creating %s needs %s)"
                % (
                    self.title,
                    self.label(),
                    self.api.account_id,
                    ", ".join(missing),
                    _with_article(self.resource.title),
                    ", ".join(self.resource.required_to_create),
                )
            )
        self.resource.check(body)
        self.task.warn_all(self.resource.warnings(body))
        self.refuse(body, "create")
        created = dict(body) if self.task.check_mode else self.write("creating", lambda: self.api.create(body))
        if not self.task.check_mode:
            self.warn_reported(body, created)
        result: Dict[str, Any] = dict(changed=True)
        result[self.resource.kind] = created
        return self.with_diff(result, {}, body)

    def remove(self, item: Optional[Record]) -> Dict[str, Any]:
        result: Dict[str, Any] = dict(changed=False)
        result[self.resource.kind] = {}
        if item is None:
            return self.with_diff(result, {}, {})
        self.object_id = str(item["id"])
        current = self.resource.current(item)
        refusal = self.mismatch(current)
        if refusal:
            raise TaskError(refusal)
        self.refuse_locked(item, current, "remove")
        result["changed"] = True if self.task.check_mode else self.write("removing", lambda: self.api.delete(self.object_id or ""))
        return self.with_diff(result, item if result["changed"] else {}, {})

    def with_diff(self, result: Dict[str, Any], before: Record, after: Record) -> Dict[str, Any]:
        if self.task.diff_mode:
            result["diff"] = dict(before=before, after=after)
        return result


def run_entry_module(resource: Resource) -> None:
    """The single-entry module of ``resource``."""
    needed = [name for name in resource.key if name not in resource.key_defaults]
    # A one-field key: Ansible itself says that the id or the key is needed; a longer key is checked by EntryRun.
    one_of = [tuple([resource.id.name] + needed)] if len(needed) == 1 else []
    task = Task(argument_spec(resource), required_one_of=one_of)
    task.run(lambda: EntryRun(task, resource).run())
