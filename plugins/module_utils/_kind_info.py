# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The _info kind of module: one object by id, or the whole list with the API's filters, in a stable order.

This file is private to the collection: its interface may change without notice.
"""

from __future__ import annotations

from typing import Any, Callable, Dict, List, Optional, Tuple

from ansible_collections.cloudflare_community.email_security.plugins.module_utils._api import CloudflareApiError
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._kit import Task
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._resource import Record, Resource
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._resource_api import ResourceApi

# What the kind returns, besides the list under the resource's list key (held to each module's RETURN by a test).
RETURNS = ("entries",)


def argument_spec(resource: Resource) -> Dict[str, Any]:
    spec: Dict[str, Any] = {resource.id_option: dict(type="str")} if resource.id_option else {}
    spec.update((field.name, field.filter_spec()) for field in resource.list_filters)
    return spec


def returns(resource: Resource) -> Tuple[str, ...]:
    """What the _info module of ``resource`` returns: its list, and the list in the form a task takes when a task can set fields."""
    keys = (resource.list_key,) + (RETURNS if resource.writable else ())
    return keys + ((resource.deprecated_list_key,) if resource.deprecated_list_key else ())


def query_value(value: Any) -> Any:
    """A filter's value as the API's query string spells it (booleans in lower case)."""
    return ("true" if value else "false") if isinstance(value, bool) else value


def task_filters(task: Task, resource: Resource) -> Dict[str, Any]:
    """The list filters the task sets, canonical; raises InvalidValue."""
    return dict((field.name, field.from_task(task.params[field.name])) for field in resource.list_filters if task.params.get(field.name) is not None)


def read(task: Task, resource: Resource) -> List[Record]:
    """The objects the task asks for: one by id, or the list with the task's filters, sorted by the declared key."""
    id_option = resource.id_option
    object_id = resource.id.from_task(task.params[id_option]) if id_option and task.params[id_option] is not None else None
    filters = task_filters(task, resource)
    api = ResourceApi(task.client, task.account_id, resource)
    try:
        if object_id:
            found = api.get_or_none(object_id)
            items = [found] if found is not None else []
        else:
            items = _listed(api, resource, dict((name, query_value(value)) for name, value in filters.items()))
    except CloudflareApiError as error:
        raise task.api_failure(error, "reading Email Security %s" % resource.plural_title) from None
    items.sort(key=lambda item: sort_key(resource, item))
    return items


def sort_key(resource: Resource, item: Record) -> Tuple[Tuple[int, int, str], ...]:
    """The declared order: by canonical value for the declared fields (a name in any case), as reported for the others;
    integer ids as numbers (2 before 10), before any text."""
    values = resource.current(item)
    return tuple(_ordered(values.get(name) if name in resource.by_name else item.get(name)) for name in resource.sort_key)


def _ordered(value: Any) -> Tuple[int, int, str]:
    if isinstance(value, int) and not isinstance(value, bool):
        return (0, value, "")
    return (1, 0, str(value or ""))


def _listed(api: ResourceApi, resource: Resource, query: Dict[str, Any]) -> List[Record]:
    """The list; names given to the key filter are asked of the API, then matched here, and looked for in the whole
    list when the API's filter (whose handling of case the contract does not state) finds none of them."""
    name = resource.key_filter
    if not name or name not in query:
        return api.list(query)
    field = resource.by_name[name]
    wanted = set(query[name])
    found = [item for item in api.list(query) if field.from_api(item.get(name)) in wanted]
    missing = wanted - set(field.from_api(item.get(name)) for item in found)
    if missing:
        rest = dict((key, value) for key, value in query.items() if key != name)
        seen = set(str(item["id"]) for item in found)
        found += [item for item in api.list(rest) if field.from_api(item.get(name)) in missing and str(item["id"]) not in seen]
    return found


def run_info_module(
    resource: Resource,
    options: Optional[Dict[str, Any]] = None,
    more: Optional[Callable[[Task, List[Record]], Dict[str, Any]]] = None,
    before: Optional[Callable[[Task], None]] = None,
) -> None:
    """The _info module of ``resource``; ``options``, ``before`` (checks them before any request) and ``more`` (what
    it adds to the result) for a module that reads more."""
    filters = [field.name for field in resource.list_filters]
    spec = argument_spec(resource)
    spec.update(options or {})
    task = Task(spec, mutually_exclusive=[(resource.id_option, name) for name in filters] if resource.id_option else [])

    def flow() -> Dict[str, Any]:
        if before:
            before(task)
        items = read(task, resource)
        result: Dict[str, Any] = dict(changed=False)
        if resource.writable:
            result["entries"] = [resource.entry(item) for item in items]
        result[resource.list_key] = items
        if more:
            result.update(more(task, items))
        if resource.deprecated_list_key:
            # Documented as deprecated (a run cannot tell which key a play reads, so it does not warn).
            result[resource.deprecated_list_key] = items
        return result

    task.run(flow)
