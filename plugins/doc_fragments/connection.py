# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations


class ModuleDocFragment:
    DOCUMENTATION = r"""
options:
  account_id:
    description:
      - The Cloudflare account that owns the Email Security settings, 32 hexadecimal characters.
      - If not set, the value of the E(CLOUDFLARE_ACCOUNT_ID) environment variable is used; one of the two is required.
    type: str
  api_token:
    description:
      - "A Cloudflare API token, sent as C(Authorization: Bearer <token>)."
      - "It needs the C(Cloud Email Security: Read) permission on the account to read settings and
        C(Cloud Email Security: Write) to change them."
      - Give either O(api_token), or O(api_email) and O(api_key); never both styles.
      - Credentials set in the task (or in C(module_defaults)) always win over the environment. Only when the task sets
        none of O(api_token), O(api_email) and O(api_key) are they read from the environment, in this order
        E(CLOUDFLARE_API_TOKEN), E(CLOUDFLARE_TOKEN), then E(CLOUDFLARE_EMAIL) with E(CLOUDFLARE_API_KEY). Variables
        present but not used are named in a warning.
      - Surrounding whitespace (such as the newline a vaulted value often ends in) is removed; any other control or
        non-ASCII character is an error.
    type: str
  api_email:
    description:
      - The e-mail address of the Cloudflare user, for the legacy Global API key authentication.
      - Needs O(api_key). Read from E(CLOUDFLARE_EMAIL) when the task sets no credential (see O(api_token)).
    type: str
    aliases: [account_email]
  api_key:
    description:
      - The Global API key of the Cloudflare user, for the legacy authentication.
      - Needs O(api_email). Read from E(CLOUDFLARE_API_KEY) when the task sets no credential (see O(api_token)).
      - Prefer O(api_token), which can be limited to the permissions a task needs.
    type: str
    aliases: [account_api_key]
  api_base_url:
    description:
      - Base URL of the Cloudflare API v4.
      - If not set, the value of E(CLOUDFLARE_BASE_URL) is used, then the default.
      - It must use C(https://); C(http://) is accepted only for loopback hosts (V(localhost), 127.0.0.0/8, V(::1)),
        for local test servers. A user name or password (C(user:pass@)), a query or a fragment is refused, and so is a
        space, a line break or any other control or non-ASCII character anywhere in it.
      - A wrong path (a typo such as C(.../client/v44)) is never taken for an object that does not exist; Cloudflare's
        answer that it has no such route fails the task.
      - Redirects are never followed; an answer with a redirect fails the task.
    type: str
    default: https://api.cloudflare.com/client/v4
  validate_certs:
    description:
      - Whether to verify the API server's TLS certificate. Only turn this off for a local test server; the task then
        warns that the credentials are exposed to anyone on the network path.
    type: bool
    default: true
  ca_path:
    description:
      - A file of PEM certificates to trust instead of the system's, for example the CA of a TLS-intercepting proxy.
      - Proxies are taken from the E(HTTPS_PROXY) and E(NO_PROXY) environment variables.
    type: path
  timeout:
    description:
      - Seconds that one request may take in all, connecting, waiting and reading the whole answer. A finite, positive
        number.
    type: float
    default: 30
  max_retries:
    description:
      - How many times one request is retried after a rate limit (HTTP 429, waiting as C(Retry-After) asks, at least 1
        second), a temporary server error (HTTP 502, 503, 504) or a connection error. From V(0) (no retries) to V(10).
      - Retries wait with exponential backoff and jitter (0.5 s doubling, at most 8 s), and at most 120 seconds in total
        for one request. Other errors are never retried, and a write is retried only when it surely was not processed.
      - When Cloudflare asks to wait longer than 60 seconds (it blocks a user for five minutes after 1200 requests in five
        minutes), the task fails at once, saying when to run it again.
    type: int
    default: 3
requirements:
  - requests
notes:
  - Credentials are never written to the task's output, its diff, its error messages or its logs.
"""
