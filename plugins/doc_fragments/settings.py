# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations


class ModuleDocFragment:
    # The writable settings of a protected domain (all but its name), as plugins/module_utils/_domain.py declares them
    # (a unit test checks that both agree).
    # Every one is optional and has no default: a setting left unset is left as it is.
    DOCUMENTATION = r"""
options:
  allowed_delivery_modes:
    description:
      - The delivery modes the domain may use.
    type: list
    elements: str
    choices: [DIRECT, BCC, JOURNAL, API, RETRO_SCAN]
  drop_dispositions:
    description:
      - The dispositions for which messages are dropped.
    type: list
    elements: str
    choices: [MALICIOUS, MALICIOUS-BEC, SUSPICIOUS, SPOOF, SPAM, BULK, ENCRYPTED, EXTERNAL, UNKNOWN, NONE]
  folder:
    description:
      - The mailbox folder that is scanned, for domains scanned through the API.
      - V("") (an empty string) clears it (the API then reports null).
    type: str
    choices: [AllItems, Inbox, ""]
  integration_id:
    description:
      - The uuid of the integration the domain is tied to.
      - V("") (an empty string) clears it (the API then reports null).
    type: str
  ip_restrictions:
    description:
      - The IPv4 and IPv6 networks or addresses mail for the domain may come from, such as V(192.0.2.0/24) or
        V(2001:db8::/32).
      - A bare address means its /32 or /128. A network with host bits set (V(192.0.2.1/24)) is an error, and so is
        an IPv6 zone id (V(fe80::1%eth0)).
      - An empty list removes every restriction.
    type: list
    elements: str
  lookback_hops:
    description:
      - How many hops back in the C(Received) headers to look for the sending IP address, from 1 to 20. A boolean is
        refused.
    type: int
  regions:
    description:
      - The regions where mail for the domain is processed.
    type: list
    elements: str
    choices: [GLOBAL, AU, DE, IN, US]
  require_tls_inbound:
    description:
      - Whether inbound mail must arrive over TLS.
    type: bool
  require_tls_outbound:
    description:
      - Whether outbound mail must leave over TLS.
    type: bool
  transport:
    description:
      - The transport (next hop) that mail for the domain is delivered to.
    type: str
"""
