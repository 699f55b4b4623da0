# Copyright (c) 2026, cloudflare_community.email_security contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Every declaration (which the modules, and for the settings the test fake, use) against the API contract.

tests/data/cloudflare-sdk-5.9.0-*.json hold the field names and types, required, nullable and deprecated flags
and enum literals of the cloudflare SDK 5.9.0's types, for the domains, the other settings and the incident
endpoints, written from the wheel by tools/sdk_contract.py (tools/test checks they are what it writes). When a
new SDK changes them, this is the test that fails, not a silent drift of the modules or the fake.
"""

from __future__ import annotations

import json
import os

import pytest
import yaml

from ansible_collections.cloudflare_community.email_security.plugins.module_utils import _allow_policy, _catalog, _domain, _resource
from ansible_collections.cloudflare_community.email_security.plugins.modules import email_security_domain

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "..", "..", "..", "data", "cloudflare-sdk-5.9.0-domains.json")) as handle:
    SDK = json.load(handle)


def enum_of(setting):
    return sorted(setting.choices) if setting.choices else []


def test_the_writable_fields_are_those_of_a_patch_and_a_batch_patch():
    assert sorted(_domain.DOMAIN.mutable) == sorted(SDK["edit_params"])
    assert sorted(_domain.DOMAIN.mutable) == sorted(name for name in SDK["batch_patch"] if name != "id")
    assert "domain" not in SDK["edit_params"] and "domain" not in SDK["batch_patch"]


def test_creating_takes_every_declared_field_and_needs_the_required_ones():
    assert sorted(setting.name for setting in _domain.SETTINGS) == sorted(SDK["create_params"])
    required = [name for name, field in SDK["create_params"].items() if field["required"]]
    assert sorted(_domain.DOMAIN.required_to_create) == sorted(required)


def test_the_nullable_fields_of_a_patch_are_declared_nullable():
    assert sorted(setting.name for setting in _domain.SETTINGS if setting.nullable) == sorted(
        name for name, field in SDK["edit_params"].items() if field["nullable"]
    )


@pytest.mark.parametrize("name", sorted(SDK["create_params"]))
def test_each_field_has_the_contract_type_and_enum(name):
    field, setting = SDK["create_params"][name], _domain.DOMAIN.by_name[name]
    assert isinstance(setting, _resource.SetOf) == field["list"]
    assert enum_of(setting) == sorted(field["enum"])
    kind = setting.item if isinstance(setting, _resource.SetOf) else setting
    expected = {"int": _resource.Integer, "bool": _resource.Boolean, "enum": _resource.Enum}.get(field["type"], _resource.Setting)
    assert isinstance(kind, expected)


def test_statuses_and_list_filters_match_the_contract():
    assert list(_domain.STATUSES) == SDK["get_response"]["status"]["enum"] == SDK["list_params"]["status"]["enum"]
    assert sorted(_domain.DELIVERY_MODES) == sorted(SDK["list_params"]["allowed_delivery_mode"]["enum"])


def test_return_documents_every_field_of_the_domain_object():
    documented = yaml.safe_load(email_security_domain.RETURN)["domain"]["contains"]
    assert sorted(documented) == sorted(SDK["get_response"])
    assert "deprecated" in " ".join(documented["last_modified"]["description"]).lower()
    assert documented["status"]["sample"] in SDK["get_response"]["status"]["enum"]


def test_the_fake_rules_come_from_the_declaration():
    problems = _domain.DOMAIN.body_problems({"domain": "x.example", "folder": "inbox", "lookback_hops": True, "extra": 1}, "update")
    assert problems == [
        ("domain", "cannot be changed"),
        ("folder", "'inbox' is not one of AllItems, Inbox"),
        ("lookback_hops", "is a boolean, expected a number"),
        ("extra", "unknown field"),
    ]
    assert _domain.DOMAIN.body_problems({"folder": None, "integration_id": None}, "update") == []
    assert _domain.DOMAIN.body_problems({"lookback_hops": None}, "update") == [("lookback_hops", "must not be null")]
    missing = _domain.DOMAIN.body_problems({"domain": "x.example"}, "create")
    assert [name for name, _problem in missing] == ["allowed_delivery_modes", "drop_dispositions", "ip_restrictions", "regions"]


with open(os.path.join(HERE, "..", "..", "..", "data", "cloudflare-sdk-5.9.0-settings.json")) as handle:
    SETTINGS = json.load(handle)
RESOURCES = dict((resource.kind, resource) for resource in _catalog.RESOURCES if resource is not _domain.DOMAIN)
KINDS = sorted(RESOURCES)
TIMES = ["created_at", "last_modified", "modified_at"]


def test_every_declared_resource_has_contract_data():
    assert sorted(set(SETTINGS) - {"source"}) == KINDS


@pytest.mark.parametrize("kind", KINDS)
def test_each_resource_declares_the_contract_fields(kind):
    sdk, resource = SETTINGS[kind], RESOURCES[kind]
    assert sorted(resource.by_name) == sorted(sdk["create_params"]) == sorted(sdk["edit_params"])
    # A PATCH takes every field (retired ones too, which the modules never send).
    assert sorted(name for name, field in resource.by_name.items() if field.mutable) == sorted(sdk["edit_params"])
    required = sorted(name for name, field in sdk["create_params"].items() if field["required"])
    assert sorted(resource.required_to_create) == required
    assert sorted(name for name, field in resource.by_name.items() if field.nullable) == sorted(
        name for name, field in sdk["edit_params"].items() if field["nullable"]
    )
    for name, field in sdk["create_params"].items():
        declared = resource.by_name[name]
        kind_of = declared.item if isinstance(declared, _resource.SetOf) else declared
        assert isinstance(declared, _resource.SetOf) == field["list"], name
        assert kind_of.argument_type == {"bool": "bool", "int": "int"}.get(field["type"], "str"), name
        assert sorted(kind_of.known_choices) == sorted(field["enum"]), name
    # Every field is returned, with the object's id and times (content policies have no last_modified).
    returned = set(sdk["get_response"]) - {"id"} - set(TIMES)
    assert sorted(returned) == sorted(resource.by_name)


@pytest.mark.parametrize("kind", KINDS)
def test_each_batch_takes_the_fields_of_a_patch_and_of_a_create(kind):
    sdk, resource = SETTINGS[kind], RESOURCES[kind]
    assert resource.batch == ("batch_patch" in sdk)
    if resource.batch:
        assert sorted(sdk["batch_patch"]) == sorted(name for name, field in resource.by_name.items() if field.mutable)
        assert sorted(name for name, field in sdk["batch_post"].items() if field["required"]) == sorted(resource.required_to_create)


@pytest.mark.parametrize("kind", KINDS)
def test_each_resource_offers_the_contract_list_filters_and_orders(kind):
    sdk, resource = SETTINGS[kind], RESOURCES[kind]
    paging = {"direction", "order", "page", "per_page"}
    assert sorted(field.name for field in resource.list_filters) == sorted(set(sdk["list_params"]) - paging)
    orders = sdk["list_params"].get("order", {}).get("enum", [])
    assert list(resource.list_orders) == orders
    assert resource.order.get("order") in (orders or [None])


def test_the_retired_flags_and_the_unknown_pattern_type_are_refused_on_write():
    policy = _allow_policy.ALLOW_POLICY
    body = {"pattern": "a@example.com", "pattern_type": "EMAIL", "is_regex": False, "is_acceptable_sender": False}
    body.update(is_exempt_recipient=False, is_trusted_sender=True, verify_sender=True)
    assert policy.body_problems(body, "create") == []
    assert policy.body_problems(dict(body, is_sender=True), "create") == [("is_sender", "is past its end of life")]
    assert policy.body_problems({"pattern_type": "UNKNOWN"}, "update", stored=body) == [("pattern_type", "'UNKNOWN' is not one of EMAIL, DOMAIN, IP")]
    assert policy.body_problems({"pattern_type": "IP"}, "update", stored=body)[0][0] == "pattern"


# -- the incident-response declarations against SDK 5.9.0 (tests/data/cloudflare-sdk-5.9.0-incident.json, written by
# tools/sdk_contract.py from the wheel): the modules' options are the API's fields, with its types and enums, and never
# one the SDK marks deprecated.

with open(os.path.join(HERE, "..", "..", "..", "data", "cloudflare-sdk-5.9.0-incident.json")) as handle:
    INCIDENT = json.load(handle)
PAGING = {"page", "per_page", "cursor", "order", "direction"}


def kind_of_field(setting):
    if isinstance(setting, _resource.Timestamp):
        return "datetime"
    return {"bool": "bool", "int": "int"}.get(setting.argument_type, "enum" if setting.choices else "str")


def assert_fields_match(declared, table, leave_out=()):
    """The declared settings are the table's fields that are not deprecated (nor paging), with their types and enums."""
    expected = dict((name, field) for name, field in table.items() if not field.get("deprecated") and name not in PAGING and name not in leave_out)
    assert sorted(setting.name for setting in declared) == sorted(expected)
    for setting in declared:
        field = expected[setting.name]
        assert kind_of_field(setting) == field["type"] or (field["type"] == "date" and kind_of_field(setting) == "datetime"), setting.name
        assert sorted(setting.known_choices) == sorted(field["enum"]), setting.name


def test_the_message_search_takes_the_filters_of_the_investigate_list():
    from ansible_collections.cloudflare_community.email_security.plugins.module_utils import _message

    # metric aggregates, it does not filter.
    assert_fields_match(_message.SEARCH_FILTERS, INCIDENT["investigate_list_params"], leave_out=("metric",))
    assert INCIDENT["investigate_list_params"]["page"]["deprecated"] and not INCIDENT["investigate_list_params"]["cursor"].get("deprecated")


def test_release_move_and_reclassify_take_what_the_contract_says():
    from ansible_collections.cloudflare_community.email_security.plugins.module_utils import _message

    assert sorted(_message.FOLDERS) == sorted(INCIDENT["move_bulk_params"]["destination"]["enum"])
    assert sorted(_message.RECLASSIFICATIONS) == sorted(INCIDENT["reclassify_params"]["expected_disposition"]["enum"])
    # What the modules send: ids (never postfix_ids), and never the nonfunctional expected_disposition of a move.
    assert INCIDENT["move_bulk_params"]["postfix_ids"]["deprecated"] and INCIDENT["move_bulk_params"]["expected_disposition"]["deprecated"]
    assert INCIDENT["release_bulk_params"]["ids"]["required"]
    # The fields the modules read from a message are in its model, and none is deprecated (scanned_at, never ts).
    read = [setting.name for setting in _message.MESSAGE.fields]
    assert set(read) <= set(INCIDENT["investigate_response"]) and "scanned_at" in read and "ts" not in read
    assert not any(INCIDENT["investigate_response"][name].get("deprecated") for name in read)


def test_a_bulk_job_takes_the_search_parameters_of_the_contract():
    from ansible_collections.cloudflare_community.email_security.plugins.module_utils import _message_job

    search = INCIDENT["bulk_create_params"]["search_params"]["fields"]
    assert_fields_match(_message_job.SEARCH, search)
    assert set(_message_job.NARROWING) < set(setting.name for setting in _message_job.SEARCH)
    assert sorted(_message_job.ACTIONS) == sorted(INCIDENT["bulk_create_params"]["action"]["enum"])
    assert_fields_match(_message_job.JOB.list_filters, INCIDENT["bulk_list_params"])
    assert list(_message_job.STATUSES) == INCIDENT["bulk_job_response"]["status"]["enum"]
    assert list(_message_job.MESSAGE_STATUSES) == INCIDENT["bulk_messages_list_params"]["status"]["enum"]
    assert set(_message_job.COUNTERS) | {"total_messages_discovered"} <= set(INCIDENT["bulk_job_response"])


def test_submissions_and_phishguard_reports_take_the_filters_of_their_lists():
    from ansible_collections.cloudflare_community.email_security.plugins.module_utils import _phishguard_report, _submission

    # status is a string in the SDK; its docstring names the three values, which the declaration holds as an enum.
    table = dict(
        INCIDENT["submission_list_params"], status=dict(INCIDENT["submission_list_params"]["status"], type="enum", enum=list(_submission.REVIEW_STATUSES))
    )
    assert_fields_match(_submission.SUBMISSION.list_filters, table)
    assert list(_submission.SUBMISSION.list_orders) == INCIDENT["submission_list_params"]["order"]["enum"]
    assert_fields_match(_phishguard_report.REPORT.list_filters, INCIDENT["phishguard_report_list_params"])
