# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import pytest

from ansible_collections.cloudflare_community.email_security.plugins.module_utils._domain import (
    DOMAIN,
    SETTINGS,
)
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._resource import (
    InvalidValue,
)

DOCUMENTED_FIELDS = {
    "allowed_delivery_modes",
    "domain",
    "drop_dispositions",
    "folder",
    "integration_id",
    "ip_restrictions",
    "lookback_hops",
    "regions",
    "require_tls_inbound",
    "require_tls_outbound",
    "transport",
}


def reported(domain, names):
    """The canonical values the model reads from an API object, for ``names``."""
    current = DOMAIN.current(domain)
    return dict((name, current[name]) for name in names)


def params(**values):
    all_unset = dict((setting.name, None) for setting in SETTINGS)
    all_unset.update(values)
    return all_unset


def test_every_documented_field_is_declared_once_with_no_default():
    spec = DOMAIN.argument_spec()
    assert set(spec) == DOCUMENTED_FIELDS
    assert len(SETTINGS) == len(DOCUMENTED_FIELDS)
    assert all("default" not in entry and not entry.get("required") for entry in spec.values())
    assert spec["regions"] == {"type": "list", "elements": "str", "choices": ["GLOBAL", "AU", "DE", "IN", "US"]}
    assert spec["lookback_hops"] == {"type": "int"}
    assert spec["folder"] == {"type": "str", "choices": ["AllItems", "Inbox", ""]}


def test_unset_fields_are_not_managed():
    assert DOMAIN.desired(params()) == {}
    assert DOMAIN.desired(params(require_tls_inbound=False)) == {"require_tls_inbound": False}


def test_lists_are_sets():
    desired = DOMAIN.desired(params(regions=["US", "DE", "US"]))
    api_object = {"regions": ["de", "US"]}
    assert desired == {"regions": ["DE", "US"]}
    assert DOMAIN.changes(desired, api_object) == {}


def test_an_empty_list_is_a_value_not_unset():
    desired = DOMAIN.desired(params(ip_restrictions=[]))
    assert DOMAIN.changes(desired, {"ip_restrictions": ["192.0.2.0/24"]}) == {"ip_restrictions": []}


@pytest.mark.parametrize(
    "given, reported",
    [
        ("2001:db8::/32", "2001:DB8::/32"),
        ("2001:DB8:0:0::/32", "2001:db8::/32"),
        ("192.0.2.7", "192.0.2.7/32"),
        ("2001:db8::1", "2001:db8::1/128"),
        ("192.0.2.0/24", " 192.0.2.0/24 "),
    ],
)
def test_networks_compare_canonically(given, reported):
    desired = DOMAIN.desired(params(ip_restrictions=[given]))
    assert DOMAIN.changes(desired, {"ip_restrictions": [reported]}) == {}


def test_networks_are_sent_canonically():
    assert DOMAIN.desired(params(ip_restrictions=["2001:DB8::/32", "192.0.2.7"])) == {"ip_restrictions": ["192.0.2.7/32", "2001:db8::/32"]}


@pytest.mark.parametrize("bad", ["192.0.2.0/33", "not-a-network", "192.0.2.1/24", ""])
def test_bad_networks_name_the_option(bad):
    with pytest.raises(InvalidValue, match="^ip_restrictions entries must be IPv4/IPv6 addresses or networks"):
        DOMAIN.desired(params(ip_restrictions=[bad]))


def test_host_bits_get_a_hint():
    with pytest.raises(InvalidValue, match=r"did you mean 192\.0\.2\.0/24\?"):
        DOMAIN.desired(params(ip_restrictions=["192.0.2.1/24"]))


def test_unparsable_networks_from_the_api_still_compare():
    desired = DOMAIN.desired(params(ip_restrictions=["192.0.2.0/24"]))
    api_object = {"ip_restrictions": ["Junk"]}
    current = reported(api_object, desired)
    assert current == {"ip_restrictions": ["junk"]}
    assert DOMAIN.changes(desired, api_object) == desired


def test_enums_from_the_api_compare_case_insensitively():
    desired = DOMAIN.desired(params(folder="AllItems", drop_dispositions=["MALICIOUS-BEC"], allowed_delivery_modes=["RETRO_SCAN"]))
    api_object = {"folder": "allitems", "drop_dispositions": ["malicious-bec"], "allowed_delivery_modes": ["Retro_Scan"]}
    assert DOMAIN.changes(desired, api_object) == {}


def test_an_unknown_enum_value_from_the_api_is_a_difference():
    desired = DOMAIN.desired(params(folder="Inbox"))
    api_object = {"folder": "Junk"}
    current = reported(api_object, desired)
    assert current == {"folder": "Junk"}
    assert DOMAIN.changes(desired, api_object) == {"folder": "Inbox"}


@pytest.mark.parametrize("value", [0, 21, -1])
def test_lookback_hops_range(value):
    with pytest.raises(InvalidValue, match="^lookback_hops must be between 1 and 20, got %d$" % value):
        DOMAIN.desired(params(lookback_hops=value))


def test_lookback_hops_from_the_api_as_a_float():
    desired = DOMAIN.desired(params(lookback_hops=2))
    assert DOMAIN.changes(desired, {"lookback_hops": 2.0}) == {}


@pytest.mark.parametrize("bad", ["123", "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26", "{182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e}", "182bd5e56e1a4fe4a799aa6d9a6ab26e"])
def test_integration_id_must_be_a_uuid(bad):
    with pytest.raises(InvalidValue, match="^integration_id must be a uuid"):
        DOMAIN.desired(params(integration_id=bad))


def test_integration_id_compares_case_insensitively():
    desired = DOMAIN.desired(params(integration_id="182BD5E5-6E1A-4FE4-A799-AA6D9A6AB26E"))
    assert desired == {"integration_id": "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e"}
    assert DOMAIN.changes(desired, {"integration_id": "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e"}) == {}


def test_domain_names_ignore_case_and_the_trailing_dot():
    desired = DOMAIN.desired(params(domain="Example.COM."))
    assert desired == {"domain": "example.com"}
    assert DOMAIN.changes(desired, {"domain": "EXAMPLE.com"}) == {}


@pytest.mark.parametrize("bad", ["", "   ", "exa mple.com", "."])
def test_domain_names_must_look_like_names(bad):
    with pytest.raises(InvalidValue, match="^domain must be a domain name"):
        DOMAIN.desired(params(domain=bad))


def test_booleans_and_strings_compare_exactly():
    desired = DOMAIN.desired(params(require_tls_inbound=True, require_tls_outbound=False, transport="mx.example.com"))
    api_object = {"require_tls_inbound": True, "require_tls_outbound": None, "transport": "MX.example.com"}
    assert DOMAIN.changes(desired, api_object) == {"require_tls_outbound": False, "transport": "mx.example.com"}


def test_missing_fields_in_the_api_object_are_none():
    desired = DOMAIN.desired(params(regions=["US"]))
    api_object = {}
    current = reported(api_object, desired)
    assert current == {"regions": None}
    assert DOMAIN.changes(desired, api_object) == {"regions": ["US"]}
