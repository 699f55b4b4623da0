# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The protected-domains endpoints of one account, on top of the generic client.

This file is private to the collection: its interface may change without notice.
"""

from __future__ import annotations

from typing import Any, Dict, Iterator, List, Optional

from ansible_collections.cloudflare_community.email_security.plugins.module_utils._api import (
    CloudflareApiError,
    CloudflareClient,
    UnexpectedResponse,
    checked_object,
    describe,
    path_segment,
)
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._domain import DOMAIN_NAME

# The API's largest page: fewer requests against a limit of 1200 per 5 minutes.
LIST_PAGE_SIZE = 1000
# The most operations of one kind that one batch call may hold.
BATCH_SIZE = 1000
# A stable order, so that pages neither skip nor repeat domains.
LIST_ORDER = {"order": "domain", "direction": "asc"}


class DomainsApi:
    """Every answer is checked for the shape the API documents before it is used."""

    def __init__(self, client: CloudflareClient, account_id: str) -> None:
        self.client = client
        self.account_id = account_id
        self.base = "/accounts/%s/email-security/settings/domains" % path_segment(account_id)

    def _one(self, domain_id: str) -> str:
        return "%s/%s" % (self.base, path_segment(domain_id))

    def get(self, domain_id: str) -> Dict[str, Any]:
        path = self._one(domain_id)
        return checked_object(self.client.get(path), "GET", path, expected_id=domain_id)

    def get_or_none(self, domain_id: str) -> Optional[Dict[str, Any]]:
        """The domain, or None when the API answers 404 for it."""
        try:
            return self.get(domain_id)
        except CloudflareApiError as error:
            if error.status == 404:
                return None
            raise

    def list(self, filters: Optional[Dict[str, Any]] = None) -> List[Dict[str, Any]]:
        """Every domain matching the API's list filters, in a stable order, across all pages.

        Names are never sent as a filter: whether the API's name filter ignores case is
        not documented, so names are matched here, as the model compares them.
        """
        filters = filters or {}
        params = dict(LIST_ORDER)
        params.update((key, value) for key, value in filters.items() if value not in (None, []) and key != "domain")
        domains = list(self.client.list(self.base, params, per_page=LIST_PAGE_SIZE))
        if not filters.get("domain"):
            return domains
        names = set(DOMAIN_NAME.from_api(name) for name in filters["domain"])
        return [domain for domain in domains if DOMAIN_NAME.from_api(domain.get("domain")) in names]

    def find_by_name(self, name: str) -> List[Dict[str, Any]]:
        """The domains whose name is ``name``."""
        return self.list({"domain": [name]})

    def create(self, body: Dict[str, Any]) -> Dict[str, Any]:
        return checked_object(self.client.post(self.base, body), "POST", self.base)

    def update(self, domain_id: str, changes: Dict[str, Any]) -> Dict[str, Any]:
        path = self._one(domain_id)
        return checked_object(self.client.patch(path, changes), "PATCH", path, expected_id=domain_id)

    def delete(self, domain_id: str) -> bool:
        """Remove the domain; False if it was already gone.

        A 404 after a retry means an earlier attempt removed it (its answer was lost), which counts as removed.
        """
        try:
            self.client.delete(self._one(domain_id))
        except CloudflareApiError as error:
            if error.status != 404:
                raise
            return error.attempts > 1
        return True

    def batch_update(self, patches: List[Dict[str, Any]]) -> Iterator[List[Dict[str, Any]]]:
        """Apply ``[{"id": ..., field: value}, ...]`` in batches of BATCH_SIZE; yield each batch's updated domains.

        A batch of patches sets absolute values, so sending it twice is harmless and it may be retried.
        """
        path = self.base + "/batch"
        for start in range(0, len(patches), BATCH_SIZE):
            end = start + BATCH_SIZE
            chunk = patches[start:end]
            body = {"deletes": [], "patches": chunk, "puts": [], "posts": []}
            result = self.client.post(path, body, idempotent=True)
            updated = result.get("patches") if isinstance(result, dict) else None
            if not isinstance(updated, list):
                raise UnexpectedResponse("Expected an object with a list of patches as the result, got %s" % describe(result), method="POST", path=path)
            wanted = set(str(patch["id"]).lower() for patch in chunk)
            for item in updated:
                checked_object(item, "POST", path)
                if str(item["id"]).lower() not in wanted:
                    raise UnexpectedResponse("The batch answered with domain %s, which it was not asked to change" % item["id"], method="POST", path=path)
            yield updated
