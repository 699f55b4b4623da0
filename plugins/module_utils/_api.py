# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Small Cloudflare API v4 client shared by every module of the collection.

This file is private to the collection: its interface may change without notice.
It knows HTTP, authentication, retries and Cloudflare's JSON envelope, and nothing
about Ansible or about any particular resource.
"""

from __future__ import annotations

import email.utils
import random
import time
import traceback
from urllib.parse import quote

try:
    import requests
except ImportError:
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = traceback.format_exc()
else:
    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None

COLLECTION_NAME = "cloudflare_community.email_security"
# Kept equal to galaxy.yml's version by a unit test; modules cannot read galaxy.yml at run time.
COLLECTION_VERSION = "1.0.0"

DEFAULT_BASE_URL = "https://api.cloudflare.com/client/v4"
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_RETRIES = 3

IDEMPOTENT_METHODS = frozenset(("GET", "HEAD", "PUT", "PATCH", "DELETE"))
RETRYABLE_STATUSES = frozenset((502, 503, 504))


def path_segment(value):
    """Quote an identifier so that it stays one path segment whatever it holds."""
    return quote(str(value), safe="")


class CloudflareApiError(Exception):
    """Any failure talking to the API: transport, HTTP status or an unsuccessful envelope."""

    def __init__(self, message, status=None, errors=None, ray_id=None, method=None, path=None):
        super().__init__(message)
        self.message = message
        self.status = status
        self.errors = list(errors or [])
        self.ray_id = ray_id
        self.method = method
        self.path = path

    @property
    def codes(self):
        return [error.get("code") for error in self.errors if isinstance(error, dict)]

    def api_errors_text(self):
        """Cloudflare's errors as '[code] message; [code] message', or '' when there are none."""
        parts = []
        for error in self.errors:
            if isinstance(error, dict):
                code = error.get("code")
                text = error.get("message") or "(no message)"
                parts.append("[%s] %s" % (code, text) if code is not None else text)
            else:
                parts.append(str(error))
        return "; ".join(parts)

    def __str__(self):
        details = []
        if self.status is not None:
            details.append("HTTP %s" % self.status)
        if self.method and self.path:
            details.append("%s %s" % (self.method, self.path))
        if self.ray_id:
            details.append("cf-ray %s" % self.ray_id)
        text = self.message
        api_text = self.api_errors_text()
        if api_text:
            text = "%s: %s" % (text, api_text)
        if details:
            text = "%s (%s)" % (text, ", ".join(details))
        return text


class RetryPolicy:
    """When and how long to wait before trying a request again.

    429 is always retried (the request was not processed); 502/503/504 and
    transport errors only for idempotent methods.  Delays grow exponentially
    with jitter, a server's Retry-After wins (clamped), and the total time slept
    over one request never exceeds ``max_total_wait``.
    """

    def __init__(self, max_retries=DEFAULT_MAX_RETRIES, base_delay=0.5, max_delay=8.0,
                 max_retry_after=60.0, max_total_wait=120.0, sleep=time.sleep, rand=random.random):
        self.max_retries = max(0, int(max_retries))
        self.base_delay = base_delay
        self.max_delay = max_delay
        self.max_retry_after = max_retry_after
        self.max_total_wait = max_total_wait
        self.sleep = sleep
        self.rand = rand

    def backoff(self, retry_number):
        """Delay before retry number ``retry_number`` (1-based): capped doubling, jittered down by up to 25%."""
        delay = min(self.max_delay, self.base_delay * (2 ** (retry_number - 1)))
        return delay * (1 - 0.25 * self.rand())

    def retry_after(self, header_value):
        """Seconds asked for by a Retry-After header (seconds or HTTP date), clamped; None if absent or unreadable."""
        if not header_value:
            return None
        try:
            seconds = float(header_value)
        except ValueError:
            try:
                moment = email.utils.parsedate_to_datetime(header_value)
            except (TypeError, ValueError):
                return None
            if moment is None:
                return None
            seconds = moment.timestamp() - time.time()
        return min(max(seconds, 0.0), self.max_retry_after)


class CloudflareClient:
    """Authenticated calls to the Cloudflare API with retries and envelope handling.

    Creating a client sends nothing; every call returns Cloudflare's ``result``
    (or the whole envelope for :meth:`call`) or raises :class:`CloudflareApiError`.
    """

    def __init__(self, base_url=DEFAULT_BASE_URL, api_token=None, api_email=None, api_key=None,
                 timeout=DEFAULT_TIMEOUT, validate_certs=True, retry_policy=None, user_agent=None,
                 session=None):
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.validate_certs = validate_certs
        self.retry_policy = retry_policy or RetryPolicy()
        self._session = session or requests.Session()
        self._headers = {
            "Accept": "application/json",
            "User-Agent": user_agent or "%s/%s" % (COLLECTION_NAME, COLLECTION_VERSION),
        }
        if api_token:
            self._headers["Authorization"] = "Bearer %s" % api_token
        else:
            self._headers["X-Auth-Email"] = api_email or ""
            self._headers["X-Auth-Key"] = api_key or ""

    def get(self, path, params=None):
        return self.call("GET", path, params=params).get("result")

    def patch(self, path, body):
        return self.call("PATCH", path, body=body).get("result")

    def post(self, path, body, idempotent=False):
        """POST; ``idempotent=True`` allows retries after server and connection errors (e.g. a batch of patches)."""
        return self.call("POST", path, body=body, idempotent=idempotent).get("result")

    def delete(self, path):
        return self.call("DELETE", path).get("result")

    def list(self, path, params=None, per_page=100, max_pages=10000):
        """Yield every item of a paginated list call, page after page.

        Stops at an empty page or once ``result_info.total_count`` items were
        seen.  Callers should pass an explicit ``order`` so pages are stable.
        """
        seen = 0
        for page in range(1, max_pages + 1):
            query = dict(params or {})
            query.update(page=page, per_page=per_page)
            envelope = self.call("GET", path, params=query)
            items = envelope.get("result") or []
            if not isinstance(items, list):
                raise CloudflareApiError("Expected a list in the response's result", method="GET", path=path)
            yield from items
            seen += len(items)
            total = (envelope.get("result_info") or {}).get("total_count")
            if not items or (isinstance(total, int) and seen >= total):
                return
        raise CloudflareApiError("Gave up paginating after %d pages" % max_pages, method="GET", path=path)

    def call(self, method, path, params=None, body=None, idempotent=None):
        """Send one request (retrying as the policy allows) and return the decoded envelope.

        ``idempotent`` overrides what the method implies: whether sending the request twice is harmless.
        """
        method = method.upper()
        if idempotent is None:
            idempotent = method in IDEMPOTENT_METHODS
        url = self.base_url + path
        policy = self.retry_policy
        waited = 0.0
        retry_number = 0
        while True:
            delay = None
            try:
                response = self._session.request(
                    method, url, params=params, json=body, headers=self._headers,
                    timeout=self.timeout, verify=self.validate_certs)
            except requests.exceptions.RequestException as exc:
                error = CloudflareApiError(
                    "Could not get a response from %s: %s" % (self.base_url, _transport_reason(exc)),
                    method=method, path=path)
                if _may_retry_transport_error(idempotent, exc):
                    delay = policy.backoff(retry_number + 1)
            else:
                if response.status_code == 429 or (response.status_code in RETRYABLE_STATUSES and idempotent):
                    delay = policy.retry_after(response.headers.get("Retry-After"))
                    if delay is None:
                        delay = policy.backoff(retry_number + 1)
                    error = None
                else:
                    return self._decode(response, method, path)
            if delay is None or retry_number >= policy.max_retries or waited + delay > policy.max_total_wait:
                if error is not None:
                    raise error
                return self._decode(response, method, path)
            retry_number += 1
            waited += delay
            policy.sleep(delay)

    @staticmethod
    def _decode(response, method, path):
        ray_id = response.headers.get("cf-ray")
        status = response.status_code
        content_type = response.headers.get("Content-Type", "")
        envelope = None
        if "json" in content_type.lower():
            try:
                envelope = response.json()
            except ValueError:
                envelope = None
        if not isinstance(envelope, dict):
            problem = "Expected a JSON response from Cloudflare but got %s" % (content_type or "no content type")
            if "json" in content_type.lower():
                problem += " that could not be decoded"
            snippet = " ".join(response.text[:200].split())
            if snippet:
                problem += ": %r" % snippet
            raise CloudflareApiError(problem, status=status, ray_id=ray_id, method=method, path=path)
        errors = envelope.get("errors") or []
        if status >= 400 or envelope.get("success") is not True:
            raise CloudflareApiError(
                _status_summary(status), status=status, errors=errors, ray_id=ray_id,
                method=method, path=path)
        return envelope


def _status_summary(status):
    if status == 429:
        return "Cloudflare kept rate-limiting the request"
    if status >= 500:
        return "Cloudflare answered with a server error"
    if status >= 400:
        return "Cloudflare rejected the request"
    return "Cloudflare reported the request as unsuccessful"


def _may_retry_transport_error(idempotent, exc):
    """A request that never reached the server may always be retried; others only if idempotent."""
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return True
    if not isinstance(exc, (requests.exceptions.ConnectionError, requests.exceptions.Timeout)):
        return False
    return idempotent


def _transport_reason(exc):
    if isinstance(exc, requests.exceptions.Timeout):
        return "timed out (%s)" % type(exc).__name__
    return "%s: %s" % (type(exc).__name__, exc)
