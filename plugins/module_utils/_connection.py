# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Ansible side of the connection: the shared options, the client they build, and API errors as task failures.

This file is private to the collection: its interface may change without notice.
The options are documented once, in the ``connection`` doc fragment.
"""

from __future__ import annotations

from ansible.module_utils.ansible_release import __version__ as ANSIBLE_VERSION
from ansible.module_utils.basic import env_fallback, missing_required_lib

from ansible_collections.cloudflare_community.email_security.plugins.module_utils._api import (
    COLLECTION_NAME,
    COLLECTION_VERSION,
    DEFAULT_BASE_URL,
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
    HAS_REQUESTS,
    REQUESTS_IMPORT_ERROR,
    CloudflareClient,
    RetryPolicy,
)

ACCOUNT_ID_MAX_LENGTH = 32
WRITE_PERMISSION = "Cloud Email Security: Write"

TOKEN_ENV = ("CLOUDFLARE_API_TOKEN", "CLOUDFLARE_TOKEN")
EMAIL_ENV = ("CLOUDFLARE_EMAIL",)
KEY_ENV = ("CLOUDFLARE_API_KEY",)


def connection_argument_spec():
    return dict(
        account_id=dict(type="str", required=True, fallback=(env_fallback, ["CLOUDFLARE_ACCOUNT_ID"])),
        api_token=dict(type="str", no_log=True, fallback=(env_fallback, list(TOKEN_ENV))),
        api_email=dict(type="str", aliases=["account_email"], fallback=(env_fallback, list(EMAIL_ENV))),
        api_key=dict(type="str", no_log=True, aliases=["account_api_key"], fallback=(env_fallback, list(KEY_ENV))),
        api_base_url=dict(type="str", default=DEFAULT_BASE_URL, fallback=(env_fallback, ["CLOUDFLARE_BASE_URL"])),
        validate_certs=dict(type="bool", default=True),
        timeout=dict(type="float", default=DEFAULT_TIMEOUT),
        max_retries=dict(type="int", default=DEFAULT_MAX_RETRIES),
    )


def connection_problems(params):
    """Why the connection options cannot work, as one sentence, or None.

    Checked by hand rather than with mutually_exclusive/required_one_of because
    values may come from environment variables, which those checks do not see,
    and because the message should say where each value can come from.
    """
    token = params.get("api_token")
    email = params.get("api_email")
    key = params.get("api_key")
    if token and (email or key):
        return ("Both credential styles are set: use either api_token (env %s) or api_email and api_key "
                "(env %s and %s), not both; api_token is set together with %s"
                % (" or ".join(TOKEN_ENV), EMAIL_ENV[0], KEY_ENV[0],
                   " and ".join(name for name in ("api_email", "api_key") if params.get(name))))
    if not token and not email and not key:
        return ("No credentials: set api_token (env %s), or api_email and api_key (env %s and %s)"
                % (" or ".join(TOKEN_ENV), EMAIL_ENV[0], KEY_ENV[0]))
    if not token and not key:
        return "api_email is set but api_key (env %s) is missing; both are needed" % KEY_ENV[0]
    if not token and not email:
        return "api_key is set but api_email (env %s) is missing; both are needed" % EMAIL_ENV[0]
    account_id = params.get("account_id") or ""
    if not account_id.strip():
        return "account_id (env CLOUDFLARE_ACCOUNT_ID) must not be empty"
    if len(account_id) > ACCOUNT_ID_MAX_LENGTH:
        return "account_id must be at most %d characters, got %d" % (ACCOUNT_ID_MAX_LENGTH, len(account_id))
    if params.get("timeout") is not None and params["timeout"] <= 0:
        return "timeout must be a positive number of seconds, got %s" % params["timeout"]
    if params.get("max_retries") is not None and params["max_retries"] < 0:
        return "max_retries must be 0 or more, got %d" % params["max_retries"]
    return None


def client_from_module(module):
    """Build the API client from the module's options, failing the task before any request if they are unusable."""
    if not HAS_REQUESTS:
        module.fail_json(msg=missing_required_lib("requests"), exception=REQUESTS_IMPORT_ERROR)
    problem = connection_problems(module.params)
    if problem:
        module.fail_json(msg=problem)
    params = module.params
    return CloudflareClient(
        base_url=params["api_base_url"],
        api_token=params.get("api_token"),
        api_email=params.get("api_email"),
        api_key=params.get("api_key"),
        timeout=params["timeout"],
        validate_certs=params["validate_certs"],
        retry_policy=RetryPolicy(max_retries=params["max_retries"]),
        user_agent="%s/%s ansible-core/%s" % (COLLECTION_NAME, COLLECTION_VERSION, ANSIBLE_VERSION),
    )


def fail_on_api_error(module, error, action, not_found=None):
    """Fail the task with one sentence for an API error: what we tried, what Cloudflare said, what to do.

    ``not_found`` is the sentence for a 404; by default it is about the account's settings as a whole.
    """
    api_text = error.api_errors_text()
    said = " Cloudflare said: %s." % api_text if api_text else ""
    if error.status == 401:
        msg = ("Cloudflare did not accept the credentials while %s (HTTP 401).%s Check api_token, or api_email "
               "and api_key." % (action, said))
    elif error.status == 403:
        msg = ("Cloudflare refused the request while %s (HTTP 403).%s The credentials need the '%s' permission on account %s."
               % (action, said, WRITE_PERMISSION, module.params["account_id"]))
    elif error.status == 404:
        msg = "%s (HTTP 404).%s" % (
            not_found or "Cloudflare found no Email Security settings for account %s" % module.params["account_id"], said)
    else:
        msg = "Failed %s: %s." % (action, error)
    if error.ray_id and error.status in (401, 403, 404):
        msg += " cf-ray: %s." % error.ray_id
    module.fail_json(msg=msg, status=error.status, api_errors=error.errors, cf_ray=error.ray_id)
