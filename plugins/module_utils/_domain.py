# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The protected-domain resource: its fields, their normalisation and the diff.

This file is private to the collection: its interface may change without notice.
Each field is declared once in ``SETTINGS``: its type, allowed values, whether the
API accepts null for it, whether creating needs it and whether it may change
after creation. The modules' argument specs, input validation, comparison and
request bodies, and the test fake's checks, are all derived from it. Values are
normalised to one canonical, JSON-friendly form on both sides (what the task
asks for and what the API reports) so that ``==`` decides "changed".
It imports nothing from Ansible, so that the test fake can load it too.
"""

from __future__ import annotations

import ipaddress
import json
import re
from typing import Any, Dict, Iterable, List, Optional, Tuple

DELIVERY_MODES = ("DIRECT", "BCC", "JOURNAL", "API", "RETRO_SCAN")
DISPOSITIONS = ("MALICIOUS", "MALICIOUS-BEC", "SUSPICIOUS", "SPOOF", "SPAM", "BULK", "ENCRYPTED", "EXTERNAL", "UNKNOWN", "NONE")
FOLDERS = ("AllItems", "Inbox")
REGIONS = ("GLOBAL", "AU", "DE", "IN", "US")
STATUSES = ("PENDING", "ACTIVE", "FAILED", "TIMEOUT")

_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
_POSITIVE_INTEGER = re.compile(r"^[1-9][0-9]{0,18}$")
_DNS_LABEL = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
# The spelling that clears a nullable field.
CLEAR = ""


class InvalidValue(ValueError):
    """A value given in a task that the API would not accept; the text names the option."""


class Setting:
    """A field of the resource, a string compared exactly unless a subclass says otherwise.

    ``nullable``: the API accepts null for it, which a task asks for with an empty string.
    ``required_to_create``: creating needs it. ``mutable``: it may be changed after creation.
    """

    argument_type = "str"
    json_type: Tuple[type, ...] = (str,)
    elements: Optional[str] = None
    choices: Optional[Tuple[str, ...]] = None

    def __init__(self, name: str, nullable: bool = False, required_to_create: bool = False, mutable: bool = True) -> None:
        self.name = name
        self.nullable = nullable
        self.required_to_create = required_to_create
        self.mutable = mutable

    def argument_spec(self) -> Dict[str, Any]:
        spec: Dict[str, Any] = {"type": self.argument_type}
        if self.elements:
            spec["elements"] = self.elements
        if self.choices:
            spec["choices"] = list(self.choices) + ([CLEAR] if self.nullable else [])
        return spec

    def from_task(self, value: Any) -> Any:
        """Canonical form of a value given in a task; raises InvalidValue."""
        if self.nullable and value == CLEAR:
            return None
        return self.check(value)

    def check(self, value: Any) -> Any:
        """Canonical form of a non-null value given in a task; raises InvalidValue."""
        return value

    def from_api(self, value: Any) -> Any:
        """Canonical form of a value the API reported; never raises."""
        return value

    def api_problem(self, value: Any) -> Optional[str]:
        """Why the API would refuse ``value`` in a request body (the fake's rule), or None."""
        if value is None:
            return None if self.nullable else "must not be null"
        if not isinstance(value, self.json_type) or (isinstance(value, bool) and bool not in self.json_type):
            return "expected %s" % " or ".join(kind.__name__ for kind in self.json_type)
        return None


class DomainName(Setting):
    """A DNS name: case-insensitive, without the root's trailing dot, internationalised names in IDNA form."""

    def check(self, value: Any) -> str:
        name = self.from_api(value)
        if not isinstance(name, str) or not is_dns_name(name):
            raise InvalidValue(
                "%s must be a domain name such as example.com (labels of letters, digits and hyphens, at least two), got %r" % (self.name, value)
            )
        return name

    def from_api(self, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        name = value.strip().lower()
        name = name[:-1] if name.endswith(".") else name
        try:
            return name.encode("idna").decode("ascii").lower()
        except UnicodeError:
            return name


def is_dns_name(name: str) -> bool:
    """Whether ``name`` (ASCII, lower case) is a host name of at least two labels."""
    labels = name.split(".")
    return len(name) <= 253 and len(labels) >= 2 and all(_DNS_LABEL.match(label) for label in labels)


class Enum(Setting):
    """One of a fixed set of spellings; the API's spelling is matched case-insensitively."""

    def __init__(self, name: str, choices: Iterable[str], **kwargs: Any) -> None:
        super().__init__(name, **kwargs)
        self.choices = tuple(choices)
        self._canonical = dict((choice.lower(), choice) for choice in self.choices)

    def from_api(self, value: Any) -> Any:
        if isinstance(value, str):
            return self._canonical.get(value.lower(), value)
        return value

    def api_problem(self, value: Any) -> Optional[str]:
        problem = super().api_problem(value)
        if problem is None and value is not None and value not in self._canonical.values():
            problem = "%r is not one of %s" % (value, ", ".join(self._canonical.values()))
        return problem


class Uuid(Setting):
    """A uuid in its 8-4-4-4-12 form, compared in lower case."""

    def check(self, value: Any) -> str:
        if not isinstance(value, str) or not _UUID.match(value.strip()):
            raise InvalidValue("%s must be a uuid such as 182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e, got %r" % (self.name, value))
        return value.strip().lower()

    def from_api(self, value: Any) -> Any:
        return value.strip().lower() if isinstance(value, str) else value

    def api_problem(self, value: Any) -> Optional[str]:
        problem = super().api_problem(value)
        if problem is None and value is not None and not _UUID.match(value):
            problem = "expected a uuid"
        return problem


class Integer(Setting):
    argument_type = "int"
    json_type = (int,)

    def __init__(self, name: str, minimum: int, maximum: int, **kwargs: Any) -> None:
        super().__init__(name, **kwargs)
        self.minimum = minimum
        self.maximum = maximum

    def check(self, value: Any) -> int:
        # Ansible's int type lets a boolean through (True is 1); a boolean is not a number of anything.
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidValue("%s must be a whole number between %d and %d, got %r" % (self.name, self.minimum, self.maximum, value))
        if not self.minimum <= value <= self.maximum:
            raise InvalidValue("%s must be between %d and %d, got %d" % (self.name, self.minimum, self.maximum, value))
        return value

    def from_api(self, value: Any) -> Any:
        if isinstance(value, float) and value.is_integer():
            return int(value)
        return value

    def api_problem(self, value: Any) -> Optional[str]:
        problem = super().api_problem(value)
        if problem is None and value is not None and not self.minimum <= value <= self.maximum:
            problem = "must be between %d and %d" % (self.minimum, self.maximum)
        return problem


class Boolean(Setting):
    argument_type = "bool"
    json_type = (bool,)


class SetOf(Setting):
    """An unordered list: duplicates and order never count, the canonical form is sorted."""

    argument_type = "list"
    json_type = (list,)
    elements = "str"

    def __init__(self, name: str, item: Setting, **kwargs: Any) -> None:
        super().__init__(name, **kwargs)
        self.item = item
        self.choices = item.choices

    def check(self, value: Any) -> List[Any]:
        return _sorted_unique(self.item.check(item) for item in value)

    def from_api(self, value: Any) -> Any:
        if not isinstance(value, list):
            return value
        return _sorted_unique(self.item.from_api(item) for item in value)

    def api_problem(self, value: Any) -> Optional[str]:
        problem = super().api_problem(value)
        if problem is None and value is not None:
            for item in value:
                item_problem = self.item.api_problem(item)
                if item_problem:
                    return "item %r: %s" % (item, item_problem)
        return problem


class Network(Setting):
    """An IPv4/IPv6 network; a bare address is its /32 or /128."""

    def check(self, value: Any) -> str:
        text = value.strip()
        if "%" in text:
            raise InvalidValue("%s entries must not carry an IPv6 zone id (%%...), got %r" % (self.name, value))
        try:
            return str(ipaddress.ip_network(text, strict=True))
        except ValueError as exc:
            hint = ""
            try:
                hint = "; did you mean %s?" % ipaddress.ip_network(text, strict=False)
            except ValueError:
                pass
            raise InvalidValue(
                "%s entries must be IPv4/IPv6 addresses or networks such as 192.0.2.0/24 or 2001:db8::/32, got %r (%s)%s" % (self.name, value, exc, hint)
            ) from None

    def from_api(self, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        try:
            return str(ipaddress.ip_network(value.strip(), strict=False))
        except ValueError:
            return value.strip().lower()

    def api_problem(self, value: Any) -> Optional[str]:
        problem = super().api_problem(value)
        if problem is None and value is not None:
            try:
                ipaddress.ip_network(value, strict=False)
            except ValueError:
                problem = "not an IP address or network"
        return problem


class Identifier(Setting):
    """An object's id: a uuid, or a positive integer as older API generations served; compared as a string."""

    def check(self, value: Any) -> str:
        text = str(value).strip() if isinstance(value, (str, int)) and not isinstance(value, bool) else ""
        if _UUID.match(text):
            return text.lower()
        if _POSITIVE_INTEGER.match(text):
            return text
        raise InvalidValue(
            "%s must be a uuid such as f174e90a-fafe-4643-bbbc-4a0ed4fc8415 (or a positive integer for older objects), got %r" % (self.name, value)
        )

    def from_api(self, value: Any) -> Any:
        return None if value is None else str(value).lower()


def _sorted_unique(values: Iterable[Any]) -> List[Any]:
    """Distinct values in a stable order; works for anything JSON can hold, hashable or not."""
    unique: Dict[str, Any] = {}
    for value in values:
        unique.setdefault(json.dumps(value, sort_keys=True), value)
    return [unique[key] for key in sorted(unique)]


SETTINGS = (
    SetOf("allowed_delivery_modes", Enum("allowed_delivery_modes", DELIVERY_MODES), required_to_create=True),
    DomainName("domain", required_to_create=True, mutable=False),
    SetOf("drop_dispositions", Enum("drop_dispositions", DISPOSITIONS), required_to_create=True),
    Enum("folder", FOLDERS, nullable=True),
    Uuid("integration_id", nullable=True),
    SetOf("ip_restrictions", Network("ip_restrictions"), required_to_create=True),
    Integer("lookback_hops", 1, 20),
    SetOf("regions", Enum("regions", REGIONS), required_to_create=True),
    Boolean("require_tls_inbound"),
    Boolean("require_tls_outbound"),
    Setting("transport"),
)
SETTINGS_BY_NAME = dict((setting.name, setting) for setting in SETTINGS)
# What POST .../domains needs; the other settings are optional when creating.
REQUIRED_TO_CREATE = tuple(setting.name for setting in SETTINGS if setting.required_to_create)
# What PATCH .../domains/{id} and the batch's patches accept.
MUTABLE = tuple(setting.name for setting in SETTINGS if setting.mutable)
DOMAIN_ID = Identifier("domain_id")
DOMAIN_NAME = SETTINGS_BY_NAME["domain"]


def settings_argument_spec(exclude: Iterable[str] = ()) -> Dict[str, Dict[str, Any]]:
    """Argument spec entries for the fields: optional, no default (unset means leave alone)."""
    return dict((setting.name, setting.argument_spec()) for setting in SETTINGS if setting.name not in exclude)


def desired_settings(params: Dict[str, Any]) -> Dict[str, Any]:
    """Canonical values of the fields a task sets; fields left unset (None) are not managed."""
    return dict((setting.name, setting.from_task(params[setting.name])) for setting in SETTINGS if params.get(setting.name) is not None)


def current_settings(domain: Dict[str, Any], names: Iterable[str]) -> Dict[str, Any]:
    """Canonical values the API reports for ``names`` (None where the API has no value)."""
    return dict((name, SETTINGS_BY_NAME[name].from_api(domain.get(name))) for name in names)


def changed_settings(desired: Dict[str, Any], current: Dict[str, Any]) -> Dict[str, Any]:
    """The desired fields whose canonical value differs from the current one."""
    return dict((name, value) for name, value in desired.items() if current.get(name) != value)


def predicted_domain(domain: Dict[str, Any], changes: Dict[str, Any]) -> Dict[str, Any]:
    """The domain object the API should return after applying ``changes``."""
    predicted = dict(domain)
    predicted.update(changes)
    return predicted


def body_problems(body: Any, allowed: Iterable[str], required: Iterable[str] = (), null_when_optional: bool = False) -> List[Tuple[str, str]]:
    """(field, problem) for each way the API would refuse ``body`` as a domain's fields (the fake's rules).

    ``null_when_optional``: a field that is not required may be null (as in a create).
    """
    if not isinstance(body, dict):
        return [("", "the body must be a JSON object")]
    allowed, required = set(allowed), set(required)
    problems = [(name, "missing, and required") for name in sorted(required) if name not in body]
    for name, value in body.items():
        if name not in allowed:
            problems.append((name, "unknown field"))
        elif value is None and null_when_optional and name not in required:
            continue
        else:
            problem = SETTINGS_BY_NAME[name].api_problem(value)
            if problem:
                problems.append((name, problem))
    return problems
