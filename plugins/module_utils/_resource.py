# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The resource model: typed fields and the declaration of one Email Security resource.

This file is private to the collection: its interface may change without notice.
A resource (a protected domain, an allow policy, ...) is declared once as a
``Resource``: its fields (type, allowed values, documentation, whether the API
accepts null, whether creating needs it, whether it may change), its natural
key, its endpoint and whether it has a batch call. The modules' argument specs,
validation, comparison, request bodies and option docs, and the test fake's
checks, are all derived from it. Values are normalised to one canonical,
JSON-friendly form on both sides (what the task asks for and what the API
reports) so that ``==`` decides "changed".
It imports nothing from Ansible, so that the test fake and the docs generator can load it too.
"""

from __future__ import annotations

import datetime
import ipaddress
import json
import re
from typing import Any, Callable, Dict, Iterable, List, Optional, Sequence, Tuple, Union

_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
_POSITIVE_INTEGER = re.compile(r"^[1-9][0-9]{0,18}$")
_DNS_LABEL = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
# The spelling that clears a nullable field.
CLEAR = ""
Doc = Union[str, Sequence[str]]


class InvalidValue(ValueError):
    """A value given in a task that the API would not accept; the text names the option."""


class Setting:
    """A field of a resource, a string compared exactly unless a subclass says otherwise.

    ``doc``: the option's description. ``nullable``: the API accepts null for it, which a task asks for with an
    empty string. ``required_to_create``: creating needs it. ``mutable``: it may be changed after creation.
    ``create_default``: the value a create sends when the task leaves the field unset (None: nothing is sent).
    ``retired``: the field is past its end of life; the API still reports it, but a task may not set it (the text
    says what replaces it). ``read_only``: the API accepts it, but it belongs to another system (a directory
    sync): the modules report it and never set it.
    """

    argument_type = "str"
    json_type: Tuple[type, ...] = (str,)
    elements: Optional[str] = None
    choices: Optional[Tuple[str, ...]] = None
    # Values the API may report but refuses in a request (see Enum).
    reported_only: Tuple[str, ...] = ()

    def __init__(
        self,
        name: str,
        doc: Doc = (),
        nullable: bool = False,
        required_to_create: bool = False,
        mutable: bool = True,
        create_default: Any = None,
        retired: Optional[str] = None,
        read_only: bool = False,
    ) -> None:
        self.name = name
        self.doc = [doc] if isinstance(doc, str) else list(doc)
        self.nullable = nullable
        self.required_to_create = required_to_create
        self.mutable = mutable
        self.create_default = create_default
        self.retired = retired
        self.read_only = read_only

    @property
    def known_choices(self) -> Tuple[str, ...]:
        """Every value the API may report: what a task may set, and what it may only read (a list filter takes both)."""
        return (self.choices or ()) + self.reported_only

    def argument_spec(self) -> Dict[str, Any]:
        spec: Dict[str, Any] = {"type": self.argument_type}
        if self.elements:
            spec["elements"] = self.elements
        if self.choices:
            spec["choices"] = list(self.choices) + ([CLEAR] if self.nullable else [])
        return spec

    def filter_spec(self) -> Dict[str, Any]:
        """The argument spec of this field as a list filter: any value the API may report."""
        spec: Dict[str, Any] = {"type": self.argument_type}
        if self.elements:
            spec["elements"] = self.elements
        if self.known_choices:
            spec["choices"] = list(self.known_choices)
        return spec

    def from_task(self, value: Any) -> Any:
        """Canonical form of a value given in a task; raises InvalidValue."""
        if self.retired:
            raise InvalidValue("%s is past its end of life and Cloudflare no longer accepts it; %s" % (self.name, self.retired))
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
        return self.type_problem(value)

    def type_problem(self, value: Any) -> Optional[str]:
        """Why a non-null JSON ``value`` is not of this field's type, or None."""
        if not isinstance(value, self.json_type) or (isinstance(value, bool) and bool not in self.json_type):
            return "is %s, expected %s" % (_json_kind(value), " or ".join(_JSON_KINDS.get(kind, kind.__name__) for kind in self.json_type))
        return None

    def answer_problem(self, value: Any) -> Optional[str]:
        """Why a value the API reported is not of the shape the contract gives (null is always allowed), or None."""
        return None if value is None else self.type_problem(value)


_JSON_KINDS = {str: "a string", int: "a number", float: "a number", bool: "a boolean", list: "a list", dict: "an object"}


def _json_kind(value: Any) -> str:
    for kind in (bool, str, int, float, list, dict):
        if isinstance(value, kind):
            return _JSON_KINDS[kind]
    return "null" if value is None else "a %s" % type(value).__name__


class DomainName(Setting):
    """A DNS name: case-insensitive, without the root's trailing dot, internationalised names in IDNA form.

    Names are mapped as IDNA 2008 with UTS #46 (``faß.example`` is ``xn--fa-hia.example``, not ``fass.example``
    as Python's IDNA 2003 codec would make it); a name that cannot be encoded is refused.
    """

    def check(self, value: Any) -> str:
        if isinstance(value, str) and not value.isascii() and _idna() is None:
            raise InvalidValue("%s %r is an internationalised name, which needs the Python library idna (requests brings it)" % (self.name, value))
        name = self.from_api(value)
        if not isinstance(name, str) or not is_dns_name(name):
            raise InvalidValue(
                "%s must be a domain name such as example.com (labels of letters, digits and hyphens, at least two, not an IP address), got %r"
                % (self.name, value)
            )
        return name

    def from_api(self, value: Any) -> Any:
        return canonical_name(value) if isinstance(value, str) else value


def canonical_name(text: str) -> str:
    """A domain name in lower case, without the root's dot, in IDNA form; what cannot be encoded is left as it is."""
    name = text.strip()
    name = name[:-1] if name.endswith((".", "\u3002")) else name
    codec = None if name.isascii() else _idna()
    if codec is None:
        return name.lower()
    try:
        return codec.encode(name, uts46=True, transitional=False).decode("ascii")
    except (codec.IDNAError, UnicodeError, ValueError):
        return name.lower()


def _idna() -> Any:
    """The idna library, imported only for an internationalised name (its tables cost every run ~8 ms), or None."""
    try:
        import idna  # pylint: disable=import-outside-toplevel
    except ImportError:  # requests brings it wherever the modules run
        return None
    return idna


def is_dns_name(name: str) -> bool:
    """Whether ``name`` (ASCII, lower case) is a host name of at least two labels (an IPv4 address is not)."""
    labels = name.split(".")
    return len(name) <= 253 and len(labels) >= 2 and all(_DNS_LABEL.match(label) for label in labels) and not labels[-1].isdigit() and name.isascii()


class Enum(Setting):
    """One of a fixed set of spellings; the API's spelling is matched case-insensitively.

    ``reported_only``: spellings the API may still report but refuses in a request (deprecated values).
    """

    def __init__(self, name: str, choices: Iterable[str], reported_only: Iterable[str] = (), any_case: bool = False, **kwargs: Any) -> None:
        super().__init__(name, **kwargs)
        self.choices = tuple(choices)
        self.reported_only = tuple(reported_only)
        # A task may spell it in any case (a list filter such as a domain's status): checked here, not by Ansible.
        self.any_case = any_case
        self._canonical = dict((choice.lower(), choice) for choice in self.known_choices)

    def argument_spec(self) -> Dict[str, Any]:
        spec = super().argument_spec()
        if self.any_case:
            spec.pop("choices", None)
        elif self.reported_only:
            spec["choices"] = list(self.known_choices) + ([CLEAR] if self.nullable else [])
        return spec

    def filter_spec(self) -> Dict[str, Any]:
        spec = super().filter_spec()
        if self.any_case:
            spec.pop("choices", None)
        return spec

    def check(self, value: Any) -> Any:
        """A reported-only value is taken from a task too, to identify an object; no write may carry it (see Resource)."""
        canonical = self.from_api(value) if self.any_case else value
        if canonical not in self.known_choices:
            raise InvalidValue("%s must be one of %s%s, got %r" % (self.name, ", ".join(self.known_choices), " (in any case)" if self.any_case else "", value))
        return canonical

    def from_api(self, value: Any) -> Any:
        if isinstance(value, str):
            return self._canonical.get(value.lower(), value)
        return value

    def api_problem(self, value: Any) -> Optional[str]:
        problem = super().api_problem(value)
        writable = self.choices or ()
        if problem is None and value is not None and value not in writable:
            problem = "%r is not one of %s" % (value, ", ".join(writable))
        return problem


class Text(Setting):
    """A string that must not be empty, kept exactly as given: never trimmed, so that a regular expression keeps its meaning.

    ``max_length``: the most characters the API takes (Cloudflare's documented limits). ``regex``: the value is a
    regular expression and must compile.
    """

    def __init__(self, name: str, max_length: Optional[int] = None, regex: bool = False, **kwargs: Any) -> None:
        super().__init__(name, **kwargs)
        self.max_length = max_length
        self.regex = regex

    def check(self, value: Any) -> str:
        problem = self.text_problem(value) if isinstance(value, str) else "must be a string"
        if problem:
            raise InvalidValue("%s %s" % (self.name, problem))
        return value

    def api_problem(self, value: Any) -> Optional[str]:
        return super().api_problem(value) or (self.text_problem(value) if isinstance(value, str) else None)

    def text_problem(self, text: str) -> Optional[str]:
        if not text.strip():
            return "must not be empty"
        if self.max_length is not None and len(text) > self.max_length:
            return "is %d characters long; Cloudflare takes at most %d" % (len(text), self.max_length)
        return regex_problem(text) if self.regex else None


def regex_problem(pattern: str) -> Optional[str]:
    """Why ``pattern`` is not a regular expression that compiles, or None."""
    try:
        re.compile(pattern)
    except re.error as exc:
        return "is not a regular expression that compiles (%s)" % exc
    return None


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

    def answer_problem(self, value: Any) -> Optional[str]:
        return super().answer_problem(self.from_api(value))

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

    def __init__(self, name: str, item: Setting, min_items: int = 0, max_items: Optional[int] = None, **kwargs: Any) -> None:
        super().__init__(name, **kwargs)
        self.item = item
        self.choices = item.choices
        self.min_items = min_items
        self.max_items = max_items

    def check(self, value: Any) -> List[Any]:
        values = _sorted_unique(self.item.check(item) for item in value)
        problem = self.size_problem(values)
        if problem:
            raise InvalidValue("%s %s" % (self.name, problem))
        return values

    def size_problem(self, values: List[Any]) -> Optional[str]:
        """Why the API would refuse this many distinct values, or None."""
        if len(values) < self.min_items:
            return "must hold at least %d value%s; Cloudflare refuses an empty list" % (self.min_items, "s" if self.min_items > 1 else "")
        if self.max_items is not None and len(values) > self.max_items:
            return "holds %d values; Cloudflare takes at most %d" % (len(values), self.max_items)
        return None

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
            problem = self.size_problem(_sorted_unique(value))
        return problem

    def answer_problem(self, value: Any) -> Optional[str]:
        problem = super().answer_problem(value)
        if problem is None and value is not None:
            for index, item in enumerate(value):
                item_problem = self.item.answer_problem(item)
                if item_problem:
                    return "item %d %s" % (index, item_problem)
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

    def answer_problem(self, value: Any) -> Optional[str]:
        """An id the API reports must be one a task could give: ``.`` or ``..`` must never reach a URL."""
        try:
            self.check(value)
        except InvalidValue:
            return "is %s, not a uuid or a positive integer" % (json.dumps(value) if isinstance(value, (str, int)) else _json_kind(value))
        return None


class OpaqueId(Identifier):
    """An id Cloudflare makes up (a message's investigate id): letters, digits and ``._:=+-``, compared exactly."""

    def check(self, value: Any) -> str:
        text = value if isinstance(value, str) else ""
        if not _OPAQUE_ID.match(text):
            raise InvalidValue(
                "%s must be ids as Cloudflare shows them (letters, digits and ._:=+-, at most 128 characters, starting with a letter or a"
                " digit), got %r" % (self.name, value)
            )
        return text

    def from_api(self, value: Any) -> Any:
        return None if value is None else str(value)

    def answer_problem(self, value: Any) -> Optional[str]:
        try:
            self.check(value)
        except InvalidValue:
            return "is %s, not an id" % (json.dumps(value) if isinstance(value, (str, int)) else _json_kind(value))
        return None


_OPAQUE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:=+-]{0,127}$")
_TIMESTAMP = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})?)?$")


class Timestamp(Setting):
    """A moment, as ISO 8601 (``2026-11-30T08:00:00Z``, or with an offset); a date alone is that day's start in UTC.

    A time without a zone is refused rather than guessed. Sent in UTC, as ``YYYY-MM-DDTHH:MM:SSZ``.
    ``past_only``: the API refuses a moment in the future (the start of a search window).
    """

    def __init__(self, name: str, past_only: bool = False, **kwargs: Any) -> None:
        super().__init__(name, **kwargs)
        self.past_only = past_only

    def check(self, value: Any) -> str:
        moment = parse_timestamp(value)
        if moment is None:
            raise InvalidValue(
                "%s must be a date such as 2026-11-30 or a time with its zone such as 2026-11-30T08:00:00Z or 2026-11-30T09:00:00+01:00,"
                " got %r" % (self.name, value)
            )
        if self.past_only and moment > datetime.datetime.now(datetime.timezone.utc):
            raise InvalidValue("%s must not be in the future (Cloudflare refuses it), got %r" % (self.name, value))
        return utc_text(moment)

    def from_api(self, value: Any) -> Any:
        moment = parse_timestamp(value)
        return value if moment is None else utc_text(moment)


def utc_text(moment: datetime.datetime) -> str:
    """A moment (in UTC) as the modules send it: ``YYYY-MM-DDTHH:MM:SSZ``."""
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_timestamp(value: Any) -> Optional[datetime.datetime]:
    """The moment ``value`` names, in UTC, or None (also for a time without a zone)."""
    found = _TIMESTAMP.match(value.strip()) if isinstance(value, str) else None
    if not found:
        return None
    year, month, day, hour, minute, second, zone = found.groups()
    if hour is not None and zone is None:
        return None
    offset = datetime.timedelta(0)
    if zone and zone not in "Zz":
        sign = -1 if zone[0] == "-" else 1
        digits = zone[1:].replace(":", "")
        offset = sign * datetime.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    try:
        moment = datetime.datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0), tzinfo=datetime.timezone(offset))
    except ValueError:
        return None
    return moment.astimezone(datetime.timezone.utc)


def _sorted_unique(values: Iterable[Any]) -> List[Any]:
    """Distinct values in a stable order; works for anything JSON can hold, hashable or not."""
    unique: Dict[str, Any] = {}
    for value in values:
        unique.setdefault(json.dumps(value, sort_keys=True), value)
    return [unique[key] for key in sorted(unique)]


Record = Dict[str, Any]


class Resource:
    """The declaration of one kind of Email Security object.

    ``kind``: its singular name in module names (``allow_policy``); ``plural``: the plural in module and result
    names (``allow_policies``); ``title`` and ``plural_title``: the nouns in messages (``allow policy``, ``allow
    policies``; by default the plural with spaces); ``path``: the endpoint under
    ``/accounts/{account_id}/email-security/settings/``; ``id_option``: the option naming one object by id;
    ``key``: the fields that identify an object among the others (its natural key); ``batch``: whether the API
    has a ``.../batch`` call; ``order``: the list order that pages in a stable way; ``list_filters``: the
    list's query parameters a task may set; ``list_orders``: the orders the list takes (the contract's);
    ``key_defaults``: the value a key field unset in the task has when objects are matched (``is_regex``:
    false); ``key_fold``: key fields matched case-insensitively (the field itself still compares exactly,
    so a change of case is a change, not another object).
    ``atomic_batch``: Cloudflare documents the batch call as atomic (a refused batch applied nothing).
    ``key_filter``: a list filter that narrows a lookup by natural key on the server (the match is still made
    here). ``name_field``: the key is one name that cannot change (a protected domain's): messages say "named";
    ``renaming`` is the sentence that says what to do instead (``{actual}`` and ``{wanted}`` are filled in).
    ``list_key``: the result key of the _info module (default: ``plural``); ``deprecated_list_key``: an older
    name of it, still returned until it is removed.
    ``sort_key``: the fields the _info module orders its result by, so that two runs return the same order.
    ``message_contents``: its answers may hold mail (subjects, addresses, contents), which no error may quote.
    ``normalise`` canonicalises fields that depend on each other (a pattern on its type); ``problems`` says why
    the API would refuse a whole record (the fake's rule and the modules' check before any request);
    ``warnings`` what a valid record deserves a warning for; ``locked`` why an object must never be changed or
    removed by a task (it is synced from elsewhere), or None.
    """

    def __init__(
        self,
        kind: str,
        plural: str,
        title: str,
        path: str,
        fields: Sequence[Setting],
        key: Sequence[str],
        id_option: Optional[str],
        batch: bool,
        order: Dict[str, str],
        list_filters: Sequence[Setting] = (),
        key_defaults: Optional[Record] = None,
        normalise: Optional[Callable[[Record], Record]] = None,
        problems: Optional[Callable[[Record], List[Tuple[str, str]]]] = None,
        warnings: Optional[Callable[[Record], List[str]]] = None,
        plural_title: Optional[str] = None,
        list_orders: Sequence[str] = (),
        key_fold: Sequence[str] = (),
        locked: Optional[Callable[[Record], Optional[str]]] = None,
        atomic_batch: bool = False,
        sort_key: Sequence[str] = ("created_at", "id"),
        key_filter: Optional[str] = None,
        name_field: Optional[str] = None,
        renaming: Tuple[str, str] = ("", ""),
        list_key: Optional[str] = None,
        deprecated_list_key: Optional[str] = None,
        id_field: str = "id",
        id_type: Optional[Identifier] = None,
        message_contents: bool = False,
    ) -> None:
        self.kind = kind
        self.plural = plural
        self.title = title
        self.plural_title = plural_title or plural.replace("_", " ")
        self.path = path
        self.fields = tuple(fields)
        self.by_name = dict((field.name, field) for field in self.fields)
        self.key = tuple(key)
        # No id option: the list cannot be read one object at a time (submissions, PhishGuard reports).
        self.id_option = id_option
        self.id = id_type or Identifier(id_option or id_field)
        self.id_field = id_field
        self.batch = batch
        self.order = dict(order)
        self.list_filters = tuple(list_filters)
        self.key_defaults = dict(key_defaults or {})
        self._normalise = normalise
        self._problems = problems
        self._warnings = warnings
        self._locked = locked
        self.list_orders = tuple(list_orders)
        self.key_fold = tuple(key_fold)
        self.atomic_batch = atomic_batch
        self.sort_key = tuple(sort_key)
        self.key_filter = key_filter
        self.name_field = name_field
        self.renaming = renaming
        self.list_key = list_key or plural
        self.deprecated_list_key = deprecated_list_key
        self.message_contents = message_contents
        # What a create needs, what a PATCH (and a batch patch) accepts, what a task may set.
        self.required_to_create = tuple(field.name for field in self.fields if field.required_to_create)
        self.mutable = tuple(field.name for field in self.fields if field.mutable and not field.retired)
        self.writable = tuple(field.name for field in self.fields if not field.retired and not field.read_only)

    # -- from a task

    def argument_spec(self, exclude: Iterable[str] = ()) -> Dict[str, Dict[str, Any]]:
        """Argument spec entries for the fields a task may set: optional, no default (unset means leave alone).

        Retired fields are there so that a task setting one gets a clear error.
        """
        return dict((field.name, field.argument_spec()) for field in self.task_fields() if field.name not in exclude)

    def task_fields(self) -> Tuple[Setting, ...]:
        """The fields that are options of the modules: all but the read-only ones."""
        return tuple(field for field in self.fields if not field.read_only)

    def desired(self, params: Dict[str, Any]) -> Record:
        """Canonical values of the fields a task sets (None: not managed); raises InvalidValue."""
        wanted = dict((field.name, field.from_task(params[field.name])) for field in self.task_fields() if params.get(field.name) is not None)
        return self.normalise(wanted)

    def check(self, record: Record) -> None:
        """Raise InvalidValue if the API would refuse ``record`` as a whole (fields that depend on each other)."""
        problems = self._problems(record) if self._problems else []
        if problems:
            raise InvalidValue("; ".join("%s %s" % (name, problem) for name, problem in problems))

    def warnings(self, record: Record) -> List[str]:
        return self._warnings(record) if self._warnings else []

    def locked(self, item: Record, current: Optional[Record] = None) -> Optional[str]:
        """Why a task must never change or remove ``item`` (as the API reports it; ``current`` its canonical form), or None."""
        return self._locked(self.current(item) if current is None else current) if self._locked else None

    def irreplaceable(self, item: Record, current: Optional[Record] = None) -> Optional[str]:
        """Why no task could create ``item`` again (it holds a value Cloudflare only reports), or None: purge keeps it."""
        current = self.current(item) if current is None else current
        for field in self.fields:
            if field.reported_only and current.get(field.name) in field.reported_only:
                return "its %s is %s, which Cloudflare no longer accepts in a write" % (field.name, current[field.name])
        return None

    def answer_problems(self, item: Any) -> List[Tuple[str, str]]:
        """(field, problem) for each field of an object the API reported that is not of the declared shape."""
        if not isinstance(item, dict):
            return [("", "is %s, expected an object" % _json_kind(item))]
        identity = item.get(self.id_field)
        problems = [(self.id_field, self.id.answer_problem(identity) or "")] if identity is not None else [(self.id_field, "is missing")]
        problems += [(field.name, field.answer_problem(item.get(field.name)) or "") for field in self.fields]
        return [(name, problem) for name, problem in problems if problem]

    def create_body(self, desired: Record) -> Tuple[Record, List[str]]:
        """The body of a create for ``desired``, with the declared defaults; and the required fields missing."""
        body = dict((field.name, field.create_default) for field in self.fields if field.create_default is not None)
        body.update(desired)
        return body, [name for name in self.required_to_create if name not in body]

    # -- from the API

    def current(self, item: Record) -> Record:
        """The canonical value of every field the API reports for ``item`` (None where it has none)."""
        return self.normalise(dict((field.name, field.from_api(item.get(field.name))) for field in self.fields))

    def normalise(self, record: Record) -> Record:
        return self._normalise(dict(record)) if self._normalise else record

    def changes(self, desired: Record, item: Record, current: Optional[Record] = None) -> Record:
        """The fields of ``desired`` whose canonical value differs from what ``item`` holds (``current``: its canonical form).

        Fields are normalised together (a pattern is read by its type), on the object as it would be.
        """
        current = self.current(item) if current is None else current
        merged = dict((name, value) for name, value in current.items() if value is not None)
        merged.update(desired)
        merged = self.normalise(merged)
        return dict((name, merged[name]) for name in desired if merged[name] != current.get(name))

    def reported_differently(self, sent: Record, answered: Record) -> List[Tuple[str, Any, Any]]:
        """(field, reported, sent) for each field of a write whose canonical value the API's answer does not hold."""
        reported = self.current(answered)
        return [(name, reported.get(name), value) for name, value in sent.items() if name in self.by_name and reported.get(name) != value]

    def key_of(self, record: Record) -> Tuple[Any, ...]:
        """The natural key of a canonical record (from the task or from the API)."""
        key = [self.key_defaults.get(name) if record.get(name) is None else record[name] for name in self.key]
        return tuple(value.lower() if name in self.key_fold and isinstance(value, str) else value for name, value in zip(self.key, key))

    def describe_key(self, key: Tuple[Any, ...]) -> str:
        return ", ".join("%s=%s" % (name, json.dumps(value)) for name, value in zip(self.key, key))

    def entry(self, item: Record, current: Optional[Record] = None) -> Record:
        """An object as the plural module takes it: the writable fields the API reports, canonical."""
        current = self.current(item) if current is None else current
        return dict((name, current[name]) for name in self.writable if current.get(name) is not None)

    def write_problem(self, body: Record, operation: str, stored: Optional[Record] = None) -> Optional[str]:
        """Why Cloudflare would refuse ``body`` as a create or an update, as one sentence, or None.

        The modules ask this of every body before they send it, with the fake's own rules, so that nothing the
        API refuses is sent (a refused item fails a whole batch).
        """
        for name, value in body.items():
            field = self.by_name.get(name)
            if field is not None and value in field.reported_only:
                return "Cloudflare no longer accepts %s %s in a write (it only reports it on old entries), so this %s cannot be %s" % (
                    name,
                    value,
                    self.title,
                    "created" if operation == "create" else "changed to it",
                )
        problems = self.body_problems(body, operation, stored)
        return "; ".join("%s %s" % (name, problem) for name, problem in problems) if problems else None

    # -- the fake's rules

    def body_problems(self, body: Any, operation: str, stored: Optional[Record] = None) -> List[Tuple[str, str]]:
        """(field, problem) for each way the API would refuse ``body`` (the fake's rules).

        ``operation``: ``create`` (the required fields, the others may be null) or ``update`` (the mutable fields,
        merged with the ``stored`` object for the rules that span fields).
        """
        if not isinstance(body, dict):
            return [("", "the body must be a JSON object")]
        creating = operation == "create"
        allowed = set(field.name for field in self.fields if creating or field.mutable)
        problems = [(name, "missing, and required") for name in self.required_to_create if creating and name not in body]
        for name, value in body.items():
            field = self.by_name.get(name)
            if name not in allowed or field is None:
                problems.append((name, "unknown field" if field is None else "cannot be changed"))
            elif field.retired and value is not None:
                problems.append((name, "is past its end of life"))
            elif value is None and creating and not field.required_to_create:
                continue
            else:
                problem = field.api_problem(value)
                if problem:
                    problems.append((name, problem))
        if not problems and self._problems:
            merged = dict(stored or {})
            merged.update(body)
            problems = self._problems(merged)
        return problems
