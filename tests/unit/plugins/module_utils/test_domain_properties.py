# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Properties of normalisation and diff that must hold for every value, not just the examples."""

from __future__ import annotations

import ipaddress

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from ansible_collections.cloudflare_community.email_security.plugins.module_utils._domain import (
    DOMAIN,
    SETTINGS,
)
from ansible_collections.cloudflare_community.email_security.plugins.module_utils._resource import (
    Boolean,
    DomainName,
    Enum,
    Integer,
    InvalidValue,
    Network,
    SetOf,
    Uuid,
)

settings.register_profile("project", deadline=None, max_examples=200)
settings.load_profile("project")

ENUM_SETS = [setting for setting in SETTINGS if isinstance(setting, SetOf) and isinstance(setting.item, Enum)]
SINGLE_ENUMS = [setting for setting in SETTINGS if isinstance(setting, Enum)]


@st.composite
def networks(draw):
    version = draw(st.sampled_from([4, 6]))
    address = draw(st.ip_addresses(v=version))
    prefix = draw(st.integers(min_value=0, max_value=address.max_prefixlen))
    return ipaddress.ip_network((address, prefix), strict=False)


def respellings(network):
    """Other ways to write the same network that the API or a user might use."""
    spellings = {network.with_prefixlen, network.with_prefixlen.upper(), network.exploded, network.exploded.upper(), " %s " % network.with_prefixlen}
    if network.prefixlen == network.max_prefixlen:
        spellings.update({str(network.network_address), network.network_address.exploded.upper()})
    return sorted(spellings)


def case_variants(text):
    return st.lists(st.booleans(), min_size=len(text), max_size=len(text)).map(
        lambda flags: "".join(char.upper() if flag else char.lower() for char, flag in zip(text, flags))
    )


anything_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20), lambda children: st.lists(children, max_size=4), max_leaves=8
)


@given(value=anything_json, field=st.sampled_from(SETTINGS))
def test_normalising_what_the_api_says_is_idempotent_and_never_raises(field, value):
    once = field.from_api(value)
    assert field.from_api(once) == once


@given(data=st.data(), field=st.sampled_from(ENUM_SETS))
def test_enum_sets_ignore_order_duplicates_and_letter_case(data, field):
    chosen = data.draw(st.lists(st.sampled_from(field.choices), min_size=field.min_items, max_size=12))
    reordered = data.draw(st.permutations(chosen + chosen[: data.draw(st.integers(0, len(chosen)))]))
    respelled = [data.draw(case_variants(item)) for item in reordered]
    desired = field.from_task(chosen)
    assert field.from_api(respelled) == desired
    assert field.from_task(reordered) == desired
    assert field.from_api(desired) == desired


@given(data=st.data(), field=st.sampled_from(SINGLE_ENUMS))
def test_enums_read_from_the_api_ignore_letter_case(data, field):
    choice = data.draw(st.sampled_from(field.choices))
    assert field.from_api(data.draw(case_variants(choice))) == field.from_task(choice) == choice


@given(data=st.data(), chosen=st.lists(networks(), max_size=8))
def test_network_sets_ignore_spelling_order_and_duplicates(data, chosen):
    field = DOMAIN.by_name["ip_restrictions"]
    given_by_user = [
        data.draw(st.sampled_from([net.with_prefixlen, str(net.network_address) if net.prefixlen == net.max_prefixlen else net.with_prefixlen]))
        for net in chosen
    ]
    desired = field.from_task(given_by_user)
    reported = data.draw(st.permutations([data.draw(st.sampled_from(respellings(net))) for net in chosen + chosen[:2]]))
    assert field.from_api(reported) == desired
    assert field.from_task(desired) == desired
    assert field.from_api(desired) == desired


@given(network=networks())
def test_every_spelling_of_a_network_is_one_value(network):
    field = Network("ip_restrictions")
    canonical = {field.from_api(spelling) for spelling in respellings(network)}
    assert canonical == {field.from_task(network.with_prefixlen)}


@given(value=st.integers(min_value=1, max_value=20), as_float=st.booleans())
def test_integers_survive_a_trip_through_json_numbers(value, as_float):
    field = Integer("lookback_hops", 1, 20)
    reported = float(value) if as_float else value
    assert field.from_api(reported) == field.from_task(value) == value


@given(value=st.booleans())
def test_booleans_compare_as_booleans(value):
    field = Boolean("require_tls_inbound")
    assert field.from_api(value) is field.from_task(value) is value
    assert field.from_api(not value) != value


@given(labels=st.lists(st.from_regex(r"[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?", fullmatch=True), min_size=2, max_size=4), data=st.data())
def test_domain_names_ignore_case_and_the_root_dot(labels, data):
    assume(not labels[-1].isdigit())
    field = DomainName("domain")
    name = ".".join(labels)
    respelled = data.draw(case_variants(name)) + data.draw(st.sampled_from(["", "."]))
    assert field.from_api(respelled) == field.from_task(name) == name


@given(address=st.ip_addresses(v=4))
def test_an_ipv4_address_is_not_a_domain_name(address):
    with pytest.raises(InvalidValue, match="not an IP address"):
        DomainName("domain").from_task(str(address))


@given(value=st.uuids(), data=st.data())
def test_uuids_ignore_letter_case(value, data):
    field = Uuid("integration_id")
    assert field.from_api(data.draw(case_variants(str(value)))) == field.from_task(str(value).upper()) == str(value)


def task_values(field):
    """Values a task may give for ``field``."""
    if isinstance(field, SetOf):
        return st.lists(st.sampled_from(field.choices) if field.choices else networks().map(str), min_size=field.min_items, max_size=5)
    if field.choices:
        return st.sampled_from(field.choices)
    if isinstance(field, Integer):
        return st.integers(1, 20)
    if isinstance(field, Boolean):
        return st.booleans()
    if isinstance(field, Uuid):
        return st.uuids().map(str)
    return st.from_regex(r"[a-z]{1,8}\.example", fullmatch=True)


@given(data=st.data(), field=st.sampled_from(SETTINGS))
def test_the_api_echoing_what_was_sent_is_never_a_change(data, field):
    desired = {field.name: field.from_task(data.draw(task_values(field)))}
    assert DOMAIN.changes(desired, {field.name: desired[field.name]}) == {}


@given(data=st.data(), field=st.sampled_from(SETTINGS))
def test_the_diff_is_symmetric(data, field):
    a = {field.name: field.from_task(data.draw(task_values(field)))}
    b = {field.name: field.from_task(data.draw(task_values(field)))}
    assert bool(DOMAIN.changes(a, b)) == bool(DOMAIN.changes(b, a)) == (a != b)
