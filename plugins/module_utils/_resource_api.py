# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The endpoints of one declared resource in one account, on top of the generic client.

This file is private to the collection: its interface may change without notice.
Every object an answer holds is checked against the declaration (its id, the shape of each declared field)
before anything is done with it, so that a wrong answer fails the task with a sentence instead of a
traceback, and an id such as ``..`` never reaches a URL.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Sequence

from ansible_collections.cloudflare_community.email_security.plugins.module_utils._api import (
    CloudflareApiError,
    CloudflareClient,
    UnexpectedResponse,
    describe,
    path_segment,
)
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._resource import Record, Resource

# The API's largest page: fewer requests against a limit of 1200 per 5 minutes.
LIST_PAGE_SIZE = 1000
# The most operations of one kind that one batch call may hold.
BATCH_SIZE = 1000
BATCH_KINDS = ("deletes", "patches", "posts", "puts")


class ResourceApi:
    def __init__(self, client: CloudflareClient, account_id: str, resource: Resource) -> None:
        self.client = client
        self.account_id = account_id
        self.resource = resource
        self.base = "/accounts/%s/email-security/%s" % (path_segment(account_id), resource.path)
        if resource.message_contents:
            client.quote_bodies = False

    def _one(self, object_id: str) -> str:
        return "%s/%s" % (self.base, path_segment(object_id))

    def checked(self, item: Any, method: str, path: str, expected_id: Optional[str] = None) -> Record:
        """``item`` if it is an object of the declared shape (with ``expected_id`` when given); raises UnexpectedResponse."""
        id_field = self.resource.id_field
        if not isinstance(item, dict) or item.get(id_field) in (None, ""):
            raise UnexpectedResponse(
                "Expected an object with %s as the result, got %s" % ("an id" if id_field == "id" else id_field, describe(item)), method=method, path=path
            )
        problems = self.resource.answer_problems(item)
        if problems:
            raise UnexpectedResponse(
                "Cloudflare answered with %s %s that does not fit the contract: %s"
                % (_article(self.resource.title), describe(item), "; ".join(("%s %s" % (name, problem)).strip() for name, problem in problems)),
                method=method,
                path=path,
            )
        if expected_id is not None and self.resource.id.from_api(item[id_field]) != self.resource.id.from_api(expected_id):
            raise UnexpectedResponse("Expected the object with id %s, got the one with id %s" % (expected_id, item[id_field]), method=method, path=path)
        return item

    def get(self, object_id: str) -> Record:
        path = self._one(object_id)
        return self.checked(self.client.get(path), "GET", path, expected_id=object_id)

    def get_or_none(self, object_id: str) -> Optional[Record]:
        """The object, or None when Cloudflare says it does not exist (a routing error is not that: it is raised)."""
        try:
            return self.get(object_id)
        except CloudflareApiError as error:
            if error.is_not_found:
                return None
            raise

    def list(self, filters: Optional[Dict[str, Any]] = None) -> List[Record]:
        """Every object matching the API's list filters, in the declared stable order, across all pages."""
        params = dict(self.resource.order)
        narrowing = dict((key, value) for key, value in (filters or {}).items() if value not in (None, []))
        params.update(narrowing)
        listed = self.client.list(self.base, params, per_page=LIST_PAGE_SIZE, filtered=bool(narrowing), key=self.resource.id_field)
        return [self.checked(item, "GET", self.base) for item in listed]

    def find(self, key: tuple, desired: Record) -> List[Record]:
        """The objects whose natural key is ``key``, matched here as the model compares them.

        A resource with a ``key_filter`` asks the API for the candidates first (one request whatever the size of
        the account); the filter's own matching is never trusted to be complete (its handling of case is not
        documented), so when it finds nothing the whole list is read before anything is called absent.
        """
        name = self.resource.key_filter
        if name and desired.get(name) is not None:
            matches = self.matching(key, self.list({name: [desired[name]]}))
            if matches:
                return matches
        return self.matching(key, self.list())

    def matching(self, key: tuple, items: List[Record]) -> List[Record]:
        return [item for item in items if self.resource.key_of(self.resource.current(item)) == key]

    def create(self, body: Record) -> Record:
        return self.checked(self.client.post(self.base, body), "POST", self.base)

    def update(self, object_id: str, changes: Record) -> Record:
        path = self._one(object_id)
        return self.checked(self.client.patch(path, changes), "PATCH", path, expected_id=object_id)

    def delete(self, object_id: str) -> bool:
        """Remove the object; False if Cloudflare says it was already gone.

        Cloudflare's "not found" after a retry means an earlier attempt removed it (its answer was lost), which
        counts as removed.
        """
        try:
            self.client.delete(self._one(object_id))
        except CloudflareApiError as error:
            if not error.is_not_found:
                raise
            return error.attempts > 1
        return True

    def batch(self, deletes: Sequence[str] = (), patches: Sequence[Record] = (), posts: Sequence[Record] = ()) -> Dict[str, List[Record]]:
        """One batch call (at most BATCH_SIZE operations of each kind); the objects of its answer, checked.

        Only a batch of patches sets absolute values that may be sent twice, so only that one is retried after an
        answer was lost; a create or a removal sent twice would not do the same thing. Whether the answer
        accounts for every operation sent is for the caller to say (see _batch.py).
        """
        path = self.base + "/batch"
        body = {"deletes": [{"id": object_id} for object_id in deletes], "patches": list(patches), "posts": list(posts), "puts": []}
        if any(len(body[kind]) > BATCH_SIZE for kind in BATCH_KINDS):
            raise ValueError("a batch holds at most %d operations of each kind" % BATCH_SIZE)
        result = self.client.post(path, body, idempotent=not (deletes or posts))
        asked = [kind for kind in BATCH_KINDS if body[kind]]
        if not isinstance(result, dict) or any(not isinstance(result.get(kind), list) for kind in asked):
            raise UnexpectedResponse(
                "Expected an object with a list of %s as the result, got %s" % (" and ".join(asked), describe(result)), method="POST", path=path
            )
        answered: Dict[str, List[Record]] = {}
        for kind in BATCH_KINDS:
            items = result.get(kind) or []
            if kind == "deletes":
                # A removal is answered with its id only.
                answered[kind] = [_checked_id(self.resource, item, path) for item in items]
            else:
                answered[kind] = [self.checked(item, "POST", path) for item in items]
        return answered


def _checked_id(resource: Resource, item: Any, path: str) -> Record:
    problem = resource.id.answer_problem(item.get("id")) if isinstance(item, dict) and item.get("id") is not None else "is missing"
    if problem:
        raise UnexpectedResponse("Cloudflare answered a removal with %s whose id %s" % (describe(item), problem), method="POST", path=path)
    return item


def _article(noun: str) -> str:
    return ("an " if noun[:1] in "aeiou" else "a ") + noun
