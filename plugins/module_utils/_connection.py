# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Ansible side of the connection: the shared options, the client they build, and API errors as task failures.

This file is private to the collection: its interface may change without notice.
The options are documented once, in the ``connection`` doc fragment.
"""

from __future__ import annotations

import ipaddress
import math
import os
import re
from typing import Any, Dict, List, Optional, Tuple
from urllib.parse import urlsplit

from ansible.module_utils.ansible_release import __version__ as ANSIBLE_VERSION
from ansible.module_utils.basic import env_fallback, missing_required_lib

from ansible_collections.cloudflare_community.email_security.plugins.module_utils._api import (
    COLLECTION_NAME,
    COLLECTION_VERSION,
    DEFAULT_BASE_URL,
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
    HAS_REQUESTS,
    MAX_RETRIES_LIMIT,
    REQUESTS_IMPORT_ERROR,
    CloudflareApiError,
    CloudflareClient,
    RetryPolicy,
)

READ_PERMISSION = "Cloud Email Security: Read"
WRITE_PERMISSION = "Cloud Email Security: Write"
ACCOUNT_ID = re.compile(r"^[0-9a-fA-F]{32}$")

TOKEN_ENV = ("CLOUDFLARE_API_TOKEN", "CLOUDFLARE_TOKEN")
EMAIL_ENV = "CLOUDFLARE_EMAIL"
KEY_ENV = "CLOUDFLARE_API_KEY"
CREDENTIAL_OPTIONS = ("api_token", "api_email", "api_key")
# A value may be used in an HTTP header only if it is printable ASCII (fullmatch: "$" would let a final newline through).
HEADER_SAFE = re.compile(r"[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?")
# A URL holds no space, control or non-ASCII character anywhere.
URL_SAFE = re.compile(r"[\x21-\x7e]+")


def connection_argument_spec() -> Dict[str, Dict[str, Any]]:
    """The connection options. The credentials have no env fallback: see :func:`resolve_credentials`."""
    return dict(
        # Not required=True: Ansible's own message would not name CLOUDFLARE_ACCOUNT_ID (see connection_problems).
        account_id=dict(type="str", fallback=(env_fallback, ["CLOUDFLARE_ACCOUNT_ID"])),
        api_token=dict(type="str", no_log=True),
        api_email=dict(type="str", aliases=["account_email"]),
        api_key=dict(type="str", no_log=True, aliases=["account_api_key"]),
        api_base_url=dict(type="str", default=DEFAULT_BASE_URL, fallback=(env_fallback, ["CLOUDFLARE_BASE_URL"])),
        validate_certs=dict(type="bool", default=True),
        ca_path=dict(type="path"),
        timeout=dict(type="float", default=DEFAULT_TIMEOUT),
        max_retries=dict(type="int", default=DEFAULT_MAX_RETRIES),
    )


def resolve_credentials(params: Dict[str, Any], environ: Any) -> Tuple[Dict[str, Optional[str]], Dict[str, str], List[str]]:
    """The credentials to use, where each came from, and the environment variables left unused.

    Credentials set in the task (or in module_defaults) always win. Only when the task
    sets none are they read from the environment: a token from CLOUDFLARE_API_TOKEN,
    then CLOUDFLARE_TOKEN; otherwise CLOUDFLARE_EMAIL with CLOUDFLARE_API_KEY.
    Values keep their surrounding whitespace here; :func:`credential_problems` strips it.
    """
    in_env = [name for name in TOKEN_ENV + (EMAIL_ENV, KEY_ENV) if environ.get(name)]
    from_task = dict((name, params.get(name)) for name in CREDENTIAL_OPTIONS if params.get(name))
    if from_task:
        values = dict((name, from_task.get(name)) for name in CREDENTIAL_OPTIONS)
        return values, dict((name, name) for name in from_task), in_env
    for name in TOKEN_ENV:
        if environ.get(name):
            ignored = [other for other in in_env if other != name]
            return dict(api_token=environ[name], api_email=None, api_key=None), dict(api_token=name), ignored
    values = dict(api_token=None, api_email=environ.get(EMAIL_ENV) or None, api_key=environ.get(KEY_ENV) or None)
    sources = {}
    if values["api_email"]:
        sources["api_email"] = EMAIL_ENV
    if values["api_key"]:
        sources["api_key"] = KEY_ENV
    return values, sources, []


def credential_problems(values: Dict[str, Optional[str]], sources: Dict[str, str]) -> Optional[str]:
    """Why the credentials cannot be used, as one sentence that never quotes them, or None.

    Strips surrounding whitespace from ``values`` in place (a vaulted token often ends in a newline).
    """
    for name, value in values.items():
        if value is None:
            continue
        stripped = value.strip()
        values[name] = stripped or None
        if stripped and not HEADER_SAFE.fullmatch(stripped):
            return "%s contains a control or non-ASCII character, which cannot be sent in an HTTP header; check the value of %s" % (
                name,
                _origin(name, sources),
            )
    token, email, key = values["api_token"], values["api_email"], values["api_key"]
    if token and (email or key):
        return "Both credential styles are set: use either api_token, or api_email and api_key, not both; api_token is set together with %s" % " and ".join(
            name for name in ("api_email", "api_key") if values[name]
        )
    if not token and not email and not key:
        return "No credentials: set api_token (or env %s), or api_email and api_key (or env %s and %s)" % (" or ".join(TOKEN_ENV), EMAIL_ENV, KEY_ENV)
    if not token and not key:
        return "api_email is set (%s) but api_key is missing; both are needed" % _origin("api_email", sources)
    if not token and not email:
        return "api_key is set (%s) but api_email is missing; both are needed" % _origin("api_key", sources)
    return None


def _origin(name: str, sources: Dict[str, str]) -> str:
    source = sources.get(name, name)
    return "the option %s" % name if source == name else "the environment variable %s" % source


def base_url_problem(url: str) -> Optional[str]:
    """Why api_base_url cannot be used, or None. Never quotes a user-info part."""
    if not isinstance(url, str) or not url or not URL_SAFE.fullmatch(url):
        return "api_base_url (or env CLOUDFLARE_BASE_URL) must be a URL such as %s, with no space, line break, control or non-ASCII character anywhere" % (
            DEFAULT_BASE_URL
        )
    parts = urlsplit(url)
    if "@" in parts.netloc:
        return "api_base_url must not contain a user name or password (user:pass@); give credentials as api_token"
    if "?" in url or "#" in url:
        return "api_base_url must not contain a query (?) or a fragment (#)"
    try:
        host = parts.hostname
        port_ok = parts.port is None or parts.port > 0
    except ValueError:  # a port that is not a number from 0 to 65535
        host, port_ok = None, False
    if parts.scheme not in ("https", "http") or not host or not port_ok:
        return "api_base_url must be an https:// URL such as %s" % DEFAULT_BASE_URL
    if parts.scheme == "http" and not is_loopback(host):
        return "api_base_url must use https://; http:// is allowed only for loopback hosts (localhost, 127.0.0.0/8, ::1), not %s" % host
    return None


def _password_in(url: Any) -> Optional[str]:
    """The password of a user-info part of ``url`` (refused, but also kept out of the task's output)."""
    if not isinstance(url, str):
        return None
    try:
        return urlsplit(url).password
    except ValueError:
        return None


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def connection_problems(params: Dict[str, Any]) -> Optional[str]:
    """Why the other connection options cannot work, as one sentence, or None."""
    account_id = (params.get("account_id") or "").strip()
    if not account_id:
        return "account_id is missing: set the option account_id, or the environment variable CLOUDFLARE_ACCOUNT_ID, to the account's identifier"
    if not ACCOUNT_ID.fullmatch(account_id):
        return "account_id (or env CLOUDFLARE_ACCOUNT_ID) must be the account's identifier, 32 hexadecimal characters such as 023e105f4ecef8ad9ca31a8372d0c353"
    params["account_id"] = account_id
    # An empty value (e.g. an AWX credential whose optional base URL was left empty) means the default.
    params["api_base_url"] = params.get("api_base_url") or DEFAULT_BASE_URL
    problem = base_url_problem(params["api_base_url"])
    if problem:
        return problem
    timeout = params.get("timeout")
    if timeout is not None and (not math.isfinite(timeout) or timeout <= 0):
        return "timeout must be a finite, positive number of seconds, got %s" % timeout
    if params.get("max_retries") is not None and not 0 <= params["max_retries"] <= MAX_RETRIES_LIMIT:
        return "max_retries must be between 0 and %d, got %d" % (MAX_RETRIES_LIMIT, params["max_retries"])
    ca_path = params.get("ca_path")
    if ca_path and not os.path.isfile(ca_path):
        return "ca_path must be a file of PEM certificates; %s is not a file" % ca_path
    return None


def client_from_module(module: Any, environ: Optional[Any] = None) -> CloudflareClient:
    """Build the API client from the module's options, failing the task before any request if they are unusable."""
    if not HAS_REQUESTS:
        module.fail_json(msg=missing_required_lib("requests"), exception=REQUESTS_IMPORT_ERROR)
    params = module.params
    values, sources, ignored = resolve_credentials(params, os.environ if environ is None else environ)
    for value in values.values():
        if value:
            # Values from the environment are not options, so Ansible does not know to hide them.
            module.no_log_values.update((value, value.strip()))
    password = _password_in(params.get("api_base_url"))
    if password:
        module.no_log_values.add(password)
    problem = credential_problems(values, sources) or connection_problems(params)
    if problem:
        module.fail_json(msg=problem)
    if ignored:
        module.warn(
            "Ignored the environment variable%s %s: the credentials come from %s"
            % ("s" if len(ignored) > 1 else "", ", ".join(ignored), " and ".join(_origin(name, sources) for name in sorted(sources)))
        )
    if not params["validate_certs"]:
        module.warn(
            "validate_certs is false: the API server's certificate is not checked, so anyone on the "
            "network path can read the API credentials and change what is sent and received"
        )
    client = CloudflareClient(
        base_url=params["api_base_url"],
        api_token=values["api_token"],
        api_email=values["api_email"],
        api_key=values["api_key"],
        timeout=params["timeout"],
        validate_certs=params["validate_certs"],
        ca_path=params.get("ca_path"),
        retry_policy=RetryPolicy(max_retries=params["max_retries"]),
        user_agent="%s/%s ansible-core/%s" % (COLLECTION_NAME, COLLECTION_VERSION, ANSIBLE_VERSION),
    )
    # Proxy credentials from the environment: a proxy's error page may echo them.
    module.no_log_values.update(client.secrets)
    client.credentials_origin = " and ".join(_origin(name, sources) for name in sorted(sources))
    return client


def api_error_message(error: CloudflareApiError, action: str, account_id: str, not_found: Optional[str] = None, credentials_origin: str = "") -> str:
    """One sentence for an API error: what we tried, what Cloudflare said, what to do.

    ``not_found`` is the sentence for Cloudflare's own "not found" of the object; without it a 404 is reported
    like any other error, with the ``action`` (which may count what was already applied).
    """
    api_text = error.api_errors_text()
    said = " Cloudflare said: %s." % api_text if api_text else ""
    if error.status == 401:
        origin = " They came from %s." % credentials_origin if "environment" in credentials_origin else ""
        msg = "Cloudflare did not accept the credentials while %s (HTTP 401).%s Check api_token, or api_email and api_key.%s" % (action, said, origin)
    elif error.status == 403:
        permission = READ_PERMISSION if error.method in ("GET", "HEAD") else WRITE_PERMISSION
        msg = "Cloudflare refused the request while %s (HTTP 403).%s The credentials need the '%s' permission on account %s." % (
            action,
            said,
            permission,
            account_id,
        )
    elif error.is_not_found and not_found:
        msg = "%s (HTTP 404).%s" % (not_found, said)
    elif error.is_routing_error:
        msg = "Cloudflare has no API route for %s %s while %s (HTTP 404%s).%s Nothing there was read or changed: check api_base_url and account_id." % (
            error.method,
            error.path,
            action,
            "" if error.envelope else ", not in Cloudflare's envelope",
            said,
        )
    else:
        msg = "Failed %s: %s." % (action, error)
    if error.ray_id and error.status in (401, 403, 404):
        msg += " cf-ray: %s." % error.ray_id
    return msg


def fail_on_api_error(module: Any, error: CloudflareApiError, action: str, not_found: Optional[str] = None, **extra: Any) -> None:
    """Fail the task with :func:`api_error_message`; ``extra`` goes into the task's result (e.g. what was already changed)."""
    origin = getattr(extra.pop("client", None), "credentials_origin", "")
    msg = api_error_message(error, action, module.params["account_id"], not_found, origin)
    module.fail_json(msg=msg, status=error.status, api_errors=error.errors, cf_ray=error.ray_id, **extra)
