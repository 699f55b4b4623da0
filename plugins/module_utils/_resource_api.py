# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The endpoints of one declared resource in one account, on top of the generic client.

This file is private to the collection: its interface may change without notice.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Sequence

from ansible_collections.cloudflare_community.email_security.plugins.module_utils._api import (
    CloudflareApiError,
    CloudflareClient,
    UnexpectedResponse,
    checked_object,
    describe,
    path_segment,
)
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._resource import Resource

# The API's largest page: fewer requests against a limit of 1200 per 5 minutes.
LIST_PAGE_SIZE = 1000
# The most operations of one kind that one batch call may hold.
BATCH_SIZE = 1000
BATCH_KINDS = ("deletes", "patches", "posts", "puts")


class ResourceApi:
    """Every answer is checked for the shape the API documents before it is used."""

    def __init__(self, client: CloudflareClient, account_id: str, resource: Resource) -> None:
        self.client = client
        self.account_id = account_id
        self.resource = resource
        self.base = "/accounts/%s/email-security/settings/%s" % (path_segment(account_id), resource.path)

    def _one(self, object_id: str) -> str:
        return "%s/%s" % (self.base, path_segment(object_id))

    def get(self, object_id: str) -> Dict[str, Any]:
        path = self._one(object_id)
        return checked_object(self.client.get(path), "GET", path, expected_id=object_id)

    def get_or_none(self, object_id: str) -> Optional[Dict[str, Any]]:
        """The object, or None when the API answers 404 for it."""
        try:
            return self.get(object_id)
        except CloudflareApiError as error:
            if error.status == 404:
                return None
            raise

    def list(self, filters: Optional[Dict[str, Any]] = None) -> List[Dict[str, Any]]:
        """Every object matching the API's list filters, in the declared stable order, across all pages."""
        params = dict(self.resource.order)
        params.update((key, value) for key, value in (filters or {}).items() if value not in (None, []))
        return list(self.client.list(self.base, params, per_page=LIST_PAGE_SIZE))

    def find(self, key: tuple) -> List[Dict[str, Any]]:
        """The objects whose natural key is ``key``, matched here as the model compares them (never by the API's filters)."""
        return [item for item in self.list() if self.resource.key_of(self.resource.current(item)) == key]

    def create(self, body: Dict[str, Any]) -> Dict[str, Any]:
        return checked_object(self.client.post(self.base, body), "POST", self.base)

    def update(self, object_id: str, changes: Dict[str, Any]) -> Dict[str, Any]:
        path = self._one(object_id)
        return checked_object(self.client.patch(path, changes), "PATCH", path, expected_id=object_id)

    def delete(self, object_id: str) -> bool:
        """Remove the object; False if it was already gone.

        A 404 after a retry means an earlier attempt removed it (its answer was lost), which counts as removed.
        """
        try:
            self.client.delete(self._one(object_id))
        except CloudflareApiError as error:
            if error.status != 404:
                raise
            return error.attempts > 1
        return True

    def batch(
        self, deletes: Sequence[str] = (), patches: Sequence[Dict[str, Any]] = (), posts: Sequence[Dict[str, Any]] = ()
    ) -> Dict[str, List[Dict[str, Any]]]:
        """One batch call (at most BATCH_SIZE operations of each kind); its answer, checked.

        Only a batch of patches sets absolute values that may be sent twice, so only that one is retried
        after an answer was lost; a create or a removal sent twice would not do the same thing.
        """
        path = self.base + "/batch"
        body = {"deletes": [{"id": object_id} for object_id in deletes], "patches": list(patches), "posts": list(posts), "puts": []}
        if any(len(body[kind]) > BATCH_SIZE for kind in BATCH_KINDS):
            raise ValueError("a batch holds at most %d operations of each kind" % BATCH_SIZE)
        result = self.client.post(path, body, idempotent=not (deletes or posts))
        asked_kinds = [kind for kind in BATCH_KINDS if body[kind]]
        if not isinstance(result, dict) or any(not isinstance(result.get(kind), list) for kind in asked_kinds):
            raise UnexpectedResponse(
                "Expected an object with a list of %s as the result, got %s" % (" and ".join(asked_kinds), describe(result)), method="POST", path=path
            )
        answered = dict((kind, result.get(kind) or []) for kind in BATCH_KINDS)
        for kind, asked in (("deletes", set(str(object_id).lower() for object_id in deletes)), ("patches", set(str(patch["id"]).lower() for patch in patches))):
            for item in answered[kind]:
                checked_object(item, "POST", path)
                if str(item["id"]).lower() not in asked:
                    raise UnexpectedResponse(
                        "The batch answered with %s %s in %s, which it was not asked for" % (self.resource.title, item["id"], kind), method="POST", path=path
                    )
        for item in answered["posts"]:
            checked_object(item, "POST", path)
        if len(answered["posts"]) != len(body["posts"]):
            raise UnexpectedResponse(
                "The batch created %d of the %d objects it was asked to create" % (len(answered["posts"]), len(body["posts"])), method="POST", path=path
            )
        return answered
