# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Small Cloudflare API v4 client shared by every module of the collection.

This file is private to the collection: its interface may change without notice.
It knows HTTP, authentication, retries and Cloudflare's JSON envelope, and nothing
about Ansible or about any particular resource.
"""

from __future__ import annotations

import base64
import email.utils
import json
import math
import random
import re
import threading
import time
import traceback
from typing import Any, Callable, Dict, Iterator, List, Optional, Sequence, Set, Tuple, Union
from urllib.parse import quote, quote_plus, unquote, urljoin, urlsplit

try:
    import requests
    import urllib3
except ImportError:
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR: Optional[str] = traceback.format_exc()
else:
    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None

COLLECTION_NAME = "cloudflare_community.email_security"
# Kept equal to galaxy.yml's version by a unit test; modules cannot read galaxy.yml at run time.
COLLECTION_VERSION = "1.2.0"

DEFAULT_BASE_URL = "https://api.cloudflare.com/client/v4"
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_RETRIES = 3
# A task may ask for at most this many retries of one request.
MAX_RETRIES_LIMIT = 10

IDEMPOTENT_METHODS = frozenset(("GET", "HEAD", "PUT", "PATCH", "DELETE"))
RETRYABLE_STATUSES = frozenset((502, 503, 504))
# How much of an unexpected response body an error message quotes.
SNIPPET_LENGTH = 200
REDACTED = "********"
# Cloudflare's codes for a path it has no route for (a wrong base URL, an unknown endpoint): a 404 with one of
# these says nothing about whether an object exists.
ROUTING_ERROR_CODES = frozenset((7000, 7003))
# Past this many items a list is not believed: no account holds that many objects of one kind.
MAX_LIST_ITEMS = 100000
# What identifies the items of a list: a field, or the fields that together do.
Key = Union[str, Tuple[str, ...]]


def path_segment(value: Any) -> str:
    """Quote an identifier so that it stays one path segment whatever it holds."""
    return quote(str(value), safe="")


class CloudflareApiError(Exception):
    """Any failure talking to the API: transport, HTTP status, an unsuccessful envelope or an unexpected answer.

    ``attempts`` is how many times the request was sent (more than 1 after retries). ``envelope``: the answer was
    Cloudflare's JSON envelope (not a proxy's page, not a transport failure). ``may_have_applied``: the request may
    have been processed although it failed (its answer was lost, or a server error came back), so a write may
    have happened.
    """

    def __init__(
        self,
        message: str,
        status: Optional[int] = None,
        errors: Optional[list] = None,
        ray_id: Optional[str] = None,
        method: Optional[str] = None,
        path: Optional[str] = None,
        attempts: int = 1,
        envelope: bool = False,
        may_have_applied: bool = False,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.errors = list(errors or [])
        self.ray_id = ray_id
        self.method = method
        self.path = path
        self.attempts = attempts
        self.envelope = envelope
        self.may_have_applied = may_have_applied

    @property
    def codes(self) -> List[Any]:
        return [error.get("code") for error in self.errors if isinstance(error, dict)]

    @property
    def is_routing_error(self) -> bool:
        """Cloudflare has no route for the path: the base URL or the endpoint is wrong, not the object."""
        return self.status == 404 and (not self.envelope or any(code in ROUTING_ERROR_CODES for code in self.codes))

    @property
    def is_not_found(self) -> bool:
        """Cloudflare itself says the object does not exist: a 404 in its envelope, with an error that is not a routing error.

        Each resource has its own code for it, so no one code is relied on.
        """
        return self.status == 404 and self.envelope and bool(self.errors) and not self.is_routing_error

    def api_errors_text(self) -> str:
        """Cloudflare's errors as '[code] message; [code] message', or '' when there are none."""
        parts = []
        for error in self.errors:
            if isinstance(error, dict):
                code = error.get("code")
                text = error.get("message") or "(no message)"
                parts.append("[%s] %s" % (code, text) if code is not None else str(text))
            else:
                parts.append(str(error))
        return "; ".join(parts)

    def __str__(self) -> str:
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


class UnexpectedResponse(CloudflareApiError):
    """A successful answer whose shape is not what the API documents; nothing may be written on its basis."""


class Redactor:
    """Replaces every credential in a text, in the forms a server, a proxy or a library may echo it.

    The forms: plain, lower and upper case (a host name in a redirect target is lower-cased), ``repr``, JSON,
    HTML-escaped (a proxy's error page), percent-encoded (with upper or lower case hex digits, once or twice),
    hexadecimal, and base64 (standard and URL-safe) at each of the three byte offsets the credential may have
    inside a longer encoded text (``Basic`` proxy credentials, an echoed header block).
    """

    def __init__(self, secrets: Sequence[Optional[str]]) -> None:
        forms: Set[str] = set()
        for secret in secrets:
            if not secret:
                continue
            forms.update((secret, secret.lower(), secret.upper(), repr(secret)[1:-1], json.dumps(secret)[1:-1]))
            forms.update((_html_escaped(secret, quotes=True), _html_escaped(secret, quotes=False)))
            for encoded in (quote(secret, safe=""), quote_plus(secret, safe=""), quote(secret)):
                forms.update((encoded, _lower_escapes(encoded), quote(encoded, safe="")))
            hexadecimal = secret.encode("utf-8").hex()
            forms.update((hexadecimal, hexadecimal.upper()))
            forms.update(_base64_forms(secret))
        # Longest first, so that a form containing another is replaced whole.
        self._forms = sorted((form for form in forms if len(form) >= 4), key=len, reverse=True)
        # Each form as it reads inside a JSON text: JSON escapes character by character, so a string holding a form
        # holds it escaped in its JSON text too.
        self._json_forms = [json.dumps(form, ensure_ascii=False)[1:-1] for form in self._forms]

    def __call__(self, value: Any) -> Any:
        """``value`` with every credential replaced; strings inside lists and dicts (keys too), in a copy."""
        if isinstance(value, str):
            for form in self._forms:
                if form in value:
                    value = value.replace(form, REDACTED)
            return value
        if isinstance(value, (list, dict)) and not self._mentioned(value):
            # The usual case, and 1,000 entries are walked string by string otherwise.
            return list(value) if isinstance(value, list) else dict(value)
        if isinstance(value, list):
            return [self(item) for item in value]
        if isinstance(value, dict):
            return dict((self(key), self(item)) for key, item in value.items())
        return value

    def _mentioned(self, value: Any) -> bool:
        """Whether some string in ``value`` may hold a credential (True when ``value`` has no JSON text)."""
        try:
            text = json.dumps(value, ensure_ascii=False)
        except (TypeError, ValueError):
            return True
        return any(form in text for form in self._json_forms)

    def error(self, error: CloudflareApiError) -> CloudflareApiError:
        error.message = self(error.message)
        error.errors = self(error.errors)
        error.ray_id = self(error.ray_id)
        error.path = self(error.path)
        error.args = (error.message,)
        return error


def _html_escaped(text: str, quotes: bool) -> str:
    """``text`` as html.escape writes it (whose module would import html.entities, 1 ms, on every run)."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&quot;").replace("'", "&#x27;") if quotes else text


def _lower_escapes(text: str) -> str:
    """A percent-encoded text with its hex digits in lower case (%2f for %2F), as some libraries write them."""
    return re.sub(r"%[0-9A-F]{2}", lambda found: found.group(0).lower(), text)


def _base64_forms(secret: str) -> Set[str]:
    """The parts of any base64 text that encode ``secret`` whole, wherever it starts in the encoded bytes."""
    forms = set()
    raw = secret.encode("utf-8")
    for offset in range(3):
        for encode in (base64.b64encode, base64.urlsafe_b64encode):
            encoded = encode(b"\0" * offset + raw).decode("ascii")
            # Characters of the first group mix in the bytes before the secret; those of a last, partial group
            # mix in the bytes after it.
            start = 4 if offset else 0
            end = len(encoded) - (4 if (offset + len(raw)) % 3 else 0)
            if end - start >= 8:
                forms.add(encoded[start:end])
    return forms


def proxy_credentials(url: str) -> List[str]:
    """The user-info parts of the proxies requests would use for ``url`` (from the environment), to be hidden."""
    secrets: List[str] = []
    if not HAS_REQUESTS:
        return secrets
    try:
        proxies = requests.utils.get_environ_proxies(url)
    except Exception:  # pylint: disable=broad-except
        return secrets
    for proxy in proxies.values():
        try:
            parts = urlsplit(proxy)
            user, password = parts.username, parts.password
        except ValueError:
            continue
        if password:
            secrets += [password, unquote(password), "%s:%s" % (unquote(user or ""), unquote(password))]
    return secrets


class RetryPolicy:
    """When and how long to wait before trying a request again.

    429 is always retried (the request was not processed); 502/503/504 and
    transport errors only for idempotent methods, or when the request surely
    never reached the server.  Delays grow exponentially with jitter; a server's
    Retry-After wins, but never less than ``min_delay`` (``Retry-After: 0`` must
    not turn into a burst of requests).  A server that asks to wait longer than
    ``max_retry_after`` (Cloudflare blocks a user for five minutes after too many
    requests) is not waited for: the request fails at once, saying when to retry.
    The total time slept over one request never exceeds ``max_total_wait``.
    ``sleep`` defaults to ``time.sleep`` looked up at each call, so that tests can patch it.
    """

    def __init__(
        self,
        max_retries: int = DEFAULT_MAX_RETRIES,
        base_delay: float = 0.5,
        max_delay: float = 8.0,
        min_delay: float = 1.0,
        max_retry_after: float = 60.0,
        max_total_wait: float = 120.0,
        sleep: Optional[Callable[[float], Any]] = None,
        rand: Callable[[], float] = random.random,
    ) -> None:
        self.max_retries = min(MAX_RETRIES_LIMIT, max(0, int(max_retries)))
        self.base_delay = base_delay
        self.max_delay = max_delay
        self.min_delay = min_delay
        self.max_retry_after = max_retry_after
        self.max_total_wait = max_total_wait
        self._sleep = sleep
        self.rand = rand

    def sleep(self, seconds: float) -> None:
        (time.sleep if self._sleep is None else self._sleep)(seconds)

    def backoff(self, retry_number: int) -> float:
        """Delay before retry number ``retry_number`` (1-based): capped doubling, jittered down by up to 25%."""
        delay = min(self.max_delay, self.base_delay * (2 ** (retry_number - 1)))
        return delay * (1 - 0.25 * self.rand())

    def retry_after(self, header_value: Optional[str]) -> Optional[float]:
        """Seconds asked for by a Retry-After header (seconds or HTTP date).

        None if absent or not a finite, non-negative number of seconds nor an HTTP date.
        """
        if not header_value:
            return None
        try:
            seconds = float(header_value)
        except ValueError:
            try:
                moment = email.utils.parsedate_to_datetime(header_value)
            except (TypeError, ValueError, IndexError, OverflowError):
                return None
            if moment is None:
                return None
            try:
                seconds = max(moment.timestamp() - time.time(), 0.0)
            except (OverflowError, OSError, ValueError):
                return None
        if not math.isfinite(seconds) or seconds < 0:
            return None
        return seconds

    def wait_asked(self, headers: Any) -> Optional[float]:
        """How long the server asks to wait: its Retry-After, else the reset of a ``Ratelimit`` header with nothing left."""
        seconds = self.retry_after(headers.get("Retry-After"))
        if seconds is not None:
            return seconds
        remaining = _header_number(headers.get("Ratelimit"), ("r", "remaining"))
        reset = _header_number(headers.get("Ratelimit"), ("t", "reset"))
        return reset if remaining == 0 and reset is not None else None


def _header_number(value: Optional[str], names: Tuple[str, ...]) -> Optional[float]:
    """A parameter of a ``Ratelimit`` header (``"default";r=0;t=300`` or ``limit=1200, remaining=0, reset=300``)."""
    found = re.search(r"(?:^|[;,\s])(?:%s)=(\d+(?:\.\d+)?)" % "|".join(names), value or "")
    return float(found.group(1)) if found else None


if HAS_REQUESTS:

    class _NoNetrc(requests.auth.AuthBase):
        """Leaves a request as it is; set as the session's auth so that requests never reads ~/.netrc."""

        def __call__(self, request):
            return request

    class WallClockTimeout(requests.exceptions.ReadTimeout):
        """The whole request, body included, took longer than the timeout."""


class CloudflareClient:
    """Authenticated calls to the Cloudflare API with retries and envelope handling.

    Creating a client sends nothing; every call returns Cloudflare's ``result``
    (or the whole envelope for :meth:`call`) or raises :class:`CloudflareApiError`.
    Redirects are never followed, ``.netrc`` is never read, and no credential
    appears in any error it raises.
    """

    def __init__(
        self,
        base_url: str = DEFAULT_BASE_URL,
        api_token: Optional[str] = None,
        api_email: Optional[str] = None,
        api_key: Optional[str] = None,
        timeout: float = DEFAULT_TIMEOUT,
        validate_certs: bool = True,
        ca_path: Optional[str] = None,
        retry_policy: Optional[RetryPolicy] = None,
        user_agent: Optional[str] = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.verify = (ca_path or True) if validate_certs else False
        self.retry_policy = retry_policy or RetryPolicy()
        # One session per calling thread (a module may read several objects at once).
        self._sessions = threading.local()
        self._headers = {
            "Accept": "application/json",
            "User-Agent": user_agent or "%s/%s" % (COLLECTION_NAME, COLLECTION_VERSION),
        }
        if api_token:
            self._headers["Authorization"] = "Bearer %s" % api_token
        else:
            self._headers["X-Auth-Email"] = api_email or ""
            self._headers["X-Auth-Key"] = api_key or ""
        self.secrets = [secret for secret in [api_token, api_key] + proxy_credentials(self.base_url) if secret]
        self.redact = Redactor(self.secrets)
        # Where the credentials came from, for messages (set by the Ansible side).
        self.credentials_origin = ""
        # Whether an error may quote the start of an answer that is not JSON (a proxy's error page says what went
        # wrong); off for the endpoints that serve mail, whose answers may hold a message's contents.
        self.quote_bodies = True

    def session(self) -> Any:
        """The HTTP session of the calling thread: keeps its connection alive, never reads ~/.netrc."""
        session = getattr(self._sessions, "session", None)
        if session is None:
            session = self._sessions.session = requests.Session()
            session.auth = _NoNetrc()
        return session

    def get(self, path: str, params: Optional[dict] = None) -> Any:
        return self.call("GET", path, params=params).get("result")

    def patch(self, path: str, body: Any) -> Any:
        return self.call("PATCH", path, body=body).get("result")

    def post(self, path: str, body: Any, idempotent: bool = False) -> Any:
        """POST; ``idempotent=True`` allows retries after server and connection errors (e.g. a batch of patches)."""
        return self.call("POST", path, body=body, idempotent=idempotent).get("result")

    def delete(self, path: str) -> Any:
        return self.call("DELETE", path).get("result")

    def list(
        self, path: str, params: Optional[dict] = None, per_page: int = 100, max_items: int = MAX_LIST_ITEMS, key: Key = "id", filtered: bool = False
    ) -> Iterator[dict]:
        """Yield every item of a page-numbered list once, page after page.

        ``result_info`` is not trusted to end the list: after a full page it reads on, whatever ``total_count``
        says. It stops at an empty page, or at a page shorter than ``per_page`` once every item ``total_count``
        promised was seen; a shorter page before that means the server serves smaller pages, so it reads on.
        Cloudflare's ``total_count`` counts the objects without any filter, so for a ``filtered`` list it
        promises nothing: there a shorter page ends the list when the server says it served pages of the size
        asked (``result_info.per_page``). A page that brings nothing new, or a list longer than ``max_items``,
        fails: it cannot be read reliably. Every item must be an object with ``key`` (a field, or a tuple of fields
        that together identify it, ``a.b`` for a field of a field). Callers should pass an explicit ``order``.
        """
        seen: Set[str] = set()
        page = 0
        while True:
            page += 1
            query = dict(params or {})
            query.update(page=page, per_page=per_page)
            envelope = self.call("GET", path, params=query)
            items = _list_result(envelope, path)
            if not items:
                return
            new = 0
            for index, item in enumerate(items):
                identity = _item_key(item, key, "Item %d of page %d" % (index, page), path)
                if identity not in seen:
                    seen.add(identity)
                    new += 1
                    yield item
            if new == 0:
                raise UnexpectedResponse(
                    "Page %d of the list repeated only items of earlier pages, so the list cannot be read reliably" % page, method="GET", path=path
                )
            info = envelope.get("result_info")
            info = info if isinstance(info, dict) else {}
            total = _count(info.get("total_count"))
            if len(items) < per_page:
                if (filtered and _count(info.get("per_page")) == per_page) or (not filtered and total is not None and len(seen) >= total):
                    return
            if len(seen) >= max_items:
                raise UnexpectedResponse(
                    "The list still had more items after %d of them (page %d), more than an account holds; stopped reading" % (len(seen), page),
                    method="GET",
                    path=path,
                )

    def cursor_list(self, path: str, params: Optional[dict], limit: int, per_page: int = 1000, key: Key = "id") -> Tuple[List[dict], bool]:
        """Up to ``limit`` items of a cursor-paged list, and whether the server said more exist.

        Follows ``result_info.cursor`` from page to page; stops at an empty page or a page without a cursor. A
        cursor that the server gave before, a page that brings nothing new, and more pages than a tenth of the page
        size asked for could explain, are errors, not loops.
        """
        items: List[dict] = []
        seen: Set[str] = set()
        cursors: Set[str] = set()
        cursor = None
        most_pages = 10 * math.ceil(limit / per_page) + 10
        while True:
            if len(cursors) >= most_pages:
                raise UnexpectedResponse(
                    "The API's pages brought %d items in %d pages of up to %d asked for, so paging would not end in reason"
                    % (len(items), len(cursors), per_page),
                    method="GET",
                    path=path,
                )
            query = dict(params or {})
            query["per_page"] = min(per_page, max(1, limit - len(items)))
            if cursor:
                query["cursor"] = cursor
            envelope = self.call("GET", path, params=query)
            page = _list_result(envelope, path)
            if not page:
                return items, False
            new = 0
            for index, item in enumerate(page):
                identity = _item_key(item, key, "Item %d of page %d" % (index, len(cursors) + 1), path)
                if identity in seen:
                    continue
                if len(items) >= limit:
                    return items, True
                seen.add(identity)
                items.append(item)
                new += 1
            if not new:
                raise UnexpectedResponse(
                    "Page %d of the list only repeats items of earlier pages, so paging would never end" % (len(cursors) + 1), method="GET", path=path
                )
            info = envelope.get("result_info")
            cursor = info.get("cursor") if isinstance(info, dict) else None
            if cursor is not None and not isinstance(cursor, str):
                raise UnexpectedResponse("result_info.cursor is %s, expected a string" % describe(cursor), method="GET", path=path)
            if not cursor:
                return items, False
            if cursor in cursors:
                raise UnexpectedResponse("The API gave a cursor it had given before, so paging would never end", method="GET", path=path)
            cursors.add(cursor)
            if len(items) >= limit:
                return items, True

    def call(self, method: str, path: str, params: Optional[dict] = None, body: Any = None, idempotent: Optional[bool] = None) -> dict:
        """Send one request (retrying as the policy allows) and return the decoded envelope.

        ``idempotent`` overrides what the method implies: whether sending the request twice is harmless.
        """
        try:
            return self._call(method.upper(), path, params, body, idempotent)
        except CloudflareApiError as error:
            raise self.redact.error(error) from None

    def _call(self, method: str, path: str, params: Optional[dict], body: Any, idempotent: Optional[bool]) -> dict:
        if idempotent is None:
            idempotent = method in IDEMPOTENT_METHODS
        url = self.base_url + path
        policy = self.retry_policy
        waited = 0.0
        attempts = 0
        while True:
            delay = None
            error = None
            response = None
            attempts += 1
            try:
                response = self._send(method, url, params, body)
            except requests.exceptions.RequestException as exc:
                sent = _request_was_sent(exc)
                error = CloudflareApiError(
                    "Could not get a response from %s: %s" % (self.base_url, self._transport_reason(exc)),
                    method=method,
                    path=path,
                    attempts=attempts,
                    may_have_applied=sent and method != "GET",
                )
                if _retryable(exc) and (idempotent or not sent):
                    delay = policy.backoff(attempts)
            else:
                if response.status_code == 429 or (response.status_code in RETRYABLE_STATUSES and idempotent):
                    asked = policy.wait_asked(response.headers)
                    if asked is not None and asked > policy.max_retry_after:
                        raise self._rate_limited(response, method, path, attempts, asked)
                    delay = policy.backoff(attempts) if asked is None else max(asked, policy.min_delay)
            if delay is None or attempts > policy.max_retries or waited + delay > policy.max_total_wait:
                if error is not None:
                    raise error
                return self._decode(response, method, path, attempts)
            waited += delay
            policy.sleep(delay)

    def _rate_limited(self, response: Any, method: str, path: str, attempts: int, seconds: float) -> CloudflareApiError:
        """The error for a server that asks to wait longer than a task should: fail now, saying when to retry."""
        try:
            self._decode(response, method, path, attempts)
        except CloudflareApiError as error:
            until = time.strftime("%H:%M:%S UTC", time.gmtime(time.time() + seconds))
            error.message = (
                "Cloudflare is rate-limiting these credentials and asks to wait %d seconds, until %s, before the next request"
                " (it blocks a user for five minutes after 1200 requests in five minutes); nothing more was sent: run the task"
                " again after that" % (math.ceil(seconds), until)
            )
            error.args = (error.message,)
            return error
        return CloudflareApiError("Cloudflare answered 429 with a success envelope", status=429, method=method, path=path, attempts=attempts)

    def _send(self, method: str, url: str, params: Optional[dict], body: Any) -> Any:
        """One HTTP exchange, body included, within ``timeout`` seconds of wall time.

        requests' own timeout applies to each socket read, so a server that drips its
        answer could hold a task indefinitely; the exchange runs on a worker thread
        that is abandoned (and dies with the process) once the time is up.
        """
        outcome: Dict[str, Any] = {}
        session = self.session()

        def exchange():
            try:
                outcome["response"] = session.request(
                    method, url, params=params, json=body, headers=self._headers, timeout=self.timeout, verify=self.verify, allow_redirects=False
                )
            except requests.exceptions.RequestException as exc:
                outcome["error"] = exc
            except Exception as exc:  # pylint: disable=broad-except
                # requests lets some errors through unwrapped (e.g. a header it cannot encode); their
                # text may hold a header value, so only their type is kept.
                outcome["error"] = requests.exceptions.InvalidHeader(type(exc).__name__)

        worker = threading.Thread(target=exchange, name="cloudflare-request", daemon=True)
        worker.start()
        worker.join(self.timeout)
        if worker.is_alive():
            raise WallClockTimeout("no complete answer within %s seconds" % self.timeout)
        if "error" in outcome:
            raise outcome["error"]
        return outcome["response"]

    def _decode(self, response: Any, method: str, path: str, attempts: int) -> dict:
        ray_id = response.headers.get("cf-ray")
        status = response.status_code
        if 300 <= status < 400:
            location = response.headers.get("Location")
            target = urlsplit(urljoin(self.base_url + "/", location)).hostname if location else None
            raise CloudflareApiError(
                "The API answered with a redirect (HTTP %d) to %s, which is never followed; check api_base_url"
                % (status, "host %s" % target if target else "no location"),
                status=status,
                ray_id=ray_id,
                method=method,
                path=path,
                attempts=attempts,
            )
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
            # Credentials are replaced before the text is cut, so no part of one can remain.
            snippet = " ".join(self.redact(response.text).split())[:SNIPPET_LENGTH] if self.quote_bodies else ""
            if snippet:
                problem += ": %r" % snippet
            raise CloudflareApiError(
                problem, status=status, ray_id=ray_id, method=method, path=path, attempts=attempts, may_have_applied=_may_have_applied(method, status)
            )
        errors = envelope.get("errors")
        if not isinstance(errors, list):
            errors = [] if errors is None else [errors]
        if status >= 400 or envelope.get("success") is not True:
            raise CloudflareApiError(
                _status_summary(status),
                status=status,
                errors=errors,
                ray_id=ray_id,
                method=method,
                path=path,
                attempts=attempts,
                envelope="success" in envelope and "errors" in envelope,
                may_have_applied=_may_have_applied(method, status),
            )
        return envelope

    def _transport_reason(self, exc: Exception) -> str:
        """Why no answer came, without the exception's text (it can quote headers or proxy credentials)."""
        if isinstance(exc, requests.exceptions.Timeout):
            return "timed out after %s seconds (%s)" % (self.timeout, type(exc).__name__)
        reason = type(exc).__name__
        text = str(exc)
        if isinstance(exc, requests.exceptions.SSLError):
            found = re.search(r"certificate verify failed: ([\w .,-]+)", text)
            reason += ": TLS certificate verification failed%s" % (" (%s)" % found.group(1).strip() if found else "")
        elif isinstance(exc, requests.exceptions.ConnectionError):
            found = re.search(r"\[Errno -?\d+\] ([\w .,-]+)", text)
            if found:
                reason += ": %s" % found.group(1).strip()
        return self.redact(reason)


def describe(value: Any) -> str:
    """A short, secret-free description of a JSON value's shape, for error messages."""
    if value is None:
        return "null"
    if isinstance(value, dict):
        return "an object" + (" with id %s" % value["id"] if value.get("id") not in (None, "") else "")
    if isinstance(value, list):
        return "a list of %d items" % len(value)
    return "a %s" % type(value).__name__


def checked_object(result: Any, method: str, path: str, expected_id: Optional[Any] = None) -> Dict[str, Any]:
    """``result`` if it is an object with an id (``expected_id`` when given, compared as strings)."""
    if not isinstance(result, dict) or result.get("id") in (None, ""):
        raise UnexpectedResponse("Expected an object with an id as the result, got %s" % describe(result), method=method, path=path)
    if expected_id is not None and str(result["id"]).lower() != str(expected_id).lower():
        raise UnexpectedResponse("Expected the object with id %s, got the one with id %s" % (expected_id, result["id"]), method=method, path=path)
    return result


def _count(value: Any) -> Optional[int]:
    """A count from result_info, or None when it is missing or not a whole number."""
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def _status_summary(status: int) -> str:
    if status == 429:
        return "Cloudflare kept rate-limiting the request"
    if status >= 500:
        return "Cloudflare answered with a server error"
    if status >= 400:
        return "Cloudflare rejected the request"
    return "Cloudflare reported the request as unsuccessful"


def _may_have_applied(method: str, status: int) -> bool:
    """Whether a write answered with ``status`` may have been processed all the same (a server error, not a refusal)."""
    return method != "GET" and (status >= 500 or status < 400)


def _request_was_sent(exc: Exception) -> bool:
    """Whether the request may have reached the server before the exchange failed (so a write may have happened)."""
    if isinstance(exc, (requests.exceptions.ConnectTimeout, requests.exceptions.SSLError, requests.exceptions.ProxyError)):
        return False
    if isinstance(exc, requests.exceptions.ConnectionError):
        reason = getattr(exc.args[0], "reason", None) if exc.args else None
        return not isinstance(reason, urllib3.exceptions.NewConnectionError)
    return not isinstance(exc, (requests.exceptions.InvalidHeader, requests.exceptions.InvalidURL))


def _retryable(exc: Exception) -> bool:
    """Transport failures that may pass: no connection, a timeout, an answer cut off."""
    return isinstance(exc, (requests.exceptions.ConnectionError, requests.exceptions.Timeout, requests.exceptions.ChunkedEncodingError))


def _list_result(envelope: dict, path: str) -> List[Any]:
    items = envelope.get("result")
    if not isinstance(items, list):
        raise UnexpectedResponse("Expected a list as the result, got %s" % describe(items), method="GET", path=path)
    return items


def _item_key(item: Any, key: Key, where: str, path: str) -> str:
    """The identity of a list item: its field ``key`` (or the fields a tuple names), each a non-empty string or number."""
    values = []
    for name in (key,) if isinstance(key, str) else key:
        value = _field(item, name)
        if isinstance(value, bool) or not isinstance(value, (str, int)) or value == "":
            raise UnexpectedResponse("%s has no %s (%s)" % (where, name, describe(item)), method="GET", path=path)
        values.append(str(value))
    return "\n".join(values)


def _field(item: Any, name: str) -> Any:
    """``item[a][b]`` for the name ``a.b``."""
    for part in name.split("."):
        item = item.get(part) if isinstance(item, dict) else None
    return item
