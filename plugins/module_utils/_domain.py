# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The protected-domain resource: its writable fields, their normalisation and the diff.

This file is private to the collection: its interface may change without notice.
Each writable field is declared once in ``SETTINGS``; the modules' argument
specs, input validation, comparison and request bodies are all derived from it.
Values are normalised to one canonical, JSON-friendly form on both sides (what
the task asks for and what the API reports) so that ``==`` decides "changed".
"""

from __future__ import annotations

import ipaddress
import json
import re

DELIVERY_MODES = ("DIRECT", "BCC", "JOURNAL", "API", "RETRO_SCAN")
DISPOSITIONS = ("MALICIOUS", "MALICIOUS-BEC", "SUSPICIOUS", "SPOOF", "SPAM", "BULK",
                "ENCRYPTED", "EXTERNAL", "UNKNOWN", "NONE")
FOLDERS = ("AllItems", "Inbox")
REGIONS = ("GLOBAL", "AU", "DE", "IN", "US")

_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


class InvalidValue(ValueError):
    """A value given in a task that the API would not accept; the text names the option."""


class Setting:
    """A writable string field compared exactly."""

    argument_type = "str"
    elements = None
    choices = None

    def __init__(self, name):
        self.name = name

    def argument_spec(self):
        spec = {"type": self.argument_type}
        if self.elements:
            spec["elements"] = self.elements
        if self.choices:
            spec["choices"] = list(self.choices)
        return spec

    def from_task(self, value):
        """Canonical form of a value given in a task; raises InvalidValue."""
        return value

    def from_api(self, value):
        """Canonical form of a value the API reported; never raises."""
        return value


class DomainName(Setting):
    """DNS names are case-insensitive and may carry the root's trailing dot."""

    def from_task(self, value):
        name = self.from_api(value)
        if not name or any(char.isspace() for char in name):
            raise InvalidValue("%s must be a domain name such as example.com, got %r" % (self.name, value))
        return name

    def from_api(self, value):
        if not isinstance(value, str):
            return value
        name = value.strip().lower()
        return name[:-1] if name.endswith(".") else name


class Enum(Setting):
    """One of a fixed set of spellings; the API's spelling is matched case-insensitively."""

    def __init__(self, name, choices):
        super().__init__(name)
        self.choices = tuple(choices)
        self._canonical = dict((choice.lower(), choice) for choice in self.choices)

    def from_api(self, value):
        if isinstance(value, str):
            return self._canonical.get(value.lower(), value)
        return value


class Uuid(Setting):
    """A uuid in its 8-4-4-4-12 form, compared in lower case."""

    def from_task(self, value):
        if not isinstance(value, str) or not _UUID.match(value.strip()):
            raise InvalidValue("%s must be a uuid such as 182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e, got %r"
                               % (self.name, value))
        return value.strip().lower()

    def from_api(self, value):
        return value.strip().lower() if isinstance(value, str) else value


class Integer(Setting):
    argument_type = "int"

    def __init__(self, name, minimum, maximum):
        super().__init__(name)
        self.minimum = minimum
        self.maximum = maximum

    def from_task(self, value):
        if not self.minimum <= value <= self.maximum:
            raise InvalidValue("%s must be between %d and %d, got %d" % (self.name, self.minimum, self.maximum, value))
        return value

    def from_api(self, value):
        if isinstance(value, float) and value.is_integer():
            return int(value)
        return value


class Boolean(Setting):
    argument_type = "bool"


class SetOf(Setting):
    """An unordered list: duplicates and order never count, the canonical form is sorted."""

    argument_type = "list"
    elements = "str"

    def __init__(self, name, item):
        super().__init__(name)
        self.item = item
        self.choices = item.choices

    def from_task(self, value):
        return _sorted_unique(self.item.from_task(item) for item in value)

    def from_api(self, value):
        if not isinstance(value, list):
            return value
        return _sorted_unique(self.item.from_api(item) for item in value)


class Network(Setting):
    """An IPv4/IPv6 network; a bare address is its /32 or /128."""

    def from_task(self, value):
        try:
            return str(ipaddress.ip_network(value.strip(), strict=True))
        except ValueError as exc:
            hint = ""
            try:
                hint = "; did you mean %s?" % ipaddress.ip_network(value.strip(), strict=False)
            except ValueError:
                pass
            raise InvalidValue("%s entries must be IPv4/IPv6 addresses or networks such as 192.0.2.0/24 "
                               "or 2001:db8::/32, got %r (%s)%s" % (self.name, value, exc, hint))

    def from_api(self, value):
        if not isinstance(value, str):
            return value
        try:
            return str(ipaddress.ip_network(value.strip(), strict=False))
        except ValueError:
            return value.strip().lower()


def _sorted_unique(values):
    """Distinct values in a stable order; works for anything JSON can hold, hashable or not."""
    unique = {}
    for value in values:
        unique.setdefault(json.dumps(value, sort_keys=True), value)
    return [unique[key] for key in sorted(unique)]


SETTINGS = (
    SetOf("allowed_delivery_modes", Enum("allowed_delivery_modes", DELIVERY_MODES)),
    DomainName("domain"),
    SetOf("drop_dispositions", Enum("drop_dispositions", DISPOSITIONS)),
    Enum("folder", FOLDERS),
    Uuid("integration_id"),
    SetOf("ip_restrictions", Network("ip_restrictions")),
    Integer("lookback_hops", 1, 20),
    SetOf("regions", Enum("regions", REGIONS)),
    Boolean("require_tls_inbound"),
    Boolean("require_tls_outbound"),
    Setting("transport"),
)
SETTINGS_BY_NAME = dict((setting.name, setting) for setting in SETTINGS)
# What POST .../domains needs; the other settings are optional when creating.
REQUIRED_TO_CREATE = ("domain", "allowed_delivery_modes", "ip_restrictions", "drop_dispositions", "regions")


def settings_argument_spec(exclude=()):
    """Argument spec entries for the writable fields: optional, no default (unset means leave alone)."""
    return dict((setting.name, setting.argument_spec()) for setting in SETTINGS if setting.name not in exclude)


def desired_settings(params):
    """Canonical values of the fields a task sets; fields left unset (None) are not managed."""
    return dict((setting.name, setting.from_task(params[setting.name]))
                for setting in SETTINGS if params.get(setting.name) is not None)


def current_settings(domain, names):
    """Canonical values the API reports for ``names`` (None where the API has no value)."""
    return dict((name, SETTINGS_BY_NAME[name].from_api(domain.get(name))) for name in names)


def changed_settings(desired, current):
    """The desired fields whose canonical value differs from the current one."""
    return dict((name, value) for name, value in desired.items() if current.get(name) != value)


def predicted_domain(domain, changes):
    """The domain object the API should return after applying ``changes``."""
    predicted = dict(domain)
    predicted.update(changes)
    return predicted
