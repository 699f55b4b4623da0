# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations


class ModuleDocFragment:
    DOCUMENTATION = r"""
options:
  account_id:
    description:
      - The Cloudflare account that owns the Email Security settings.
      - If not set, the value of the E(CLOUDFLARE_ACCOUNT_ID) environment variable is used.
    type: str
    required: true
  api_token:
    description:
      - "A Cloudflare API token, sent as C(Authorization: Bearer <token>)."
      - "It needs the C(Cloud Email Security: Write) permission on the account to change settings."
      - If not set, the value of E(CLOUDFLARE_API_TOKEN), then of E(CLOUDFLARE_TOKEN), is used.
      - Give either O(api_token), or O(api_email) and O(api_key); never both styles.
    type: str
  api_email:
    description:
      - The e-mail address of the Cloudflare user, for the legacy Global API key authentication.
      - Needs O(api_key). If not set, the value of E(CLOUDFLARE_EMAIL) is used.
    type: str
    aliases: [account_email]
  api_key:
    description:
      - The Global API key of the Cloudflare user, for the legacy authentication.
      - Needs O(api_email). If not set, the value of E(CLOUDFLARE_API_KEY) is used.
      - Prefer O(api_token), which can be limited to the permissions a task needs.
    type: str
    aliases: [account_api_key]
  api_base_url:
    description:
      - Base URL of the Cloudflare API v4.
      - If not set, the value of E(CLOUDFLARE_BASE_URL) is used, then the default.
    type: str
    default: https://api.cloudflare.com/client/v4
  validate_certs:
    description:
      - Whether to verify the API server's TLS certificate. Only turn this off for a local test server.
    type: bool
    default: true
  timeout:
    description:
      - Seconds to wait for the API to connect and to answer, per request.
    type: float
    default: 30
  max_retries:
    description:
      - How many times one request is retried after a rate limit (HTTP 429, waiting as C(Retry-After) asks, at most
        60 seconds), a temporary server error (HTTP 502, 503, 504) or a connection error.
      - Retries wait with exponential backoff and jitter (0.5 s doubling, at most 8 s), and at most 120 seconds in total
        for one request. Other errors are never retried.
      - V(0) disables retries.
    type: int
    default: 3
requirements:
  - requests
notes:
  - Credentials are never written to the task's output, its diff, its error messages or its logs.
"""
