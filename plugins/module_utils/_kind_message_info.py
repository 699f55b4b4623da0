# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The message search kind of module: messages found by the investigation's filters, or read by their ids.

This file is private to the collection: its interface may change without notice.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable, Dict, List, Optional, Tuple

from ansible_collections.cloudflare_community.email_security.plugins.module_utils._api import CloudflareApiError, UnexpectedResponse, describe, path_segment
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._kind_info import query_value, task_filters
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._kit import Task, TaskError
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._message import INCLUDES, MAX_IDS, MESSAGE, window_problem
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._resource import Record
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._resource_api import ResourceApi

RETURNS = ("messages", "truncated", "not_found")
# Reads running at once: well within Cloudflare's 200 requests per second, and kind to its 1200 per five minutes.
READERS = 4
# The most extra reads (detections, trace, raw, preview) one task may make.
MAX_INCLUDE_READS = 1000
SEARCH_PAGE = 1000
# The field of the answer that holds what include reads, where it is one string.
INCLUDED_FIELDS = {"raw": "raw", "preview": "screenshot"}


def argument_spec() -> Dict[str, Any]:
    spec: Dict[str, Any] = dict((field.name, field.filter_spec()) for field in MESSAGE.list_filters)
    spec.update(
        ids=dict(type="list", elements="str"),
        limit=dict(type="int", default=1000),
        include=dict(type="list", elements="str", choices=list(INCLUDES), default=[]),
    )
    return spec


def message_ids(values: List[Any]) -> List[str]:
    """The ids a task gives, checked, each once, in the order given; raises InvalidValue (before any request)."""
    ids: List[str] = []
    for value in values:
        checked = MESSAGE.id.from_task(value)
        if checked not in ids:
            ids.append(checked)
    if not ids:
        raise TaskError("ids is empty: give the investigate ids of the messages (the id of each message the search returns)")
    if len(ids) > MAX_IDS:
        raise TaskError("ids holds %d messages; one task takes at most %d (for more, use a bulk job with email_security_message_job)" % (len(ids), MAX_IDS))
    return ids


def each(work: Callable[[Any], Any], items: List[Any]) -> List[Any]:
    """``work`` for every item, a few at a time, its results in the order of ``items``."""
    if len(items) <= 1:
        return [work(one) for one in items]
    with ThreadPoolExecutor(max_workers=READERS) as pool:
        return list(pool.map(work, items))


def read_messages(task: Task, api: ResourceApi, ids: List[str]) -> Tuple[Dict[str, Record], List[str]]:
    """Each message by id (at most one read each), and the ids Cloudflare says it has no message for."""

    def one(message_id: str) -> Optional[Record]:
        return api.get_or_none(message_id)

    try:
        found = each(one, ids)
    except CloudflareApiError as error:
        raise task.api_failure(error, "reading the messages") from None
    return dict((message_id, item) for message_id, item in zip(ids, found) if item is not None), [
        message_id for message_id, item in zip(ids, found) if item is None
    ]


def search(task: Task, api: ResourceApi, filters: Dict[str, Any], limit: int) -> Tuple[List[Record], bool]:
    """The messages the filters match, following the cursor, up to ``limit``; and whether more exist."""
    try:
        items, truncated = api.client.cursor_list(api.base, dict((name, query_value(value)) for name, value in filters.items()), limit, SEARCH_PAGE)
    except CloudflareApiError as error:
        raise task.api_failure(error, "searching the messages") from None
    messages = [api.checked(item, "GET", api.base) for item in items]
    # Newest first, whatever order the pages came in; a message without a scan time last.
    messages.sort(key=lambda item: (MESSAGE.by_name["scanned_at"].from_api(item.get("scanned_at")) or "", str(item["id"])), reverse=True)
    return messages, truncated


def check_includes(count: int, include: List[str]) -> None:
    """Refuse more reads for ``include`` than one task may make, for ``count`` messages."""
    if count * len(include) > MAX_INCLUDE_READS:
        raise TaskError(
            "include asks for %d more reads (%d messages, %d each), more than the %d one task may make within Cloudflare's rate limit;"
            " narrow the search, lower limit or give fewer ids" % (count * len(include), count, len(include), MAX_INCLUDE_READS)
        )


def add_includes(task: Task, api: ResourceApi, messages: List[Record], include: List[str]) -> None:
    """Read what ``include`` asks for, for every message, into the message (under the same names)."""
    check_includes(len(messages), include)

    def one(work: Tuple[Record, str]) -> Any:
        message, what = work
        path = "%s/%s/%s" % (api.base, path_segment(message["id"]), what)
        if what == "preview" and message.get("final_disposition") in (None, "NONE"):
            # Cloudflare previews a message without a detection only on a write request, which an _info module never sends.
            return None
        result = api.client.get(path)
        if not isinstance(result, dict):
            raise UnexpectedResponse("Expected an object as the %s of message %s, got %s" % (what, message["id"], describe(result)), method="GET", path=path)
        field = INCLUDED_FIELDS.get(what)
        if field is None:
            return result
        if not isinstance(result.get(field), str):
            raise UnexpectedResponse(
                "Expected the %s of message %s in the answer's %s, a string; got %s" % (what, message["id"], field, describe(result.get(field))),
                method="GET",
                path=path,
            )
        return result[field]

    works = [(message, what) for message in messages for what in include]
    try:
        results = each(one, works)
    except CloudflareApiError as error:
        raise task.api_failure(error, "reading the %s of the messages" % ", ".join(include)) from None
    for (message, what), value in zip(works, results):
        message[what] = value


def run_message_info_module() -> None:
    filters = [field.name for field in MESSAGE.list_filters]
    task = Task(argument_spec(), mutually_exclusive=[("ids", name) for name in filters])

    def flow() -> Dict[str, Any]:
        params = task.params
        limit = params["limit"]
        if not 1 <= limit <= 100000:
            raise TaskError("limit must be between 1 and 100000, got %d" % limit)
        api = ResourceApi(task.client, task.account_id, MESSAGE)
        include = list(dict.fromkeys(params["include"]))
        not_found: List[str] = []
        truncated = False
        if params["ids"] is not None:
            ids = message_ids(params["ids"])
            check_includes(len(ids), include)
            found, not_found = read_messages(task, api, ids)
            messages = list(found.values())
        else:
            wanted = task_filters(task, MESSAGE)
            problem = window_problem(wanted)
            if problem:
                raise TaskError("Nothing was sent: %s" % problem)
            messages, truncated = search(task, api, wanted, limit)
        if include:
            add_includes(task, api, messages, include)
        return dict(changed=False, messages=messages, truncated=truncated, not_found=not_found)

    task.run(flow)
