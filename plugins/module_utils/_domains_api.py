# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The protected-domains endpoints of one account: the resource API, with lookups by name.

This file is private to the collection: its interface may change without notice.
"""

from __future__ import annotations

from typing import Any, Dict, Iterator, List, Optional

from ansible_collections.cloudflare_community.email_security.plugins.module_utils._api import CloudflareClient
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._domain import DOMAIN, DOMAIN_NAME
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._resource_api import BATCH_SIZE, ResourceApi


class DomainsApi(ResourceApi):
    def __init__(self, client: CloudflareClient, account_id: str) -> None:
        super().__init__(client, account_id, DOMAIN)

    def list(self, filters: Optional[Dict[str, Any]] = None) -> List[Dict[str, Any]]:
        """Every domain matching the API's list filters, in a stable order, across all pages.

        Names are never sent as a filter: whether the API's name filter ignores case is
        not documented, so names are matched here, as the model compares them.
        """
        filters = dict(filters or {})
        names = set(DOMAIN_NAME.from_api(name) for name in filters.pop("domain", None) or [])
        domains = super().list(filters)
        if not names:
            return domains
        return [domain for domain in domains if DOMAIN_NAME.from_api(domain.get("domain")) in names]

    def find_by_name(self, name: str) -> List[Dict[str, Any]]:
        """The domains whose name is ``name``."""
        return self.list({"domain": [name]})

    def batch_update(self, patches: List[Dict[str, Any]]) -> Iterator[List[Dict[str, Any]]]:
        """Apply ``[{"id": ..., field: value}, ...]`` in batches of BATCH_SIZE; yield each batch's updated domains."""
        for start in range(0, len(patches), BATCH_SIZE):
            end = start + BATCH_SIZE
            yield self.batch(patches=patches[start:end])["patches"]
