# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The protected-domains endpoints of one account, on top of the generic client.

This file is private to the collection: its interface may change without notice.
"""

from __future__ import annotations

from ansible_collections.cloudflare_community.email_security.plugins.module_utils._api import (
    CloudflareApiError,
    path_segment,
)
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._domain import (
    SETTINGS_BY_NAME,
)

# The API's largest page: fewer requests against a limit of 1200 per 5 minutes.
LIST_PAGE_SIZE = 1000
# The most operations of one kind that one batch call may hold.
BATCH_SIZE = 1000
# A stable order, so that pages neither skip nor repeat domains.
LIST_ORDER = {"order": "domain", "direction": "asc"}


class DomainsApi:
    def __init__(self, client, account_id):
        self.client = client
        self.account_id = account_id
        self.base = "/accounts/%s/email-security/settings/domains" % path_segment(account_id)

    def _one(self, domain_id):
        return "%s/%s" % (self.base, path_segment(domain_id))

    def get(self, domain_id):
        return self.client.get(self._one(domain_id)) or {}

    def get_or_none(self, domain_id):
        """The domain, or None when the API answers 404 for it."""
        try:
            return self.get(domain_id)
        except CloudflareApiError as error:
            if error.status == 404:
                return None
            raise

    def list(self, filters=None):
        """Every domain matching the API's list filters, in a stable order, across all pages.

        Names given in the ``domain`` filter match exactly (as the model compares names),
        whatever else the API's filter lets through.
        """
        params = dict(LIST_ORDER)
        params.update((key, value) for key, value in (filters or {}).items() if value not in (None, []))
        domains = list(self.client.list(self.base, params, per_page=LIST_PAGE_SIZE))
        if "domain" not in params:
            return domains
        name_of = SETTINGS_BY_NAME["domain"].from_api
        names = set(name_of(name) for name in params["domain"])
        return [domain for domain in domains if name_of(domain.get("domain")) in names]

    def find_by_name(self, name):
        """The domains whose name is ``name``."""
        return self.list({"domain": [name]})

    def create(self, body):
        return self.client.post(self.base, body) or {}

    def update(self, domain_id, changes):
        return self.client.patch(self._one(domain_id), changes) or {}

    def delete(self, domain_id):
        return self.client.delete(self._one(domain_id))

    def batch_update(self, patches):
        """Apply ``[{"id": ..., field: value}, ...]`` in batches of BATCH_SIZE; yield each batch's updated domains.

        A batch of patches sets absolute values, so sending it twice is harmless and it may be retried.
        """
        for start in range(0, len(patches), BATCH_SIZE):
            body = {"deletes": [], "patches": patches[start:start + BATCH_SIZE], "puts": [], "posts": []}
            result = self.client.post(self.base + "/batch", body, idempotent=True) or {}
            yield result.get("patches") or []
