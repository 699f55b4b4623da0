# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The three kinds of module every declared resource gets, wired to Ansible.

This file is private to the collection: its interface may change without notice.
A module file holds its documentation and calls one of ``run_entry_module`` (one object, ``state``),
``run_info_module`` (read) or ``run_list_module`` (the whole list in one task, batch calls) with its
resource's declaration; everything else comes from the declaration.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.cloudflare_community.email_security.plugins.module_utils._api import CloudflareApiError
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._connection import (
    client_from_module,
    connection_argument_spec,
    fail_on_api_error,
)
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._resource import InvalidValue, Record, Resource
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._resource_api import BATCH_SIZE, ResourceApi

# How many entries one warning names before it only counts the rest.
WARNING_ENTRIES = 10


def _title(resource: Resource, plural: bool = False) -> str:
    return "Email Security " + (resource.plural_title if plural else resource.title)


def _ids(items: List[Record]) -> str:
    return ", ".join(str(item["id"]) for item in items)


def _warn_about(module: AnsibleModule, resource: Resource, records: List[Record]) -> None:
    warnings = [warning for record in records for warning in resource.warnings(record)]
    for warning in warnings[:WARNING_ENTRIES]:
        module.warn(warning)
    if len(warnings) > WARNING_ENTRIES:
        module.warn("%d more entries deserve the same warning as the ones above" % (len(warnings) - WARNING_ENTRIES))


# -- one object


def entry_argument_spec(resource: Resource) -> Dict[str, Any]:
    spec = connection_argument_spec()
    spec[resource.id.name] = dict(type="str")
    spec["state"] = dict(type="str", default="present", choices=["present", "absent"])
    spec.update(resource.argument_spec())
    return spec


def _with_article(noun: str) -> str:
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


class EntryTask:
    """One run of a single-object module: find the object, then create, update or remove it.

    A module whose resource deserves other wording overrides ``label``, ``ambiguous``, ``frozen`` and
    ``mismatch`` (see email_security_domain); the flow is the same for every resource.
    """

    def __init__(self, module: AnsibleModule, api: ResourceApi, object_id: Optional[str], desired: Record) -> None:
        self.module = module
        self.api = api
        self.resource = api.resource
        self.title = _title(self.resource)
        self.object_id = object_id
        self.desired = desired
        self.key = self.resource.key_of(desired) if self.names_key() else None
        self.action = "looking up %s %s" % (self.title, self.name())

    def names_key(self) -> bool:
        """Whether the task sets every field of the natural key that has no default."""
        return all(self.desired.get(name) is not None or name in self.resource.key_defaults for name in self.resource.key)

    def name(self) -> str:
        """How messages name the object: its id once known, else its natural key."""
        return self.object_id or self.label()

    # -- the wording a module may change

    def label(self) -> str:
        """The task's natural key as messages show it."""
        return self.resource.describe_key(self.key or ())

    def ambiguous(self, matches: List[Record]) -> str:
        return "%d %s of account %s match %s (ids: %s); set %s to choose one" % (
            len(matches),
            _title(self.resource, plural=True),
            self.api.account_id,
            self.label(),
            _ids(matches),
            self.resource.id.name,
        )

    def frozen(self, item: Record, names: List[str]) -> str:
        """Why the task cannot change ``names`` of ``item`` (fields fixed at creation)."""
        return "%s %s cannot change %s after it is created" % (self.title, self.object_id, ", ".join(names))

    def mismatch(self, item: Record) -> Optional[str]:
        """Why nothing is removed when the object named by id is not the one the task describes, or None."""
        actual = self.resource.key_of(self.resource.current(item))
        wanted = self.resource.key_of(self.desired)
        differs = [name for name, have, want in zip(self.resource.key, actual, wanted) if self.desired.get(name) is not None and have != want]
        if not differs:
            return None
        return "%s %s is %s, not %s; nothing was removed" % (
            self.title,
            self.object_id,
            self.resource.describe_key(actual),
            ", ".join("%s=%s" % (name, self.desired[name]) for name in differs),
        )

    # -- the flow

    def run(self) -> Dict[str, Any]:
        present = self.module.params["state"] == "present"
        if present and self.object_id:
            return self.update(self.api.get(self.object_id))
        current = self.find()
        if not present:
            return self.remove(current)
        return self.create() if current is None else self.update(current)

    def find(self) -> Optional[Record]:
        if self.object_id:
            return self.api.get_or_none(self.object_id)
        matches = self.api.find(self.key or ())
        if len(matches) > 1:
            self.module.fail_json(msg=self.ambiguous(matches))
        return matches[0] if matches else None

    def update(self, item: Record) -> Dict[str, Any]:
        self.object_id = str(item["id"])
        changes = self.resource.changes(self.desired, item)
        frozen = [name for name in changes if name not in self.resource.mutable]
        if frozen:
            self.module.fail_json(msg=self.frozen(item, frozen))
        self.refuse_locked(item, "change %s of" % ", ".join(sorted(changes)) if changes else None)
        self.action = "updating %s %s" % (self.title, self.object_id)
        current = self.resource.current(item)
        after = dict(current, **changes)
        self.check(after)
        result: Dict[str, Any] = dict(changed=bool(changes))
        result[self.resource.kind] = item
        if changes and self.module.check_mode:
            result[self.resource.kind] = dict(item, **changes)
        elif changes:
            updated = self.api.update(self.object_id, changes)
            reported = self.resource.current(updated)
            for name, value in changes.items():
                if reported.get(name) != value:
                    self.module.warn("Cloudflare accepted the change of %s but reports %r instead of %r" % (name, reported.get(name), value))
            result[self.resource.kind] = updated
        # The managed fields that may change: before as they are, after as the task wants them.
        managed = [name for name in self.desired if name in self.resource.mutable]
        return self.with_diff(result, dict((name, current.get(name)) for name in managed), dict((name, after[name]) for name in managed))

    def refuse_locked(self, item: Record, what: Optional[str]) -> None:
        """Fail before writing if the task would ``what`` (change or remove) an object that belongs to another system."""
        reason = self.resource.locked(item) if what else None
        if reason:
            self.module.fail_json(msg="The task would %s %s %s, which %s; nothing was changed" % (what, self.title, self.object_id, reason))

    def check(self, record: Record) -> None:
        try:
            self.resource.check(record)
        except InvalidValue as exc:
            self.module.fail_json(msg=str(exc))
        _warn_about(self.module, self.resource, [record])

    def create(self) -> Dict[str, Any]:
        body, missing = self.resource.create_body(self.desired)
        if missing:
            needs = ", ".join(self.resource.required_to_create)
            self.module.fail_json(
                msg="%s %s does not exist in account %s; to create it, also set %s (creating %s needs %s)"
                % (self.title, self.label(), self.api.account_id, ", ".join(missing), _with_article(self.resource.title), needs)
            )
        self.check(body)
        self.action = "creating %s %s" % (self.title, self.label())
        created = dict(body) if self.module.check_mode else self.api.create(body)
        result: Dict[str, Any] = dict(changed=True)
        result[self.resource.kind] = created
        return self.with_diff(result, {}, body)

    def remove(self, item: Optional[Record]) -> Dict[str, Any]:
        result: Dict[str, Any] = dict(changed=False)
        result[self.resource.kind] = {}
        if item is None:
            return self.with_diff(result, {}, {})
        self.object_id = str(item["id"])
        refusal = self.mismatch(item)
        if refusal:
            self.module.fail_json(msg=refusal)
        self.refuse_locked(item, "remove")
        self.action = "removing %s %s" % (self.title, self.object_id)
        result["changed"] = True if self.module.check_mode else self.api.delete(self.object_id)
        return self.with_diff(result, item if result["changed"] else {}, {})

    def with_diff(self, result: Dict[str, Any], before: Record, after: Record) -> Dict[str, Any]:
        if self.module._diff:
            result["diff"] = dict(before=before, after=after)
        return result


def run_entry_module(resource: Resource, task_class: Any = EntryTask) -> None:
    """The single-entry module of ``resource``; ``task_class`` may be an EntryTask with the module's own wording."""
    needed = [name for name in resource.key if name not in resource.key_defaults]
    id_option = resource.id.name
    # A one-field key: Ansible itself says that the id or the key is needed; a longer key is checked below.
    one_of = [tuple([id_option] + needed)] if len(needed) == 1 else []
    module = AnsibleModule(argument_spec=entry_argument_spec(resource), required_one_of=one_of, supports_check_mode=True)
    try:
        object_id = resource.id.from_task(module.params[id_option]) if module.params[id_option] is not None else None
        desired = resource.desired(module.params)
        resource.check(desired)
    except InvalidValue as exc:
        module.fail_json(msg=str(exc))
    api = ResourceApi(client_from_module(module), module.params["account_id"], resource)
    task = task_class(module, api, object_id, desired)
    if object_id is None and task.key is None:
        module.fail_json(msg="Set %s, or %s, to say which %s the task is about" % (id_option, " and ".join(needed), resource.title))
    try:
        result = task.run()
    except CloudflareApiError as error:
        fail_on_api_error(module, error, action=task.action, not_found="%s %s was not found in account %s" % (task.title, task.name(), api.account_id))
    module.exit_json(**result)


# -- reading


def info_argument_spec(resource: Resource) -> Dict[str, Any]:
    spec = connection_argument_spec()
    spec[resource.id.name] = dict(type="str")
    spec.update((field.name, field.filter_spec()) for field in resource.list_filters)
    return spec


def _query_value(value: Any) -> Any:
    """A filter's value as the API's query string spells it (booleans in lower case)."""
    return ("true" if value else "false") if isinstance(value, bool) else value


def run_info_module(resource: Resource) -> None:
    filters = [field.name for field in resource.list_filters]
    module = AnsibleModule(
        argument_spec=info_argument_spec(resource), mutually_exclusive=[(resource.id.name, name) for name in filters], supports_check_mode=True
    )
    try:
        object_id = resource.id.from_task(module.params[resource.id.name]) if module.params[resource.id.name] is not None else None
    except InvalidValue as exc:
        module.fail_json(msg=str(exc))
    api = ResourceApi(client_from_module(module), module.params["account_id"], resource)
    try:
        if object_id:
            found = api.get_or_none(object_id)
            items = [found] if found is not None else []
        else:
            items = api.list(dict((name, _query_value(module.params[name])) for name in filters if module.params[name] is not None))
    except CloudflareApiError as error:
        fail_on_api_error(module, error, action="reading %s" % _title(resource, plural=True))
    items.sort(key=lambda item: (str(item.get("created_at") or ""), str(item["id"])))
    result: Dict[str, Any] = dict(changed=False, entries=[resource.entry(item) for item in items])
    result[resource.plural] = items
    module.exit_json(**result)


# -- the whole list


def list_argument_spec(resource: Resource) -> Dict[str, Any]:
    spec = connection_argument_spec()
    options = resource.argument_spec()
    for name in resource.key:
        if name not in resource.key_defaults:
            options[name]["required"] = True
    spec.update(
        entries=dict(type="list", elements="dict", required=True, options=options),
        purge=dict(type="bool", default=False),
        allow_empty=dict(type="bool", default=False),
    )
    return spec


class ListPlan:
    """What one run of a list module does: objects to create, to change and to remove, with their diffs."""

    def __init__(self) -> None:
        self.posts: List[Record] = []
        self.patches: List[Record] = []
        self.deletes: List[Record] = []
        self.diffs: List[Dict[str, Any]] = []
        self.records: List[Record] = []
        # The objects as they should be after the patches, for check mode.
        self.predicted_updates: List[Record] = []

    def add_diff(self, header: str, before: Record, after: Record) -> None:
        self.diffs.append(dict(before=before, after=after, before_header=header, after_header=header))


def desired_entries(module: AnsibleModule, resource: Resource) -> Dict[Tuple[Any, ...], Record]:
    """The task's entries by natural key, canonical and checked; every problem is reported at once, before any request."""
    problems, wanted = [], {}
    for index, entry in enumerate(module.params["entries"]):
        try:
            desired = resource.desired(entry)
            resource.check(desired)
        except InvalidValue as exc:
            problems.append("entries[%d]: %s" % (index, exc))
            continue
        key = resource.key_of(desired)
        if key in wanted:
            problems.append("entries[%d]: %s is already in the list" % (index, resource.describe_key(key)))
        wanted[key] = desired
    if not wanted and module.params["purge"] and not module.params["allow_empty"]:
        problems.append(
            "entries is empty and purge is true, which would remove every %s of the account; if that is what you want, also set"
            " allow_empty: true" % resource.title
        )
    if problems:
        module.fail_json(msg="Nothing was changed: " + "; ".join(problems))
    return wanted


def plan_list(module: AnsibleModule, resource: Resource, wanted: Dict[Tuple[Any, ...], Record], items: List[Record]) -> ListPlan:
    plan = ListPlan()
    locked: List[str] = []
    by_key: Dict[Tuple[Any, ...], List[Record]] = {}
    for item in items:
        by_key.setdefault(resource.key_of(resource.current(item)), []).append(item)
    ambiguous = [
        "%d entries of the account match %s (ids: %s)" % (len(by_key[key]), resource.describe_key(key), _ids(by_key[key]))
        for key in wanted
        if len(by_key.get(key, [])) > 1
    ]
    if ambiguous:
        module.fail_json(
            msg="Nothing was changed: %s; remove the extra ones with the email_security_%s module and its %s option"
            % ("; ".join(ambiguous), resource.kind, resource.id.name)
        )
    for key, desired in wanted.items():
        header = resource.describe_key(key)
        if key not in by_key:
            body, missing = resource.create_body(desired)
            if missing:
                module.fail_json(msg="Nothing was changed: %s needs %s to be created" % (header, ", ".join(missing)))
            plan.posts.append(body)
            plan.records.append(body)
            plan.add_diff(header, {}, resource.entry(body))
            continue
        item = by_key[key][0]
        changes = resource.changes(desired, item)
        after = dict(resource.current(item), **changes)
        plan.records.append(after)
        reason = resource.locked(item) if changes else None
        if reason:
            locked.append("%s (id %s) %s" % (header, item["id"], reason))
        elif changes:
            plan.patches.append(dict(changes, id=item["id"]))
            plan.predicted_updates.append(dict(item, **changes))
            plan.add_diff(header, resource.entry(item), resource.entry(after))
    if locked:
        module.fail_json(msg="Nothing was changed: the task would change entries that belong to another system: %s" % "; ".join(locked))
    if module.params["purge"]:
        for key, extra in by_key.items():
            if key not in wanted:
                for item in extra:
                    if resource.locked(item):
                        continue  # reported by the _info module, never purged
                    plan.deletes.append(item)
                    plan.add_diff(resource.describe_key(key), resource.entry(item), {})
    return plan


def send_plan(module: AnsibleModule, api: ResourceApi, plan: ListPlan) -> Dict[str, List[Record]]:
    """Send the plan in batch calls of at most BATCH_SIZE operations of each kind; on failure say what was applied."""
    done: Dict[str, List[Record]] = dict(created=[], updated=[], removed=[])
    calls = max(len(plan.posts), len(plan.patches), len(plan.deletes))
    sent = dict(deletes=0, patches=0, posts=0)
    try:
        for start in range(0, calls, BATCH_SIZE):
            end = start + BATCH_SIZE
            deletes, patches, posts = plan.deletes[start:end], plan.patches[start:end], plan.posts[start:end]
            answer = api.batch([str(item["id"]) for item in deletes], patches, posts)
            done["removed"] += deletes
            done["updated"] += answer["patches"]
            done["created"] += answer["posts"]
            sent.update(deletes=sent["deletes"] + len(deletes), patches=sent["patches"] + len(patches), posts=sent["posts"] + len(posts))
    except CloudflareApiError as error:
        failed_end = min(calls, start + BATCH_SIZE)
        in_failed = sum(len(getattr(plan, kind)[start:failed_end]) for kind in ("deletes", "patches", "posts"))
        applied = sum(sent.values())
        total = len(plan.deletes) + len(plan.patches) + len(plan.posts)
        fail_on_api_error(
            module,
            error,
            action="applying the changes to the %s in batch calls (%d of %d changes were applied by earlier calls; %d were in the failed"
            " call, which Cloudflare may have applied in part; %d were not sent)"
            % (_title(api.resource, plural=True), applied, total, in_failed, total - applied - in_failed),
            changed=bool(applied or in_failed),
            applied=applied,
            maybe_applied=in_failed,
            not_applied=total - applied - in_failed,
            created=done["created"],
            updated=done["updated"],
            removed=done["removed"],
        )
    return done


def run_list_module(resource: Resource) -> None:
    module = AnsibleModule(argument_spec=list_argument_spec(resource), supports_check_mode=True)
    wanted = desired_entries(module, resource)
    api = ResourceApi(client_from_module(module), module.params["account_id"], resource)
    try:
        items = api.list()
    except CloudflareApiError as error:
        fail_on_api_error(module, error, action="reading %s" % _title(resource, plural=True))
    plan = plan_list(module, resource, wanted, items)
    _warn_about(module, resource, plan.records)
    if module.check_mode:
        done = dict(created=plan.posts, updated=plan.predicted_updates, removed=plan.deletes)
    else:
        done = send_plan(module, api, plan)
    result: Dict[str, Any] = dict(changed=bool(plan.posts or plan.patches or plan.deletes), **done)
    if module._diff:
        result["diff"] = plan.diffs
    module.exit_json(**result)
